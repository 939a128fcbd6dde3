"""Prefect's own history when kabar runs without a Prefect server: each command then starts
a temporary server on the SQLite database in PREFECT_HOME, which keeps every flow run,
task run and log line (about 0.3 MB per ingest run). After each run the CLI deletes the
flow runs older than KABAR_PREFECT_HISTORY_DAYS from it, so the database stops growing
(SQLite reuses the freed pages). kabar's own record of every run is the lake's `runs`
table; a long-running server has its own vacuum service instead."""
from __future__ import annotations

import os
from datetime import timedelta

from flows.context import utc_now

BATCH = 200


def without_server() -> bool:
    """Whether flows run on a temporary Prefect server (no PREFECT_API_URL configured)."""
    from prefect.settings import PREFECT_API_URL

    return not (os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value())


def prune_history(keep_days: float) -> int:
    """Delete flow runs that started more than `keep_days` ago (at most BATCH a call, so
    a long-neglected database is pruned over a few runs); how many were deleted."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime

    cutoff = utc_now() - timedelta(days=keep_days)
    with get_client(sync_client=True) as client:
        old = client.read_flow_runs(flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(before_=cutoff)),
                                    limit=BATCH)
        for run in old:
            client.delete_flow_run(run.id)
    return len(old)
