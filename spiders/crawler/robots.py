"""Scrapy's robots.txt middleware, seeded with the bodies the run already fetched
(spiders/robots.py), so robots.txt is fetched once per host per run, not once per crawl."""
from __future__ import annotations

import json
from pathlib import Path

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.misc import build_from_crawler


class SeededRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        seeded = crawler.settings.get("KABAR_ROBOTS_FILE")
        if seeded and Path(seeded).exists():
            for netloc, body in json.loads(Path(seeded).read_text(encoding="utf-8")).items():
                self._parsers[netloc] = build_from_crawler(self._parserimpl, crawler, body.encode("utf-8"))
