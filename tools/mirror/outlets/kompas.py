"""Kompas.com (2026 structure): "Baca juga" inner links, account prompts under the text, a UTC
`article:published_time` and a WIB `content_PublishedDate`; article times in the URL."""
from __future__ import annotations

from datetime import datetime, timezone

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld, paras_html
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    sub = "money" if section == "Ekonomi" else "nasional"
    return f"https://{sub}.kompas.com/read/{published:%Y/%m/%d}/{published:%H%M%S}{n % 100:02d}/{slugify(title)}"


def render(p: Page) -> str:
    utc = p.published.astimezone(timezone.utc)
    meta = (f'<meta property="article:published_time" content="{utc:%Y-%m-%dT%H:%M:%S}+00:00">'
            f'<meta name="content_PublishedDate" content="{p.published:%Y-%m-%d %H:%M:%S}">'
            f'<meta name="content_author" content="{esc(p.authors[0])}">'
            f'<meta name="content_editor" content="{esc(p.editor)}">'
            + ld(news_ld(p, "Kompas Cyber Media", articleSection=p.section)))
    body = paras_html(p.paragraphs)
    for i, (t, u) in enumerate(p.related[:2]):
        body.insert(2 + 2 * i, f'<p><strong>Baca juga: <a class="inner-link-baca-juga" href="{esc(u)}">{esc(t)}</a></strong></p>')
    return f"""{head(p, f"{p.title} Halaman all - Kompas.com", p.title, meta)}
<body>
{nav("Kompas.com", ["News", "Nasional", "Regional", "Megapolitan", "Money", "Tekno"])}
<div class="read__header">
<h1 class="read__title">{esc(p.title)}</h1>
<div class="read__time">Kompas.com, {p.published:%d/%m/%Y}, {p.published:%H:%M} WIB</div>
<div class="credit-title-name"><h6>Penulis</h6> <a href="https://www.kompas.com/tag/{esc(p.authors[0].lower().replace(' ', '-'))}">{esc(p.authors[0])}</a></div>
<div class="credit-title-name"><h6>Editor</h6> {esc(p.editor)}</div>
</div>
<div class="photo"><img src="{esc(p.image)}" alt=""><div class="photo__caption">KOMPAS.com/Dok</div></div>
<div class="read__content"><div class="clearfix">
{chr(10).join(body)}
</div></div>
<div class="kompas-comment"><p>Periksa kembali dan lengkapi data dirimu.</p><p>Data dirimu akan digunakan untuk verifikasi akun ketika kamu membutuhkan bantuan atau ketika ditemukan aktivitas tidak biasa pada akunmu.</p><p>#JernihBerkomentar</p></div>
<div class="tag__article"><ul>{"".join(f"<li><a href='https://www.kompas.com/tag/{esc(t)}'>{esc(t)}</a></li>" for t in p.tags)}</ul></div>
{footer("Kompas Cyber Media")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://rss.kompas.com/", "Kompas.com - Berita Terkini", [item(p) for p in pages])


OUTLET = Outlet(
    id="kompas", position=2, feed_articles=10, dateline="{CITY}, KOMPAS.com - ", url_for=url_for, render=render,
    feeds=feeds,
    fixed_minutes={1: 30},  # 00:30 WIB: the previous day in UTC; the partition must follow WIB
    index=Index(per_page=3, past_end="empty", style=(
        '<div class="latest--indeks mt2 clearfix">', '<div class="articleItem"><a class="article-link" href="{url}">'
        '<h2 class="articleTitle">{title}</h2></a><div class="articlePost-date">{when}</div></div>')),
)
