"""The article fetcher: one Scrapy spider over a list of candidate URLs.

Every candidate yields exactly one item, a page or an error with a reason, so the
flow can account for each URL it handed over. A split article (a source with
`split_page_param`) is one item too: its later pages are fetched one after another and
carried with the first; a later page that fails fails the article, with the page named.
"""
from __future__ import annotations

import base64
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urljoin, urlsplit

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

MAX_SPLIT_PAGES = 20  # a "page 500" link is a broken pager, not an article of 500 pages


def later_pages(url: str, hrefs: list[str], param: str) -> list[str]:
    """The later pages of a split article at `url`, from its page's links: the same
    address with `?{param}=N` (N from 2 up to the largest linked, at most
    MAX_SPLIT_PAGES), in order. Pages between linked ones are included: pagers often
    show only the first, the next and the last."""
    base = urlsplit(url)
    last = 1
    for href in hrefs:
        link = urlsplit(urljoin(url, href.strip()))
        if (link.netloc, link.path) != (base.netloc, base.path):
            continue
        for key, value in parse_qsl(link.query):
            if key == param and value.isdigit() and 1 < int(value) <= MAX_SPLIT_PAGES:
                last = max(last, int(value))
    return [with_query_param(url, f"{param}={n}") for n in range(2, last + 1)]


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

    def __init__(self, candidates: list[dict], single_page_param: str = "", split_page_param: str = "", **kwargs):
        super().__init__(**kwargs)
        self.candidates = candidates
        self.single_page_param = single_page_param
        self.split_page_param = split_page_param

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
        page = {
            "kind": "page",
            "candidate": response.meta["candidate"],
            "final_url": response.url,
            "status": response.status,
            "headers": {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()},
            "fetched_at": datetime.now(timezone.utc).isoformat(),
            "body_b64": base64.b64encode(response.body).decode("ascii"),
        }
        todo = []
        if self.split_page_param and isinstance(response, scrapy.http.TextResponse):
            todo = later_pages(response.url, response.css("a::attr(href)").getall(), self.split_page_param)
        yield self._next_part(page, todo) if todo else page

    def _next_part(self, page: dict, todo: list[str]) -> scrapy.Request:
        return scrapy.Request(todo[0], callback=self.parse_part, errback=self.on_part_error, dont_filter=True,
                              meta={"candidate": page["candidate"], "page": page, "todo": todo[1:]})

    def parse_part(self, response):
        """A later page of a split article: kept with the first; the article is yielded
        after its last page."""
        page, todo = response.meta["page"], response.meta["todo"]
        if not isinstance(response, scrapy.http.TextResponse):
            yield self._error(response.request, "not_html", response.status, False, f"split page {response.url}")
            return
        page.setdefault("continued_b64", []).append(base64.b64encode(response.body).decode("ascii"))
        yield self._next_part(page, todo) if todo else page

    def on_part_error(self, failure):
        reason, status, retryable = classify_failure(failure)
        return self._error(failure.request, reason, status, retryable,
                           f"split page {failure.request.url}: {repr(failure.value)[:400]}")

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
