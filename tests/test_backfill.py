"""Backfills over the mirror's 14 days of index pages: equality, repeat, kill -9, refresh."""
import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import REPO
from lake_checks import assert_lake_matches_manifest, window_articles

pytestmark = pytest.mark.slow
FIRST, LAST = "2026-11-13", "2026-11-26"


def article_page_hits(mirror, manifest, urls) -> dict[str, int]:
    return {u: sum(n for key, n in mirror.page_hits.items() if key.split("?")[0] == u.split("://", 1)[1]) for u in urls}


def test_backfill_of_14_days_equals_the_manifest_and_repeating_it_adds_nothing(prefect_api, mirror, manifest, tmp_path):
    from flows.backfill import backfill

    # The four first indexed outlets: the later ones' archives (template stories of one kind
    # on one day) hold a near-duplicate pair, which the cluster check at the end would count.
    sources = manifest["index_sources"][:4]
    lake = tmp_path / "lake"
    reports = backfill(sources=sources, date_from=FIRST, date_to=LAST, lake=str(lake), replay=mirror.url)
    assert {r["status"] for r in reports} == {"ok"} and len(reports) == 14 * len(sources)
    expected = window_articles(manifest, sources, FIRST, LAST)
    assert_lake_matches_manifest(lake, manifest, expected)
    listed = duckdb.sql(f"SELECT sum(discovered), sum(written) FROM read_parquet('{lake}/runs/**/*.parquet')").fetchall()[0]
    assert listed == (len(expected), len(expected))

    urls = [a["url"] for a in expected]
    hits_before = article_page_hits(mirror, manifest, urls)
    index_hits = lambda: {k: n for k, n in mirror.page_hits.items() if "indeks" in k or "index-news" in k}  # noqa: E731
    index_before = index_hits()
    again = backfill(sources=sources, date_from=FIRST, date_to=LAST, lake=str(lake), replay=mirror.url)
    assert {r["status"] for r in again} == {"done-before"} and sum(r["written"] for r in again) == 0
    assert article_page_hits(mirror, manifest, urls) == hits_before, "a repeated backfill fetched article pages"
    assert index_hits() == index_before, "a repeated backfill walked index pages again"
    assert_lake_matches_manifest(lake, manifest, expected)

    # 174 stories of four outlets cut from ten templates, none a copy of another: stories
    # sharing a template and institution names must not be taken for duplicates
    from flows.cluster import cluster
    assert cluster(lake=str(lake), window_end=LAST, days=14)["clusters"] == 0


def test_a_backfill_killed_halfway_finishes_on_rerun_without_refetching_done_days(mirror, manifest, tmp_path):
    sources = ["detik", "tribunnews"]
    # a batch a day, so that days are marked done one by one and the kill lands between them
    lake, env = tmp_path / "lake", {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "KABAR_WRITE_BATCH_ROWS": "1"}
    cmd = [sys.executable, "-m", "flows.cli", "backfill", "--from", FIRST, "--to", LAST, "--lake", str(lake),
           "--replay", mirror.url] + [arg for s in sources for arg in ("--source", s)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    state = lake / "_state" / "backfill"
    deadline = time.time() + 300
    while len(list(state.glob("*/*.json"))) < 6 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before_kill = {(p.parent.name, p.stem) for p in state.glob("*/*.json")}
    assert 6 <= len(done_before_kill) < 28, "the kill should land halfway"
    for path in lake.rglob("*.parquet"):  # nothing unreadable was left behind
        pq.read_table(path)

    done_urls = [c["url"] for source, day in done_before_kill
                 for c in json.loads((state / source / f"{day}.json").read_text())["listed"]]
    hits_before = article_page_hits(mirror, manifest, done_urls)
    rerun = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert article_page_hits(mirror, manifest, done_urls) == hits_before, "finished days were fetched again"
    assert_lake_matches_manifest(lake, manifest, window_articles(manifest, sources, FIRST, LAST))


def test_refresh_updates_a_changed_article_in_place(prefect_api, scripted, tmp_path):
    from flows.backfill import backfill

    version = {"text": "Versi pertama berita ini"}

    def article(handler):
        body = ("<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Judul\","
                "\"datePublished\":\"2026-11-20T09:00:00+07:00\"}</script></head><body><article>"
                + "".join(f"<p>{version['text']}, kalimat ke-{i} yang cukup panjang untuk dihitung sebagai isi.</p>" for i in range(4))
                + "</article></body></html>")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()

    scripted.routes["/indeks?date=2026-11-20&page=1"] = (200, {}, f"<a href='{scripted.url}/berita/1/judul'>x</a>".encode())
    scripted.routes["/berita/1/judul"] = (0, {}, article)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "lokal.toml").write_text(
        f'id = "lokal"\nname = "Lokal"\nhomepage = "{scripted.url}/"\ntimezone = "Asia/Jakarta"\nlanguage = "id"\n'
        f'hosts = ["127.0.0.1"]\narticle_pattern = "/berita/\\\\d+/"\n'
        f'[[index_pages]]\ntemplate = "{scripted.url}/indeks?date={{date:%Y-%m-%d}}&page={{page}}"\n'
        f'[politeness]\ndelay_seconds = 0\n')
    lake = tmp_path / "lake"
    run = dict(sources=None, date_from="2026-11-20", date_to="2026-11-20", lake=str(lake), replay="", sources_dir=str(sources))
    assert backfill(**run)[0]["written"] == 1
    unchanged = backfill(**run, refresh=True)[0]
    assert (unchanged["written"], unchanged["updated"]) == (0, 0)
    version["text"] = "Versi kedua yang sudah diperbarui"
    changed = backfill(**run, refresh=True)[0]
    assert (changed["written"], changed["updated"]) == (0, 1)
    rows = duckdb.sql(f"SELECT body, updated_at FROM read_parquet('{lake}/articles/**/*.parquet')").fetchall()
    assert len(rows) == 1 and rows[0][0].startswith("Versi kedua") and rows[0][1] is not None
