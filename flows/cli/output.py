"""Printing for the command line: one table printer for every command that prints a
table, and the JSON form of the same rows (`--json`)."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Column:
    key: str
    header: str = ""  # default: the key
    total: bool = False  # summed in the total line

    @property
    def title(self) -> str:
        return self.header or self.key


def _cell(value) -> str:
    return "-" if value is None else str(value)


def print_table(rows: list[dict], columns: list[Column], out: TextIO = sys.stdout) -> None:
    """Columns as wide as their header and values, a rule under the header, and a total
    line when a column is summed (the first column then says `total`)."""
    cells = [[_cell(r.get(c.key)) for c in columns] for r in rows]
    widths = [max([len(c.title)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    header = "  ".join(c.title.ljust(w) for c, w in zip(columns, widths))
    print(header, file=out)
    print("-" * len(header), file=out)
    for row in cells:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)), file=out)
    if any(c.total for c in columns):
        total = [str(sum(r.get(c.key) or 0 for r in rows)) if c.total else "" for c in columns]
        total[0] = "total"
        print("  ".join(cell.ljust(w) for cell, w in zip(total, widths)), file=out)


def _plain(value) -> str:
    """Times as ISO 8601 (what JSON readers and docs/schemas/ expect), anything else as text."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def print_json(value, out: TextIO = sys.stdout) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=_plain), file=out)
