"""The parent's side of a crawl: write the candidates, run `python -m spiders.crawler`,
read its items back. Every candidate comes back as a page or a failure (a candidate the
child never answered is the caller's to reject)."""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from spiders.http import USER_AGENT
from spiders.registry import SOURCES_DIR, Source
from transforms.records import Candidate, FetchedPage, FetchFailure

REPO = Path(__file__).resolve().parents[2]


MAX_LOG_LINES = 50
_NOTEWORTHY = re.compile(r"\] (WARNING|ERROR|CRITICAL): ")


@dataclass
class CrawlResult:
    pages: list[FetchedPage] = field(default_factory=list)
    errors: list[FetchFailure] = field(default_factory=list)
    exit_code: int = 0
    log_tail: str = ""
    warnings: list[str] = field(default_factory=list)  # the crawl's WARNING/ERROR/CRITICAL log lines
    stats: dict = field(default_factory=dict)  # Scrapy's crawl stats


def noteworthy_lines(log: str, limit: int = MAX_LOG_LINES) -> list[str]:
    """The crawl log's warnings and errors (their first line each), at most `limit`."""
    return [line for line in log.splitlines() if _NOTEWORTHY.search(line)][:limit]


def run_crawl(source: Source, candidates: list[Candidate], workdir: Path, replay: str | None = None,
              timeout: float = 3600.0, sources_dir: Path = SOURCES_DIR, agent: str = USER_AGENT,
              allow: tuple[str, ...] = (), robots: dict[str, str] | None = None, crawl_delay: float = 0.0) -> CrawlResult:
    """Fetch the candidates of one source; every candidate comes back as a page or an error.
    `robots` (robots.txt bodies by host) spares the crawler fetching them again;
    `crawl_delay` is robots.txt's, used when longer than the source's delay."""
    workdir.mkdir(parents=True, exist_ok=True)
    candidates_path, out_path, log_path = workdir / "candidates.jsonl", workdir / "pages.jsonl", workdir / "crawl.log"
    stats_path = workdir / "stats.json"
    with open(candidates_path, "w", encoding="utf-8") as f:
        for c in candidates:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    out_path.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "spiders.crawler", "--source", source.id, "--sources-dir", str(sources_dir),
           "--candidates", str(candidates_path), "--out", str(out_path), "--stats", str(stats_path), "--user-agent", agent]
    if replay:
        cmd += ["--replay", replay]
    for network in allow:
        cmd += ["--allow", network]
    if robots is not None:
        (workdir / "robots.json").write_text(json.dumps(robots), encoding="utf-8")
        cmd += ["--robots", str(workdir / "robots.json")]
    if crawl_delay:
        cmd += ["--crawl-delay", str(crawl_delay)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    with open(log_path, "wb") as log:
        try:
            exit_code = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            exit_code = -9
    log = log_path.read_text(errors="replace")
    result = CrawlResult(exit_code=exit_code, log_tail=log[-2000:], warnings=noteworthy_lines(log),
                         stats=json.loads(stats_path.read_text()) if stats_path.exists() else {})
    for item in _read_items(out_path):
        candidate = Candidate.from_dict(item["candidate"])
        if item["kind"] == "page":
            result.pages.append(FetchedPage(candidate, item["final_url"], item["status"], item["headers"],
                                            item["fetched_at"], base64.b64decode(item["body_b64"])))
        else:
            result.errors.append(FetchFailure(candidate, item["reason"], item["status"], item["retryable"],
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
