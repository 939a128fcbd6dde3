"""`kabar report` over a lake the demo, a backfill and a clustering wrote, opened in
headless Chromium (Debian's chromium; CI installs it): the page's charts hold the lake's
numbers, and the screenshot shows the heatmap."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.report import CHROMIUM_FLAGS, find_chromium
from flows.report_page import _share_colour
from png_pixels import colour_counts
from test_operator_cli import kabar

FIRST_DAY = date(2026, 11, 13)  # the mirror's first archive day
BACKFILLED = ["detik", "kompas"]


@pytest.fixture(scope="module")
def chromium():
    found = find_chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (Debian's chromium package) for the report test")
        pytest.skip("no Chromium here: apt-get install chromium")
    return found


@pytest.fixture(scope="module")
def reported_lake(tmp_path_factory):
    from spiders.mirror_server import MirrorServer

    root = tmp_path_factory.mktemp("report")
    lake, env = root / "lake", {**os.environ, "PREFECT_HOME": str(root / "prefect")}
    with MirrorServer() as mirror:
        steps = [("demo", "--lake", str(lake)),
                 ("backfill", *[a for s in BACKFILLED for a in ("--source", s)], "--from", "2026-11-24",
                  "--to", "2026-11-26", "--replay", mirror.url, "--lake", str(lake)),
                 ("cluster", "--window-end", "2026-11-26", "--lake", str(lake))]
        for step in steps:
            done = kabar(*step, env=env)
            assert done.returncode in (0, 1), done.stdout + done.stderr
    return root, lake, env


@pytest.mark.slow
def test_report_in_chromium_shows_the_lakes_numbers_and_the_heatmap(reported_lake, chromium):
    root, lake, env = reported_lake
    days = (date.today() - FIRST_DAY).days + 1  # through today: rejects count on the day they happened
    out = root / "page" / "report.html"
    made = kabar("report", "--lake", str(lake), "--out", str(out), "--days", str(days), env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    html = out.read_text()
    assert "<script" not in html and "http://" not in html.split("</style>")[0]  # self-contained

    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", out.as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
    cells = re.findall(r'<rect class="cell"[^>]*data-source="(\w+)" data-day="([\d-]+)" data-in-lake="(\d+)" '
                       r'data-listed="(\d*)"', dom)
    sources = {c[0] for c in cells}
    assert len(cells) == len(sources) * days and set(BACKFILLED) <= sources

    in_lake = Counter({(s, d.isoformat()): n for s, d, n in duckdb.sql(
        f"SELECT source, published_date, count(*) FROM read_parquet('{lake}/articles/**/*.parquet', "
        f"hive_partitioning=true) WHERE published_date >= DATE '{FIRST_DAY}' GROUP BY ALL").fetchall()})
    assert {(s, d): int(n) for s, d, n, _ in cells if int(n)} == dict(in_lake)
    listed = {(s, d): int(n) for s, d, _, n in cells if n}
    assert {s for s, _ in listed} == set(BACKFILLED) and len(listed) == 2 * 3
    assert int(re.search(r'data-articles="(\d+)"', dom).group(1)) == sum(in_lake.values())
    rejects = duckdb.sql(f"SELECT count(*) FROM read_parquet('{lake}/rejects/**/*.parquet')").fetchall()[0][0]
    assert int(re.search(r'data-rejects="(\d+)"', dom).group(1)) == rejects > 0
    assert len(re.findall(r'<rect class="bar"[^>]*data-series', dom)) > 0
    assert re.search(r'<table id="largest-clusters">.*?<td>2</td>', dom, re.S)  # the syndicated pair

    png = out.with_suffix(".png")
    assert png.exists()
    keep = Path(os.environ.get("KABAR_ARTIFACTS") or root)  # CI keeps its artefacts there
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, keep / "report-screenshot.png")
    colours = colour_counts(png.read_bytes())
    complete = tuple(int(v) for v in re.findall(r"\d+", _share_colour(1.0)))
    assert colours[complete] > 6 * 30 * 15  # the six backfilled cells drawn green, each about 44 × 20 pixels
    blue = sum(n for (r, g, b), n in colours.items() if b == 245 and r < 230 and g == r + 15)
    assert blue > 20 * 30 * 15  # and the feed-only days in blue


def test_report_of_a_missing_lake_is_a_usage_error(tmp_path):
    done = kabar("report", "--lake", str(tmp_path / "nope"), "--out", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "there is no lake" in done.stderr
