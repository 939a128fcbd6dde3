"""The parent's side of crawling: one crawler process (`python -m spiders.crawler`) for a
run, fed each unit's candidates as a job and streaming its pages back as they are
fetched. Every candidate comes back as a page or a failure; a candidate the crawler never
answered (it died, or the job ran out of time) is the caller's to reject. A process that
dies fails only the jobs it was running: the next job starts a new one."""
from __future__ import annotations

import base64
import itertools
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spiders.http import USER_AGENT
from spiders.registry import SOURCES_DIR, Source, SourcesPath
from transforms.records import Candidate, FetchedPage, FetchFailure

REPO = Path(__file__).resolve().parents[2]
MAX_LOG_LINES = 50
STOP_GRACE_SECONDS = 60.0  # a job asked to stop that is still running after this: its process is killed
_NOTEWORTHY = re.compile(r"\] (WARNING|ERROR|CRITICAL): ")


@dataclass
class CrawlResult:
    pages: list[FetchedPage] = field(default_factory=list)
    errors: list[FetchFailure] = field(default_factory=list)
    exit_code: int = 0  # 0: the job's crawl ended; else the crawler process's exit code, or -9 when it ran out of time
    log_tail: str = ""
    warnings: list[str] = field(default_factory=list)  # the crawl's WARNING/ERROR/CRITICAL log lines
    stats: dict = field(default_factory=dict)  # Scrapy's crawl stats


def noteworthy_lines(log: str, limit: int = MAX_LOG_LINES) -> list[str]:
    """The crawl log's warnings and errors (their first line each), at most `limit`."""
    return [line for line in log.splitlines() if _NOTEWORTHY.search(line)][:limit]


@dataclass
class _Job:
    result: CrawlResult
    on_page: Callable[[FetchedPage], None] | None
    process: subprocess.Popen
    done: threading.Event = field(default_factory=threading.Event)


def _item(item: dict) -> FetchedPage | FetchFailure:
    candidate = Candidate.from_dict(item["candidate"])
    if item["kind"] == "page":
        return FetchedPage(candidate, item["final_url"], item["status"], item["headers"], item["fetched_at"],
                           base64.b64decode(item["body_b64"]), [base64.b64decode(b) for b in item.get("continued_b64", ())])
    return FetchFailure(candidate, item["reason"], item["status"], item["retryable"], item["detail"], item["fetched_at"])


class CrawlService:
    """A run's crawler process, started at the first job; thread-safe, jobs run side by side."""

    def __init__(self, workdir: Path, replay: str | None = None, agent: str = USER_AGENT, allow: tuple[str, ...] = ()):
        self.workdir, self.replay, self.agent, self.allow = workdir, replay, agent, allow
        self._process: subprocess.Popen | None = None
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.starts = 0  # crawler processes started (one, unless one died)

    @property
    def log_path(self) -> Path:
        return self.workdir / "crawl.log"

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self.workdir.mkdir(parents=True, exist_ok=True)
            cmd = [sys.executable, "-m", "spiders.crawler", "--user-agent", self.agent]
            cmd += ["--replay", self.replay] if self.replay else []
            for network in self.allow:
                cmd += ["--allow", network]
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
            with open(self.log_path, "ab") as log:
                self._process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env)
            self.starts += 1
            threading.Thread(target=self._read, args=(self._process,), name="kabar-crawl-results", daemon=True).start()
        return self._process

    def _send(self, process: subprocess.Popen, message: dict) -> bool:
        try:
            process.stdin.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
            process.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def crawl(self, source: Source, candidates: list[Candidate], sources_dir: SourcesPath = SOURCES_DIR,
              robots: dict[str, str] | None = None, crawl_delay: float = 0.0, timeout: float = 3600.0,
              on_page: Callable[[FetchedPage], None] | None = None) -> CrawlResult:
        """Fetch the candidates of one source; every candidate comes back as a page or an
        error, or is missing from the result when the crawler could not answer it.
        `on_page` sees each page as it arrives (in the reader thread); `robots` are
        robots.txt bodies by host the run already has; `crawl_delay` robots.txt's, used
        when longer than the source's delay."""
        with self._lock:
            process = self._running()
            job_id = next(self._ids)
            job = self._jobs[job_id] = _Job(CrawlResult(), on_page, process)
            sent = self._send(process, {"job": job_id, "source": source.id, "sources_dir": str(sources_dir),
                                        "candidates": [c.to_dict() for c in candidates], "robots": robots or {},
                                        "crawl_delay": crawl_delay})
        if not sent:
            job.result.exit_code = process.wait()
            job.done.set()
        if not job.done.wait(timeout):
            self._send(process, {"stop": job_id})
            if not job.done.wait(STOP_GRACE_SECONDS):
                process.kill()  # its other jobs end too, each with what it got
                job.done.wait(30)
            job.result.exit_code = -9
        with self._lock:
            self._jobs.pop(job_id, None)
        if job.result.exit_code:
            job.result.log_tail = self.log_path.read_text(errors="replace")[-2000:] if self.log_path.exists() else ""
        return job.result

    def _read(self, process: subprocess.Popen) -> None:
        """Dispatch the process's output to its jobs; when it ends, end the jobs it had."""
        for line in process.stdout:
            try:
                message = json.loads(line)
            except json.JSONDecodeError:
                continue  # a torn line of a killed process
            job = self._jobs.get(message.get("job"))
            if job is None:
                continue
            if "item" in message:
                got = _item(message["item"])
                if isinstance(got, FetchedPage):
                    job.result.pages.append(got)
                    if job.on_page is not None:
                        try:
                            job.on_page(got)
                        except Exception:  # noqa: BLE001 -- the page is kept; only the early hand-off failed
                            pass
                else:
                    job.result.errors.append(got)
            elif message.get("done"):
                job.result.stats, job.result.warnings = message.get("stats") or {}, message.get("warnings") or []
                if message.get("error"):
                    job.result.warnings.append(f"[kabar.crawl] ERROR: {message['error']}")
                job.done.set()
        code = process.wait()
        with self._lock:
            orphans = [job for job in self._jobs.values() if job.process is process and not job.done.is_set()]
        for job in orphans:
            job.result.exit_code = code or -1
            job.done.set()

    def close(self, timeout: float = 60.0) -> None:
        """Let the running jobs finish, then end the process."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> "CrawlService":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_crawl(source: Source, candidates: list[Candidate], workdir: Path, replay: str | None = None,
              timeout: float = 3600.0, sources_dir: SourcesPath = SOURCES_DIR, agent: str = USER_AGENT,
              allow: tuple[str, ...] = (), robots: dict[str, str] | None = None, crawl_delay: float = 0.0) -> CrawlResult:
    """One crawl in a crawler process of its own (for a single unit; runs share one)."""
    with CrawlService(workdir, replay, agent, allow) as service:
        return service.crawl(source, candidates, sources_dir, robots, crawl_delay, timeout)
