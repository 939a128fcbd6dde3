"""The reprocess flow: rebuild `articles` from the bronze `raw_pages` with the current
extractor, without network. Idempotent: an article whose rebuilt row equals the stored
one (run_id aside) is left untouched, so an unchanged extractor writes nothing. Each
source is rebuilt under its lease, as any other writer of its rows."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import pyarrow.dataset as ds
from prefect import flow

from flows.collect import report_dict, run_logger, run_unit, write_run_row
from flows.context import RunContext
from flows.outcome import finish
from spiders.registry import load_sources
from storage.index import SourceIndex, stored_articles
from storage.lake import Lake
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


def _reprocess_source(ctx: RunContext, source_id: str, pages: list[dict], source) -> UnitReport:
    """Rebuild one source's articles from its pages, under the source's lease."""
    report = UnitReport(source=source_id, discovered=len(pages))

    def work(lake: Lake, index: SourceIndex) -> None:
        rebuilt: list[dict] = []
        for page in pages:
            candidate = candidate_of_raw_page(page)
            try:
                rebuilt.append(article_from_page(candidate, page["body"], dict(page["headers"] or []), page["fetched_at"],
                                                 ctx.run_id, source.tz if source else dates.WIB,
                                                 source.drop_selectors if source else (),
                                                 page.get("continued_bodies") or ()))
            except RejectedArticle as exc:
                report.count_rejects([Rejection(source_id, candidate.url, "extract", exc.reason, exc.detail)])
        existing = stored_articles(lake, source_id, [row["article_id"] for row in rebuilt])
        changed: list[dict] = []
        for row in rebuilt:
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
            lake.replace_rows("articles", changed)
            index.record(changed)
        write_run_row(lake, ctx, report)

    return run_unit(ctx, report, work)


@flow(name="reprocess", log_prints=True)
def reprocess(lake: str | None = None, date_from: str | None = None, date_to: str | None = None,
              sources: list[str] | None = None, sources_dir: str | None = None) -> list[dict]:
    """Re-extract every stored page (or those fetched in [date_from, date_to]) and replace
    the article rows that come out different; one source at a time, under its lease."""
    ctx = RunContext.start("reprocess", lake, "", sources_dir)
    known_sources = load_sources(ctx.sources_dir)
    by_source: dict[str, list[dict]] = defaultdict(list)
    for page in _latest_pages(ctx.lake, date_from, date_to, sources).values():
        by_source[page["source"]].append(page)
    reports = [_reprocess_source(ctx, sid, pages, known_sources.get(sid)) for sid, pages in sorted(by_source.items())]
    run_logger().info("reprocessed %d pages: %d rows changed", sum(map(len, by_source.values())),
                      sum(r.written + r.updated for r in reports))
    return finish(ctx, [report_dict(r, ctx) for r in reports])


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
