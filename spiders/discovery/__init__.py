"""Discovery: candidate article URLs from a source's feeds, news sitemaps and dated index
pages, fetched with our own HTTP client under one polling policy."""
