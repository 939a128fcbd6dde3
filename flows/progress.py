"""Progress of long runs: a bar per source on a terminal, plain lines elsewhere (logs, CI)."""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, totals: dict[str, int], enabled: bool, out=None):
        self.out = out or sys.stderr
        self.totals, self.done = totals, {k: 0 for k in totals}
        self.enabled = enabled
        self.tty = enabled and self.out.isatty()
        self.width = max((len(k) for k in totals), default=0)

    def advance(self, key: str, note: str = "") -> None:
        if not self.enabled:
            return
        self.done[key] += 1
        done, total = self.done[key], self.totals[key]
        if self.tty:
            filled = int(24 * done / max(total, 1))
            bar = "#" * filled + "-" * (24 - filled)
            self.out.write(f"\r{key:<{self.width}} [{bar}] {done}/{total} {note:<32}")
            if done == total:
                self.out.write("\n")
        else:
            self.out.write(f"{key:<{self.width}} {done}/{total} {note}\n")
        self.out.flush()

    def close(self) -> None:
        if self.tty:
            self.out.write("\n")
            self.out.flush()
