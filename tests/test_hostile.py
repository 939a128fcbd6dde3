"""Hostile sites and bad input, on 127.0.0.1 only: every case fails only itself, is a
reject with stage and reason, and lets nothing in. SSRF defences are shown by the
connection never reaching the private address (a second server on 127.0.0.2 that must
see no request), before it is made."""
import json

import duckdb
import pytest

import hostile
from conftest import LOCAL, ScriptedServer
from spiders.addresses import AddressPolicy, BlockedAddress, source_problem
from spiders.crawler.run import run_crawl
from spiders.discovery.poll import discover
from spiders.http import fetch, make_client
from spiders.registry import SourceConfigError, load_registry, load_source_file, load_sources
from transforms.article import article_from_page
from transforms.extraction.challenge import challenge_of
from transforms.extraction.decode import page_text
from transforms.records import Candidate, RejectedArticle

LOOPBACK = ("127.0.0.1/32",)


@pytest.fixture()
def secret():
    """A private address holding a secret: the tests pass if it is never asked."""
    server = ScriptedServer(host="127.0.0.2")
    server.routes["/latest/meta-data/"] = (200, {"Content-Type": "text/html"}, hostile.article("Rahasia awan"))
    yield server
    server.close()


# -- addresses -----------------------------------------------------------------------------
def test_the_address_policy_refuses_everything_but_public_unicast():
    policy = AddressPolicy()
    for url in ("http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://0.0.0.0/", "http://224.0.0.1/",
                "http://localhost/", "http://db.internal/", "file:///etc/passwd", "gopher://x.id/", "http://100.64.0.1/"):
        with pytest.raises(BlockedAddress):
            policy.check_url(url)
    policy.check_url("https://news.detik.com/berita/x")
    policy.check_ip("8.8.8.8")
    AddressPolicy.allowing(LOOPBACK).check_url("http://127.0.0.1:8080/x")


def test_a_feed_redirect_to_a_private_address_is_refused_before_connecting(scripted, secret):
    scripted.routes["/rss"] = hostile.redirect(f"{secret.url}/latest/meta-data/")
    with make_client(policy=LOCAL) as client:
        result = fetch(client, f"{scripted.url}/rss")
        assert result.blocked and "127.0.0.2" in result.error
        metadata = fetch(client, "http://169.254.169.254/latest/meta-data/")
        assert metadata.blocked
    assert secret.requests == []


def test_an_article_redirect_to_a_private_address_is_refused_by_the_crawler(scripted, secret, tmp_path):
    scripted.routes["/berita/1"] = hostile.redirect(f"{secret.url}/latest/meta-data/")
    hostile.source_file(tmp_path / "src", "lokal", scripted.url)
    source = load_sources(tmp_path / "src")["lokal"]
    candidates = [Candidate(f"{scripted.url}/berita/1", "lokal", "t"), Candidate("http://10.0.0.1/berita/2", "lokal", "t")]
    result = run_crawl(source, candidates, tmp_path / "crawl", None, sources_dir=tmp_path / "src", allow=LOOPBACK)
    assert result.pages == [] and {e.reason for e in result.errors} == {"blocked_address"}, result.log_tail
    assert secret.requests == []


def test_in_replay_a_redirect_to_the_metadata_address_never_reaches_the_mirror(scripted):
    mirror = scripted  # a hostile mirror: it answers whatever Host it is asked for
    mirror.routes["/rss"] = hostile.redirect("http://169.254.169.254/latest/meta-data/")
    mirror.routes["/latest/meta-data/"] = (200, {"Content-Type": "text/plain"}, b"SECRET")
    with make_client(replay=mirror.url) as client:
        result = fetch(client, "https://www.contoh.id/rss")
    assert result.blocked and not any(h.get("Host", "").startswith("169.254") for _, h in mirror.requests)
    mirror.routes["/rss"] = hostile.redirect("https://www.contoh.id/feed.xml")  # an ordinary redirect still works
    mirror.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, hostile.rss(["https://www.contoh.id/a"]))
    with make_client(replay=mirror.url) as client:
        assert fetch(client, "https://www.contoh.id/rss").ok


def test_source_files_that_point_at_private_addresses_are_refused(tmp_path):
    for host, feed in (("169.254.169.254", "http://169.254.169.254/rss"), ("contoh.id", "http://10.0.0.1/rss"),
                       ("contoh.id", "http://localhost/rss")):
        path = hostile.source_file(tmp_path / "src", "jahat", "https://contoh.id", feeds=[feed])
        path.write_text(path.read_text().replace('hosts = ["127.0.0.1"]', f'hosts = ["{host}"]'))
        assert "not a public address" in source_problem(load_source_file(path), AddressPolicy()) or \
            "private network" in source_problem(load_source_file(path), AddressPolicy())
    for bad in ("com", "co.id"):
        path.write_text(path.read_text().replace('hosts = ["localhost"]', f'hosts = ["{bad}"]')
                        .replace('hosts = ["contoh.id"]', f'hosts = ["{bad}"]'))
        with pytest.raises(SourceConfigError, match="public suffix"):
            load_source_file(path)


# -- bad input ----------------------------------------------------------------------------
def test_broken_and_non_utf8_source_files_disable_only_themselves(tmp_path):
    src = tmp_path / "src"
    hostile.source_file(src, "baik", "http://127.0.0.1:1")
    (src / "rusak.toml").write_bytes("id = 'rusak'\nname = 'Caf\u00e9'\n".encode("cp1252"))
    (src / "salah.toml").write_text("id = 'salah'\n[[")
    hostile.source_file(src, "lambat", "http://127.0.0.1:1", extra='article_pattern = "(a+)+b"')
    registry = load_registry(src)
    assert set(registry.sources) == {"baik"} and set(registry.broken) == {"rusak", "salah", "lambat"}
    assert "not UTF-8" in registry.broken["rusak"] and "not valid TOML" in registry.broken["salah"]
    assert "exponential" in registry.broken["lambat"]
    assert set(load_sources(src)) == {"baik"}
    with pytest.raises(SourceConfigError, match="rusak"):
        load_sources(src, only=["rusak"])


def test_absurd_politeness_is_refused(tmp_path):
    path = hostile.source_file(tmp_path / "src", "rakus", "http://127.0.0.1:1")
    path.write_text(path.read_text().replace("delay_seconds = 0", "delay_seconds = 0\nconcurrent_requests = 10000"))
    with pytest.raises(SourceConfigError, match="concurrent_requests"):
        load_source_file(path)
    path.write_text(path.read_text().replace("concurrent_requests = 10000", "max_page_bytes = 100000000000"))
    with pytest.raises(SourceConfigError, match="max_page_bytes"):
        load_source_file(path)


def test_a_feed_of_ten_thousand_items_is_capped(scripted, tmp_path):
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"},
                               hostile.rss([f"{scripted.url}/berita/{i}" for i in range(10_000)]))
    hostile.source_file(tmp_path / "src", "banjir", scripted.url)
    source = load_sources(tmp_path / "src")["banjir"]
    with make_client(policy=LOCAL) as client:
        found = discover(source, client, {}, max_entries=500)
    assert len(found.candidates) == 500 and len(found.endpoints[0].over_cap) == 9_500


def test_a_dripping_feed_is_cut_off_at_its_deadline(scripted):
    scripted.routes["/rss"] = (0, {}, hostile.drip(30))
    with make_client(policy=LOCAL) as client:
        result = fetch(client, f"{scripted.url}/rss", deadline=2)
    assert result.error and result.error.startswith("deadline")


def test_credentials_in_a_feed_url_are_never_stored_or_shown(scripted, tmp_path):
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, hostile.rss([f"{scripted.url}/berita/1"]))
    base = scripted.url.replace("http://", "http://kabar:rahasia@")
    hostile.source_file(tmp_path / "src", "kunci", scripted.url, feeds=[f"{base}/rss"])
    source = load_sources(tmp_path / "src")["kunci"]
    with make_client(policy=LOCAL) as client:
        found = discover(source, client, {})
    assert found.candidates and "rahasia" not in json.dumps(found.state) + json.dumps([c.to_dict() for c in found.candidates])
    assert "rahasia" not in found.endpoints[0].url


# -- blocked is not empty; charsets --------------------------------------------------------
@pytest.mark.parametrize("status", [200, 403])
def test_a_challenge_page_is_blocked_and_retryable_never_an_article(status):
    page = hostile.CHALLENGE.encode()
    assert challenge_of(hostile.CHALLENGE) == "cloudflare"
    with pytest.raises(RejectedArticle) as rejected:
        article_from_page(Candidate("https://x.id/berita/1", "x", "t"), page, {"content-type": "text/html"},
                          __import__("datetime").datetime(2026, 11, 25), "r")
    assert (rejected.value.reason, rejected.value.retryable) == ("blocked", True)


@pytest.mark.parametrize("kind, page", [
    ("cloudflare", "<html><head><title>Just a moment...</title></head><body>Sebentar</body></html>"),
    ("cloudflare", '<html><body><script src="/CDN-CGI/challenge-platform/h/b/orchestrate.js"></script></body></html>'),
    ("ddos-guard", "<html><head><title>DDoS-Guard</title></head><body></body></html>"),
    ("akamai", "<html><head><title>Access Denied</title></head><body>Reference #18.2f3c1ab8.1700000000</body></html>"),
    ("imperva", "<html><body><iframe src='/_Incapsula_Resource?x=1'></iframe></body></html>"),
    ("sucuri", "<html><body><h1>Sucuri WebSite Firewall - Access Denied</h1></body></html>"),
    ("browser check", "<html><body><p>Checking your browser before accessing kabar.id</p></body></html>"),
    ("javascript cookie wall", "<html><body><script>document.cookie = 'k=1'; location.reload();</script></body></html>"),
    ("captcha", "<html><head><title>Verifikasi CAPTCHA</title></head><body></body></html>"),
])
def test_every_kind_of_challenge_is_recognised_whatever_its_case(kind, page):
    # the cheap word check in front of each pattern must not hide a page the pattern finds
    assert challenge_of(page) == kind


def test_an_article_that_talks_about_browsers_is_not_a_challenge():
    page = hostile.ARTICLE.format(title="Checking your browser before accessing jadi modus penipuan baru").replace(
        "</article>", "<p>" + "Polisi mengimbau warga berhati-hati terhadap situs palsu. " * 60 + "</p></article>")
    assert challenge_of(page) is None


def test_lying_charsets_give_clean_text():
    cp1252 = hostile.article("Caf\u00e9 \u201cSenja\u201d di Bandung", charset="cp1252")  # meta says utf-8
    art = article_from_page(Candidate("https://x.id/a", "x", "t"), cp1252, {"content-type": "text/html; charset=utf-8"},
                            __import__("datetime").datetime(2026, 11, 25), "r")
    assert art["title"] == "Caf\u00e9 \u201cSenja\u201d di Bandung"
    utf8 = hostile.article("Kopi \u201cSenja\u201d — r\u00e9sum\u00e9")
    text = page_text(utf8, "iso-8859-1")
    assert "\u201cSenja\u201d" in text and not any("\x80" <= ch <= "\x9f" for ch in text) and "\ufffd" not in text


# -- whole runs ----------------------------------------------------------------------------
@pytest.mark.slow
def test_one_bad_link_or_page_fails_only_itself(prefect_api, scripted, tmp_path):
    from flows.ingest import ingest

    good = [f"{scripted.url}/berita/{i}" for i in (1, 2)]
    links = good + [f"{scripted.url}/berita/a%ff", "http://[::1/x", f"{scripted.url}/berita/-%E2%80",
                    f"{scripted.url}/berita/tantangan"]
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, hostile.rss(links))
    for i in (1, 2):
        scripted.routes[f"/berita/{i}"] = hostile.html(hostile.article(f"Berita {i}"))
    scripted.routes["/berita/tantangan"] = hostile.html(hostile.CHALLENGE.encode())
    hostile.source_file(tmp_path / "src", "campur", scripted.url)
    lake = tmp_path / "lake"
    (report,) = ingest(lake=str(lake), replay="", sources_dir=str(tmp_path / "src"))
    assert report["status"] == "ok" and report["written"] == 2
    rejects = dict(duckdb.sql(f"SELECT url, reason FROM read_parquet('{lake}/rejects/**/*.parquet')").fetchall())
    assert rejects[""] == "invalid_url"  # feedparser keeps no text of a link that is no URL; the detail names the entry
    assert rejects[f"{scripted.url}/berita/tantangan"] == "blocked"
    assert {rejects[f"{scripted.url}/berita/a%ff"], rejects[f"{scripted.url}/berita/-%E2%80"]} == {"http_404"}
    state = json.loads((lake / "_state" / "sources" / "campur.json").read_text())
    assert [p["url"] for p in state["pending"].values()] == [f"{scripted.url}/berita/tantangan"]  # tried again later


@pytest.mark.slow
def test_a_backfill_day_whose_index_is_blocked_stays_open(prefect_api, scripted, tmp_path):
    from flows.backfill import backfill
    from flows.coverage import coverage
    from flows.outcome import run_flow

    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /rahasia/\n")
    scripted.routes["/indeks?date=2026-11-20&page=1"] = (429, {"Retry-After": "3600"}, b"slow down")
    scripted.routes["/indeks?date=2026-11-21&page=1"] = hostile.html(hostile.CHALLENGE.encode())
    scripted.routes["/indeks?date=2026-11-22&page=1"] = hostile.html(f"<a href='{scripted.url}/berita/1/x'>x</a>".encode())
    scripted.routes["/berita/1/x"] = hostile.html(hostile.article("Berita satu"))
    extra = (f'article_pattern = "/berita/\\\\d+/"\n[[index_pages]]\n'
             f'template = "{scripted.url}/indeks?date={{date:%Y-%m-%d}}&page={{page}}"\n'
             f'[[index_pages]]\ntemplate = "{scripted.url}/rahasia/{{date:%Y-%m-%d}}/{{page}}"\n')
    hostile.source_file(tmp_path / "src", "arsip", scripted.url, feeds=[], extra=extra)
    lake = str(tmp_path / "lake")
    run = dict(sources=None, date_from="2026-11-20", date_to="2026-11-22", lake=lake, replay="",
               sources_dir=str(tmp_path / "src"))
    reports = {r["day"]: r for r in run_flow(backfill, **run)}
    assert [reports[d]["status"] for d in ("2026-11-20", "2026-11-21", "2026-11-22")] == ["blocked", "blocked", "blocked"]
    assert "429" in reports["2026-11-20"]["error"] and "cloudflare" in reports["2026-11-21"]["error"]
    assert "robots_disallowed" in reports["2026-11-22"]["error"]  # the second template is disallowed
    assert not any(path.startswith("/rahasia/") for path, _ in scripted.requests)
    assert sum(path == "/robots.txt" for path, _ in scripted.requests) == 1  # once per host per run
    days = {r["day"]: r for r in coverage(lake, None, "2026-11-20", "2026-11-22", sources_dir=str(tmp_path / "src"))}
    assert {d["state"] for d in days.values()} == {"blocked"} and not any(d["complete"] for d in days.values())
    again = run_flow(backfill, **run)  # blocked days are tried again, not "done before"
    assert {r["status"] for r in again} == {"blocked"}


@pytest.mark.slow
def test_a_backfill_day_cut_by_the_index_page_cap_keeps_what_it_listed_and_stays_open(prefect_api, scripted, tmp_path):
    from flows.backfill import backfill
    from flows.coverage import coverage
    from flows.outcome import run_flow
    from spiders.discovery.index_pages import MAX_PAGES

    for page in range(1, MAX_PAGES + 5):  # every page brings a new link, past the cap
        link = f"{scripted.url}/berita/{page}/x"
        scripted.routes[f"/indeks?date=2026-11-20&page={page}"] = hostile.html(f"<a href='{link}'>x</a>".encode())
    scripted.routes["/berita/1/x"] = hostile.html(hostile.article("Berita satu"))
    extra = (f'article_pattern = "/berita/\\\\d+/"\n[[index_pages]]\n'
             f'template = "{scripted.url}/indeks?date={{date:%Y-%m-%d}}&page={{page}}"\n')
    hostile.source_file(tmp_path / "src", "arsip", scripted.url, feeds=[], extra=extra)
    lake = str(tmp_path / "lake")
    (report,) = run_flow(backfill, sources=None, date_from="2026-11-20", date_to="2026-11-20", lake=lake, replay="",
                         sources_dir=str(tmp_path / "src"))
    assert report["status"] == "cut" and f"max_pages {MAX_PAGES}" in report["error"]
    assert report["discovered"] == MAX_PAGES and report["written"] == 1  # what was listed is kept
    (day,) = coverage(lake, None, "2026-11-20", "2026-11-20", sources_dir=str(tmp_path / "src"))
    assert day["state"] == "cut" and not day["complete"] and "max_pages" in day["why"]


# -- hygiene -------------------------------------------------------------------------------
def test_a_killed_writers_leftovers_are_swept_at_the_next_start(tmp_path):
    import os
    import tempfile
    import time as clock

    from flows.context import SCRATCH_PREFIX, RunContext
    from storage.filesystem import _HOST

    lake = tmp_path / "lake"
    partition = lake / "articles" / "source=x" / "published_date=2026-11-25"
    partition.mkdir(parents=True)
    (partition / ".dead.tmp").write_bytes(b"half a file")  # an old name, by age
    (partition / f".{_HOST}_999999999-x.tmp").write_bytes(b"half a file")  # a writer of this host that is gone
    os.utime(partition / ".dead.tmp", (clock.time() - 7200,) * 2)
    (partition / ".live.tmp").write_bytes(b"being written now")
    scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}999999999-")  # a process that is no more
    RunContext.start("test", str(lake), "", None)
    assert sorted(p.name for p in partition.iterdir()) == [".live.tmp"] and not os.path.exists(scratch)


def test_a_malformed_feed_that_can_still_be_read_is_recorded(scripted, tmp_path):
    body = hostile.rss([f"{scripted.url}/berita/1"]).replace(b"<title>x</title>", b"<title>Berita & Sekitarnya</title>")
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, body)
    hostile.source_file(tmp_path / "src", "rusak", scripted.url)
    with make_client(policy=LOCAL) as client:
        found = discover(load_sources(tmp_path / "src")["rusak"], client, {})
    assert found.candidates and found.endpoints[0].malformed
    assert found.state[f"{scripted.url}/rss"]["malformed"].startswith("SAXParseException")
