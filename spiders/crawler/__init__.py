"""The crawler: Scrapy fetching a list of candidate article URLs, in a subprocess
(Twisted's reactor cannot restart inside a long-lived process). `run.run_crawl` is the
parent's side, `python -m spiders.crawler` the child's; a JSON-lines file of items is
the contract between them, and every candidate comes back as a page or a failure."""
