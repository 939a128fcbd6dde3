"""Rows for the lake tables, built from what the earlier steps produced. Pure."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, timezone

from trafilatura.deduplication import Simhash

from transforms import dates
from transforms.extract import EXTRACTOR_VERSION, MIN_TEXT_WORDS, Article
from transforms.schema import SCHEMA_VERSION
from transforms.tags import tag



class RejectedArticle(ValueError):
    """An extracted page that must not become an article; `reason` is a short code."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def normalised_body(body: str) -> str:
    text = unicodedata.normalize("NFKC", body).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def content_hash(body: str) -> str:
    """SHA-256 of the body with case, punctuation and spacing folded: exact-duplicate key."""
    return hashlib.sha256(normalised_body(body).encode("utf-8")).hexdigest()


def article_row(*, article_id: str, url: str, source: str, tz, art: Article, fetched_at: datetime,
                discovered_via: str, run_id: str) -> dict:
    """An `articles` row, or RejectedArticle when the page is no publishable article."""
    words = len(art.body.split())
    if words < MIN_TEXT_WORDS:
        raise RejectedArticle("empty_body", f"{words} words after cleaning")
    if art.published_at is None:
        raise RejectedArticle("no_publication_time", "no date in JSON-LD, meta tags, feed entry or URL")
    if not art.title:
        raise RejectedArticle("no_title")
    published = dates.to_utc(art.published_at)
    tags = tag(art.title, art.body, art.section, url, art.dateline)
    return {
        "article_id": article_id, "url": url, "source": source, "title": art.title,
        "authors": art.authors, "editor": art.editor, "published_at": published,
        "published_from": art.published_from,
        "updated_at": dates.to_utc(art.updated_at) if art.updated_at else None,
        "fetched_at": fetched_at.astimezone(timezone.utc), "section": art.section, "category": tags.category,
        "category_from": tags.category_from, "places": tags.places, "organizations": tags.organizations,
        "persons": tags.persons, "keywords": tags.keywords,
        "tags": art.tags, "language": art.language, "body": art.body, "word_count": words,
        "dateline": art.dateline, "desk_codes": art.desk_codes, "attribution": art.attribution,
        "image_url": art.image_url, "content_hash": content_hash(art.body),
        "simhash": Simhash(normalised_body(art.body)).hash, "discovered_via": discovered_via,
        "extractor_version": EXTRACTOR_VERSION, "run_id": run_id, "schema_version": SCHEMA_VERSION,
        "published_date": dates.local_day(art.published_at, tz),
    }


def reject_row(*, run_id: str, run_date: date, source: str, url: str, stage: str, reason: str, detail: str = "",
               http_status: int | None = None, retryable: bool = False) -> dict:
    """A `rejects` row: a URL that entered the run and did not become an article."""
    return {
        "run_id": run_id, "source": source, "url": url, "stage": stage, "reason": reason, "detail": detail[:1000],
        "http_status": http_status, "retryable": retryable, "rejected_at": datetime.now(timezone.utc),
        "schema_version": SCHEMA_VERSION, "run_date": run_date,
    }
