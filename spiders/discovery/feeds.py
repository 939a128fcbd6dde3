"""RSS and Atom feeds, read by feedparser from bytes we fetched."""
from __future__ import annotations

import io

import feedparser

from spiders.discovery.parsing import ParseError, entry_time
from spiders.registry import Source
from transforms.records import Candidate

_PASSED_HEADERS = ("content-type", "content-location", "content-language")


def parse_feed(body: bytes, headers: dict[str, str], source: Source, via: str) -> list[Candidate]:
    parsed = feedparser.parse(io.BytesIO(body), response_headers={k: v for k, v in headers.items() if k in _PASSED_HEADERS})
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
            published_at=entry_time(entry.get("published") or entry.get("updated"), source),
            section=(tags[0].get("term") if tags else None),
        ))
    return out
