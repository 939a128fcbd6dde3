"""prefect.yaml names real flows, valid schedules, and freezes nothing at deploy time."""
import importlib

import yaml
from prefect import Flow
from prefect.client.schemas.schedules import CronSchedule

from conftest import REPO


def test_deployments_point_at_flows_with_valid_cron():
    text = (REPO / "prefect.yaml").read_text()
    assert "{{" not in text, "a {{ $VAR }} is filled in at deploy time, not when the run starts"
    config = yaml.safe_load(text)
    assert config["deployments"] and not config.get("pull")
    names = set()
    for deployment in config["deployments"]:
        module_path, _, name = deployment["entrypoint"].partition(":")
        flow = getattr(importlib.import_module(module_path), name)
        assert isinstance(flow, Flow)
        names.add(f"{flow.name}/{deployment['name']}")
        assert set(deployment.get("parameters", {})) <= set(flow.parameters.properties)
        for schedule in deployment.get("schedules", []):
            CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])  # raises when invalid
            assert schedule["timezone"] == "Asia/Jakarta"
    # what the fan-out flows start, and what runs on a schedule
    assert {"ingest-source/ingest-source", "backfill-source/backfill-source", "ingest/ingest-hourly",
            "compact/compact-daily", "cluster/cluster-daily", "vacuum/vacuum-daily", "reprocess/reprocess"} <= names


def test_kabar_serve_serves_what_prefect_yaml_declares():
    from flows.serve import deployments_of

    served = {d.name: d for d in deployments_of()}
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    assert set(served) == {d["name"] for d in config["deployments"]}
    assert [s.schedule.cron for s in served["ingest-hourly"].schedules] == ["7 * * * *"]
    assert served["ingest-hourly"].parameters == {"fan_out": False} and not served["backfill"].schedules
