"""Sitemaps as outlets and careless servers really serve them: news sitemaps and sitemap
indexes (gzipped or not, in any namespace or none, as sitemaps.org 0.9 and Google's old
0.84 alike), plain-text sitemaps, RSS and Atom feeds listed as sitemaps, and XML cut short
by a server that stopped sending (the complete entries are kept)."""
from __future__ import annotations

import zlib
from urllib.parse import urlsplit

import httpx
from lxml import etree

from spiders.discovery.feeds import read_feed
from spiders.discovery.parsing import ParseError, entry_time
from spiders.registry import Source
from transforms.records import Candidate

MAX_SITEMAP_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed
MAX_TEXT_LINES = 50_000  # a plain-text sitemap holds at most this many URLs
_FEED_ROOTS = {"rss", "feed", "RDF", "channel"}


def gunzip_capped(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress a .gz sitemap, refusing to inflate past `limit` (gzip bombs)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise ParseError(f"gzipped sitemap inflates past {limit} bytes")
    return out


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element, name: str) -> str | None:
    """The text of the element's own child `name` (not a nested image:loc)."""
    for child in element:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _news_text(url, name: str) -> str | None:
    """news:<name> of a <url>, from its news:news block."""
    for child in url:
        if _local(child.tag) == "news":
            for item in child.iter():
                if _local(item.tag) == name and item.text and item.text.strip():
                    return item.text.strip()
    return None


def _xml_entries(body: bytes) -> tuple[str, list]:
    """The root's name and the <url> or <sitemap> elements that were closed: entries a
    cut-off document did not finish are not taken. Entities are never resolved."""
    parser = etree.XMLPullParser(events=("start", "end"), recover=True, resolve_entities=False, no_network=True,
                                 huge_tree=False)
    parser.feed(body)
    root, found = "", []
    for event, element in parser.read_events():
        name = _local(element.tag)
        if event == "start":
            root = root or name
        elif name in ("url", "sitemap") and root in ("urlset", "sitemapindex"):
            found.append(element)
    return root, found


def parse_sitemap(body: bytes, source: Source, via: str, base_url: str | None = None) -> tuple[list[Candidate], list[str]]:
    """Entries of a sitemap (with news:title and news:publication_date, which Scrapy's
    sitemap reader drops) and, for a sitemap index, the child sitemap URLs."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip_capped(body)
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<"):
        return _text_sitemap(text, source, via), []
    root, entries = _xml_entries(text)
    if root in _FEED_ROOTS:
        return read_feed(text, {}, source, via, base_url=base_url)[0], []
    if root == "sitemapindex":
        return [], [loc for e in entries if (loc := _child_text(e, "loc"))]
    if root != "urlset":
        raise ParseError(f"not a sitemap: root element <{root or '?'}>")
    out = []
    for url in entries:
        loc = _child_text(url, "loc")
        if loc:
            out.append(Candidate(url=loc, source=source.id, via=via, title=_news_text(url, "title"),
                                 published_at=entry_time(_news_text(url, "publication_date"), source)))
    return out, []


def _text_sitemap(text: bytes, source: Source, via: str) -> list[Candidate]:
    """A plain-text sitemap: one URL a line (sitemaps.org); anything else is no sitemap."""
    lines = [ln.strip() for ln in text.decode("utf-8", errors="replace").splitlines()[:MAX_TEXT_LINES] if ln.strip()]
    urls = [ln for ln in lines if ln.lower().startswith(("http://", "https://")) and " " not in ln]
    if not urls or len(urls) < len(lines) / 2:
        raise ParseError("not a sitemap: neither XML nor a list of URLs")
    return [Candidate(url=u, source=source.id, via=via) for u in urls]


def sitemaps_from_robots(client: httpx.Client, homepage: str) -> list[str]:
    """The sitemaps the homepage host's robots.txt names (none when it is unreachable)."""
    from spiders.robots import Robots

    parts = urlsplit(homepage)
    return Robots().sitemaps(client, f"{parts.scheme}://{parts.netloc}/")
