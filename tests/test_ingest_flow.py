"""The ingest flow under Prefect (one test API per session), against real local HTTP."""

import duckdb
import pytest

from lake_checks import assert_lake_matches_manifest, assert_mirror_clusters, feed_articles
from spiders.registry import SOURCES_DIR

pytestmark = pytest.mark.slow


def test_ingest_fills_the_lake_with_the_manifest_then_repeats_as_a_no_op(prefect_api, mirror, manifest, tmp_path):
    from flows.ingest import ingest

    lake = tmp_path / "lake"
    reports = ingest(lake=str(lake), replay=mirror.url)
    assert {r["source"]: r["status"] for r in reports} == {r["source"]: "ok" for r in reports}
    assert_lake_matches_manifest(lake, manifest)
    sample = duckdb.sql(f"SELECT published_date, dateline, desk_codes, body FROM read_parquet('{lake}/articles/source=pahami/*/*.parquet', "
                        "hive_partitioning=true) WHERE body LIKE '%Lavrov dan Rubio%'").fetchall()
    assert len(sample) == 1 and str(sample[0][0]) == "2025-02-16"
    assert sample[0][1:3] == ("Jakarta, Pahami.id", ["LOM/WIW"]) and "(LOM/WIW)" not in sample[0][3]

    # the syndicated copy has the original's text once dateline and attribution are fields
    copy = next(a for a in manifest["articles"] if a["syndicated_from"])
    found = dict(duckdb.sql(f"SELECT url, duplicate_of FROM read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true)").fetchall())
    ids = dict(duckdb.sql(f"SELECT url, article_id FROM read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true)").fetchall())
    assert found[copy["url"]] == ids[copy["syndicated_from"]] and found[copy["syndicated_from"]] is None
    assert sum(v is not None for v in found.values()) == 1

    # near-duplicate clusters over the mirror's last week (lake_checks says which)
    from flows.cluster import cluster

    summary = cluster(lake=str(lake), window_end="2026-11-26")
    assert summary["clusters"] == assert_mirror_clusters(lake, manifest, "2026-11-26")
    # --explain: the evidence that joined the copy, asked by its cluster's id or by the copy's article id
    import json
    import subprocess
    import sys

    from flows.cluster import explain_lake_cluster

    explained = explain_lake_cluster(str(lake), ids[copy["url"]], "2026-11-26", 7)
    assert explained["cluster_id"] == ids[copy["syndicated_from"]]
    [member] = [m for m in explained["members"] if not m["representative"]]
    assert member["id"] == ids[copy["url"]] and member["duplicate"] and member["evidence"][0]["contribution"] > 0
    shown = subprocess.run([sys.executable, "-m", "flows.cli", "cluster", "--lake", str(lake), "--window-end", "2026-11-26",
                            "--explain", ids[copy["syndicated_from"]], "--json"], capture_output=True, text=True, check=True)
    assert json.loads(shown.stdout)["members"] == explained["members"]
    unknown = subprocess.run([sys.executable, "-m", "flows.cli", "cluster", "--lake", str(lake), "--window-end", "2026-11-26",
                              "--explain", "no-such-id"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "no cluster of the window ending 2026-11-26" in unknown.stderr
    # a window without copies is an empty file, so readers of a window never miss a file
    assert cluster(lake=str(lake), window_end="2026-11-20", days=1)["clusters"] == 0
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{lake}/clusters/window_end=2026-11-20/*.parquet')").fetchall() == [(0,)]

    rejects = duckdb.sql(f"SELECT url, reason FROM read_parquet('{lake}/rejects/**/*.parquet', hive_partitioning=true)").fetchall()
    assert sorted(rejects) == sorted((r["url"], r["reason"]) for r in manifest["rejects"])
    runs = duckdb.sql(f"SELECT source, written, rejected FROM read_parquet('{lake}/runs/**/*.parquet')").fetchall()
    assert sum(w for _, w, _ in runs) == len(feed_articles(manifest)) and len(runs) == len(reports)

    pages_before = sum(mirror.page_hits.values())
    again = ingest(lake=str(lake), replay=mirror.url)
    assert sum(r["written"] for r in again) == 0
    assert sum(mirror.page_hits.values()) == pages_before, "the second run fetched article pages"
    assert all(r["feeds_not_modified"] == r["feeds_polled"] for r in again)
    assert_lake_matches_manifest(lake, manifest)


def test_a_failing_source_does_not_stop_the_others(prefect_api, mirror, tmp_path):
    from flows.ingest import ingest

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "kompas.toml").write_text((SOURCES_DIR / "kompas.toml").read_text())
    (sources / "hilang.toml").write_text(
        'id = "hilang"\nname = "Hilang"\nhomepage = "https://hilang.example/"\ntimezone = "Asia/Jakarta"\n'
        'language = "id"\nhosts = ["hilang.example"]\n[[feeds]]\nurl = "https://hilang.example/rss"\n')
    state = ingest(lake=str(tmp_path / "lake"), replay=mirror.url, sources_dir=str(sources), return_state=True)
    assert state.is_failed() and "hilang failed" in state.message  # alerts on failed runs fire
    reports = {r["source"]: r for r in state.result(raise_on_failure=False).reports}
    assert reports["hilang"]["status"] == "failed" and "failed" in reports["hilang"]["error"]
    assert reports["kompas"]["status"] == "ok" and reports["kompas"]["written"] == 10
    runs = duckdb.sql(f"SELECT source, status FROM read_parquet('{tmp_path}/lake/runs/**/*.parquet')").fetchall()
    assert sorted(runs) == [("hilang", "failed"), ("kompas", "ok")]


def test_a_page_that_failed_is_retried_on_the_next_run_even_when_the_feed_answers_304(prefect_api, scripted, tmp_path):
    from flows.ingest import ingest

    article = ("<html><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\"headline\":\"{t}\","
               "\"datePublished\":\"2026-11-25T10:00:00+07:00\"}}</script></head><body><article>"
               + "".join(f"<p>Kalimat berita ke-{i} yang cukup panjang untuk menjadi isi artikel yang sah di dalam lake ini.</p>"
                         for i in range(4))
               + "<p>{t}</p></article></body></html>")
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
           f'<item><title>Satu</title><link>{scripted.url}/berita/1</link></item>'
           f'<item><title>Dua</title><link>{scripted.url}/berita/2</link></item></channel></rss>').encode()

    def feed(handler):
        if handler.headers.get("If-None-Match") == '"f1"':
            return 304, {"ETag": '"f1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'}, rss

    state = {"down": True}

    def second_article(handler):
        if state["down"]:
            return 503, {}, b"sedang pemeliharaan"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, article.format(t="Dua").encode()

    scripted.routes["/rss"] = (0, {}, feed)
    scripted.routes["/berita/1"] = (200, {"Content-Type": "text/html; charset=utf-8"}, article.format(t="Satu").encode())
    scripted.routes["/berita/2"] = (0, {}, second_article)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "lokal.toml").write_text(
        f'id = "lokal"\nname = "Lokal"\nhomepage = "{scripted.url}/"\ntimezone = "Asia/Jakarta"\nlanguage = "id"\n'
        f'hosts = ["127.0.0.1"]\n[[feeds]]\nurl = "{scripted.url}/rss"\n[politeness]\ndelay_seconds = 0\nretries = 0\n')
    lake = tmp_path / "lake"

    first = ingest(lake=str(lake), replay="", sources_dir=str(sources))[0]
    assert (first["written"], first["rejected"]) == (1, 1)
    state["down"] = False
    second = ingest(lake=str(lake), replay="", sources_dir=str(sources))[0]
    assert second["feeds_not_modified"] == 1 and second["written"] == 1
    titles = sorted(r[0] for r in duckdb.sql(f"SELECT title FROM read_parquet('{lake}/articles/**/*.parquet')").fetchall())
    assert titles == ["Dua", "Satu"]
    third = ingest(lake=str(lake), replay="", sources_dir=str(sources))[0]
    assert third["written"] == 0 and third["discovered"] == 0
