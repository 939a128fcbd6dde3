"""Scrapy's robots.txt middleware, seeded with the bodies the run already fetched
(spiders/robots.py), so robots.txt is fetched once per host per run, not once per crawl."""
from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.misc import build_from_crawler


class SeededRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        for netloc, body in crawler.settings.getdict("KABAR_ROBOTS").items():
            self._parsers[netloc] = build_from_crawler(self._parserimpl, crawler, body.encode("utf-8"))
