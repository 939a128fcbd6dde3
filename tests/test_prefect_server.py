"""kabar as deployed on a real Prefect server (`pytest -k "prefect and server"`):
`prefect deploy --all` from prefect.yaml with no KABAR_* variable at deploy time, process
workers whose environment names the lake and the mirror, and runs of the deployments."""
import os
import subprocess
import sys
import time

import duckdb
import pytest

from conftest import REPO, open_lake
from lake_checks import assert_lake_matches_manifest, assert_mirror_clusters, feed_articles
from tools.prefect_server import PrefectServer
from flows.settings import Settings
from spiders.mirror_server import MirrorServer
from spiders.registry import SOURCES_DIR
from storage.lease import Leases

pytestmark = pytest.mark.slow


S3_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "KABAR_S3_ENDPOINT")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, s3_endpoint):
    home = tmp_path_factory.mktemp("prefect-server")
    server = PrefectServer(home).start()
    try:
        created = server.prefect("work-pool", "create", "kabar-process", "--type", "process")
        assert created.returncode == 0, created.stdout + created.stderr
        deployed = server.prefect("--no-prompt", "deploy", "--all", cwd=REPO)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        with MirrorServer() as mirror:
            lake = home / "lake"
            elsewhere = tmp_path_factory.mktemp("worker-cwd")  # the workers run from no checkout
            s3 = {k: os.environ[k] for k in S3_VARIABLES}  # the moto server, for runs on an s3:// lake
            for name in ("w1", "w2"):
                server.worker(name, cwd=elsewhere, limit=1, KABAR_LAKE=str(lake), KABAR_REPLAY=mirror.url, **s3)
            yield server, mirror, lake
    finally:
        server.stop()


def rows(sql: str) -> list[tuple]:
    return duckdb.sql(sql).fetchall()


def test_prefect_server_runs_the_deployments_as_documented(deployed, manifest):
    server, mirror, lake = deployed
    assert server.run_deployment("ingest/ingest-hourly") == "Completed"
    assert_lake_matches_manifest(lake, manifest)
    pages = sum(mirror.page_hits.values())
    assert server.run_deployment("ingest/ingest-hourly") == "Completed"
    written = rows(f"SELECT run_id, sum(written) FROM read_parquet('{lake}/runs/**/*.parquet') GROUP BY ALL ORDER BY 1")
    assert [w for _, w in written] == [len(feed_articles(manifest)), 0]
    assert sum(mirror.page_hits.values()) == pages, "the second run fetched article pages"
    artifact = server.artifact("ingest-run")
    assert "all ok" in artifact and str(lake) in artifact

    assert server.run_deployment("compact/compact-daily") == "Completed"
    assert_lake_matches_manifest(lake, manifest)
    assert server.run_deployment("cluster/cluster-daily", "window_end=2026-11-26") == "Completed"
    assert_mirror_clusters(lake, manifest, "2026-11-26")

    # cron on the same machine: the CLI against the running server (no temporary API)
    started = time.monotonic()
    cron = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "--lake", str(lake), "--replay", mirror.url],
                          env=server.env(), capture_output=True, text=True, timeout=300)
    assert cron.returncode == 0, cron.stdout + cron.stderr
    assert "Starting temporary server" not in cron.stdout + cron.stderr
    print(f"unchanged ingest against a running server: {time.monotonic() - started:.1f} s wall")


def test_prefect_server_run_with_a_source_down_fails_and_names_it(deployed, tmp_path):
    server, _, _ = deployed
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "kompas.toml").write_text((SOURCES_DIR / "kompas.toml").read_text())
    (sources / "hilang.toml").write_text(  # an outlet whose server is down: the mirror does not serve its host
        'id = "hilang"\nname = "Hilang"\nhomepage = "https://hilang.example/"\ntimezone = "Asia/Jakarta"\n'
        'language = "id"\nhosts = ["hilang.example"]\n[[feeds]]\nurl = "https://hilang.example/rss"\n')
    lake = tmp_path / "lake"
    assert server.run_deployment("ingest/ingest-hourly", f"sources_dir={sources}", f"lake={lake}") == "Failed"
    artifact = server.artifact("ingest-run")
    assert "hilang failed" in artifact and "https://hilang.example/rss" in artifact
    assert rows(f"SELECT source, status, written FROM read_parquet('{lake}/runs/**/*.parquet') ORDER BY 1") == [
        ("hilang", "failed", 0), ("kompas", "ok", 10)]


@pytest.mark.parametrize("where", ["local", "s3"])
def test_prefect_server_two_runs_of_one_source_on_two_workers_write_once(deployed, tmp_path, manifest, where):
    server, mirror, _ = deployed
    root = str(tmp_path / "lake") if where == "local" else f"s3://lake/{tmp_path.name}"
    lake = open_lake(root)
    before = dict(mirror.page_hits)
    held = Leases(lake.files, Settings.from_env().s3).acquire("source-kompas", "the test", ttl=60, wait=0)
    for _ in range(2):
        server.start_run("ingest-source/ingest-source", "source=kompas", f"lake={root}")
    time.sleep(10)  # both flow runs start on their workers and come to the lease
    held.release()
    deadline = time.time() + 300
    while time.time() < deadline and lake.read("runs", ["run_id"]).num_rows < 2:
        time.sleep(1)
    runs = sorted(lake.read("runs", ["worker", "written", "discovered", "waited_seconds", "status"]).to_pylist(),
                  key=lambda r: -r["written"])
    assert len(runs) == 2 and {r["worker"] for r in runs} == {"w1", "w2"}, runs
    first, second = runs
    assert (first["written"], second["written"], second["discovered"], second["status"]) == (10, 0, 0, "ok"), runs
    assert all(r["waited_seconds"] > 0 for r in runs), runs  # both waited for the lease; the second found nothing new
    kompas = [a["url"].split("://", 1)[1] for a in manifest["articles"] if a["source"] == "kompas" and a["in_feeds"]]
    fetched = {k: sum(n - before.get(key, 0) for key, n in mirror.page_hits.items() if key.split("?")[0] == k) for k in kompas}
    assert set(fetched.values()) == {1}, f"a page was fetched twice: {fetched}"
    assert lake.read("raw_pages", ["url"]).num_rows == 10


def test_prefect_server_fan_out_spreads_sources_over_the_workers(deployed, tmp_path, manifest):
    server, _, _ = deployed
    lake = tmp_path / "lake"
    state = server.run_deployment("ingest/ingest-hourly", "fan_out=true", f"lake={lake}")
    # a per-source run that failed on its worker says why in its report (in `runs`)
    failed = rows(f"SELECT source, status, error FROM read_parquet('{lake}/runs/**/*.parquet') WHERE error IS NOT NULL") \
        if state != "Completed" and (lake / "runs").exists() else []
    assert state == "Completed", failed
    assert_lake_matches_manifest(lake, manifest)
    units = rows(f"SELECT source, count(*) FROM read_parquet('{lake}/runs/**/*.parquet') GROUP BY ALL")
    assert len(units) == len({a["source"] for a in manifest["articles"]}) and all(n == 1 for _, n in units)
