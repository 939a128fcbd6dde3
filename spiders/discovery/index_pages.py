"""Dated index pages ("indeks"): URL templates, link extraction, and a pagination walk
that survives outlet CDNs (repeated pages, pages past the end that echo the last one)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import lxml.html

from spiders import statuses
from transforms.extraction.challenge import challenge_of
from transforms.extraction.decode import page_text

MAX_PAGES = 50
# Stop after this many pages in a row bring no new URL: one repeated page (a CDN serving
# page 1 as page 2) must not end the walk early, a page past the end repeating forever must.
PATIENCE = 2


_OFFSET = re.compile(r"\{offset:(\d+)\}")


def format_template(template: str, day: date, page: int) -> str:
    """Fill `{page}`, `{offset:N}` (the first item of the page when pages hold N: 0, N,
    2N, ...) and `{date:<strftime>}`; `%-d`/`%-m` (no zero padding) are handled here
    rather than by the platform's strftime."""
    def date_field(m: re.Match) -> str:
        fmt = m.group(1).replace("%-d", str(day.day)).replace("%-m", str(day.month))
        return day.strftime(fmt)

    filled = _OFFSET.sub(lambda m: str((page - 1) * int(m.group(1))), template)
    return re.sub(r"\{date:([^}]*)\}", date_field, filled).replace("{page}", str(page))


def is_paged(template: str) -> bool:
    """Does the template name its pages (else the day is one page)?"""
    return "{page}" in template or bool(_OFFSET.search(template))


def article_links(html: bytes, base_url: str, pattern: re.Pattern) -> list[str]:
    """Links on an index page that look like the source's articles, in page order, once each."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    tree.make_links_absolute(base_url, resolve_base_href=True)
    seen: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        href = href.split("#", 1)[0].strip()
        if pattern.search(href):
            seen.setdefault(href)
    return list(seen)


@dataclass
class Walk:
    urls: list[str] = field(default_factory=list)
    pages_fetched: int = 0
    stopped_because: str = ""
    cut: bool = False  # it stopped at max_pages with pages still adding links: the day may hold more
    errors: list[str] = field(default_factory=list)
    blocked: bool = False  # the site refused us: a day that is not listed, not an empty day


def refusal(status: int | None, body: bytes, error: str | None) -> str | None:
    """Why an index page counts as refused: 403/429, a bot challenge page, robots.txt."""
    if error and error.startswith(("robots_disallowed", "blocked_address")):
        return error
    if statuses.means_blocked(status):
        return f"blocked: HTTP {status}"
    if status is not None and status < 400 and (kind := challenge_of(page_text(body))):
        return f"blocked: {kind} page"
    return None


def walk(template: str, day: date, fetch_page: Callable[[str], tuple[int | None, bytes, str | None]],
         pattern: re.Pattern, max_pages: int = MAX_PAGES) -> Walk:
    """Follow page=1,2,… of one day's index until PATIENCE pages in a row add nothing,
    a page is missing (4xx) or empty, or max_pages. `fetch_page(url)` returns
    (status, body, error)."""
    result, seen, idle = Walk(), set(), 0
    paged = is_paged(template)
    if not paged:
        max_pages = 1
    for page in range(1, max_pages + 1):
        url = format_template(template, day, page)
        status, body, error = fetch_page(url)
        result.pages_fetched += 1
        refused = refusal(status, body, error)
        if refused:
            result.errors.append(f"{url}: {refused}")
            result.stopped_because, result.blocked = "blocked", True
            return result
        if error or status is None or status >= 500:
            result.errors.append(f"{url}: {error or f'HTTP {status}'}")
            result.stopped_because = "error"
            return result
        if status >= 400:
            result.stopped_because = f"HTTP {status} at page {page}"
            return result
        links = article_links(body, url, pattern)
        if not links:
            result.stopped_because = f"empty page {page}"
            return result
        new = [u for u in links if u not in seen]
        seen.update(new)
        result.urls.extend(new)
        idle = 0 if new else idle + 1
        if idle >= PATIENCE:
            result.stopped_because = f"{PATIENCE} pages without new links (last {page})"
            return result
    if not paged:
        result.stopped_because = "one page a day"
        return result
    result.stopped_because, result.cut = f"max_pages {max_pages}", True
    return result
