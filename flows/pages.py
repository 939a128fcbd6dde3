"""Saved pages for `kabar extract`: read plain or gzipped files, one or a manifest of
them, and extract each on its own (a page that cannot be read or parsed gives an error
record, and the rest go on)."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from transforms.extraction.extract import extract_article


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def batch_jobs(manifest: Path) -> list[tuple[Path, str]]:
    """(page file, URL) of each line {"path", "url"} of a manifest; paths relative to it."""
    jobs = []
    for line in read_page(manifest).decode("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            jobs.append((manifest.parent / item["path"], item["url"]))
    return jobs


def extract_saved(jobs: list[tuple[Path, str]]) -> Iterator[tuple[dict, bool]]:
    """(the extraction as a JSON dict, or {"url", "error"}; whether it failed), in order."""
    for path, url in jobs:
        try:
            yield extract_article(read_page(path), url).to_json_dict(), False
        except Exception as exc:  # noqa: BLE001 -- a page that breaks the extractor fails only its own line
            yield {"url": url, "error": f"{type(exc).__name__}: {exc}"}, True
