"""Index-page walking, sitemap gzip and robots discovery, polite fetching."""
import gzip
import re
from datetime import date

import pytest

from spiders.discovery.parsing import ParseError
from spiders.discovery.sitemaps import gunzip_capped, parse_sitemap, sitemaps_from_robots
from conftest import LOCAL
from spiders.http import make_client
from spiders.discovery.index_pages import PATIENCE, article_links, format_template, walk
from spiders.registry import load_sources
from spiders.discovery.polite import PoliteFetcher

PATTERN = re.compile(r"contoh\.id/berita/\d+/")


def listing(*ids):
    return ("<html><body>" + "".join(f"<a href='https://contoh.id/berita/{i}/judul'>b{i}</a>" for i in ids)
            + "<a href='/tag/politik'>tag</a></body></html>").encode()


def fake_site(pages: dict[int, tuple[int, bytes]]):
    asked = []

    def fetch_page(url):
        n = int(url.rsplit("page=", 1)[1])
        asked.append(n)
        status, body = pages.get(n, (404, b""))
        return status, body, None
    return fetch_page, asked


def test_templates():
    assert format_template("https://x.id/indeks?date={date:%m/%d/%Y}&page={page}", date(2026, 3, 5), 2) == \
        "https://x.id/indeks?date=03/05/2026&page=2"
    assert format_template("https://x.id/index-news?date={date:%Y-%-m-%-d}&page={page}", date(2026, 3, 5), 1) == \
        "https://x.id/index-news?date=2026-3-5&page=1"
    # Republika, SINDOnews, Okezone count items, not pages
    assert [format_template("https://x.id/index/{offset:50}/{date:%Y/%m/%d}", date(2026, 3, 5), n) for n in (1, 3)] == \
        ["https://x.id/index/0/2026/03/05", "https://x.id/index/100/2026/03/05"]


def test_an_index_without_pages_is_one_page_a_day():
    asked = []

    def fetch_page(url):
        asked.append(url)
        return 200, listing(1, 2), None

    result = walk("https://contoh.id/news/indeks/{date:%Y/%m/%d}", date(2026, 1, 1), fetch_page, PATTERN)
    assert asked == ["https://contoh.id/news/indeks/2026/01/01"] and len(result.urls) == 2
    assert not result.cut and result.stopped_because == "one page a day"


def test_links_are_articles_only_in_page_order():
    assert article_links(listing(3, 1, 3), "https://contoh.id/indeks", PATTERN) == [
        "https://contoh.id/berita/3/judul", "https://contoh.id/berita/1/judul"]


def test_walk_stops_at_404_and_at_an_empty_page():
    fetch_page, asked = fake_site({1: (200, listing(1, 2)), 2: (200, listing(3))})
    result = walk("https://contoh.id/indeks?page={page}", date(2026, 1, 1), fetch_page, PATTERN)
    assert len(result.urls) == 3 and asked == [1, 2, 3] and "404" in result.stopped_because
    fetch_page, asked = fake_site({1: (200, listing(1)), 2: (200, b"<html><p>Tidak ada berita.</p></html>")})
    assert walk("https://contoh.id/indeks?page={page}", date(2026, 1, 1), fetch_page, PATTERN).stopped_because == "empty page 2"


def test_a_cdn_repeat_in_the_middle_does_not_end_the_walk():
    # page 2 is served with page 1's list (CDN cache); page 3 still has news
    fetch_page, _ = fake_site({1: (200, listing(1, 2)), 2: (200, listing(1, 2)), 3: (200, listing(3, 4))})
    result = walk("https://contoh.id/indeks?page={page}", date(2026, 1, 1), fetch_page, PATTERN)
    assert [u.split("/")[4] for u in result.urls] == ["1", "2", "3", "4"]


def test_pages_past_the_end_that_repeat_the_last_one_stop_the_walk():
    pages = {1: (200, listing(1, 2)), 2: (200, listing(3))}
    pages.update({n: (200, listing(3)) for n in range(3, 40)})  # Tribun: page 11+ echoes page 10
    fetch_page, asked = fake_site(pages)
    result = walk("https://contoh.id/indeks?page={page}", date(2026, 1, 1), fetch_page, PATTERN)
    assert len(result.urls) == 3 and len(asked) == 2 + PATIENCE


def test_a_server_error_is_an_error_not_an_end():
    fetch_page, _ = fake_site({1: (200, listing(1)), 2: (502, b"")})
    result = walk("https://contoh.id/indeks?page={page}", date(2026, 1, 1), fetch_page, PATTERN)
    assert result.errors and result.stopped_because == "error"


def test_gzip_sitemaps_and_gzip_bombs():
    sitemap = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://www.tribunnews.com/nasional/9000001/a</loc>'
               b'<news:news><news:publication_date>2026-11-20T10:00:00+07:00</news:publication_date><news:title>A</news:title>'
               b'</news:news></url></urlset>')
    entries, _ = parse_sitemap(gzip.compress(sitemap), load_sources()["tribunnews"], "sitemap:x")
    assert entries[0].title == "A" and entries[0].published_at == "2026-11-20T10:00:00+07:00"
    with pytest.raises(ParseError, match="inflates past"):
        gunzip_capped(gzip.compress(b"<" + b" " * 2_000_000 + b">"), limit=1_000_000)


def test_sitemaps_named_in_robots(mirror):
    with make_client(mirror.url) as client:
        assert sitemaps_from_robots(client, "https://www.cnnindonesia.com/") == [
            "https://www.cnnindonesia.com/sitemap_index.xml.gz"]
        assert sitemaps_from_robots(client, "https://tidak-ada.example/") == []


def test_polite_fetcher_spaces_requests_and_honours_retry_after(scripted):
    slept, now = [], [0.0]
    calls = {"n": 0}

    def busy(handler):
        calls["n"] += 1
        return (429, {"Retry-After": "7"}, b"") if calls["n"] == 1 else (200, {}, listing(1))
    scripted.routes["/indeks?page=1"] = (0, {}, busy)
    scripted.routes["/indeks?page=2"] = (200, {}, listing(2))
    with make_client(policy=LOCAL) as client:
        fetcher = PoliteFetcher(client, 2.0, sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)),
                                clock=lambda: now[0])
        assert fetcher.get(scripted.url + "/indeks?page=1")[0] == 200
        assert fetcher.get(scripted.url + "/indeks?page=2")[0] == 200
    # 7 s for Retry-After (which also spaces the retry), then 2 s before the next request to the host
    assert slept == [7.0, 2.0]
