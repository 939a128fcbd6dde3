"""How long `kabar report` takes over the demo lake (target: under 10 s), the whole
command as an operator runs it, with and without the PNG (Chromium).

    python bench/report.py [--lake L] [--runs 5]

Without --lake it first fills a temporary lake with `kabar demo`. Prints the median and
the range of the runs, each measured in turn under the same machine load.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def kabar(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", help="a lake to report on (default: a fresh demo lake)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kabar-report-bench-") as scratch:
        lake = args.lake or f"{scratch}/lake"
        if not args.lake:
            print(f"demo lake: {kabar('demo', '--lake', lake):.1f} s to fill", flush=True)
        out = f"{scratch}/report.html"
        for label, extra in (("HTML and PNG", ()), ("HTML only", ("--no-png",))):
            times = [kabar("report", "--lake", lake, "--out", out, "--to", "2026-11-26", *extra) for _ in range(args.runs)]
            print(f"kabar report, {label}: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs; target < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
