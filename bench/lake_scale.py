"""A lake of 1,000,000 articles written as kabar writes it (a backfill's batches through
the lake writer, each source's index kept up to date), then what a run asks of it:
DuckDB's count by source and day, and the known-article and exact-duplicate checks of
one source-day, measured in a process of their own for their memory."""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES, DAYS, BATCH_ROWS = 4, 365, 5000


def build_lake(root: Path, rows: int) -> float:
    """Write `rows` articles over SOURCES sources and DAYS days in batches of about
    BATCH_ROWS (a day's articles never split); returns the seconds it took."""
    from bench.lake_rows import SOURCES as NAMES, Bodies, day_rows
    from storage.index import SourceIndex
    from storage.lake import Lake

    lake, bodies, serial = Lake(str(root)), Bodies(), 0
    per_day = rows // (SOURCES * DAYS)
    start = time.perf_counter()
    for source in NAMES[:SOURCES]:
        index, batch = SourceIndex.load(lake, source), []
        for d in range(DAYS):
            batch += day_rows(source, date(2025, 1, 1) + timedelta(days=d), per_day, serial, bodies)
            serial += per_day
            if len(batch) >= BATCH_ROWS or d == DAYS - 1:
                lake.write_rows("articles", batch, key_of="article_id")
                index.record(batch)
                batch = []
    return time.perf_counter() - start


def duckdb_count(root: Path) -> tuple[float, int]:
    import duckdb

    query = (f"SELECT source, published_date, count(*) FROM read_parquet('{root}/articles/**/*.parquet', "
             "hive_partitioning=true) GROUP BY ALL")
    walls = []
    for _ in range(3):
        start = time.perf_counter()
        groups = duckdb.sql(query).fetchall()
        walls.append(time.perf_counter() - start)
    return statistics.median(walls), len(groups)


def checks(root: str, units: int = 20) -> dict:
    """In this process: load one source's index and the others' (once a run), then for
    `units` source-days of 150 listed articles (half known) and their 150 bodies, the
    known-article filter and the holders of those bodies."""
    import pyarrow.dataset as ds

    from bench.lake_rows import SOURCES as NAMES
    from storage.index import OtherIndexes, SourceIndex, content_hash_holders
    from storage.lake import Lake
    from transforms.records import Candidate

    lake = Lake(root)
    source = NAMES[0]
    stored = ds.dataset(f"{root}/articles/source={source}", format="parquet").head(
        units * 75, columns=["url", "content_hash"]).to_pylist()  # known articles to ask about
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    index, others = SourceIndex.load(lake, source), OtherIndexes(lake)
    content_hash_holders(lake, [], own=index, others=others)  # the other indexes, read once
    load = time.perf_counter() - start
    per_unit = []
    for u in range(units):
        known = stored[u * 75:(u + 1) * 75]
        listed = [Candidate(url=r["url"], source=source, via="index:bench") for r in known]
        listed += [Candidate(url=f"https://www.{source}.example.id/berita/baru/{u}/{k}", source=source,
                             via="index:bench") for k in range(75)]
        hashes = [r["content_hash"] for r in known] + [f"{u:08d}{k:056d}" for k in range(75)]
        start = time.perf_counter()
        todo = index.unknown(listed)
        held = content_hash_holders(lake, hashes, own=index, others=others)
        per_unit.append(time.perf_counter() - start)
        assert len(todo) == 75 and len(held) >= 75, (len(todo), len(held))
    return {"load_s": load, "per_unit_ms": statistics.median(per_unit) * 1000, "max_unit_ms": max(per_unit) * 1000,
            "baseline_rss": baseline, "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "index_rows": index.table.num_rows}


def section_lake(work: Path, rows: int) -> None:
    root = work / "lake-1m"
    if not (root / "articles").exists():
        seconds = build_lake(root, rows)
        print(f"lake_build rows={rows} seconds={seconds:.0f} rows_per_s={rows / seconds:.0f}")
    files = list((root / "articles").rglob("*.parquet"))
    print(f"lake_files={len(files)} partitions={len({f.parent for f in files})} "
          f"bytes={sum(f.stat().st_size for f in files) / 1e6:.0f}MB")
    wall, groups = duckdb_count(root)
    print(f"duckdb_count_by_source_day_s={wall:.2f} groups={groups} (median of 3)")
    out = subprocess.run([sys.executable, "-c", f"import json, sys; sys.path.insert(0, {str(REPO)!r}); "
                          f"from bench.lake_scale import checks; print(json.dumps(checks({str(root)!r})))"],
                         capture_output=True, text=True, check=True, cwd=REPO)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"index_load_once_s={got['load_s']:.2f} index_rows={got['index_rows']}")
    print(f"known_and_duplicate_checks_per_source_day_ms={got['per_unit_ms']:.1f} (median of 20; max {got['max_unit_ms']:.1f})")
    print(f"checks_peak_rss={got['peak_rss'] / 1e6:.0f}MB (before loading: {got['baseline_rss'] / 1e6:.0f}MB)")
