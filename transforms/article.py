"""From a fetched page to its `articles` row: extract, decide whether it is publishable,
name it, tag it, fingerprint it. Ingest, backfill and reprocess all come here, so a page
gives the same row (and the same article id) whichever of them reads it. Raises
RejectedArticle for a page that is no article."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from transforms import dates
from transforms.dedup.exact import content_hash, simhash
from transforms.extraction.challenge import challenge_of
from transforms.extraction.decode import page_text
from transforms.extraction.extract import MIN_TEXT_WORDS, Article, FeedHints, charset_of, extract_article
from transforms.records import Candidate, RejectedArticle
from transforms.rows.build import article_row
from transforms.tagging.tags import tag
from transforms.urls import article_id, same_site


def identity(candidate: Candidate, canonical_link: str | None) -> str:
    """The article id: from the page's rel=canonical when it points into the same site
    (an outlet knows its article's address best), else from the candidate URL.
    Off-site canonicals (syndication) do not merge two outlets' rows."""
    if canonical_link and canonical_link.startswith(("http://", "https://")) and same_site(canonical_link, candidate.url):
        return article_id(canonical_link)
    return candidate.article_id


def hints_of(candidate: Candidate) -> FeedHints:
    published = dates.parse_iso(candidate.published_at) if candidate.published_at else None
    return FeedHints(title=candidate.title, published_at=published, section=candidate.section)


def check_publishable(art: Article) -> None:
    """Raise RejectedArticle unless the page has text, a publication time and a title."""
    words = len(art.body.split())
    if words < MIN_TEXT_WORDS:
        raise RejectedArticle("empty_body", f"{words} words after cleaning")
    if art.published_at is None:
        raise RejectedArticle("no_publication_time", "no date in JSON-LD, meta tags, feed entry or URL")
    if not art.title:
        raise RejectedArticle("no_title")


def article_from_page(candidate: Candidate, body: bytes, headers: dict[str, str], fetched_at: datetime, run_id: str,
                      tz=dates.WIB, drop_selectors: tuple[str, ...] = (), continued: Sequence[bytes] = ()) -> dict:
    """The `articles` row of one fetched page (and the later pages of a split article),
    with what discovery knew as hints. A bot challenge or block page is `blocked`
    (retryable), whatever its status and whichever of the pages it is."""
    charset = charset_of(headers.get("content-type"))
    html, later = page_text(body, charset), [page_text(b, charset) for b in continued]
    for text in [html, *later]:
        if kind := challenge_of(text):
            raise RejectedArticle("blocked", f"{kind} page instead of the article", retryable=True)
    art = extract_article(html, candidate.url, tz=tz, hints=hints_of(candidate), drop_selectors=drop_selectors,
                          fetched_at=fetched_at, continued=later)
    check_publishable(art)
    return article_row(article_id=identity(candidate, art.canonical_link), url=candidate.url, source=candidate.source,
                       tz=tz, art=art, tags=tag(art.title, art.body, art.section, candidate.url, art.dateline),
                       content_hash=content_hash(art.body), simhash=simhash(art.body), fetched_at=fetched_at,
                       discovered_via=candidate.via, run_id=run_id)


def article_or_rejection(candidate: Candidate, body: bytes, headers: dict[str, str], fetched_at: datetime,
                         run_id: str, tz=dates.WIB, drop_selectors: tuple[str, ...] = (),
                         continued: Sequence[bytes] = ()) -> tuple:
    """`article_from_page` as a value, for callers in other processes: ("row", row),
    ("rejected", reason, detail) or ("error", "<exception class>: <message>") for a page
    that breaks the extractor."""
    try:
        return ("row", article_from_page(candidate, body, headers, fetched_at, run_id, tz, drop_selectors, continued))
    except RejectedArticle as exc:
        return ("rejected", exc.reason, exc.detail, exc.retryable)
    except Exception as exc:  # a page that breaks the extractor fails only itself
        return ("error", f"{type(exc).__name__}: {exc}")
