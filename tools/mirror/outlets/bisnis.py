"""Bisnis.com (no 2026 page sample was available here: modelled on the outlet notes and on
what public scrapers of it read), as its `?page=all` variant serves an article: articles at
{kanal}.bisnis.com/read/YYYYMMDD/{cat}/{id}/{slug}, the title in `h1.detailsTitleCaption`,
`.breadcrumbItem` sections, the time in `.detailsAttributeDates`, the writer in
`.authorName` ("Name - Bisnis.com") and JSON-LD, "Baca Juga" boxes (`.baca-juga-box`)
between paragraphs; a news sitemap and a dated index on www.bisnis.com."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify


def _kanal(section: str) -> tuple[str, int, str]:
    if section == "Ekonomi":
        return "ekonomi", 9, "Ekonomi"
    if section == "Teknologi":
        return "teknologi", 84, "Teknologi"
    return "kabar24", 15, "Nasional"


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    kanal, cat, _ = _kanal(section)
    return f"https://{kanal}.bisnis.com/read/{published:%Y%m%d}/{cat}/{1900000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    kanal, _, label = _kanal(p.section)
    meta = ld(news_ld(p, "Bisnis.com", articleSection=label))
    body = []
    for i, para in enumerate(p.paragraphs):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="baca-juga-box"><div class="baca-juga-title">Baca Juga :</div><ul class="list-baca-juga">'
                        f'<li><a class="link-baca-juga" href="{esc(u)}">{esc(t)}</a></li></ul></div>')
    when = f"{day_name(p.published)}, {p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} | {p.published:%H:%M}"
    return f"""{head(p, f"{p.title} | Bisnis.com", p.title, meta)}
<body>
{nav("Bisnis.com", ["Ekonomi", "Market", "Finansial", "Kabar24", "Teknologi"])}
<div class="breadcrumb"><div class="breadcrumbItem"><a class="breadcrumbLink" href="https://www.bisnis.com/">Home</a></div>
<div class="breadcrumbItem"><a class="breadcrumbLink" href="https://{kanal}.bisnis.com/">{esc(label)}</a></div></div>
<h1 class="detailsTitleCaption">{esc(p.title)}</h1>
<div class="detailsAuthor"><div class="author"><span class="authorName">{esc(p.authors[0])} - Bisnis.com</span></div>
<div class="detailsAttributeDates">{when}</div></div>
<article class="detailsContent force-17 mt40">
{chr(10).join(body)}
</article>
<div class="detailsEditor">Editor : {esc(p.editor)}</div>
{footer("Bisnis Indonesia Group")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.sitemap("https://www.bisnis.com/sitemap-news.xml", "Bisnis.com", [item(p) for p in pages])


OUTLET = Outlet(
    id="bisnis", position=22, feed_articles=8, dateline="Bisnis.com, {CITY} - ", url_for=url_for, render=render,
    feeds=feeds, shows_seconds=False,
    index=Index(per_page=4, past_end="empty", style=(
        '<div class="artList">', '<div class="artItem"><a class="artLink" href="{url}"><h4 class="artTitle">{title}</h4>'
        '</a><div class="artDate">{when}</div></div>')),
)
