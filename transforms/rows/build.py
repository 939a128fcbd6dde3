"""The one place that builds the rows of each lake table from typed records. Pure: every
time comes in as an argument."""
from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np

from transforms import dates
from transforms.extraction.extract import EXTRACTOR_VERSION, Article
from transforms.records import Candidate, FetchedPage, Rejection, UnitReport
from transforms.rows import SCHEMA_VERSION
from transforms.tagging.tags import Tags

MAX_DETAIL = 1000


def article_row(*, article_id: str, url: str, source: str, tz, art: Article, tags: Tags, content_hash: str,
                simhash: int, fetched_at: datetime, discovered_via: str, run_id: str) -> dict:
    """An `articles` row from an extracted article that is publishable (title, time, text)."""
    return {
        "article_id": article_id, "url": url, "source": source, "title": art.title,
        "authors": art.authors, "editor": art.editor, "published_at": dates.to_utc(art.published_at),
        "published_from": art.published_from,
        "updated_at": dates.to_utc(art.updated_at) if art.updated_at else None,
        "fetched_at": fetched_at.astimezone(timezone.utc), "section": art.section, "category": tags.category,
        "category_from": tags.category_from, "places": tags.places, "organizations": tags.organizations,
        "persons": tags.persons, "keywords": tags.keywords,
        "tags": art.tags, "language": art.language, "body": art.body, "word_count": len(art.body.split()),
        "dateline": art.dateline, "desk_codes": art.desk_codes, "attribution": art.attribution,
        "image_url": art.image_url, "content_hash": content_hash, "simhash": simhash,
        "discovered_via": discovered_via, "extractor_version": EXTRACTOR_VERSION, "run_id": run_id,
        "schema_version": SCHEMA_VERSION, "published_date": dates.local_day(art.published_at, tz),
    }


def raw_page_row(page: FetchedPage, source: str, run_id: str) -> dict:
    """A `raw_pages` row: the page as fetched, and what discovery knew (so reprocessing
    extracts with the same evidence)."""
    c = page.candidate
    fetched_at = datetime.fromisoformat(page.fetched_at)
    return {
        "url": c.url, "final_url": page.final_url, "source": source, "status": page.status,
        "headers": list(page.headers.items()), "fetched_at": fetched_at, "body": page.body,
        "run_id": run_id, "schema_version": SCHEMA_VERSION, "fetched_date": fetched_at.date(),
        "article_id": c.article_id, "discovered_via": c.via, "hint_title": c.title,
        "hint_published_at": c.published_at, "hint_section": c.section, "continued_bodies": page.continued or None,
    }


def candidate_of_raw_page(row: dict) -> Candidate:
    """The candidate a `raw_pages` row was fetched for (the inverse of `raw_page_row`)."""
    return Candidate(url=row["url"], source=row["source"], via=row.get("discovered_via") or "",
                     title=row.get("hint_title"), published_at=row.get("hint_published_at"),
                     section=row.get("hint_section"))


def reject_row(rejection: Rejection, run_id: str, run_date: date, rejected_at: datetime) -> dict:
    """A `rejects` row: a URL that entered the run and did not become an article."""
    return {
        "run_id": run_id, "source": rejection.source, "url": rejection.url, "stage": rejection.stage,
        "reason": rejection.reason, "detail": rejection.detail[:MAX_DETAIL], "http_status": rejection.http_status,
        "retryable": rejection.retryable, "rejected_at": rejected_at, "schema_version": SCHEMA_VERSION,
        "run_date": run_date,
    }


def run_row(report: UnitReport, run_id: str, flow: str, started_at: datetime, finished_at: datetime,
            run_date: date) -> dict:
    """A `runs` row: one unit of work (a source, or a source and day) of one run."""
    return {
        "run_id": run_id, "source": report.source, "flow": flow, "status": report.status,
        "day": date.fromisoformat(report.day) if report.day else None,
        "started_at": started_at, "finished_at": finished_at,
        "feeds_polled": report.feeds_polled, "feeds_not_modified": report.feeds_not_modified,
        "discovered": report.discovered, "skipped_known": report.skipped_known, "fetched": report.fetched,
        "written": report.written, "updated": report.updated, "rejected": report.rejected, "error": report.error,
        "schema_version": SCHEMA_VERSION, "worker": report.worker, "waited_seconds": report.waited_seconds,
        "feeds_malformed": report.feeds_malformed,
        "run_date": run_date,
    }


def cluster_rows(ids: list[str], sources: list[str], published: list[datetime | None], labels: np.ndarray,
                 window_start: date, window_end: date, run_id: str) -> list[dict]:
    """`clusters` rows: one per article whose cluster (`labels[i]` = the index of its
    representative) has at least two members."""
    sizes = np.bincount(labels, minlength=len(labels))
    members = np.nonzero(sizes[labels] > 1)[0]
    return [{
        "article_id": ids[i], "cluster_id": ids[labels[i]], "source": sources[i], "published_at": published[i],
        "cluster_size": int(sizes[labels[i]]), "is_representative": bool(i == labels[i]),
        "window_start": window_start, "window_end": window_end, "run_id": run_id,
    } for i in members]
