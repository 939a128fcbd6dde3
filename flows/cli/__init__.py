"""The `kabar` command line: argument parsing (parser.py), one handler per command that
calls the flows and prints (commands.py), one table printer (output.py), and the entry
that ties them together (entry.py).

Exit codes: 0 done, 1 done with failed sources, 2 bad usage or configuration."""
from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    # Imported here, not at the top: the extraction pool's processes are spawned, and a
    # spawned process imports the parent's main script (the `kabar` console script, which
    # imports this package). Importing Prefect and the flows there cost each extraction
    # process ~120 MB it never used.
    from flows.cli.entry import run

    return run(argv)
