"""Extraction quality and speed: kabar against plain trafilatura, side by side.

    python bench/extraction.py [--sets aeb,id-2016,mirror,wide] [--benchmarks DIR] [--show-failures]

`mirror` is the committed mirror (a regression set: its pages are ours); `wide` builds the
wide mirror (every outlet, 25 varied texts an outlet-day, tools/mirror/wide.py) to a
temporary folder first.

Scoring follows ../shared/benchmarks/README.md: body F1 over 4-token shingles (P and R
averaged over documents, F1 from the averages), exact title after folding case and space,
author sets, publication instant within 60 s with an explicit offset (day-level gold: the
WIB day), leaks = `without` strings found in the body. Both extractors run on each page in
turn, so their times are measured under the same machine load.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parent.parent

from tools.mirror.wide import build_wide
from transforms.extraction.extract import extract_article

WIB = timezone(timedelta(hours=7))
DEFAULT_BENCHMARKS = REPO.parent / "shared" / "benchmarks" / "extraction"


def shingles(text: str) -> Counter:
    tokens = re.findall(r"\w+", (text or "").lower())
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(0, len(tokens) - 3)))


def precision_recall(pred: str, gold: str) -> tuple[float, float]:
    p, g = shingles(pred), shingles(gold)
    common = sum((p & g).values())
    precision = common / sum(p.values()) if p else (1.0 if not g else 0.0)
    recall = common / sum(g.values()) if g else 1.0
    return precision, recall


def fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().lower()


def same_instant(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    try:
        got = datetime.fromisoformat(pred)
    except ValueError:
        return False
    if got.tzinfo is None:
        return False
    if len(gold) == 10:
        return got.astimezone(WIB).date().isoformat() == gold
    return abs((got - datetime.fromisoformat(gold)).total_seconds()) <= 60


def load_pages(benchmarks: Path, name: str) -> list[dict]:
    if name in ("mirror", "wide"):
        mirror = REPO / "data" / "mirror" if name == "mirror" else wide_mirror()
        routes = json.loads((mirror / "routes.json").read_text())
        manifest = json.loads((mirror / "manifest.json").read_text())
        pages = []
        for a in manifest["articles"]:
            key = a["url"].split("://", 1)[1]
            route = routes.get(key + "?page=all") or routes[key]
            later = [(mirror / "sites" / routes[f"{key}?page={n}"]["file"]).read_bytes()
                     for n in range(2, a.get("split_pages", 1) + 1)]  # a split article with no single-page variant
            pages.append({"html": (mirror / "sites" / route["file"]).read_bytes(), "continued": later,
                          "url": a["url"], "title": a["title"],
                          "authors": a["authors"], "published": a["published_at"], "body": a["body"],
                          "without": manifest["without"], "file": route["file"], "source": a["source"]})
        return pages
    folder = benchmarks / name
    pages = []
    for line in (folder / "gold.jsonl").read_text().splitlines():
        gold = json.loads(line)
        raw = (folder / gold["file"]).read_bytes()
        gold["html"] = gzip.decompress(raw) if gold["file"].endswith(".gz") else raw
        pages.append(gold)
    return pages


def wide_mirror() -> Path:
    """The wide mirror (every outlet, 25 varied texts a day for 3 days), built in a temporary folder."""
    out = Path(tempfile.mkdtemp(prefix="kabar-wide-"))
    build_wide(out, per_day=25, days=3)
    return out


def plain(html: bytes, url: str, continued: list[bytes] = ()) -> dict:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"body": "", "title": None, "authors": [], "published": None}
    authors = [a.strip() for a in re.split(r";|,", doc.author or "") if a.strip()]
    later = [trafilatura.bare_extraction(h, url=url) for h in continued]  # its pages' texts joined, as kabar's are
    body = "\n".join([doc.text or ""] + [d.text or "" for d in later if d is not None])
    return {"body": body, "title": doc.title, "authors": authors, "published": doc.date}


def kabar(html: bytes, url: str, continued: list[bytes] = ()) -> dict:
    art = extract_article(html, url, continued=continued)
    return {"body": art.body, "title": art.title, "authors": art.authors,
            "published": art.published_at.isoformat() if art.published_at else None}


SYSTEMS = {"trafilatura": plain, "kabar": kabar}


def score(pages: list[dict], show_failures: bool) -> dict:
    totals = {name: {"P": 0.0, "R": 0.0, "title": 0, "authors": 0, "minute": 0, "leaks": 0, "seconds": 0.0}
              for name in SYSTEMS}
    counts = {"pages": len(pages), "title": 0, "authors": 0, "minute": 0, "without": 0}
    for page in pages:
        counts["title"] += bool(page.get("title"))
        counts["authors"] += bool(page.get("authors"))
        counts["minute"] += bool(page.get("published"))
        counts["without"] += len(page.get("without") or [])
        for name, system in SYSTEMS.items():
            start = time.perf_counter()
            out = system(page["html"], page["url"], page.get("continued", []))
            totals[name]["seconds"] += time.perf_counter() - start
            t = totals[name]
            p, r = precision_recall(out["body"], page["body"])
            t["P"] += p
            t["R"] += r
            misses = []
            if page.get("title"):
                ok = fold(out["title"]) == fold(page["title"])
                t["title"] += ok
                misses += [] if ok else [f"title {out['title']!r} != {page['title']!r}"]
            if page.get("authors"):
                ok = {fold(a) for a in out["authors"]} == {fold(a) for a in page["authors"]}
                t["authors"] += ok
                misses += [] if ok else [f"authors {out['authors']} != {page['authors']}"]
            if page.get("published"):
                ok = same_instant(out["published"], page["published"])
                t["minute"] += ok
                misses += [] if ok else [f"published {out['published']} != {page['published']}"]
            leaks = [w for w in page.get("without") or [] if w.lower() in out["body"].lower()]
            t["leaks"] += len(leaks)
            misses += [f"leaks {leaks}"] if leaks else []
            if p < 0.9 or r < 0.9:
                misses.append(f"body P={p:.2f} R={r:.2f}")
            if show_failures and name == "kabar" and misses:
                print(f"  {page.get('file', page['url'])}: " + "; ".join(misses))
    return {"counts": counts, "totals": totals}


def report(name: str, result: dict) -> None:
    c = result["counts"]
    print(f"\n== {name}: {c['pages']} pages")
    print(f"{'system':12} {'body P':>7} {'body R':>7} {'body F1':>8} {'title':>7} {'authors':>8} {'minute':>7} {'leaks':>6} {'pages/s':>8}")
    for system, t in result["totals"].items():
        n = c["pages"]
        p, r = t["P"] / n, t["R"] / n
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{system:12} {p:7.3f} {r:7.3f} {f1:8.3f} {t['title']:>3}/{c['title']:<3} {t['authors']:>3}/{c['authors']:<4}"
              f" {t['minute']:>3}/{c['minute']:<3} {t['leaks']:>6} {n / t['seconds']:8.1f}")
    ratio = result["totals"]["kabar"]["seconds"] / result["totals"]["trafilatura"]["seconds"]
    print(f"kabar time / trafilatura time: {ratio:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="aeb,id-2016,mirror,wide")
    parser.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    for name in args.sets.split(","):
        pages = load_pages(args.benchmarks, name)
        print(f"\nscoring {name} ...", flush=True)
        report(name, score(pages, args.show_failures))
        if name in ("mirror", "wide"):
            report_by_source(pages)
    return 0


def report_by_source(pages: list[dict]) -> None:
    """kabar on each outlet of the mirror on its own: body F1, leaks, and title, writers
    and minute right, page for page."""
    print(f"\n{'source':14} {'pages':>5} {'body F1':>8} {'leaks':>6} {'title':>7} {'writers':>8} {'minute':>7}")
    for source in sorted({p["source"] for p in pages}):
        own = [p for p in pages if p["source"] == source]
        t = score(own, False)["totals"]["kabar"]
        n = len(own)
        prec, rec = t["P"] / n, t["R"] / n
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        with_authors = sum(bool(p.get("authors")) for p in own)
        print(f"{source:14} {n:5} {f1:8.3f} {t['leaks']:6} {t['title']:>3}/{n:<3} {t['authors']:>3}/{with_authors:<4}"
              f" {t['minute']:>3}/{n:<3}")


if __name__ == "__main__":
    sys.exit(main())
