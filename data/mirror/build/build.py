"""Build the offline mirror: pages, feeds, sitemaps, robots.txt, routes.json, manifest.json.

Run from the repository root: `python data/mirror/build/build.py`. Output is
deterministic (fixed seed), and committed, so the mirror needs no build step to serve.
`routes.json` maps each outlet URL (host + path + query) to a file and its headers;
`manifest.json` lists every article with its true URL, source, title, publication time
and body, and every URL the pipeline must reject, with the reason.
"""
from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for spiders.*
import templates as T  # noqa: E402
from stories import CITIES, KINDS, PERSONS, make_story  # noqa: E402

REPO_MIRROR = Path(__file__).resolve().parent.parent
REFERENCE = REPO_MIRROR.parent.parent.parent / "shared" / "reference" / "pahami-sample-article.txt"
WIB = ZoneInfo("Asia/Jakarta")
DAYS = [datetime(2026, 11, 24, tzinfo=WIB), datetime(2026, 11, 25, tzinfo=WIB), datetime(2026, 11, 26, tzinfo=WIB)]
ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

ARCHIVE_DAYS = [datetime(2026, 11, 13, tzinfo=WIB) + timedelta(days=i) for i in range(11)]  # 13..23 Nov
ARCHIVE_SOURCES = ("detik", "kompas", "cnnindonesia", "tribunnews")  # the outlets with dated index pages
ARCHIVE_PER_DAY = 3
# Index pages: articles per page, and what the CDN does past the last page.
INDEX_PAGING = {"detik": (4, "not_found"), "kompas": (3, "empty"), "cnnindonesia": (5, "not_found"),
                "tribunnews": (2, "repeat_last")}
CDN_REPEAT = ("detik", datetime(2026, 11, 18).date())  # that day's page 2 is served with page 1's list
PER_SOURCE = {"detik": 11, "kompas": 10, "cnnindonesia": 10, "tempo": 9, "antaranews": 10, "tribunnews": 10, "pahami": 3}
DATELINES = {
    "detik": "{city} - ", "kompas": "{CITY}, KOMPAS.com - ", "cnnindonesia": "{city}, CNN Indonesia -- ",
    "tempo": "TEMPO.CO, {city} - ", "antaranews": "{city} (ANTARA) - ", "tribunnews": "TRIBUNNEWS.COM, {CITY} - ",
    "pahami": "{city}, Pahami.id \u2013 ",
}
SECTION_SLUGS = {"Ekonomi": "ekonomi", "Daerah": "daerah", "Hukum": "hukum", "Olahraga": "olahraga",
                 "Internasional": "internasional", "Nasional": "nasional", "Teknologi": "teknologi",
                 "Kesehatan": "kesehatan", "Pendidikan": "pendidikan"}
# Boilerplate that must never reach an article body (checked by the end-to-end test).
WITHOUT = ["Baca juga", "SCROLL TO CONTINUE", "ADVERTISEMENT", "Gambas", "Simak Video", "Lihat Juga",
           "Pilihan Editor", "Scroll ke bawah", "Periksa kembali", "JernihBerkomentar", "COPYRIGHT",
           "Pewarta:", "Add as a preferred source", "Halaman 1/2", "Pilihan untukmu", "Bagikan:"]


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]


class Mirror:
    def __init__(self, out: Path) -> None:
        self.sites = out / "sites"
        self.routes: dict[str, dict] = {}

    def add(self, url: str, content: str | bytes, content_type: str, last_modified: datetime | None = None,
            status: int = 200) -> None:
        key = route_key(url)
        rel = file_for(key, content_type)
        path = self.sites / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        route = {"file": rel, "type": content_type, "status": status}
        if last_modified:
            route["last_modified"] = format_datetime(last_modified.astimezone(timezone.utc), usegmt=True)
        self.routes[key] = route


def route_key(url: str) -> str:
    """`host/path?query` without the scheme: the mirror answers http and https alike."""
    rest = url.split("://", 1)[1]
    return rest


def file_for(key: str, content_type: str) -> str:
    ext = {"text/html": ".html", "application/rss+xml": ".xml", "application/xml": ".xml", "text/plain": ".txt",
           "application/x-gzip": ".gz"}[
        content_type.split(";")[0]]
    path, _, query = key.partition("?")
    path = path.rstrip("/") + ("/index" if path.endswith("/") else "")
    if query:
        path += "__" + re.sub(r"[^A-Za-z0-9=_-]+", "_", query)
    return path if path.endswith(ext) else path + ext


def url_for(source: str, story_title: str, section: str, published: datetime, n: int) -> str:
    slug, kanal = slugify(story_title), SECTION_SLUGS[section]
    if source == "detik":
        host = "finance.detik.com/berita-ekonomi-bisnis" if section == "Ekonomi" else "news.detik.com/berita"
        return f"https://{host}/d-{7010000 + n}/{slug}"
    if source == "kompas":
        sub = "money" if section == "Ekonomi" else "nasional"
        return f"https://{sub}.kompas.com/read/{published:%Y/%m/%d}/{published:%H%M%S}{n % 100:02d}/{slug}"
    if source == "cnnindonesia":
        kanal_id = {"ekonomi": 78, "internasional": 106}.get(kanal, 20)
        kanal = kanal if kanal in ("ekonomi", "internasional") else "nasional"
        return f"https://www.cnnindonesia.com/{kanal}/{published:%Y%m%d%H%M%S}-{kanal_id}-{1290000 + n}/{slug}"
    if source == "tempo":
        return f"https://www.tempo.co/{kanal}/{slug}-{2100000 + n}"
    if source == "antaranews":
        return f"https://www.antaranews.com/berita/{4810000 + n}/{slug}"
    if source == "tribunnews":
        sec = "internasional" if section == "Internasional" else "nasional"
        return f"https://www.tribunnews.com/{sec}/{9100000 + n}/{slug}"
    return f"https://pahami.id/{slug}/"


def build(out: Path = REPO_MIRROR) -> dict:
    """Write the mirror under `out` (sites/, routes.json, manifest.json); returns the manifest."""
    rng = random.Random(20261128)
    if (out / "sites").exists():
        shutil.rmtree(out / "sites")
    mirror = Mirror(out)
    articles: list[dict] = []
    pages: list[T.Page] = []
    n = 0
    for source, count in PER_SOURCE.items():
        kinds = rng.sample(KINDS, len(KINDS)) * 2
        for i in range(count):
            day = DAYS[i % 3]
            minutes = rng.randint(6 * 60, 23 * 60 + 30)
            if source == "kompas" and i == 1:
                minutes = 30  # 00:30 WIB: the previous day in UTC; partition must follow WIB
            published = day + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
            story = make_story(kinds[i], rng, (ID_DAYS[published.weekday()], published.day, published.month))
            city = rng.choice(["Jakarta", "Jakarta", rng.choice(CITIES)])
            dateline = DATELINES[source].format(city=city, CITY=city.upper())
            n += 1
            url = url_for(source, story.title, story.section, published, n)
            authors = [rng.choice(PERSONS)]
            page = T.Page(
                url=url, source=source, title=story.title, published=published, section=story.section,
                paragraphs=[dateline + story.paragraphs[0]] + story.paragraphs[1:], authors=authors,
                editor=rng.choice([p for p in PERSONS if p not in authors]), tags=[story.section, story.kind.upper()],
                desk="/".join(rng.choice(["dhf", "gil", "vyp", "kna", "dis", "ugo", "rds", "pta"]) for _ in range(2)),
                image=f"https://cdn.example-img.id/{source}/{n}.jpg",
            )
            pages.append(page)
    by_source: dict[str, list[T.Page]] = {}
    for p in pages:
        by_source.setdefault(p.source, []).append(p)
    for source, plist in by_source.items():
        for i, p in enumerate(plist):  # "Baca juga" links point at a sibling article
            other = plist[(i + 1) % len(plist)]
            p.related = [(other.title, other.url), (plist[(i + 2) % len(plist)].title, plist[(i + 2) % len(plist)].url)]

    # A story syndicated from ANTARA onto Tribunnews, with Tribun's own dateline.
    original = by_source["antaranews"][0]
    copy_published = original.published + timedelta(minutes=47)
    syndicated = T.Page(
        url=f"https://www.tribunnews.com/nasional/9199001/{slugify(original.title)}", source="tribunnews",
        title=original.title, published=copy_published, section=original.section,
        paragraphs=["TRIBUNNEWS.COM, JAKARTA - " + original.paragraphs[0].split(" - ", 1)[1]] + original.paragraphs[1:],
        authors=["Tim Tribunnews"], editor=rng.choice(PERSONS), tags=original.tags,
        related=by_source["tribunnews"][0].related, attribution="Antaranews.com",
        image=original.image,
    )
    by_source["tribunnews"].append(syndicated)

    # The Pahami.id sample article (shared reference), in the outlet's WordPress theme.
    sample_lines = [ln.strip() for ln in REFERENCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    sample = T.Page(
        url="https://pahami.id/lavrov-dan-rubio-sepakat-singkirkan-hambatan-hubungan-rusia-as/", source="pahami",
        title="Lavrov dan Rubio Sepakat Singkirkan Hambatan Hubungan Rusia-AS",
        published=datetime(2025, 2, 16, 8, 5, tzinfo=WIB), section="Internasional",
        paragraphs=sample_lines, authors=["Redaksi Pahami"], editor="", tags=["Rusia", "Amerika Serikat", "Ukraina"],
        image="https://pahami.id/wp-content/uploads/2025/02/lavrov-rubio.jpg",
    )
    by_source["pahami"].append(sample)

    # Multi-page: the first Tribun article spans two pages; ?page=all serves it whole.
    multipage = by_source["tribunnews"][1]
    extra = make_story("banjir", rng, ("Rabu", 25, 11)).paragraphs
    multipage.paragraphs = multipage.paragraphs + extra[1:]
    split = [multipage.paragraphs[:4], multipage.paragraphs[4:]]

    for source, plist in by_source.items():
        render = T.RENDERERS[source]
        for p in plist:
            if p is multipage:
                mirror.add(p.url, T.tribunnews(p, 1, split), "text/html; charset=utf-8")
                mirror.add(p.url + "?page=2", T.tribunnews(p, 2, split), "text/html; charset=utf-8")
                mirror.add(p.url + "?page=all", T.tribunnews(p), "text/html; charset=utf-8")
            else:
                mirror.add(p.url, render(p), "text/html; charset=utf-8")
            articles.append(manifest_entry(p, syndicated_from=original.url if p is syndicated else None,
                                           multipage=p is multipage))

    rejects = add_reject_cases(mirror, by_source)
    add_feeds(mirror, by_source, rejects)
    archive = add_archive(mirror, random.Random(20261113))
    for p in archive:
        articles.append({**manifest_entry(p, syndicated_from=None, multipage=False), "in_feeds": False})
    add_index_pages(mirror, by_source, archive)
    add_robots(mirror)
    manifest = {
        "description": "Articles served by the offline mirror, with their true values; and URLs that must be rejected.",
        "days": [d.date().isoformat() for d in DAYS],
        "archive_days": [d.date().isoformat() for d in ARCHIVE_DAYS],
        "index_sources": list(ARCHIVE_SOURCES),
        "without": WITHOUT,
        "articles": sorted(articles, key=lambda a: a["url"]),
        "rejects": rejects,
    }
    (out / "routes.json").write_text(json.dumps(dict(sorted(mirror.routes.items())), indent=1) + "\n")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def manifest_entry(p: T.Page, syndicated_from: str | None, multipage: bool) -> dict:
    first = p.paragraphs[0]
    dateline, body_first = None, first
    m = re.match(r"^(.{2,40}?)\s(?:--|-|\u2013)\s?(.*)$", first) if p.source != "pahami" or len(p.paragraphs[0]) > 30 else None
    if m:
        dateline, body_first = m.group(1), m.group(2)
    paragraphs = [body_first] + p.paragraphs[1:]
    desk = p.desk
    if p.source == "pahami" and p.paragraphs[0] == "Jakarta, Pahami.id \u2013":  # the reference sample
        dateline, paragraphs, desk = "Jakarta, Pahami.id", p.paragraphs[1:-1], "LOM/WIW"
    return {
        "url": p.url, "source": p.source, "title": p.title,
        "published_at": p.published.isoformat(), "published_date": p.published.date().isoformat(),
        # CNN pages name no writer (JSON-LD author is empty, the byline says "CNN Indonesia").
        "authors": [] if p.source == "cnnindonesia" else [a for a in p.authors if not a.startswith(("Tim ", "Redaksi "))],
        "section": p.section, "dateline": dateline, "body": "\n".join(paragraphs),
        "syndicated_from": syndicated_from, "multipage": multipage, "in_feeds": True,
        "desk_codes": [desk] if desk and (p.source in ("detik", "cnnindonesia") or desk == "LOM/WIW") else [],
    }


def add_reject_cases(mirror: Mirror, by_source: dict[str, list[T.Page]]) -> list[dict]:
    rejects = [
        {"url": "https://news.detik.com/preview/d-7099999/draf-berita-belum-terbit", "source": "detik",
         "reason": "robots_disallowed", "via": "https://news.detik.com/rss"},
        {"url": "https://www.antaranews.com/berita/4899999/berita-yang-sudah-dihapus", "source": "antaranews",
         "reason": "http_404", "via": "https://www.antaranews.com/rss/terkini.xml"},
        {"url": "https://www.cnnindonesia.com/nasional/20261125190000-20-1299999/video-suasana-sidang-paripurna-dpr",
         "source": "cnnindonesia", "reason": "empty_body", "via": "https://www.cnnindonesia.com/nasional/rss"},
        {"url": "https://www.cnnindonesia.com/internasional/20261125080000-106-1299998/artikel-dikutip-pahami",
         "source": "pahami", "reason": "off_site", "via": "https://pahami.id/feed/"},
    ]
    video = rejects[2]["url"]
    mirror.add(video, f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>VIDEO: Suasana Sidang Paripurna DPR</title>
<link rel="canonical" href="{video}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"VideoObject","name":"VIDEO: Suasana Sidang Paripurna DPR","uploadDate":"2026-11-25T19:00:00+07:00"}}</script>
</head><body><h1>VIDEO: Suasana Sidang Paripurna DPR</h1><div class="detail-text"><p>[Gambas:Video CNN]</p></div></body></html>""",
               "text/html; charset=utf-8")
    return rejects


def _item(p: T.Page, link: str | None = None) -> dict:
    return {"title": p.title, "link": link or p.url, "published": p.published, "section": p.section,
            "summary": p.paragraphs[0][:160]}


def add_feeds(mirror: Mirror, by_source: dict[str, list[T.Page]], rejects: list[dict]) -> None:
    def newest(items: list[dict]) -> datetime:
        return max(it["published"] for it in items)

    def rss(url: str, title: str, items: list[dict], loose: bool = False) -> None:
        items = sorted(items, key=lambda it: it["published"], reverse=True)
        mirror.add(url, T.rss(title, url.rsplit("/", 1)[0], items, newest(items), loose), "application/rss+xml; charset=utf-8",
                   newest(items))

    def sitemap(url: str, publication: str, items: list[dict]) -> None:
        mirror.add(url, T.news_sitemap(publication, items), "application/xml; charset=utf-8", newest(items))

    reject_item = {r["reason"]: {"title": "Berita", "link": r["url"], "published": DAYS[1] + timedelta(hours=19),
                                 "section": "Nasional"} for r in rejects}

    detik = by_source["detik"]
    news = [p for p in detik if "news.detik.com" in p.url]
    finance = [p for p in detik if "finance.detik.com" in p.url]
    # One news story is also listed by the finance feed, once with tracking parameters.
    rss("https://news.detik.com/rss", "detikNews", [_item(p) for p in news] + [reject_item["robots_disallowed"]])
    rss("https://finance.detik.com/rss", "detikFinance",
        [_item(p) for p in finance] + [_item(news[0], news[0].url + "?utm_source=rss&utm_medium=feed")])
    sitemap("https://news.detik.com/berita/sitemap_news.xml", "detikcom", [_item(p) for p in news])

    rss("https://rss.kompas.com/", "Kompas.com - Berita Terkini", [_item(p) for p in by_source["kompas"]])

    cnn = by_source["cnnindonesia"]
    for kanal in ("nasional", "ekonomi", "internasional"):
        items = [_item(p) for p in cnn if f"cnnindonesia.com/{kanal}/" in p.url]
        if kanal == "nasional":
            items.append(reject_item["empty_body"])
            items.append(_item(cnn[-1]))  # the same story in two kanal feeds
        rss(f"https://www.cnnindonesia.com/{kanal}/rss", f"CNN Indonesia {kanal.title()}", items)

    tempo = by_source["tempo"]
    rss("https://rss.tempo.co/nasional", "Tempo.co Nasional", [_item(p) for p in tempo if p.section != "Ekonomi"])
    rss("https://rss.tempo.co/bisnis", "Tempo.co Bisnis", [_item(p) for p in tempo if p.section == "Ekonomi"])
    mirror.add("https://www.tempo.co/sitemap.xml", T.sitemap_index(["https://www.tempo.co/sitemap/news.xml"]),
               "application/xml; charset=utf-8", newest([_item(p) for p in tempo]))
    sitemap("https://www.tempo.co/sitemap/news.xml", "Tempo", [_item(p) for p in tempo])

    antara = by_source["antaranews"]
    # ANTARA's feed carries a raw "&" in a title: not well-formed XML; feedparser still reads it.
    antara_items = [_item(p) for p in antara] + [reject_item["http_404"]]
    antara_items[3] = {**antara_items[3], "title": antara_items[3]["title"] + " & Sekitarnya"}
    rss("https://www.antaranews.com/rss/terkini.xml", "ANTARA News - Terkini", antara_items, loose=True)
    rss("https://www.antaranews.com/rss/ekonomi.xml", "ANTARA News - Ekonomi",
        [_item(p) for p in antara if p.section == "Ekonomi"] or [_item(antara[0])])

    tribun = by_source["tribunnews"]
    sitemap("https://www.tribunnews.com/nasional/sitemap-news.xml", "Tribunnews",
            [_item(p) for p in tribun if "/nasional/" in p.url])
    sitemap("https://www.tribunnews.com/internasional/sitemap-news.xml", "Tribunnews",
            [_item(p) for p in tribun if "/internasional/" in p.url])

    pahami = by_source["pahami"]
    rss("https://pahami.id/feed/", "Pahami.id", [_item(p) for p in pahami] + [reject_item["off_site"]])
    sitemap("https://pahami.id/news-sitemap.xml", "Pahami.id", [_item(p) for p in pahami])


def add_robots(mirror: Mirror) -> None:
    hosts = sorted({key.split("/", 1)[0] for key in mirror.routes})
    for host in hosts:
        lines = ["User-agent: Scrapy", "Disallow: /", "", "User-agent: *", "Disallow: /preview/", "Disallow: /search",
                 "Crawl-delay: 2", ""]
        if host == "www.cnnindonesia.com":
            lines.append(f"Sitemap: https://{host}/sitemap_index.xml.gz")
        mirror.add(f"https://{host}/robots.txt", "\n".join(lines), "text/plain; charset=utf-8")


def add_archive(mirror: Mirror, rng: random.Random) -> list[T.Page]:
    """Older articles of the index outlets, reachable only through index pages and sitemaps."""
    pages, n = [], 500
    for source in ARCHIVE_SOURCES:
        render = T.RENDERERS[source]
        for day in ARCHIVE_DAYS:
            for kind in rng.sample(KINDS, ARCHIVE_PER_DAY):
                published = day + timedelta(minutes=rng.randint(5 * 60, 23 * 60), seconds=rng.randint(0, 59))
                story = make_story(kind, rng, (ID_DAYS[published.weekday()], published.day, published.month))
                dateline = DATELINES[source].format(city="Jakarta", CITY="JAKARTA")
                n += 1
                authors = [rng.choice(PERSONS)]
                page = T.Page(
                    url=url_for(source, story.title, story.section, published, n), source=source, title=story.title,
                    published=published, section=story.section,
                    paragraphs=[dateline + story.paragraphs[0]] + story.paragraphs[1:], authors=authors,
                    editor=rng.choice([p for p in PERSONS if p not in authors]), tags=[story.section],
                    desk="/".join(rng.choice(["dhf", "gil", "vyp", "kna"]) for _ in range(2)),
                    image=f"https://cdn.example-img.id/{source}/{n}.jpg",
                )
                mirror.add(page.url, render(page), "text/html; charset=utf-8")
                pages.append(page)
    return pages


def add_index_pages(mirror: Mirror, by_source: dict[str, list[T.Page]], archive: list[T.Page]) -> None:
    """Each index outlet's dated index for all 14 days, paginated the outlet's way, and
    CNN Indonesia's gzipped sitemap index (named in its robots.txt) of daily news sitemaps."""
    from spiders.index_pages import format_template
    from spiders.registry import load_sources

    sources = load_sources()
    days = [d.date() for d in ARCHIVE_DAYS + DAYS]
    for source in ARCHIVE_SOURCES:
        per_page, past_end = INDEX_PAGING[source]
        everything = [p for p in by_source[source] + archive if p.source == source]
        for template in (e.url for e in sources[source].index_pages):
            host = template.split("/")[2]
            for day in days:
                # detik has one index per subdomain; the others one index for the whole outlet.
                items = sorted((p for p in everything if p.published.date() == day
                                and (source != "detik" or p.url.split("/")[2] == host)),
                               key=lambda p: p.published, reverse=True)
                chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
                for page_no, chunk in enumerate(chunks, 1):
                    if (source, day) == CDN_REPEAT and page_no == 2:
                        chunk = chunks[0]
                    html = T.index_page(source, sources[source].name, chunk, page_no, len(chunks))
                    mirror.add(format_template(template, day, page_no), html, "text/html; charset=utf-8")
                after = len(chunks) + 1
                if past_end == "empty":
                    mirror.add(format_template(template, day, after), T.index_page(source, sources[source].name, [], after, len(chunks)),
                               "text/html; charset=utf-8")
                elif past_end == "repeat_last":
                    for extra in range(after, after + 3):
                        mirror.add(format_template(template, day, extra),
                                   T.index_page(source, sources[source].name, chunks[-1], extra, len(chunks)), "text/html; charset=utf-8")
    cnn = [p for p in by_source["cnnindonesia"] + archive if p.source == "cnnindonesia"]
    children = []
    for day in days:
        items = [_item(p) for p in cnn if p.published.date() == day]
        if items:
            url = f"https://www.cnnindonesia.com/sitemap_news_{day.isoformat()}.xml.gz"
            mirror.add(url, gzip.compress(T.news_sitemap("CNN Indonesia", items).encode(), mtime=0), "application/x-gzip",
                       max(it["published"] for it in items))
            children.append(url)
    mirror.add("https://www.cnnindonesia.com/sitemap_index.xml.gz", gzip.compress(T.sitemap_index(children).encode(), mtime=0),
               "application/x-gzip")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_MIRROR
    result = build(target)
    print(f"mirror in {target}: {len(result['articles'])} articles, {len(result['rejects'])} reject cases, "
          f"{len(json.loads((target / 'routes.json').read_text()))} routes")
