"""The ingest flow: discover -> skip known -> fetch (Scrapy subprocess) -> extract -> write.

Each source is its own task: a failing source is recorded in `runs` and the others go
on. Order of writes per source: articles, raw pages, rejects, the run row, and only then
the feed state (validators and pending retries), so a crash at any point leaves the
next run to rediscover what was not yet written: nothing lost, nothing doubled.
"""
from __future__ import annotations

from dataclasses import asdict

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.collect import Report, RunContext, fetch_candidates, reject, report_dict, write_fetched, write_run_row
from spiders.discover import Candidate, discover, merge_candidates
from spiders.http import make_client
from spiders.registry import load_sources
from transforms.lake import DEFAULT_LAKE, Lake


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source(source_id: str, ctx: RunContext) -> Report:
    log = get_run_logger()
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    lake = Lake(ctx.lake_root)
    report = Report(source=source_id)
    state = lake.read_state(f"sources/{source_id}")
    with make_client(ctx.replay) as client:
        found = discover(source, client, state.get("endpoints", {}))
    report.feeds_polled = sum(e.outcome not in ("backoff", "retired") for e in found.endpoints)
    report.feeds_not_modified = found.count("not_modified") + found.count("unchanged")
    if found.endpoints and found.count("error") + found.count("retired") == len(found.endpoints):
        report.status = "failed"
        report.error = f"all {len(found.endpoints)} feeds and sitemaps failed or are retired"
    rejects = []
    for endpoint in found.endpoints:
        if endpoint.outcome == "error":
            log.warning("%s: %s %s failed: %s", source_id, endpoint.kind, endpoint.url, endpoint.error)
            rejects.append(reject(ctx, source_id, endpoint.url, "discover", f"{endpoint.kind}_error",
                                  endpoint.error or "", endpoint.status, retryable=True))
    for c in found.off_site:
        rejects.append(reject(ctx, source_id, c.url, "discover", "off_site", f"listed by {c.via}"))
    pending = [Candidate(**c) for c in state.get("pending", {}).values()]
    candidates = merge_candidates(found.candidates + pending)
    report.discovered = len(candidates)
    known = lake.article_ids(source_id)
    todo = [c for c in candidates if c.article_id not in known]
    report.skipped_known = len(candidates) - len(todo)

    fetched = fetch_candidates(source, ctx, todo, source_id)
    report.fetched = fetched.pages
    report.written, report.updated = write_fetched(lake, ctx, source_id, fetched, rejects)
    report.count_rejects(rejects + fetched.rejects)
    write_run_row(lake, ctx, report, "ingest")
    # Last: remember validators, and keep retryable fetch failures for the next run.
    retry = {r["url"] for r in fetched.rejects if r["retryable"]}
    lake.write_state(f"sources/{source_id}", {
        "endpoints": found.state,
        "pending": {c.article_id: asdict(c) for c in todo if c.url in retry},
    })
    log.info("%s: %s", source_id, asdict(report))
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
        if not isinstance(result, Report):
            result = Report(source=sid, status="failed", error=f"{type(result).__name__}: {result}"[:1000])
            get_run_logger().error("source %s failed: %s", sid, result.error)
            write_run_row(Lake(lake), ctx, result, "ingest")
        reports.append(report_dict(result, ctx))
    ctx.cleanup()
    return reports
