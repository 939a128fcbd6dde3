"""`kabar sources check S --live`: try one source end to end without writing the lake —
its feeds and sitemaps, one day of its dated index, and a sample of its articles
extracted — and say how complete the extracted fields are and which body lines look like
boilerplate. The tool for the day an outlet changes its layout."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from itertools import zip_longest

from flows.context import polite_fetcher
from flows.settings import Settings
from spiders.discovery.index_pages import walk
from spiders.discovery.poll import Outcome, discover
from spiders.discovery.polite import ROBOTS_DISALLOWED, PoliteFetcher
from spiders.http import make_client
from spiders.registry import Source
from spiders.robots import Robots
from transforms.extraction.extract import extract_article

SAMPLE = 10
INDEX_PAGES = 3  # of the checked day: enough to see the walk work, polite to the outlet
MIN_BODY_CHARS = 300  # a body shorter than this counts as missing
WELL_FILLED = 0.8  # a field present in fewer of the sample than this needs attention
FIELDS = ("title", "writers", "time", "body", "category")
REQUIRED = ("title", "time", "body")  # writers and category: some outlets name neither
# Lines that name the furniture outlets put in their article text.
FURNITURE = re.compile(r"^(baca( juga| selanjutnya)?|simak|lihat juga|scroll|advertisement|copyright|editor\s*:|"
                       r"penulis\s*:|pewarta\s*:|ikuti|follow|download|klik|cek video|tonton)\b|\(\w{2,5}/\w{2,5}\)$",
                       re.IGNORECASE)
ANSWERED = (Outcome.NEW, Outcome.UNCHANGED, Outcome.NOT_MODIFIED)  # an endpoint that works
REPEATED_IN = 3  # a short line that three sampled articles share is the template's, not a story's


def check_source(source: Source, settings: Settings, replay: str | None, day: date | None = None,
                 sample: int = SAMPLE) -> dict:
    """The check's findings as one JSON-ready dict (docs/schemas/sources-check.schema.json)."""
    now = datetime.now(timezone.utc)
    day = day or (now.astimezone(source.tz).date() - timedelta(days=1))
    with make_client(replay, agent=settings.user_agent, policy=settings.address_policy) as client:
        fetcher = polite_fetcher(client, source, replay, settings, Robots())
        found = discover(source, client, {}, now, fetcher=fetcher)
        endpoints = [{"url": e.url, "kind": e.kind, "ok": e.outcome in ANSWERED, "entries": e.entries,
                      "status": e.status, "error": e.error} for e in found.endpoints]
        index = None
        if source.index_pages:
            template = source.index_pages[0].url
            w = walk(template, day, fetcher.get, source.article_re, max_pages=INDEX_PAGES)
            index = {"template": template, "day": day.isoformat(), "pages": w.pages_fetched, "links": len(w.urls),
                     "ok": not w.errors, "error": "; ".join(w.errors) or None}
            from_index = w.urls
        else:
            from_index = []
        # feeds and the index in turn: an older template (in the index) shows as well as today's
        listed = [url for pair in zip_longest([c.url for c in found.candidates], from_index) for url in pair if url]
        sampled = [_sample_one(fetcher, source, url) for url in list(dict.fromkeys(listed))[:sample]]
    articles, bodies = [row for row, _ in sampled], [body for _, body in sampled]
    counts = completeness(articles)
    return {"source": source.id, "checked_at": now.isoformat(), "replay": replay, "endpoints": endpoints,
            "index": index, "sample": articles, "completeness": counts, "suspects": suspects(bodies),
            "needs_attention": needs_attention(endpoints, index, articles, counts)}


def _sample_one(fetcher: PoliteFetcher, source: Source, url: str) -> tuple[dict, str]:
    """The sampled page's row, and its extracted body ("" when it has none)."""
    got = fetcher.fetch(url, max_bytes=source.politeness.max_page_bytes)
    row = {"url": url, "status": got.status, "error": got.error, "title": None, "writers": [], "published_at": None,
           "body_chars": 0, "category": None}
    if not got.ok:
        row["error"] = got.error or f"HTTP {got.status}"
        return row, ""
    try:
        art = extract_article(got.body, got.url, tz=source.tz, drop_selectors=source.drop_selectors)
    except Exception as exc:  # one page that breaks the extractor is one finding
        row["error"] = f"extract: {type(exc).__name__}: {exc}"[:500]
        return row, ""
    row.update(title=art.title, writers=art.authors, published_at=art.published_at.isoformat() if art.published_at else None,
               body_chars=len(art.body), category=art.section)
    return row, art.body


def completeness(articles: list[dict]) -> dict:
    """How many sampled articles have each field (of `of`, the pages that extracted)."""
    read = [a for a in articles if not a["error"]]
    return {"of": len(read), "title": sum(bool(a["title"]) for a in read),
            "writers": sum(bool(a["writers"]) for a in read), "time": sum(bool(a["published_at"]) for a in read),
            "body": sum(a["body_chars"] >= MIN_BODY_CHARS for a in read), "category": sum(bool(a["category"]) for a in read)}


def suspects(bodies: list[str]) -> list[dict]:
    """Body lines that look like the outlet's furniture: a furniture word, or a short line
    that several sampled articles share; with how many articles hold each."""
    lines = [[line for line in dict.fromkeys(body.split("\n")) if line] for body in bodies]  # in text order
    shared = Counter(line for own in lines for line in own if len(line) <= 120)
    found = Counter(line for own in lines for line in own if FURNITURE.search(line.strip()) or shared[line] >= REPEATED_IN)
    return [{"line": line[:200], "articles": n} for line, n in found.most_common()]


def needs_attention(endpoints: list[dict], index: dict | None, articles: list[dict], counts: dict) -> list[str]:
    """What an operator should look at (`counts`: the sample's completeness); empty when
    the source works."""
    why = [f"{e['kind']} {e['url']}: {e['error'] or 'HTTP ' + str(e['status'])}" for e in endpoints if not e["ok"]]
    if index and not index["ok"]:
        why.append(f"index {index['template']}: {index['error']}")
    if not articles:
        why.append("no article to sample: the feeds, sitemaps and index listed none")
    for field_name in REQUIRED:
        if counts["of"] and counts[field_name] < WELL_FILLED * counts["of"]:
            why.append(f"{field_name} found in {counts[field_name]} of {counts['of']} sampled articles")
    # a page robots.txt keeps us from is the outlet's wish, not a fault
    why += [f"{a['url']}: {a['error']}" for a in articles if a["error"] and not a["error"].startswith(ROBOTS_DISALLOWED)]
    return why
