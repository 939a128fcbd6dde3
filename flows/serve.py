"""`kabar serve`: the deployments and schedules of prefect.yaml, served by this one process
(Prefect's `serve`), for those who prefer one long-running process to a server plus
workers. The runs it starts read their settings from this process's environment."""
from __future__ import annotations

import importlib
from pathlib import Path

import yaml

PREFECT_YAML = Path(__file__).resolve().parent.parent / "prefect.yaml"


def deployments_of(config: Path = PREFECT_YAML) -> list:
    """Runner deployments for every deployment of a prefect.yaml, with its active schedules."""
    from prefect.schedules import Cron

    out = []
    for d in yaml.safe_load(config.read_text(encoding="utf-8"))["deployments"]:
        module, _, name = d["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(module), name)
        schedules = [Cron(s["cron"], timezone=s["timezone"]) for s in d.get("schedules", []) if s.get("active", True)]
        out.append(flow.to_deployment(name=d["name"], description=d.get("description"), parameters=d.get("parameters"),
                                      schedules=schedules or None, concurrency_limit=d.get("concurrency_limit")))
    return out


def serve_schedules(config: Path = PREFECT_YAML) -> None:
    from prefect import serve

    serve(*deployments_of(config))
