"""The article fetcher: one Scrapy spider over a list of candidate URLs.

Every candidate yields exactly one item, a page or an error with a reason, so the
flow can account for each URL it handed over.
"""
from __future__ import annotations

import base64
from datetime import datetime, timezone

import scrapy
from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, ConnectionLost, DNSLookupError, TimeoutError as TxTimeoutError
from twisted.web.client import ResponseFailed, ResponseNeverReceived
from twisted.internet.defer import CancelledError

from spiders import statuses
from spiders.addresses import BlockedAddress
from spiders.crawler.guard import BLOCKED
from transforms.urls import with_query_param


def classify_failure(failure) -> tuple[str, int | None, bool]:
    """(reason, http status, retryable) for a failed request."""
    if failure.check(HttpError):
        status = failure.value.response.status
        if statuses.means_blocked(status):
            return "blocked", status, True
        return f"http_{status}", status, statuses.retry_next_run(status)
    if failure.check(IgnoreRequest):
        message = str(failure.value)
        if message.startswith(BLOCKED):
            return BLOCKED, None, False
        return ("robots_disallowed", None, False) if "robots.txt" in message else ("ignored", None, False)
    if failure.check(BlockedAddress):
        return BLOCKED, None, False
    if failure.check(TxTimeoutError, DownloadTimeoutError):
        return "timeout", None, True
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns_error", None, True
    if failure.check(ConnectError, DownloadConnectionRefusedError):
        return "connect_error", None, True
    if failure.check(DownloadCancelledError, CancelledError):  # over DOWNLOAD_MAXSIZE
        return "too_large", None, False
    if failure.check(DownloadFailedError, ResponseDataLossError, ConnectionLost, ResponseNeverReceived, ResponseFailed):
        return "connection_lost", None, True
    return "fetch_error", None, True  # the detail names the exception


class ArticleSpider(scrapy.Spider):
    name = "kabar_articles"

    def __init__(self, candidates: list[dict], single_page_param: str = "", **kwargs):
        super().__init__(**kwargs)
        self.candidates = candidates
        self.single_page_param = single_page_param

    async def start(self):
        for candidate in self.candidates:
            yield scrapy.Request(
                with_query_param(candidate["url"], self.single_page_param),
                callback=self.parse_page, errback=self.on_error, dont_filter=True,
                meta={"candidate": candidate},
            )

    def parse_page(self, response):
        if not isinstance(response, scrapy.http.TextResponse) and response.status == 200:
            yield self._error(response.request, "not_html", response.status, False,
                              f"content-type {response.headers.get('Content-Type', b'').decode('latin-1')}")
            return
        yield {
            "kind": "page",
            "candidate": response.meta["candidate"],
            "final_url": response.url,
            "status": response.status,
            "headers": {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()},
            "fetched_at": datetime.now(timezone.utc).isoformat(),
            "body_b64": base64.b64encode(response.body).decode("ascii"),
        }

    def on_error(self, failure):
        reason, status, retryable = classify_failure(failure)
        return self._error(failure.request, reason, status, retryable, repr(failure.value)[:500])

    @staticmethod
    def _error(request, reason: str, status: int | None, retryable: bool, detail: str) -> dict:
        return {
            "kind": "error", "candidate": request.meta["candidate"], "reason": reason,
            "status": status, "retryable": retryable, "detail": detail,
            "fetched_at": datetime.now(timezone.utc).isoformat(),
        }
