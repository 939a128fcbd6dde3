"""The `kabar` command line: argument parsing (parser.py), one handler per command that
calls the flows and prints (commands.py), one table printer (output.py).

Exit codes: 0 done, 1 done with failed sources, 2 bad usage or configuration."""
from __future__ import annotations

import sys

from flows.cli.commands import EXIT_USAGE
from flows.cli.parser import build_parser
from flows.fanout import FanOutUnavailable
from flows.settings import Settings, SettingsError


def main(argv: list[str] | None = None) -> int:
    from spiders.registry import SourceConfigError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser(settings).parse_args(argv)
    try:
        if getattr(args, "lake", None) is not None:
            settings.open_lake(args.lake)  # an empty lake fails here, before any work
        return args.func(args, settings)
    except (SourceConfigError, SettingsError, FanOutUnavailable) as exc:
        print(f"kabar: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
