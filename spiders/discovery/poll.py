"""Polling feeds and sitemaps: one routine owns the per-endpoint policy (in the style of
Media Cloud's rss-fetcher): conditional GET from the stored ETag/Last-Modified, skip a
body whose hash is unchanged, count every outcome. The caller persists the returned state
only after the candidates have been written, so a crash never leaves a validator that
hides unread articles.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum

import httpx

from spiders.discovery import policy
from spiders.discovery.feeds import parse_feed
from spiders.discovery.parsing import ParseError
from spiders.discovery.sitemaps import parse_sitemap
from spiders.http import FetchResult, fetch
from spiders.registry import Source
from transforms.records import Candidate
from transforms.urls import clean_url

MAX_SITEMAP_CHILDREN = 50


class Outcome(StrEnum):
    """What polling one feed or sitemap gave."""
    NEW = "new"
    NOT_MODIFIED = "not_modified"  # 304
    UNCHANGED = "unchanged"  # 200 with the body of last time
    ERROR = "error"
    BACKOFF = "backoff"  # not polled: waiting after failures
    RETIRED = "retired"  # not polled: gone for good until an operator resets it


@dataclass
class EndpointOutcome:
    url: str
    kind: str  # feed | sitemap
    outcome: Outcome
    entries: int = 0
    status: int | None = None
    error: str | None = None


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    endpoints: list[EndpointOutcome] = field(default_factory=list)
    off_site: list[Candidate] = field(default_factory=list)
    state: dict = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for e in self.endpoints if e.outcome == outcome)


def _poll(client: httpx.Client, url: str, kind: str, source: Source, state: dict,
          now: datetime) -> tuple[EndpointOutcome, list[Candidate], list[str]]:
    previous = state.get(url, {})
    due, why = policy.is_due(previous, now)
    if not due:  # backing off or retired: not polled, still visible in the state and the run
        return EndpointOutcome(url=url, kind=kind, outcome=Outcome(why)), [], previous.get("children", [])
    result: FetchResult = fetch(client, url, previous.get("etag"), previous.get("last_modified"))
    record = dict(previous)
    record["last_attempt"] = now.isoformat()
    outcome = EndpointOutcome(url=url, kind=kind, outcome=Outcome.ERROR, status=result.status)
    candidates: list[Candidate] = []
    children: list[str] = []
    if result.not_modified:
        outcome.outcome = Outcome.NOT_MODIFIED
    elif not result.ok:
        outcome.error = result.error or f"HTTP {result.status}"
    else:
        body_hash = hashlib.sha256(result.body).hexdigest()
        try:
            if body_hash == previous.get("body_hash"):
                outcome.outcome = Outcome.UNCHANGED
            elif kind == "feed":
                candidates = parse_feed(result.body, result.headers, source, f"feed:{url}")
                outcome.outcome = Outcome.NEW
            else:
                candidates, children = parse_sitemap(result.body, source, f"sitemap:{url}")
                outcome.outcome = Outcome.NEW
        except ParseError as exc:
            outcome.error = str(exc)
        else:
            record.update(etag=result.headers.get("etag"), last_modified=result.headers.get("last-modified"),
                          body_hash=body_hash)
            if outcome.outcome == Outcome.NEW:
                record["children"] = children
    if outcome.outcome in (Outcome.NOT_MODIFIED, Outcome.UNCHANGED):
        # An unchanged sitemap index still has children that may have changed.
        children = previous.get("children", [])
    if outcome.error:
        policy.record_failure(record, now, outcome.error, result.status, result.headers.get("retry-after"))
    else:
        policy.record_success(record, now)
    state[url] = record
    outcome.entries = len(candidates)
    return outcome, candidates, children


def _poll_all(client: httpx.Client, source: Source, endpoints: list[tuple[str, str]], state: dict,
              now: datetime) -> tuple[list[Candidate], list[EndpointOutcome]]:
    """Poll (url, kind) endpoints in order, following sitemap indexes to at most
    MAX_SITEMAP_CHILDREN children; `state` is updated in place."""
    entries, outcomes, queue, followed = [], [], list(endpoints), 0
    while queue:
        url, kind = queue.pop(0)
        outcome, candidates, children = _poll(client, url, kind, source, state, now)
        outcomes.append(outcome)
        entries += candidates
        for child in children[: max(0, MAX_SITEMAP_CHILDREN - followed)]:
            queue.append((child, "sitemap"))
            followed += 1
    return entries, outcomes


def discover(source: Source, client: httpx.Client, state: dict, now: datetime | None = None) -> Discovery:
    """Poll every feed and sitemap of a source; returns candidates and the new state."""
    now = now or datetime.now(timezone.utc)
    found = Discovery(state={k: dict(v) for k, v in state.items()})
    endpoints = [(e.url, "feed") for e in source.feeds] + [(e.url, "sitemap") for e in source.sitemaps]
    entries, found.endpoints = _poll_all(client, source, endpoints, found.state, now)
    for candidate in entries:
        (found.candidates if source.owns(candidate.url) else found.off_site).append(candidate)
    found.candidates = merge_candidates(found.candidates)
    return found


def read_sitemaps(client: httpx.Client, source: Source, urls: list[str]) -> tuple[list[Candidate], list[EndpointOutcome]]:
    """Every entry of these sitemaps and the sitemaps their indexes name (no validators:
    a backfill wants the content), with one outcome per sitemap."""
    return _poll_all(client, source, [(u, "sitemap") for u in urls], {}, datetime.now(timezone.utc))


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per article id, its URL without tracking parameters; later
    sightings fill hints the first one lacked."""
    merged: dict[str, Candidate] = {}
    for c in candidates:
        first = merged.get(c.article_id)
        if first is None:
            merged[c.article_id] = Candidate.from_dict({**c.to_dict(), "url": clean_url(c.url)})
            continue
        for key in ("title", "published_at", "section"):
            if getattr(first, key) is None:
                setattr(first, key, getattr(c, key))
    return list(merged.values())
