"""Our own format tables (tests/formats/) agree in full, and the inputs that once crashed
a whole source's discovery now fail only themselves in a real ingest run.
bench/formats.py prints the same tallies, and the peer libraries' suites beside them."""
import json

import duckdb
import pytest

import hostile
from tools.format_checks import Events, own_checks

OWN = own_checks()


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_table_agrees_in_full(name):
    tally = OWN[name]
    assert tally.total > 0
    if isinstance(tally, Events):
        assert tally.hits == 0, tally.misses
    else:
        assert tally.hits == tally.total, tally.misses


def _feed(items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><title>{link}</title><link>{link}</link><pubDate>{when}</pubDate></item>"
                   for link, when in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


@pytest.mark.slow
def test_inputs_that_crashed_discovery_fail_only_themselves(prefect_api, scripted, tmp_path):
    from flows.ingest import ingest

    base = scripted.url
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, _feed([
        (f"{base}/berita/1", "2026-11-25T10:00:00-99:99"),  # an offset of a day or more
        (f"{base}/berita/a%a3do", "Wed, 25 Nov 2026 10:00:00 +zz:00"),  # an escape that is no UTF-8; no zone
        (f"{base}/berita/potong-%E2%80", "Wed, 25 Nov 2026 10:00:00 GMT-01:01"),  # a slug cut inside a character
        ("/berita/4", "T112:13"),  # a relative link, a time that is no time
    ]))
    scripted.routes["/kosong"] = (200, {"Content-Type": "text/plain"},  # valid, empty, served as text
                                  b'<?xml version="1.0"?><rss version="2.0"><channel><title>k</title></channel></rss>')
    for path in ("/berita/1", "/berita/a%a3do", "/berita/4"):
        scripted.routes[path] = hostile.html(hostile.article(f"Berita {path}"))
    hostile.source_file(tmp_path / "src", "format", base, feeds=["/rss", "/kosong"])
    lake = tmp_path / "lake"
    (report,) = ingest(lake=str(lake), replay="", sources_dir=str(tmp_path / "src"))
    assert report["status"] == "ok" and report["written"] == 3
    urls = {u for (u,) in duckdb.sql(f"SELECT url FROM read_parquet('{lake}/articles/**/*.parquet')").fetchall()}
    assert urls == {f"{base}/berita/1", f"{base}/berita/a%a3do", f"{base}/berita/4"}
    rejects = dict(duckdb.sql(f"SELECT url, reason FROM read_parquet('{lake}/rejects/**/*.parquet')").fetchall())
    assert rejects == {f"{base}/berita/potong-%E2%80": "http_404"}  # fetched, and failed only itself
    state = json.loads((lake / "_state" / "sources" / "format.json").read_text())
    empty = state["endpoints"][f"{base}/kosong"]  # the valid empty feed is a success, its oddity noted
    assert empty["consecutive_failures"] == 0 and empty["last_error"] is None and "text/plain" in empty["malformed"]
    assert state["endpoints"][f"{base}/rss"]["last_error"] is None
