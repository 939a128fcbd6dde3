"""The reprocess flow: rebuild `articles` from the bronze `raw_pages` with the current
extractor, without network. Idempotent: an article whose rebuilt row equals the stored
one (run_id aside) is left untouched, so an unchanged extractor writes nothing."""
from __future__ import annotations

from datetime import date, datetime

import pyarrow.dataset as ds
from prefect import flow, get_run_logger

from flows.collect import report_dict, write_run_row
from flows.context import RunContext
from spiders.registry import load_sources
from storage.index import stored_articles
from storage.lake import DEFAULT_LAKE, Lake
from transforms import dates
from transforms.article import article_from_page
from transforms.records import RejectedArticle, Rejection, UnitReport
from transforms.rows.build import candidate_of_raw_page

# run_id names the writer; duplicate_of depends on the rest of the lake, not on the page.
COMPARED_EXCEPT = {"run_id", "duplicate_of"}


def _latest_pages(lake: Lake, date_from: str | None, date_to: str | None, sources: list[str] | None):
    """The latest successful fetch per article, batch by batch, from the chosen fetch days."""
    dataset = lake.dataset("raw_pages")
    if dataset is None:
        return {}
    condition = ds.field("status") == 200
    if date_from:
        condition &= ds.field("fetched_date") >= date.fromisoformat(date_from)
    if date_to:
        condition &= ds.field("fetched_date") <= date.fromisoformat(date_to)
    if sources:
        condition &= ds.field("source").isin(sources)
    latest: dict[str, dict] = {}
    for batch in dataset.to_batches(filter=condition):
        for row in batch.to_pylist():
            key = row["article_id"]
            if key and (key not in latest or row["fetched_at"] > latest[key]["fetched_at"]):
                latest[key] = row
    return latest


@flow(name="reprocess", log_prints=True)
def reprocess(lake: str = DEFAULT_LAKE, date_from: str | None = None, date_to: str | None = None,
              sources: list[str] | None = None, sources_dir: str | None = None) -> list[dict]:
    """Re-extract every stored page (or those fetched in [date_from, date_to]) and replace
    the article rows that come out different."""
    ctx = RunContext.start(lake, "", sources_dir)
    store = ctx.lake
    known_sources = load_sources(ctx.sources_dir)
    pages = _latest_pages(store, date_from, date_to, sources)
    reports: dict[str, UnitReport] = {}
    rebuilt: list[dict] = []
    for page in pages.values():
        sid = page["source"]
        report = reports.setdefault(sid, UnitReport(source=sid))
        report.discovered += 1
        source = known_sources.get(sid)
        candidate = candidate_of_raw_page(page)
        try:
            rebuilt.append(article_from_page(candidate, page["body"], dict(page["headers"] or []), page["fetched_at"],
                                             ctx.run_id, source.tz if source else dates.WIB,
                                             source.drop_selectors if source else ()))
        except RejectedArticle as exc:
            report.count_rejects([Rejection(sid, candidate.url, "extract", exc.reason, exc.detail)])
    existing = stored_articles(store, [row["article_id"] for row in rebuilt])
    changed: list[dict] = []
    for row in rebuilt:
        report = reports[row["source"]]
        before = existing.get(row["article_id"])
        if before is not None and _same(before, row):
            report.skipped_known += 1
            continue
        if before is not None:
            row["updated_at"] = row["updated_at"] or before.get("updated_at")
            row["duplicate_of"] = before.get("duplicate_of")
            report.updated += 1
        else:
            report.written += 1
        changed.append(row)
    if changed:
        store.replace_rows("articles", changed)
    for report in reports.values():
        write_run_row(store, ctx, report, "reprocess")
    get_run_logger().info("reprocessed %d pages: %d rows changed", len(pages), len(changed))
    return [report_dict(r, ctx) for r in sorted(reports.values(), key=lambda r: r.source)]


def _same(stored: dict, rebuilt: dict) -> bool:
    for column, value in rebuilt.items():
        if column in COMPARED_EXCEPT or (column == "updated_at" and value is None):
            continue  # a refresh stamps updated_at from the refetch; the page cannot say it again
        old = stored.get(column)
        if isinstance(value, datetime) and isinstance(old, datetime):
            if value != old:
                return False
        elif isinstance(value, date) and not isinstance(value, datetime):
            if str(old) != str(value):
                return False
        elif old != value:
            return False
    return True
