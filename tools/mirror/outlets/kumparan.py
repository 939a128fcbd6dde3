"""kumparan (2026 structure): a React page whose text is `p[data-qa-id=story-paragraph]`
between billboard asides and figures, the JSON-LD `datePublished` in UTC ("Z": the instant
is right), the visible "24 Juli 2026 10:15 WIB", and no writer: the byline names the
channel account (kumparanNEWS); articles at /{account}/{slug}-{11-character id}."""
from __future__ import annotations

import string
from datetime import datetime, timezone

from tools.mirror.html import ID_MONTHS, Page, esc, footer, head, ld, nav, news_ld
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify

_ACCOUNTS = {"Ekonomi": "kumparanbisnis", "Olahraga": "kumparanbola", "Teknologi": "kumparantech"}
_ALPHABET = string.digits + string.ascii_letters


def _account(section: str) -> str:
    return _ACCOUNTS.get(section, "kumparannews")


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    code, k = "", 10_000_000 + n * 7919
    while len(code) < 9:
        code, k = _ALPHABET[k % 62] + code, k // 62
    return f"https://kumparan.com/{_account(section)}/{slugify(title)}-24{code}"


def render(p: Page) -> str:
    account = _account(p.section)
    news = news_ld(p, "kumparan", authors=[{"@type": "Organization", "name": account}])
    news["datePublished"] = news["dateModified"] = p.published.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = ld(news)
    body = []
    for i, para in enumerate(p.paragraphs):
        body.append(f'<p data-qa-id="story-paragraph" data-key="p{i}">{esc(para)}</p>')
        if i == 2:
            body.append('<aside data-qa-id="desktop-article-page-billboard-1"><div id="desktop-article-page-billboard-ads">'
                        '</div></aside>')
    stamp = f"{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year} {p.published:%H:%M} WIB"
    return f"""{head(p, f"{p.title} | kumparan.com", p.title, meta)}
<body>
{nav("kumparan", ["News", "Bisnis", "Bola", "Tekno", "Hype"])}
<div data-qa-id="desktop-page-container"><article>
<header data-qa-id="story-author"><h1 data-qa-id="story-title" class="story-title">{esc(p.title)}</h1>
<div class="byline-row"><a aria-label="author" href="/{account}"><p aria-label="author name">
<span id="track_author_name" data-qa-id="author-name">{account}</span></p></a>
<time data-qa-id="publish-date">{stamp}</time><span data-qa-id="reading-time">waktu baca 2 menit</span></div></header>
{chr(10).join(body)}
<footer data-qa-id="story-footer"><nav><ul class="tag-list">{"".join(f'<li><a href="/topic/{esc(slugify(t))}"><span>{esc(t)}</span></a></li>' for t in p.tags)}</ul></nav></footer>
</article></div>
{footer("kumparan")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://lapi.kumparan.com/v2.0/rss/", "kumparan", [item(p) for p in pages])


OUTLET = Outlet(id="kumparan", position=16, feed_articles=8, dateline="", url_for=url_for, render=render,
                feeds=feeds, names_writers=False)
