"""Scale-out: two Prefect workers on one machine split the sources of one ingest run, with
the lake on an S3 server (moto, on 127.0.0.1) and the outlets replayed from the mirror.

    python bench/scaleout.py

Starts a Prefect server, deploys prefect.yaml, starts workers w1 and w2 of the pool, runs
the hourly ingest deployment with fan_out=true (each source a flow run any worker may
take), then reads the lake back: which worker ran which sources, how many articles each
wrote, the total against the mirror's manifest, and how many article ids are doubled.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyarrow.fs as pafs
from moto.server import ThreadedMotoServer

from flows.settings import Settings
from spiders.mirror_server import DEFAULT_MIRROR, MirrorServer
from tools.prefect_server import PrefectServer

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    manifest = json.loads((DEFAULT_MIRROR / "manifest.json").read_text(encoding="utf-8"))
    expected = sum(a["in_feeds"] for a in manifest["articles"])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    s3 = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
          "KABAR_S3_ENDPOINT": f"http://{host}:{port}"}
    pafs.S3FileSystem(endpoint_override=f"{host}:{port}", scheme="http", region="us-east-1", access_key="bench",
                      secret_key="bench", allow_bucket_creation=True).create_dir("lake")
    lake_root = "s3://lake/scaleout"
    home = Path(tempfile.mkdtemp(prefix="kabar-scaleout-"))
    server = PrefectServer(home).start()
    try:
        assert server.prefect("work-pool", "create", "kabar-process", "--type", "process").returncode == 0
        deployed = server.prefect("--no-prompt", "deploy", "--all", cwd=REPO)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        with MirrorServer() as mirror:
            for name in ("w1", "w2"):
                server.worker(name, cwd=home, limit=4, KABAR_LAKE=lake_root, KABAR_REPLAY=mirror.url, **s3)
            started = time.monotonic()
            state = server.run_deployment("ingest/ingest-hourly", "fan_out=true")
            wall = time.monotonic() - started
        os.environ.update(s3)
        lake = Settings.from_env().open_lake(lake_root)
        by_worker: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for row in lake.read("runs", ["worker", "source", "written"]).to_pylist():
            by_worker[row["worker"]].append((row["source"], row["written"]))
        ids = lake.read("articles", ["article_id"]).column("article_id").to_pylist()
    finally:
        server.stop()
        moto.stop()
    print(f"ingest run with fan_out: {state} in {wall:.1f} s wall (lake {lake_root} on a moto S3 server)")
    for worker, units in sorted(by_worker.items()):
        print(f"  {worker}: {len(units)} sources, {sum(w for _, w in units)} articles: "
              + ", ".join(f"{s} {w}" for s, w in sorted(units)))
    doubled = len(ids) - len(set(ids))
    print(f"workers={len(by_worker)} total={len(set(ids))} manifest={expected} doubled={doubled}")
    return 0 if state == "Completed" and len(set(ids)) == expected and not doubled and len(by_worker) == 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
