"""Okezone (2026 structure), as its `?page=all` variant serves an article: a WebPage
JSON-LD beside the NewsArticle one (whose `dateModified` has no zone), "Baca Juga" blocks
after paragraphs (often linking another brand of the group), a `.vicon` video wrapper, the
page-break marker left in the text, the byline "Name, Jurnalis-Jum'at, 24 Juli 2026
|15:18 WIB", and the editor's name in parentheses as the last line; feeds on
sindikasi.okezone.com."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": ("economy", 320), "Olahraga": ("sports", 43), "Teknologi": ("techno", 207)}


def _channel(section: str) -> tuple[str, int]:
    return _CHANNELS.get(section, ("news", 337))


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    host, desk = _channel(section)
    return f"https://{host}.okezone.com/read/{published:%Y/%m/%d}/{desk}/{3230000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    day = day_name(p.published, apostrophe=True)
    news = news_ld(p, "Okezone.com", authors={"@type": "Person", "name": p.authors[0]})
    news["dateModified"] = f"{p.published:%Y-%m-%d %H:%M:%S}"  # no zone, as the outlet writes it
    meta = (ld({"@context": "https://schema.org", "@type": "WebPage", "headline": p.title, "url": p.url,
                "datePublished": p.published.isoformat(), "keywords": ""})
            + ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://www.okezone.com/"},
                {"@type": "ListItem", "position": 2, "name": p.section.upper(),
                 "item": f"https://{_channel(p.section)[0]}.okezone.com/"}]})
            + ld(news))
    body = ["<p></p>"]
    for i, para in enumerate(p.paragraphs):
        body.append(f"<p>{esc(para)}</p>")
        if i == 0 and p.related:
            t, u = p.related[0]
            body.append(f'<div id="baca-juga"><div class="text baca">Baca Juga:</div><div class="group-baca">'
                        f'<a href="{esc(u)}" class="text title">{esc(t)}</a></div></div>')
        if i == 1:
            body.append('<div class="vicon"><iframe src="https://www.youtube.com/embed/okz" width="100%"></iframe></div>')
        if i == len(p.paragraphs) // 2:
            body.append('<div style="page-break-after: always"><span style="display: none;"> </span></div>'
                        '<p><!--pagebreak--></p>')
    body.append(f"<p><strong>({esc(p.editor)})</strong></p>")
    stamp = f"{day}, {p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} |{p.published:%H:%M} WIB"
    tags = "".join(f'<a href="https://www.okezone.com/tag/{esc(slugify(t))}" class="text">{esc(t)}</a>' for t in p.tags)
    return f"""{head(p, f"{p.title} : Okezone {p.section}", f"{p.title} : Okezone {p.section}", meta)}
<body>
{nav("Okezone", ["News", "Economy", "Sports", "Techno", "Celebrity"])}
<div class="wrapper-container"><div class="left-section">
<div class="breadcrumb"><a href="https://www.okezone.com/">HOME</a> <a href="https://{_channel(p.section)[0]}.okezone.com/">{esc(p.section.upper())}</a></div>
<section class="section article">
<div class="title-article"><h1>{esc(p.title)}</h1></div>
<div class="journalist"><a href="https://redaksi.okezone.com/detail/{esc(slugify(p.authors[0]))}/1" title="{esc(p.authors[0])}">{esc(p.authors[0])}</a>
<span>&#44;&nbsp;Jurnalis-{stamp}</span></div>
<div class="c-detail read">
{chr(10).join(body)}
</div>
</section>
<div id="tag"><div class="title">Topik Artikel :</div><div class="box-tag">{tags}</div></div>
</div></div>
{footer("Okezone.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://sindikasi.okezone.com/index.php/rss/0/RSS2.0", "Okezone Terbaru", [item(p) for p in pages])
    out.rss("https://sindikasi.okezone.com/index.php/rss/11/RSS2.0", "Okezone Economy",
            [item(p) for p in pages if p.section == "Ekonomi"] or [item(pages[0])])


OUTLET = Outlet(id="okezone", position=9, feed_articles=8, dateline="{CITY} - ", url_for=url_for,
                render=render, feeds=feeds,
                index=Index(per_page=2, past_end="empty", per_host=True, style=(  # one index per kanal host
                    '<ul class="list-berita">', '<li><h4 class="f17"><a class="ga_Indeks" href="{url}">{title}</a></h4>'
                    '<time class="category-hardnews">{when}</time></li>')))
