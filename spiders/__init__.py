"""Everything that speaks HTTP, and nothing about Parquet: the source registry, discovery
(feeds, sitemaps, index pages), the Scrapy crawler, the replay seams and the mirror server."""
