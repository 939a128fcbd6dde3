"""Scale-out: each source of a run as a flow run of its own deployment, so that every
worker of the work pool, on any machine, can take some. The parent waits for them and
reads what they did from the lake (`runs` and `rejects` rows of its run id): results
stay with the data, not in one worker's local result storage."""
from __future__ import annotations

import time
from collections import Counter, defaultdict

import pyarrow.dataset as ds

from flows.context import RunContext
from spiders.registry import SOURCES_DIR
from transforms.records import UnitStatus

POLL_SECONDS = 2.0


class FanOutUnavailable(RuntimeError):
    """fan_out was asked for where its deployments cannot be run."""
REPORT_FIELDS = ("status", "feeds_polled", "feeds_not_modified", "discovered", "skipped_known", "fetched", "written",
                 "updated", "rejected", "error", "worker", "waited_seconds")


def run_per_source(ctx: RunContext, deployment: str, per_source: dict[str, dict]) -> list[dict]:
    """Start one flow run of `deployment` per source (parameters: the run's lake, replay,
    run id, and the source's own), wait for all of them, return their reports."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    common = {"lake": ctx.lake_root, "replay": ctx.replay or "", "run_id": ctx.run_id,
              "sources_dir": None if ctx.sources_dir == str(SOURCES_DIR) else ctx.sources_dir}
    try:
        started = {sid: run_deployment(deployment, parameters={**common, **params}, timeout=0, as_subflow=True)
                   for sid, params in per_source.items()}
    except ObjectNotFound:
        raise FanOutUnavailable(f"fan_out needs the {deployment} deployment on a Prefect server "
                           "(PREFECT_API_URL; prefect deploy --all) and workers of its pool") from None
    final = {}
    with get_client(sync_client=True) as client:
        while len(final) < len(started):
            for sid, run in started.items():
                if sid not in final:
                    state = client.read_flow_run(run.id).state
                    if state is not None and state.is_final():
                        final[sid] = (run.name, state)
            if len(final) < len(started):
                time.sleep(POLL_SECONDS)
    return reports_of_run(ctx, {sid: f"flow run {name} ended {state.name}: {state.message}"
                                for sid, (name, state) in final.items()})


def reports_of_run(ctx: RunContext, missing_why: dict[str, str]) -> list[dict]:
    """The run's reports as its units wrote them to `runs` (reject reasons and failed feeds
    from `rejects`); a source with no row failed before writing it, for `missing_why`."""
    lake = ctx.lake
    this_run = (ds.field("run_id") == ctx.run_id) & (ds.field("run_date") >= ctx.run_date)
    rows = lake.read("runs", ["run_id", "source", "day", *REPORT_FIELDS], this_run).to_pylist()
    rejects = lake.read("rejects", ["source", "url", "stage", "reason", "detail"], this_run).to_pylist()
    reasons: dict[str, Counter] = defaultdict(Counter)
    feeds: dict[str, list[str]] = defaultdict(list)
    for r in rejects:
        reasons[r["source"]][r["reason"]] += 1
        if r["stage"] == "discover" and r["reason"].endswith("_error"):
            feeds[r["source"]].append(f"{r['url']}: {r['detail']}")
    reports = [{**row, "day": row["day"].isoformat() if row["day"] else None,
                "reject_reasons": dict(reasons[row["source"]]), "failed_feeds": feeds[row["source"]]} for row in rows]
    for sid, why in missing_why.items():
        if not any(r["source"] == sid for r in reports):
            reports.append({"run_id": ctx.run_id, "source": sid, "day": None, "status": UnitStatus.FAILED,
                            **{k: 0 for k in REPORT_FIELDS if k not in ("status", "error", "worker", "waited_seconds")},
                            "error": why, "worker": None, "waited_seconds": 0.0, "reject_reasons": {}, "failed_feeds": []})
    return sorted(reports, key=lambda r: (r["source"], r["day"] or ""))
