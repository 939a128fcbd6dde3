"""A run's context: its id and start, the settings it runs with, its lake, the leases it
takes, and a scratch directory for crawl files made when first needed."""
from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from flows.settings import Settings
from storage.lake import Lake
from storage.lease import Lease, Leases


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def source_lease(source_id: str) -> str:
    """The lease a writer of one source's rows holds: one writer per source at a time."""
    return f"source-{source_id}"


@dataclass
class RunContext:
    run_id: str
    flow: str
    started_at: datetime
    lake_root: str
    replay: str | None
    settings: Settings = field(default_factory=Settings)
    sources_dir: Path = field(default_factory=lambda: Settings().sources_dir)
    _workdir: Path | None = None
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False, compare=False)
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def start(cls, flow: str, lake: str | None, replay: str | None, sources_dir: str | None,
              settings: Settings | None = None, run_id: str | None = None) -> "RunContext":
        """A new run of `flow`; `lake` and `sources_dir` None mean the configured ones,
        `replay` None the configured one and "" none. `run_id` joins an existing run (a
        parent flow's, when each source is its own flow run)."""
        settings = settings or Settings.from_env()
        now = utc_now()
        ctx = cls(run_id=run_id or new_run_id(now), flow=flow, started_at=now,
                  lake_root=settings.lake if lake is None else lake, replay=settings.replay_or_default(replay),
                  settings=settings, sources_dir=Path(sources_dir) if sources_dir else settings.sources_dir)
        settings.open_lake(ctx.lake_root)  # an empty lake is an error here, before any network work
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

    def lease(self, name: str) -> Lease:
        """Take a lease (waiting as the settings say); raises storage.lease.LeaseBusy."""
        lake = self.lake
        return Leases(lake.files, self.settings.s3).acquire(name, self.owner, self.settings.lease_ttl,
                                                           self.settings.lease_wait)

    @property
    def workdir(self) -> Path:
        """The run's scratch directory for crawl files, made when a crawl first needs it."""
        if self._workdir is None:
            self._workdir = Path(tempfile.mkdtemp(prefix="kabar-run-"))
        return self._workdir

    def extract_pool(self) -> ProcessPoolExecutor | None:
        """The run's pool of extraction processes (KABAR_EXTRACT_PROCESSES), started when
        first needed and shared by the run's units; None: extract in the calling thread."""
        if self.settings.extract_processes < 1:
            return None
        with self._pool_lock:
            if self._pool is None:  # spawned, not forked: the flow process runs threads
                self._pool = ProcessPoolExecutor(self.settings.extract_processes, mp_context=get_context("spawn"))
            return self._pool

    def cleanup(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    @property
    def run_date(self) -> date:
        return self.started_at.date()
