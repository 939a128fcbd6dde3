"""ANTARA (2026 structure): "Baca juga" paragraphs and the Pewarta/Editor/COPYRIGHT footer; its
terkini feed carries a raw "&" in a title (not well-formed XML; feedparser still reads it)."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld, paras_html, wib_long
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.antaranews.com/berita/{4810000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    meta = ld(news_ld(p, "ANTARA", articleSection=p.section))
    body = paras_html(p.paragraphs)
    if p.related:
        t, u = p.related[0]
        body.insert(2, f'<p class="baca-juga"><span>Baca juga: </span><a href="{esc(u)}">{esc(t)}</a></p>')
    body.append("<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>")
    body.append(f'<p class="text-muted mt-2 small">Pewarta: {esc(p.authors[0])}<br>Editor: {esc(p.editor)}<br>COPYRIGHT © ANTARA 2026</p>')
    return f"""{head(p, f"{p.title} - ANTARA News", p.title, meta)}
<body>
{nav("ANTARA", ["Terkini", "Politik", "Hukum", "Ekonomi", "Metro", "Dunia"])}
<div class="wrap__article-detail">
<div class="wrap__article-detail-title"><h1>{esc(p.title)}</h1></div>
<div class="wrap__article-detail-info"><span class="text-secondary">{wib_long(p.published)}</span></div>
<div class="wrap__article-detail-content post-content">
{chr(10).join(body)}
</div>
<div class="blog-tags"><ul>{"".join(f"<li><a href='https://www.antaranews.com/tag/{esc(t)}'>{esc(t)}</a></li>" for t in p.tags)}</ul></div>
</div>
{footer("ANTARA")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    items = [item(p) for p in pages] + [rejects["http_404"]]
    items[3] = {**items[3], "title": items[3]["title"] + " & Sekitarnya"}
    out.rss("https://www.antaranews.com/rss/terkini.xml", "ANTARA News - Terkini", items, loose=True)
    out.rss("https://www.antaranews.com/rss/ekonomi.xml", "ANTARA News - Ekonomi",
            [item(p) for p in pages if p.section == "Ekonomi"] or [item(pages[0])])


OUTLET = Outlet(id="antaranews", position=5, feed_articles=10, dateline="{city} (ANTARA) - ", url_for=url_for,
                render=render, feeds=feeds)
