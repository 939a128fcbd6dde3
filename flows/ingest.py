"""The ingest flow: discover -> skip known -> fetch (Scrapy subprocess) -> extract -> write.

Each source is its own unit, under the source's lease (one writer per source at a time,
across processes and machines): a task of this flow, or, with `fan_out`, a flow run of
the `ingest-source` deployment that any worker can take. A failing source is recorded in
`runs` and the others go on; the run then ends Failed. Order of writes per source:
articles, raw pages, rejects, the run row, and only then the feed state (validators and
pending retries), so a crash at any point leaves the next run to rediscover what was not
yet written: nothing lost, nothing doubled.
"""
from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.collect import (fetch_candidates, refused_unit, report_dict, run_logger, run_unit, select_sources, write_fetched,
                           write_run_row)
from flows.context import MAX_SOURCE_TASKS, RunContext, utc_now
from flows.fanout import run_per_source
from flows.outcome import finish
from flows.progress import Progress
from spiders.discovery.policy import MAX_PAGE_ATTEMPTS, page_retry_at
from spiders.discovery.polite import ROBOTS_DISALLOWED
from spiders.discovery.poll import Discovery, Outcome, discover, merge_candidates
from spiders.http import BLOCKED, make_client
from spiders.registry import load_sources
from storage.index import SourceIndex
from storage.lake import Lake
from transforms.records import Candidate, Rejection, UnitReport, UnitStatus
from transforms.urls import redact


def source_state_name(source_id: str) -> str:
    return f"sources/{source_id}"


def endpoint_status(found: Discovery) -> tuple[UnitStatus, str | None]:
    """The source's status from its endpoints: failed when all failed or are retired,
    retired or backing off when none of them was polled this run."""
    n = len(found.endpoints)
    if not n:
        return UnitStatus.OK, None
    if found.count(Outcome.RETIRED) == n:
        return UnitStatus.RETIRED, f"all {n} feeds and sitemaps are retired (kabar sources reset puts them back)"
    if found.count(Outcome.ERROR) + found.count(Outcome.RETIRED) == n:
        return UnitStatus.FAILED, f"all {n} feeds and sitemaps failed or are retired"
    if found.count(Outcome.BACKOFF) + found.count(Outcome.RETIRED) == n:
        return UnitStatus.BACKING_OFF, f"all {n} feeds and sitemaps are backing off after failures; none was polled"
    return UnitStatus.OK, None


def pending_after(before: dict, waiting: dict, todo: list[Candidate], fetched, now) -> dict:
    """The pages to try again in a later run: those that failed retryably now (with their
    attempts counted and the next attempt backed off), and those still waiting their turn.
    A page that failed MAX_PAGE_ATTEMPTS times in a row is given up."""
    retry = {r.url for r in fetched.rejections if r.retryable}
    pending = dict(waiting)
    for c in todo:
        if c.url in retry:
            attempts = before.get(c.article_id, {}).get("attempts", 0) + 1
            if attempts > MAX_PAGE_ATTEMPTS:
                run_logger().warning("%s: giving up %s after %d failed attempts", c.source, c.url, attempts - 1)
                continue
            pending[c.article_id] = {**c.to_dict(), "attempts": attempts,
                                     "next_attempt": page_retry_at(attempts, now).isoformat()}
    return pending


def discovery_rejections(source_id: str, found: Discovery, max_entries: int) -> list[Rejection]:
    """What discovery could not turn into candidates, one rejection each: failed feeds and
    sitemaps, entries over the per-feed cap, links to other sites and links that are no URL."""
    log, out = run_logger(), []
    for endpoint in found.endpoints:
        if endpoint.outcome == Outcome.ERROR:
            log.warning("%s: %s %s failed: %s", source_id, endpoint.kind, endpoint.url, endpoint.error)
            named = (endpoint.error or "").split(":", 1)[0]  # blocked_address, robots_disallowed
            reason = named if named in (BLOCKED, ROBOTS_DISALLOWED) else f"{endpoint.kind}_error"
            out.append(Rejection(source_id, endpoint.url, "discover", reason, endpoint.error or "", endpoint.status,
                                 retryable=reason != BLOCKED))
        if endpoint.over_cap:
            log.warning("%s: %s lists %d entries more than the %d taken per run", source_id, endpoint.url,
                        len(endpoint.over_cap), max_entries)
        out += [Rejection(source_id, redact(c.url), "discover", "over_feed_cap",
                          f"{endpoint.url} listed more than {max_entries} entries") for c in endpoint.over_cap]
    out += [Rejection(source_id, redact(c.url), "discover", "off_site", f"listed by {c.via}") for c in found.off_site]
    out += [Rejection(source_id, redact(c.url)[:2000], "discover", "invalid_url", f"{why}; entry {c.title!r} listed by {c.via}")
            for c, why in found.invalid]
    return out


def ingest_unit(source_id: str, ctx: RunContext) -> UnitReport:
    """One source: discover, fetch what is new, write; under the source's lease."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    report = UnitReport(source=source_id)

    def work(lake: Lake, index: SourceIndex) -> None:
        log = run_logger()
        state = lake.read_state(source_state_name(source_id))
        with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
            found = discover(source, client, state.get("endpoints", {}), fetcher=ctx.polite(client, source),
                             max_entries=ctx.settings.max_feed_entries)
        report.feeds_polled = sum(e.outcome not in (Outcome.BACKOFF, Outcome.RETIRED) for e in found.endpoints)
        report.feeds_not_modified = found.count(Outcome.NOT_MODIFIED) + found.count(Outcome.UNCHANGED)
        report.status, report.error = endpoint_status(found)
        rejections = discovery_rejections(source_id, found, ctx.settings.max_feed_entries)
        report.failed_feeds = [f"{e.url}: {e.error}" for e in found.endpoints if e.outcome == Outcome.ERROR]
        report.feeds_malformed = sum(e.malformed is not None for e in found.endpoints)
        now = utc_now()
        waiting = {k: v for k, v in state.get("pending", {}).items() if v.get("next_attempt", "") > now.isoformat()}
        due = [Candidate.from_dict(v) for k, v in state.get("pending", {}).items() if k not in waiting]
        candidates = [c for c in merge_candidates(found.candidates + due) if c.article_id not in waiting]
        report.discovered = len(candidates)
        todo = index.unknown(candidates)
        report.skipped_known = len(candidates) - len(todo)
        todo, later = todo[:ctx.settings.max_candidates], todo[ctx.settings.max_candidates:]
        if later:  # not lost: pending, fetched by the next runs
            log.warning("%s: %d new pages over the %d fetched per run wait for the next run", source_id, len(later),
                        ctx.settings.max_candidates)
            rejections += [Rejection(source_id, c.url, "discover", "over_run_cap", "fetched by a later run", retryable=True)
                           for c in later]

        fetched = fetch_candidates(source, ctx, todo, source_id)
        report.fetched = fetched.pages
        written = write_fetched(lake, index, ctx, source_id, fetched, rejections)
        report.written, report.updated = len(written.new), len(written.changed)
        report.count_rejects(rejections + fetched.rejections)
        write_run_row(lake, ctx, report)
        # Last: remember validators, and keep retryable failures (5xx, blocked) for later runs.
        pending = pending_after(state.get("pending", {}), waiting, todo, fetched, now)
        pending.update({c.article_id: c.to_dict() for c in later})
        lake.write_state(source_state_name(source_id), {"endpoints": found.state, "pending": pending})

    run_unit(ctx, report, work)
    run_logger().info("%s", report.summary())
    return report


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source(source_id: str, ctx: RunContext) -> UnitReport:
    with ctx.source_slot():  # at most KABAR_PARALLEL_SOURCES at once
        return ingest_unit(source_id, ctx)


def _failed(source_id: str, ctx: RunContext, error: str) -> UnitReport:
    """The report of a unit that raised: recorded in `runs` as failed."""
    report = UnitReport(source=source_id, status=UnitStatus.FAILED, error=error[:1000], worker=ctx.settings.worker)
    run_logger().error("source %s failed: %s", source_id, report.error)
    write_run_row(ctx.lake, ctx, report)
    return report


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=MAX_SOURCE_TASKS), log_prints=True)
def ingest(sources: list[str] | None = None, lake: str | None = None, replay: str | None = None,
           sources_dir: str | None = None, fan_out: bool = False, progress: bool = False) -> list[dict]:
    """Collect new articles from every source's feeds and news sitemaps into the lake.

    `lake`, `replay` (a mirror URL that all outlet traffic goes to) and `sources_dir`
    default to KABAR_LAKE, KABAR_REPLAY and KABAR_SOURCES_DIR of the process that runs
    the flow. With `fan_out`, each source is a flow run of the `ingest-source/ingest-source`
    deployment, so the workers of its pool share the sources. `progress`: a bar of the
    sources done on a terminal, a line per source elsewhere.
    """
    ctx = RunContext.start("ingest", lake, replay, sources_dir)
    selected, refused = select_sources(ctx, sources)
    reports = [refused_unit(ctx, sid, why) for sid, why in refused.items()]
    if fan_out:
        reports += run_per_source(ctx, "ingest-source/ingest-source", {sid: {"source": sid} for sid in selected})
        return finish(ctx, sorted(reports, key=lambda r: r["source"]))
    futures = {sid: ingest_source.submit(sid, ctx) for sid in selected}
    bar = Progress({"sources": len(futures)}, enabled=progress)
    for sid, future in futures.items():
        result = future.result(raise_on_failure=False)
        if not isinstance(result, UnitReport):
            result = _failed(sid, ctx, f"{type(result).__name__}: {result}")
        reports.append(report_dict(result, ctx))
        bar.advance("sources", f"{sid} {reports[-1]['status']}, {reports[-1]['written']} written")
    bar.close()
    ctx.cleanup()
    return finish(ctx, sorted(reports, key=lambda r: r["source"]))


@flow(name="ingest-source", log_prints=True)
def ingest_one(source: str, lake: str | None = None, replay: str | None = None, sources_dir: str | None = None,
               run_id: str | None = None) -> dict:
    """One source of an ingest run as a flow run of its own (what `fan_out` starts)."""
    ctx = RunContext.start("ingest", lake, replay, sources_dir, run_id=run_id)
    _, refused = select_sources(ctx, [source])
    if refused:
        return finish(ctx, [refused_unit(ctx, source, refused[source])])[0]
    try:
        report = ingest_unit(source, ctx)
    except Exception as exc:  # recorded for the parent, then raised so this flow run fails too
        _failed(source, ctx, f"{type(exc).__name__}: {exc}")
        raise
    finally:
        ctx.cleanup()
    return finish(ctx, [report_dict(report, ctx)])[0]
