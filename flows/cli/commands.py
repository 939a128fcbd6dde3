"""One handler per command: check the arguments, call the flow or helper that does the
work, print. Each returns the exit code."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from flows.cli.output import Column, print_json, print_table
from flows.context import utc_now
from flows.settings import Settings, apply_prefect_defaults

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
LONG_BACKFILL_DAYS = 366  # a longer backfill asks for --yes
EXTRACTING_FLOWS = ("ingest", "backfill", "reprocess")  # flows whose pages go through the extraction processes

INGEST_COLUMNS = [Column("source"), Column("status")] + [Column(k, total=True) for k in (
    "feeds_polled", "feeds_not_modified", "discovered", "skipped_known", "fetched", "written", "rejected")]
BACKFILL_COLUMNS = [Column("source"), Column("day"), Column("status"), Column("discovered", "listed", True),
                    Column("skipped_known", "known", True), Column("fetched", total=True),
                    Column("written", total=True), Column("updated", total=True), Column("rejected", total=True)]
COVERAGE_COLUMNS = [Column("source"), Column("day"), Column("state"), Column("listed", total=True),
                    Column("in_lake", "in lake", True), Column("missing", total=True)]
REPROCESS_COLUMNS = [Column("source"), Column("discovered", "pages", True), Column("skipped_known", "same", True),
                     Column("updated", total=True), Column("written", "new", True), Column("rejected", total=True)]
SOURCES_COLUMNS = [Column("id"), Column("name"), Column("feeds"), Column("sitemaps"), Column("index"),
                   Column("unverified"), Column("delay", "delay_s")]


def _usage(message: str) -> int:
    print(f"kabar: {message}", file=sys.stderr)
    return EXIT_USAGE


def print_run(reports: list[dict], lake: str, columns: list[Column], reasons: bool, out=sys.stdout) -> None:
    """The end-of-run table, then a line per unit that failed (and its reject reasons)."""
    print(f"\nrun {reports[0]['run_id'] if reports else '-'}  lake {lake}", file=out)
    print_table(reports, columns, out)
    for r in reports:
        unit = f"{r['source']} {r['day']}" if r["day"] else r["source"]
        if r["error"]:
            print(f"! {unit} {r['status']}: {r['error']}", file=out)
        if (r.get("waited_seconds") or 0) > 0:  # any wait at all is one poll (0.5 s) or more
            print(f"  {unit} waited {r['waited_seconds']:.1f} s for its source's lease", file=out)
        if reasons and r["reject_reasons"]:
            listed = ", ".join(f"{k} {v}" for k, v in sorted(r["reject_reasons"].items()))
            print(f"  {r['source']} rejects: {listed}", file=out)


def prepare_prefect() -> None:
    """Before a command imports its flows: Prefect's defaults, and the temporary API when
    no server is configured, booting while the command gets ready (flows/temporary_api.py)."""
    from flows import temporary_api

    apply_prefect_defaults()
    temporary_api.start_if_needed()


def run(flow, settings: Settings, **parameters) -> list[dict]:
    """Run a flow to its reports; without a Prefect server, on the temporary API, whose
    history is then trimmed (flows/history.py)."""
    from flows import temporary_api
    from flows.context import warm_extraction
    from flows.history import prune_history, without_server
    from flows.outcome import run_flow

    temporary = temporary_api.running() or without_server()
    if temporary and flow.name in EXTRACTING_FLOWS:
        warm_extraction(settings)  # while the temporary API comes up on the other core
    with temporary_api.serving():
        reports = run_flow(flow, **parameters)
        if temporary:
            try:
                prune_history(settings.prefect_history_days)
            except Exception as exc:  # Prefect's bookkeeping must never fail a run that wrote its data
                print(f"kabar: could not trim Prefect's run history: {type(exc).__name__}: {exc}", file=sys.stderr)
    return reports


def run_exit(reports: list[dict]) -> int:
    """1 when a unit needs attention (failed, retired, backing off, busy), else 0."""
    from flows.outcome import problems

    return EXIT_PARTIAL if problems(reports) else EXIT_OK


def cmd_ingest(args, settings: Settings) -> int:
    from spiders.registry import load_sources

    load_sources(settings.sources_dir, only=args.source or None)  # a bad selection fails here, before Prefect starts
    prepare_prefect()
    from flows.ingest import ingest

    reports = run(ingest, settings, sources=args.source or None, lake=args.lake, replay=args.replay, fan_out=args.fan_out,
                  progress=args.progress)
    if args.json:
        print_json(reports)
    else:
        print_run(reports, args.lake, INGEST_COLUMNS, reasons=True)
    return run_exit(reports)


def cmd_backfill(args, settings: Settings) -> int:
    from spiders.registry import load_sources

    if bool(args.source) == bool(args.all_sources):
        print("kabar backfill: give --source S (repeatable) or --all-sources", file=sys.stderr)
        return EXIT_USAGE
    load_sources(settings.sources_dir, only=args.source or None)
    try:
        first, last = date.fromisoformat(args.date_from), date.fromisoformat(args.date_to)
    except ValueError as exc:
        print(f"kabar backfill: dates are YYYY-MM-DD: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if (last - first).days + 1 > LONG_BACKFILL_DAYS and not args.yes:
        print(f"kabar backfill: {(last - first).days + 1} days is more than {LONG_BACKFILL_DAYS}; "
              "give --yes if that is meant", file=sys.stderr)
        return EXIT_USAGE
    if args.dry_run:
        return _backfill_plan(args, settings, first, last)
    prepare_prefect()
    from flows.backfill import backfill

    reports = run(backfill, settings, sources=args.source or None, date_from=first.isoformat(), date_to=last.isoformat(),
                       lake=args.lake, replay=args.replay, refresh=args.refresh, gaps=args.gaps, progress=args.progress,
                  fan_out=args.fan_out)
    if args.json:
        print_json(reports)
    else:
        print_run(reports, args.lake, BACKFILL_COLUMNS, reasons=False)
    return run_exit(reports)


PLAN_COLUMNS = [Column("source"), Column("day"), Column("plan"), Column("why")]


def _backfill_plan(args, settings: Settings, first: date, last: date) -> int:
    from flows.backfill import backfill_plan
    from spiders.registry import load_sources

    rows = backfill_plan(settings.open_lake(args.lake), load_sources(settings.sources_dir, only=args.source or None),
                         first.isoformat(), last.isoformat(), args.refresh, args.gaps)
    if args.json:
        print_json(rows)
        return EXIT_OK
    print_table(rows, PLAN_COLUMNS)
    fetch = sum(r["plan"] == "fetch" for r in rows)
    print(f"dry run: {fetch} source-days to fetch, {sum(r['plan'] == 'done-before' for r in rows)} finished before; "
          "nothing fetched or written")
    return EXIT_OK


def cmd_coverage(args, settings: Settings) -> int:
    from flows.coverage import coverage

    rows = coverage(args.lake, args.source or None, args.date_from, args.date_to, settings=settings)
    if args.json:
        print_json(rows)
        return EXIT_OK
    print_table(rows, COVERAGE_COLUMNS)
    missing = sum(r["missing"] or 0 for r in rows)
    print(f"missing in all: {missing}" + ("  (fetch them: kabar backfill --gaps …)" if missing else ""))
    blocked = [r for r in rows if r["state"] == "blocked"]
    for r in blocked:
        print(f"! {r['source']} {r['day']} blocked: {r['why']}")
    if blocked:
        print(f"{len(blocked)} days blocked: a later backfill of them tries again")
    return EXIT_OK


STATUS_COLUMNS = [Column("source"), Column("last_run", "last run"), Column("run_status", "status"),
                  Column("last_success", "last success"), Column("articles_24h", "24h", True),
                  Column("articles_7d", "7d", True), Column("usual_per_day", "usual/day"), Column("behind"),
                  Column("failing_endpoints", "failing", True), Column("lease")]


def _minute(value) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M") if value else None


def cmd_status(args, settings: Settings) -> int:
    from flows.status import attention, source_status
    from spiders.registry import load_registry
    from storage.lease import Leases

    lake = settings.open_lake(args.lake)
    registry = load_registry(settings.sources_dir)
    statuses = source_status(lake, list(registry.sources), args.days, utc_now(), Leases(lake.files, settings.s3))
    if args.json:
        print_json(statuses)
        return EXIT_OK
    rows = [{**s, "last_run": f"{_minute(s['last_run']['finished_at'])} {s['last_run']['flow']}" if s["last_run"] else None,
             "run_status": s["last_run"]["status"] if s["last_run"] else None, "last_success": _minute(s["last_success"]),
             "behind": _behind(s["behind_hours"]), "lease": "held" if s["lease"] else None} for s in statuses]
    print(f"lake {args.lake}; runs of the last {args.days} days; times UTC")
    print_table(rows, STATUS_COLUMNS)
    for s in statuses:
        for why in attention(s):
            print(f"! {s['source']}: {why}")
        if s["lease"]:
            print(f"  {s['source']} being written now: {s['lease']}")
        if getattr(args, "verbosity", 0) > 0:
            for e in s["endpoints"]:
                print(f"  {s['source']} {e['url']}  {e['state']}")
    for sid, why in registry.broken.items():
        print(f"! {sid} disabled: {why}")
    if not any(s["last_run"] for s in statuses):
        print(f"no runs in the last {args.days} days (--days to look further back)")
    return EXIT_OK


def _behind(hours: float | None) -> str | None:
    if hours is None:
        return None
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} d"


def cmd_report(args, settings: Settings) -> int:
    from flows.report import find_chromium, report_data, screenshot
    from flows.context import wib_today
    from flows.report_page import render

    last = date.fromisoformat(args.date_to) if args.date_to else wib_today()
    data = report_data(settings, args.lake, last, args.days)
    if args.json:
        print_json(data)
        return EXIT_OK
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render(data), encoding="utf-8")
    except OSError as exc:
        return _usage(f"cannot write the report to {out}: {exc.strerror or exc}")
    print(f"report {out} ({data['articles']} articles, {data['days'][0]} .. {data['days'][-1]})")
    if args.no_png:
        return EXIT_OK
    if find_chromium() is None:
        print("kabar: no PNG: Chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return EXIT_OK
    try:
        screenshot(out, out.with_suffix(".png"))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"kabar: no PNG: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    print(f"picture {out.with_suffix('.png')}")
    return EXIT_OK


def cmd_compact(args, settings: Settings) -> int:
    from flows.context import RunContext
    from flows.maintenance import compact_lake

    results = compact_lake(RunContext.start("compact", args.lake, "", None, settings), args.table)
    if args.json:
        print_json(results)
        return EXIT_OK
    for r in results:
        print(f"{r['table']:10} files {r['files_before']} -> {r['files_after']} ({r['partitions_merged']} partitions merged)")
    return EXIT_OK


def cmd_reprocess(args, settings: Settings) -> int:
    prepare_prefect()
    from flows.reprocess import reprocess

    reports = run(reprocess, settings, lake=args.lake, date_from=args.date_from, date_to=args.date_to,
                       sources=args.source or None)
    if args.json:
        print_json(reports)
    else:
        print_table(reports, REPROCESS_COLUMNS)
    return run_exit(reports)


def cmd_vacuum(args, settings: Settings) -> int:
    from flows.context import RunContext
    from flows.maintenance import vacuum_lake

    removed = vacuum_lake(RunContext.start("vacuum", args.lake, "", None, settings), args.keep_days, date.today())
    if args.json:
        print_json({"table": "raw_pages", "removed_files": removed, "keep_days": args.keep_days})
        return EXIT_OK
    print(f"raw_pages: removed {removed} files fetched more than {args.keep_days} days ago")
    return EXIT_OK


def cmd_cluster(args, settings: Settings) -> int:
    if args.explain:
        return _explain_cluster(args)
    prepare_prefect()
    from flows import temporary_api
    from flows.cluster import cluster

    with temporary_api.serving():
        r = cluster(lake=args.lake, window_end=args.window_end, days=args.days)
    if args.json:
        print_json(r)
        return EXIT_OK
    print(f"window {r['window_start']} .. {r['window_end']}: {r['articles']} articles, "
          f"{r['clusters']} clusters holding {r['clustered_articles']} articles")
    return EXIT_OK


def cmd_cluster_texts(args, settings: Settings) -> int:
    from flows.cluster import cluster_texts
    from flows.pages import read_page

    try:
        text = read_page(Path(args.file)).decode("utf-8")
    except OSError as exc:
        return _usage(f"cannot read {args.file}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        return _usage(f"{args.file} is not UTF-8 text: {exc}")
    try:
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        return _usage(f"{args.file} is not JSON lines: line {exc.lineno}: {exc.msg}")
    clustered = cluster_texts(items)
    if args.explain:
        from flows.cluster import explain_members

        cluster_of = {out["id"]: out["cluster_id"] for out in clustered}
        if args.explain not in cluster_of:
            print(f"kabar: no item has id {args.explain!r}", file=sys.stderr)
            return EXIT_USAGE
        chosen = cluster_of[args.explain]
        members = [item for item in items if cluster_of[item["id"]] == chosen]
        for out in explain_members(members, chosen, raw=True):
            print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    for out in clustered:
        print(json.dumps(out, ensure_ascii=False))
    return EXIT_OK


def _explain_cluster(args) -> int:
    from flows.cluster import explain_lake_cluster

    found = explain_lake_cluster(args.lake, args.explain, args.window_end, args.days)
    if found is None:
        print(f"kabar: no cluster of the window ending {args.window_end or 'today (WIB)'} holds {args.explain!r}; "
              "run kabar cluster for that window first", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"cluster {found['cluster_id']} (window {found['window_start']} .. {found['window_end']}): "
          f"{len(found['members'])} articles")
    for member in found["members"]:
        print(f"{'representative' if member['representative'] else 'member':<15}{member['source']:<15}"
              f"{member['published_at'] or '':<27}{member['id']}  {member['title']}")
        if not member["representative"] and "probability" in member:
            top = ", ".join(f"{e['feature']} {e['value']:g} ({e['contribution']:+.2f})" for e in member["evidence"][:5])
            print(f"{'':15}joined with p={member['probability']:.3f}: {top}")
    return EXIT_OK


def cmd_demo(args, settings: Settings) -> int:
    prepare_prefect()
    from flows.ingest import ingest
    from spiders.mirror_server import MirrorServer

    with MirrorServer(port=args.port) as mirror:
        print(f"mirror of {len(mirror.routes)} outlet URLs serving on {mirror.url}", flush=True,
              file=sys.stderr if args.json else sys.stdout)  # stdout holds the JSON alone
        reports = run(ingest, settings, lake=args.lake, replay=mirror.url, progress=args.progress)
        article_fetches = sum(mirror.page_hits.values())
    if args.json:
        print_json(reports)
        return run_exit(reports)
    print_run(reports, args.lake, INGEST_COLUMNS, reasons=True)
    lake = os.path.abspath(args.lake)
    print(f"\narticle pages fetched from the mirror: {article_fetches}")
    query = (f"SELECT source, published_date, count(*) AS articles FROM read_parquet('{lake}/articles/**/*.parquet', "
             f"hive_partitioning=true) GROUP BY ALL ORDER BY ALL")
    print("look at the result with DuckDB:")
    print(f"  {sys.executable} -c \"import duckdb; duckdb.sql(\\\"{query}\\\").show(max_rows=100)\"")
    return run_exit(reports)


def cmd_mirror_serve(args, settings: Settings) -> int:
    from spiders.mirror_server import MirrorServer

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


def cmd_serve(args, settings: Settings) -> int:
    apply_prefect_defaults()
    from flows.serve import serve_schedules

    serve_schedules(Path(args.config))
    return EXIT_OK


def cmd_sources(args, settings: Settings) -> int:
    from spiders.registry import load_registry

    registry = load_registry(settings.sources_dir)
    sources = registry.sources
    if args.action == "check":
        return _check_sources(args, settings, registry)
    if args.action == "reset":
        return _reset_endpoints(args, settings, sources)
    rows = [{"id": s.id, "name": s.name, "feeds": len(s.feeds), "sitemaps": len(s.sitemaps),
             "index": len(s.index_pages), "unverified": sum(not e.verified for e in s.feeds + s.sitemaps + s.index_pages),
             "delay": s.politeness.delay_seconds, "file": s.path, "error": None} for s in sources.values()]
    rows += [{"id": sid, "name": None, "file": None, "error": why} for sid, why in registry.broken.items()]
    if args.json:
        print_json(rows)
    else:
        print_table([r for r in rows if not r["error"]], SOURCES_COLUMNS)
        for r in rows:
            if r["error"]:
                print(f"! {r['id']} disabled: {r['error']}")
    return EXIT_OK


def _check_sources(args, settings: Settings, registry) -> int:
    """Without --live: the files are valid (exit 2 naming each broken one). With --live:
    one source tried end to end (flows/source_check.py); exit 1 when it needs attention."""
    if args.live:
        if not args.source:
            return _usage("sources check --live needs a source id")
        if args.source in registry.broken:
            return _usage(registry.broken[args.source])
        if args.source not in registry.sources:
            return _usage(f"unknown source {args.source!r} (known: {', '.join(sorted(registry.sources))})")
        from flows.source_check import check_source

        found = check_source(registry.sources[args.source], settings, settings.replay_or_default(args.replay),
                             date.fromisoformat(args.day) if args.day else None)
        if args.json:
            print_json(found)
        else:
            _print_check(found)
        return EXIT_PARTIAL if found["needs_attention"] else EXIT_OK
    broken = {sid: why for sid, why in registry.broken.items() if not args.source or sid == args.source}
    if args.source and args.source not in registry.sources and not broken:
        return _usage(f"unknown source {args.source!r}")
    for why in broken.values():
        print(f"kabar: {why}", file=sys.stderr)
    checked = [args.source] if args.source else list(registry.sources)
    valid = sum(sid in registry.sources for sid in checked)
    print(f"{valid} source files valid" + (f", {len(broken)} broken" if broken else ""))
    return EXIT_USAGE if broken else EXIT_OK


CHECK_COLUMNS = [Column("kind"), Column("url"), Column("ok"), Column("entries"), Column("error")]
SAMPLE_COLUMNS = [Column("page"), Column("title"), Column("writers"), Column("time"), Column("body_chars", "body"),
                  Column("category"), Column("error")]


def _print_check(found: dict) -> None:
    from flows.source_check import FIELDS

    print(f"{found['source']}: feeds and sitemaps")
    print_table(found["endpoints"], CHECK_COLUMNS)
    if found["index"]:
        i = found["index"]
        print(f"index {i['template']} on {i['day']}: {i['links']} links on {i['pages']} pages"
              + (f"; {i['error']}" if i["error"] else ""))
    print()
    print_table([{"page": a["url"].split("/", 3)[-1][:48], "title": "yes" if a["title"] else "NO",
                  "writers": len(a["writers"]), "time": (a["published_at"] or "NO")[:16], "body_chars": a["body_chars"],
                  "category": a["category"], "error": (a["error"] or "")[:40] or None} for a in found["sample"]],
                SAMPLE_COLUMNS)
    c = found["completeness"]
    print(f"\nfields in {c['of']} sampled articles: " + ", ".join(f"{k} {c[k]}/{c['of']}" for k in FIELDS))
    for s in found["suspects"][:10]:
        print(f"  boilerplate? ({s['articles']} articles) {s['line']}")
    for why in found["needs_attention"]:
        print(f"! {why}")


def _reset_endpoints(args, settings: Settings, sources: dict) -> int:
    from flows.context import RunContext
    from flows.maintenance import UnknownEndpoint, reset_endpoints

    if args.source not in sources:
        return _usage(f"sources reset needs a source id, one of: {', '.join(sources)}")
    try:
        result = reset_endpoints(RunContext.start("reset", args.lake, "", None, settings), args.source, args.url)
    except UnknownEndpoint as exc:
        return _usage(str(exc))
    for url in result.reinstated:
        print(f"reinstated {url}")
    print(f"{args.source}: {len(result.reinstated)} of {result.looked_at} endpoints were retired or backing off")
    return EXIT_OK


def cmd_extract(args, settings: Settings) -> int:
    """One JSON object per page; with --batch, one line per manifest line, in order. A page
    that cannot be read or parsed prints {"url", "error"} and the exit code becomes 1."""
    from flows.pages import batch_jobs, extract_saved

    if bool(args.file) == bool(args.batch) or (args.file and not args.url):
        print("kabar extract: give FILE --url URL, or --batch MANIFEST.jsonl", file=sys.stderr)
        return EXIT_USAGE
    jobs = [(Path(args.file), args.url)] if args.file else batch_jobs(Path(args.batch))
    failed = 0
    for result, error in extract_saved(jobs):
        failed += error
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failed else EXIT_OK
