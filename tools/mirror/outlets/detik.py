"""detik.com (2026 structure): parallax ads, "Baca juga" tables, "Simak Video", desk codes in bold,
a `dtk:publishdate` in WIB and a `pubdate` that holds WIB wall time stamped "Z" (a trap);
one dated index per subdomain."""
from __future__ import annotations

from datetime import date, datetime

from tools.mirror.html import Page, esc, head, ld, nav, news_ld, footer, paras_html, wib_long
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    host = "finance.detik.com/berita-ekonomi-bisnis" if section == "Ekonomi" else "news.detik.com/berita"
    return f"https://{host}/d-{7010000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    meta = (f'<meta name="dtk:publishdate" content="{p.published:%Y/%m/%d %H:%M:%S}">'
            # detik's second pubdate is stamped Z but holds WIB wall time (a trap).
            f'<meta name="pubdate" content="{p.published:%Y-%m-%dT%H:%M:%S}Z">'
            f'<meta name="dtk:author" content="{esc(p.authors[0])}">'
            + ld(news_ld(p, "detikcom")))
    body = paras_html(p.paragraphs)
    body[0] = f"<p><strong>{esc(p.paragraphs[0].split(' - ', 1)[0])}</strong> - {esc(p.paragraphs[0].split(' - ', 1)[1])}</p>" \
        if " - " in p.paragraphs[0][:30] else body[0]
    body.insert(1, '<div class="parallaxindetail scrollpage"><div class="ads-scrollpage-container">'
                   '<div id="div-gpt-ad-1570503856672-0"><script>googletag.cmd.push(function(){googletag.display'
                   '("div-gpt-ad-1570503856672-0");});</script></div></div><p class="para_caption">SCROLL TO CONTINUE '
                   'WITH CONTENT</p></div>')
    if p.related:
        t, u = p.related[0]
        body.insert(3, f'<div class="noncontent"><table class="linksisip"><tbody><tr><td><div class="lihatjg">'
                       f'<strong>Baca juga: </strong><a href="{esc(u)}">{esc(t)}</a></div></td></tr></tbody></table></div>')
    body.append(f'<p>Simak Video "Suasana Terkini di Lokasi"</p><p>[Gambas:Video 20detik]</p>')
    body.append(f"<strong>({esc(p.desk)})</strong>")
    tags = "".join(f'<a href="https://www.detik.com/tag/{esc(t.lower().replace(" ", "-"))}">{esc(t)}</a>' for t in p.tags)
    return f"""{head(p, f"{p.title} - detikNews", p.title, meta)}
<body>
{nav("detikcom", ["Berita", "Daerah", "Internasional", "Finance", "Hot", "Sport"])}
<article class="detail">
<div class="page__breadcrumb"><a href="https://news.detik.com/">detikNews</a> <a href="https://news.detik.com/berita">{esc(p.section)}</a></div>
<h1 class="detail__title">{esc(p.title)}</h1>
<div class="detail__author">{esc(p.authors[0])} - detikNews</div>
<div class="detail__date">{wib_long(p.published)}</div>
<div class="detail__media"><figure class="detail__media-image"><img src="{esc(p.image)}" alt="{esc(p.title)}"><figcaption class="detail__media-caption">Ilustrasi (Foto: Dok. detikcom)</figcaption></figure></div>
<div class="detail__body-text itp_bodycontent">
{chr(10).join(body)}
<div class="detail__body-tag mgt-16">{tags}</div>
</div>
</article>
<div class="box cb-mostpop"><h2>Berita Terpopuler</h2><ul><li><a href="https://news.detik.com/berita/d-7000001/populer">Kabar populer hari ini yang banyak dibaca</a></li></ul></div>
{footer("detikcom")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    news = [p for p in pages if "news.detik.com" in p.url]
    finance = [p for p in pages if "finance.detik.com" in p.url]
    # One news story is also listed by the finance feed, once with tracking parameters.
    out.rss("https://news.detik.com/rss", "detikNews", [item(p) for p in news] + [rejects["robots_disallowed"]])
    out.rss("https://finance.detik.com/rss", "detikFinance",
            [item(p) for p in finance] + [item(news[0], news[0].url + "?utm_source=rss&utm_medium=feed")])
    out.sitemap("https://news.detik.com/berita/sitemap_news.xml", "detikcom", [item(p) for p in news])


OUTLET = Outlet(
    id="detik", position=1, feed_articles=11, dateline="{city} - ", url_for=url_for, render=render, feeds=feeds,
    desk_codes_in_body=True,
    index=Index(per_page=4, past_end="not_found", per_host=True, repeated_page_day=date(2026, 11, 18), style=(
        '<div class="list-content">', '<article class="list-content__item"><h3 class="media__title">'
        '<a class="media__link" href="{url}">{title}</a></h3><div class="media__date"><span title="{when}">{when}</span></div></article>')),
)
