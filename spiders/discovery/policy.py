"""Feed and sitemap polling policy, in the style of Media Cloud's rss-fetcher: one place
decides when an endpoint is due, how long to back off, and when to retire it.

The state of an endpoint is a plain dict kept in the lake's _state (JSON):
etag, last_modified, body_hash, last_attempt, last_success, consecutive_failures,
first_failure, next_attempt, last_error, retired {at, reason}.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from spiders import statuses

BACKOFF_BASE = timedelta(minutes=15)
BACKOFF_MAX = timedelta(hours=24)
RETRY_AFTER_MAX = timedelta(days=2)
# Retire after this many failures in a row, if the streak has lasted at least this long:
# a week-long outage of a busy site should not retire its feed on the first day.
RETIRE_AFTER_FAILURES = 10
RETIRE_MIN_STREAK = timedelta(days=3)


MAX_PAGE_ATTEMPTS = 10  # then a page that keeps failing (blocked, 5xx) is given up


def page_retry_at(attempts: int, now: datetime) -> datetime:
    """When a page that failed `attempts` times in a row (retryably) is tried again: the
    next run after the first failure, then backing off as feeds do."""
    if attempts <= 1:
        return now
    return now + min(BACKOFF_BASE * 2 ** (attempts - 2), BACKOFF_MAX)


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After as seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(timedelta(seconds=int(value)), RETRY_AFTER_MAX)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(when - now, timedelta(0)), RETRY_AFTER_MAX)


def is_due(record: dict, now: datetime) -> tuple[bool, str]:
    """(due, why not): retired endpoints never are; backed-off ones wait for next_attempt."""
    if record.get("retired"):
        return False, "retired"
    next_attempt = record.get("next_attempt")
    if next_attempt and datetime.fromisoformat(next_attempt) > now:
        return False, "backoff"
    return True, ""


def reinstate(record: dict) -> bool:
    """Clear retirement and back-off (an operator's decision that the endpoint works again),
    keeping its validators; whether there was anything to clear."""
    blocked = bool(record.get("retired") or record.get("next_attempt") or record.get("consecutive_failures"))
    record.pop("retired", None)
    record.update(next_attempt=None, consecutive_failures=0, first_failure=None, last_error=None)
    return blocked


def record_success(record: dict, now: datetime) -> None:
    record.update(last_success=now.isoformat(), consecutive_failures=0, first_failure=None, next_attempt=None,
                  last_error=None)


def record_failure(record: dict, now: datetime, error: str, status: int | None = None,
                   retry_after: str | None = None) -> None:
    failures = record.get("consecutive_failures", 0) + 1
    first = record.get("first_failure") or now.isoformat()
    record.update(consecutive_failures=failures, first_failure=first, last_error=error)
    if status == statuses.GONE:
        record["retired"] = {"at": now.isoformat(), "reason": "410 Gone"}
        return
    if failures >= RETIRE_AFTER_FAILURES and now - datetime.fromisoformat(first) >= RETIRE_MIN_STREAK:
        record["retired"] = {"at": now.isoformat(), "reason": f"{failures} failures in a row since {first[:10]}: {error}"}
        return
    wait = parse_retry_after(retry_after, now) if statuses.honours_retry_after(status) else None
    if wait is None:
        wait = min(BACKOFF_BASE * 2 ** (failures - 1), BACKOFF_MAX)
    record["next_attempt"] = (now + wait).isoformat()
