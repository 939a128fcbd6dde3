"""Media Indonesia (2026 structure): no JSON-LD at all (the time in
`article:published_time`, the writer in `article:author` and `span.author`), the visible
date "24/7/2026 16:32", a "Baca juga :" link box, sub-headings inside the text, the desk
code "(H-2)" closing the last paragraph, a WhatsApp-channel call to action, "Editor : X"
after the text; discovered through a news sitemap (its path was not confirmed)."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import Page, esc, footer, head, nav
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "ekonomi", "Olahraga": "olahraga", "Teknologi": "teknologi"}


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://mediaindonesia.com/{_CHANNELS.get(section, 'nasional')}/{700000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    meta = (f'<meta property="article:published_time" content="{p.published.isoformat()}">'
            f'<meta property="article:modified_time" content="{p.published:%Y-%m-%d %H:%M:%S}">'
            f'<meta property="article:author" content="{esc(p.authors[0])}">')
    body = []
    for i, para in enumerate(p.paragraphs):
        last = i == len(p.paragraphs) - 1
        body.append(f"<p>{esc(para)}{f' ({esc(p.desk)})' if last and p.desk else ''}</p>")
        if i == 1 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="baca-juga"><a href="{esc(u)}">Baca juga : {esc(t)}</a></div>')
    body.append('<div class="follow-cta">Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel '
                'mediaindonesia.com</div>')
    tags = "".join(f'<a href="https://mediaindonesia.com/tag/{esc(slugify(t))}">#{esc(t)}</a>' for t in p.tags)
    return f"""{head(p, f"{p.title} - Media Indonesia", p.title, meta)}
<body>
{nav("Media Indonesia", ["Politik", "Ekonomi", "Humaniora", "Olahraga", "Internasional"])}
<article class="detail-artikel">
<h1>{esc(p.title)}</h1>
<div class="date-author"><span class="author">{esc(p.authors[0])}</span>
<span class="date">{p.published.day}/{p.published.month}/{p.published.year} {p.published:%H:%M}</span></div>
<figure class="article-image"><img src="{esc(p.image)}" alt="Ilustrasi"><figcaption>Ilustrasi<span class="credit">(Dok MI)</span></figcaption></figure>
<div class="article">
{chr(10).join(body)}
</div>
<div class="editor-name">Editor : {esc(p.editor)}</div>
<div class="tag-list">{tags}</div>
</article>
{footer("Media Indonesia")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.sitemap("https://mediaindonesia.com/sitemap-news.xml", "Media Indonesia", [item(p) for p in pages])


OUTLET = Outlet(id="mediaindonesia", position=15, feed_articles=8, dateline="", url_for=url_for,
                render=render, feeds=feeds, desk_codes_in_body=True)
