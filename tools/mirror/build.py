"""Build the offline mirror: pages, feeds, sitemaps, robots.txt, routes.json, manifest.json.

Run from the repository root: `python -m tools.mirror`. Output is deterministic (fixed
seeds) and committed, so the mirror needs no build step to serve. `routes.json` maps each
outlet URL (host + path + query) to a file and its headers; `manifest.json` lists every
article with its true URL, source, title, publication time and body, and every URL the
pipeline must reject, with the reason.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from spiders.discovery.index_pages import format_template
from spiders.registry import load_sources
from tools.mirror import cases, kinds
from tools.mirror.html import ID_DAYS, Page, index_page
from tools.mirror.outlets import Feeds, Outlet, outlets
from tools.mirror.site import Mirror
from tools.mirror.stories import CITIES, KINDS, PERSONS, make_story
from transforms.dates import WIB

REPO_MIRROR = cases.REPO / "data" / "mirror"
DAYS = [datetime(2026, 11, 24, tzinfo=WIB), datetime(2026, 11, 25, tzinfo=WIB), datetime(2026, 11, 26, tzinfo=WIB)]
ARCHIVE_DAYS = [datetime(2026, 11, 13, tzinfo=WIB) + timedelta(days=i) for i in range(11)]  # 13..23 Nov
ARCHIVE_PER_DAY = 3
DESKS = ["dhf", "gil", "vyp", "kna", "dis", "ugo", "rds", "pta"]
# Boilerplate that must never reach an article body (checked by the end-to-end test).
WITHOUT = ["Baca juga", "SCROLL TO CONTINUE", "ADVERTISEMENT", "Gambas", "Simak Video", "Lihat Juga",
           "Pilihan Editor", "Scroll ke bawah", "Periksa kembali", "JernihBerkomentar", "COPYRIGHT",
           "Pewarta:", "Add as a preferred source", "Halaman 1/2", "Pilihan untukmu", "Bagikan:"]
HTML = "text/html; charset=utf-8"


def feed_pages(outlet: Outlet, rng: random.Random, n: int) -> list[Page]:
    """The outlet's articles of the three feed days, numbered from n + 1."""
    kinds = rng.sample(KINDS, len(KINDS)) * 2
    pages = []
    for i in range(outlet.feed_articles):
        day = DAYS[i % 3]
        minutes = rng.randint(6 * 60, 23 * 60 + 30)
        minutes = outlet.fixed_minutes.get(i, minutes)
        published = day + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
        if not outlet.shows_seconds:
            published = published.replace(second=0)
        story = make_story(kinds[i], rng, (ID_DAYS[published.weekday()], published.day, published.month))
        city = rng.choice(["Jakarta", "Jakarta", rng.choice(CITIES)])
        n += 1
        authors = [rng.choice(PERSONS)]
        pages.append(Page(
            url=outlet.url_for(story.title, story.section, published, n), source=outlet.id, title=story.title,
            published=published, section=story.section,
            paragraphs=[outlet.dateline.format(city=city, CITY=city.upper()) + story.paragraphs[0]] + story.paragraphs[1:],
            authors=authors, editor=rng.choice([p for p in PERSONS if p not in authors]),
            tags=[story.section, story.kind.upper()], desk="/".join(rng.choice(DESKS) for _ in range(2)),
            image=f"https://cdn.example-img.id/{outlet.id}/{n}.jpg",
        ))
    return pages


def link_related(pages: list[Page]) -> None:
    """"Baca juga" links point at sibling articles of the same outlet."""
    for i, p in enumerate(pages):
        p.related = [(pages[(i + k) % len(pages)].title, pages[(i + k) % len(pages)].url) for k in (1, 2)]


def build(out: Path = REPO_MIRROR) -> dict:
    """Write the mirror under `out` (sites/, routes.json, manifest.json); returns the manifest."""
    rng = random.Random(20261128)
    if (out / "sites").exists():
        shutil.rmtree(out / "sites")
    mirror = Mirror(out)
    registry = {o.id: o for o in outlets()}
    by_source: dict[str, list[Page]] = {}
    n = 0
    for outlet in registry.values():
        by_source[outlet.id] = feed_pages(outlet, rng, n)
        n += outlet.feed_articles
    for plist in by_source.values():
        link_related(plist)

    original = by_source["antaranews"][0]
    special = random.Random(20261129)  # the special cases' own draws: an outlet added later changes none of them
    syndicated = cases.syndicated_copy(original, by_source["tribunnews"][0].related, special)
    by_source["tribunnews"].append(syndicated)
    by_source["pahami"].append(cases.pahami_sample())
    multipage = by_source["tribunnews"][1]
    split = cases.make_multipage(multipage, special)
    kind_pages = {}  # URL -> (kind, HTML) of the pages that are no plain article
    for kind, (p, html) in kinds.all_kinds().items():
        by_source[p.source].append(p)
        kind_pages[p.url] = (kind, html)

    articles: list[dict] = []
    for source, plist in by_source.items():
        for p in plist:
            if p is multipage:
                cases.add_multipage(mirror, p, split)
            elif p.url in kind_pages:
                mirror.add(p.url, kind_pages[p.url][1], HTML)
            else:
                add_article(mirror, registry[source], p)
            articles.append(manifest_entry(p, registry[source], syndicated_from=original.url if p is syndicated else None,
                                           multipage=p is multipage, kind=kind_pages.get(p.url, ("article",))[0]))

    rejects = cases.add_reject_cases(mirror)
    entries = cases.reject_entries(rejects, DAYS[1] + timedelta(hours=19))
    feeds = Feeds(mirror)
    for outlet in registry.values():
        outlet.feeds(feeds, by_source[outlet.id], entries)
    indexed = [o for o in registry.values() if o.index]
    archive = add_archive(mirror, indexed, random.Random(20261113))
    for p in archive:
        articles.append({**manifest_entry(p, registry[p.source], syndicated_from=None, multipage=False), "in_feeds": False})
    add_index_pages(mirror, indexed, by_source, archive)
    add_robots(mirror, registry.values())
    manifest = {
        "description": "Articles served by the offline mirror, with their true values; and URLs that must be rejected.",
        "days": [d.date().isoformat() for d in DAYS],
        "archive_days": [d.date().isoformat() for d in ARCHIVE_DAYS],
        "index_sources": [o.id for o in indexed],
        "without": WITHOUT,
        "articles": sorted(articles, key=lambda a: a["url"]),
        "rejects": rejects,
    }
    (out / "routes.json").write_text(json.dumps(dict(sorted(mirror.routes.items())), indent=1) + "\n")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def add_article(mirror: Mirror, outlet: Outlet, p: Page) -> None:
    """An article's page, and the later pages of an outlet that splits its articles."""
    mirror.add(p.url, outlet.render(p), HTML)
    for url, html in outlet.later_pages(p) if outlet.later_pages else ():
        mirror.add(url, html, HTML)


def manifest_entry(p: Page, outlet: Outlet, syndicated_from: str | None, multipage: bool, kind: str = "article") -> dict:
    """What the lake must hold for a page: the body without its dateline, the dateline
    and desk codes as fields, the writers the page names."""
    paragraphs, desk, dateline = p.paragraphs, p.desk, None
    if cases.is_pahami_sample(p):  # its dateline is a line of its own, its desk code the last line
        dateline, paragraphs, desk = "Jakarta, Pahami.id", p.paragraphs[1:-1], "LOM/WIW"
    else:
        m = re.match(r"^(.{2,40}?)\s(?:--|-|\u2013)\s?(.*)$", p.paragraphs[0])
        if m:
            dateline, paragraphs = m.group(1), [m.group(2)] + p.paragraphs[1:]
    return {
        "url": p.url, "source": p.source, "title": p.title,
        "published_at": p.published.isoformat(), "published_date": p.published.date().isoformat(),
        "authors": [a for a in p.authors if not a.startswith(("Tim ", "Redaksi "))] if outlet.names_writers else [],
        "section": p.section, "dateline": dateline, "body": "\n".join(paragraphs),
        "syndicated_from": syndicated_from, "multipage": multipage, "in_feeds": True,
        "split_pages": 1 + len(outlet.later_pages(p)) if outlet.later_pages else 1, "kind": kind,
        "desk_codes": [desk] if desk and (outlet.desk_codes_in_body or desk == "LOM/WIW") else [],
    }


def add_archive(mirror: Mirror, indexed: list[Outlet], rng: random.Random) -> list[Page]:
    """Older articles of the outlets with index pages, reachable only through index pages and sitemaps."""
    pages, n = [], 500
    for outlet in indexed:
        for day in ARCHIVE_DAYS:
            for kind in rng.sample(KINDS, ARCHIVE_PER_DAY):
                published = day + timedelta(minutes=rng.randint(5 * 60, 23 * 60), seconds=rng.randint(0, 59))
                if not outlet.shows_seconds:
                    published = published.replace(second=0)
                story = make_story(kind, rng, (ID_DAYS[published.weekday()], published.day, published.month))
                n += 1
                authors = [rng.choice(PERSONS)]
                page = Page(
                    url=outlet.url_for(story.title, story.section, published, n), source=outlet.id, title=story.title,
                    published=published, section=story.section,
                    paragraphs=[outlet.dateline.format(city="Jakarta", CITY="JAKARTA") + story.paragraphs[0]]
                    + story.paragraphs[1:],
                    authors=authors, editor=rng.choice([p for p in PERSONS if p not in authors]), tags=[story.section],
                    desk="/".join(rng.choice(DESKS[:4]) for _ in range(2)),
                    image=f"https://cdn.example-img.id/{outlet.id}/{n}.jpg",
                )
                add_article(mirror, outlet, page)
                pages.append(page)
    return pages


def add_index_pages(mirror: Mirror, indexed: list[Outlet], by_source: dict[str, list[Page]],
                    archive: list[Page], days: list | None = None) -> None:
    """Each indexed outlet's dated index for all `days` (default the 14 of the mirror),
    paginated the outlet's way, and what else its archive serves (CNN Indonesia's daily
    sitemaps)."""
    sources = load_sources()
    days = days or [d.date() for d in ARCHIVE_DAYS + DAYS]
    for outlet in indexed:
        index, name = outlet.index, sources[outlet.id].name
        everything = [p for p in by_source[outlet.id] + archive if p.source == outlet.id]
        for template in (e.url for e in sources[outlet.id].index_pages):
            host, kanal = template.split("/")[2], template.split("/")[3]
            for day in days:
                items = sorted((p for p in everything if p.published.date() == day
                                and (not index.per_host or p.url.split("/")[2] == host)
                                and (not index.per_kanal or p.url.split("/")[3] == kanal)),
                               key=lambda p: p.published, reverse=True)
                chunks = [items[i:i + index.per_page] for i in range(0, len(items), index.per_page)] or [[]]
                for page_no, chunk in enumerate(chunks, 1):
                    if day == index.repeated_page_day and page_no == 2:
                        chunk = chunks[0]
                    mirror.add(format_template(template, day, page_no),
                               index_page(index.style, name, chunk, page_no, len(chunks)), HTML)
                after = len(chunks) + 1
                if index.past_end == "empty":
                    mirror.add(format_template(template, day, after), index_page(index.style, name, [], after, len(chunks)),
                               HTML)
                elif index.past_end == "repeat_last":
                    for extra in range(after, after + 3):
                        mirror.add(format_template(template, day, extra),
                                   index_page(index.style, name, chunks[-1], extra, len(chunks)), HTML)
        if outlet.archive_extras:
            outlet.archive_extras(mirror, everything, days)


def add_robots(mirror: Mirror, registry) -> None:
    sitemaps = {host: lines for o in registry for host, lines in o.robots_sitemaps.items()}
    for host in mirror.hosts():
        lines = ["User-agent: Scrapy", "Disallow: /", "", "User-agent: *", "Disallow: /preview/", "Disallow: /search",
                 "Crawl-delay: 2", ""]
        lines += [f"Sitemap: {url}" for url in sitemaps.get(host, ())]
        mirror.add(f"https://{host}/robots.txt", "\n".join(lines), "text/plain; charset=utf-8")
