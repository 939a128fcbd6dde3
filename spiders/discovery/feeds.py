"""RSS and Atom feeds, read by feedparser from bytes we fetched."""
from __future__ import annotations

import io
from urllib.parse import urljoin

import feedparser

from spiders.discovery.parsing import ParseError, entry_time
from spiders.registry import Source
from transforms.records import Candidate

_PASSED_HEADERS = ("content-type", "content-location", "content-language")


def read_feed(body: bytes, headers: dict[str, str], source: Source, via: str,
              base_url: str | None = None) -> tuple[list[Candidate], str | None]:
    """A feed's entries as candidates, and what feedparser found malformed in it (its bozo
    flag; the entries of a feed it could still read are kept). `base_url` is the feed's
    own address, for relative links."""
    passed = {k.lower(): v for k, v in headers.items() if k.lower() in _PASSED_HEADERS}
    if base_url:  # the document's address; a Content-Location the server sent is taken relative to it
        passed["content-location"] = urljoin(base_url, passed.get("content-location", "").strip())
    parsed = feedparser.parse(io.BytesIO(body), response_headers=passed)
    malformed = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"[:500] if parsed.bozo else None
    if not parsed.entries:
        if parsed.bozo and not parsed.get("version"):
            raise ParseError(f"not a feed: {malformed}")
        return [], malformed
    out = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()  # feedparser empties a link that is no URL
        tags = entry.get("tags") or []
        out.append(Candidate(
            url=link, source=source.id, via=via, title=(entry.get("title") or None),
            published_at=entry_time(entry.get("published") or entry.get("updated"), source),
            section=(tags[0].get("term") if tags else None),
        ))
    return out, malformed


def parse_feed(body: bytes, headers: dict[str, str], source: Source, via: str) -> list[Candidate]:
    """The entries of a feed (see read_feed)."""
    return read_feed(body, headers, source, via)[0]
