"""What ingest and backfill share: the run context, fetching candidates through the
Scrapy subprocess into rows, and writing those rows to the lake in a crash-safe order."""
from __future__ import annotations

import os
import shutil
import secrets
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow.dataset as ds

from spiders.crawl import CrawlResult, run_crawl
from spiders.discover import Candidate
from spiders.registry import SOURCES_DIR, Source
from transforms import dates
from transforms.extract import FeedHints, charset_of, extract_article
from transforms.lake import Lake, content_key
from transforms.records import RejectedArticle, article_row, reject_row
from transforms.schema import SCHEMA_VERSION
from transforms.urls import article_id, same_site


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class RunContext:
    run_id: str
    started_at: datetime
    lake_root: str
    replay: str | None
    sources_dir: Path = SOURCES_DIR
    _workdir: Path | None = None

    @classmethod
    def start(cls, lake: str, replay: str | None, sources_dir: str | None) -> "RunContext":
        now = datetime.now(timezone.utc)
        return cls(run_id=new_run_id(now), started_at=now, lake_root=lake,
                   replay=replay if replay is not None else os.environ.get("KABAR_REPLAY"),
                   sources_dir=Path(sources_dir) if sources_dir else SOURCES_DIR)

    @property
    def workdir(self) -> Path:
        """The run's scratch directory for crawl files, made when a crawl first needs it."""
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="kabar-run-"))
        return self._workdir

    def cleanup(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def run_date(self) -> date:
        return self.started_at.date()


@dataclass
class Report:
    """Counts of one unit of work (a source in ingest, a source and day in backfill)."""
    source: str
    day: str | None = None
    status: str = "ok"
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    discovered: int = 0
    skipped_known: int = 0
    fetched: int = 0
    written: int = 0
    updated: int = 0
    rejected: int = 0
    error: str | None = None
    reject_reasons: dict[str, int] = field(default_factory=dict)

    def count_rejects(self, rejects: list[dict]) -> None:
        self.rejected += len(rejects)
        for r in rejects:
            self.reject_reasons[r["reason"]] = self.reject_reasons.get(r["reason"], 0) + 1


@dataclass
class Fetched:
    """The outcome of fetching candidates: article rows, raw page rows, reject rows."""
    articles: list[dict] = field(default_factory=list)
    raw_pages: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    pages: int = 0


def reject(ctx: RunContext, source_id: str, url: str, stage: str, reason: str, detail: str = "",
           status: int | None = None, retryable: bool = False) -> dict:
    return reject_row(run_id=ctx.run_id, run_date=ctx.run_date, source=source_id, url=url, stage=stage,
                      reason=reason, detail=detail, http_status=status, retryable=retryable)


def _hints(c: Candidate) -> FeedHints:
    published = dates.parse_iso(c.published_at) if c.published_at else None
    return FeedHints(title=c.title, published_at=published, section=c.section)


def identity(c: Candidate, canonical_link: str | None) -> str:
    """The article id: from the page's rel=canonical when it points into the same site
    (an outlet knows its article's address best), else from the candidate URL.
    Off-site canonicals (syndication) do not merge two outlets' rows."""
    if canonical_link and canonical_link.startswith(("http://", "https://")) and same_site(canonical_link, c.url):
        return article_id(canonical_link)
    return c.article_id


def page_article(candidate: Candidate, body: bytes, headers: dict[str, str], fetched_at: datetime, run_id: str,
                 tz=dates.WIB, drop_selectors: tuple[str, ...] = ()) -> dict:
    """The `articles` row of one fetched page, with what discovery knew as hints; raises
    RejectedArticle. Ingest, backfill and reprocess all build rows here, so a page gives
    the same row (and the same article id) whichever of them reads it."""
    art = extract_article(body, candidate.url, tz=tz, hints=_hints(candidate), drop_selectors=drop_selectors,
                          encoding=charset_of(headers.get("content-type")), fetched_at=fetched_at)
    return article_row(article_id=identity(candidate, art.canonical_link), url=candidate.url, source=candidate.source,
                       tz=tz, art=art, fetched_at=fetched_at, discovered_via=candidate.via, run_id=run_id)


def fetch_candidates(source: Source, ctx: RunContext, todo: list[Candidate], unit: str) -> Fetched:
    """Fetch `todo` with Scrapy and extract each page; every URL ends as a row or a reject."""
    if not todo:
        return Fetched()
    crawl = run_crawl(source, todo, ctx.workdir / unit, ctx.replay, sources_dir=ctx.sources_dir)
    return process_crawl(source, ctx, crawl, todo)


def process_crawl(source: Source, ctx: RunContext, crawl: CrawlResult, asked: list[Candidate]) -> Fetched:
    out = Fetched(pages=len(crawl.pages))
    articles: dict[str, dict] = {}
    answered = set()
    for err in crawl.errors:
        answered.add(err.candidate.article_id)
        out.rejects.append(reject(ctx, source.id, err.candidate.url, "fetch", err.reason, err.detail, err.status, err.retryable))
    for page in crawl.pages:
        c = page.candidate
        answered.add(c.article_id)
        fetched_at = datetime.fromisoformat(page.fetched_at)
        out.raw_pages.append({
            "url": c.url, "final_url": page.final_url, "source": source.id, "status": page.status,
            "headers": list(page.headers.items()), "fetched_at": fetched_at, "body": page.body,
            "run_id": ctx.run_id, "schema_version": SCHEMA_VERSION, "fetched_date": fetched_at.date(),
            # what discovery knew, so that reprocessing extracts with the same evidence
            "article_id": c.article_id, "discovered_via": c.via, "hint_title": c.title,
            "hint_published_at": c.published_at, "hint_section": c.section,
        })
        try:
            row = page_article(c, page.body, page.headers, fetched_at, ctx.run_id, source.tz, source.drop_selectors)
        except RejectedArticle as exc:
            out.rejects.append(reject(ctx, source.id, c.url, "extract", exc.reason, exc.detail, page.status))
            continue
        except Exception as exc:  # a page that breaks the extractor must not stop the source
            out.rejects.append(reject(ctx, source.id, c.url, "extract", "extractor_error", f"{type(exc).__name__}: {exc}",
                                      page.status))
            continue
        articles[row["article_id"]] = row
    for c in asked:
        if c.article_id not in answered:
            out.rejects.append(reject(ctx, source.id, c.url, "fetch", "no_crawl_result",
                                      f"crawler exit code {crawl.exit_code}", retryable=True))
    out.articles = list(articles.values())
    return out


def write_fetched(lake: Lake, ctx: RunContext, unit: str, fetched: Fetched, extra_rejects: list[dict],
                  refresh: bool = False) -> tuple[int, int]:
    """Write articles (new, or with --refresh changed ones replaced in place), raw pages
    and rejects; returns (written, updated)."""
    written = updated = 0
    mark_exact_duplicates(lake, fetched.articles)
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
    rejects = extra_rejects + fetched.rejects
    if rejects:
        lake.write_rows("rejects", rejects, name=f"{ctx.run_id}-{unit}")
    return written, updated


def mark_exact_duplicates(lake: Lake, rows: list[dict]) -> None:
    """Set `duplicate_of` on rows whose normalised body is already in the lake (any
    source) or earlier in the batch: the earliest published copy is the original."""
    if not rows:
        return
    hashes = list({r["content_hash"] for r in rows})
    earliest: dict[str, tuple] = {}
    candidates = [(r["content_hash"], r["published_at"], r["article_id"]) for r in rows]
    dataset = lake.dataset("articles")
    if dataset is not None:
        table = dataset.to_table(columns=["content_hash", "published_at", "article_id"],
                                 filter=ds.field("content_hash").isin(hashes))
        candidates += [(r["content_hash"], r["published_at"], r["article_id"]) for r in table.to_pylist()]
    for content_hash, published_at, aid in candidates:
        if content_hash not in earliest or (published_at, aid) < earliest[content_hash]:
            earliest[content_hash] = (published_at, aid)
    for row in rows:
        original = earliest[row["content_hash"]][1]
        row["duplicate_of"] = original if original != row["article_id"] else None


def _changed_and_new(lake: Lake, rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split refetched rows into changed existing articles (stamped `updated_at`) and
    new ones; unchanged articles are left alone."""
    ids = [r["article_id"] for r in rows]
    dataset = lake.dataset("articles")
    old = {}
    if dataset is not None:
        table = dataset.to_table(columns=["article_id", "content_hash", "title", "updated_at"],
                                 filter=ds.field("article_id").isin(ids))
        old = {r["article_id"]: r for r in table.to_pylist()}
    changed, new = [], []
    for row in rows:
        before = old.get(row["article_id"])
        if before is None:
            new.append(row)
        elif (before["content_hash"], before["title"]) != (row["content_hash"], row["title"]):
            row["updated_at"] = row["updated_at"] or row["fetched_at"]
            changed.append(row)
    return changed, new


def write_run_row(lake: Lake, ctx: RunContext, report: Report, flow: str) -> None:
    unit = f"{report.source}-{report.day}" if report.day else report.source
    lake.write_rows("runs", [{
        "run_id": ctx.run_id, "source": report.source, "flow": flow, "status": report.status,
        "day": date.fromisoformat(report.day) if report.day else None,
        "started_at": ctx.started_at, "finished_at": datetime.now(timezone.utc),
        "feeds_polled": report.feeds_polled, "feeds_not_modified": report.feeds_not_modified,
        "discovered": report.discovered, "skipped_known": report.skipped_known, "fetched": report.fetched,
        "written": report.written, "updated": report.updated, "rejected": report.rejected, "error": report.error,
        "schema_version": SCHEMA_VERSION, "run_date": ctx.run_date,
    }], name=f"{ctx.run_id}-{unit}")


def report_dict(report: Report, ctx: RunContext) -> dict:
    return asdict(report) | {"run_id": ctx.run_id}
