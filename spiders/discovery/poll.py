"""Polling feeds and sitemaps: one routine owns the per-endpoint policy (in the style of
Media Cloud's rss-fetcher): conditional GET from the stored ETag/Last-Modified, skip a
body whose hash is unchanged, count every outcome. The caller persists the returned state
only after the candidates have been written, so a crash never leaves a validator that
hides unread articles.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict, deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum

import httpx

from spiders.discovery import policy
from spiders.discovery.feeds import read_feed
from spiders.discovery.parsing import ParseError
from spiders.discovery.sitemaps import parse_sitemap
from spiders.discovery.polite import PoliteFetcher
from spiders.http import FetchResult
from spiders.registry import Source
from transforms.records import Candidate
from transforms.urls import clean_url, host_of, invalid_url, redact

MAX_SITEMAP_CHILDREN = 50
MAX_ENTRIES = 1000  # per feed or sitemap and run (KABAR_MAX_FEED_ENTRIES)
MAX_POLLS_IN_FLIGHT = 32  # endpoints of different hosts polled at once; one at a time per host


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
    malformed: str | None = None  # what feedparser found wrong with a feed it still read (its bozo flag)
    over_cap: list[Candidate] = field(default_factory=list)  # entries past the per-feed cap, not taken


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    endpoints: list[EndpointOutcome] = field(default_factory=list)
    off_site: list[Candidate] = field(default_factory=list)
    invalid: list[tuple[Candidate, str]] = field(default_factory=list)  # listed links that are no URL, and why
    state: dict = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for e in self.endpoints if e.outcome == outcome)


def _poll(fetcher: PoliteFetcher, url: str, kind: str, source: Source, state: dict,
          now: datetime, max_entries: int) -> tuple[EndpointOutcome, list[Candidate], list[str]]:
    """Poll one endpoint. `url` is fetched as written; outcomes, state and the candidates'
    `via` name it without any user:password@ (redacted)."""
    shown = redact(url)
    previous = state.get(shown, {})
    due, why = policy.is_due(previous, now)
    if not due:  # backing off or retired: not polled, still visible in the state and the run
        return EndpointOutcome(url=shown, kind=kind, outcome=Outcome(why)), [], previous.get("children", [])
    result: FetchResult = fetcher.fetch(url, previous.get("etag"), previous.get("last_modified"))
    record = dict(previous)
    record["last_attempt"] = now.isoformat()
    outcome = EndpointOutcome(url=shown, kind=kind, outcome=Outcome.ERROR, status=result.status)
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
                # relative links resolve against where the feed was, after redirects
                candidates, outcome.malformed = read_feed(result.body, result.headers, source, f"feed:{shown}",
                                                          base_url=result.url or url)
                outcome.outcome = Outcome.NEW
            else:
                candidates, children = parse_sitemap(result.body, source, f"sitemap:{shown}",
                                                         base_url=result.url or url)
                outcome.outcome = Outcome.NEW
        except ParseError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # a body that breaks a parser fails only this endpoint
            outcome.error = f"parser_error: {type(exc).__name__}: {exc}"
        else:
            record.update(etag=result.headers.get("etag"), last_modified=result.headers.get("last-modified"),
                          body_hash=body_hash)
            if outcome.outcome == Outcome.NEW and kind == "feed":
                record["malformed"] = outcome.malformed
            if outcome.outcome == Outcome.NEW:
                record["children"] = children
    if outcome.outcome in (Outcome.NOT_MODIFIED, Outcome.UNCHANGED):
        # An unchanged sitemap index still has children that may have changed.
        children = previous.get("children", [])
    if outcome.error:
        policy.record_failure(record, now, outcome.error, result.status, result.headers.get("retry-after"))
    else:
        policy.record_success(record, now)
    state[shown] = record
    if len(candidates) > max_entries:  # a feed of 10,000 items is not 10,000 fetches
        candidates, outcome.over_cap = candidates[:max_entries], candidates[max_entries:]
    outcome.entries = len(candidates)
    return outcome, candidates, children


def _poll_all(fetcher: PoliteFetcher, source: Source, endpoints: list[tuple[str, str]], state: dict,
              now: datetime, max_entries: int = MAX_ENTRIES,
              probes: tuple[str, ...] = ()) -> tuple[list[Candidate], list[EndpointOutcome]]:
    """Poll (url, kind) endpoints, following sitemap indexes to at most
    MAX_SITEMAP_CHILDREN children; `state` is updated in place. Hosts are polled side by
    side (up to MAX_POLLS_IN_FLIGHT at once), each host's endpoints one at a time (the
    fetcher's pace adds the delay); results come back in the order a one-by-one poll
    gives them (listed endpoints, then their children level by level). `probes` are
    sitemap addresses guessed, not listed: polled after the rest unless already seen,
    and one that fails is no failure (it was a guess)."""
    seen = {redact(url) for url in (u for u, _ in endpoints)}
    waiting: dict[str, deque] = defaultdict(deque)  # host -> (order, url, kind, guessed)
    for i, (url, kind) in enumerate(endpoints):
        waiting[host_of(url)].append(((i,), url, kind, False))
    guesses = list(dict.fromkeys(probes))
    done: list[tuple[bool, tuple, EndpointOutcome | None, list[Candidate]]] = []
    followed = 0
    with ThreadPoolExecutor(MAX_POLLS_IN_FLIGHT, thread_name_prefix="kabar-poll") as pool:
        running: dict = {}  # future -> (host, order, guessed)

        def start_free_hosts() -> None:
            busy = {host for host, _, _ in running.values()}
            for host, queue in waiting.items():
                if queue and host not in busy:
                    order, url, kind, guessed = queue.popleft()
                    running[pool.submit(_poll, fetcher, url, kind, source, state, now, max_entries)] = (host, order, guessed)
                    busy.add(host)

        start_free_hosts()
        while running or guesses:
            if not running:  # guesses last, so that a guess a listed index already named is not polled twice
                url = guesses.pop(0)
                if redact(url) not in seen:
                    seen.add(redact(url))
                    waiting[host_of(url)].append(((len(probes) - len(guesses),), url, "sitemap", True))
                start_free_hosts()
                continue
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: running[f][1]):
                host, order, guessed = running.pop(future)
                outcome, candidates, children = future.result()
                done.append((guessed, order, None if guessed and outcome.outcome == Outcome.ERROR else outcome, candidates))
                for j, child in enumerate(children):  # an index that names itself (or loops back) is not polled again
                    if followed >= MAX_SITEMAP_CHILDREN:
                        break
                    if redact(child) not in seen:
                        seen.add(redact(child))
                        waiting[host_of(child)].append(((*order, j), child, "sitemap", False))
                        followed += 1
            start_free_hosts()
    done.sort(key=lambda d: (d[0], len(d[1]), d[1]))
    return [c for *_, cs in done for c in cs], [o for _, _, o, _ in done if o is not None]


def discover(source: Source, client: httpx.Client, state: dict, now: datetime | None = None,
             fetcher: PoliteFetcher | None = None, max_entries: int = MAX_ENTRIES) -> Discovery:
    """Poll every feed and sitemap of a source (through `fetcher`: robots.txt and the
    host's pace; default none of that), taking at most `max_entries` of each; returns
    candidates and the new state."""
    now = now or datetime.now(timezone.utc)
    found = Discovery(state={k: dict(v) for k, v in state.items()})
    endpoints = [(e.url, "feed") for e in source.feeds] + [(e.url, "sitemap") for e in source.sitemaps]
    entries, found.endpoints = _poll_all(fetcher or PoliteFetcher(client, 0), source, endpoints, found.state, now,
                                         max_entries)
    for candidate in entries:
        if why := invalid_url(candidate.url):
            found.invalid.append((candidate, why))
        else:
            (found.candidates if source.owns(candidate.url) else found.off_site).append(candidate)
    found.candidates = merge_candidates(found.candidates)
    return found


def read_sitemaps(client: httpx.Client, source: Source, urls: list[str], fetcher: PoliteFetcher | None = None,
                  probes: tuple[str, ...] = ()) -> tuple[list[Candidate], list[EndpointOutcome]]:
    """Every entry of these sitemaps and the sitemaps their indexes name (no validators:
    a backfill wants the content), with one outcome per sitemap; `probes` are guessed
    addresses, kept only when they answer."""
    return _poll_all(fetcher or PoliteFetcher(client, 0), source, [(u, "sitemap") for u in urls], {},
                     datetime.now(timezone.utc), probes=probes)


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
