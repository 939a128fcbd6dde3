"""The argument parser: every command and option, the shared ones declared once."""
from __future__ import annotations

import argparse
from datetime import date

from flows.cli import commands as c
from flows.serve import PREFECT_YAML
from flows.settings import Settings
from storage.lake import COMPACTED_TABLES


def iso_day(text: str) -> str:
    """A YYYY-MM-DD day (argparse answers a bad one with a message and exit 2)."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kabar")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def port(text: str) -> int:
    value = at_least(0)(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port (0-65535)")
    return value


def at_least(low: int):
    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{value} is less than {low}")
        return value
    return number


EXIT_CODES = "exit codes: 0 done; 1 done, but a source or day needs attention (failed, backing off, busy); " \
             "2 bad usage or configuration (nothing was done)"
EXAMPLES = {
    "ingest": ["kabar ingest", "kabar ingest --source detik --source kompas --json",
               "KABAR_REPLAY=http://127.0.0.1:8765 kabar ingest"],
    "backfill": ["kabar backfill --source detik --from 2026-11-01 --to 2026-11-30",
                 "kabar backfill --all-sources --from 2026-11-20 --to 2026-11-26 --gaps --dry-run"],
    "coverage": ["kabar coverage --from 2026-11-20 --to 2026-11-26 --source kompas"],
    "status": ["kabar status", "kabar status --json | jq '.[] | select(.failing_endpoints > 0)'"],
    "report": ["kabar report --out report.html", "kabar report --out /srv/www/kabar.html --to 2026-11-26 --days 30 --no-png"],
    "cluster": ["kabar cluster --window-end 2026-11-26 --days 7", "kabar cluster --explain 3f2a…"],
    "sources": ["kabar sources list", "kabar sources check", "kabar sources check detik --live --json",
                "kabar --sources-dir ~/kabar-sources sources list"],
    "extract": ["kabar extract page.html --url https://news.detik.com/berita/d-1/x",
                "kabar extract --batch pages.jsonl"],
}


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Every option's default in its help, unless the help already names it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


def environment_help() -> str:
    from flows.settings import VARIABLES

    return "environment:\n" + "\n".join(f"  {v.name:28} {v.meaning.replace('`', '')}"
                                         + (f" (default {v.default})" if v.default else "") for v in VARIABLES)


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kabar", description="Indonesian news into a Parquet lake.",
                                     formatter_class=HelpFormatter, epilog=f"{environment_help()}\n\n{EXIT_CODES}")
    parser.add_argument("--version", action="version", version=f"kabar {package_version()}")
    common = argparse.ArgumentParser(add_help=False)  # on every command: `kabar ingest -q` as well as `kabar -q ingest`
    for target in (parser, common):
        loudness = target.add_mutually_exclusive_group()
        loudness.add_argument("-q", "--quiet", action="store_const", const=-1, dest="verbosity", default=argparse.SUPPRESS,
                              help="warnings and errors only; no progress bars")
        loudness.add_argument("-v", "--verbose", action="store_const", const=1, dest="verbosity",
                              default=argparse.SUPPRESS, help="Prefect's run logs as well (INFO)")
        target.add_argument("--sources-dir", action="append", metavar="DIR", default=argparse.SUPPRESS,
                            help="a directory of source files added to the built-in ones (repeatable; KABAR_SOURCES_DIR)")
        target.add_argument("--replace-sources", action="store_true", default=argparse.SUPPRESS,
                            help="the --sources-dir directories replace the built-in sources (KABAR_SOURCES_REPLACE=1)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help: str, *, lake: str | None = "writes", json: bool = False) -> argparse.ArgumentParser:
        """`lake`: "writes" (it must be writable), "reads" (it must exist), "option" (the
        handler checks it where it uses it) or None (no --lake)."""
        examples = "\n".join(f"  {e}" for e in EXAMPLES.get(name, ()))
        p = sub.add_parser(name, help=help, description=help, parents=[common], formatter_class=HelpFormatter,
                           epilog=(f"examples:\n{examples}\n\n" if examples else "") + EXIT_CODES)
        if lake:
            p.add_argument("--lake", default=settings.lake,
                           help=f"a local path or s3://bucket/prefix (KABAR_LAKE; default {settings.lake})")
        if json:
            p.add_argument("--json", action="store_true", help="print the table as JSON")
        p.set_defaults(func=handler, lake_use=None if lake == "option" else lake)
        return p

    def sources_option(p: argparse.ArgumentParser, help: str = "a source id (repeatable); default all") -> None:
        p.add_argument("--source", action="append", help=help)

    def replay_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--replay", default=None, help="mirror URL to replay outlets from (or KABAR_REPLAY)")

    def fan_out_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--fan-out", action="store_true",
                       help="each source as a flow run of its deployment, for the workers of a Prefect server")

    p = command("ingest", c.cmd_ingest, "collect new articles from the sources' feeds and news sitemaps", json=True)
    sources_option(p)
    replay_option(p)
    fan_out_option(p)

    p = command("backfill", c.cmd_backfill, "collect whole past days from dated index pages and news sitemaps",
                json=True)
    sources_option(p, "a source id (repeatable)")
    p.add_argument("--all-sources", action="store_true", help="every source with a dated index or news sitemap")
    p.add_argument("--from", dest="date_from", required=True, type=iso_day, help="first day, YYYY-MM-DD (the source's zone)")
    p.add_argument("--to", dest="date_to", required=True, type=iso_day, help="last day, YYYY-MM-DD")
    p.add_argument("--yes", action="store_true", help=f"allow a backfill of more than {c.LONG_BACKFILL_DAYS} days")
    p.add_argument("--refresh", action="store_true", help="fetch again and update changed articles in place")
    p.add_argument("--gaps", action="store_true", help="fetch what the stored listings have and the lake lacks")
    p.add_argument("--dry-run", action="store_true", help="print what each source and day would do; fetch and write "
                                                          "nothing")
    replay_option(p)
    fan_out_option(p)

    p = command("coverage", c.cmd_coverage, "per source and day: listed by the index/sitemaps vs in the lake", json=True,
                lake="reads")
    sources_option(p)
    p.add_argument("--from", dest="date_from", required=True, type=iso_day, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=iso_day, help="last day, YYYY-MM-DD")

    p = command("status", c.cmd_status, "per source: last run and success, articles against the usual rate, lag, "
                "failing feeds, lease holder", json=True,
                lake="reads")
    p.add_argument("--days", type=at_least(0), default=30, help="look for runs this many days back (default 30)")

    p = command("report", c.cmd_report, "one self-contained HTML page (and a PNG of it, with Chromium): coverage, "
                "articles, rejects, feed health, clusters", json=True, lake="reads")
    p.add_argument("--out", default="kabar-report.html", help="the HTML file; the PNG is written beside it")
    p.add_argument("--to", dest="date_to", type=iso_day, help="last day, YYYY-MM-DD (default: today, WIB)")
    p.add_argument("--days", type=at_least(1), default=14, help="days shown (default 14)")
    p.add_argument("--no-png", action="store_true", help="do not draw the PNG (which needs Chromium)")

    p = command("compact", c.cmd_compact, "merge each partition's files into one, sorted; idempotent", json=True)
    p.add_argument("--table", default="all", choices=["all", *COMPACTED_TABLES], help="the table to compact")

    p = command("reprocess", c.cmd_reprocess, "rebuild articles from stored raw pages with the current extractor",
                json=True)
    p.add_argument("--from", dest="date_from", type=iso_day, help="first fetch day (UTC), YYYY-MM-DD; default: all")
    p.add_argument("--to", dest="date_to", type=iso_day, help="last fetch day (UTC), YYYY-MM-DD")
    sources_option(p)

    p = command("vacuum", c.cmd_vacuum, "apply the raw_pages retention", json=True)
    p.add_argument("--keep-days", type=at_least(1), default=settings.raw_retention_days,
                   help=f"days kept, at least 1: today's pages are never deleted "
                        f"(KABAR_RAW_RETENTION_DAYS; default {settings.raw_retention_days})")

    p = command("cluster", c.cmd_cluster, "near-duplicate clusters across outlets over a rolling window", json=True)
    p.add_argument("--window-end", type=iso_day, help="last publication day, YYYY-MM-DD (default: today, WIB)")
    p.add_argument("--days", type=at_least(1), default=7, help="days in the window (default 7)")
    p.add_argument("--explain", metavar="ID", help="do not cluster: show the evidence that joined each member of the "
                                                   "window's cluster ID (a cluster_id, or an article_id in it)")

    p = command("cluster-texts", c.cmd_cluster_texts, 'cluster JSON lines {"id","title","text","published_at","source"}',
                lake=None)
    p.add_argument("file", help="JSON lines (plain or .gz)")
    p.add_argument("--explain", metavar="ID", help="print, as JSON, the evidence that joined each member of the cluster "
                                                   "holding item ID, instead of the cluster of every item")

    p = command("demo", c.cmd_demo, "serve the offline mirror and ingest from it", json=True)
    p.add_argument("--port", type=port, default=0, help="the mirror's port (0: any free one)")

    p = command("mirror", c.cmd_mirror_serve, "the offline mirror", lake=None)
    p.add_argument("action", choices=["serve"], help="serve: until interrupted")
    p.add_argument("--port", type=port, default=8765, help="the port on 127.0.0.1")

    p = command("serve", c.cmd_serve, "serve the deployments and schedules of prefect.yaml from this process",
                lake=None)
    p.add_argument("--config", default=str(PREFECT_YAML), help=f"the deployments (default {PREFECT_YAML})")

    p = command("sources", c.cmd_sources, "list or check the source registry; reset a source's retired feeds", json=True,
                lake="option")  # only reset writes the lake
    p.add_argument("action", choices=["list", "check", "reset"],
                   help="list the sources; check the files (or one source --live); reset a source's retired feeds")
    p.add_argument("source", nargs="?", help="with check: only this source; with reset: the source id")
    p.add_argument("--live", action="store_true", help="with check: fetch the source's feeds, sitemaps and one index "
                                                       "day, extract a sample of articles, report what is missing")
    p.add_argument("--day", type=iso_day, help="with check --live: the index day (default: yesterday in the source's zone)")
    replay_option(p)
    p.add_argument("--url", help="with reset: only this feed or sitemap")

    p = command("extract", c.cmd_extract, "extract saved pages (plain or .gz) and print JSON", lake=None)
    p.add_argument("file", nargs="?", help="a saved page, plain or .gz")
    p.add_argument("--url", help="the URL the page was fetched from (links are resolved against it)")
    p.add_argument("--batch", help='JSON lines of {"path": ..., "url": ...}; paths relative to the file')
    return parser
