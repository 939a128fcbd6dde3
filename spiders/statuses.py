"""HTTP statuses and what each means for a retry: the one table that the crawler, the
feed policy and the polite index fetcher read.

- `in_run`: the crawler asks again before the run ends (Scrapy's RETRY_HTTP_CODES);
- `next_run`: a page that got it stays pending and the next run fetches it again
  (every 5xx does, listed or not);
- `retry_after`: the server's Retry-After says when to come back.
403 and 429 mean the site blocks us: an article page that gets one is `blocked` and is
tried again in a later run, with back-off.
Any status not listed and below 500 is final: the page or feed is not asked again for it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusRule:
    in_run: bool
    next_run: bool
    retry_after: bool = False


_TABLE: dict[int, StatusRule] = {
    408: StatusRule(in_run=True, next_run=True),  # Request Timeout
    425: StatusRule(in_run=False, next_run=True),  # Too Early
    429: StatusRule(in_run=True, next_run=True, retry_after=True),  # Too Many Requests
    500: StatusRule(in_run=True, next_run=True),
    502: StatusRule(in_run=True, next_run=True),
    503: StatusRule(in_run=True, next_run=True, retry_after=True),  # Service Unavailable
    504: StatusRule(in_run=True, next_run=True),
    522: StatusRule(in_run=True, next_run=True),  # Cloudflare: origin connection timed out
    524: StatusRule(in_run=True, next_run=True),  # Cloudflare: origin timed out
}
_FINAL = StatusRule(in_run=False, next_run=False)
_OTHER_5XX = StatusRule(in_run=False, next_run=True)

GONE = 410  # a feed that answers it is retired at once
BLOCKED = frozenset({403, 429})  # the site refuses us (a bot wall, rate limits): blocked, tried again later
RETRY_IN_RUN = sorted(s for s, r in _TABLE.items() if r.in_run)
RETRY_AFTER = frozenset(s for s, r in _TABLE.items() if r.retry_after)


def rule(status: int) -> StatusRule:
    return _TABLE.get(status) or (_OTHER_5XX if status >= 500 else _FINAL)


def retry_next_run(status: int) -> bool:
    return rule(status).next_run


def means_blocked(status: int | None) -> bool:
    return status in BLOCKED


def honours_retry_after(status: int | None) -> bool:
    return status in RETRY_AFTER
