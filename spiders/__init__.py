"""Collection: source registry, feed reader, Scrapy spiders, politeness. No Parquet here."""
