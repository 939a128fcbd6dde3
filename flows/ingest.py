"""The ingest flow: discover -> skip known -> fetch (Scrapy subprocess) -> extract -> write.

Each source is its own task: a failing source is recorded in `runs` and the others go
on. Order of writes per source: articles, raw pages, rejects, the run row, and only then
the feed state (validators and pending retries), so a crash at any point leaves the
next run to rediscover what was not yet written: nothing lost, nothing doubled.
"""
from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.collect import fetch_candidates, report_dict, write_fetched, write_run_row
from flows.context import RunContext
from spiders.discovery.poll import Outcome, discover, merge_candidates
from spiders.http import make_client
from spiders.registry import load_sources
from storage.index import KnownArticles
from storage.lake import DEFAULT_LAKE
from transforms.records import Candidate, Rejection, UnitReport, UnitStatus


def source_state_name(source_id: str) -> str:
    return f"sources/{source_id}"


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source(source_id: str, ctx: RunContext) -> UnitReport:
    log = get_run_logger()
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    lake = ctx.lake
    report = UnitReport(source=source_id)
    state = lake.read_state(source_state_name(source_id))
    with make_client(ctx.replay, agent=ctx.user_agent) as client:
        found = discover(source, client, state.get("endpoints", {}))
    report.feeds_polled = sum(e.outcome not in (Outcome.BACKOFF, Outcome.RETIRED) for e in found.endpoints)
    report.feeds_not_modified = found.count(Outcome.NOT_MODIFIED) + found.count(Outcome.UNCHANGED)
    if found.endpoints and found.count(Outcome.ERROR) + found.count(Outcome.RETIRED) == len(found.endpoints):
        report.status = UnitStatus.FAILED
        report.error = f"all {len(found.endpoints)} feeds and sitemaps failed or are retired"
    rejections = []
    for endpoint in found.endpoints:
        if endpoint.outcome == Outcome.ERROR:
            log.warning("%s: %s %s failed: %s", source_id, endpoint.kind, endpoint.url, endpoint.error)
            rejections.append(Rejection(source_id, endpoint.url, "discover", f"{endpoint.kind}_error",
                                        endpoint.error or "", endpoint.status, retryable=True))
    for c in found.off_site:
        rejections.append(Rejection(source_id, c.url, "discover", "off_site", f"listed by {c.via}"))
    pending = [Candidate.from_dict(c) for c in state.get("pending", {}).values()]
    candidates = merge_candidates(found.candidates + pending)
    report.discovered = len(candidates)
    todo = KnownArticles.of_source(lake, source_id).unknown(candidates)
    report.skipped_known = len(candidates) - len(todo)

    fetched = fetch_candidates(source, ctx, todo, source_id)
    report.fetched = fetched.pages
    report.written, report.updated = write_fetched(lake, ctx, source_id, fetched, rejections)
    report.count_rejects(rejections + fetched.rejections)
    write_run_row(lake, ctx, report, "ingest")
    # Last: remember validators, and keep retryable fetch failures for the next run.
    retry = {r.url for r in fetched.rejections if r.retryable}
    lake.write_state(source_state_name(source_id), {
        "endpoints": found.state,
        "pending": {c.article_id: c.to_dict() for c in todo if c.url in retry},
    })
    log.info("%s", report.summary())
    return report


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def ingest(sources: list[str] | None = None, lake: str = DEFAULT_LAKE, replay: str | None = None,
           sources_dir: str | None = None) -> list[dict]:
    """Collect new articles from every source's feeds and news sitemaps into the lake.

    `replay` (or KABAR_REPLAY) routes all outlet traffic to a mirror server.
    """
    ctx = RunContext.start(lake, replay, sources_dir)
    selected = load_sources(ctx.sources_dir, only=sources)
    futures = {sid: ingest_source.submit(sid, ctx) for sid in selected}
    reports = []
    for sid, future in futures.items():
        result = future.result(raise_on_failure=False)
        if not isinstance(result, UnitReport):
            result = UnitReport(source=sid, status=UnitStatus.FAILED, error=f"{type(result).__name__}: {result}"[:1000])
            get_run_logger().error("source %s failed: %s", sid, result.error)
            write_run_row(ctx.lake, ctx, result, "ingest")
        reports.append(report_dict(result, ctx))
    ctx.cleanup()
    return reports
