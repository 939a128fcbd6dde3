"""The `kabar` command line. Exit codes: 0 done, 1 done with failed sources, 2 bad usage
or configuration."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from transforms.lake import DEFAULT_LAKE

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _prefect_defaults() -> None:
    """Quiet, local defaults for Prefect unless the operator set their own."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def print_summary(reports: list[dict], lake: str, out=sys.stdout) -> int:
    columns = ["source", "status", "feeds_polled", "feeds_not_modified", "discovered", "skipped_known", "fetched",
               "written", "rejected"]
    widths = [max(len(c), *(len(str(r[c])) for r in reports)) for c in columns]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    print(f"\nrun {reports[0]['run_id'] if reports else '-'}  lake {lake}", file=out)
    print(line, file=out)
    print("-" * len(line), file=out)
    for r in reports:
        print("  ".join(str(r[c]).ljust(w) for c, w in zip(columns, widths)), file=out)
    totals = {c: sum(r[c] for r in reports) for c in columns[2:]}
    print("  ".join(["total".ljust(widths[0]), "".ljust(widths[1])] + [str(totals[c]).ljust(w) for c, w in zip(columns[2:], widths[2:])]), file=out)
    for r in reports:
        if r["error"]:
            print(f"! {r['source']} failed: {r['error']}", file=out)
        if r["reject_reasons"]:
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(r["reject_reasons"].items()))
            print(f"  {r['source']} rejects: {reasons}", file=out)
    return EXIT_PARTIAL if any(r["status"] != "ok" for r in reports) else EXIT_OK


def cmd_ingest(args) -> int:
    from spiders.registry import load_sources

    load_sources(only=args.source or None)  # a bad selection fails here, before Prefect starts
    _prefect_defaults()
    from flows.ingest import ingest

    reports = ingest(sources=args.source or None, lake=args.lake, replay=args.replay)
    return print_summary(reports, args.lake)


def cmd_backfill(args) -> int:
    from spiders.registry import load_sources

    if bool(args.source) == bool(args.all_sources):
        print("kabar backfill: give --source S (repeatable) or --all-sources", file=sys.stderr)
        return EXIT_USAGE
    load_sources(only=args.source or None)
    try:
        first, last = date.fromisoformat(args.date_from), date.fromisoformat(args.date_to)
    except ValueError as exc:
        print(f"kabar backfill: dates are YYYY-MM-DD: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if last < first:
        print("kabar backfill: --to is before --from", file=sys.stderr)
        return EXIT_USAGE
    _prefect_defaults()
    from flows.backfill import backfill

    reports = backfill(sources=args.source or None, date_from=first.isoformat(), date_to=last.isoformat(),
                       lake=args.lake, replay=args.replay, refresh=args.refresh, gaps=args.gaps, progress=True)
    return print_day_summary(reports, args.lake)


def print_day_summary(reports: list[dict], lake: str, out=sys.stdout) -> int:
    print(f"\nrun {reports[0]['run_id'] if reports else '-'}  lake {lake}", file=out)
    header = f"{'source':14} {'day':10} {'status':12} {'listed':>6} {'known':>6} {'fetched':>7} {'written':>7} {'updated':>7} {'rejected':>8}"
    print(header, file=out)
    print("-" * len(header), file=out)
    for r in reports:
        print(f"{r['source']:14} {r['day'] or '-':10} {r['status']:12} {r['discovered']:>6} {r['skipped_known']:>6} "
              f"{r['fetched']:>7} {r['written']:>7} {r['updated']:>7} {r['rejected']:>8}", file=out)
    totals = {k: sum(r[k] for r in reports) for k in ("discovered", "skipped_known", "fetched", "written", "updated", "rejected")}
    print(f"{'total':14} {'':10} {'':12} {totals['discovered']:>6} {totals['skipped_known']:>6} {totals['fetched']:>7} "
          f"{totals['written']:>7} {totals['updated']:>7} {totals['rejected']:>8}", file=out)
    for r in reports:
        if r["error"]:
            print(f"! {r['source']} {r['day'] or ''} {r['status']}: {r['error']}", file=out)
    return EXIT_PARTIAL if any(r["status"] == "failed" for r in reports) else EXIT_OK


def cmd_coverage(args) -> int:
    from flows.backfill import coverage

    rows = coverage(args.lake, args.source or None, args.date_from, args.date_to)
    print(f"{'source':14} {'day':10} {'listed':>6} {'in lake':>7} {'missing':>7}")
    for r in rows:
        listed = "-" if r["listed"] is None else r["listed"]
        print(f"{r['source']:14} {r['day']:10} {listed:>6} {r['in_lake'] if r['in_lake'] is not None else '-':>7} "
              f"{r['missing'] if r['missing'] is not None else '-':>7}")
    missing = sum(r["missing"] or 0 for r in rows)
    print(f"missing in all: {missing}" + ("  (fetch them: kabar backfill --gaps …)" if missing else ""))
    return EXIT_OK


def cmd_status(args) -> int:
    """Per source: its feeds and sitemaps (ok, backing off, retired) and its last run within
    `--days` (runs are read from those days' partitions only: the table grows every hour)."""
    import pyarrow.dataset as ds

    from spiders.registry import load_sources
    from transforms.lake import Lake

    lake = Lake(args.lake)
    since = datetime.now(timezone.utc).date() - timedelta(days=args.days)
    runs = lake.read("runs", ["source", "flow", "status", "finished_at", "written", "error"],
                     ds.field("run_date") >= since).to_pylist()
    last_run = {}
    for r in sorted(runs, key=lambda r: r["finished_at"]):
        last_run[r["source"]] = r
    for sid in load_sources():
        run = last_run.get(sid)
        when = run["finished_at"].strftime("%Y-%m-%d %H:%M UTC") if run else f"none in the last {args.days} days"
        print(f"{sid}: last run {when}" + (f" {run['flow']} {run['status']}, wrote {run['written']}" if run else ""))
        for url, rec in sorted(lake.read_state(f"sources/{sid}").get("endpoints", {}).items()):
            if rec.get("retired"):
                state = f"RETIRED {rec['retired']['at'][:10]}: {rec['retired']['reason']}"
            elif rec.get("next_attempt"):
                state = f"backing off until {rec['next_attempt'][:16]} after {rec['consecutive_failures']} failures: {rec.get('last_error')}"
            else:
                state = f"ok, last success {(rec.get('last_success') or 'never')[:16]}"
            print(f"  {url}  {state}")
    return EXIT_OK


# Tables that grow by appended files. `clusters` is not one: each window is one file,
# replaced whole when the window is run again; merging windows would mix their results.
COMPACTED_TABLES = ("articles", "raw_pages", "runs", "rejects")


def cmd_compact(args) -> int:
    from transforms.lake import Lake

    lake = Lake(args.lake)
    for name in (COMPACTED_TABLES if args.table == "all" else [args.table]):
        r = lake.compact(name)
        print(f"{name:10} files {r['files_before']} -> {r['files_after']} ({r['partitions_merged']} partitions merged)")
    return EXIT_OK


def cmd_reprocess(args) -> int:
    _prefect_defaults()
    from flows.reprocess import reprocess

    reports = reprocess(lake=args.lake, date_from=args.date_from, date_to=args.date_to, sources=args.source or None)
    print(f"{'source':14} {'pages':>6} {'same':>6} {'updated':>7} {'new':>5} {'rejected':>8}")
    for r in reports:
        print(f"{r['source']:14} {r['discovered']:>6} {r['skipped_known']:>6} {r['updated']:>7} {r['written']:>5} {r['rejected']:>8}")
    return EXIT_OK


def cmd_vacuum(args) -> int:
    from transforms.lake import Lake

    removed = Lake(args.lake).vacuum_raw_pages(args.keep_days, date.today())
    print(f"raw_pages: removed {removed} files fetched more than {args.keep_days} days ago")
    return EXIT_OK


def cmd_cluster(args) -> int:
    _prefect_defaults()
    from flows.cluster import cluster

    r = cluster(lake=args.lake, window_end=args.window_end, days=args.days)
    print(f"window {r['window_start']} .. {r['window_end']}: {r['articles']} articles, "
          f"{r['clusters']} clusters holding {r['clustered_articles']} articles")
    return EXIT_OK


def cmd_cluster_texts(args) -> int:
    """Lines {"id", "title", "text", "published_at", "source"} in, {"id", "cluster_id"} out, in order."""
    from transforms import neardup
    from transforms.fingerprint import fingerprints_raw

    items = [json.loads(line) for line in _read_page(Path(args.file)).decode("utf-8").splitlines() if line.strip()]
    published = []
    for item in items:
        try:
            published.append(datetime.fromisoformat(item["published_at"]) if item.get("published_at") else None)
        except ValueError:
            published.append(None)
    published = [p if p is None or p.tzinfo else p.replace(tzinfo=timezone.utc) for p in published]
    labels = neardup.cluster(fingerprints_raw((i.get("title") or "", i.get("text") or "") for i in items), published)
    for item, label in zip(items, labels):
        print(json.dumps({"id": item["id"], "cluster_id": items[label]["id"]}, ensure_ascii=False))
    return EXIT_OK


def cmd_demo(args) -> int:
    _prefect_defaults()
    from flows.ingest import ingest
    from spiders.mirror import MirrorServer

    with MirrorServer(port=args.port) as mirror:
        print(f"mirror of {len(mirror.routes)} outlet URLs serving on {mirror.url}", flush=True)
        reports = ingest(lake=args.lake, replay=mirror.url)
        article_fetches = sum(mirror.page_hits.values())
    code = print_summary(reports, args.lake)
    lake = os.path.abspath(args.lake)
    print(f"\narticle pages fetched from the mirror: {article_fetches}")
    query = (f"SELECT source, published_date, count(*) AS articles FROM read_parquet('{lake}/articles/**/*.parquet', "
             f"hive_partitioning=true) GROUP BY ALL ORDER BY ALL")
    print("look at the result with DuckDB:")
    print(f"  {sys.executable} -c \"import duckdb; duckdb.sql(\\\"{query}\\\").show(max_rows=100)\"")
    return code


def cmd_mirror_serve(args) -> int:
    from spiders.mirror import MirrorServer

    server = MirrorServer(port=args.port)
    print(f"mirror serving {len(server.routes)} outlet URLs on {server.url}")
    print(f"use it with: KABAR_REPLAY={server.url} kabar ingest")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return EXIT_OK


def cmd_sources(args) -> int:
    from spiders.registry import load_sources

    sources = load_sources()
    if args.action == "check":
        print(f"{len(sources)} source files valid")
        return EXIT_OK
    if args.action == "reset":
        return _reset_endpoints(args, sources)
    for s in sources.values():
        unverified = sum(not e.verified for e in s.feeds + s.sitemaps + s.index_pages)
        print(f"{s.id:14} {s.name:20} feeds {len(s.feeds)}  sitemaps {len(s.sitemaps)}  index {len(s.index_pages)}"
              f"  unverified {unverified}  delay {s.politeness.delay_seconds}s")
    return EXIT_OK


def _reset_endpoints(args, sources: dict) -> int:
    """Put a source's retired or backed-off feeds and sitemaps (or the one --url) back in
    service. Run it between ingest runs: a running one writes the state it read."""
    from spiders.feed_policy import reinstate
    from transforms.lake import Lake

    if args.source not in sources:
        print(f"kabar: sources reset needs a source id, one of: {', '.join(sources)}", file=sys.stderr)
        return EXIT_USAGE
    lake = Lake(args.lake)
    state = lake.read_state(f"sources/{args.source}")
    endpoints = state.get("endpoints", {})
    chosen = [args.url] if args.url else sorted(endpoints)
    if args.url and args.url not in endpoints:
        print(f"kabar: {args.source} has no state for {args.url}", file=sys.stderr)
        return EXIT_USAGE
    reset = [url for url in chosen if reinstate(endpoints[url])]
    lake.write_state(f"sources/{args.source}", {**state, "endpoints": endpoints})
    for url in reset:
        print(f"reinstated {url}")
    print(f"{args.source}: {len(reset)} of {len(chosen)} endpoints were retired or backing off")
    return EXIT_OK


def _read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def cmd_extract(args) -> int:
    """One JSON object per page; with --batch, one line per manifest line, in order. A page
    that cannot be read or parsed prints {"url", "error"} and the exit code becomes 1."""
    from transforms.extract import extract_article

    if bool(args.file) == bool(args.batch) or (args.file and not args.url):
        print("kabar extract: give FILE --url URL, or --batch MANIFEST.jsonl", file=sys.stderr)
        return EXIT_USAGE
    if args.file:
        jobs = [(Path(args.file), args.url)]
    else:
        manifest = Path(args.batch)
        jobs = []
        for line in _read_page(manifest).decode("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                jobs.append((manifest.parent / item["path"], item["url"]))
    failed = 0
    for path, url in jobs:
        try:
            result = extract_article(_read_page(path), url).to_json_dict()
        except (OSError, ValueError) as exc:
            failed += 1
            result = {"url": url, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kabar", description="Indonesian news into a Parquet lake.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="collect new articles from the sources' feeds and news sitemaps")
    p.add_argument("--source", action="append", help="a source id (repeatable); default all")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.add_argument("--replay", default=None, help="mirror URL to replay outlets from (or KABAR_REPLAY)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("backfill", help="collect whole past days from dated index pages and news sitemaps")
    p.add_argument("--source", action="append", help="a source id (repeatable)")
    p.add_argument("--all-sources", action="store_true")
    p.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD (the source's zone)")
    p.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
    p.add_argument("--refresh", action="store_true", help="fetch again and update changed articles in place")
    p.add_argument("--gaps", action="store_true", help="fetch what the stored listings have and the lake lacks")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.add_argument("--replay", default=None)
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("coverage", help="per source and day: listed by the index/sitemaps vs in the lake")
    p.add_argument("--source", action="append")
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("status", help="feeds (ok, backing off, retired) and the last run of each source")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.add_argument("--days", type=int, default=30, help="look for runs this many days back (default 30)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("compact", help="merge each partition's files into one, sorted; idempotent")
    p.add_argument("--table", default="all", choices=["all", *COMPACTED_TABLES])
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_compact)

    p = sub.add_parser("reprocess", help="rebuild articles from stored raw pages with the current extractor")
    p.add_argument("--from", dest="date_from", help="first fetch day (UTC), YYYY-MM-DD; default: all")
    p.add_argument("--to", dest="date_to", help="last fetch day (UTC), YYYY-MM-DD")
    p.add_argument("--source", action="append")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("vacuum", help="apply the raw_pages retention")
    p.add_argument("--keep-days", type=int, default=int(os.environ.get("KABAR_RAW_RETENTION_DAYS", "365")))
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_vacuum)

    p = sub.add_parser("cluster", help="near-duplicate clusters across outlets over a rolling window")
    p.add_argument("--window-end", help="last publication day, YYYY-MM-DD (default: today, UTC)")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("cluster-texts", help='cluster JSON lines {"id","title","text","published_at","source"}')
    p.add_argument("file", help="JSON lines (plain or .gz)")
    p.set_defaults(func=cmd_cluster_texts)

    p = sub.add_parser("demo", help="serve the offline mirror and ingest from it")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.add_argument("--port", type=int, default=0)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("mirror", help="the offline mirror")
    p.add_argument("action", choices=["serve"])
    p.add_argument("--port", type=int, default=8765)
    p.set_defaults(func=cmd_mirror_serve)

    p = sub.add_parser("sources", help="list or check the source registry; reset a source's retired feeds")
    p.add_argument("action", choices=["list", "check", "reset"])
    p.add_argument("source", nargs="?", help="with reset: the source id")
    p.add_argument("--url", help="with reset: only this feed or sitemap")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("extract", help="extract saved pages (plain or .gz) and print JSON")
    p.add_argument("file", nargs="?")
    p.add_argument("--url")
    p.add_argument("--batch", help='JSON lines of {"path": ..., "url": ...}; paths relative to the file')
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from spiders.registry import SourceConfigError

    try:
        return args.func(args)
    except SourceConfigError as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
