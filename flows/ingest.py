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

from flows.collect import fetch_candidates, report_dict, run_logger, run_unit, write_fetched, write_run_row
from flows.context import RunContext
from flows.fanout import run_per_source
from flows.outcome import finish
from spiders.discovery.poll import Discovery, Outcome, discover, merge_candidates
from spiders.http import make_client
from spiders.registry import load_sources
from storage.index import KnownArticles, SourceIndex
from storage.lake import Lake
from transforms.records import Candidate, Rejection, UnitReport, UnitStatus


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


def ingest_unit(source_id: str, ctx: RunContext) -> UnitReport:
    """One source: discover, fetch what is new, write; under the source's lease."""
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    report = UnitReport(source=source_id)

    def work(lake: Lake, index: SourceIndex) -> None:
        log = run_logger()
        state = lake.read_state(source_state_name(source_id))
        with make_client(ctx.replay, agent=ctx.user_agent) as client:
            found = discover(source, client, state.get("endpoints", {}))
        report.feeds_polled = sum(e.outcome not in (Outcome.BACKOFF, Outcome.RETIRED) for e in found.endpoints)
        report.feeds_not_modified = found.count(Outcome.NOT_MODIFIED) + found.count(Outcome.UNCHANGED)
        report.status, report.error = endpoint_status(found)
        rejections = []
        for endpoint in found.endpoints:
            if endpoint.outcome == Outcome.ERROR:
                log.warning("%s: %s %s failed: %s", source_id, endpoint.kind, endpoint.url, endpoint.error)
                report.failed_feeds.append(f"{endpoint.url}: {endpoint.error}")
                rejections.append(Rejection(source_id, endpoint.url, "discover", f"{endpoint.kind}_error",
                                            endpoint.error or "", endpoint.status, retryable=True))
        for c in found.off_site:
            rejections.append(Rejection(source_id, c.url, "discover", "off_site", f"listed by {c.via}"))
        pending = [Candidate.from_dict(c) for c in state.get("pending", {}).values()]
        candidates = merge_candidates(found.candidates + pending)
        report.discovered = len(candidates)
        todo = KnownArticles(index.ids).unknown(candidates)
        report.skipped_known = len(candidates) - len(todo)

        fetched = fetch_candidates(source, ctx, todo, source_id)
        report.fetched = fetched.pages
        report.written, report.updated = write_fetched(lake, index, ctx, source_id, fetched, rejections)
        report.count_rejects(rejections + fetched.rejections)
        write_run_row(lake, ctx, report)
        # Last: remember validators, and keep retryable fetch failures for the next run.
        retry = {r.url for r in fetched.rejections if r.retryable}
        lake.write_state(source_state_name(source_id), {
            "endpoints": found.state,
            "pending": {c.article_id: c.to_dict() for c in todo if c.url in retry},
        })

    run_unit(ctx, report, work)
    run_logger().info("%s", report.summary())
    return report


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source(source_id: str, ctx: RunContext) -> UnitReport:
    return ingest_unit(source_id, ctx)


def _failed(source_id: str, ctx: RunContext, error: str) -> UnitReport:
    """The report of a unit that raised: recorded in `runs` as failed."""
    report = UnitReport(source=source_id, status=UnitStatus.FAILED, error=error[:1000], worker=ctx.settings.worker)
    run_logger().error("source %s failed: %s", source_id, report.error)
    write_run_row(ctx.lake, ctx, report)
    return report


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def ingest(sources: list[str] | None = None, lake: str | None = None, replay: str | None = None,
           sources_dir: str | None = None, fan_out: bool = False) -> list[dict]:
    """Collect new articles from every source's feeds and news sitemaps into the lake.

    `lake`, `replay` (a mirror URL that all outlet traffic goes to) and `sources_dir`
    default to KABAR_LAKE, KABAR_REPLAY and KABAR_SOURCES_DIR of the process that runs
    the flow. With `fan_out`, each source is a flow run of the `ingest-source/ingest-source`
    deployment, so the workers of its pool share the sources.
    """
    ctx = RunContext.start("ingest", lake, replay, sources_dir)
    selected = load_sources(ctx.sources_dir, only=sources)
    if fan_out:
        reports = run_per_source(ctx, "ingest-source/ingest-source", {sid: {"source": sid} for sid in selected})
        return finish(ctx, reports)
    futures = {sid: ingest_source.submit(sid, ctx) for sid in selected}
    reports = []
    for sid, future in futures.items():
        result = future.result(raise_on_failure=False)
        if not isinstance(result, UnitReport):
            result = _failed(sid, ctx, f"{type(result).__name__}: {result}")
        reports.append(report_dict(result, ctx))
    ctx.cleanup()
    return finish(ctx, reports)


@flow(name="ingest-source", log_prints=True)
def ingest_one(source: str, lake: str | None = None, replay: str | None = None, sources_dir: str | None = None,
               run_id: str | None = None) -> dict:
    """One source of an ingest run as a flow run of its own (what `fan_out` starts)."""
    ctx = RunContext.start("ingest", lake, replay, sources_dir, run_id=run_id)
    load_sources(ctx.sources_dir, only=[source])
    try:
        report = ingest_unit(source, ctx)
    except Exception as exc:  # recorded for the parent, then raised so this flow run fails too
        _failed(source, ctx, f"{type(exc).__name__}: {exc}")
        raise
    finally:
        ctx.cleanup()
    return finish(ctx, [report_dict(report, ctx)])[0]
