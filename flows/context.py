"""A run's context: its id and start, the settings it runs with, its lake, and a scratch
directory for crawl files made when first needed."""
from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from flows.settings import Settings
from spiders.registry import SOURCES_DIR
from storage.lake import Lake


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class RunContext:
    run_id: str
    started_at: datetime
    lake_root: str
    replay: str | None
    settings: Settings = field(default_factory=Settings)
    sources_dir: Path = SOURCES_DIR
    _workdir: Path | None = None

    @classmethod
    def start(cls, lake: str, replay: str | None, sources_dir: str | None,
              settings: Settings | None = None) -> "RunContext":
        """A new run on `lake`; `replay` None means the configured one, "" none."""
        settings = settings or Settings.from_env()
        now = utc_now()
        return cls(run_id=new_run_id(now), started_at=now, lake_root=lake, replay=settings.replay_or_default(replay),
                   settings=settings, sources_dir=Path(sources_dir) if sources_dir else SOURCES_DIR)

    @property
    def lake(self) -> Lake:
        return self.settings.open_lake(self.lake_root)

    @property
    def user_agent(self) -> str:
        return self.settings.user_agent

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
