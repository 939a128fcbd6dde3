"""The backfill flow: whole past days from dated index pages and news sitemaps.

One unit of work per source and day, retried on its own. A day is marked complete in the
lake's state only after its articles, raw pages, rejects and run row are written, so a
killed backfill started again skips the finished days and redoes the rest; the
known-article filter makes redoing a half-written day add nothing twice. `--refresh`
fetches again and replaces changed articles in place; `--gaps` reruns days whose listed
articles are not all in the lake, from the stored listing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from prefect import allow_failure, flow, get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows.collect import Report, RunContext, fetch_candidates, report_dict, write_fetched, write_run_row
from flows.progress import Progress
from spiders import index_pages
from spiders.discover import Candidate, merge_candidates, read_sitemaps, sitemaps_from_robots
from spiders.http import make_client
from spiders.registry import SOURCES_DIR, Source, load_sources
from spiders.throttle import PoliteFetcher
from transforms.lake import DEFAULT_LAKE, Lake
from transforms.urls import article_id


def day_state_name(source_id: str, day: str) -> str:
    return f"backfill/{source_id}/{day}"


def days_between(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def dated_templates(source: Source) -> list[str]:
    """Index templates that take a date; undated ones (ANTARA's /terkini) cannot bound a day."""
    return [e.url for e in source.index_pages if "{date" in e.url]


@task(name="read-sitemaps", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def sitemap_entries(source_id: str, ctx: RunContext) -> list[dict]:
    """All news-sitemap entries of a source (configured ones and those its robots.txt
    names; gzipped and indexes followed), as dicts with their day in the source's zone."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    with make_client(ctx.replay) as client:
        urls = [e.url for e in source.sitemaps] + sitemaps_from_robots(client, source.homepage)
        entries, outcomes = read_sitemaps(client, source, list(dict.fromkeys(urls)))
    for outcome in outcomes:
        if outcome.outcome == "error":  # the days still come from the index pages; say what is missing
            get_run_logger().warning("%s: sitemap %s failed: %s", source_id, outcome.url, outcome.error)
    out = []
    for c in entries:
        if c.published_at and source.owns(c.url):
            day = datetime.fromisoformat(c.published_at).astimezone(source.tz).date().isoformat()
            out.append({"day": day, "url": c.url, "title": c.title, "published_at": c.published_at, "via": c.via})
    return out


def list_day(source: Source, ctx: RunContext, day: date, from_sitemaps: list[dict]) -> tuple[list[Candidate], int]:
    """The day's candidates from every dated index template plus the sitemap entries of
    that day; and how many index pages were fetched. An index that fails raises, so the
    unit is retried rather than recorded as a short day."""
    candidates = [Candidate(url=e["url"], source=source.id, via=e["via"], title=e["title"], published_at=e["published_at"])
                  for e in from_sitemaps]
    pages = 0
    with make_client(ctx.replay) as client:
        fetcher = PoliteFetcher(client, 0 if ctx.replay else source.politeness.delay_seconds)
        for template in dated_templates(source):
            walked = index_pages.walk(template, day, fetcher.get, source.article_re)
            pages += walked.pages_fetched
            if walked.errors:
                raise RuntimeError(f"index {template} for {day}: {'; '.join(walked.errors)}")
            candidates += [Candidate(url=u, source=source.id, via=f"index:{template}") for u in walked.urls]
    return [c for c in merge_candidates(candidates) if source.owns(c.url)], pages


@task(name="backfill-day", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=10)
def backfill_day(source_id: str, day_iso: str, ctx: RunContext, from_sitemaps: list[dict],
                 refresh: bool = False, gaps: bool = False) -> Report:
    """One source and day: list it, fetch what the lake lacks (everything with refresh),
    write, then mark the day complete. `from_sitemaps` holds the source's sitemap entries."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    lake = Lake(ctx.lake_root)
    report = Report(source=source_id, day=day_iso)
    state = lake.read_state(day_state_name(source_id, day_iso))
    if state.get("complete") and not refresh and not (gaps and state.get("listed")):
        report.status = "done-before"  # before reading the source's ids: a long rerun skips most days
        return report
    known = lake.article_ids(source_id)
    if gaps and state.get("listed"):
        listed = [Candidate(**c) for c in state["listed"]]
        index_pages_fetched = 0
        if all(c.article_id in known for c in listed):
            report.status = "complete"
            return report
    else:
        of_day = [e for e in from_sitemaps if e["day"] == day_iso]
        listed, index_pages_fetched = list_day(source, ctx, date.fromisoformat(day_iso), of_day)
    report.discovered = len(listed)
    todo = listed if refresh else [c for c in listed if c.article_id not in known]
    report.skipped_known = len(listed) - len(todo)
    unit = f"{source_id}-{day_iso}"
    fetched = fetch_candidates(source, ctx, todo, unit)
    report.fetched = fetched.pages
    report.written, report.updated = write_fetched(lake, ctx, unit, fetched, [], refresh=refresh)
    report.count_rejects(fetched.rejects)
    write_run_row(lake, ctx, report, "backfill")
    lake.write_state(day_state_name(source_id, day_iso), {  # last: the day is done
        "complete": True, "finished_at": datetime.now(timezone.utc).isoformat(), "run_id": ctx.run_id,
        "listed_count": len(listed), "index_pages": index_pages_fetched,
        "listed": [{"url": c.url, "source": c.source, "via": c.via, "title": c.title, "published_at": c.published_at}
                   for c in listed],
        "written": report.written, "updated": report.updated, "rejected": report.rejected,
    })
    return report


@dataclass
class _Unit:
    source: str
    day: str


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def backfill(sources: list[str] | None, date_from: str, date_to: str, lake: str = DEFAULT_LAKE,
             replay: str | None = None, refresh: bool = False, gaps: bool = False,
             sources_dir: str | None = None, progress: bool = False) -> list[dict]:
    """Backfill [date_from, date_to] (days in each source's zone) for the given sources.

    Days of one source run in order (one crawl at a time per outlet); sources run side by
    side. A day that still fails after its retries is reported and the next day goes on.
    """
    ctx = RunContext.start(lake, replay, sources_dir)
    selected = load_sources(ctx.sources_dir, only=sources)
    days = [d.isoformat() for d in days_between(date.fromisoformat(date_from), date.fromisoformat(date_to))]
    log = get_run_logger()
    bar = Progress({sid: len(days) for sid in selected}, enabled=progress)
    futures, units, reports = [], {}, []
    for sid, source in selected.items():
        if not dated_templates(source) and not source.sitemaps:
            log.warning("%s has no dated index pages or sitemaps: nothing to backfill", sid)
            reports.append(report_dict(Report(source=sid, status="skipped", error="no dated index or sitemap"), ctx))
            continue
        entries = sitemap_entries.submit(sid, ctx)
        previous = None
        for day in days:
            future = backfill_day.submit(
                sid, day, ctx, entries, refresh=refresh, gaps=gaps,
                wait_for=[allow_failure(previous)] if previous else None,
            )
            units[future.task_run_id] = _Unit(sid, day)
            futures.append(future)
            previous = future
    for future in as_completed(futures):
        unit = units[future.task_run_id]
        result = future.result(raise_on_failure=False)
        if not isinstance(result, Report):
            result = Report(source=unit.source, day=unit.day, status="failed", error=f"{type(result).__name__}: {result}"[:1000])
            write_run_row(Lake(lake), ctx, result, "backfill")
        bar.advance(unit.source, f"{unit.day} {result.status} +{result.written}")
        reports.append(report_dict(result, ctx))
    bar.close()
    ctx.cleanup()
    return sorted(reports, key=lambda r: (r["source"], r["day"] or ""))


def coverage(lake_root: str, sources: list[str] | None, date_from: str, date_to: str,
             sources_dir: str | None = None) -> list[dict]:
    """Per source and day: what the index/sitemaps listed, what the lake holds of it, what
    is missing. Days never listed show `listed=None`."""
    lake = Lake(lake_root)
    rows = []
    for sid in load_sources(Path(sources_dir) if sources_dir else SOURCES_DIR, only=sources):
        known = lake.article_ids(sid)
        for day in days_between(date.fromisoformat(date_from), date.fromisoformat(date_to)):
            state = lake.read_state(day_state_name(sid, day.isoformat()))
            listed = state.get("listed")
            ids = {article_id(c["url"]) for c in listed} if listed is not None else None
            rows.append({"source": sid, "day": day.isoformat(), "complete": bool(state.get("complete")),
                         "listed": len(ids) if ids is not None else None,
                         "in_lake": len(ids & known) if ids is not None else None,
                         "missing": len(ids - known) if ids is not None else None})
    return rows

