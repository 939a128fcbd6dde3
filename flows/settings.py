"""Settings: every environment variable kabar reads, read here once, typed, and passed
down. Nothing else in kabar reads the environment (the AWS SDK reads its own credentials;
Prefect reads its own PREFECT_* variables). `VARIABLES` is the one table of them;
docs/operations.md shows it (a test keeps the two equal)."""
from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

from spiders.addresses import AddressPolicy
from spiders.http import user_agent
from spiders.registry import SOURCES_DIR
from storage.filesystem import S3Options
from storage.lake import DEFAULT_LAKE, Lake


class SettingsError(ValueError):
    """A variable with a value kabar cannot use; the message names it."""


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str


VARIABLES = (
    Variable("KABAR_LAKE", DEFAULT_LAKE, "the lake: a local path or `s3://bucket/prefix` (every command's `--lake`)"),
    Variable("KABAR_REPLAY", "", "a mirror URL (`http://127.0.0.1:PORT`) that all outlet traffic goes to instead "
                                 "of the outlets (`--replay`)"),
    Variable("KABAR_CONTACT", "", "an operator e-mail or URL, sent in the User-Agent: set it before crawling real sites"),
    Variable("KABAR_S3_ENDPOINT", "", "an S3-compatible endpoint (`host:port` or a URL) for an `s3://` lake"),
    Variable("AWS_ENDPOINT_URL", "", "the endpoint when `KABAR_S3_ENDPOINT` is not set"),
    Variable("AWS_DEFAULT_REGION", "us-east-1", "the S3 region (credentials: the AWS SDK's own `AWS_*` chain)"),
    Variable("KABAR_RAW_RETENTION_DAYS", "365", "days of raw pages `kabar vacuum` keeps (its `--keep-days`)"),
    Variable("KABAR_ALLOW_ADDRESSES", "", "networks outside the public internet that kabar may still connect to, "
                                        "comma-separated (e.g. an internal proxy; `127.0.0.1/32` for tests)"),
    Variable("KABAR_SOURCES_DIR", "", "directories of source files (`:`-separated, like PATH) added to the built-in "
             "`spiders/sources/` (every command's `--sources-dir`)"),
    Variable("KABAR_SOURCES_REPLACE", "0", "`1`: the directories of `KABAR_SOURCES_DIR` replace the built-in sources "
             "instead of adding to them (`--replace-sources`)"),
    Variable("KABAR_WORKER", "", "this worker's name in `runs.worker` and in leases (default: host name and process id)"),
    Variable("KABAR_LEASE_TTL_SECONDS", "120", "how long a source's lease lasts unless its holder renews it "
                                             "(a killed holder's lease frees after this)"),
    Variable("KABAR_LEASE_WAIT_SECONDS", "300", "how long a unit waits for a source's lease held by another run "
                                              "before it is skipped as `busy`"),
    Variable("KABAR_EXTRACT_PROCESSES", "auto", "extract pages in this many processes (`auto`: one per core; 0: in "
                                              "the flow's own thread)"),
    Variable("KABAR_PARALLEL_SOURCES", "4", "sources a run works on side by side (each source's days in order; "
                                          "one request at a time per host whatever this says)"),
    Variable("KABAR_WRITE_BATCH_ROWS", "1000", "article rows a backfill gathers per source before it writes them "
                                             "(whole days; the days are marked done only once written; a run's "
                                             "raw pages are merged into one file per partition at the end)"),
    Variable("KABAR_MAX_FEED_ENTRIES", "1000", "entries taken from one feed or sitemap in a run; the rest are "
                                             "rejected as `over_feed_cap`"),
    Variable("KABAR_MAX_CANDIDATES", "2000", "new article pages fetched per source and run; the rest wait for the "
                                           "next run (`over_run_cap`)"),
    Variable("KABAR_FETCH_DEADLINE_SECONDS", "60", "how long one feed, sitemap or index page may take in all "
                                                 "(a server that drips a byte at a time is cut off)"),
    Variable("KABAR_PREFECT_HISTORY_DAYS", "14", "without a Prefect server: days of flow runs the temporary "
                                               "server's database in PREFECT_HOME keeps (older ones are deleted)"),
)
# Prefect's own settings that kabar defaults when the operator has not set them.
PREFECT_DEFAULTS = (
    Variable("PREFECT_SERVER_ANALYTICS_ENABLED", "false", "no analytics from a temporary Prefect server"),
    Variable("DO_NOT_TRACK", "1", "no usage data from Prefect's client either (and no banner about it on a terminal)"),
    Variable("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90",
             "how long a run waits for its temporary Prefect server on a busy machine"),
)


def _number(environ: Mapping[str, str], name: str, kind: type, minimum: float) -> float:
    text = environ.get(name) or next(v.default for v in VARIABLES if v.name == name)
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise SettingsError(f"{name} must be a {'whole ' if kind is int else ''}number of at least {minimum}, got {text!r}")
    return value


def _flag(environ: Mapping[str, str], name: str) -> bool:
    text = (environ.get(name) or "0").strip().lower()
    if text not in ("0", "1", "true", "false", "yes", "no"):
        raise SettingsError(f"{name} must be 1 or 0, got {text!r}")
    return text in ("1", "true", "yes")


def sources_path(user_dirs: str, replace: bool) -> str:
    """The built-in sources' directory followed by the operator's, or the operator's alone."""
    dirs = [d for d in user_dirs.split(os.pathsep) if d]
    if replace and not dirs:
        raise SettingsError("KABAR_SOURCES_REPLACE (--replace-sources) needs KABAR_SOURCES_DIR (--sources-dir)")
    return os.pathsep.join(dirs if replace else [str(SOURCES_DIR), *dirs])


def _networks(text: str) -> tuple[str, ...]:
    networks = tuple(n.strip() for n in text.split(",") if n.strip())
    try:
        AddressPolicy.allowing(networks)
    except ValueError as exc:
        raise SettingsError(f"KABAR_ALLOW_ADDRESSES must be comma-separated networks (10.0.0.0/8, 127.0.0.1): {exc}") from None
    return networks


@dataclass(frozen=True)
class Settings:
    lake: str = DEFAULT_LAKE
    replay: str | None = None
    contact: str | None = None
    s3: S3Options = S3Options()
    raw_retention_days: int = 365
    sources_dir: str = str(SOURCES_DIR)  # a sources path: directories, os.pathsep-separated
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    lease_ttl: float = 120.0
    lease_wait: float = 300.0
    extract_processes: int = 0
    parallel_sources: int = 4
    write_batch_rows: int = 1000
    prefect_history_days: float = 14.0
    allow_addresses: tuple[str, ...] = ()
    max_feed_entries: int = 1000
    max_candidates: int = 2000
    fetch_deadline: float = 60.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        def get(name: str) -> str:
            return environ.get(name) or next(v.default for v in VARIABLES if v.name == name)

        lake = environ.get("KABAR_LAKE", DEFAULT_LAKE)
        if not lake.strip():
            raise SettingsError("KABAR_LAKE is set but empty: give a local path or s3://bucket/prefix")
        return cls(
            lake=lake, replay=get("KABAR_REPLAY") or None, contact=get("KABAR_CONTACT") or None,
            s3=S3Options(endpoint=get("KABAR_S3_ENDPOINT") or get("AWS_ENDPOINT_URL") or None,
                         region=get("AWS_DEFAULT_REGION")),
            raw_retention_days=int(_number(environ, "KABAR_RAW_RETENTION_DAYS", int, 1)),
            sources_dir=sources_path(get("KABAR_SOURCES_DIR"), _flag(environ, "KABAR_SOURCES_REPLACE")),
            worker=get("KABAR_WORKER") or f"{socket.gethostname()}:{os.getpid()}",
            lease_ttl=_number(environ, "KABAR_LEASE_TTL_SECONDS", float, 1),
            lease_wait=_number(environ, "KABAR_LEASE_WAIT_SECONDS", float, 0),
            extract_processes=(os.cpu_count() or 1) if (get("KABAR_EXTRACT_PROCESSES") or "auto") == "auto"
            else int(_number(environ, "KABAR_EXTRACT_PROCESSES", int, 0)),
            parallel_sources=int(_number(environ, "KABAR_PARALLEL_SOURCES", int, 1)),
            write_batch_rows=int(_number(environ, "KABAR_WRITE_BATCH_ROWS", int, 1)),
            prefect_history_days=_number(environ, "KABAR_PREFECT_HISTORY_DAYS", float, 0),
            allow_addresses=_networks(get("KABAR_ALLOW_ADDRESSES")),
            max_feed_entries=int(_number(environ, "KABAR_MAX_FEED_ENTRIES", int, 1)),
            max_candidates=int(_number(environ, "KABAR_MAX_CANDIDATES", int, 1)),
            fetch_deadline=_number(environ, "KABAR_FETCH_DEADLINE_SECONDS", float, 1),
        )

    @property
    def user_agent(self) -> str:
        return user_agent(self.contact)

    @property
    def address_policy(self) -> AddressPolicy:
        return AddressPolicy.allowing(self.allow_addresses)

    def open_lake(self, root: str | None = None) -> Lake:
        """The lake at `root` (default: the configured one), with these S3 options; an
        empty root is an error, never the current directory."""
        root = self.lake if root is None else root
        if not root or not root.strip():
            raise SettingsError("the lake is empty: give --lake or KABAR_LAKE (a local path or s3://bucket/prefix)")
        if root.startswith("s3://") and not root[len("s3://"):].split("/", 1)[0]:
            raise SettingsError(f"the lake {root!r} names no bucket: give s3://bucket/prefix")
        return Lake(root, self.s3)

    def replay_or_default(self, replay: str | None) -> str | None:
        """An explicit replay choice wins ("" means none); None falls back to KABAR_REPLAY."""
        return self.replay if replay is None else (replay or None)


def apply_prefect_defaults(environ: dict = os.environ) -> None:
    """Quiet, local defaults for Prefect unless the operator set their own."""
    for variable in PREFECT_DEFAULTS:
        environ.setdefault(variable.name, variable.default)


def variables_table() -> str:
    """The markdown table of every variable, as docs/operations.md shows it."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for v in VARIABLES + PREFECT_DEFAULTS:
        lines.append(f"| `{v.name}` | {f'`{v.default}`' if v.default else '—'} | {v.meaning} |")
    return "\n".join(lines)


if __name__ == "__main__":  # the table for docs/operations.md
    print(variables_table())
