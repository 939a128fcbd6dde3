"""Article metadata from the evidence on a page: JSON-LD, meta tags, visible bylines and
dates, the URL. Which evidence wins is written down in docs/decisions.md."""
from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from transforms import dates
from transforms.extraction.appstate import embedded_article
from transforms.extraction.clean import clean_title, strip_page_suffix

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "LiveBlogPosting"}
_ORG_WORDS = re.compile(
    r"(^tim\b|redaksi|\bpt\b|\.com\b|\.co\b|\.id\b|developer|media\b|cyber|newsroom|admin|kontributor\s*$)",
    re.IGNORECASE,
)


class PageEvidence:
    """One parse of a page's structured metadata, shared by the field readers below."""

    def __init__(self, tree, url: str):
        self.tree, self.url = tree, url
        self.ld = json_ld_objects(tree)
        self.news = next((o for o in self.ld if types_of(o) & ARTICLE_TYPES), None) or {}
        self.news_source = "json-ld"
        if not self.news and (app := embedded_article(tree)):
            self.news, self.news_source = app, "app-state"
        publisher = self.news.get("publisher")
        self.publisher = publisher.get("name") if isinstance(publisher, dict) else None

    def meta(self, *names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                values = self.tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
                if values and values[0].strip():
                    return values[0].strip()
        return None

    def site_names(self) -> set[str]:
        """Names the outlet goes by, to strip from titles: og:site_name, the publisher,
        the host's main label ("republika" for www.republika.co.id)."""
        names = {n for n in (self.meta("og:site_name"), self.publisher) if n}
        labels = [p for p in (urlsplit(self.url).hostname or "").split(".") if p not in ("www", "m", "co", "com", "id", "or", "go", "net")]
        names.update(labels[-1:])
        return names


def json_ld_objects(tree) -> list[dict]:
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


def types_of(obj: dict) -> set[str]:
    t = obj.get("@type")
    return set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in re.split(r",|\bdan\b|&", value) if v.strip()]
    if isinstance(value, dict):
        if types_of(value) & {"Organization", "NewsMediaOrganization"}:
            return []
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def is_person_name(name: str, publisher: str | None = None) -> bool:
    if not name or len(name) > 60 or _ORG_WORDS.search(name):
        return False
    return not (publisher and publisher.lower() in name.lower())


def dedupe(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return list(seen.values())


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


# -- title -------------------------------------------------------------------------------
def title(page: PageEvidence, hint: str | None = None) -> str | None:
    """JSON-LD headline; else the page's <h1> when it agrees with og:title/<title> (which
    carry outlet prefixes and suffixes); else og:title with those stripped."""
    sites = page.site_names()
    headline = page.news.get("headline")
    if isinstance(headline, str) and headline.strip():
        return clean_title(headline, sites)
    labelled = page.meta("og:title", "twitter:title") or _first_text(page.tree, "//title")
    core = clean_title(labelled, sites)
    if not core:
        return clean_title(_first_text(page.tree, "//h1"), sites) or hint
    h1s = [strip_page_suffix(" ".join(h.text_content().split())) for h in page.tree.xpath("//h1")[:5]]
    h1s = [h for h in h1s if 8 <= len(h) <= 300]
    for h1 in h1s:  # the headline itself, as the page shows it
        if _fold(h1) == _fold(core):
            return h1
    for h1 in h1s:  # a shorter form inside the labelled title, or a kicker before the core
        inside = _fold(h1) in _fold(labelled) and len(h1) >= 0.6 * len(core)
        around = _fold(core) in _fold(h1) and len(h1) <= 1.3 * len(core) + 15
        if inside or around:
            return h1
    return core


def _first_text(tree, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = " ".join(el.text_content().split())
        if text:
            return text
    return None


# -- people ------------------------------------------------------------------------------
# Republika's "Rep: A/ Red: B" too: its short roles only with their colon ("Red Bull" is no role).
_ROLES = r"(penulis|reporter|pewarta|editor|penyunting|redaktur|rep(?=\s*:)|red(?=\s*:))"
_EDITOR_ROLES = ("editor", "penyunting", "redaktur", "red")
_LEADING_ROLE = re.compile(rf"^\s*{_ROLES}\b\s*:?\s*", re.IGNORECASE)
_ROLE_SPLIT = re.compile(rf"\s*\b{_ROLES}\s*:\s*", re.IGNORECASE)
_NAME_LIKE = re.compile(r"^[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,4}$")
# "Kontributor Lhokseumawe, Masriadi" / "Laporan wartawan Tribunnews, Budi": the person is last.
_CONTRIBUTOR = re.compile(r"^(kontributor|koresponden|laporan wartawan|wartawan)\b[^,]*,\s*", re.IGNORECASE)
_BYLINE_XPATH = ("//*[@id='penulis' or @id='editor' or contains(@class,'author') or contains(@class,'editor') "
                 "or contains(@class,'byline') or contains(@class,'credit') or @rel='author' "
                 "or contains(@class,'reporter') or contains(@class,'writer') "
                 "or starts-with(normalize-space(text()[1]),'Rep:') or starts-with(normalize-space(text()[1]),'Rep :')]")
_BY = re.compile(r"^(?:oleh|by)\s*:?\s+", re.IGNORECASE)  # "Oleh Yohana" (by Yohana) names Yohana
_NAME_CLASSES = ("author", "reporter", "writer")  # an element of one of these holding a bare name is a writer


def _visible_byline(tree) -> tuple[list[str], str | None]:
    """Writers and editor from byline elements: "Penulis: A", "Penulis : A Editor : B",
    "<h6>Penulis</h6> A", or a bare name in an author element."""
    writers: list[str] = []
    editor = None
    for el in tree.xpath(_BYLINE_XPATH)[:20]:
        text = " ".join(" ".join(el.itertext()).split())  # pieces apart: "A</div><div>Editor: B" is two
        text = _BY.sub("", text)
        lead = _LEADING_ROLE.match(text)
        if not lead:
            is_author = any(c in (el.get("class") or "") for c in _NAME_CLASSES) or el.get("rel") == "author"
            if is_author and _NAME_LIKE.match(text):
                writers.append(text)
            continue
        # Normalise the leading role to "Role: ", then split at each "Role:".
        parts = _ROLE_SPLIT.split(f"{lead.group(1)}: {text[lead.end():]}")[1:]
        for role, name in zip(parts[::2], parts[1::2]):
            name = _CONTRIBUTOR.sub("", name.strip(" |:/"))
            if not name:
                continue
            if role.lower() in _EDITOR_ROLES:
                editor = editor or name
            else:
                writers.append(name)
    return writers, editor


def people(page: PageEvidence) -> tuple[list[str], str | None]:
    """(writers, editor): JSON-LD authors, else the visible byline, else author metas.
    Organisations are never authors."""
    keep = lambda names: [n for n in names if is_person_name(n, page.publisher)]  # noqa: E731
    structured = keep(_names(page.news.get("author")))
    visible_writers, visible_editor = _visible_byline(page.tree)
    meta_writers = keep(_names(page.meta("content_author", "jpnncom_news_author", "author") or "")) or keep(_names(_not_url(
        page.meta("article:author"))))  # often a profile URL, sometimes the writer (Tirto)
    writers = structured or keep(visible_writers) or meta_writers
    editors = keep(_names(page.news.get("editor"))) or keep([visible_editor] if visible_editor else []) \
        or keep(_names(page.meta("content_editor", "jpnncom_news_editor") or ""))
    editor = editors[0] if editors else None
    if structured and editor and {_fold_name(n) for n in structured} <= {_fold_name(e) for e in editors}:
        # The outlet put its editor in the JSON-LD author (two do); the byline or the
        # writer meta names the writer.
        others = [n for n in keep(visible_writers) or meta_writers if _fold_name(n) != _fold_name(editor)]
        if others:
            writers = others
    return dedupe(writers), editor


def _not_url(value: str | None) -> str:
    return "" if not value or re.match(r"https?://|www\.", value) else value


def _fold_name(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- time --------------------------------------------------------------------------------
_DATE_CLASSES = ("contains(@class,'date') or contains(@class,'time') or contains(@class,'tanggal') "
                 "or contains(@class,'publish') or contains(@class,'posted') or contains(@id,'date') "
                 "or contains(@class,'meta') or contains(@class,'info')")
# Date-like elements after the headline first: a header often shows today's date.
_HEADLINE_XPATH = "(//h1 | //*[self::h2 or self::h3][normalize-space(.)=$t])[1]"
_DATE_XPATH = f"//*[{_DATE_CLASSES}]"
_HAS_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})\s*$")


def published(page: PageEvidence, tz: ZoneInfo, hint: datetime | None,
              fetched_at: datetime | None = None, headline: str | None = None) -> tuple[datetime | None, str | None]:
    """(publication instant, which evidence gave it)."""
    value = page.news.get("datePublished")
    if isinstance(value, str) and (dt := dates.parse_any(value, tz)):
        return _offset_checked(dt, page, tz, fetched_at, headline), page.news_source
    value = page.meta("article:published_time", "og:article:published_time")
    if value and _HAS_OFFSET.search(value) and (dt := dates.parse_iso(value, tz)):
        return _offset_checked(dt, page, tz, fetched_at, headline), "meta"
    # Zone-less stamps in the source zone; detik's "pubdate" ends in Z over WIB wall time.
    value = page.meta("content_PublishedDate", "dtk:publishdate", "publishdate", "pubdate", "datePublished",
                      "jpnncom_news_pubdate")
    if value and (dt := dates.parse_any(re.sub(r"Z\s*$", "", value), tz)):
        return dt, "meta-local"
    if hint:
        return hint, "feed"
    for value in page.tree.xpath("//time/@datetime")[:3]:
        if dt := dates.parse_iso(value, tz):
            return dt, "time-element"
    if dt := _visible_date(page.tree, tz, fetched_at, headline):
        return dt, "visible"
    if dt := dates.parse_from_url(page.url, tz):
        return dt, "url"
    return None, None


def _offset_checked(dt: datetime, page: PageEvidence, tz: ZoneInfo, fetched_at: datetime | None,
                    headline: str | None) -> datetime:
    """A structured stamp, unless its offset is not the outlet's and the page shows the
    same clock time in the outlet's zone: then the offset is the one that is wrong (an
    outlet wrote `-07:00` on WIB wall time, 14 hours off), and the visible zone wins."""
    if dt.utcoffset() == dt.astimezone(tz).utcoffset():
        return dt
    visible = _visible_date(page.tree, tz, fetched_at, headline)
    if visible is not None and visible.replace(tzinfo=None, second=0, microsecond=0) == \
            dt.replace(tzinfo=None, second=0, microsecond=0):
        return dt.replace(tzinfo=visible.tzinfo)
    return dt


def _visible_date(tree, tz: ZoneInfo, fetched_at: datetime | None, headline: str | None) -> datetime | None:
    """The first date with a clock time in a date-like element after the headline, else
    in the text right after it, else anywhere; relative forms ("2 jam yang lalu") against
    the fetch time. After the headline first: page headers often show today's date."""
    anchor = tree.xpath(_HEADLINE_XPATH, t=" ".join((headline or "").split()))

    def texts():
        if anchor:
            for el in anchor[0].xpath(f"following::*[{_DATE_CLASSES}]")[:20]:
                yield " ".join(el.text_content().split())[:200]
            after = []
            for el in anchor[0].itersiblings():
                after.append(" ".join(el.text_content().split()))
                if sum(map(len, after)) > 600:
                    break
            yield " ".join(after)[:600]
        for el in tree.xpath(_DATE_XPATH)[:40]:
            yield " ".join(el.text_content().split())[:200]

    candidates = list(texts())
    # A stamp with its zone ("07:28 WIB") is the byline's; a bare clock is often a widget.
    for text in candidates:
        if _ZONE_WORD.search(text) and (dt := dates.parse_indonesian(text, tz, require_time=True)) and dt.tzinfo != tz:
            return dt
    for text in candidates:
        if dt := dates.parse_indonesian(text, tz, require_time=True):
            return dt
        if fetched_at and (dt := dates.parse_relative(text, fetched_at, tz)):
            return dt
    return None


_ZONE_WORD = re.compile(r"\b(WIB|WITA|WIT)\b", re.IGNORECASE)


def updated(page: PageEvidence, tz: ZoneInfo) -> datetime | None:
    value = page.news.get("dateModified") or page.meta("article:modified_time")
    return dates.parse_iso(value, tz) if isinstance(value, str) else None


# -- classification and media -------------------------------------------------------------
def section(page: PageEvidence) -> str | None:
    value = page.news.get("articleSection")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    for obj in page.ld:
        if "BreadcrumbList" in types_of(obj):
            listed = enumerate(i for i in obj.get("itemListElement") or [] if isinstance(i, dict))
            items = [i for _, i in sorted(listed, key=lambda pair: _position(pair[1], pair[0]))]
            names = [n.strip() for n in map(_crumb_name, items) if n and n.strip()]
            if len(names) >= 2:
                return names[1]
    return page.meta("article:section")


def _position(item: dict, index: int) -> float:
    """A breadcrumb item's place: its `position` as outlets write it (1, "2", "3.0"),
    else where it is listed."""
    try:
        return float(item.get("position"))
    except (TypeError, ValueError):
        return float(index + 1)


def _crumb_name(item: dict) -> str | None:
    name = item.get("name")
    if not isinstance(name, str) and isinstance(item.get("item"), dict):
        name = item["item"].get("name")  # {"item": {"@id": ..., "name": ...}}
    return name if isinstance(name, str) else None


def tags(page: PageEvidence) -> list[str]:
    keywords = page.news.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    if not keywords:
        keywords = (page.meta("news_keywords", "keywords") or "").split(",")
    return dedupe([k.strip() for k in keywords if isinstance(k, str) and k.strip()])


def image(page: PageEvidence) -> str | None:
    value = page.meta("og:image")
    if value:
        return value
    img = page.news.get("image")
    if isinstance(img, list):
        img = img[0] if img else None
    if isinstance(img, dict):
        img = img.get("url")
    return img if isinstance(img, str) else None


def description(page: PageEvidence) -> str | None:
    value = page.news.get("articleBody") or page.news.get("description")
    if not isinstance(value, str) or not value.strip():
        value = page.meta("og:description", "description", "twitter:description")
    return " ".join(value.split()) if value else None


def canonical_link(page: PageEvidence) -> str | None:
    links = page.tree.xpath("//link[@rel='canonical']/@href")
    return links[0].strip() if links else None
