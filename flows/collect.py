"""What ingest and backfill share: a unit of work under its source's lease, fetching
candidates through the crawler into rows, and writing those rows to the lake in a
crash-safe order (articles and their index, raw pages, rejects; the run row after them;
the caller's state last)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime

from flows.context import RunContext, source_lease, utc_now
from spiders.crawler.run import CrawlResult
from spiders.http import make_client
from spiders.addresses import source_problem
from spiders.registry import Source, SourceConfigError, load_registry
from storage.index import SourceIndex, content_hash_holders, stored_articles
from storage.lake import Lake, Spool, content_key
from storage.lease import LeaseBusy
from transforms.article import article_or_rejection
from transforms.dedup.exact import mark_exact_duplicates
from transforms.records import Candidate, FetchedPage, Rejection, UnitReport, UnitStatus
from transforms.rows.build import raw_page_row, reject_row, run_row

MIN_POOL_PAGES = 8  # fewer pages than this are extracted here: starting pool processes would cost more
STATS_LOGGED = ("downloader/request_count", "downloader/response_count", "item_scraped_count", "retry/count",
                "elapsed_time_seconds")


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """The Prefect run's logger inside a flow or task, else the module's."""
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("kabar")


@dataclass
class Fetched:
    """The outcome of fetching candidates: article rows, raw page rows, rejections."""
    articles: list[dict] = field(default_factory=list)
    raw_pages: list[dict] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    pages: int = 0


def select_sources(ctx: RunContext, only: list[str] | None) -> tuple[dict[str, Source], dict[str, str]]:
    """The sources a run works on, and those it refuses with why: a broken source file,
    or one that points where the address policy forbids. A refused source fails only
    itself; an id that names no source file at all is a SourceConfigError."""
    registry = load_registry(ctx.sources_dir)
    known = set(registry.sources) | set(registry.broken)
    unknown = sorted(set(only or ()) - known)
    if unknown:
        raise SourceConfigError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    good, refused = {}, {}
    for sid in sorted(only or known):
        if sid in registry.broken:
            refused[sid] = f"configuration: {registry.broken[sid]}"
        elif problem := source_problem(registry.sources[sid], ctx.settings.address_policy):
            refused[sid] = f"configuration: {problem}"
        else:
            good[sid] = registry.sources[sid]
    return good, refused


def refused_unit(ctx: RunContext, source_id: str, why: str, day: str | None = None) -> dict:
    """A source the run refused (see select_sources), recorded in `runs` as failed."""
    report = UnitReport(source=source_id, day=day, status=UnitStatus.FAILED, error=why[:1000], worker=ctx.settings.worker)
    run_logger().error("%s: %s", source_id, why)
    write_run_row(ctx.lake, ctx, report)
    return report_dict(report, ctx)


def run_unit(ctx: RunContext, report: UnitReport, work: Callable[[Lake, SourceIndex], None]) -> UnitReport:
    """Run `work(lake, index)` for the report's source while holding the source's lease,
    with the source's article index loaded fresh. A unit that cannot get the lease in
    time is recorded as `busy` in `runs`, and nothing of it is fetched or written."""
    lake = ctx.lake
    report.worker = ctx.settings.worker
    try:
        def waiting(holder: str) -> None:  # the log says what a run waits for, as the wait begins
            run_logger().info("%s: waiting up to %.0f s for its lease, %s", report.source, ctx.settings.lease_wait, holder)

        with ctx.lease(source_lease(report.source), on_wait=waiting) as lease:
            report.waited_seconds = round(lease.waited, 2)
            work(lake, SourceIndex.load(lake, report.source))
            if lease.lost:
                run_logger().error("%s: the lease expired while the unit ran (stalled past %.0f s)", report.source,
                                   ctx.settings.lease_ttl)
    except LeaseBusy as exc:
        report.status, report.error, report.waited_seconds = UnitStatus.BUSY, str(exc), round(exc.waited, 2)
        write_run_row(lake, ctx, report)
    return report


def fetch_candidates(source: Source, ctx: RunContext, todo: list[Candidate], unit: str) -> Fetched:
    """Fetch `todo` through the run's crawler and extract each page as it arrives (in the
    run's process pool, overlapping with the fetching); every URL ends as a row or a
    rejection."""
    if not todo:
        return Fetched()
    with make_client(ctx.replay, agent=ctx.user_agent, policy=ctx.settings.address_policy) as client:
        robots = ctx.robots.seed(client, [c.url for c in todo])  # the crawler asks robots.txt no second time
        delay = 0.0 if ctx.replay else ctx.robots.crawl_delay(client, todo[0].url)
    pool = ctx.extract_pool() if len(todo) >= MIN_POOL_PAGES else None
    submitted: dict[int, Future] = {}

    def on_page(page: FetchedPage) -> None:
        try:
            submitted[id(page)] = pool.submit(_extract, _extract_args(page, source, ctx))
        except Exception:  # a broken pool takes no more work: the page is extracted here afterwards
            pass

    crawl = ctx.crawler().crawl(source, todo, ctx.sources_dir, robots, delay, on_page=on_page if pool else None)
    log = run_logger()
    for line in crawl.warnings:
        log.warning("%s crawl: %s", unit, line)
    if crawl.exit_code:
        log.error("%s crawl: the crawler ended (exit code %s) before answering every page", unit, crawl.exit_code)
    if crawl.stats:
        log.info("%s crawl: %s", unit, ", ".join(f"{k.rsplit('/', 1)[-1]} {crawl.stats[k]}" for k in STATS_LOGGED
                                                  if k in crawl.stats))
    return process_crawl(source, ctx, crawl, todo, submitted)


def _extract_args(page: FetchedPage, source: Source, ctx: RunContext) -> tuple:
    return (page.candidate, page.body, page.headers, datetime.fromisoformat(page.fetched_at), ctx.run_id, source.tz,
            source.drop_selectors, page.continued)


def _extract(args: tuple) -> tuple:
    """One page's extraction in a pool process (a module-level function, so it pickles)."""
    return article_or_rejection(*args)


def _extracted(page: FetchedPage, source: Source, ctx: RunContext, submitted: dict[int, Future]) -> tuple:
    """The page's extraction: the pool's answer, or done here (no pool, or a pool that broke)."""
    future = submitted.get(id(page))
    if future is not None:
        try:
            return future.result()
        except Exception:  # a broken pool (a worker killed): this page is extracted here instead
            pass
    return _extract(_extract_args(page, source, ctx))


def process_crawl(source: Source, ctx: RunContext, crawl: CrawlResult, asked: list[Candidate],
                  submitted: dict[int, Future] | None = None) -> Fetched:
    """Rows and rejections from a crawl: each page's extraction (submitted to the pool as
    it arrived, else done here), each candidate accounted for."""
    out = Fetched(pages=len(crawl.pages))
    articles: dict[str, dict] = {}
    answered = set()
    for err in crawl.errors:
        answered.add(err.candidate.article_id)
        out.rejections.append(Rejection(source.id, err.candidate.url, "fetch", err.reason, err.detail, err.status,
                                        err.retryable))
    for page in crawl.pages:
        result = _extracted(page, source, ctx, submitted or {})
        c = page.candidate
        answered.add(c.article_id)
        out.raw_pages.append(raw_page_row(page, source.id, ctx.run_id))
        if result[0] == "row":
            articles[result[1]["article_id"]] = result[1]
        elif result[0] == "rejected":
            _, reason, detail, retryable = result
            out.rejections.append(Rejection(source.id, c.url, "extract", reason, detail, page.status, retryable))
        else:
            out.rejections.append(Rejection(source.id, c.url, "extract", "extractor_error", result[1], page.status))
    for c in asked:
        if c.article_id not in answered:
            out.rejections.append(Rejection(source.id, c.url, "fetch", "no_crawl_result",
                                            f"crawler exit code {crawl.exit_code}", retryable=True))
    out.articles = list(articles.values())
    return out


@dataclass
class Written:
    """The article ids a write added (new) and replaced (changed, with --refresh), and the
    raw-page files it wrote."""
    new: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    raw_files: list[str] = field(default_factory=list)


def write_fetched(lake: Lake, index: SourceIndex, ctx: RunContext, unit: str, fetched: Fetched,
                  extra: list[Rejection], refresh: bool = False, raw_spool: Spool | None = None) -> Written:
    """Write articles (new, or with --refresh changed ones replaced in place) and record
    them in the source's index, then raw pages (`fetched`'s, or those gathered in
    `raw_spool`) and rejects, one file per partition."""
    written = Written()
    rows = fetched.articles
    if rows:
        mark_exact_duplicates(rows, content_hash_holders(lake, (r["content_hash"] for r in rows), own=index,
                                                         others=ctx.other_indexes()))
    if refresh and rows:
        changed, new = _changed_and_new(lake, index.source, rows)
        if changed or new:
            lake.replace_rows("articles", changed + new)
            index.record(changed + new)
        written = Written({r["article_id"] for r in new}, {r["article_id"] for r in changed})
    elif rows:
        lake.write_rows("articles", rows, key_of="article_id")
        index.record(rows)
        written.new = {r["article_id"] for r in rows}
    if raw_spool is not None:
        written.raw_files = raw_spool.publish(content_key([f"{ctx.run_id}-{unit}"]))
    elif fetched.raw_pages:
        written.raw_files = lake.write_rows("raw_pages", fetched.raw_pages, name=content_key([f"{ctx.run_id}-{unit}"]))
    rejections = extra + fetched.rejections
    if rejections:
        at = utc_now()
        lake.write_rows("rejects", [reject_row(r, ctx.run_id, ctx.run_date, at) for r in rejections],
                        name=f"{ctx.run_id}-{unit}")
    return written


def _changed_and_new(lake: Lake, source: str, rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split refetched rows into changed existing articles (stamped `updated_at`) and
    new ones; unchanged articles are left alone."""
    old = stored_articles(lake, source, [r["article_id"] for r in rows], ["content_hash", "title", "updated_at"])
    changed, new = [], []
    for row in rows:
        before = old.get(row["article_id"])
        if before is None:
            new.append(row)
        elif (before["content_hash"], before["title"]) != (row["content_hash"], row["title"]):
            row["updated_at"] = row["updated_at"] or row["fetched_at"]
            changed.append(row)
    return changed, new


def write_run_row(lake: Lake, ctx: RunContext, report: UnitReport) -> None:
    unit = f"{report.source}-{report.day}" if report.day else report.source
    write_run_rows(lake, ctx, [report], unit)


def write_run_rows(lake: Lake, ctx: RunContext, reports: list[UnitReport], unit: str) -> None:
    """The units' rows in `runs`, in one file named by the run and `unit`."""
    now = utc_now()
    lake.write_rows("runs", [run_row(r, ctx.run_id, ctx.flow, ctx.started_at, now, ctx.run_date) for r in reports],
                    name=f"{ctx.run_id}-{unit}")


def report_dict(report: UnitReport, ctx: RunContext) -> dict:
    return report.to_dict() | {"run_id": ctx.run_id}
