"""Articles embedded in a single-page app's state (`<script id="__NEXT_DATA__">`), as on
Jawa Pos: no NewsArticle JSON-LD and an empty server-rendered body, but the whole
article (HTML content, time, writers, editor) sits in the page's JSON."""
from __future__ import annotations

import json

_CONTENT_KEYS = ("content", "body", "content_html", "html", "article_body")
_MAX_NODES = 20_000


def _walk(data):
    stack, seen = [data], 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [i["name"] for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)]


def embedded_article(tree) -> dict | None:
    """The app-state article as a JSON-LD-shaped dict (headline, datePublished, author,
    editor, articleSection, keywords) plus `contentHtml`; None when there is none."""
    scripts = tree.xpath("//script[@id='__NEXT_DATA__']/text()")
    if not scripts:
        return None
    try:
        data = json.loads(scripts[0])
    except json.JSONDecodeError:
        return None
    best, best_len = None, 0
    for node in _walk(data):
        content = next((node[k] for k in _CONTENT_KEYS if isinstance(node.get(k), str) and "<p" in node[k]), None)
        if content and isinstance(node.get("title"), str) and len(content) > best_len:
            best, best_len = (node, content), len(content)
    if best is None:
        return None
    node, content = best
    category = node.get("category")
    return {
        "@type": "NewsArticle",
        "headline": node["title"],
        "datePublished": node.get("published_at") or node.get("publish_date") or node.get("date"),
        "dateModified": node.get("updated_at"),
        "author": [{"@type": "Person", "name": n} for n in _names(node.get("authors") or node.get("author"))],
        "editor": [{"@type": "Person", "name": n} for n in _names(node.get("editor"))],
        "articleSection": category.get("name") if isinstance(category, dict) else None,
        "keywords": _names(node.get("tags")),
        "description": node.get("description"),
        "contentHtml": content,
    }
