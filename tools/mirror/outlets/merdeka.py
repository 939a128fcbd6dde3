"""merdeka.com (2026 structure, KLY): the JSON-LD author's name is null (the writer is in
`meta[name=author]` and the "Oleh <name> - Reporter" byline), the editor only in the
`window.kly` state object, a BreadcrumbList whose last item is the headline, "Baca Juga"
boxes of bare links without a colon, a multi-page article served merged."""
from __future__ import annotations

import json
from datetime import datetime

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "uang", "Olahraga": "olahraga", "Teknologi": "teknologi"}


def _channel(section: str) -> str:
    return _CHANNELS.get(section, "peristiwa")


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.merdeka.com/{_channel(section)}/read/{8300000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    news = news_ld(p, "merdeka.com", authors=[{"@type": "Person", "name": None,
                                                "url": f"https://www.merdeka.com/author/{slugify(p.authors[0])}"}])
    state = {"pageType": "ReadPage", "channel": {"name": p.section, "full_slug": _channel(p.section)},
             "article": {"title": p.title, "reporters": p.authors[0], "editors": p.editor,
                         "publishDate": f"{p.published:%Y-%m-%d %H:%M:%S}", "isMultipage": False}}
    meta = (f'<meta name="author" content="{esc(p.authors[0])}">'
            f"<script>window.kly = {json.dumps(state, ensure_ascii=False)};</script>"
            + ld([news, {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://www.merdeka.com"},
                {"@type": "ListItem", "position": 2, "name": p.section, "item": f"https://www.merdeka.com/{_channel(p.section)}"},
                {"@type": "ListItem", "position": 3, "name": p.title, "item": p.url}]}]))
    body = []
    for i, para in enumerate(p.paragraphs):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="bg-primary-50 flex flex-col p-4 rounded-lg border mb-4"><span class="font-bold '
                        f'font-heading text-lg mb-4 flex">Baca Juga</span><a href="{esc(u)}" '
                        f'aria-label="Link baca juga ke-1" class="text-default-link">{esc(t)}</a></div>')
            body.append('<div id="div-gpt-ad-merdeka-sc" class="advertisement-placeholder" data-info="ad"></div>')
    return f"""{head(p, f"{p.title} - merdeka.com", f"{p.title} - merdeka.com", meta)}
<body>
{nav("merdeka.com", ["Peristiwa", "Uang", "Olahraga", "Teknologi", "Dunia"])}
<nav class="breadcrumb-navigation"><ol><li><a href="https://www.merdeka.com"><span>Home</span></a></li>
<li><span class="font-bold">{esc(p.section)}</span></li></ol></nav>
<div class="articles-content"><div class="articles-content__header">
<h1 class="articles-content__title">{esc(p.title)}</h1>
<div data-component="author-section"><div class="author-meta"><div><span>Oleh</span>
<a href="https://www.merdeka.com/author/{esc(slugify(p.authors[0]))}" class="font-bold text-default-link" data-tracking="author_name">{esc(p.authors[0])}</a>
<span class="text-default-gray"> - Reporter</span></div></div></div></div>
<div class="articles-content__body space-y-4 prose">
{chr(10).join(body)}
</div></div>
{footer("merdeka.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.merdeka.com/feed/", "merdeka.com", [item(p) for p in pages])


OUTLET = Outlet(id="merdeka", position=12, feed_articles=8, dateline="Merdeka.com - ", url_for=url_for,
                render=render, feeds=feeds)
