"""Suara.com (2026 structure), as its `?page=all` variant serves an article: JSON-LD
without the body and with a writer and a reporter as authors, a GTM dataLayer, the
byline of both in `h3.author-trigger`, the date "Jum'at, 24 Juli 2026 | 07:08 WIB", ad
belts and "Baca 10 detik" boxes in the text; articles at /{kanal}/YYYY/MM/DD/HHMMSS/{slug}."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "bisnis", "Olahraga": "bola", "Teknologi": "tekno"}


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.suara.com/{_CHANNELS.get(section, 'news')}/{published:%Y/%m/%d/%H%M%S}/{slugify(title)}"


def render(p: Page) -> str:
    meta = (ld(news_ld(p, "Suara.com"))
            + f"<script>dataLayer = [{{'articleTitle': '{esc(p.title)}', 'articleDate': '{p.published:%Y-%m-%dT%H:%M:%S}',"
              f" 'articleEditor': '{esc(p.editor)}', 'articleTotalPages': 1}}];</script>")
    body = ['<div class="placeholder_belt mb-10"><div id="div-ad-center_belt" class="widget-ads3"></div></div>']
    for i, para in enumerate(p.paragraphs):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="ten-second"><span>Baca 10 detik</span><ul><li><a href="{esc(u)}">{esc(t)}</a>'
                        f'</li></ul></div>')
    writers = ",\n".join(f'<a href="/author/{esc(slugify(a))}">{esc(a)}</a>' for a in p.authors)
    day = day_name(p.published, apostrophe=True)
    stamp = f"{day}, {p.published.day:02d} {ID_MONTHS[p.published.month - 1]} {p.published.year} | {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} - Suara.com", p.title, meta)}
<body>
{nav("Suara.com", ["News", "Bisnis", "Bola", "Tekno", "Lifestyle"])}
<div class="detail-content"><div class="article-image">
<h1>{esc(p.title)}</h1>
<div class="article-profile"><h3 class="author-trigger">{writers}</h3></div>
<span>{stamp}</span></div>
<div class="article-content">
{chr(10).join(body)}
</div></div>
{footer("Suara.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.suara.com/rss", "Suara.com", [item(p) for p in pages])


OUTLET = Outlet(id="suara", position=14, feed_articles=8, dateline="Suara.com - ", url_for=url_for,
                render=render, feeds=feeds)
