"""Run the article spider in a subprocess (Twisted's reactor cannot restart in-process).

`run_crawl()` is what flows call; `python -m spiders.crawl` is the subprocess.
The JSON-lines output file is the contract between the two.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spiders.discover import Candidate
from spiders.http import REPLAY_ENV, USER_AGENT
from spiders.registry import SOURCES_DIR, Source, load_sources


def crawl_settings(source: Source, replay: str | None) -> dict:
    p = source.politeness
    settings = {
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": "kabar",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": max(2, p.concurrent_requests),
        "CONCURRENT_REQUESTS_PER_DOMAIN": p.concurrent_requests,
        "DOWNLOAD_DELAY": p.delay_seconds,
        "RANDOMIZE_DOWNLOAD_DELAY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(p.delay_seconds, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": p.timeout_seconds,
        "DOWNLOAD_MAXSIZE": p.max_page_bytes,
        "DOWNLOAD_WARNSIZE": p.max_page_bytes // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": p.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        # the same retries, but a 429/503 waits for its Retry-After (spiders/retry_after.py)
        "DOWNLOADER_MIDDLEWARES": {"scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                                   "spiders.retry_after.RetryAfterMiddleware": 550},
        "REDIRECT_MAX_TIMES": 5,
        "LOG_LEVEL": "INFO",
    }
    if replay:
        # The mirror is our own server on loopback: the outlet's delays protect nobody.
        settings.update({
            "KABAR_REPLAY": replay,
            "DOWNLOAD_HANDLERS": {
                "http": "spiders.replay.ReplayDownloadHandler",
                "https": "spiders.replay.ReplayDownloadHandler",
            },
            "DOWNLOAD_DELAY": 0,
            "RANDOMIZE_DOWNLOAD_DELAY": False,
            "AUTOTHROTTLE_ENABLED": False,
        })
    return settings


@dataclass
class FetchedPage:
    candidate: Candidate
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: str
    body: bytes


@dataclass
class FetchError:
    candidate: Candidate
    reason: str
    status: int | None
    retryable: bool
    detail: str
    fetched_at: str


@dataclass
class CrawlResult:
    pages: list[FetchedPage] = field(default_factory=list)
    errors: list[FetchError] = field(default_factory=list)
    exit_code: int = 0
    log_tail: str = ""


def run_crawl(source: Source, candidates: list[Candidate], workdir: Path, replay: str | None = None,
              timeout: float = 3600.0, sources_dir: Path = SOURCES_DIR) -> CrawlResult:
    """Fetch the candidates of one source; every candidate comes back as a page or an error."""
    workdir.mkdir(parents=True, exist_ok=True)
    candidates_path, out_path, log_path = workdir / "candidates.jsonl", workdir / "pages.jsonl", workdir / "crawl.log"
    with open(candidates_path, "w", encoding="utf-8") as f:
        for c in candidates:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
    out_path.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "spiders.crawl", "--source", source.id, "--sources-dir", str(sources_dir),
           "--candidates", str(candidates_path), "--out", str(out_path)]
    if replay:
        cmd += ["--replay", replay]
    env = {k: v for k, v in os.environ.items() if k != REPLAY_ENV}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH")]))
    with open(log_path, "wb") as log:
        try:
            exit_code = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            exit_code = -9
    result = CrawlResult(exit_code=exit_code, log_tail=log_path.read_text(errors="replace")[-2000:])
    for item in _read_items(out_path):
        candidate = Candidate(**item["candidate"])
        if item["kind"] == "page":
            result.pages.append(FetchedPage(candidate, item["final_url"], item["status"], item["headers"],
                                            item["fetched_at"], base64.b64decode(item["body_b64"])))
        else:
            result.errors.append(FetchError(candidate, item["reason"], item["status"], item["retryable"],
                                            item["detail"], item["fetched_at"]))
    return result


def _read_items(path: Path):
    """Items of a finished or killed crawl; a torn last line (kill mid-write) is skipped."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fetch candidate article URLs of one source (subprocess of run_crawl).")
    parser.add_argument("--source", required=True)
    parser.add_argument("--sources-dir", type=Path, default=SOURCES_DIR)
    parser.add_argument("--candidates", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--replay", default=None)
    args = parser.parse_args(argv)

    from scrapy.crawler import CrawlerProcess

    from spiders.article_spider import ArticleSpider

    source = load_sources(args.sources_dir, only=[args.source])[args.source]
    settings = crawl_settings(source, args.replay)
    settings["FEEDS"] = {Path(args.out).resolve().as_uri(): {"format": "jsonlines", "encoding": "utf8", "overwrite": True}}
    process = CrawlerProcess(settings)
    process.crawl(ArticleSpider, candidates_path=args.candidates, single_page_param=source.single_page_param)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
