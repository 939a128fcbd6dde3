"""CNBC Indonesia, modelled on its group sibling CNN Indonesia (no 2026 sample of its own
was available): the 14-digit time stamp in the URL, the dateline "Jakarta, CNBC Indonesia
- " in bold inside the first paragraph, a named writer in the JSON-LD and the byline,
"Baca Juga" insert tables, parallax ad blocks, the desk code closing the text; kanal RSS
feeds (/news/rss, /market/rss)."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import Page, esc, footer, head, ld, nav, news_ld, wib_long
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify


def _kanal(section: str) -> tuple[str, int]:
    return ("market", 17) if section == "Ekonomi" else ("tech", 37) if section == "Teknologi" else ("news", 4)


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    kanal, kanal_id = _kanal(section)
    return f"https://www.cnbcindonesia.com/{kanal}/{published:%Y%m%d%H%M%S}-{kanal_id}-{560000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    meta = ld(news_ld(p, "CNBC Indonesia"))
    place, _, lead = p.paragraphs[0].partition(", CNBC Indonesia - ")
    body = [f"<p><strong>{esc(place)}, CNBC Indonesia</strong> - {esc(lead)}</p>"]
    for i, para in enumerate(p.paragraphs[1:], start=1):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1:
            body.append('<div class="parallaxindetail scrollpage"><div class="ads-scrollpage-container">'
                        '<div id="div-gpt-ad-cnbc-parallax"></div></div><p class="para_caption">ADVERTISEMENT</p></div>')
        if i == 2 and p.related:
            t, u = p.related[0]
            body.append(f'<table class="linksisip"><tr><td><div class="baca-inline"><strong>Baca Juga:</strong> '
                        f'<a href="{esc(u)}">{esc(t)}</a></div></td></tr></table>')
    body.append(f"<p><strong>({esc(p.desk)})</strong></p>")
    kanal, _ = _kanal(p.section)
    return f"""{head(p, f"{p.title}", p.title, meta)}
<body>
{nav("CNBC Indonesia", ["News", "Market", "Entrepreneur", "Syariah", "Tech", "Lifestyle"])}
<div class="breadcrumb"><a href="https://www.cnbcindonesia.com/{kanal}">{esc(kanal.title())}</a></div>
<div class="jdl"><h1>{esc(p.title)}</h1>
<div class="author">{esc(p.authors[0])}, CNBC Indonesia</div>
<div class="date">{wib_long(p.published)}</div></div>
<div class="detail_text">
{chr(10).join(body)}
</div>
{footer("CNBC Indonesia")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.cnbcindonesia.com/news/rss", "CNBC Indonesia News",
            [item(p) for p in pages if "/market/" not in p.url] or [item(pages[0])])
    out.rss("https://www.cnbcindonesia.com/market/rss", "CNBC Indonesia Market",
            [item(p) for p in pages if "/market/" in p.url] or [item(pages[0])])


OUTLET = Outlet(id="cnbcindonesia", position=20, feed_articles=8, dateline="{city}, CNBC Indonesia - ",
                url_for=url_for, render=render, feeds=feeds, desk_codes_in_body=True,
                index=Index(per_page=3, past_end="empty", style=(
                    '<div class="list media_rows middle">', '<article><a href="{url}"><div class="box_text">'
                    '<h2>{title}</h2><span class="date">{when}</span></div></a></article>')))
