"""Per-source page fixtures (in the style of fundus): tests/pages/<source>/<name>.html.gz
holds a saved page, <name>.json its URL and the extraction expected of it; a split
article's later pages are <name>.page-2.html.gz, <name>.page-3.html.gz, ...

    python -m tools.page_fixtures            # rewrite every expected extraction
    python -m tools.page_fixtures --select   # pick the pages again from the mirror, then rewrite

Run it after a deliberate change to extraction, and read the diff of the .json files
before committing it: every changed field is a changed promise. An expectation that
disagrees with the mirror's manifest (title, time, writers, dateline, desk codes, body) is
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
FEED_PAGES, ARCHIVE_PAGES = 5, 1


def expected_of(html: bytes, url: str, source: str, continued: list[bytes] = ()) -> dict:
    """The extraction of a saved page (and its later pages), as the fixtures hold it."""
    return extract_article(html, url, tz=load_sources(only=[source])[source].tz, continued=continued).to_json_dict()


def saved_pages(spec: Path) -> tuple[bytes, list[bytes]]:
    """A fixture's page and, for a split article, its later pages in order."""
    first = gzip.decompress(spec.with_name(spec.stem + ".html.gz").read_bytes())
    later, n = [], 2
    while (path := spec.with_name(f"{spec.stem}.page-{n}.html.gz")).exists():
        later.append(gzip.decompress(path.read_bytes()))
        n += 1
    return first, later


def manifest_disagreements(expected: dict, truth: dict) -> list[str]:
    checks = {
        "title": expected["title"] == truth["title"],
        "published_at": _instant(expected["published_at"]) == _instant(truth["published_at"]),  # any offset
        "authors": sorted(expected["authors"]) == sorted(truth["authors"]),
        "dateline": expected["dateline"] == truth["dateline"],
        "desk_codes": expected["desk_codes"] == truth["desk_codes"],
        "body": expected["body"] == truth["body"],
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
        plain = [a for a in mine if a["in_feeds"] and not (a["multipage"] or a["syndicated_from"])
                 and a["published_date"] != "2025-02-16" and a.get("kind", "article") == "article"]
        chosen += [(source, f"feed-{i + 1}", a["url"]) for i, a in enumerate(plain[:FEED_PAGES])]
        archive = [a for a in mine if not a["in_feeds"]]
        chosen += [(source, f"archive-{i + 1}", a["url"]) for i, a in enumerate(archive[:ARCHIVE_PAGES])]
        chosen += [(source, "multipage-all", a["url"] + "?page=all") for a in mine if a["multipage"]]
        chosen += [(source, "syndicated-copy", a["url"]) for a in mine if a["syndicated_from"]]
        chosen += [(source, a["kind"], a["url"]) for a in mine if a.get("kind", "article") != "article"]
        chosen += [(source, "reference-sample", a["url"]) for a in mine if a["published_date"] == "2025-02-16"]
    chosen += [(r["source"], "rejected-video", r["url"]) for r in manifest["rejects"] if r["reason"] == "empty_body"]
    return chosen


def select() -> None:
    """Copy the chosen pages out of the mirror into tests/pages/ (gzipped, reproducibly)."""
    routes = json.loads((MIRROR / "routes.json").read_text(encoding="utf-8"))
    pages_of = {a["url"]: a.get("split_pages", 1)
                for a in json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))["articles"]}
    for source, name, url in _selection():
        folder = PAGES / source
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(1, pages_of.get(url, 1) + 1):
            page_url = url if n == 1 else f"{url}?page={n}"
            html = (MIRROR / "sites" / routes[page_url.split("://", 1)[1]]["file"]).read_bytes()
            (folder / (f"{name}.html.gz" if n == 1 else f"{name}.page-{n}.html.gz")).write_bytes(gzip.compress(html, mtime=0))
        (folder / f"{name}.json").write_text(json.dumps({"url": url.removesuffix("?page=all")}) + "\n", encoding="utf-8")


def regenerate() -> int:
    truth = {a["url"]: a for a in json.loads((MIRROR / "manifest.json").read_text(encoding="utf-8"))["articles"]}
    refused = 0
    for spec in sorted(PAGES.glob("*/*.json")):
        fixture = json.loads(spec.read_text(encoding="utf-8"))
        html, later = saved_pages(spec)
        expected = expected_of(html, fixture["url"], spec.parent.name, later)
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
