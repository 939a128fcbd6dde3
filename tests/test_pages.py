"""Saved pages of every source (tests/pages/<source>/) extract exactly as their expected
JSON says; `python -m tools.page_fixtures` rewrites the expectations after a deliberate
change, and refuses ones that contradict the mirror's manifest."""
import gzip
import json
from pathlib import Path

import pytest

from tools.page_fixtures import expected_of, manifest_disagreements

PAGES = Path(__file__).parent / "pages"
FIXTURES = sorted(PAGES.glob("*/*.json"))


@pytest.mark.parametrize("spec", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_saved_page_extracts_as_expected(spec):
    fixture = json.loads(spec.read_text(encoding="utf-8"))
    html = gzip.decompress(spec.with_name(spec.stem + ".html.gz").read_bytes())
    got = expected_of(html, fixture["url"], spec.parent.name)
    assert got == fixture["expected"], {k: (got[k], fixture["expected"].get(k)) for k in got if got[k] != fixture["expected"].get(k)}


def test_every_source_has_fixtures_and_they_agree_with_the_manifest(manifest):
    from spiders.registry import load_sources

    assert {p.parent.name for p in FIXTURES} == set(load_sources())
    truth = {a["url"]: a for a in manifest["articles"]}
    for spec in FIXTURES:
        fixture = json.loads(spec.read_text(encoding="utf-8"))
        if fixture["url"] in truth:
            assert not manifest_disagreements(fixture["expected"], truth[fixture["url"]]), spec
