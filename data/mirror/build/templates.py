"""Page templates of the mirrored outlets, after their 2026 structures.

Class names, JSON-LD shapes, meta tags, byline and date placement and the kinds of
boilerplate follow the outlet samples and research notes in the shared reference
(detik parallax ads and "Baca juga" tables, Kompas account prompts and its UTC
article:published_time, CNN "Lihat Juga" and [Gambas:Video CNN], Tempo "Pilihan Editor",
ANTARA's Pewarta/Editor footer, Tribun's paged articles, a WordPress theme for Pahami.id).
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime

ID_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
ID_MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass
class Page:
    url: str
    source: str
    title: str
    published: datetime  # aware, WIB
    section: str
    paragraphs: list[str]
    authors: list[str]
    editor: str
    tags: list[str]
    desk: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)  # (title, url) for "Baca juga"
    attribution: str = ""
    image: str = ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def news_ld(p: Page, publisher: str, authors: list[dict] | dict | None = None, **extra) -> dict:
    obj = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": p.url}, "headline": p.title,
        "image": {"@type": "ImageObject", "url": p.image},
        "datePublished": p.published.isoformat(), "dateModified": p.published.isoformat(),
        "author": authors if authors is not None else [{"@type": "Person", "name": a} for a in p.authors],
        "publisher": {"@type": "Organization", "name": publisher}, "description": p.paragraphs[0][:150],
    }
    obj.update(extra)
    return obj


def head(p: Page, title_tag: str, og_title: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{esc(title_tag)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(p.paragraphs[0][:150])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(og_title)}">
<meta property="og:url" content="{esc(p.url)}">
<meta property="og:image" content="{esc(p.image)}">
<meta name="keywords" content="{esc(', '.join(p.tags))}">
<link rel="canonical" href="{esc(p.url)}">
{extra}
</head>"""


def nav(site: str, sections: list[str]) -> str:
    links = "".join(f'<li><a href="/{s.lower()}">{esc(s)}</a></li>' for s in sections)
    return f'<header class="header"><a class="logo" href="/">{esc(site)}</a><nav><ul class="menu">{links}</ul></nav></header>'


def footer(site: str) -> str:
    return (f'<footer class="footer"><ul><li><a href="/redaksi">Redaksi</a></li><li><a href="/pedoman-media-siber">'
            f'Pedoman Media Siber</a></li><li><a href="/karir">Karir</a></li></ul><p>Copyright © 2026 {esc(site)}. '
            f'All rights reserved.</p></footer>')


def paras_html(paragraphs: list[str]) -> list[str]:
    return [f"<p>{esc(x)}</p>" for x in paragraphs]


def wib_long(dt: datetime) -> str:
    return f"{ID_DAYS[dt.weekday()]}, {dt.day:02d} {ID_MONTHS_SHORT[dt.month - 1]} {dt.year} {dt:%H:%M} WIB"


# -- detik ------------------------------------------------------------------------------
def detik(p: Page) -> str:
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


# -- Kompas -----------------------------------------------------------------------------
def kompas(p: Page) -> str:
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


# -- CNN Indonesia ----------------------------------------------------------------------
def cnnindonesia(p: Page) -> str:
    meta = (ld(news_ld(p, "cnnindonesia.com", authors={"@type": "Person", "name": ""}))
            + ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "CNN Indonesia", "item": "https://www.cnnindonesia.com/"},
                {"@type": "ListItem", "position": 2, "name": p.section, "item": f"https://www.cnnindonesia.com/{p.section.lower()}"}]}))
    first, rest = p.paragraphs[0], p.paragraphs[1:]
    place, text = first.split(" -- ", 1) if " -- " in first else ("", first)
    body = [f"<strong>{esc(place)}</strong> -- <p>{esc(text)}</p>" if place else f"<p>{esc(text)}</p>"]
    body.append('<div class="paradetail"><p class="para_caption">ADVERTISEMENT</p><div class="para paraA ads-slot">'
                '<div id="div-gpt-ad-1649735218374-0"></div></div><p class="para_caption">SCROLL TO CONTINUE WITH CONTENT</p></div>')
    body += paras_html(rest[:1])
    if p.related:
        t, u = p.related[0]
        body.append(f'<table class="linksisip"><tbody><tr><td><div class="lihatjg"><h5>Lihat Juga :</h5><div class="lihatjg-title">'
                    f'<a href="{esc(u)}" class="gtm_body_lihat_juga">{esc(t)}</a></div></div></td></tr></tbody></table>')
    body += paras_html(rest[1:])
    body.append("<p>[Gambas:Video CNN]</p>")
    body.append(f"<p></p> <strong>({esc(p.desk)})</strong>")
    body.append('<a href="https://www.cnnindonesia.com/outboundlinks?url=https://www.google.com" class="border">Add as a preferred source on Google</a>')
    return f"""{head(p, f"{p.title}", p.title, meta)}
<body>
{nav("CNN Indonesia", ["Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan"])}
<div class="breadcrumb"><a class="gtm_breadcrumb_kanal" href="https://www.cnnindonesia.com/{p.section.lower()}">{esc(p.section)}</a></div>
<h1 class="mb-2 text-[28px] leading-9 text-cnn_black"> {esc(p.title)} </h1>
<div class="text-cnn_black_light3 text-sm mb-2.5"> <span class="text-cnn_red">CNN Indonesia</span> </div>
<div class="text-cnn_grey text-sm mb-4"> {wib_long(p.published)} </div>
<div class="detail-wrap flex gap-4 relative"><div class="detail-text text-cnn_black text-sm grow min-w-0">
{chr(10).join(body)}
<div class="end-of-article"></div>
</div></div>
<aside class="my-5"><div class="title-box"> TOPIK TERKAIT </div><div class="flex">{"".join(f'<a href="https://www.cnnindonesia.com/tag/{esc(t)}">{esc(t)}</a>' for t in p.tags)}</div></aside>
{footer("CNN Indonesia")}
</body></html>"""


# -- Tempo ------------------------------------------------------------------------------
def tempo(p: Page) -> str:
    meta = (f'<meta property="article:published_time" content="{p.published.day} {ID_MONTHS[p.published.month - 1]} '
            f'{p.published.year} | {p.published:%H.%M} WIB">'
            + ld(news_ld(p, "PT Tempo Inti Media", articleBody="\n".join(p.paragraphs)))
            + ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://tempo.co"},
                {"@type": "ListItem", "position": 2, "name": p.section, "item": f"https://tempo.co/{p.section.lower()}"}]}))
    blocks = []
    for i, para in enumerate(p.paragraphs):
        blocks.append(f'<div id="content-wrapper" class="max-lg:container xl"><p>{esc(para)}</p></div>')
        if i == 1:
            blocks.append('<div class="bg-neutral-200 w-full text-center"><p class="text-neutral-900 text-xs">Scroll ke bawah untuk melanjutkan membaca</p></div>')
        elif i == 0:
            blocks.append('<div id="ads-slot-1"></div>')
    if p.related:
        t, u = p.related[0]
        blocks.append(f'<div id="content-wrapper" class="max-lg:container xl"><p>Pilihan Editor: <a href="{esc(u)}">{esc(t)}</a></p></div>')
    return f"""{head(p, f"{p.title} | tempo.co", p.title, meta)}
<body>
{nav("Tempo", ["Politik", "Hukum", "Ekonomi", "Lingkungan", "Investigasi"])}
<article>
<h1 class="text-[26px] font-bold leading-[122%] text-neutral-1200">{esc(p.title)}</h1>
<p class="text-neutral-900 text-sm">{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} | {p.published:%H.%M} WIB</p>
<div class="author"><a href="/penulis/{esc(p.authors[0].lower().replace(' ', '-'))}">{esc(p.authors[0])}</a></div>
<figure><img src="{esc(p.image)}" alt=""><figcaption>Ilustrasi. TEMPO/Dok</figcaption></figure>
{chr(10).join(blocks)}
</article>
{footer("Tempo")}
</body></html>"""


# -- ANTARA -----------------------------------------------------------------------------
def antaranews(p: Page) -> str:
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


# -- Tribunnews -------------------------------------------------------------------------
def tribunnews(p: Page, page_no: int | None = None, pages: list[list[str]] | None = None) -> str:
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


# -- Pahami.id (WordPress-style theme) --------------------------------------------------
def pahami(p: Page) -> str:
    meta = (f'<meta property="article:published_time" content="{p.published.isoformat()}">'
            f'<meta name="author" content="{esc(p.authors[0])}">'
            + ld({"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "Pahami.id", "url": "https://pahami.id/"},
                news_ld(p, "Pahami.id", articleSection=p.section)]}))
    body = paras_html(p.paragraphs)
    return f"""{head(p, f"{p.title} - Pahami.id", f"{p.title} - Pahami.id", meta)}
<body class="post-template-default single single-post">
{nav("Pahami.id", ["Nasional", "Internasional", "Ekonomi", "Olahraga"])}
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry">
<header class="entry-header"><span class="cat-links"><a href="https://pahami.id/category/{p.section.lower()}/" rel="category tag">{esc(p.section)}</a></span>
<h1 class="entry-title">{esc(p.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{p.published.isoformat()}">{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year}</time></span>
<span class="byline"> oleh <span class="author vcard"><a class="url fn n" href="https://pahami.id/author/{esc(p.authors[0].lower().replace(' ', '-'))}/">{esc(p.authors[0])}</a></span></span></div>
</header>
<div class="entry-content">
{chr(10).join(body)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Bagikan:</h3><ul><li><a href="#">WhatsApp</a></li><li><a href="#">Facebook</a></li></ul></div></div>
</div>
<footer class="entry-footer"><span class="tags-links">{"".join(f'<a href="https://pahami.id/tag/{esc(t)}/" rel="tag">{esc(t)}</a>' for t in p.tags)}</span></footer>
</article>
<div class="jp-relatedposts related"><h3>Terkait</h3><ul><li><a href="https://pahami.id/">Berita terkait lainnya dari Pahami.id</a></li></ul></div>
</main>
{footer("Pahami.id")}
</body></html>"""


RENDERERS = {"detik": detik, "kompas": kompas, "cnnindonesia": cnnindonesia, "tempo": tempo,
             "antaranews": antaranews, "tribunnews": tribunnews, "pahami": pahami}


# -- feeds and sitemaps -----------------------------------------------------------------
def rss(channel_title: str, link: str, items: list[dict], built: datetime, loose_ampersand: bool = False) -> str:
    rows = []
    for it in items:
        title = it["title"] if loose_ampersand else esc(it["title"])
        rows.append(f"""<item>
<title>{title}</title>
<link>{esc(it['link'])}</link>
<guid isPermaLink="true">{esc(it['link'])}</guid>
<pubDate>{format_datetime(it['published'])}</pubDate>
<category>{esc(it.get('section', ''))}</category>
<description><![CDATA[{it.get('summary', '')}]]></description>
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>{esc(channel_title)}</title>
<link>{esc(link)}</link>
<description>{esc(channel_title)}</description>
<language>id</language>
<lastBuildDate>{format_datetime(built)}</lastBuildDate>
{chr(10).join(rows)}
</channel>
</rss>
"""


def news_sitemap(publication: str, items: list[dict]) -> str:
    rows = "".join(f"""
<url>
<loc><![CDATA[{it['link']}]]></loc>
<news:news>
<news:publication><news:name><![CDATA[{publication}]]></news:name><news:language><![CDATA[id]]></news:language></news:publication>
<news:publication_date><![CDATA[{it['published'].isoformat()}]]></news:publication_date>
<news:title><![CDATA[{it['title']}]]></news:title>
</news:news>
</url>""" for it in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}\n</urlset>\n')


def sitemap_index(children: list[str]) -> str:
    rows = "".join(f"\n<sitemap><loc>{esc(c)}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}\n</sitemapindex>\n'


# -- dated index pages -------------------------------------------------------------------
INDEX_STYLES = {
    # outlet: (list wrapper, item wrapper) after the 2026 index markup of each outlet
    "detik": ('<div class="list-content">', '<article class="list-content__item"><h3 class="media__title">'
              '<a class="media__link" href="{url}">{title}</a></h3><div class="media__date"><span title="{when}">{when}</span></div></article>'),
    "kompas": ('<div class="latest--indeks mt2 clearfix">', '<div class="articleItem"><a class="article-link" href="{url}">'
               '<h2 class="articleTitle">{title}</h2></a><div class="articlePost-date">{when}</div></div>'),
    "cnnindonesia": ('<div class="flex flex-col gap-5">', '<article class="flex-grow"><a href="{url}" class="flex group items-center gap-4">'
                     '<h2 class="text-base">{title}</h2><span class="text-xs text-cnn_black_light3">{when}</span></a></article>'),
    "tribunnews": ('<ul class="lsi">', '<li class="ptb15"><h3 class="f16 fbo"><a href="{url}" class="f16 fbo">{title}</a></h3>'
                   '<time class="grey">{when}</time></li>'),
}


def index_page(source: str, site: str, items: list[Page], page_no: int, pages: int) -> str:
    wrapper, item = INDEX_STYLES[source]
    rows = "".join(item.format(url=esc(p.url), title=esc(p.title), when=wib_long(p.published)) for p in items)
    if not items:
        rows = '<p class="empty">Tidak ada berita.</p>'
    paging = "".join(f'<a href="?page={n}">{n}</a>' for n in range(1, pages + 1))
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks Berita - {esc(site)}</title></head>
<body>{nav(site, ["Indeks", "Terpopuler"])}
<h1>Indeks Berita</h1>
{wrapper}{rows}</div>
<div class="pagination">{paging}</div>
{footer(site)}</body></html>"""
