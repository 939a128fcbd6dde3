"""A run's context: its id and start, the settings it runs with, its lake, the leases it
takes, and a scratch directory for crawl files made when first needed."""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from flows.settings import Settings, SettingsError
from spiders import replay as replay_seams
from spiders.crawler.run import CrawlService
from spiders.discovery.polite import Pace, PoliteFetcher
from spiders.registry import Source
from spiders.robots import Robots
from storage.filesystem import process_alive
from storage.index import OtherIndexes
from storage.lake import Lake
from storage.lease import Lease, Leases
from storage.memory import use_returning_pool
from transforms.dates import WIB


# Extraction processes started before a run's context exists (warm_extraction), for the
# first context of the process to take as its pool.
_warm_pool: ProcessPoolExecutor | None = None
_warm_lock = threading.Lock()


def _import_extractor() -> None:
    import transforms.article  # noqa: F401 -- trafilatura and the extractor, imported before the first page


def _extraction_pool(processes: int) -> ProcessPoolExecutor:  # spawned, not forked: the flow process runs threads
    return ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=_import_extractor)


def warm_extraction(settings: Settings) -> None:
    """Start the extraction processes now, each importing the extractor, so that they are
    ready when a run's first pages arrive. Worth it while the run's start waits on
    something else on one core: the temporary Prefect API takes about 5 s to come up."""
    global _warm_pool
    with _warm_lock:
        if settings.extract_processes < 1 or _warm_pool is not None:
            return
        _warm_pool = _extraction_pool(settings.extract_processes)
        for _ in range(settings.extract_processes):  # a process is spawned for each task not taken by an idle one
            _warm_pool.submit(int)


def _take_warm_pool(processes: int) -> ProcessPoolExecutor | None:
    global _warm_pool
    with _warm_lock:
        pool, _warm_pool = _warm_pool, None
    if pool is not None and pool._max_workers != processes:  # settings changed since: not this run's pool
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def wib_today() -> date:
    """Today in Jakarta: the default last day of the windows and reports people ask for."""
    return utc_now().astimezone(WIB).date()


SCRATCH_PREFIX = "kabar-run-"
MAX_SOURCE_TASKS = 64  # threads a flow may give its source tasks; KABAR_PARALLEL_SOURCES bounds how many work
STALE_SECONDS = 3600.0  # a staging file untouched this long belongs to a writer that died


def sweep_scratch() -> int:
    """Remove the scratch directories of runs whose process is gone (killed mid-crawl)."""
    removed = 0
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = path.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def source_lease(source_id: str) -> str:
    """The lease a writer of one source's rows holds: one writer per source at a time."""
    return f"source-{source_id}"


def polite_fetcher(client, source: Source, replay: str | None, settings: Settings, robots: Robots,
                   pace: Pace | None = None) -> PoliteFetcher:
    """A fetcher for a source's feeds, sitemaps and pages: robots.txt, and its delay per
    host (the Crawl-delay when longer); in replay no delay, as the mirror is ours."""
    delay = replay_seams.politeness(source.politeness, replay).delay_seconds
    return PoliteFetcher(client, delay, robots=robots, crawl_delay=not replay, deadline=settings.fetch_deadline,
                         pace=pace)


@dataclass
class RunContext:
    run_id: str
    flow: str
    started_at: datetime
    lake_root: str
    replay: str | None
    settings: Settings = field(default_factory=Settings)
    sources_dir: str = field(default_factory=lambda: Settings().sources_dir)  # a sources path
    robots: Robots = field(default_factory=Robots, repr=False, compare=False)  # robots.txt, once per host per run
    pace: Pace = field(default_factory=Pace, repr=False, compare=False)  # each host's last request, for its delay
    _workdir: Path | None = None
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False, compare=False)
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _crawler: CrawlService | None = field(default=None, repr=False, compare=False)
    _slots: threading.BoundedSemaphore | None = field(default=None, repr=False, compare=False)
    _others: OtherIndexes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def start(cls, flow: str, lake: str | None, replay: str | None, sources_dir: str | None,
              settings: Settings | None = None, run_id: str | None = None) -> "RunContext":
        """A new run of `flow`; `lake` and `sources_dir` None mean the configured ones,
        `replay` None the configured one and "" none. `run_id` joins an existing run (a
        parent flow's, when each source is its own flow run)."""
        settings = settings or Settings.from_env()
        use_returning_pool()
        now = utc_now()
        ctx = cls(run_id=run_id or new_run_id(now), flow=flow, started_at=now,
                  lake_root=settings.lake if lake is None else lake, replay=settings.replay_or_default(replay),
                  settings=settings, sources_dir=str(sources_dir) if sources_dir else settings.sources_dir)
        files = settings.open_lake(ctx.lake_root).files  # an empty lake is an error here, before any network work
        if problem := files.check_writable():
            raise SettingsError(f"the lake cannot be written: {problem}")
        files.sweep_staging(older_than=STALE_SECONDS)
        settings.open_lake(ctx.lake_root).create_missing_tables()  # every table readable from the first run on
        sweep_scratch()
        return ctx

    @property
    def lake(self) -> Lake:
        return self.settings.open_lake(self.lake_root)

    @property
    def user_agent(self) -> str:
        return self.settings.user_agent

    @property
    def owner(self) -> str:
        return f"{self.flow} run {self.run_id} on {self.settings.worker}"

    def polite(self, client, source: Source) -> PoliteFetcher:
        """The fetcher for a source's discovery, sharing the run's robots.txt and pace."""
        return polite_fetcher(client, source, self.replay, self.settings, self.robots, self.pace)

    def lease(self, name: str, on_wait: Callable[[str], None] | None = None) -> Lease:
        """Take a lease (waiting as the settings say); raises storage.lease.LeaseBusy.
        `on_wait(holder)` is told once, when the lease is found held and the wait begins."""
        lake = self.lake
        return Leases(lake.files, self.settings.s3).acquire(name, self.owner, self.settings.lease_ttl,
                                                           self.settings.lease_wait, on_wait=on_wait)

    @property
    def workdir(self) -> Path:
        """The run's scratch directory for crawl files (pages' bodies among them), made
        when a crawl first needs it; named by the process, so a killed run's is found."""
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
        return self._workdir

    def extract_pool(self) -> ProcessPoolExecutor | None:
        """The run's pool of extraction processes (KABAR_EXTRACT_PROCESSES), started when
        first needed and shared by the run's units; None: extract in the calling thread."""
        if self.settings.extract_processes < 1:
            return None
        with self._pool_lock:
            if self._pool is None:
                processes = self.settings.extract_processes
                self._pool = _take_warm_pool(processes) or _extraction_pool(processes)
            return self._pool

    @contextmanager
    def source_slot(self):
        """One of the run's KABAR_PARALLEL_SOURCES places for a source at work."""
        with self._pool_lock:
            if self._slots is None:
                self._slots = threading.BoundedSemaphore(self.settings.parallel_sources)
        with self._slots:
            yield

    def crawler(self) -> CrawlService:
        """The run's crawler process (started at its first job, shared by the run's units)."""
        with self._pool_lock:
            if self._crawler is None:
                self._crawler = CrawlService(self.workdir, self.replay, self.user_agent, self.settings.allow_addresses)
            return self._crawler

    def other_indexes(self) -> OtherIndexes:
        """Other sources' indexes, read once for the run and again only when they change."""
        with self._pool_lock:
            if self._others is None:
                self._others = OtherIndexes(self.lake)
            return self._others

    def cleanup(self) -> None:
        if self._crawler is not None:
            self._crawler.close()
            self._crawler = None
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def run_date(self) -> date:
        return self.started_at.date()
