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
from datetime import date, timedelta

from prefect import allow_failure, flow, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows.collect import (fetch_candidates, refused_unit, report_dict, run_logger, run_unit, select_sources, write_fetched,
                           write_run_row)
from flows.context import RunContext, utc_now
from flows.fanout import run_per_source
from flows.outcome import finish
from flows.progress import Progress
from spiders.discovery.days import IndexBlocked, dated_templates, list_day, sitemap_days
from spiders.http import make_client
from spiders.registry import load_sources
from storage.index import KnownArticles, SourceIndex
from storage.lake import Lake
from transforms.records import Candidate, UnitReport, UnitStatus


def day_state_name(source_id: str, day: str) -> str:
    return f"backfill/{source_id}/{day}"


def days_between(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@task(name="read-sitemaps", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def sitemap_entries(source_id: str, ctx: RunContext) -> dict[str, list[Candidate]]:
    """All news-sitemap entries of a source, by day in the source's zone."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
        found = sitemap_days(source, client, ctx.polite(client, source))
    for outcome in found.failed:  # the days still come from the index pages; say what is missing
        run_logger().warning("%s: sitemap %s failed: %s", source_id, outcome.url, outcome.error)
    return found.by_day


@task(name="backfill-day", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=10)
def backfill_day(source_id: str, day_iso: str, ctx: RunContext, from_sitemaps: dict[str, list[Candidate]],
                 refresh: bool = False, gaps: bool = False) -> UnitReport:
    """One source and day, under the source's lease: list it, fetch what the lake lacks
    (everything with refresh), write, then mark the day complete. `from_sitemaps` holds
    the source's sitemap entries by day."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    report = UnitReport(source=source_id, day=day_iso)

    def finished_before(state: dict) -> bool:
        return bool(state.get("complete")) and not refresh and not (gaps and state.get("listed"))

    def work(lake: Lake, index: SourceIndex) -> None:
        state = lake.read_state(day_state_name(source_id, day_iso))
        if finished_before(state):  # by a run that held the lease while this one waited
            report.status = UnitStatus.DONE_BEFORE
            return
        known = KnownArticles(index.ids)
        if gaps and state.get("listed"):
            listed = [Candidate.from_dict(c) for c in state["listed"]]
            index_pages_fetched = 0
            if not known.unknown(listed):
                report.status = UnitStatus.COMPLETE
                return
        else:
            try:
                with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
                    listed, index_pages_fetched = list_day(source, ctx.polite(client, source), date.fromisoformat(day_iso),
                                                           from_sitemaps.get(day_iso, []))
            except IndexBlocked as exc:  # not an empty day: it stays open, and coverage says why
                report.status, report.error = UnitStatus.BLOCKED, str(exc)[:1000]
                write_run_row(lake, ctx, report)
                lake.write_state(day_state_name(source_id, day_iso), {**state, "complete": False, "blocked": {
                    "at": utc_now().isoformat(), "run_id": ctx.run_id, "why": str(exc)[:1000]}})
                return
        report.discovered = len(listed)
        todo = listed if refresh else known.unknown(listed)
        report.skipped_known = len(listed) - len(todo)
        unit = f"{source_id}-{day_iso}"
        fetched = fetch_candidates(source, ctx, todo, unit)
        report.fetched = fetched.pages
        report.written, report.updated = write_fetched(lake, index, ctx, unit, fetched, [], refresh=refresh)
        report.count_rejects(fetched.rejections)
        write_run_row(lake, ctx, report)
        lake.write_state(day_state_name(source_id, day_iso), {  # last: the day is done
            "complete": True, "finished_at": utc_now().isoformat(), "run_id": ctx.run_id,
            "listed_count": len(listed), "index_pages": index_pages_fetched,
            "listed": [c.to_dict() for c in listed],
            "written": report.written, "updated": report.updated, "rejected": report.rejected,
        })

    if finished_before(ctx.lake.read_state(day_state_name(source_id, day_iso))):
        report.status = UnitStatus.DONE_BEFORE  # no lease or index needed to skip it: a long rerun skips most days
        return report
    run_unit(ctx, report, work)
    run_logger().info("%s", report.summary())
    return report


@dataclass
class _Unit:
    source: str
    day: str


def _backfill_sources(ctx: RunContext, selected: dict, days: list[str], refresh: bool, gaps: bool,
                      bar: Progress) -> list[dict]:
    """Submit every source's days (a source's days in order, sources side by side) and
    collect their reports; a day that still fails after its retries is recorded."""
    futures, units, reports = [], {}, []
    for sid, source in selected.items():
        if not dated_templates(source) and not source.sitemaps:
            run_logger().warning("%s has no dated index pages or sitemaps: nothing to backfill", sid)
            skipped = UnitReport(source=sid, status=UnitStatus.SKIPPED, error="no dated index or sitemap")
            reports.append(report_dict(skipped, ctx))
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
        if not isinstance(result, UnitReport):
            result = UnitReport(source=unit.source, day=unit.day, status=UnitStatus.FAILED,
                                error=f"{type(result).__name__}: {result}"[:1000], worker=ctx.settings.worker)
            write_run_row(ctx.lake, ctx, result)
        bar.advance(unit.source, f"{unit.day} {result.status} +{result.written}")
        reports.append(report_dict(result, ctx))
    bar.close()
    ctx.cleanup()
    return sorted(reports, key=lambda r: (r["source"], r["day"] or ""))


def _days(date_from: str, date_to: str) -> list[str]:
    return [d.isoformat() for d in days_between(date.fromisoformat(date_from), date.fromisoformat(date_to))]


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def backfill(sources: list[str] | None, date_from: str, date_to: str, lake: str | None = None,
             replay: str | None = None, refresh: bool = False, gaps: bool = False,
             sources_dir: str | None = None, progress: bool = False, fan_out: bool = False) -> list[dict]:
    """Backfill [date_from, date_to] (days in each source's zone) for the given sources.

    Days of one source run in order (one crawl at a time per outlet); sources run side by
    side, or with `fan_out` each source is a flow run of the `backfill-source/backfill-source`
    deployment that any worker can take. `lake`, `replay` and `sources_dir` default to the
    settings of the process that runs the flow.
    """
    ctx = RunContext.start("backfill", lake, replay, sources_dir)
    selected, refused = select_sources(ctx, sources)
    refusals = [refused_unit(ctx, sid, why) for sid, why in refused.items()]
    days = _days(date_from, date_to)
    if fan_out:
        params = {"date_from": date_from, "date_to": date_to, "refresh": refresh, "gaps": gaps}
        return finish(ctx, refusals + run_per_source(ctx, "backfill-source/backfill-source",
                                                     {sid: {"source": sid, **params} for sid in selected}))
    bar = Progress({sid: len(days) for sid in selected}, enabled=progress)
    return finish(ctx, refusals + _backfill_sources(ctx, selected, days, refresh, gaps, bar))


@flow(name="backfill-source", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def backfill_source(source: str, date_from: str, date_to: str, lake: str | None = None, replay: str | None = None,
                    refresh: bool = False, gaps: bool = False, sources_dir: str | None = None,
                    run_id: str | None = None) -> list[dict]:
    """One source's days of a backfill run as a flow run of its own (what `fan_out` starts)."""
    ctx = RunContext.start("backfill", lake, replay, sources_dir, run_id=run_id)
    selected, refused = select_sources(ctx, [source])
    return finish(ctx, [refused_unit(ctx, sid, why) for sid, why in refused.items()]
                  + _backfill_sources(ctx, selected, _days(date_from, date_to), refresh, gaps, Progress({}, enabled=False)))
