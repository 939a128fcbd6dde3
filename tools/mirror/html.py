"""What every mirrored outlet's pages are made of: the article record (`Page`), HTML
helpers, and the feed, sitemap and index-page markup the outlets share."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
ID_MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass
class Page:
    url: str
    source: str
    title: str
    published: datetime  # aware, WIB
    section: str
    paragraphs: list[str]
    authors: list[str]
    editor: str
    tags: list[str]
    desk: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)  # (title, url) for "Baca juga"
    attribution: str = ""
    image: str = ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def news_ld(p: Page, publisher: str, authors: list[dict] | dict | None = None, **extra) -> dict:
    obj = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": p.url}, "headline": p.title,
        "image": {"@type": "ImageObject", "url": p.image},
        "datePublished": p.published.isoformat(), "dateModified": p.published.isoformat(),
        "author": authors if authors is not None else [{"@type": "Person", "name": a} for a in p.authors],
        "publisher": {"@type": "Organization", "name": publisher}, "description": p.paragraphs[0][:150],
    }
    obj.update(extra)
    return obj


def head(p: Page, title_tag: str, og_title: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{esc(title_tag)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(p.paragraphs[0][:150])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(og_title)}">
<meta property="og:url" content="{esc(p.url)}">
<meta property="og:image" content="{esc(p.image)}">
<meta name="keywords" content="{esc(', '.join(p.tags))}">
<link rel="canonical" href="{esc(p.url)}">
{extra}
</head>"""


def nav(site: str, sections: list[str]) -> str:
    links = "".join(f'<li><a href="/{s.lower()}">{esc(s)}</a></li>' for s in sections)
    return f'<header class="header"><a class="logo" href="/">{esc(site)}</a><nav><ul class="menu">{links}</ul></nav></header>'


def footer(site: str) -> str:
    return (f'<footer class="footer"><ul><li><a href="/redaksi">Redaksi</a></li><li><a href="/pedoman-media-siber">'
            f'Pedoman Media Siber</a></li><li><a href="/karir">Karir</a></li></ul><p>Copyright © 2026 {esc(site)}. '
            f'All rights reserved.</p></footer>')


def paras_html(paragraphs: list[str]) -> list[str]:
    return [f"<p>{esc(x)}</p>" for x in paragraphs]


def day_name(dt: datetime, apostrophe: bool = False) -> str:
    """The Indonesian weekday; `apostrophe`: Friday as "Jum'at", as Okezone, SINDOnews and Suara write it."""
    name = ID_DAYS[dt.weekday()]
    return name.replace("Jumat", "Jum'at") if apostrophe else name


def wib_long(dt: datetime) -> str:
    return f"{ID_DAYS[dt.weekday()]}, {dt.day:02d} {ID_MONTHS_SHORT[dt.month - 1]} {dt.year} {dt:%H:%M} WIB"


# -- feeds and sitemaps -----------------------------------------------------------------
def rss(channel_title: str, link: str, items: list[dict], built: datetime, loose_ampersand: bool = False) -> str:
    rows = []
    for it in items:
        title = it["title"] if loose_ampersand else esc(it["title"])
        rows.append(f"""<item>
<title>{title}</title>
<link>{esc(it['link'])}</link>
<guid isPermaLink="true">{esc(it['link'])}</guid>
<pubDate>{format_datetime(it['published'])}</pubDate>
<category>{esc(it.get('section', ''))}</category>
<description><![CDATA[{it.get('summary', '')}]]></description>
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>{esc(channel_title)}</title>
<link>{esc(link)}</link>
<description>{esc(channel_title)}</description>
<language>id</language>
<lastBuildDate>{format_datetime(built)}</lastBuildDate>
{chr(10).join(rows)}
</channel>
</rss>
"""


def news_sitemap(publication: str, items: list[dict]) -> str:
    rows = "".join(f"""
<url>
<loc><![CDATA[{it['link']}]]></loc>
<news:news>
<news:publication><news:name><![CDATA[{publication}]]></news:name><news:language><![CDATA[id]]></news:language></news:publication>
<news:publication_date><![CDATA[{it['published'].isoformat()}]]></news:publication_date>
<news:title><![CDATA[{it['title']}]]></news:title>
</news:news>
</url>""" for it in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}\n</urlset>\n')


def sitemap_index(children: list[str]) -> str:
    rows = "".join(f"\n<sitemap><loc>{esc(c)}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}\n</sitemapindex>\n'


# -- dated index pages -------------------------------------------------------------------
def index_page(style: tuple[str, str], site: str, items: list[Page], page_no: int, pages: int) -> str:
    """One page of a dated index; `style` is the outlet's (list wrapper, item) markup."""
    wrapper, item = style
    rows = "".join(item.format(url=esc(p.url), title=esc(p.title), when=wib_long(p.published)) for p in items)
    if not items:
        rows = '<p class="empty">Tidak ada berita.</p>'
    paging = "".join(f'<a href="?page={n}">{n}</a>' for n in range(1, pages + 1))
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks Berita - {esc(site)}</title></head>
<body>{nav(site, ["Indeks", "Terpopuler"])}
<h1>Indeks Berita</h1>
{wrapper}{rows}</div>
<div class="pagination">{paging}</div>
{footer(site)}</body></html>"""
