"""Polite GETs for discovery pages (index pages): a minimum interval per host, and
Retry-After honoured on 429/503 up to a cap, then the caller sees the failure."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import httpx

from spiders import statuses
from spiders.discovery.policy import parse_retry_after
from spiders.http import fetch
from transforms.urls import host_of

MAX_RETRY_WAIT_SECONDS = 120
MAX_RETRIES = 2


class PoliteFetcher:
    def __init__(self, client: httpx.Client, delay_seconds: float, sleep=time.sleep, clock=time.monotonic):
        self.client, self.delay = client, delay_seconds
        self.sleep, self.clock = sleep, clock
        self.last_request: dict[str, float] = {}

    def _wait_turn(self, host: str) -> None:
        last = self.last_request.get(host)
        if last is not None and self.delay > 0:
            remaining = self.delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self.last_request[host] = self.clock()

    def get(self, url: str) -> tuple[int | None, bytes, str | None]:
        """(status, body, error) — the shape `index_pages.walk` asks for."""
        for attempt in range(MAX_RETRIES + 1):
            self._wait_turn(host_of(url))
            result = fetch(self.client, url, max_bytes=5_000_000)
            if statuses.honours_retry_after(result.status) and attempt < MAX_RETRIES:
                wait = parse_retry_after(result.headers.get("retry-after"), datetime.now(timezone.utc))
                seconds = wait.total_seconds() if wait is not None else self.delay * 2 ** (attempt + 1)
                if seconds <= MAX_RETRY_WAIT_SECONDS:
                    self.sleep(seconds)
                    continue
            return result.status, result.body, result.error
        return result.status, result.body, result.error
