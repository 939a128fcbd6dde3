"""One writer per source: runs that meet on a source wait for its lease, and a killed
holder's lease expires (local disk and S3)."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import REPO, open_lake
from flows.settings import Settings
from storage.lease import Leases

pytestmark = pytest.mark.slow


def kabar_ingest(lake: str, mirror, home, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "--source", "kompas", "--lake", lake,
                             "--replay", mirror.url], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PREFECT_HOME": str(home), **env}, start_new_session=True)


def kompas_fetches(mirror, manifest) -> list[int]:
    """How often each of kompas's feed articles was fetched (any query, e.g. ?page=all)."""
    pages = [a["url"].split("://", 1)[1] for a in manifest["articles"] if a["source"] == "kompas" and a["in_feeds"]]
    return [sum(n for key, n in mirror.page_hits.items() if key.split("?")[0] == page) for page in pages]


def test_two_ingests_of_one_source_started_together_fetch_and_write_once(lake_root, mirror, manifest, tmp_path):
    lake = open_lake(lake_root)
    leases = Leases(lake.files, Settings.from_env().s3)
    held = leases.acquire("source-kompas", "the test, holding it while both runs start", ttl=300, wait=0)
    runs = [kabar_ingest(lake_root, mirror, tmp_path / f"prefect{i}") for i in (1, 2)]
    outputs, waiting = [[], []], [threading.Event(), threading.Event()]

    def read(i: int) -> None:
        for line in runs[i].stdout:
            outputs[i].append(line.decode(errors="replace"))
            if "waiting up to" in outputs[i][-1]:
                waiting[i].set()

    readers = [threading.Thread(target=read, args=(i,), daemon=True) for i in (0, 1)]
    for reader in readers:
        reader.start()
    # released once both runs say they wait for it (their start-up takes its own time under load)
    assert all(w.wait(240) for w in waiting), "".join(outputs[0] + outputs[1])
    held.release()
    for p, reader in zip(runs, readers):
        p.wait(timeout=300)
        reader.join(timeout=60)
    outputs = ["".join(lines) for lines in outputs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert kompas_fetches(mirror, manifest) == [1] * 10, "a page was fetched twice"
    assert lake.read("raw_pages").num_rows == 10
    units = sorted(lake.read("runs", ["written", "discovered", "waited_seconds"]).to_pylist(), key=lambda r: -r["written"])
    assert [(u["written"], u["discovered"]) for u in units] == [(10, 10), (0, 0)]
    assert all(u["waited_seconds"] > 0 for u in units)  # both waited, and their summaries say so
    assert all("waited" in out and "for its source's lease" in out for out in outputs), outputs
    articles = lake.read("articles", ["article_id"]).column("article_id").to_pylist()
    assert len(articles) == len(set(articles)) == 10


def test_a_killed_holders_lease_expires_and_the_next_run_proceeds(mirror, manifest, tmp_path, prefect_api, monkeypatch):
    lake_root = str(tmp_path / "lake")
    lease_file = tmp_path / "lake" / "_leases" / "source-kompas.json"
    holder = kabar_ingest(lake_root, mirror, tmp_path / "prefect", KABAR_LEASE_TTL_SECONDS="4")
    deadline = time.time() + 120
    while time.time() < deadline and not (lease_file.exists() and json.loads(lease_file.read_text())["expires_at"] > time.time()):
        time.sleep(0.05)
    os.killpg(holder.pid, signal.SIGKILL)  # the holder and its crawler, mid-unit
    holder.wait()
    assert json.loads(lease_file.read_text())["expires_at"] > time.time(), "killed while it held the lease"

    monkeypatch.setenv("KABAR_LEASE_TTL_SECONDS", "4")
    from flows.ingest import ingest

    (report,) = ingest(sources=["kompas"], lake=lake_root, replay=mirror.url)
    assert report["status"] == "ok" and report["waited_seconds"] <= 6  # at once: the dead holder was on this machine
    lake = open_lake(lake_root)
    articles = lake.read("articles", ["article_id"]).column("article_id").to_pylist()
    assert len(articles) == len(set(articles)) == 10
