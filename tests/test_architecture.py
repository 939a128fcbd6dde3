"""The house's layering, checked on the code's own imports and calls (docs/architecture.md):

- transforms/ is pure: it imports no other room of ours (spiders, storage, flows, tools),
  no I/O module (os, pathlib, time, subprocess, sockets, HTTP clients, pyarrow's file
  layers), reads no environment and no clock, and opens no file;
- spiders/ knows HTTP and nothing about Parquet: no pyarrow, no storage, no flows;
- storage/ is used by flows only: it imports neither spiders nor flows;
- tools/ makes data and imports neither flows nor storage.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN_IMPORTS = {
    "transforms": ("spiders", "storage", "flows", "tools", "os", "pathlib", "shutil", "tempfile", "glob", "time",
                   "subprocess", "socket", "httpx", "requests", "urllib.request", "pyarrow.fs", "pyarrow.parquet",
                   "pyarrow.dataset", "prefect", "scrapy"),
    "spiders": ("pyarrow", "storage", "flows", "duckdb", "polars"),
    "storage": ("spiders", "flows", "prefect", "scrapy", "httpx"),
    "tools": ("flows", "storage"),
}
CLOCK_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today")}


def modules(room: str) -> list[Path]:
    return sorted((REPO / room).rglob("*.py"))


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def impure_calls(tree: ast.AST) -> list[tuple[int, str]]:
    """Reads of the environment or the clock, and files opened."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                found.append((node.lineno, "open()"))
            elif isinstance(func, ast.Attribute):
                owner = func.value.attr if isinstance(func.value, ast.Attribute) else getattr(func.value, "id", "")
                if (owner, func.attr) in CLOCK_CALLS:
                    found.append((node.lineno, f"{owner}.{func.attr}()"))
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = node.attr if isinstance(node, ast.Attribute) else node.id
            if name in ("environ", "getenv", "environb"):
                found.append((node.lineno, name))
    return found


def violations(room: str) -> list[str]:
    out = []
    for path in modules(room):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(REPO)
        for line, module in imported(tree):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN_IMPORTS[room]):
                out.append(f"{where}:{line} imports {module}")
        if room == "transforms":
            out += [f"{where}:{line} {what}" for line, what in impure_calls(tree)]
    return out


@pytest.mark.parametrize("room", sorted(FORBIDDEN_IMPORTS))
def test_rooms_keep_their_contracts(room):
    assert modules(room), f"no modules found in {room}/"
    assert violations(room) == []


def test_the_check_sees_what_it_forbids(tmp_path):
    tree = ast.parse("import os\nfrom datetime import datetime\nx = os.environ['A']\ny = datetime.now()\nopen('f')\n")
    assert [m for _, m in imported(tree)] == ["os", "datetime"]
    assert sorted(what for _, what in impure_calls(tree)) == ["datetime.now()", "environ", "open()"]
