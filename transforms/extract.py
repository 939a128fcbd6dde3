"""Article extraction: trafilatura for the body, page evidence for the metadata.

Metadata rules (which evidence wins) are listed in docs/decisions.md; in short the
publisher's structured data (JSON-LD) beats meta tags, which beat the feed entry, which
beats a timestamp in the URL. A page with no publication time keeps `published_at=None`
and the caller decides (the ingest flow rejects it rather than guess).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from transforms import dates
from transforms.clean import clean_body, clean_title
from transforms.htmlprep import drop_furniture, wrap_loose_text
from transforms.language import detect_language

EXTRACTOR_VERSION = "kabar-extract/0.1+trafilatura-" + trafilatura.__version__

_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle"}
_ORG_WORDS = re.compile(
    r"(^tim\b|redaksi|\bpt\b|\.com\b|\.co\b|\.id\b|developer|media\b|cyber|newsroom|admin|kontributor\s*$)",
    re.IGNORECASE,
)


@dataclass
class Article:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    published_from: str | None = None  # which evidence gave published_at
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    body: str = ""
    dateline: str | None = None
    desk_codes: list[str] = field(default_factory=list)
    attribution: str | None = None
    image_url: str | None = None
    canonical_link: str | None = None

    def to_json_dict(self) -> dict:
        d = asdict(self)
        for key in ("published_at", "updated_at"):
            d[key] = d[key].isoformat() if d[key] else None
        return d


@dataclass
class FeedHints:
    """What the discovery step already knew about a URL."""
    title: str | None = None
    published_at: datetime | None = None
    section: str | None = None


_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def charset_of(content_type: str | None) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def parse_html(html: bytes | str, encoding: str | None = None):
    """An lxml tree of the page. Bytes are decoded with the HTTP charset when one was
    declared, else by trafilatura's detection (meta charset, then a guess): lxml alone
    would read undeclared UTF-8 as Latin-1."""
    if isinstance(html, bytes) and encoding and not html.startswith(b"\xef\xbb\xbf"):
        try:
            html = html.decode(encoding, errors="replace")
        except LookupError:  # an unknown charset name: fall back to detection
            pass
    tree = load_html(html)
    if tree is None:
        raise ValueError("not an HTML document")
    return tree


def _json_ld_objects(tree) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, dict):
                found.append(obj)
                graph = obj.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    return set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r",|\bdan\b|&", value) if v.strip()]
    if isinstance(value, dict):
        if _types(value) & {"Organization", "NewsMediaOrganization"}:
            return []
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def is_person_name(name: str, publisher: str | None = None) -> bool:
    if not name or len(name) > 60 or _ORG_WORDS.search(name):
        return False
    return not (publisher and publisher.lower() in name.lower())


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if values and values[0].strip():
                return values[0].strip()
    return None


_BYLINE = re.compile(r"^\s*(penulis|reporter|pewarta|editor|penyunting)\s*:?\s*(.+?)\s*$", re.IGNORECASE)
_ROLE_SPLIT = re.compile(r"\s*\b(penulis|reporter|pewarta|editor|penyunting)\s*:?\s*", re.IGNORECASE)
# "Kontributor Lhokseumawe, Masriadi" / "Laporan wartawan Tribunnews, Budi": the person is last.
_CONTRIBUTOR = re.compile(r"^(kontributor|koresponden|laporan wartawan|wartawan)\b[^,]*,\s*", re.IGNORECASE)


def _visible_byline(tree) -> tuple[list[str], str | None]:
    writers: list[str] = []
    editor = None
    for el in tree.xpath("//*[@id='penulis' or @id='editor' or contains(@class,'author') or contains(@class,'editor') or contains(@class,'byline')]"):
        text = " ".join(el.text_content().split())
        if not _BYLINE.match(text):
            continue
        # "Penulis : A Editor : B" in one element: split at each role word.
        parts = _ROLE_SPLIT.split(text)[1:]
        for role, name in zip(parts[::2], parts[1::2]):
            name = _CONTRIBUTOR.sub("", name.strip(" |:"))
            if not name:
                continue
            if role.lower() in ("editor", "penyunting"):
                editor = editor or name
            else:
                writers.append(name)
    return writers, editor


def extract_article(
    html: bytes | str,
    url: str,
    *,
    tz: ZoneInfo = dates.WIB,
    hints: FeedHints | None = None,
    drop_selectors: tuple[str, ...] = (),
    encoding: str | None = None,
) -> Article:
    """Extract one page. `encoding` is the charset the HTTP headers declared, if any; it
    wins over a `<meta charset>`, as in browsers."""
    hints = hints or FeedHints()
    tree = parse_html(html, encoding)
    ld = _json_ld_objects(tree)
    news = next((o for o in ld if _types(o) & _ARTICLE_TYPES), {})
    publisher = (news.get("publisher") or {}).get("name") if isinstance(news.get("publisher"), dict) else None
    art = Article()

    art.title = clean_title(
        news.get("headline") or _meta(tree, "og:title", "twitter:title") or _first_text(tree, "//h1") or hints.title
    )

    writers = [n for n in _names(news.get("author")) if is_person_name(n, publisher)]
    visible_writers, visible_editor = _visible_byline(tree)
    if not writers:
        writers = [n for n in visible_writers if is_person_name(n, publisher)]
    if not writers:
        writers = [n for n in _names(_meta(tree, "content_author", "author") or "") if is_person_name(n, publisher)]
    art.authors = _dedupe(writers)
    editors = [n for n in _names(news.get("editor")) if is_person_name(n, publisher)]
    art.editor = editors[0] if editors else visible_editor

    art.published_at, art.published_from = _published(tree, news, url, tz, hints)
    modified = news.get("dateModified") or _meta(tree, "article:modified_time")
    art.updated_at = dates.parse_iso(modified, tz) if isinstance(modified, str) else None

    art.section = _section(news, ld, tree) or hints.section
    art.tags = _tags(news, tree)
    art.image_url = _image(news, tree)
    canon = tree.xpath("//link[@rel='canonical']/@href")
    art.canonical_link = canon[0].strip() if canon else None

    split_dateline = _split_dateline(tree)
    drop_furniture(tree, drop_selectors)
    wrap_loose_text(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True, favor_precision=True,
        include_images=False, deduplicate=False,
    )
    raw_text = (doc.text if doc is not None else "") or ""
    cleaned = clean_body(raw_text, art.title)
    art.body = cleaned.body
    art.dateline = cleaned.dateline or split_dateline
    art.desk_codes = cleaned.desk_codes
    art.attribution = cleaned.attribution
    if not art.authors and cleaned.signoff_writer and is_person_name(cleaned.signoff_writer):
        art.authors = [cleaned.signoff_writer]
    art.editor = art.editor or cleaned.signoff_editor
    art.language = detect_language(art.body)
    return art


_DASH_TAIL = re.compile(r"^\s*(--|[-\u2013\u2014])")


def _split_dateline(tree) -> str | None:
    """A dateline set in bold outside the first paragraph, as CNN Indonesia does:
    `<strong>Jakarta, CNN Indonesia</strong> -- <p>...`. trafilatura drops such loose
    text, so it is read here."""
    for el in tree.xpath("//strong[not(ancestor::p)] | //b[not(ancestor::p)]")[:20]:
        text = " ".join(el.text_content().split())
        if 2 <= len(text) <= 50 and _DASH_TAIL.match(el.tail or "") and text[:1].isupper():
            return text
    return None


def _first_text(tree, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


def _published(tree, news: dict, url: str, tz: ZoneInfo, hints: FeedHints) -> tuple[datetime | None, str | None]:
    value = news.get("datePublished")
    if isinstance(value, str) and (dt := dates.parse_any(value, tz)):
        return dt, "json-ld"
    # Only meta values that carry an explicit offset: detik's naive-looking "Z" pubdate
    # and other zone-less stamps are read in the source zone below instead.
    value = _meta(tree, "article:published_time", "og:article:published_time")
    if value and (dt := dates.parse_iso(value, tz)) and re.search(r"(Z|[+-]\d{2}:?\d{2})\s*$", value):
        return dt, "meta"
    value = _meta(tree, "content_PublishedDate", "dtk:publishdate", "publishdate", "pubdate")
    if value and (dt := dates.parse_any(re.sub(r"Z\s*$", "", value), tz)):
        return dt, "meta-local"
    if hints.published_at:
        return hints.published_at, "feed"
    if dt := dates.parse_from_url(url, tz):
        return dt, "url"
    for value in tree.xpath("//time/@datetime"):
        if dt := dates.parse_iso(value, tz):
            return dt, "time-element"
    return None, None


def _section(news: dict, ld: list[dict], tree) -> str | None:
    section = news.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    if isinstance(section, str) and section.strip():
        return section.strip()
    for obj in ld:
        if "BreadcrumbList" in _types(obj):
            items = sorted(obj.get("itemListElement") or [], key=lambda i: i.get("position", 0))
            names = [i.get("name") for i in items if isinstance(i, dict) and i.get("name")]
            if len(names) >= 2:
                return names[1]
    return _meta(tree, "article:section")


def _tags(news: dict, tree) -> list[str]:
    keywords = news.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    if not keywords:
        keywords = (_meta(tree, "news_keywords", "keywords") or "").split(",")
    return _dedupe([k.strip() for k in keywords if isinstance(k, str) and k.strip()])


def _image(news: dict, tree) -> str | None:
    value = _meta(tree, "og:image")
    if value:
        return value
    image = news.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    return image if isinstance(image, str) else None
