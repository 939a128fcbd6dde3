"""The crawler: Scrapy fetching lists of candidate article URLs in a child process that
lives for a run (Twisted's reactor cannot restart inside a long-lived process).
`run.CrawlService` is the parent's side, `python -m spiders.crawler` the child's; JSON
lines on its stdin and stdout are the contract between them, and every candidate comes
back as a page or a failure. The child's resolver (address policy) is set up once, from
`settings.run_settings`; each job's crawler gets `settings.crawl_settings`."""
