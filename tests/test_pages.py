"""Saved pages of every source (tests/pages/<source>/) extract exactly as their expected
JSON says; `python -m tools.page_fixtures` rewrites the expectations after a deliberate
change, and refuses ones that contradict the mirror's manifest."""
import json
from pathlib import Path

import pytest

from tools.page_fixtures import expected_of, manifest_disagreements, saved_pages

PAGES = Path(__file__).parent / "pages"
FIXTURES = sorted(PAGES.glob("*/*.json"))


@pytest.mark.parametrize("spec", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_saved_page_extracts_as_expected(spec):
    fixture = json.loads(spec.read_text(encoding="utf-8"))
    html, later = saved_pages(spec)
    got = expected_of(html, fixture["url"], spec.parent.name, later)
    assert got == fixture["expected"], {k: (got[k], fixture["expected"].get(k)) for k in got if got[k] != fixture["expected"].get(k)}


def test_every_source_has_fixtures_and_they_agree_with_the_manifest(manifest):
    from spiders.registry import load_sources

    assert {p.parent.name for p in FIXTURES} == set(load_sources())
    truth = {a["url"]: a for a in manifest["articles"]}
    for spec in FIXTURES:
        fixture = json.loads(spec.read_text(encoding="utf-8"))
        if fixture["url"] in truth:
            assert not manifest_disagreements(fixture["expected"], truth[fixture["url"]]), spec


def test_a_page_that_breaks_the_extractor_is_one_error_line_and_the_rest_go_on(tmp_path, monkeypatch):
    import flows.pages

    real = flows.pages.extract_article

    def breaks_on_the_second(html, url, **kw):
        if url.endswith("/2"):
            raise TypeError("'<' not supported between instances of 'str' and 'int'")
        return real(html, url, **kw)

    monkeypatch.setattr(flows.pages, "extract_article", breaks_on_the_second)
    for i in (1, 2, 3):
        (tmp_path / f"{i}.html").write_text("<html><body><article><h1>Judul</h1><p>" + "Isi berita panjang. " * 20
                                            + "</p></article></body></html>")
    results = list(flows.pages.extract_saved([(tmp_path / f"{i}.html", f"https://x.id/{i}") for i in (1, 2, 3)]))
    assert [failed for _, failed in results] == [False, True, False]
    assert results[1][0] == {"url": "https://x.id/2", "error": "TypeError: '<' not supported between instances of "
                                                                "'str' and 'int'"}
