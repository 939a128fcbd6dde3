"""Discovery: candidate article URLs from a source's feeds and news sitemaps.

One routine owns the per-endpoint policy (in the style of Media Cloud's rss-fetcher):
conditional GET from the stored ETag/Last-Modified, skip a body whose hash is unchanged,
count every outcome. The caller persists the returned state only after the candidates
have been written, so a crash never leaves a validator that hides unread articles.
"""
from __future__ import annotations

import email.utils
import hashlib
import io
import zlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import feedparser
import httpx
from lxml import etree

from spiders import feed_policy
from spiders.http import FetchResult, fetch
from spiders.registry import Source
from transforms import dates
from transforms.urls import article_id, clean_url

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_SITEMAP_CHILDREN = 50


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


@dataclass
class EndpointOutcome:
    url: str
    kind: str  # feed | sitemap
    outcome: str  # new | not_modified | unchanged | error | backoff | retired
    entries: int = 0
    status: int | None = None
    error: str | None = None


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    endpoints: list[EndpointOutcome] = field(default_factory=list)
    off_site: list[Candidate] = field(default_factory=list)
    state: dict = field(default_factory=dict)

    def count(self, outcome: str) -> int:
        return sum(1 for e in self.endpoints if e.outcome == outcome)


class ParseError(ValueError):
    pass


def _entry_time(text: str | None, source: Source) -> str | None:
    if not text:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None or dt.tzinfo is None:
        dt = dates.parse_any(text, source.tz)
    return dt.isoformat() if dt else None


def parse_feed(body: bytes, headers: dict[str, str], source: Source, via: str) -> list[Candidate]:
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={k: v for k, v in headers.items() if k in ("content-type", "content-location", "content-language")},
    )
    if not parsed.entries:
        if parsed.bozo:
            raise ParseError(f"not a feed: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}")
        return []
    out = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        tags = entry.get("tags") or []
        out.append(Candidate(
            url=link, source=source.id, via=via, title=(entry.get("title") or None),
            published_at=_entry_time(entry.get("published") or entry.get("updated"), source),
            section=(tags[0].get("term") if tags else None),
        ))
    return out


MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed


def gunzip_capped(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress a .gz sitemap, refusing to inflate past `limit` (gzip bombs)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise ParseError(f"gzipped sitemap inflates past {limit} bytes")
    return out


def _xml_root(body: bytes) -> etree._Element:
    if body[:2] == b"\x1f\x8b":
        body = gunzip_capped(body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"sitemap is not well-formed XML: {exc}") from None


def parse_sitemap(body: bytes, source: Source, via: str) -> tuple[list[Candidate], list[str]]:
    """News-sitemap entries (with news:title and news:publication_date, which Scrapy's
    sitemap reader drops) and, for a sitemap index, the child sitemap URLs."""
    root = _xml_root(body)
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        return [], [loc.strip() for loc in root.xpath("s:sitemap/s:loc/text()", namespaces={"s": _SITEMAP_NS})]
    if tag != "urlset":
        raise ParseError(f"not a sitemap: root element <{tag}>")
    ns = {"s": _SITEMAP_NS, "n": _NEWS_NS}
    out = []
    for url in root.xpath("s:url", namespaces=ns):
        loc = (url.findtext(f"{{{_SITEMAP_NS}}}loc") or "").strip()
        if not loc:
            continue
        published = url.xpath("string(n:news/n:publication_date)", namespaces=ns).strip() or None
        title = url.xpath("string(n:news/n:title)", namespaces=ns).strip() or None
        out.append(Candidate(url=loc, source=source.id, via=via, title=title,
                             published_at=_entry_time(published, source)))
    return out, []


def _poll(client: httpx.Client, url: str, kind: str, source: Source, state: dict,
          now: datetime) -> tuple[EndpointOutcome, list[Candidate], list[str]]:
    previous = state.get(url, {})
    due, why = feed_policy.is_due(previous, now)
    if not due:  # backing off or retired: not polled, still visible in the state and the run
        return EndpointOutcome(url=url, kind=kind, outcome=why), [], previous.get("children", [])
    result: FetchResult = fetch(client, url, previous.get("etag"), previous.get("last_modified"))
    record = dict(previous)
    record["last_attempt"] = now.isoformat()
    outcome = EndpointOutcome(url=url, kind=kind, outcome="error", status=result.status)
    candidates: list[Candidate] = []
    children: list[str] = []
    if result.not_modified:
        outcome.outcome = "not_modified"
    elif not result.ok:
        outcome.error = result.error or f"HTTP {result.status}"
    else:
        body_hash = hashlib.sha256(result.body).hexdigest()
        try:
            if body_hash == previous.get("body_hash"):
                outcome.outcome = "unchanged"
            elif kind == "feed":
                candidates = parse_feed(result.body, result.headers, source, f"feed:{url}")
                outcome.outcome = "new"
            else:
                candidates, children = parse_sitemap(result.body, source, f"sitemap:{url}")
                outcome.outcome = "new"
        except ParseError as exc:
            outcome.error = str(exc)
        else:
            record.update(etag=result.headers.get("etag"), last_modified=result.headers.get("last-modified"),
                          body_hash=body_hash)
            if outcome.outcome == "new":
                record["children"] = children
    if outcome.outcome in ("not_modified", "unchanged"):
        # An unchanged sitemap index still has children that may have changed.
        children = previous.get("children", [])
    if outcome.error:
        feed_policy.record_failure(record, now, outcome.error, result.status, result.headers.get("retry-after"))
    else:
        feed_policy.record_success(record, now)
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


def sitemaps_from_robots(client: httpx.Client, homepage: str) -> list[str]:
    """The `Sitemap:` lines of the homepage host's robots.txt (none when it is unreachable)."""
    parts = urlsplit(homepage)
    result = fetch(client, f"{parts.scheme}://{parts.netloc}/robots.txt", max_bytes=500_000)
    if not result.ok:
        return []
    lines = result.body.decode("utf-8", errors="replace").splitlines()
    return [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]


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
            merged[c.article_id] = Candidate(**{**asdict(c), "url": clean_url(c.url)})
            continue
        for key in ("title", "published_at", "section"):
            if getattr(first, key) is None:
                setattr(first, key, getattr(c, key))
    return list(merged.values())
