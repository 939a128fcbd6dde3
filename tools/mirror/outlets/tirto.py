"""Tirto (2026 structure): no NewsArticle JSON-LD (the writer in `article:author` and
`a.reporter-name`, the time only visible: "Terbit 24 Jul 2026 11:00 WIB"), the dateline a
link "tirto.id - ", "Baca juga:" holders, inline ad slots and a photo caption between
paragraphs; flat article URLs tirto.id/{slug}-{4-character code}; a sitemap, no feed."""
from __future__ import annotations

import string
from datetime import datetime

from tools.mirror.html import ID_MONTHS_SHORT, Page, esc, footer, head, nav
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_LETTERS = string.ascii_letters


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    code = "h" + "".join(_LETTERS[(n * 31 + k * 17) % 52] for k in range(3))
    return f"https://tirto.id/{slugify(title)}-{code}"


def render(p: Page) -> str:
    meta = f'<meta property="article:author" content="{esc(p.authors[0])}">'
    lead = p.paragraphs[0].removeprefix("tirto.id - ")
    body = [f'<p><a href="https://tirto.id">tirto.id</a> - {esc(lead)}</p>',
            '<div id="gpt-inline2-passback"><script>window.googletag=window.googletag||{};</script></div>']
    for i, para in enumerate(p.paragraphs[1:], start=1):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="baca-holder bold"><span>Baca juga:</span><ul><li><a href="{esc(u)}">{esc(t)}</a>'
                        f'</li></ul></div>')
        if i == 2:
            body.append(f'<p><img src="{esc(p.image)}" class="img-content"></p><figcaption style="text-align: left;">'
                        f'Foto ilustrasi. tirto.id/Dok</figcaption>')
    stamp = f"{p.published.day} {ID_MONTHS_SHORT[p.published.month - 1]} {p.published.year} {p.published:%H:%M} WIB"
    return f"""{head(p, p.title, p.title, meta)}
<body>
{nav("tirto.id", ["Politik", "Bisnis", "Sosial Budaya", "Olahraga", "Mild Report"])}
<div class="article-wrapper"><article>
<header class="article-header"><div class="article-heading"><h1 class="article-title">{esc(p.title)}</h1></div>
<div class="article-meta"><div class="flex-1"><div class="byline">
<a class="reporter-name text-semibold" href="https://tirto.id/author/{esc(slugify(p.authors[0]))}">{esc(p.authors[0])}</a>
<div>Terbit {stamp}</div></div></div></div></header>
<div class="content-text-editor">
{chr(10).join(body)}
</div></article></div>
{footer("tirto.id")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.sitemap("https://tirto.id/sitemap.xml", "tirto.id", [item(p) for p in pages])


OUTLET = Outlet(id="tirto", position=17, feed_articles=8, dateline="tirto.id - ", url_for=url_for, render=render,
                feeds=feeds, shows_seconds=False)
