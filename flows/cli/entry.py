"""What `kabar` does when it runs: read the settings, parse the arguments, check the
lake, call the command's handler, and turn configuration errors into exit code 2."""
from __future__ import annotations

import os
import sys

from flows.cli.commands import EXIT_USAGE
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


def run(argv: list[str] | None = None) -> int:
    from spiders.registry import SourceConfigError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser(settings).parse_args(argv)
    try:
        if problem := lake_problem(args, settings):  # before any network work or Prefect
            print(f"kabar: {problem}", file=sys.stderr)
            return EXIT_USAGE
        return args.func(args, settings)
    except (SourceConfigError, SettingsError, FanOutUnavailable) as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
