"""CNN Indonesia (2026 structure): the dateline in bold outside the first paragraph,
"Lihat Juga" tables, [Gambas:Video CNN], an empty JSON-LD author (no writer named), desk
codes; kanal RSS feeds, and a gzipped sitemap index of daily news sitemaps named in robots.txt."""
from __future__ import annotations

import gzip
from datetime import date, datetime

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld, news_sitemap, paras_html, sitemap_index, wib_long
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import SECTION_SLUGS, Mirror, slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    kanal = SECTION_SLUGS[section]
    kanal_id = {"ekonomi": 78, "internasional": 106}.get(kanal, 20)
    kanal = kanal if kanal in ("ekonomi", "internasional") else "nasional"
    return f"https://www.cnnindonesia.com/{kanal}/{published:%Y%m%d%H%M%S}-{kanal_id}-{1290000 + n}/{slugify(title)}"


def render(p: Page) -> str:
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


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    for kanal in ("nasional", "ekonomi", "internasional"):
        items = [item(p) for p in pages if f"cnnindonesia.com/{kanal}/" in p.url]
        if kanal == "nasional":
            items.append(rejects["empty_body"])
            items.append(item(pages[-1]))  # the same story in two kanal feeds
        out.rss(f"https://www.cnnindonesia.com/{kanal}/rss", f"CNN Indonesia {kanal.title()}", items)


def daily_sitemaps(mirror: Mirror, pages: list[Page], days: list[date]) -> None:
    """A gzipped news sitemap per day and a gzipped index of them (named in robots.txt)."""
    children = []
    for day in days:
        items = [item(p) for p in pages if p.published.date() == day]
        if items:
            url = f"https://www.cnnindonesia.com/sitemap_news_{day.isoformat()}.xml.gz"
            mirror.add(url, gzip.compress(news_sitemap("CNN Indonesia", items).encode(), mtime=0), "application/x-gzip",
                       max(it["published"] for it in items))
            children.append(url)
    mirror.add("https://www.cnnindonesia.com/sitemap_index.xml.gz", gzip.compress(sitemap_index(children).encode(), mtime=0),
               "application/x-gzip")


OUTLET = Outlet(
    id="cnnindonesia", position=3, feed_articles=10, dateline="{city}, CNN Indonesia -- ", url_for=url_for,
    render=render, feeds=feeds, names_writers=False, desk_codes_in_body=True,
    robots_sitemaps={"www.cnnindonesia.com": ("https://www.cnnindonesia.com/sitemap_index.xml.gz",)},
    archive_extras=daily_sitemaps,
    index=Index(per_page=5, past_end="not_found", style=(
        '<div class="flex flex-col gap-5">', '<article class="flex-grow"><a href="{url}" class="flex group items-center gap-4">'
        '<h2 class="text-base">{title}</h2><span class="text-xs text-cnn_black_light3">{when}</span></a></article>')),
)
