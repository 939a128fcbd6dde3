"""Discovery over real HTTP on 127.0.0.1: the mirror and a scripted server."""
import gzip

from spiders.discovery.feeds import parse_feed
from spiders.discovery.poll import discover
from conftest import LOCAL
from spiders.http import USER_AGENT, fetch, make_client
from spiders.registry import Endpoint, Source, load_sources

SOURCES = load_sources()
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Satu</title><link>https://contoh.id/berita/1?utm_source=rss</link><pubDate>Wed, 25 Nov 2026 13:30:00 +0700</pubDate></item>
<item><title>Dua</title><link>https://contoh.id/berita/2</link><pubDate>Rabu, 25 Nov 2026 14:00 WIB</pubDate></item>
<item><title>Luar</title><link>https://lain.id/berita/3</link></item>
</channel></rss>"""


def source_for(url: str, kind: str = "feeds") -> Source:
    return Source(id="contoh", name="Contoh", homepage="https://contoh.id/", timezone="Asia/Jakarta", language="id",
                  hosts=("contoh.id",), **{kind: (Endpoint(url),)})


def test_mirror_feeds_then_304_on_the_second_poll(mirror):
    with make_client(mirror.url) as client:
        first = discover(SOURCES["detik"], client, {})
        assert first.count("new") == 3 and first.count("error") == 0
        urls = {c.url for c in first.candidates}
        assert "https://news.detik.com/preview/d-7099999/draf-berita-belum-terbit" in urls
        assert not any("utm_" in u for u in urls)  # the tracking-tagged duplicate was merged
        second = discover(SOURCES["detik"], client, first.state)
    assert second.count("not_modified") == 3 and second.candidates == []


def test_a_feed_that_is_not_well_formed_still_yields_its_entries(mirror):
    with make_client(mirror.url) as client:
        found = discover(SOURCES["antaranews"], client, {})
    assert found.count("error") == 0
    assert any(c.title and c.title.endswith("& Sekitarnya") for c in found.candidates)


def test_sitemap_index_children_are_followed_and_news_fields_read(mirror):
    with make_client(mirror.url) as client:
        found = discover(SOURCES["tempo"], client, {})
        kinds = [(e.url.rsplit("/", 1)[-1], e.outcome, e.entries) for e in found.endpoints]
        again = discover(SOURCES["tempo"], client, found.state)
    assert ("news.xml", "new", 9) in kinds
    assert all(c.published_at and c.title for c in found.candidates)
    # an unchanged index still has its children polled
    assert [e.outcome for e in again.endpoints].count("not_modified") == 4


def test_entries_get_aware_times_and_off_site_links_are_kept_apart(scripted):
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, RSS)
    with make_client(policy=LOCAL) as client:
        found = discover(source_for(scripted.url + "/rss"), client, {})
    by_url = {c.url: c for c in found.candidates}
    assert set(by_url) == {"https://contoh.id/berita/1", "https://contoh.id/berita/2"}
    assert by_url["https://contoh.id/berita/1"].published_at == "2026-11-25T13:30:00+07:00"
    assert by_url["https://contoh.id/berita/2"].published_at == "2026-11-25T14:00:00+07:00"
    assert [c.url for c in found.off_site] == ["https://lain.id/berita/3"]
    assert scripted.requests[0][1]["User-Agent"] == USER_AGENT and "kabar" in USER_AGENT


def test_conditional_get_sends_validators_and_unchanged_body_is_skipped(scripted):
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, RSS)
    with make_client(policy=LOCAL) as client:
        source = source_for(scripted.url + "/rss")
        first = discover(source, client, {})
        second = discover(source, client, first.state)  # server ignores validators: same body
    assert scripted.requests[1][1]["If-None-Match"] == '"v1"'
    assert second.endpoints[0].outcome == "unchanged" and second.candidates == []


def test_errors_are_counted_not_raised(scripted):
    scripted.routes["/html"] = (200, {"Content-Type": "text/html"}, b"<html><body>Bukan feed</body></html>")
    scripted.routes["/down"] = (503, {}, b"maintenance")
    with make_client(policy=LOCAL) as client:
        not_feed = discover(source_for(scripted.url + "/html"), client, {})
        down = discover(source_for(scripted.url + "/down"), client, {})
        refused = discover(source_for("http://127.0.0.1:9/rss"), client, {})
        bad_sitemap = discover(source_for(scripted.url + "/html", "sitemaps"), client, {})
    for found in (not_feed, down, refused, bad_sitemap):
        assert found.endpoints[0].outcome == "error" and found.endpoints[0].error
    assert down.state[scripted.url + "/down"]["consecutive_failures"] == 1


def test_hostile_xml_entities_are_not_expanded(scripted):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b'<url><loc>https://contoh.id/&c;</loc></url></urlset>')
    scripted.routes["/sitemap.xml"] = (200, {"Content-Type": "application/xml"}, bomb)
    with make_client(policy=LOCAL) as client:
        found = discover(source_for(scripted.url + "/sitemap.xml", "sitemaps"), client, {})
    assert all(len(c.url) < 200 for c in found.candidates)


def test_size_cap_and_gzip_transfer(scripted):
    scripted.routes["/big"] = (200, {"Content-Type": "application/rss+xml"}, b"x" * 50_000)
    scripted.routes["/gz"] = (200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, gzip.compress(RSS))
    with make_client(policy=LOCAL) as client:
        assert "over" in fetch(client, scripted.url + "/big", max_bytes=10_000).error
        assert len(parse_feed(fetch(client, scripted.url + "/gz").body, {}, source_for("https://contoh.id/rss"), "feed")) == 3


def test_feeds_of_different_hosts_are_polled_side_by_side_and_reported_in_listed_order(scripted):
    import threading
    import time

    from spiders.discovery.polite import Pace, PoliteFetcher

    in_flight, most = [0], [0]
    lock = threading.Lock()

    def slow(item: bytes):
        def respond(handler):
            with lock:
                in_flight[0] += 1
                most[0] = max(most[0], in_flight[0])
            time.sleep(0.3)
            with lock:
                in_flight[0] -= 1
            return 200, {"Content-Type": "application/rss+xml"}, RSS.replace(b"berita/1", item)
        return respond

    for k in range(3):
        scripted.routes[f"/rss{k}"] = (0, {}, slow(f"berita/a{k}".encode()))
    port = scripted.url.rsplit(":", 1)[1]
    # two names of one loopback server: two hosts to the pace, polled at once; one host's feeds one at a time
    feeds = [f"http://localhost:{port}/rss0", f"http://127.0.0.1:{port}/rss1", f"http://localhost:{port}/rss2"]
    source = Source(id="contoh", name="Contoh", homepage="https://contoh.id/", timezone="Asia/Jakarta", language="id",
                    hosts=("contoh.id",), feeds=tuple(Endpoint(u) for u in feeds))
    with make_client(policy=LOCAL) as client:
        found = discover(source, client, {}, fetcher=PoliteFetcher(client, 0, pace=Pace()))
    assert [e.url for e in found.endpoints] == feeds and found.count("new") == 3
    assert most[0] == 2  # the two hosts side by side; three at once would mean one host asked twice at a time
    assert [c.url for c in found.candidates][:3] == ["https://contoh.id/berita/a0", "https://contoh.id/berita/2",
                                                      "https://contoh.id/berita/a1"]
