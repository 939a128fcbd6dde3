"""What ingest and backfill share: fetching candidates through the crawler into rows, and
writing those rows to the lake in a crash-safe order (articles, raw pages, rejects; the
run row after them; the caller's state last)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flows.context import RunContext, utc_now
from spiders.crawler.run import CrawlResult, run_crawl
from spiders.registry import Source
from storage.index import content_hash_holders, stored_articles
from storage.lake import Lake, content_key
from transforms.article import article_from_page
from transforms.dedup.exact import mark_exact_duplicates
from transforms.records import Candidate, RejectedArticle, Rejection, UnitReport
from transforms.rows.build import raw_page_row, reject_row, run_row


@dataclass
class Fetched:
    """The outcome of fetching candidates: article rows, raw page rows, rejections."""
    articles: list[dict] = field(default_factory=list)
    raw_pages: list[dict] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    pages: int = 0


def fetch_candidates(source: Source, ctx: RunContext, todo: list[Candidate], unit: str) -> Fetched:
    """Fetch `todo` with Scrapy and extract each page; every URL ends as a row or a rejection."""
    if not todo:
        return Fetched()
    crawl = run_crawl(source, todo, ctx.workdir / unit, ctx.replay, sources_dir=ctx.sources_dir, agent=ctx.user_agent)
    return process_crawl(source, ctx, crawl, todo)


def process_crawl(source: Source, ctx: RunContext, crawl: CrawlResult, asked: list[Candidate]) -> Fetched:
    out = Fetched(pages=len(crawl.pages))
    articles: dict[str, dict] = {}
    answered = set()
    for err in crawl.errors:
        answered.add(err.candidate.article_id)
        out.rejections.append(Rejection(source.id, err.candidate.url, "fetch", err.reason, err.detail, err.status,
                                        err.retryable))
    for page in crawl.pages:
        c = page.candidate
        answered.add(c.article_id)
        out.raw_pages.append(raw_page_row(page, source.id, ctx.run_id))
        try:
            row = article_from_page(c, page.body, page.headers, datetime.fromisoformat(page.fetched_at), ctx.run_id,
                                    source.tz, source.drop_selectors)
        except RejectedArticle as exc:
            out.rejections.append(Rejection(source.id, c.url, "extract", exc.reason, exc.detail, page.status))
            continue
        except Exception as exc:  # a page that breaks the extractor must not stop the source
            out.rejections.append(Rejection(source.id, c.url, "extract", "extractor_error",
                                            f"{type(exc).__name__}: {exc}", page.status))
            continue
        articles[row["article_id"]] = row
    for c in asked:
        if c.article_id not in answered:
            out.rejections.append(Rejection(source.id, c.url, "fetch", "no_crawl_result",
                                            f"crawler exit code {crawl.exit_code}", retryable=True))
    out.articles = list(articles.values())
    return out


def write_fetched(lake: Lake, ctx: RunContext, unit: str, fetched: Fetched, extra: list[Rejection],
                  refresh: bool = False) -> tuple[int, int]:
    """Write articles (new, or with --refresh changed ones replaced in place), raw pages
    and rejects; returns (written, updated)."""
    written = updated = 0
    if fetched.articles:
        mark_exact_duplicates(fetched.articles, content_hash_holders(lake, (r["content_hash"] for r in fetched.articles)))
    if refresh and fetched.articles:
        changed, new = _changed_and_new(lake, fetched.articles)
        if changed or new:
            lake.replace_rows("articles", changed + new)
        written, updated = len(new), len(changed)
    elif fetched.articles:
        lake.write_rows("articles", fetched.articles, key_of="article_id")
        written = len(fetched.articles)
    if fetched.raw_pages:
        lake.write_rows("raw_pages", fetched.raw_pages, name=content_key([f"{ctx.run_id}-{unit}"]))
    rejections = extra + fetched.rejections
    if rejections:
        at = utc_now()
        lake.write_rows("rejects", [reject_row(r, ctx.run_id, ctx.run_date, at) for r in rejections],
                        name=f"{ctx.run_id}-{unit}")
    return written, updated


def _changed_and_new(lake: Lake, rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split refetched rows into changed existing articles (stamped `updated_at`) and
    new ones; unchanged articles are left alone."""
    old = stored_articles(lake, [r["article_id"] for r in rows], ["content_hash", "title", "updated_at"])
    changed, new = [], []
    for row in rows:
        before = old.get(row["article_id"])
        if before is None:
            new.append(row)
        elif (before["content_hash"], before["title"]) != (row["content_hash"], row["title"]):
            row["updated_at"] = row["updated_at"] or row["fetched_at"]
            changed.append(row)
    return changed, new


def write_run_row(lake: Lake, ctx: RunContext, report: UnitReport, flow: str) -> None:
    unit = f"{report.source}-{report.day}" if report.day else report.source
    lake.write_rows("runs", [run_row(report, ctx.run_id, flow, ctx.started_at, utc_now(), ctx.run_date)],
                    name=f"{ctx.run_id}-{unit}")


def report_dict(report: UnitReport, ctx: RunContext) -> dict:
    return report.to_dict() | {"run_id": ctx.run_id}
