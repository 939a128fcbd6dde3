"""IDN Times (2026 structure, a React page with generated class names): elements found by
`data-testid` (title-article, author-article-1, publish-date-article), the text in
`p.article-text` under `#article-description`, the JSON-LD NewsArticle carrying the whole
`articleBody`, the dateline "Jakarta, IDN Times - " in bold; articles at
/{cat}/{subcat}/{slug}-{code5}-{code6}."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS_SHORT, Page, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_CHANNELS = {"Ekonomi": "business/economy", "Olahraga": "sport/soccer", "Teknologi": "tech/trend"}


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return (f"https://www.idntimes.com/{_CHANNELS.get(section, 'news/indonesia')}/{slugify(title)}-"
            f"{n:05d}-{(n * 7919) % 1_000_000:06d}")


def render(p: Page) -> str:
    meta = ld(news_ld(p, "IDN Times", articleBody="\n".join(p.paragraphs)))
    city, _, lead = p.paragraphs[0].partition(", IDN Times - ")
    body = [f'<p class="article-text css-2o53ze e1n92kx40"><strong>{esc(city)}, IDN Times - </strong>{esc(lead)}</p>']
    body += [f'<p class="article-text css-2o53ze e1n92kx40">{esc(x)}</p>' for x in p.paragraphs[1:]]
    stamp = f"{p.published.day:02d} {ID_MONTHS_SHORT[p.published.month - 1]} {p.published.year}, {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} | IDN Times", p.title, meta)}
<body>
{nav("IDN Times", ["News", "Business", "Sport", "Tech", "Life"])}
<div id="page-root">
<h1 class="css-14ocrue e1n92kx40" data-testid="title-article">{esc(p.title)}</h1>
<div class="css-1f4me5c eu4eykc0"><div class="css-poyhnr eu4eykc0">
<a target="_self" href="https://www.idntimes.com/author/{esc(slugify(p.authors[0]))}-x1y2z">
<div class="css-1j4rpr4 e1n92kx40" data-testid="author-article-1">{esc(p.authors[0])}</div></a></div>
<span class="css-1d4q7lk e1n92kx40" data-testid="publish-date-article"><time dateTime="{p.published.isoformat()}">{stamp}</time></span></div>
<div id="article-description" class="css-144qbxp etnoybl0"><div direction="column" class="e36fnk60 css-1idf21t eu4eykc0">
{chr(10).join(body)}
</div></div>
<div data-testid="tag-list" id="tag-list"><div id="tag-list-content">{"".join(f'<a href="https://www.idntimes.com/tag/{esc(slugify(t))}"><span>{esc(t)}</span></a>' for t in p.tags)}</div></div>
</div>
{footer("IDN Times")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://www.idntimes.com/feed", "IDN Times", [item(p) for p in pages])


OUTLET = Outlet(id="idntimes", position=19, feed_articles=8, dateline="{city}, IDN Times - ", url_for=url_for,
                render=render, feeds=feeds)
