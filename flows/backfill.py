"""The backfill flow: whole past days from dated index pages and news sitemaps.

One unit of work per source and day, tried again on its own when it fails; a source's days
run in order under its lease, sources side by side. A day is marked complete in the lake's
state only after its articles, raw pages, rejects and run row are written (days are
written in batches, so a run leaves few files), so a killed backfill started again skips
the finished days and redoes the rest; the known-article filter makes redoing a
half-written day add nothing twice. `--refresh`
fetches again and replaces changed articles in place; `--gaps` reruns days whose listed
articles are not all in the lake, from the stored listing.
"""
from __future__ import annotations

from datetime import date, timedelta

from prefect import flow, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.batch import Batch
from flows.collect import fetch_candidates, refused_unit, report_dict, run_logger, run_unit, select_sources, write_run_row
from flows.context import MAX_SOURCE_TASKS, RunContext, utc_now
from flows.fanout import run_per_source
from flows.outcome import finish
from flows.progress import Progress
from spiders.discovery.days import IndexBlocked, dated_templates, list_day, sitemap_days
from spiders.http import make_client
from spiders.registry import Source, load_sources
from storage.index import SourceIndex
from storage.lake import Lake
from transforms.records import Candidate, UnitReport, UnitStatus


def day_state_name(source_id: str, day: str) -> str:
    return f"backfill/{source_id}/{day}"


def days_between(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


DAY_ATTEMPTS = 3  # a day whose listing or crawl raises is tried this often before it is recorded failed


def _sitemap_entries(source: Source, ctx: RunContext) -> dict[str, list[Candidate]]:
    """All news-sitemap entries of a source, by day in the source's zone (none when the
    sitemaps cannot be read: the days still come from the index pages)."""
    try:
        with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
            found = sitemap_days(source, client, ctx.polite(client, source))
    except Exception as exc:  # noqa: BLE001 -- the index pages still list the days
        run_logger().warning("%s: sitemaps could not be read: %s: %s", source.id, type(exc).__name__, exc)
        return {}
    for outcome in found.failed:
        run_logger().warning("%s: sitemap %s failed: %s", source.id, outcome.url, outcome.error)
    return found.by_day


class _Days:
    """One source's days of a backfill, in order, under the source's lease: each day is
    listed and fetched, its rows gathered in a batch that is written when it holds
    KABAR_WRITE_BATCH_ROWS articles (and at the end), and the days of a batch are marked
    complete only after it is written."""

    def __init__(self, source: Source, ctx: RunContext, refresh: bool, gaps: bool, bar: Progress):
        self.source, self.ctx, self.refresh, self.gaps, self.bar = source, ctx, refresh, gaps, bar
        self.reports: list[UnitReport] = []

    def finished_before(self, state: dict) -> bool:
        return finished_before(state, self.refresh, self.gaps)

    def run(self, days: list[str]) -> list[UnitReport]:
        lake, sid = self.ctx.lake, self.source.id
        todo = []
        for day in days:  # no lease or index needed to skip a finished day: a long rerun skips most
            if self.finished_before(lake.read_state(day_state_name(sid, day))):
                self._done(UnitReport(source=sid, day=day, status=UnitStatus.DONE_BEFORE))
            else:
                todo.append(day)
        if not todo:
            return self.reports
        holder = UnitReport(source=sid)
        run_unit(self.ctx, holder, lambda lake, index: self._work(lake, index, todo))
        if holder.status == UnitStatus.BUSY:  # another run holds the source: none of its days was touched
            for day in todo:
                self._done(UnitReport(source=sid, day=day, status=UnitStatus.BUSY, error=holder.error,
                                      waited_seconds=holder.waited_seconds, worker=holder.worker))
        return self.reports

    def _work(self, lake: Lake, index: SourceIndex, days: list[str]) -> None:
        sitemaps = _sitemap_entries(self.source, self.ctx)
        batch = Batch(lake, index, self.ctx, self.refresh)
        for day in days:
            report = UnitReport(source=self.source.id, day=day, worker=self.ctx.settings.worker)
            state = lake.read_state(day_state_name(self.source.id, day))
            if self.finished_before(state):  # by a run that held the lease while this one waited
                report.status = UnitStatus.DONE_BEFORE
            else:
                for attempt in range(1, DAY_ATTEMPTS + 1):
                    try:
                        self._day(batch, report, state, sitemaps.get(day, []))
                        break
                    except Exception as exc:  # noqa: BLE001 -- one day fails alone, after its attempts
                        run_logger().warning("%s %s: attempt %d failed: %s: %s", self.source.id, day, attempt,
                                             type(exc).__name__, exc)
                        if attempt == DAY_ATTEMPTS:
                            report.status, report.error = UnitStatus.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
                            batch.add(report, None)
                if batch.rows >= self.ctx.settings.write_batch_rows:
                    self._flush(batch)
            if report.status == UnitStatus.DONE_BEFORE:
                self._done(report)
        self._flush(batch)
        batch.finish()

    def _day(self, batch: "Batch", report: UnitReport, state: dict, from_sitemaps: list[Candidate]) -> None:
        """List one day, fetch what neither the lake nor the batch holds (everything with
        refresh), and add it to the batch with the state that marks the day complete."""
        source, ctx, day = self.source, self.ctx, report.day
        cut: list[str] = []
        index_pages_fetched = 0
        if self.gaps and state.get("listed") and not state.get("cut"):  # a cut listing is no day's whole
            listed = [Candidate.from_dict(c) for c in state["listed"]]
            if not batch.index.unknown(listed, also=batch.ids):
                report.status = UnitStatus.COMPLETE
                batch.add(report, None)
                return
        else:
            try:
                with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
                    listing = list_day(source, ctx.polite(client, source), date.fromisoformat(day), from_sitemaps)
                listed, index_pages_fetched, cut = listing.candidates, listing.index_pages, listing.cut
            except IndexBlocked as exc:  # not an empty day: it stays open, and coverage says why
                report.status, report.error = UnitStatus.BLOCKED, str(exc)[:1000]
                batch.add(report, None, (day_state_name(source.id, day), {**state, "complete": False, "blocked": {
                    "at": utc_now().isoformat(), "run_id": ctx.run_id, "why": str(exc)[:1000]}}))
                return
        report.discovered = len(listed)
        todo = listed if self.refresh else batch.index.unknown(listed, also=batch.ids)
        report.skipped_known = len(listed) - len(todo)
        fetched = fetch_candidates(source, ctx, todo, f"{source.id}-{day}")
        report.fetched = fetched.pages
        done = {"complete": True}
        if cut:  # what was listed is written; the day is not known whole, so it stays open and says why
            report.status, report.error = UnitStatus.CUT, "; ".join(cut)[:1000]
            done = {"complete": False, "cut": {"at": utc_now().isoformat(), "why": report.error}}
        batch.add(report, fetched, (day_state_name(source.id, day), {
            **done, "run_id": ctx.run_id, "listed_count": len(listed), "index_pages": index_pages_fetched,
            "listed": [c.to_dict() for c in listed],
        }))

    def _flush(self, batch: "Batch") -> None:
        for report in batch.write():
            self._done(report)

    def _done(self, report: UnitReport) -> None:
        run_logger().info("%s", report.summary())
        self.bar.advance(report.source, f"{report.day} {report.status} +{report.written}")
        self.reports.append(report)


@task(name="backfill-source-days", cache_policy=NO_CACHE)
def backfill_days(source_id: str, days: list[str], ctx: RunContext, refresh: bool, gaps: bool,
                  bar: Progress) -> list[UnitReport]:
    """One source's days, in order (see _Days); at most KABAR_PARALLEL_SOURCES at once."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    with ctx.source_slot():
        return _Days(source, ctx, refresh, gaps, bar).run(days)


def _backfill_sources(ctx: RunContext, selected: dict, days: list[str], refresh: bool, gaps: bool,
                      bar: Progress) -> list[dict]:
    """Run every source's days (a source's days in order, sources side by side) and
    collect their reports; a source whose task raised has its days recorded failed."""
    futures, reports = {}, []
    for sid, source in selected.items():
        if not backfillable(source):
            run_logger().warning("%s has no dated index pages or sitemaps: nothing to backfill", sid)
            skipped = UnitReport(source=sid, status=UnitStatus.SKIPPED, error="no dated index or sitemap")
            reports.append(report_dict(skipped, ctx))
            continue
        futures[sid] = backfill_days.submit(sid, days, ctx, refresh, gaps, bar)
    for sid, future in futures.items():
        result = future.result(raise_on_failure=False)
        if not isinstance(result, list):
            error = f"{type(result).__name__}: {result}"[:1000]
            result = [UnitReport(source=sid, day=day, status=UnitStatus.FAILED, error=error, worker=ctx.settings.worker)
                      for day in days]
            for report in result:
                write_run_row(ctx.lake, ctx, report)
        reports += [report_dict(r, ctx) for r in result]
    bar.close()
    ctx.cleanup()
    return sorted(reports, key=lambda r: (r["source"], r["day"] or ""))


def backfillable(source: Source) -> bool:
    """Whether past days of the source can be listed: a dated index or a news sitemap."""
    return bool(dated_templates(source) or source.sitemaps)


def finished_before(state: dict, refresh: bool, gaps: bool) -> bool:
    """Whether a day's unit has nothing left to do: an earlier run finished it, and
    neither --refresh nor --gaps (with a stored listing) asks for it again."""
    return bool(state.get("complete")) and not refresh and not (gaps and state.get("listed"))


def backfill_plan(lake: Lake, sources: dict[str, Source], date_from: str, date_to: str, refresh: bool = False,
                  gaps: bool = False) -> list[dict]:
    """What a backfill would do, per source and day, without fetching or writing: `fetch`,
    `done-before`, or `skipped` for a source with no dated index or sitemap."""
    rows = []
    for sid, source in sorted(sources.items()):
        if not backfillable(source):
            rows.append({"source": sid, "day": None, "plan": "skipped", "why": "no dated index or sitemap"})
            continue
        for day in _days(date_from, date_to):
            done = finished_before(lake.read_state(day_state_name(sid, day)), refresh, gaps)
            rows.append({"source": sid, "day": day, "plan": "done-before" if done else "fetch",
                         "why": "finished by an earlier run" if done else None})
    return rows


def _days(date_from: str, date_to: str) -> list[str]:
    return [d.isoformat() for d in days_between(date.fromisoformat(date_from), date.fromisoformat(date_to))]


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=MAX_SOURCE_TASKS), log_prints=True)
def backfill(sources: list[str] | None, date_from: str, date_to: str, lake: str | None = None,
             replay: str | None = None, refresh: bool = False, gaps: bool = False,
             sources_dir: str | None = None, progress: bool = False, fan_out: bool = False) -> list[dict]:
    """Backfill [date_from, date_to] (days in each source's zone) for the given sources.

    Days of one source run in order (one crawl at a time per outlet); up to
    KABAR_PARALLEL_SOURCES sources run side by side, or with `fan_out` each source is a flow run of the `backfill-source/backfill-source`
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


@flow(name="backfill-source", task_runner=ThreadPoolTaskRunner(max_workers=MAX_SOURCE_TASKS), log_prints=True)
def backfill_source(source: str, date_from: str, date_to: str, lake: str | None = None, replay: str | None = None,
                    refresh: bool = False, gaps: bool = False, sources_dir: str | None = None,
                    run_id: str | None = None) -> list[dict]:
    """One source's days of a backfill run as a flow run of its own (what `fan_out` starts)."""
    ctx = RunContext.start("backfill", lake, replay, sources_dir, run_id=run_id)
    selected, refused = select_sources(ctx, [source])
    return finish(ctx, [refused_unit(ctx, sid, why) for sid, why in refused.items()]
                  + _backfill_sources(ctx, selected, _days(date_from, date_to), refresh, gaps, Progress({}, enabled=False)))
