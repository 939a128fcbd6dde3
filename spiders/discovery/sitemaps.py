"""News sitemaps and sitemap indexes (gzipped or not), and the sitemaps robots.txt names."""
from __future__ import annotations

import zlib
from urllib.parse import urlsplit

import httpx
from lxml import etree

from spiders.discovery.parsing import ParseError, entry_time
from spiders.http import fetch
from spiders.registry import Source
from transforms.records import Candidate

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
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
        out.append(Candidate(url=loc, source=source.id, via=via, title=title, published_at=entry_time(published, source)))
    return out, []


def sitemaps_from_robots(client: httpx.Client, homepage: str) -> list[str]:
    """The `Sitemap:` lines of the homepage host's robots.txt (none when it is unreachable)."""
    parts = urlsplit(homepage)
    result = fetch(client, f"{parts.scheme}://{parts.netloc}/robots.txt", max_bytes=500_000)
    if not result.ok:
        return []
    lines = result.body.decode("utf-8", errors="replace").splitlines()
    return [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
