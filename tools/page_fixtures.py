"""Per-source page fixtures (in the style of fundus): tests/pages/<source>/<name>.html.gz
holds a saved page, <name>.json its URL and the extraction expected of it.

    python -m tools.page_fixtures            # rewrite every expected extraction
    python -m tools.page_fixtures --select   # pick the pages again from the mirror, then rewrite

Run it after a deliberate change to extraction, and read the diff of the .json files
before committing it: every changed field is a changed promise. An expectation that
disagrees with the mirror's manifest (title, time, writers, dateline, desk codes) is
refused, so a regression cannot be written down as the new truth.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from datetime import datetime
from pathlib import Path

from spiders.registry import load_sources
from transforms.extraction.extract import extract_article

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "tests" / "pages"
MIRROR = REPO / "data" / "mirror"
FEED_PAGES, ARCHIVE_PAGES = 3, 1


def expected_of(html: bytes, url: str, source: str) -> dict:
    """The extraction of a saved page, as the fixtures hold it."""
    return extract_article(html, url, tz=load_sources(only=[source])[source].tz).to_json_dict()


def manifest_disagreements(expected: dict, truth: dict) -> list[str]:
    checks = {
        "title": expected["title"] == truth["title"],
        "published_at": _instant(expected["published_at"]) == _instant(truth["published_at"]),  # any offset
        "authors": sorted(expected["authors"]) == sorted(truth["authors"]),
        "dateline": expected["dateline"] == truth["dateline"],
        "desk_codes": expected["desk_codes"] == truth["desk_codes"],
    }
    return [name for name, ok in checks.items() if not ok]


def _instant(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp) if stamp else None


def _selection() -> list[tuple[str, str, str]]:
    """(source, name, outlet URL) of the pages to keep: per source its first feed articles
    and archive articles, and the mirror's special cases."""
    manifest = json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))
    chosen = []
    for source in sorted({a["source"] for a in manifest["articles"]}):
        mine = [a for a in manifest["articles"] if a["source"] == source]
        plain = [a for a in mine if a["in_feeds"] and not (a["multipage"] or a["syndicated_from"]) and a["published_date"] != "2025-02-16"]
        chosen += [(source, f"feed-{i + 1}", a["url"]) for i, a in enumerate(plain[:FEED_PAGES])]
        archive = [a for a in mine if not a["in_feeds"]]
        chosen += [(source, f"archive-{i + 1}", a["url"]) for i, a in enumerate(archive[:ARCHIVE_PAGES])]
        chosen += [(source, "multipage-all", a["url"] + "?page=all") for a in mine if a["multipage"]]
        chosen += [(source, "syndicated-copy", a["url"]) for a in mine if a["syndicated_from"]]
        chosen += [(source, "reference-sample", a["url"]) for a in mine if a["published_date"] == "2025-02-16"]
    chosen += [(r["source"], "rejected-video", r["url"]) for r in manifest["rejects"] if r["reason"] == "empty_body"]
    return chosen


def select() -> None:
    """Copy the chosen pages out of the mirror into tests/pages/ (gzipped, reproducibly)."""
    routes = json.loads((MIRROR / "routes.json").read_text(encoding="utf-8"))
    for source, name, url in _selection():
        html = (MIRROR / "sites" / routes[url.split("://", 1)[1]]["file"]).read_bytes()
        folder = PAGES / source
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.html.gz").write_bytes(gzip.compress(html, mtime=0))
        (folder / f"{name}.json").write_text(json.dumps({"url": url.removesuffix("?page=all")}) + "\n", encoding="utf-8")


def regenerate() -> int:
    truth = {a["url"]: a for a in json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))["articles"]}
    refused = 0
    for spec in sorted(PAGES.glob("*/*.json")):
        fixture = json.loads(spec.read_text(encoding="utf-8"))
        html = gzip.decompress(spec.with_name(spec.stem + ".html.gz").read_bytes())
        expected = expected_of(html, fixture["url"], spec.parent.name)
        wrong = manifest_disagreements(expected, truth[fixture["url"]]) if fixture["url"] in truth else []
        if wrong:
            print(f"refused {spec.relative_to(REPO)}: disagrees with the manifest on {', '.join(wrong)}", file=sys.stderr)
            refused += 1
            continue
        spec.write_text(json.dumps({"url": fixture["url"], "expected": expected}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    print(f"{len(list(PAGES.glob('*/*.json')))} fixtures, {refused} refused")
    return 1 if refused else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", action="store_true", help="pick the pages again from the mirror first")
    args = parser.parse_args()
    if args.select:
        select()
    return regenerate()


if __name__ == "__main__":
    sys.exit(main())
