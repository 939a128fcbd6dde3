"""What `kabar` does when it runs: read the settings, parse the arguments, check the
lake, call the command's handler, and turn configuration errors into exit code 2."""
from __future__ import annotations

import os
import sys

from flows.cli.commands import EXIT_OK, EXIT_USAGE
from flows.cli.parser import build_parser
from flows.fanout import FanOutUnavailable
from flows.settings import Settings, SettingsError


def lake_problem(args, settings: Settings) -> str | None:
    """Why the command cannot use its lake: empty, not writable for a command that writes,
    missing for one that only reads."""
    if getattr(args, "lake_use", None) is None:
        return None
    files = settings.open_lake(args.lake).files  # an empty lake raises SettingsError
    if args.lake_use == "writes":
        problem = files.check_writable()
        return f"the lake cannot be written: {problem}" if problem else None
    if not files.is_object_store and not os.path.isdir(files.base):
        return f"there is no lake at {files.base} (--lake or KABAR_LAKE)"
    return None


def range_problem(args) -> str | None:
    """A --from/--to pair the wrong way round (every command with a day range)."""
    first, last = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if first and last and last < first:  # both YYYY-MM-DD: text order is day order
        return f"--to {last} is before --from {first}"
    return None


BAR_COMMANDS = ("ingest", "backfill", "demo")  # they draw progress bars (serve's logs are its output)


def apply_global_options(args, environ=os.environ) -> None:
    """-q/-v and the sources options, as the environment every part of the run reads
    (the flows and the crawler processes read settings from it, not from arguments).
    On a terminal, Prefect's INFO lines would cut the progress bars: they show with -v."""
    verbosity = getattr(args, "verbosity", 0)
    if verbosity or (sys.stderr.isatty() and getattr(args, "command", None) in BAR_COMMANDS):
        environ["PREFECT_LOGGING_LEVEL"] = {-1: "WARNING", 0: environ.get("PREFECT_LOGGING_LEVEL", "WARNING"),
                                            1: "INFO"}[verbosity]
    args.progress = verbosity >= 0 and not getattr(args, "json", False)
    if dirs := getattr(args, "sources_dir", None):
        environ["KABAR_SOURCES_DIR"] = os.pathsep.join(os.path.abspath(os.path.expanduser(d)) for d in dirs)
    if getattr(args, "replace_sources", False):
        environ["KABAR_SOURCES_REPLACE"] = "1"


def run(argv: list[str] | None = None) -> int:
    """The command's exit code; a closed pipe (`kabar status | head`) ends it quietly."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # Python would complain again flushing stdout at exit: point it at nothing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(argv: list[str] | None) -> int:
    from spiders.registry import SourceConfigError

    try:
        settings = Settings.from_env()
        args = build_parser(settings).parse_args(argv)
        apply_global_options(args)
        settings = Settings.from_env()  # with the command line's sources options
    except SettingsError as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if problem := range_problem(args):
        print(f"kabar {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if problem := lake_problem(args, settings):  # before any network work or Prefect
            print(f"kabar: {problem}", file=sys.stderr)
            return EXIT_USAGE
        return args.func(args, settings)
    except (SourceConfigError, SettingsError, FanOutUnavailable) as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
