"""robots.txt for everything kabar fetches — feeds, sitemaps, index pages and (seeded into
the crawler) article pages — fetched once per origin per run and read with Protego, the
parser Scrapy uses. As RFC 9309 says: a robots.txt that is missing (4xx) allows all, one
that cannot be had (5xx, network error, a blocked address) disallows all for this run.
Crawl-delay is kept so the polite fetchers can honour it when it is longer than the
source's own delay."""
from __future__ import annotations

import threading
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from spiders.http import fetch

AGENT_TOKEN = "kabar"  # the User-agent group kabar obeys (ROBOTSTXT_USER_AGENT in the crawler)
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
MAX_ROBOTS_BYTES = 500_000


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1].lower()}"


def named_sitemaps(rules: Protego, origin: str) -> list[str]:
    """The Sitemap: lines of a robots.txt (Protego reads Site-map:, any case and leading
    blanks too), relative ones made absolute against the origin, each once."""
    return list(dict.fromkeys(urljoin(origin + "/", s.strip()) for s in rules.sitemaps if s.strip()))


class Robots:
    """The run's robots.txt per origin (thread-safe: a run's units share it)."""

    def __init__(self):
        self.bodies: dict[str, str] = {}
        self._rules: dict[str, Protego] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def rules(self, client: httpx.Client, url: str) -> Protego:
        origin = origin_of(url)
        with self._lock:
            if origin in self._rules:
                return self._rules[origin]
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one fetch per origin; other origins' fetches go on meanwhile
            if origin not in self._rules:
                body = self._fetch(client, origin)
                with self._lock:
                    self.bodies[origin], self._rules[origin] = body, Protego.parse(body)
            return self._rules[origin]

    @staticmethod
    def _fetch(client: httpx.Client, origin: str) -> str:
        result = fetch(client, f"{origin}/robots.txt", max_bytes=MAX_ROBOTS_BYTES)
        if result.ok:
            return result.body.decode("utf-8", errors="replace")
        if result.status is not None and 400 <= result.status < 500:
            return ""  # no robots.txt: everything allowed
        return DISALLOW_ALL  # unreachable: nothing allowed this run

    def allowed(self, client: httpx.Client, url: str) -> bool:
        return self.rules(client, url).can_fetch(url, AGENT_TOKEN)

    def crawl_delay(self, client: httpx.Client, url: str) -> float:
        return float(self.rules(client, url).crawl_delay(AGENT_TOKEN) or 0)

    def sitemaps(self, client: httpx.Client, url: str) -> list[str]:
        """The sitemaps the origin's robots.txt names, made absolute."""
        return named_sitemaps(self.rules(client, url), origin_of(url))

    def seed(self, client: httpx.Client, urls: list[str]) -> dict[str, str]:
        """robots.txt bodies by host, for the crawler to use instead of fetching them again."""
        for url in dict.fromkeys(map(origin_of, urls)):
            self.rules(client, url)
        with self._lock:
            return {urlsplit(origin).netloc: body for origin, body in self.bodies.items()}
