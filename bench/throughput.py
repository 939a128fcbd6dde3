"""End-to-end throughput against plain trafilatura, memory, per-unit overhead, and the
lake, writer and feed-polling figures of a run at scale. Every kabar figure is a real
run over HTTP on 127.0.0.1: a mirror of N articles in the outlets' structures, each page
of a real page's weight (tools/mirror/scale.py, furniture.py), a full backfill and a full
ingest with the `kabar` command, on a PREFECT_HOME an earlier run has used.

    python bench/throughput.py                  # N = 2,000
    python bench/throughput.py --n 20000 --only backfill
    python bench/throughput.py --latency 0.1    # 100 ms per mirror response
    python bench/throughput.py --with-server    # the backfill also against a running Prefect server
    python bench/throughput.py --light          # the mirror's own ~5 KB pages

Sections (`--only`, comma-separated): backfill (and trafilatura, ratio), overhead,
ingest (full, then unchanged with and without a running Prefect server), writer, lake
(1,000,000 rows; `--lake-rows`), feeds (2,000 feeds on 200 hosts, 100 ms, all 304).
Prints figures as `name=value` lines; `ratio=X.XX` is kabar's end-to-end backfill rate
over plain single-process trafilatura `bare_extraction` on the same HTML, in one run.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spiders.mirror_server import MirrorServer  # noqa: E402
from tools.mirror.scale import build_scaled  # noqa: E402

KABAR = str(Path(sys.executable).with_name("kabar"))
SECTIONS = ("backfill", "overhead", "ingest", "writer", "lake", "feeds")


# -- measuring a command ---------------------------------------------------------------------

def _tree(pid: int) -> dict[int, tuple[str, int, float, int]]:
    """A process and all its descendants (from /proc): pid -> (kind, resident bytes, CPU
    seconds so far, proportional set size: resident bytes with each shared page split
    among the processes sharing it, so that the tree's sum is what it takes from the machine)."""
    found: dict[int, tuple[str, int, float, int]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                rss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{p}/cmdline", "rb") as f:
                kind = _kind(f.read().replace(b"\0", b" ").decode(errors="replace"))
            with open(f"/proc/{p}/smaps_rollup") as f:
                pss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
            found[p] = (kind, rss, (int(fields[11]) + int(fields[12])) / tick, pss)  # utime + stime
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    return found


def _kind(cmdline: str) -> str:
    for needle, kind in (("spiders.crawler", "crawler"), ("multiprocessing", "extraction"), ("uvicorn", "prefect_api"),
                         ("kabar", "flow")):
        if needle in cmdline:
            return kind
    return "other"


def run_measured(cmd: list[str], env: dict, log: Path) -> dict:
    """Run `cmd`; its wall time, CPU seconds (it and every child it waited for), peak
    resident memory of its process tree, and that peak in the first and second half."""
    samples: list[tuple[float, int]] = []
    pss_peak = 0
    breakdown: dict[str, int] = {}  # by process kind, at the peak
    cpu_of: dict[int, tuple[str, float]] = {}  # the last CPU seconds seen of each process
    timeline: list[tuple[float, dict[str, float]]] = []  # CPU seconds so far by kind, at each sample
    start = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        done = threading.Event()

        def sample():
            nonlocal pss_peak
            while not done.is_set():
                tree = _tree(proc.pid)
                kinds: dict[str, int] = {}
                for p, (kind, rss, cpu, _) in tree.items():
                    kinds[kind] = kinds.get(kind, 0) + rss
                    cpu_of[p] = (kind, cpu)
                pss_peak = max(pss_peak, sum(t[3] for t in tree.values()))
                so_far: dict[str, float] = {}
                for kind, cpu in cpu_of.values():
                    so_far[kind] = so_far.get(kind, 0.0) + cpu
                timeline.append((time.monotonic() - start, so_far))
                samples.append((time.monotonic() - start, sum(kinds.values())))
                if samples[-1][1] >= max(r for _, r in samples):
                    breakdown.clear()
                    breakdown.update(kinds)
                done.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    half = wall / 2
    first = max((r for t, r in samples if t <= half), default=0)
    second = max((r for t, r in samples if t > half), default=0)
    cpu_by_kind: dict[str, float] = {}  # as last sampled, so a little short of each process's total
    for kind, cpu in cpu_of.values():
        cpu_by_kind[kind] = cpu_by_kind.get(kind, 0.0) + cpu
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_rss": max(first, second),
            "rss_first_half": first, "rss_second_half": second, "exit": proc.returncode, "at_peak": breakdown,
            "cpu_by_kind": cpu_by_kind, "timeline": timeline, "peak_pss": pss_peak}


def cores_used(timeline: list[tuple[float, dict[str, float]]]) -> list[str]:
    """Cores busy in each twentieth of a run (at least 5 s), by process kind: where a run waits."""
    step = max(5.0, timeline[-1][0] / 20) if timeline else 5.0
    lines, last_t, last = [], 0.0, {}
    for t, so_far in timeline:
        if t - last_t >= step or (t, so_far) == timeline[-1]:
            used = {k: (v - last.get(k, 0.0)) / (t - last_t) for k, v in so_far.items()}
            lines.append(f"{last_t:5.0f}-{t:3.0f}s {sum(used.values()):.2f} cores: "
                         + " ".join(f"{k}={u:.2f}" for k, u in sorted(used.items()) if u >= 0.01))
            last_t, last = t, so_far
    return lines


def kabar_env(home: Path, lake: Path, mirror_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KABAR_", "PREFECT_"))}
    env.update(KABAR_LAKE=str(lake), KABAR_REPLAY=mirror_url, PREFECT_HOME=str(home),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING", **extra)
    return env


def count_articles(lake: Path) -> tuple[int, int]:
    """(rows, distinct article ids) in the lake's articles."""
    import duckdb

    if not (lake / "articles").exists():
        return 0, 0
    ((rows, ids),) = duckdb.sql(f"SELECT count(*), count(DISTINCT article_id) FROM "
                                f"read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true)").fetchall()
    return rows, ids


def files_per_partition(lake: Path, table: str) -> tuple[int, int]:
    """(files, partitions) of a table."""
    files = list((lake / table).rglob("*.parquet")) if (lake / table).exists() else []
    return len(files), len({f.parent for f in files})


def mb(n: float) -> str:
    return f"{n / 1e6:.0f}MB"


# -- sections ------------------------------------------------------------------------------

def plain_trafilatura(mirror: Path, manifest: dict) -> float:
    """Articles per second of a plain single-process trafilatura loop over the same HTML."""
    import trafilatura

    routes = json.loads((mirror / "routes.json").read_text())
    pages = [(a["url"], (mirror / "sites" / routes[a["url"].split("://", 1)[1]]["file"]).read_bytes())
             for a in manifest["articles"]]
    trafilatura.bare_extraction(pages[0][1].decode(), url=pages[0][0])  # imports and caches warm, as kabar's are
    start = time.process_time()
    for url, html in pages:
        trafilatura.bare_extraction(html.decode("utf-8"), url=url, with_metadata=True)
    return len(pages) / (time.process_time() - start)


def section_backfill(args, work: Path) -> dict:
    mirror = work / "mirror"
    manifest = build_scaled(mirror, args.n, days=args.days, empty_days=28, real_weight=not args.light)
    cmd = backfill_cmd(manifest["days"][0], manifest["days"][-1], manifest["sources"])
    lake, home = work / "lake", work / "prefect"
    with MirrorServer(mirror, latency=args.latency) as server:
        # a PREFECT_HOME as a scheduled machine has it: its database made by an earlier run
        first_use = run_measured(backfill_cmd(manifest["days"][0], manifest["days"][0], manifest["sources"][:1]),
                                 kabar_env(home, work / "lake-warm", server.url), work / "backfill-warm.log")["wall"]
        again = run_measured(backfill_cmd(manifest["days"][0], manifest["days"][0], manifest["sources"][:1]),
                             kabar_env(home, work / "lake-warm-2", server.url), work / "backfill-warm-2.log")["wall"]
        m = run_measured(cmd, kabar_env(home, lake, server.url), work / "backfill.log")
        served = backfill_with_server(cmd, manifest, work, server.url) if args.with_server else None
    rows, ids = count_articles(lake)
    trafilatura_rate = plain_trafilatura(mirror, manifest)
    rate = rows / m["wall"]
    a_files, a_parts = files_per_partition(lake, "articles")
    r_files, r_parts = files_per_partition(lake, "raw_pages")
    print(f"backfill_articles={rows} listed={len(manifest['articles'])} doubled={rows - ids} exit={m['exit']} "
          f"page_weight={'light' if args.light else 'real'}")
    print(f"backfill_wall_s={m['wall']:.1f} articles_per_s={rate:.1f} cpu_s_per_article={m['cpu'] / max(rows, 1):.3f}")
    print(f"peak_rss={mb(m['peak_rss'])} rss_first_half={mb(m['rss_first_half'])} "
          f"rss_second_half={mb(m['rss_second_half'])} (resident sizes of the run's processes, summed)")
    print(f"peak_pss={mb(m['peak_pss'])} (shared pages counted once: what the run takes from the machine)")
    print("at_peak " + " ".join(f"{kind}={mb(rss)}" for kind, rss in sorted(m["at_peak"].items())))
    print("cpu_s " + " ".join(f"{kind}={cpu:.1f}" for kind, cpu in sorted(m["cpu_by_kind"].items())))
    for line in cores_used(m["timeline"]):
        print("  " + line)
    print(f"files articles={a_files}/{a_parts} partitions raw_pages={r_files}/{r_parts} partitions")
    print(f"one_source_day_backfill_s new_prefect_home={first_use:.1f} again={again:.1f} (the first run makes the "
          f"temporary API's database)")
    print(f"trafilatura_articles_per_s={trafilatura_rate:.1f}")
    print(f"ratio={rate / trafilatura_rate:.2f} (with the temporary Prefect API a run without a server starts)")
    if served is not None:
        s_rows, s_wall = served
        print(f"with_server_articles={s_rows} wall_s={s_wall:.1f} articles_per_s={s_rows / s_wall:.1f}")
        print(f"ratio_with_server={s_rows / s_wall / trafilatura_rate:.2f} (a running Prefect server, as under `kabar serve`)")
    return {"mirror": mirror, "manifest": manifest}


def backfill_cmd(first: str, last: str, sources: list[str]) -> list[str]:
    return [KABAR, "backfill", "--from", first, "--to", last, "--yes"] + [a for s in sources for a in ("--source", s)]


def backfill_with_server(cmd: list[str], manifest: dict, work: Path, mirror_url: str) -> tuple[int, float]:
    """(articles, wall seconds) of the same backfill into a new lake with a running Prefect
    server (its own process, not counted in kabar's CPU; its first flow run warmed first)."""
    from tools.prefect_server import PrefectServer

    (work / "server-backfill").mkdir(exist_ok=True)
    prefect = PrefectServer(work / "server-backfill").start()
    try:
        env = kabar_env(work / "prefect-served", work / "lake-warm", mirror_url, PREFECT_API_URL=prefect.api_url)
        one_day = backfill_cmd(manifest["days"][0], manifest["days"][0], manifest["sources"][:1])
        run_measured(one_day, env, work / "backfill-server-warm.log")
        env = kabar_env(work / "prefect-served", work / "lake-served", mirror_url, PREFECT_API_URL=prefect.api_url)
        m = run_measured(cmd, env, work / "backfill-server.log")
    finally:
        prefect.stop()
    return count_articles(work / "lake-served")[0], m["wall"]


def section_overhead(args, work: Path, built: dict | None) -> None:
    """Per source-day overhead: a backfill of 28 days whose index pages list nothing,
    against one of 1 such day (the difference over 27 days × sources)."""
    if built is None:
        built = {"mirror": work / "mirror-small", "manifest": build_scaled(work / "mirror-small", 200, days=2, empty_days=28)}
    manifest, walls = built["manifest"], {}
    with MirrorServer(built["mirror"], latency=args.latency) as server:
        for label, first in (("1", manifest["empty_days"][-1]), ("28", manifest["empty_days"][0])):
            cmd = backfill_cmd(first, manifest["empty_days"][-1], manifest["sources"])
            lake = work / f"lake-empty-{label}"
            walls[label] = run_measured(cmd, kabar_env(work / "prefect", lake, server.url), work / f"empty-{label}.log")["wall"]
    per_unit = (walls["28"] - walls["1"]) / (27 * len(manifest["sources"]))
    print(f"empty_backfill_wall_s 1_day={walls['1']:.1f} 28_days={walls['28']:.1f}")
    print(f"per_source_day_overhead_s={per_unit:.3f} (days whose index pages list nothing)")
    jobs, one = crawl_job_overhead(built["mirror"], manifest, work)
    print(f"crawl_jobs 40x1_page_s={jobs:.2f} 1x40_pages_s={one:.2f} per_job_overhead_s={(jobs - one) / 39:.3f}")


def crawl_job_overhead(mirror: Path, manifest: dict, work: Path) -> tuple[float, float]:
    """The run's crawler process fed 40 jobs of one page each, against one job of the same
    40 pages (what a day with pages adds: one crawl job)."""
    from spiders.crawler.run import CrawlService
    from spiders.registry import load_sources
    from transforms.records import Candidate

    sid = manifest["sources"][0]
    source = load_sources(only=[sid])[sid]
    urls = [a["url"] for a in manifest["articles"] if a["source"] == sid][:40]
    candidates = [Candidate(url=u, source=sid, via="bench") for u in urls]
    with MirrorServer(mirror) as server:
        with CrawlService(work / "crawl-jobs", server.url) as service:
            service.crawl(source, candidates[:1])  # the process's start, not counted
            start = time.perf_counter()
            for c in candidates:
                service.crawl(source, [c])
            jobs = time.perf_counter() - start
            start = time.perf_counter()
            service.crawl(source, candidates)
            one = time.perf_counter() - start
    return jobs, one


def section_ingest(args, work: Path, built: dict | None) -> None:
    if built is None:
        manifest = build_scaled(work / "mirror", args.n, days=args.days, real_weight=not args.light)
        built = {"mirror": work / "mirror", "manifest": manifest}
    lake, home = work / "lake-ingest", work / "prefect-ingest"
    with MirrorServer(built["mirror"], latency=args.latency) as server:
        env = kabar_env(home, lake, server.url)
        first = run_measured([KABAR, "ingest"], env, work / "ingest-1.log")
        rows, _ = count_articles(lake)
        print(f"ingest_wall_s={first['wall']:.1f} articles={rows} cpu_s={first['cpu']:.1f}")
        unchanged = run_measured([KABAR, "ingest"], env, work / "ingest-2.log")
        print(f"unchanged_ingest_without_server_s={unchanged['wall']:.1f}")
        from tools.prefect_server import PrefectServer

        (work / "server").mkdir(exist_ok=True)
        prefect = PrefectServer(work / "server").start()
        try:
            with_server = kabar_env(home, lake, server.url, PREFECT_API_URL=prefect.api_url)
            run_measured([KABAR, "ingest"], with_server, work / "ingest-3.log")  # the server's first flow run
            walls = [run_measured([KABAR, "ingest"], with_server, work / f"ingest-s{i}.log")["wall"] for i in range(3)]
        finally:
            prefect.stop()
        print(f"unchanged_ingest_with_server_s={statistics.median(walls):.1f} (median of 3)")


def section_writer(work: Path) -> None:
    """The lake writer's rows per second in batches of 10 and of 400 rows."""
    from bench.lake_rows import article_rows
    from storage.lake import Lake

    rows = article_rows(4000, sources=1, days=1)
    for batch in (10, 400):
        lake = Lake(str(work / f"writer-{batch}"))
        start = time.perf_counter()
        for i in range(0, len(rows), batch):
            lake.write_rows("articles", rows[i:i + batch], key_of="article_id")
        print(f"writer_rows_per_s batch={batch}: {len(rows) / (time.perf_counter() - start):.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles in the mirror (default 2,000)")
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the mirror waits before each answer")
    parser.add_argument("--lake-rows", type=int, default=1_000_000)
    parser.add_argument("--light", action="store_true", help="the mirror's own light pages (~5 KB) instead of pages "
                                                             "of a real page's weight (~50 KB, tools/mirror/furniture.py)")
    parser.add_argument("--with-server", action="store_true", help="also time the backfill with a running Prefect server")
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--work", type=Path, help="keep the mirrors, lakes and logs here (default: a temporary folder)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = args.work or Path(tempfile.mkdtemp(prefix="kabar-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work={work} n={args.n} latency={args.latency}s cores={os.cpu_count()}")
    built = section_backfill(args, work) if "backfill" in only else None
    if "overhead" in only:
        section_overhead(args, work, built)
    if "ingest" in only:
        section_ingest(args, work, built)
    if "writer" in only:
        section_writer(work)
    if "lake" in only:
        from bench.lake_scale import section_lake

        section_lake(work, args.lake_rows)
    if "feeds" in only:
        from bench.feed_scale import section_feeds

        section_feeds(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
