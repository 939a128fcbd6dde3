"""Typed records that travel between the rooms, each with one serialised form.

A `Candidate` is what discovery found (a URL and the hints that listed it); a
`FetchedPage` or a `FetchFailure` is what the crawler brought back for one candidate;
`RejectedArticle` says why a fetched page is no article; a `Rejection` is a URL that did
not become an article (a `rejects` row to be); a `UnitReport` counts one unit of work (a
source in ingest, a source and day in backfill) and carries its `UnitStatus`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum

from transforms.urls import article_id


class UnitStatus(StrEnum):
    """How a unit of work ended (the `runs.status` column)."""
    OK = "ok"
    FAILED = "failed"  # its feeds and sitemaps all failed, or the unit raised
    RETIRED = "retired"  # every feed and sitemap is retired: nothing polled until an operator resets one
    BACKING_OFF = "backing_off"  # every feed and sitemap is waiting after failures: nothing polled this run
    BUSY = "busy"  # another run held the source's lease for longer than this one would wait
    BLOCKED = "blocked"  # the site refused us (403/429, a challenge page, robots.txt): the day stays open
    CUT = "cut"  # a day's index went on past the page cap: what was listed is written, the day stays open
    SKIPPED = "skipped"  # nothing to do for this source (no dated index or sitemap)
    DONE_BEFORE = "done-before"  # a backfill day finished by an earlier run
    COMPLETE = "complete"  # a --gaps day whose listed articles are all in the lake

    @property
    def fine(self) -> bool:
        """Whether the unit needs no one's attention."""
        return self in (UnitStatus.OK, UnitStatus.SKIPPED, UnitStatus.DONE_BEFORE, UnitStatus.COMPLETE)


@dataclass
class Candidate:
    url: str
    source: str
    via: str
    title: str | None = None
    published_at: str | None = None  # ISO 8601 with offset
    section: str | None = None

    @property
    def article_id(self) -> str:
        return article_id(self.url)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Candidate":
        """From `to_dict()` output or an older, shorter form (absent hints are None)."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass
class FetchedPage:
    candidate: Candidate
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: str  # ISO 8601, UTC
    body: bytes
    continued: list[bytes] = field(default_factory=list)  # a split article's later pages, in order


@dataclass
class FetchFailure:
    candidate: Candidate
    reason: str
    status: int | None
    retryable: bool
    detail: str
    fetched_at: str


class RejectedArticle(ValueError):
    """A fetched page that must not become an article; `reason` is a short code, and
    `retryable` says whether a later run should fetch it again (a challenge page)."""

    def __init__(self, reason: str, detail: str = "", retryable: bool = False):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.retryable = reason, detail, retryable


class RejectReason(StrEnum):
    """Why a URL did not become an article (the `rejects.reason` column). Besides these,
    `http_<status>` (http_404, http_500, …) names a final or retryable HTTP status."""
    # discover
    FEED_ERROR = "feed_error"  # the feed could not be fetched or read
    SITEMAP_ERROR = "sitemap_error"
    OFF_SITE = "off_site"  # listed by the source's feed, but on another site
    INVALID_URL = "invalid_url"  # a listed link that is no http(s) URL
    OVER_FEED_CAP = "over_feed_cap"  # past the entries taken from one feed in a run
    OVER_RUN_CAP = "over_run_cap"  # past the pages fetched per source and run: the next run takes it
    # fetch
    BLOCKED = "blocked"  # 403/429 or a bot challenge page: tried again later, with back-off
    BLOCKED_ADDRESS = "blocked_address"  # the URL or a redirect hop points at a private or local address
    ROBOTS_DISALLOWED = "robots_disallowed"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"
    CONNECT_ERROR = "connect_error"
    CONNECTION_LOST = "connection_lost"  # the connection broke before the whole response came
    TOO_LARGE = "too_large"  # over the source's max_page_bytes
    NOT_HTML = "not_html"
    IGNORED = "ignored"  # a request the crawler dropped for another reason (the detail says)
    FETCH_ERROR = "fetch_error"  # any other failure of the download (the detail names it)
    NO_CRAWL_RESULT = "no_crawl_result"  # the crawler ended without answering for the URL
    # extract
    EMPTY_BODY = "empty_body"  # fewer than 20 words of text
    NO_PUBLICATION_TIME = "no_publication_time"
    NO_TITLE = "no_title"
    EXTRACTOR_ERROR = "extractor_error"  # the page broke the extractor (the detail names the exception)


def is_reject_reason(reason: str) -> bool:
    return reason in RejectReason._value2member_map_ or (reason.startswith("http_") and reason[5:].isdigit())


@dataclass
class Rejection:
    """A URL that entered a run and did not become an article, with where and why."""
    source: str
    url: str
    stage: str  # discover | fetch | extract
    reason: str
    detail: str = ""
    http_status: int | None = None
    retryable: bool = False


@dataclass
class UnitReport:
    """Counts of one unit of work (a source in ingest, a source and day in backfill)."""
    source: str
    day: str | None = None
    status: UnitStatus = UnitStatus.OK
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feeds_malformed: int = 0
    discovered: int = 0
    skipped_known: int = 0
    fetched: int = 0
    written: int = 0
    updated: int = 0
    rejected: int = 0
    error: str | None = None
    reject_reasons: dict[str, int] = field(default_factory=dict)
    failed_feeds: list[str] = field(default_factory=list)  # "<url>: <error>" of feeds and sitemaps that failed
    worker: str | None = None  # who ran the unit
    waited_seconds: float = 0.0  # for the source's lease

    def count_rejects(self, rejections: list[Rejection]) -> None:
        self.rejected += len(rejections)
        reasons = Counter(self.reject_reasons)
        reasons.update(r.reason for r in rejections)
        self.reject_reasons = dict(reasons)

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        """One readable line for a log."""
        unit = f"{self.source} {self.day}" if self.day else self.source
        line = (f"{unit}: {self.status}; feeds {self.feeds_polled} ({self.feeds_not_modified} unchanged), "
                f"discovered {self.discovered}, known {self.skipped_known}, fetched {self.fetched}, "
                f"written {self.written}, updated {self.updated}, rejected {self.rejected}")
        if self.reject_reasons:
            line += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.reject_reasons.items())) + ")"
        if self.waited_seconds >= 1:
            line += f"; waited {self.waited_seconds:.0f} s for the source's lease"
        return line + (f"; error: {self.error}" if self.error else "")
