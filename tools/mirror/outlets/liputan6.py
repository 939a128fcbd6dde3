"""Liputan6 (2026 structure): a multi-page article served whole in one response as
`[data-page]` blocks, "BACA JUGA" collections inside the body, a BreadcrumbList whose
positions are strings, the byline "Oleh <name>" with "Diterbitkan 24 Juli 2026, 10:26 WIB",
a summary list above the body; feeds per channel on feed.liputan6.com; a dated index per
channel."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "bisnis", "Olahraga": "bola", "Teknologi": "tekno"}


def _channel(section: str) -> str:
    return _CHANNELS.get(section, "news")


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.liputan6.com/{_channel(section)}/read/{6200000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    channel = _channel(p.section)
    stamp = f"{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year}, {p.published:%H:%M} WIB"
    meta = (f'<meta property="article:published_time" content="{p.published.isoformat()}">'
            + ld(news_ld(p, "Liputan6.com"))
            + ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": "1", "name": "Liputan6", "item": "https://www.liputan6.com"},
                {"@type": "ListItem", "position": "2", "name": p.section, "item": f"https://www.liputan6.com/{channel}"},
                {"@type": "ListItem", "position": "3", "name": p.title, "item": p.url}]}))
    half = max(1, (len(p.paragraphs) + 1) // 2)
    pages = [p.paragraphs[:half], p.paragraphs[half:]] if len(p.paragraphs) >= 4 else [p.paragraphs]
    blocks = []
    for number, paragraphs in enumerate(pages, start=1):
        inner = [f"<p>{esc(x)}</p>" for x in paragraphs]
        if number == 1 and p.related and len(inner) >= 2:
            t, u = p.related[0]
            inner.insert(1, f'<div class="baca-juga-collections" data-category="{esc(p.section)}">'
                            f'<div class="baca-juga-collections__detail" data-url="{esc(u)}">BACA JUGA:'
                            f'<a href="{esc(u)}">{esc(t)}</a></div></div>')
        blocks.append(f'<div class="article-content-body__item-page" data-page="{number}" data-title="">'
                      f'<div class="article-content-body__item-content">{"".join(inner)}</div></div>')
        if number == 1:
            blocks.append('<div id="gpt-ad-liputan6-sc-1" class="article-ad"></div>')
    author = esc(p.authors[0])
    return f"""{head(p, f"{p.title} - News Liputan6.com", p.title, meta)}
<body>
{nav("Liputan6", ["News", "Bisnis", "Bola", "Tekno", "Showbiz"])}
<ul class="read-page--breadcrumb"><li><a href="https://www.liputan6.com"><span>Home</span></a></li>
<li><a href="https://www.liputan6.com/{channel}"><span>{esc(p.section)}</span></a></li></ul>
<article class="main" role="main">
<header class="read-page--header">
<h1 class="read-page--header--title entry-title">{esc(p.title)}</h1>
<div class="read-page-box__author"><div class="read-page-box__author__datetime">
<div class="read-page-box__author__datetime__wrapper"><span>Oleh</span>
<a href="https://www.liputan6.com/author/{esc(slugify(p.authors[0]))}" class="read-page-box__author__name">{author}</a></div>
<span class="read-page-box__author__updated">Diterbitkan {stamp}</span></div></div>
</header>
<div class="article-content-body">
{chr(10).join(blocks)}
</div>
<div class="read-page-box__author__team-detail"><span class="read-page-box__author__team-detail__people">{author}</span>
<span class="read-page-box__author__team-detail__name">Tim Redaksi</span></div>
</article>
{footer("Liputan6.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://feed.liputan6.com/rss", "Liputan6.com", [item(p) for p in pages])
    out.rss("https://feed.liputan6.com/rss/bisnis", "Liputan6.com Bisnis",
            [item(p) for p in pages if _channel(p.section) == "bisnis"] or [item(pages[0])])


OUTLET = Outlet(id="liputan6", position=8, feed_articles=8, dateline="Liputan6.com, {city} - ", url_for=url_for,
                render=render, feeds=feeds,
                # one dated index per kanal (/news/indeks/YYYY/MM/DD), its day on one page; the
                # items in the channel listing's markup (outlet-samples/liputan6/channel-news.html)
                index=Index(per_page=100, past_end="not_found", per_kanal=True, style=(
                    '<div class="articles--iridescent-list">',
                    '<article class="articles--iridescent-list--item"><a class="ui--a articles--iridescent-list'
                    '--text-item__title-link" href="{url}" title="{title}"><span>{title}</span></a>'
                    '<time class="articles--iridescent-list--text-item__time">{when}</time></article>')))
