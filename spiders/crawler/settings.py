"""Scrapy settings: those of the crawler process (its resolver, replay) and those of one
crawl, from the source's politeness and the replay choice."""
from __future__ import annotations

from spiders import replay as replay_seams
from spiders import statuses
from spiders.http import USER_AGENT
from spiders.registry import Source


def run_settings(replay: str | None, allow: tuple[str, ...] = ()) -> dict:
    """What the crawler process sets up once for all its crawls: the resolver every
    connection goes through (refusing blocked addresses live; plain in replay, where only
    the mirror is connected to) and its thread pool."""
    return {
        "TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingThreadedResolver" if replay else "spiders.crawler.guard.GuardedResolver",
        "KABAR_ALLOW_ADDRESSES": list(allow),
        "KABAR_REPLAY": replay,
        "REACTOR_THREADPOOL_MAXSIZE": 10,
        "LOG_LEVEL": "INFO",
    }


def crawl_settings(source: Source, replay: str | None, agent: str = USER_AGENT, allow: tuple[str, ...] = (),
                   robots: dict[str, str] | None = None, crawl_delay: float = 0.0) -> dict:
    """`allow`: networks the address policy lets through (KABAR_ALLOW_ADDRESSES);
    `robots`: robots.txt bodies by host the run fetched already; `crawl_delay`: robots.txt's."""
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
        "KABAR_ALLOW_ADDRESSES": list(allow),
        "KABAR_ROBOTS": robots or {},
        # what a crawl of a list of pages does not use: fewer components to start per crawl
        "EXTENSIONS": {"scrapy.extensions.telnet.TelnetConsole": None, "scrapy.extensions.memusage.MemoryUsage": None,
                       "scrapy.extensions.feedexport.FeedExporter": None},
        "LOGSTATS_INTERVAL": 0,
        "REDIRECT_MAX_TIMES": 5,
        "LOG_LEVEL": "INFO",
    }
    if replay:
        handler = "spiders.replay.scrapy_handler.ReplayDownloadHandler"
        settings.update({
            "KABAR_REPLAY": replay,
            "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
            "DOWNLOAD_DELAY_JITTER": 0,
            "AUTOTHROTTLE_ENABLED": False,
        })
    return settings
