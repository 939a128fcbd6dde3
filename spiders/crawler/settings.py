"""Scrapy settings of one crawl, from the source's politeness and the replay choice."""
from __future__ import annotations

from spiders import replay as replay_seams
from spiders import statuses
from spiders.http import USER_AGENT
from spiders.registry import Source


def crawl_settings(source: Source, replay: str | None, agent: str = USER_AGENT, allow: tuple[str, ...] = (),
                   robots_file: str | None = None, crawl_delay: float = 0.0) -> dict:
    """`allow`: networks the address policy lets through (KABAR_ALLOW_ADDRESSES);
    `robots_file`: robots.txt bodies the run fetched already; `crawl_delay`: robots.txt's."""
    p = replay_seams.politeness(source.politeness, replay)
    delay = p.delay_seconds if replay else max(p.delay_seconds, crawl_delay)
    settings = {
        "USER_AGENT": agent,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": "kabar",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": max(2, p.concurrent_requests),
        "CONCURRENT_REQUESTS_PER_DOMAIN": p.concurrent_requests,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5,  # each delay between 0.5 and 1.5 times DOWNLOAD_DELAY
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(delay, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": p.timeout_seconds,
        "DOWNLOAD_MAXSIZE": p.max_page_bytes,
        "DOWNLOAD_WARNSIZE": p.max_page_bytes // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": p.retries,
        "RETRY_HTTP_CODES": statuses.RETRY_IN_RUN,
        # the same retries, but a 429/503 waits for its Retry-After (spiders/crawler/retry_after.py)
        "DOWNLOADER_MIDDLEWARES": {"scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                                   "spiders.crawler.retry_after.RetryAfterMiddleware": 550,
                                   "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
                                   "spiders.crawler.robots.SeededRobotsTxtMiddleware": 100,
                                   # every request and redirect hop, robots.txt included, before it is sent
                                   "spiders.crawler.guard.AddressGuardMiddleware": 50},
        "TWISTED_DNS_RESOLVER": "spiders.crawler.guard.GuardedResolver",
        "KABAR_ALLOW_ADDRESSES": list(allow),
        "KABAR_ROBOTS_FILE": robots_file,
        "REDIRECT_MAX_TIMES": 5,
        "LOG_LEVEL": "INFO",
    }
    if replay:
        handler = "spiders.replay.scrapy_handler.ReplayDownloadHandler"
        settings.update({
            "KABAR_REPLAY": replay,
            "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
            "TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingThreadedResolver",  # only the mirror is connected to
            "DOWNLOAD_DELAY_JITTER": 0,
            "AUTOTHROTTLE_ENABLED": False,
        })
    return settings
