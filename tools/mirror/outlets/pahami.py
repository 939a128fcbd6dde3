"""Pahami.id, a WordPress theme: entry-content, sharing block, related posts."""
from __future__ import annotations

from datetime import datetime

from tools.mirror.html import ID_MONTHS, Page, esc, footer, head, ld, nav, news_ld, paras_html
from tools.mirror.outlets import Feeds, Outlet, item
from tools.mirror.site import slugify


def url_for(title: str, section: str, published: datetime, n: int) -> str:
    return f"https://pahami.id/{slugify(title)}/"


def render(p: Page) -> str:
    meta = (f'<meta property="article:published_time" content="{p.published.isoformat()}">'
            f'<meta name="author" content="{esc(p.authors[0])}">'
            + ld({"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "Pahami.id", "url": "https://pahami.id/"},
                news_ld(p, "Pahami.id", articleSection=p.section)]}))
    body = paras_html(p.paragraphs)
    return f"""{head(p, f"{p.title} - Pahami.id", f"{p.title} - Pahami.id", meta)}
<body class="post-template-default single single-post">
{nav("Pahami.id", ["Nasional", "Internasional", "Ekonomi", "Olahraga"])}
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry">
<header class="entry-header"><span class="cat-links"><a href="https://pahami.id/category/{p.section.lower()}/" rel="category tag">{esc(p.section)}</a></span>
<h1 class="entry-title">{esc(p.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{p.published.isoformat()}">{p.published.day} {ID_MONTHS[p.published.month - 1]} {p.published.year}</time></span>
<span class="byline"> oleh <span class="author vcard"><a class="url fn n" href="https://pahami.id/author/{esc(p.authors[0].lower().replace(' ', '-'))}/">{esc(p.authors[0])}</a></span></span></div>
</header>
<div class="entry-content">
{chr(10).join(body)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Bagikan:</h3><ul><li><a href="#">WhatsApp</a></li><li><a href="#">Facebook</a></li></ul></div></div>
</div>
<footer class="entry-footer"><span class="tags-links">{"".join(f'<a href="https://pahami.id/tag/{esc(t)}/" rel="tag">{esc(t)}</a>' for t in p.tags)}</span></footer>
</article>
<div class="jp-relatedposts related"><h3>Terkait</h3><ul><li><a href="https://pahami.id/">Berita terkait lainnya dari Pahami.id</a></li></ul></div>
</main>
{footer("Pahami.id")}
</body></html>"""


def feeds(out: Feeds, pages: list[Page], rejects: dict[str, dict]) -> None:
    out.rss("https://pahami.id/feed/", "Pahami.id", [item(p) for p in pages] + [rejects["off_site"]])
    out.sitemap("https://pahami.id/news-sitemap.xml", "Pahami.id", [item(p) for p in pages])


OUTLET = Outlet(id="pahami", position=7, feed_articles=3, dateline="{city}, Pahami.id \u2013 ", url_for=url_for,
                render=render, feeds=feeds)
