"""The `kabar` command line. Exit codes: 0 done, 1 done with failed sources, 2 bad usage
or configuration."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
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
    for s in sources.values():
        unverified = sum(not e.verified for e in s.feeds + s.sitemaps + s.index_pages)
        print(f"{s.id:14} {s.name:20} feeds {len(s.feeds)}  sitemaps {len(s.sitemaps)}  index {len(s.index_pages)}"
              f"  unverified {unverified}  delay {s.politeness.delay_seconds}s")
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

    p = sub.add_parser("demo", help="serve the offline mirror and ingest from it")
    p.add_argument("--lake", default=os.environ.get("KABAR_LAKE", DEFAULT_LAKE))
    p.add_argument("--port", type=int, default=0)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("mirror", help="the offline mirror")
    p.add_argument("action", choices=["serve"])
    p.add_argument("--port", type=int, default=8765)
    p.set_defaults(func=cmd_mirror_serve)

    p = sub.add_parser("sources", help="list or check the source registry")
    p.add_argument("action", choices=["list", "check"])
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
