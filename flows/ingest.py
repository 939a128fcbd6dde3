"""The ingest flow: discover -> skip known -> fetch (Scrapy subprocess) -> extract -> write.

Each source is its own task: a failing source is recorded in `runs` and the others go
on. Order of writes per source: articles, raw pages, rejects, the run row, and only then
the feed state (validators and pending retries), so a crash at any point leaves the
next run to rediscover what was not yet written: nothing lost, nothing doubled.
"""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from spiders.crawl import CrawlResult, run_crawl
from spiders.discover import Candidate, discover, merge_candidates
from spiders.http import make_client
from spiders.registry import SOURCES_DIR, Source, load_sources
from transforms import dates
from transforms.extract import FeedHints, charset_of, extract_article
from transforms.lake import DEFAULT_LAKE, Lake, content_key
from transforms.records import RejectedArticle, article_row, reject_row
from transforms.schema import SCHEMA_VERSION


@dataclass
class SourceReport:
    source: str
    status: str = "ok"
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    discovered: int = 0
    skipped_known: int = 0
    fetched: int = 0
    written: int = 0
    rejected: int = 0
    error: str | None = None
    reject_reasons: dict[str, int] = field(default_factory=dict)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class RunContext:
    run_id: str
    started_at: datetime
    lake_root: str
    replay: str | None
    workdir: Path
    sources_dir: Path = SOURCES_DIR

    @property
    def run_date(self) -> date:
        return self.started_at.date()


def _hints(c: Candidate) -> FeedHints:
    published = dates.parse_iso(c.published_at) if c.published_at else None
    return FeedHints(title=c.title, published_at=published, section=c.section)


def process_crawl(source: Source, ctx: RunContext, crawl: CrawlResult, asked: list[Candidate]) -> tuple[list[dict], list[dict], list[dict]]:
    """Turn a crawl into (article rows, raw page rows, reject rows); every asked URL ends in one."""
    articles: dict[str, dict] = {}
    raw_pages, rejects = [], []

    def reject(c: Candidate, stage: str, reason: str, detail: str = "", status: int | None = None, retryable: bool = False):
        rejects.append(reject_row(run_id=ctx.run_id, run_date=ctx.run_date, source=source.id, url=c.url, stage=stage,
                                  reason=reason, detail=detail, http_status=status, retryable=retryable))

    answered = set()
    for err in crawl.errors:
        answered.add(err.candidate.article_id)
        reject(err.candidate, "fetch", err.reason, err.detail, err.status, err.retryable)
    for page in crawl.pages:
        c = page.candidate
        answered.add(c.article_id)
        fetched_at = datetime.fromisoformat(page.fetched_at)
        raw_pages.append({
            "url": c.url, "final_url": page.final_url, "source": source.id, "status": page.status,
            "headers": list(page.headers.items()), "fetched_at": fetched_at, "body": page.body,
            "run_id": ctx.run_id, "schema_version": SCHEMA_VERSION, "fetched_date": fetched_at.date(),
        })
        try:
            art = extract_article(page.body, c.url, tz=source.tz, hints=_hints(c), drop_selectors=source.drop_selectors,
                                  encoding=charset_of(page.headers.get("content-type")), fetched_at=fetched_at)
            row = article_row(article_id=c.article_id, url=c.url, source=source.id, tz=source.tz, art=art,
                              fetched_at=fetched_at, discovered_via=c.via, run_id=ctx.run_id)
        except RejectedArticle as exc:
            reject(c, "extract", exc.reason, exc.detail, page.status)
            continue
        except Exception as exc:  # a page that breaks the extractor must not stop the source
            reject(c, "extract", "extractor_error", f"{type(exc).__name__}: {exc}", page.status)
            continue
        articles[row["article_id"]] = row
    for c in asked:
        if c.article_id not in answered:
            reject(c, "fetch", "no_crawl_result", f"crawler exit code {crawl.exit_code}", retryable=True)
    return list(articles.values()), raw_pages, rejects


@task(name="ingest-source", cache_policy=NO_CACHE)
def ingest_source(source_id: str, ctx: RunContext) -> SourceReport:
    log = get_run_logger()
    source = load_sources(ctx.sources_dir, only=[source_id])[source_id]
    lake = Lake(ctx.lake_root)
    report = SourceReport(source=source_id)
    state = lake.read_state(f"sources/{source_id}")
    with make_client(ctx.replay) as client:
        found = discover(source, client, state.get("endpoints", {}))
    report.feeds_polled = len(found.endpoints)
    if found.endpoints and found.count("error") == len(found.endpoints):
        report.status = "failed"
        report.error = f"all {len(found.endpoints)} feeds and sitemaps failed"
    report.feeds_not_modified = found.count("not_modified") + found.count("unchanged")
    rejects = []
    for endpoint in found.endpoints:
        if endpoint.outcome == "error":
            log.warning("%s: %s %s failed: %s", source_id, endpoint.kind, endpoint.url, endpoint.error)
            rejects.append(reject_row(run_id=ctx.run_id, run_date=ctx.run_date, source=source_id, url=endpoint.url,
                                      stage="discover", reason=f"{endpoint.kind}_error", detail=endpoint.error or "",
                                      http_status=endpoint.status, retryable=True))
    for c in found.off_site:
        rejects.append(reject_row(run_id=ctx.run_id, run_date=ctx.run_date, source=source_id, url=c.url,
                                  stage="discover", reason="off_site", detail=f"listed by {c.via}"))
    pending = [Candidate(**c) for c in state.get("pending", {}).values()]
    candidates = merge_candidates(found.candidates + pending)
    report.discovered = len(candidates)
    known = lake.article_ids(source_id)
    todo = [c for c in candidates if c.article_id not in known]
    report.skipped_known = len(candidates) - len(todo)

    rows, raw_pages = [], []
    if todo:
        crawl = run_crawl(source, todo, ctx.workdir / source_id, ctx.replay, sources_dir=ctx.sources_dir)
        if crawl.exit_code != 0:
            log.warning("%s: crawler exited with %s: %s", source_id, crawl.exit_code, crawl.log_tail[-500:])
        report.fetched = len(crawl.pages)
        rows, raw_pages, fetch_rejects = process_crawl(source, ctx, crawl, todo)
        rejects += fetch_rejects
    key = f"{ctx.run_id}-{source_id}"
    if rows:
        lake.write_rows("articles", rows, key_of="article_id")
    if raw_pages:
        lake.write_rows("raw_pages", raw_pages, name=content_key([key]))
    if rejects:
        lake.write_rows("rejects", rejects, name=key)
    report.written, report.rejected = len(rows), len(rejects)
    for r in rejects:
        report.reject_reasons[r["reason"]] = report.reject_reasons.get(r["reason"], 0) + 1
    write_run_row(lake, ctx, report)
    # Last: remember validators, and keep retryable failures for the next run.
    retry = {r["url"] for r in rejects if r["retryable"] and r["stage"] != "discover"}
    lake.write_state(f"sources/{source_id}", {
        "endpoints": found.state,
        "pending": {c.article_id: asdict(c) for c in todo if c.url in retry},
    })
    log.info("%s: %s", source_id, asdict(report))
    return report


def write_run_row(lake: Lake, ctx: RunContext, report: SourceReport) -> None:
    lake.write_rows("runs", [{
        "run_id": ctx.run_id, "source": report.source, "flow": "ingest", "status": report.status,
        "started_at": ctx.started_at, "finished_at": datetime.now(timezone.utc),
        "feeds_polled": report.feeds_polled, "feeds_not_modified": report.feeds_not_modified,
        "discovered": report.discovered, "skipped_known": report.skipped_known, "fetched": report.fetched,
        "written": report.written, "rejected": report.rejected, "error": report.error,
        "schema_version": SCHEMA_VERSION, "run_date": ctx.run_date,
    }], name=f"{ctx.run_id}-{report.source}")


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def ingest(sources: list[str] | None = None, lake: str = DEFAULT_LAKE, replay: str | None = None,
           sources_dir: str | None = None) -> list[dict]:
    """Collect new articles from every source's feeds and news sitemaps into the lake.

    `replay` (or KABAR_REPLAY) routes all outlet traffic to a mirror server.
    """
    started = datetime.now(timezone.utc)
    directory = Path(sources_dir) if sources_dir else SOURCES_DIR
    selected = load_sources(directory, only=sources)
    workdir = Path(tempfile.mkdtemp(prefix="kabar-ingest-"))
    ctx = RunContext(run_id=new_run_id(started), started_at=started, lake_root=lake,
                     replay=replay if replay is not None else os.environ.get("KABAR_REPLAY"), workdir=workdir,
                     sources_dir=directory)
    futures = {sid: ingest_source.submit(sid, ctx) for sid in selected}
    reports = []
    for sid, future in futures.items():
        result = future.result(raise_on_failure=False)
        if isinstance(result, SourceReport):
            reports.append(result)
            continue
        report = SourceReport(source=sid, status="failed", error=f"{type(result).__name__}: {result}"[:1000])
        get_run_logger().error("source %s failed: %s", sid, report.error)
        write_run_row(Lake(lake), ctx, report)
        reports.append(report)
    shutil.rmtree(workdir, ignore_errors=True)
    return [asdict(r) | {"run_id": ctx.run_id} for r in reports]
