"""Tribunnews (2026 structure): articles split over pages (`?page=2`, whole with `?page=all`),
"Baca juga" links, a summary box, "Pilihan untukmu" widgets, the editor in JSON-LD; news
sitemaps per section; index pages past the end echo the last one."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_DAYS, ID_MONTHS, Page, esc, footer, head, ld, nav, news_ld, paras_html
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    sec = "internasional" if section == "Internasional" else "nasional"
    return f"https://www.tribunnews.com/{sec}/{9100000 + n}/{slugify(title)}"


def render(p: Page, page_no: int | None = None, pages: list[list[str]] | None = None) -> str:
    """A Tribun article; `pages` splits paragraphs for a multi-page article, `page_no`
    None renders the whole text (the ?page=all variant)."""
    meta = ld({"@context": "https://schema.org", "@graph": [news_ld(
        p, "Tribunnews", editor={"@type": "Person", "name": p.editor}, articleSection=p.section, keywords=p.tags)]})
    paragraphs = p.paragraphs if page_no is None or not pages else pages[page_no - 1]
    body = paras_html(paragraphs)
    if page_no in (None, 1) and " - " in p.paragraphs[0][:40]:
        lead, text = p.paragraphs[0].split(" - ", 1)
        body[0] = f"<p><strong>{esc(lead)} - </strong>{esc(text)}</p>"
    if p.related:
        t, u = p.related[0]
        body.insert(2, f'<p class="baca"><strong><span class="more">Baca juga: </span> <a href="{esc(u)}">{esc(t)}</a></strong></p>')
    body.insert(1, '<div class="ads-placeholder"><div id="div-Inside-MediumRectangle"></div></div>')
    if p.attribution and (page_no is None or (pages and page_no == len(pages))):
        body.append(f"<p>Artikel ini telah tayang di {esc(p.attribution)}</p>")
    paging = ""
    if pages and page_no is not None:
        links = "".join(
            f'<a href="{esc(p.url)}{"" if n == 1 else f"?page={n}"}" rel="page-{n}">{n}</a>' for n in range(1, len(pages) + 1))
        paging = (f'<div class="paging"><div class="pagination-wrap"><span class="total-page">Halaman {page_no}/{len(pages)}</span>'
                  f'<div class="page-number">{links}</div></div></div>')
    return f"""{head(p, p.title, f"{p.title} - Tribunnews.com", meta)}
<body>
{nav("Tribunnews.com", ["Nasional", "Internasional", "Regional", "Bisnis", "Sport"])}
<h1 class="f50 black2 f400 crimson" id="arttitle">{esc(p.title)}</h1>
<div class="mt10"><div class="grey bdr3 pb10 pt10"><strong>Tayang:</strong> <time datetime="{p.published:%Y-%m-%dT%H:%M}+07:00">{ID_DAYS[p.published.weekday()]}, {p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} {p.published:%H:%M} WIB</time></div>
<div class="f20 credit mt10"><div id="penulis">Penulis: <a href="https://www.tribunnews.com/penulis/x">{esc(p.authors[0])}</a></div>
<div id="editor">Editor: <a href="https://www.tribunnews.com/editor/x">{esc(p.editor)}</a></div></div></div>
<div class="side-article txt-article multi-fontsize">
<blockquote class="summary-article"><strong class="summary-head">Ringkasan Berita:</strong><ul><li>{esc(p.title)}.</li></ul></blockquote>
{chr(10).join(body)}
</div>
{paging}
<div class="side-article mb5"><div id="widget_pilihanuntukmu_article" class="pilihan-list"><div class="item-pilihan"><a href="https://www.tribunnews.com/nasional/9000000/pilihan">Pilihan untukmu: berita lain yang sedang ramai</a></div></div></div>
{footer("Tribunnews.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.sitemap("https://www.tribunnews.com/nasional/sitemap-news.xml", "Tribunnews",
                [item(p) for p in pages if "/nasional/" in p.url])
    out.sitemap("https://www.tribunnews.com/internasional/sitemap-news.xml", "Tribunnews",
                [item(p) for p in pages if "/internasional/" in p.url])


OUTLET = Outlet(
    id="tribunnews", position=6, feed_articles=10, dateline="TRIBUNNEWS.COM, {CITY} - ", url_for=url_for,
    render=render, feeds=feeds,
    index=Index(per_page=2, past_end="repeat_last", style=(
        '<ul class="lsi">', '<li class="ptb15"><h3 class="f16 fbo"><a href="{url}" class="f16 fbo">{title}</a></h3>'
        '<time class="grey">{when}</time></li>')),
)
