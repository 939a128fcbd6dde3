"""Scrapy retries that honour Retry-After on 429 and 503.

Scrapy's own RetryMiddleware retries a 429 or 503 after the usual download delay, whatever
the server asked. This one reads Retry-After: a wait up to `KABAR_MAX_RETRY_AFTER` seconds
(default 120) becomes the host's download delay before the retry (so no request to that
host goes out sooner); a longer one is not waited for in this run — the page comes back as
a retryable error and the next run tries it (the flows keep it as `pending`). Without a
Retry-After, the usual retry applies.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.response import response_status_message

from spiders import statuses
from spiders.discovery.policy import parse_retry_after

DEFAULT_MAX_RETRY_AFTER = 120.0


class RetryAfterMiddleware(RetryMiddleware):
    def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:
        header = response.headers.get(b"Retry-After")
        if not statuses.honours_retry_after(response.status) or not header or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        wait = parse_retry_after(header.decode("latin-1"), datetime.now(timezone.utc))
        if wait is None:
            return super().process_response(request, response)
        seconds = wait.total_seconds()
        if seconds > self.crawler.settings.getfloat("KABAR_MAX_RETRY_AFTER", DEFAULT_MAX_RETRY_AFTER):
            return response  # too long for this run: a retryable error, tried again next run
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            # Counted from now, not from when the refused request went out, and raised so
            # that even the shortest jittered delay (delay × (1 - jitter)) is the wait asked.
            slot.delay = max(slot.delay, seconds / max(1.0 - slot.jitter, 0.1))
            slot.lastseen = max(slot.lastseen, time.monotonic())  # the downloader's clock
        return self._retry(request, f"{response_status_message(response.status)}, Retry-After {seconds:.0f} s") or response
