"""The wide mirror: every outlet, 25 varied texts an outlet-day, each page extracted to its truth."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

import pytest

from tools.mirror.outlets import outlets
from tools.mirror.wide import build_wide
from transforms.extraction.extract import extract_article


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    out = tmp_path_factory.mktemp("wide")
    return out, build_wide(out, per_day=25, days=1)


def test_every_outlet_has_25_distinct_texts_a_day_of_several_shapes(wide):
    _, manifest = wide
    texts = defaultdict(set)
    for a in manifest["articles"]:
        texts[(a["source"], a["published_date"])].add(a["body"])
    assert {source for source, _ in texts} == {o.id for o in outlets()}
    assert min(len(v) for v in texts.values()) >= 25
    paragraph_counts = {a["body"].count("\n") + 1 for a in manifest["articles"]}
    assert min(paragraph_counts) <= 2 and max(paragraph_counts) >= 9  # briefs and long pieces


def test_every_wide_page_extracts_to_its_truth(wide):
    out, manifest = wide
    routes = json.loads((out / "routes.json").read_text())
    wrong = []
    for a in manifest["articles"]:
        key = a["url"].split("://", 1)[1]
        route = routes.get(key + "?page=all") or routes[key]
        later = [(out / "sites" / routes[f"{key}?page={n}"]["file"]).read_bytes()
                 for n in range(2, a["split_pages"] + 1)]
        art = extract_article((out / "sites" / route["file"]).read_bytes(), a["url"], continued=later)
        got = (art.title, art.body, art.published_at and art.published_at.replace(second=0))
        want = (a["title"], a["body"], datetime.fromisoformat(a["published_at"]).replace(second=0))
        if got != want or (a["authors"] and art.authors != a["authors"]):
            wrong.append(a["url"])
    assert wrong == []
