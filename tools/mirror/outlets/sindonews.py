"""SINDOnews (2026 structure), as its `?showpage=all` variant serves an article: no
NewsArticle JSON-LD (only a BreadcrumbList whose names sit in `item`), the text loose in
`.detail-desc` between `<br><br>`s, inline "Baca Juga:" links, a video wrapper, the
byline `rel=author`, the date "Jum'at, 24 Juli 2026 - 14:00 WIB", and the desk code in a
`.editor` element after the text (which the extraction drops with it: no desk code is
promised); the page gives the time to the minute; one RSS feed."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, ld, nav
from tools.mirror.outlets import Feeds, Index, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": ("ekbis", 178), "Olahraga": ("sports", 51), "Teknologi": ("tekno", 207)}


def _channel(section: str) -> tuple[str, int]:
    return _CHANNELS.get(section, ("nasional", 13))


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    host, sub = _channel(section)
    return f"https://{host}.sindonews.com/read/{1900000 + n}/{sub}/{slugify(title)}-{int(published.timestamp())}"


def render(p: Page) -> str:
    host, sub = _channel(p.section)
    meta = ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "item": {"@id": f"https://{host}.sindonews.com/", "name": "home"}},
        {"@type": "ListItem", "position": 2, "item": {"@id": f"https://{host}.sindonews.com/more/{sub}",
                                                      "name": p.section.lower()}}]})
    city, _, lead = p.paragraphs[0].partition(" - ")
    parts = [f"<strong>{esc(city)}</strong> - {esc(lead)}"] + [esc(x) for x in p.paragraphs[1:]]
    text = []
    for i, part in enumerate(parts):
        text.append(part)
        if i == 1 and p.related:
            t, u = p.related[0]
            text.append(f'<strong>Baca Juga:</strong> <a class="int-link" href="{esc(u)}">{esc(t)}<br></a> ')
        if i == 2:
            text.append('<div class="v-youtube"><iframe data-src="https://www.youtube.com/embed/sindo"></iframe></div>')
    day = day_name(p.published, apostrophe=True)
    stamp = f"{day}, {p.published.day:02d} {ID_MONTHS[p.published.month - 1]} {p.published.year} - {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} - SINDOnews.com", p.title, meta)}
<body>
{nav("SINDOnews", ["Nasional", "Ekbis", "Sports", "Tekno", "Daerah"])}
<article>
<h1 class="detail-title">{esc(p.title)}</h1>
<div class="wrap-header-detail"><div class="warp-nama-redaksi"><div class="detail-nama-redaksi">
<a rel="author" href="https://www.sindonews.com/blog/1/{esc(slugify(p.authors[0]))}">{esc(p.authors[0])}</a></div></div>
<div class="detail-date-artikel">{stamp}</div></div>
<div class="detail-desc" id="detail-desc">
{"<br><br>".join(text)}<div class="editor">({esc(p.desk)})</div>
</div>
<div class="page-status"></div>
</article>
{footer("SINDOnews.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.sindonews.com/feed", "SINDOnews", [item(p) for p in pages])


OUTLET = Outlet(id="sindonews", position=11, feed_articles=8, dateline="{CITY} - ", url_for=url_for,
                render=render, feeds=feeds, shows_seconds=False,
                index=Index(per_page=3, past_end="empty", style=(
                    '<ul class="indeks-list">', '<li class="indeks-news"><div class="indeks-title"><a href="{url}">{title}'
                    '</a></div><div class="indeks-date">{when}</div></li>')))
