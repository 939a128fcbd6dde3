"""Tempo.co (2026 structure): one content wrapper per paragraph, "Scroll ke bawah" and "Pilihan
Editor" blocks, a visible-style `article:published_time`; RSS per desk and a sitemap index."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item, newest
from tools.mirror.site import SECTION_SLUGS, slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.tempo.co/{SECTION_SLUGS[section]}/{slugify(title)}-{2100000 + n}"


def render(p: Page) -> str:
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


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://rss.tempo.co/nasional", "Tempo.co Nasional", [item(p) for p in pages if p.section != "Ekonomi"])
    out.rss("https://rss.tempo.co/bisnis", "Tempo.co Bisnis", [item(p) for p in pages if p.section == "Ekonomi"])
    out.sitemap_index("https://www.tempo.co/sitemap.xml", ["https://www.tempo.co/sitemap/news.xml"],
                      newest([item(p) for p in pages]))
    out.sitemap("https://www.tempo.co/sitemap/news.xml", "Tempo", [item(p) for p in pages])


OUTLET = Outlet(id="tempo", position=4, feed_articles=9, dateline="TEMPO.CO, {city} - ", url_for=url_for,
                render=render, feeds=feeds)
