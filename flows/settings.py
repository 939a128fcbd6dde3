"""Settings: every environment variable kabar reads, read here once, typed, and passed
down. Nothing else in kabar reads the environment (the AWS SDK reads its own credentials;
Prefect reads its own PREFECT_* variables). `VARIABLES` is the one table of them;
docs/operations.md shows it (a test keeps the two equal)."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from spiders.http import user_agent
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
)
# Prefect's own settings that kabar defaults when the operator has not set them.
PREFECT_DEFAULTS = (
    Variable("PREFECT_SERVER_ANALYTICS_ENABLED", "false", "no analytics from a temporary Prefect server"),
    Variable("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90",
             "how long a run waits for its temporary Prefect server on a busy machine"),
)


@dataclass(frozen=True)
class Settings:
    lake: str = DEFAULT_LAKE
    replay: str | None = None
    contact: str | None = None
    s3: S3Options = S3Options()
    raw_retention_days: int = 365

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        def get(name: str) -> str:
            return environ.get(name) or next(v.default for v in VARIABLES if v.name == name)

        retention = get("KABAR_RAW_RETENTION_DAYS")
        try:
            retention_days = int(retention)
        except ValueError:
            raise SettingsError(f"KABAR_RAW_RETENTION_DAYS must be a whole number of days, got {retention!r}") from None
        return cls(
            lake=environ.get("KABAR_LAKE", DEFAULT_LAKE), replay=get("KABAR_REPLAY") or None,
            contact=get("KABAR_CONTACT") or None,
            s3=S3Options(endpoint=get("KABAR_S3_ENDPOINT") or get("AWS_ENDPOINT_URL") or None,
                         region=get("AWS_DEFAULT_REGION")),
            raw_retention_days=retention_days,
        )

    @property
    def user_agent(self) -> str:
        return user_agent(self.contact)

    def open_lake(self, root: str | None = None) -> Lake:
        """The lake at `root` (default: the configured one), with these S3 options."""
        return Lake(self.lake if root is None else root, self.s3)

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
