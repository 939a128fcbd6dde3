"""Polite GETs for discovery (feeds, sitemaps, index pages): robots.txt obeyed, a minimum
interval per host — the source's delay, or the robots.txt Crawl-delay when that is longer
— and, for index pages, Retry-After honoured on 429/503 up to a cap before the caller
sees the failure. A URL robots.txt disallows is not fetched: its result says so."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone

import httpx

from spiders import statuses
from spiders.discovery.policy import parse_retry_after
from spiders.http import DEADLINE_SECONDS, MAX_FEED_BYTES, FetchResult, fetch
from spiders.robots import Robots
from transforms.urls import host_of

MAX_RETRY_WAIT_SECONDS = 120
MAX_RETRIES = 2
ROBOTS_DISALLOWED = "robots_disallowed"


class Pace:
    """Each host's turn, shared by the fetchers of a run (threads included): one request
    to a host at a time, and the delay counted from the end of the last one, between
    units too, not only inside one."""

    def __init__(self, sleep=time.sleep, clock=time.monotonic):
        self.sleep, self.clock = sleep, clock
        self.last: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def turn(self, host: str, delay: float):
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self.last.get(host)
            if last is not None and delay > 0:
                remaining = delay - (self.clock() - last)
                if remaining > 0:
                    self.sleep(remaining)
            try:
                yield
            finally:
                self.last[host] = self.clock()


class PoliteFetcher:
    def __init__(self, client: httpx.Client, delay_seconds: float, robots: Robots | None = None,
                 crawl_delay: bool = True, deadline: float = DEADLINE_SECONDS, pace: Pace | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        """`robots` None fetches without asking robots.txt (tests of other things);
        `crawl_delay` False ignores Crawl-delay (replay: the mirror is ours); `deadline`
        bounds each fetch as a whole; `pace` is the run's (default: one of its own)."""
        self.client, self.delay, self.robots, self.crawl_delay = client, delay_seconds, robots, crawl_delay
        self.deadline, self.sleep = deadline, sleep
        self.pace = pace or Pace(sleep, clock)

    def _delay(self, url: str) -> float:
        if self.robots is not None and self.crawl_delay:
            return max(self.delay, self.robots.crawl_delay(self.client, url))
        return self.delay

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              max_bytes: int = MAX_FEED_BYTES) -> FetchResult:
        """One conditional GET in the host's turn, unless robots.txt disallows it."""
        if self.robots is not None and not self.robots.allowed(self.client, url):
            return FetchResult(url, None, error=f"{ROBOTS_DISALLOWED}: robots.txt of {host_of(url)} disallows it")
        with self.pace.turn(host_of(url), self._delay(url)):
            return fetch(self.client, url, etag, last_modified, max_bytes=max_bytes, deadline=self.deadline)

    def get(self, url: str) -> tuple[int | None, bytes, str | None]:
        """(status, body, error) — the shape `index_pages.walk` asks for."""
        for attempt in range(MAX_RETRIES + 1):
            result = self.fetch(url, max_bytes=5_000_000)
            if statuses.honours_retry_after(result.status) and attempt < MAX_RETRIES:
                wait = parse_retry_after(result.headers.get("retry-after"), datetime.now(timezone.utc))
                seconds = wait.total_seconds() if wait is not None else self.delay * 2 ** (attempt + 1)
                if seconds <= MAX_RETRY_WAIT_SECONDS:
                    self.sleep(seconds)
                    continue
            return result.status, result.body, result.error
        return result.status, result.body, result.error
