"""Status: per source, its feeds and sitemaps (ok, backing off, retired) and its last run
within a number of days (runs are read from those days' partitions only: the table grows
every hour)."""
from __future__ import annotations

from datetime import date, timedelta

import pyarrow.dataset as ds

from flows.context import source_lease
from flows.ingest import source_state_name
from storage.lake import Lake
from storage.lease import Leases


def endpoint_state(record: dict) -> str:
    if record.get("retired"):
        return f"RETIRED {record['retired']['at'][:10]}: {record['retired']['reason']}"
    if record.get("next_attempt"):
        return (f"backing off until {record['next_attempt'][:16]} after {record['consecutive_failures']} failures: "
                f"{record.get('last_error')}")
    return f"ok, last success {(record.get('last_success') or 'never')[:16]}"


def source_status(lake: Lake, source_ids: list[str], days: int, today: date, leases: Leases | None = None) -> list[dict]:
    """One dict per source: `last_run` (or None), `endpoints` [{url, state}], and `lease`:
    who is writing it now (None when no run holds its lease)."""
    runs = lake.read("runs", ["source", "flow", "status", "finished_at", "written", "error"],
                     ds.field("run_date") >= today - timedelta(days=days)).to_pylist()
    last_run = {}
    for r in sorted(runs, key=lambda r: r["finished_at"]):
        last_run[r["source"]] = r
    out = []
    for sid in source_ids:
        endpoints = lake.read_state(source_state_name(sid)).get("endpoints", {})
        holder = leases.holder(source_lease(sid)) if leases else None
        out.append({"source": sid, "last_run": last_run.get(sid), "lease": holder.describe() if holder else None,
                    "endpoints": [{"url": url, "state": endpoint_state(rec)} for url, rec in sorted(endpoints.items())]})
    return out
