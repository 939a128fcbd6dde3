"""JPNN.com (no 2026 page sample was available here: modelled on the outlet notes and on
what public scrapers of it read): articles at www.jpnn.com/news/{slug}, split over
`?page=N` with no single-page variant, the writer and a zone-less time ("24 April 2026
20:05") in `jpnncom_news_*` metas and no JSON-LD article; the dateline "jpnn.com,
JAKARTA - " in bold, "Baca Juga:" links between paragraphs, a "Jangan Lewatkan Video
Terbaru:" promo, and "Redaktur : … Reporter : …" under the text of the last page."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, nav
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

PER_PAGE = 3  # paragraphs on each page of a split article


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.jpnn.com/news/{slugify(title)}"


def _parts(p: Page) -> list[list[str]]:
    return [p.paragraphs[i:i + PER_PAGE] for i in range(0, len(p.paragraphs), PER_PAGE)]


def _page(p: Page, page_no: int) -> str:
    parts = _parts(p)
    when = f"{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} {p.published:%H:%M}"
    meta = (f'<meta name="jpnncom_news_pubdate" content="{when}">'
            f'<meta name="jpnncom_news_author" content="{esc(p.authors[0])}">'
            f'<meta name="jpnncom_news_editor" content="{esc(p.editor)}">')
    body = []
    for i, para in enumerate(parts[page_no - 1]):
        if page_no == 1 and i == 0 and " - " in para[:40]:
            lead, text = para.split(" - ", 1)
            body.append(f"<p><strong>{esc(lead)}</strong> - {esc(text)}</p>")
        else:
            body.append(f"<p>{esc(para)}</p>")
        if page_no == 1 and i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<p><strong>Baca Juga: <a href="{esc(u)}">{esc(t)}</a></strong></p>')
    if page_no == len(parts):
        body.append('<p><strong>Jangan Lewatkan Video Terbaru:</strong></p>'
                    '<div class="video-embed"><iframe src="https://www.youtube.com/embed/jpnn-pilihan"></iframe></div>')
    pager = ""
    if len(parts) > 1:
        links = "".join(f'<li><a href="{esc(p.url)}{"" if n == 1 else f"?page={n}"}">{n}</a></li>'
                        for n in range(1, len(parts) + 1))
        nxt = f'<li><a href="{esc(p.url)}?page={page_no + 1}">Berikutnya</a></li>' if page_no < len(parts) else ""
        pager = f'<div class="pagination"><ul>{links}{nxt}</ul></div>'
    byline = ""
    if page_no == len(parts):
        byline = (f'<div class="editor-info"><span>Redaktur : {esc(p.editor)}</span> '
                  f'<span>Reporter : {esc(p.authors[0])}</span></div>')
    title_tag = p.title if page_no == 1 else f"{p.title} - Halaman {page_no}"
    return f"""{head(p, f"{title_tag} - JPNN.com", p.title, meta)}
<body>
{nav("JPNN.com", ["Nasional", "Politik", "Ekonomi", "Olahraga", "Daerah"])}
<div class="detail-news">
<h1 class="judul">{esc(p.title)}</h1>
<div class="date-publish">{day_name(p.published)}, {when} WIB</div>
<div itemprop="articleBody" class="article-content">
{chr(10).join(body)}
</div>
{pager}
{byline}
</div>
{footer("JPNN.com")}
</body></html>"""


def render(p: Page) -> str:
    return _page(p, 1)


def later_pages(p: Page) -> list[tuple[str, str]]:
    return [(f"{p.url}?page={n}", _page(p, n)) for n in range(2, len(_parts(p)) + 1)]


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.jpnn.com/index.php?mib=rss", "JPNN.com", [item(p) for p in pages])


OUTLET = Outlet(id="jpnn", position=21, feed_articles=8, dateline="jpnn.com, {CITY} - ", url_for=url_for,
                render=render, feeds=feeds, later_pages=later_pages, shows_seconds=False)
