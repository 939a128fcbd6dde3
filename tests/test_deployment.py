"""prefect.yaml names real flows and valid schedules."""
import importlib

import yaml
from prefect import Flow
from prefect.client.schemas.schedules import CronSchedule

from conftest import REPO


def test_deployments_point_at_flows_with_valid_cron():
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    assert config["deployments"]
    for deployment in config["deployments"]:
        module_path, _, name = deployment["entrypoint"].partition(":")
        module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, name)
        assert isinstance(flow, Flow)
        assert set(deployment["parameters"]) <= set(flow.parameters.properties)
        for schedule in deployment.get("schedules", []):
            CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])  # raises when invalid
            assert schedule["timezone"] == "Asia/Jakarta"
