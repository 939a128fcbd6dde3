"""VIVA (2026 structure), as its `?page=all` variant serves an article: the dateline "VIVA
- ", a "Baca Juga:" recommended-article list between paragraphs, AdSense slots, the
`time.date` stamp and `span.author` byline; articles at /{kanal}/{id}-{slug}."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld, wib_long
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "bisnis", "Olahraga": "sport", "Teknologi": "digital"}


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.viva.co.id/{_CHANNELS.get(section, 'berita')}/{1800000 + n}-{slugify(title)}"


def render(p: Page) -> str:
    meta = ld(news_ld(p, "VIVA.co.id", authors={"@type": "Person", "name": p.authors[0]}))
    body = []
    for i, para in enumerate(p.paragraphs):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="recommended-article"><p class="recommended-article-title">Baca Juga:</p>'
                        f'<ul><li><a href="{esc(u)}">{esc(t)}</a></li></ul></div>')
            body.append('<div class="ads adsbygoogle" data-ad-slot="1122334455"><ins class="adsbygoogle"></ins></div>')
    return f"""{head(p, f"{p.title} - VIVA", p.title, meta)}
<body>
{nav("VIVA", ["Berita", "Bisnis", "Sport", "Digital", "Showbiz"])}
<article>
<h1 class="main-title">{esc(p.title)}</h1>
<div class="date-time"><time class="date" datetime="{p.published.isoformat()}">{wib_long(p.published)}</time>
<span class="author">{esc(p.authors[0])}</span></div>
<div class="main-content-detail">
{chr(10).join(body)}
</div>
</article>
{footer("VIVA.co.id")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.viva.co.id/get/all", "VIVA.co.id", [item(p) for p in pages])


OUTLET = Outlet(id="viva", position=13, feed_articles=8, dateline="VIVA - ", url_for=url_for,
                render=render, feeds=feeds)
