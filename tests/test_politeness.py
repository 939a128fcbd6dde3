"""Politeness, measured from the outlet's own request log: robots.txt asked once per host
and run, never two requests at once to the host, and at least the delay between them
(the source's, or the robots.txt Crawl-delay when that is longer) — for feeds, article
pages, sitemaps and index pages alike."""
import pytest

import hostile

pytestmark = pytest.mark.slow
ROBOTS = b"User-agent: *\nDisallow: /preview/\nCrawl-delay: 1\n"


def gaps(server, prefix: str) -> list[float]:
    """Seconds from the end of each request under `prefix` to the start of the next one."""
    times = sorted((start, end) for path, start, end in server.timeline if path.startswith(prefix))
    return [b[0] - a[1] for a, b in zip(times, times[1:])]


def test_ingest_paces_feeds_and_articles_and_asks_robots_once(prefect_api, scripted, tmp_path):
    from flows.ingest import ingest

    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, ROBOTS)
    links = [f"{scripted.url}/berita/{i}" for i in range(4)]
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, hostile.rss(links[:2]))
    scripted.routes["/rss2"] = (200, {"Content-Type": "application/rss+xml"}, hostile.rss(links[2:]))
    for i in range(4):
        scripted.routes[f"/berita/{i}"] = hostile.html(hostile.article(f"Berita {i}"))
    path = hostile.source_file(tmp_path / "src", "sopan", scripted.url, feeds=["/rss", "/rss2"])
    path.write_text(path.read_text().replace("delay_seconds = 0", "delay_seconds = 0.5\nconcurrent_requests = 1"))
    (report,) = ingest(lake=str(tmp_path / "lake"), replay="", sources_dir=str(tmp_path / "src"))
    assert report["written"] == 4
    assert [p for p, _ in scripted.requests].count("/robots.txt") == 1  # feeds and the crawler share it
    assert scripted.max_in_flight == 1
    assert min(gaps(scripted, "/rss")) >= 0.9  # the Crawl-delay (1 s) beats the source's 0.5 s
    assert min(gaps(scripted, "/berita/")) >= 0.45  # Scrapy's delay, with its ±50% jitter


def test_backfill_paces_index_pages_and_sitemaps_and_asks_robots_once(prefect_api, scripted, tmp_path):
    from flows.backfill import backfill

    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                      ROBOTS + f"Sitemap: {scripted.url}/sitemap.xml\n".encode())
    scripted.routes["/sitemap.xml"] = (200, {"Content-Type": "application/xml"}, (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>' + f"{scripted.url}/berita/9/x"
        + "</loc><news:news><news:publication_date>2026-11-20T08:00:00+07:00</news:publication_date>"
        "</news:news></url></urlset>").encode())
    for day in ("2026-11-20", "2026-11-21"):
        for page in (1, 2):
            links = "".join(f"<a href='{scripted.url}/berita/{day[-2:]}{page}{i}/x'>x</a>" for i in range(2))
            scripted.routes[f"/indeks?date={day}&page={page}"] = hostile.html(links.encode())
    for path in [p for p in list(scripted.routes) if p.startswith("/indeks")]:
        day, page = path.split("date=")[1].split("&page=")
        for i in range(2):
            scripted.routes[f"/berita/{day[-2:]}{page}{i}/x"] = hostile.html(hostile.article(f"Berita {day} {page} {i}"))
    scripted.routes["/berita/9/x"] = hostile.html(hostile.article("Berita dari sitemap"))
    extra = (f'article_pattern = "/berita/\\\\d+/"\n[[index_pages]]\n'
             f'template = "{scripted.url}/indeks?date={{date:%Y-%m-%d}}&page={{page}}"\n')
    path = hostile.source_file(tmp_path / "src", "arsip", scripted.url, feeds=[], extra=extra)
    path.write_text(path.read_text().replace("delay_seconds = 0", "delay_seconds = 0.5\nconcurrent_requests = 1"))
    reports = backfill(sources=None, date_from="2026-11-20", date_to="2026-11-21", lake=str(tmp_path / "lake"),
                       replay="", sources_dir=str(tmp_path / "src"))
    assert sum(r["written"] for r in reports) == 9
    assert [p for p, _ in scripted.requests].count("/robots.txt") == 1  # sitemaps, index pages and two crawls
    assert scripted.max_in_flight == 1
    assert min(gaps(scripted, "/indeks")) >= 0.9
