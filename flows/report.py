"""`kabar report`: what the lake holds and how collection went, gathered for one page
(flows/report_page.py draws it) — coverage per source and day (listed by the dated index
and sitemaps vs in the lake), articles per source and day, reject reasons per day, feed
health, and the near-duplicate clusters of the newest window. Chromium, when installed,
turns the page into a PNG."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds

from flows.backfill import days_between
from flows.coverage import coverage
from flows.settings import Settings
from flows.status import endpoints_of
from spiders.registry import load_registry
from storage.lake import Lake

LARGEST_CLUSTERS = 10
TOP_REASONS = 6  # reject reasons drawn apart; the rest are "other"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless Chromium on a server: no sandbox (root in a container), no GPU, and nothing
# that reaches the network on start-up.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def report_data(settings: Settings, lake_root: str, last_day: date, days: int) -> dict:
    lake = settings.open_lake(lake_root)
    sources = sorted(load_registry(settings.sources_dir).sources)
    first = last_day - timedelta(days=days - 1)
    day_list = days_between(first, last_day)
    articles = lake.read("articles", ["article_id", "source", "title", "published_date"],
                         (ds.field("published_date") >= first) & (ds.field("published_date") <= last_day)).to_pylist()
    per_day = Counter((a["source"], a["published_date"].isoformat()) for a in articles)
    listed = {(r["source"], r["day"]): r for r in coverage(lake_root, sources, first.isoformat(), last_day.isoformat(),
                                                           settings.sources_dir, settings)}
    cells = [{"source": s, "day": d.isoformat(), "in_lake": per_day.get((s, d.isoformat()), 0),
              "listed": listed[(s, d.isoformat())]["listed"], "listed_in_lake": listed[(s, d.isoformat())]["in_lake"],
              "state": listed[(s, d.isoformat())]["state"]} for s in sources for d in day_list]
    rejects = lake.read("rejects", ["reason", "run_date"],
                        (ds.field("run_date") >= first) & (ds.field("run_date") <= last_day)).to_pylist()
    return {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "lake": lake_root,
        "days": [d.isoformat() for d in day_list], "sources": sources, "cells": cells, "articles": len(articles),
        "rejects": _rejects_by_day(rejects, day_list),
        "feeds": [{"source": sid, **e} for sid in sources for e in endpoints_of(lake, sid)],
        "clusters": _clusters(lake, {a["article_id"]: a for a in articles}),
    }


def _rejects_by_day(rejects: list[dict], day_list: list[date]) -> dict:
    totals = Counter(r["reason"] for r in rejects)
    top = [reason for reason, _ in totals.most_common(TOP_REASONS)]
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in rejects:
        counts[r["run_date"].isoformat()][r["reason"] if r["reason"] in top else "other"] += 1
    reasons = top + (["other"] if len(totals) > len(top) else [])
    return {"reasons": reasons, "total": sum(totals.values()),
            "per_day": [{"day": d.isoformat(), **{k: counts[d.isoformat()][k] for k in reasons}} for d in day_list]}


def _clusters(lake: Lake, articles: dict[str, dict]) -> dict:
    """The newest window's clusters: how many of each size, and the largest with titles
    (a title from the lake's articles when the article is in the report's days)."""
    ends = [d for d in lake.read("clusters", ["window_end"]).column("window_end").to_pylist() if d is not None]
    if not ends:
        return {"window_end": None, "sizes": {}, "largest": []}
    newest = max(ends)  # one window's rows only: the table keeps every window clustered
    rows = lake.read("clusters", ["article_id", "cluster_id", "source", "is_representative"],
                     ds.field("window_end") == newest).to_pylist()
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cluster[r["cluster_id"]].append(r)
    sizes = Counter(len(members) for members in by_cluster.values())
    largest = sorted(by_cluster.values(), key=lambda m: (-len(m), m[0]["cluster_id"]))[:LARGEST_CLUSTERS]
    return {"window_end": newest.isoformat(), "sizes": {str(k): v for k, v in sorted(sizes.items())},
            "largest": [{"cluster_id": m[0]["cluster_id"], "size": len(m),
                         "title": next((articles[r["article_id"]]["title"] for r in m
                                        if r["is_representative"] and r["article_id"] in articles), None),
                         "sources": sorted({r["source"] for r in m})} for m in largest]}


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 2000, timeout: float = 120) -> None:
    """The page as a PNG through headless Chromium (a fresh profile each time); raises
    RuntimeError when there is no Chromium or it fails."""
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("no Chromium found (" + ", ".join(CHROMIUM_NAMES) + "): install Debian's chromium package")
    with tempfile.TemporaryDirectory(prefix="kabar-chromium-") as profile:
        done = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                               f"--screenshot={png.resolve()}", html.resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not png.exists():
        raise RuntimeError(f"Chromium could not draw {html}: {done.stderr.strip()[-500:]}")
