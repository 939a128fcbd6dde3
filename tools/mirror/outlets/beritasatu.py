"""BeritaSatu (2026 structure): the date "Jumat, 24 Juli 2026 | 16:39 WIB" above the
byline "Penulis: <name> | Editor: <initials>", the dateline "Jakarta, Beritasatu.com - ",
GPT ad slots, a "BACA JUGA" box whose related headline is an h2 (no colon after the label),
an ADVERTISEMENT label; articles at /{kanal}/{id}/{slug}."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, day_name, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "ekonomi", "Olahraga": "sport", "Teknologi": "tekno"}


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://www.beritasatu.com/{_CHANNELS.get(section, 'nasional')}/{2900000 + n}/{slugify(title)}"


def render(p: Page) -> str:
    meta = ld(news_ld(p, "BeritaSatu.com"))
    city, _, lead = p.paragraphs[0].partition(", Beritasatu.com - ")
    body = [f"<p><strong>{esc(city)}, Beritasatu.com</strong> - {esc(lead)}</p>"]
    for i, para in enumerate(p.paragraphs[1:], start=1):
        body.append(f"<p>{esc(para)}</p>")
        if i == 1:
            body.append("<div id=\"div-gpt-ad-1754891555189-0\"><script>googletag.cmd.push(function () "
                        "{ googletag.display('div-gpt-ad-1754891555189-0'); });</script></div>")
        if i == 2 and p.related:
            t, u = p.related[0]
            body.append(f'<div class="mb-3 position-relative" style="background: #FFEBEB;"><p class="h6 mb-1 b1-text-navy">'
                        f'BACA JUGA</p><h2 class="h6 fw-bold"><a class="text-dark stretched-link" href="{esc(u)}">'
                        f'{esc(t)}</a></h2></div>')
            body.append('<div class="mt-2" style="text-align:center;">ADVERTISEMENT</div>')
    initials = "".join(w[0] for w in p.editor.split()).upper()
    day = day_name(p.published)
    stamp = f"{day}, {p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} | {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} - BeritaSatu.com", p.title, meta)}
<body>
{nav("BeritaSatu", ["Nasional", "Ekonomi", "Sport", "Tekno", "Lifestyle"])}
<h1 class="fw-bold">{esc(p.title)}</h1>
<small class="text-muted">{stamp}</small>
<div class="d-flex my-3"><div class="flex-grow-1 d-flex pe-2"><div class="my-auto small">
  Penulis:
  <b><a href="https://www.beritasatu.com/penulis/{esc(slugify(p.authors[0]))}" class="b1-text-navy">{esc(p.authors[0])}</a></b>
  | Editor: <a href="https://www.beritasatu.com/editor/{esc(slugify(p.editor))}" class="text-danger"><b>{initials}</b></a>
</div></div></div>
<div class="row mt-3"><div class="col b1-article body-content" style="word-wrap: break-word;">
{chr(10).join(body)}
</div></div>
{footer("BeritaSatu.com")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.beritasatu.com/rss", "BeritaSatu.com", [item(p) for p in pages])


OUTLET = Outlet(id="beritasatu", position=18, feed_articles=8, dateline="{city}, Beritasatu.com - ", url_for=url_for,
                render=render, feeds=feeds)
