"""Republika (2026 structure): the JSON-LD author is the editor (the visible byline says
"Rep: writer/ Red: editor"), the dateline "REPUBLIKA.CO.ID, JAKARTA -" with a no-break
space, paragraphs wrapped twice (`<p class="b2"><p>`), a "Baca Juga" picked-article list,
ad slots and a footnote inside the article, the date "Jumat   24 Jul 2026  16:32 WIB";
feeds at /rss and /rss/{kanal}."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS_SHORT, Page, day_name, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "ekonomi", "Olahraga": "sepakbola", "Teknologi": "tekno"}


def _channel(section: str) -> str:
    return _CHANNELS.get(section, "news")


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    code = f"t{n:05d}{'abcdefghij'[n % 10]}{'klmnopqrst'[n // 10 % 10]}{'uvwxyz'[n % 6]}"[:9]
    return f"https://{_channel(section)}.republika.co.id/berita/{code}/{slugify(title)}"


def render(p: Page) -> str:
    meta = ld(news_ld(p, "Republika Online", authors={"@type": "Person", "name": p.editor}))
    paragraphs = list(p.paragraphs)
    paragraphs[0] = paragraphs[0].replace("REPUBLIKA.CO.ID, ", "REPUBLIKA.CO.ID,\u00a0", 1)
    body = []
    for i, para in enumerate(paragraphs):
        body.append(f'<!-- B1 --><p class="b2">   <p>{esc(para)}</p>')
        if i == 0:
            body.append("<div style=\"width:100%;text-align:center\"><div id='div-gpt-ad-1500000000000-0'><script>"
                        "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1500000000000-0'); });"
                        "</script></div></div>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="picked-article"><div class="title"><span>Baca Juga</span></div>'
                        f'<ul><li><a href="{esc(u)}">{esc(t)}</a></li></ul></div>')
    body.append('<p class="b2"><p>&nbsp;</p><div id="next-article" data-max-pages="2"></div>'
                '<div class="footnote-wrap"><p>Ikuti Berita Republika Lainnya di Google News.</p></div>')
    day = day_name(p.published)
    stamp = f"{day}   {p.published.day:02d} {ID_MONTHS_SHORT[p.published.month - 1]} {p.published.year}  {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} | Republika Online", p.title, meta)}
<body>
{nav("Republika", ["News", "Ekonomi", "Khazanah", "Sepakbola", "Tekno"])}
<div class="main-content" id="detail"><div class="main-content__left">
<div class="wrapper-breadcrumb"><ul class="breadcrumb"><li><a href="https://www.republika.co.id/">Home</a> &gt;</li>
<li><a href="https://{_channel(p.section)}.republika.co.id">{esc(p.section)}</a></li></ul></div>
<div class="date date-item__headline">{stamp}</div>
<div class="max-card__title"><h1>{esc(p.title)}</h1>
<div class="">
  Rep: {esc(p.authors[0])}/        Red: <a href="https://republika.co.id/page/penulis/000/{esc(slugify(p.editor))}">{esc(p.editor)}</a></div>
</div>
<div class="max-card__image"><figure><img src="{esc(p.image)}" alt=""><figcaption class="detail__media-caption">
<div class="source-img">Foto: Republika</div><div class="caption-img"><span>Ilustrasi.</span></div></figcaption></figure>
<div class="article-content"><article>
{chr(10).join(body)}
</article></div></div>
</div></div>
{footer("Republika")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.republika.co.id/rss", "Republika Online", [item(p) for p in pages])
    out.rss("https://www.republika.co.id/rss/ekonomi", "Republika Ekonomi",
            [item(p) for p in pages if p.section == "Ekonomi"] or [item(pages[0])])
    out.sitemap("https://republika.co.id/files/xml/sitemap.xml", "Republika", [item(p) for p in pages])


OUTLET = Outlet(id="republika", position=10, feed_articles=8, dateline="REPUBLIKA.CO.ID, {CITY} -- ", url_for=url_for,
                render=render, feeds=feeds,
                index=Index(per_page=3, past_end="empty", style=(  # offsets of 50 in its real URLs
                    '<div class="conten1">', '<div class="conten1"><h2><a href="{url}">{title}</a></h2>'
                    '<div class="date">{when}</div></div>')))
