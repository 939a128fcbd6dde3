"""The mirrored outlets, one module each. Adding an outlet to the mirror is a module here
(an `OUTLET = Outlet(...)`) plus its source file in spiders/sources/; the registry finds
every module and orders them by `position`, which the generator's random draws follow
(so an outlet added last changes no page of the others)."""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from tools.mirror.html import Page, news_sitemap, rss, sitemap_index
from tools.mirror.site import Mirror


def item(p: Page, link: str | None = None) -> dict:
    """A feed or sitemap entry for a page."""
    return {"title": p.title, "link": link or p.url, "published": p.published, "section": p.section,
            "summary": p.paragraphs[0][:160]}


EMPTY_FEED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the Last-Modified of a feed with no items (small mirrors)


def newest(items: list[dict]) -> datetime:
    return max((it["published"] for it in items), default=EMPTY_FEED_TIME)


class Feeds:
    """Writes an outlet's feeds and sitemaps into the mirror, with Last-Modified."""

    def __init__(self, mirror: Mirror):
        self.mirror = mirror

    def rss(self, url: str, title: str, items: list[dict], loose: bool = False) -> None:
        items = sorted(items, key=lambda it: it["published"], reverse=True)
        self.mirror.add(url, rss(title, url.rsplit("/", 1)[0], items, newest(items), loose),
                        "application/rss+xml; charset=utf-8", newest(items))

    def sitemap(self, url: str, publication: str, items: list[dict]) -> None:
        self.mirror.add(url, news_sitemap(publication, items), "application/xml; charset=utf-8", newest(items))

    def sitemap_index(self, url: str, children: list[str], last_modified: datetime) -> None:
        self.mirror.add(url, sitemap_index(children), "application/xml; charset=utf-8", last_modified)


@dataclass(frozen=True)
class Index:
    """An outlet's dated index pages, paginated and ended the way its CDN does."""
    per_page: int
    past_end: str  # a page past the last: "not_found", "empty" (an empty list) or "repeat_last"
    style: tuple[str, str]  # (list wrapper, item) markup
    per_host: bool = False  # one index per subdomain (detik), else one for the whole outlet
    per_kanal: bool = False  # one index per first path segment (Liputan6's /{kanal}/indeks/…)
    repeated_page_day: date | None = None  # on that day page 2 is served with page 1's list


@dataclass(frozen=True)
class Outlet:
    id: str
    position: int  # build order
    feed_articles: int  # articles its feeds list over the three feed days
    dateline: str  # with {city} or {CITY}
    url_for: Callable[[str, str, datetime, int], str]  # (title, section, published, n) -> URL
    render: Callable[[Page], str]
    feeds: Callable[[Feeds, list[Page], dict[str, dict]], None]  # (feeds, pages, reject entries by reason)
    index: Index | None = None  # dated index pages (and then archive articles for backfills)
    names_writers: bool = True  # False: its pages name no writer
    desk_codes_in_body: bool = False  # its desk codes end the body ("(vyp/kna)") and become a field
    shows_seconds: bool = True  # False: its pages give the time to the minute, so the truth is that minute
    fixed_minutes: dict[int, int] = field(default_factory=dict)  # article number -> minutes after midnight
    robots_sitemaps: dict[str, tuple[str, ...]] = field(default_factory=dict)  # host -> Sitemap: lines
    archive_extras: Callable[[Mirror, list[Page], list[date]], None] | None = None
    later_pages: Callable[[Page], list[tuple[str, str]]] | None = None  # (URL, HTML) of a split article's ?page=N


def outlets() -> list[Outlet]:
    found = [importlib.import_module(f"{__name__}.{m.name}").OUTLET for m in pkgutil.iter_modules(__path__)]
    return sorted(found, key=lambda o: o.position)
