"""Crash safety: SIGKILL at random points of ingest, backfill and compact, on one lake.

    python bench/crash.py [--trials 30] [--seed 1]

Cycles on a fresh lake each: ingest, ingest, backfill, backfill, compact, each started
against the offline mirror, killed (its whole process group) at a random moment once it
is past start-up (it holds a source's lease), and every Parquet file of the lake read
back (a killed writer must leave no torn file where readers look). Then each command
runs once more to the end, and the lake must hold exactly the mirror's articles for what
was run (lost), none twice (doubled), and no staging file or scratch directory of a
killed run (stray). A run that finishes before its kill counts as no trial.
Ends with one line: trials=N failures=F lost=L doubled=D unreadable=U stray=S.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from flows.context import SCRATCH_PREFIX
from storage.filesystem import process_alive
from spiders.mirror_server import DEFAULT_MIRROR, MirrorServer

REPO = Path(__file__).resolve().parent.parent
BACKFILL = ["--source", "detik", "--source", "tribunnews", "--from", "2026-11-13", "--to", "2026-11-26"]
WORK_SECONDS = {"ingest": 5.0, "backfill": 25.0, "compact": 1.0}  # how long each works after start-up, about


def command(kind: str, lake: Path, mirror: str) -> list[str]:
    base = [sys.executable, "-m", "flows.cli", kind, "--lake", str(lake)]
    return base + {"ingest": ["--replay", mirror], "backfill": BACKFILL + ["--replay", mirror], "compact": []}[kind]


def working(lake: Path) -> bool:
    """Past start-up: some lease in the lake is held."""
    for path in (lake / "_leases").glob("*.json"):
        try:
            if json.loads(path.read_text())["expires_at"] > time.time():
                return True
        except (OSError, ValueError, KeyError):
            continue
    return False


def unreadable(lake: Path) -> list[str]:
    bad = []
    for path in lake.rglob("*.parquet"):
        if path.name.startswith((".", "_")):
            continue
        try:
            pq.read_table(path)
        except Exception as exc:  # noqa: BLE001 -- any failure to read is what we count
            bad.append(f"{path}: {type(exc).__name__}")
    return bad


def trial(kind: str, lake: Path, mirror: str, env: dict, rng: random.Random) -> str:
    """Start, wait for work, kill at a random moment: 'killed' or 'finished first'."""
    proc = subprocess.Popen(command(kind, lake, mirror), cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while proc.poll() is None and not working(lake) and time.time() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, WORK_SECONDS[kind]))
    if proc.poll() is not None:
        return "finished first"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return "killed"


def check(lake: Path, expected: set[str]) -> dict[str, int]:
    """After a cycle's final runs: what was lost, doubled, unreadable or left stray."""
    import duckdb

    rows = duckdb.sql(f"SELECT url, article_id FROM read_parquet('{lake}/articles/**/*.parquet')").fetchall()
    stray = [str(p) for p in lake.rglob(".*.tmp")]
    stray += [str(p) for p in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*")
              if p.name[len(SCRATCH_PREFIX):].split("-", 1)[0].isdigit()
              and not process_alive(int(p.name[len(SCRATCH_PREFIX):].split("-", 1)[0]))]
    for what in stray:
        print("   stray", what)
    return {"lost": len(expected - {u for u, _ in rows}), "doubled": len(rows) - len({a for _, a in rows}),
            "unreadable": len(unreadable(lake)), "stray": len(stray)}


# One cycle on a fresh lake: each kind killed while it has work to do, then each run to the end.
CYCLE = ["ingest", "ingest", "backfill", "backfill", "compact"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30, help="SIGKILLs to make (default 30)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kabar-crash-"))
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "KABAR_LEASE_TTL_SECONDS": "5"}
    manifest = json.loads((DEFAULT_MIRROR / "manifest.json").read_text(encoding="utf-8"))
    sources = {a for a in BACKFILL if not a.startswith("-") and not a[0].isdigit()}
    expected = {a["url"] for a in manifest["articles"]
                if a["in_feeds"] or (a["source"] in sources and "2026-11-13" <= a["published_date"] <= "2026-11-26")}
    killed = failures = torn = 0
    totals = {"lost": 0, "doubled": 0, "unreadable": 0, "stray": 0}
    with MirrorServer() as mirror:
        cycle = 0
        while killed < args.trials:
            cycle += 1
            lake = work / f"lake{cycle}"
            for kind in CYCLE:
                outcome = trial(kind, lake, mirror.url, env, rng)
                bad = unreadable(lake)
                torn += len(bad)
                killed += outcome == "killed"
                print(f"cycle {cycle} {kind:8} {outcome:14} unreadable {len(bad)}", flush=True)
            for kind in ("ingest", "backfill", "compact"):  # each once more, to the end
                done = subprocess.run(command(kind, lake, mirror.url), cwd=REPO, env=env, capture_output=True, text=True)
                failures += done.returncode != 0
                if done.returncode:
                    print(f"final {kind} exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
            found = check(lake, expected)
            print(f"cycle {cycle} after the final runs: {found}", flush=True)
            for key, value in found.items():
                totals[key] += value
    print(f"trials={killed} failures={failures} lost={totals['lost']} doubled={totals['doubled']} "
          f"unreadable={torn + totals['unreadable']} stray={totals['stray']}")
    return 0 if not (failures or torn or any(totals.values())) else 1


if __name__ == "__main__":
    raise SystemExit(main())
