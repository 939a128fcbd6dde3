"""The Scrapy subprocess against real HTTP on 127.0.0.1: replay, robots.txt, errors, caps."""
import time

from spiders.crawler.run import run_crawl
from spiders.crawler.settings import crawl_settings
from transforms.records import Candidate
from spiders.registry import load_sources

LOOPBACK = ("127.0.0.1/32",)  # the local test servers; the address policy refuses loopback otherwise

SOURCES = load_sources()
LOCAL_SOURCE = """
id = "local"
name = "Local test server"
homepage = "http://127.0.0.1/"
timezone = "Asia/Jakarta"
language = "id"
hosts = ["127.0.0.1"]
[politeness]
delay_seconds = 0
max_page_bytes = 100000
retries = 1
timeout_seconds = 10
"""


def cand(url, source="tribunnews"):
    return Candidate(url=url, source=source, via="test")


def test_replay_fetches_outlet_urls_and_accounts_for_every_candidate(mirror, manifest, tmp_path):
    multipage = next(a for a in manifest["articles"] if a["multipage"] and a["source"] == "tribunnews")
    plain = next(a for a in manifest["articles"] if a["source"] == "tribunnews" and not a["multipage"])
    missing = "https://www.tribunnews.com/nasional/9999999/tidak-ada"
    result = run_crawl(SOURCES["tribunnews"], [cand(multipage["url"]), cand(plain["url"]), cand(missing)], tmp_path, mirror.url)
    assert result.exit_code == 0
    pages = {p.candidate.url: p for p in result.pages}
    assert set(pages) == {multipage["url"], plain["url"]}
    # the single-page variant was asked for, and the item still carries the outlet URL
    assert pages[multipage["url"]].final_url == multipage["url"] + "?page=all"
    assert multipage["body"].splitlines()[-1].encode() in pages[multipage["url"]].body.replace(b"&quot;", b'"')
    assert [(e.candidate.url, e.reason, e.status, e.retryable) for e in result.errors] == [(missing, "http_404", 404, False)]
    assert "www.tribunnews.com/robots.txt" in mirror.hits


def test_robots_txt_is_obeyed(mirror, tmp_path):
    url = "https://news.detik.com/preview/d-7099999/draf-berita-belum-terbit"
    result = run_crawl(SOURCES["detik"], [cand(url, "detik")], tmp_path, mirror.url)
    assert result.pages == []
    assert [(e.reason, e.retryable) for e in result.errors] == [("robots_disallowed", False)]
    assert not any(key.startswith("news.detik.com/preview") for key in mirror.hits)


def test_honest_user_agent_retries_and_size_cap(scripted, tmp_path):
    calls = {"n": 0}

    def flaky(handler):
        calls["n"] += 1
        return (503, {}, b"busy") if calls["n"] == 1 else (200, {"Content-Type": "text/html"}, b"<html><body><p>ok</p></body></html>")

    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
    scripted.routes["/flaky"] = (0, {}, flaky)
    scripted.routes["/huge"] = (200, {"Content-Type": "text/html"}, b"<html>" + b"x" * 300_000 + b"</html>")
    scripted.routes["/gone"] = (500, {}, b"error")
    sources_dir = tmp_path / "sources"
    sources_dir.mkdir()
    (sources_dir / "local.toml").write_text(LOCAL_SOURCE)
    source = load_sources(sources_dir)["local"]
    result = run_crawl(source, [cand(scripted.url + p, "local") for p in ("/flaky", "/huge", "/gone")], tmp_path,
                       replay=None, sources_dir=sources_dir, allow=LOOPBACK)
    assert result.exit_code == 0, result.log_tail
    assert [p.candidate.url for p in result.pages] == [scripted.url + "/flaky"]
    reasons = {e.candidate.url.rsplit("/", 1)[1]: (e.reason, e.retryable) for e in result.errors}
    assert reasons == {"huge": ("too_large", False), "gone": ("http_500", True)}
    agents = {headers.get("User-Agent") for _, headers in scripted.requests}
    assert len(agents) == 1 and agents.pop().startswith("kabar/")
    assert calls["n"] == 2  # retried once after the 503


def test_politeness_settings_come_from_the_source_file():
    detik = SOURCES["detik"]
    live = crawl_settings(detik, replay=None)
    assert live["ROBOTSTXT_OBEY"] and live["AUTOTHROTTLE_ENABLED"]
    assert live["DOWNLOAD_DELAY"] == detik.politeness.delay_seconds
    assert live["CONCURRENT_REQUESTS_PER_DOMAIN"] == detik.politeness.concurrent_requests
    assert live["DOWNLOAD_MAXSIZE"] == detik.politeness.max_page_bytes
    assert "DOWNLOAD_HANDLERS" not in live
    replayed = crawl_settings(detik, replay="http://127.0.0.1:1")
    assert replayed["DOWNLOAD_HANDLERS"]["https"].endswith("ReplayDownloadHandler")
    assert replayed["ROBOTSTXT_OBEY"]


def test_retry_after_is_waited_for_or_left_to_the_next_run(scripted, tmp_path):
    seen: dict[str, list[float]] = {"soon": [], "later": []}

    def answer(name, retry_after):
        def respond(handler):
            seen[name].append(time.monotonic())
            if len(seen[name]) == 1:
                return 429, {"Retry-After": retry_after}, b"slow down"
            return 200, {"Content-Type": "text/html"}, b"<html><body><p>ok</p></body></html>"
        return respond

    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
    scripted.routes["/soon"] = (0, {}, answer("soon", "2"))
    scripted.routes["/later"] = (0, {}, answer("later", "3600"))
    sources_dir = tmp_path / "sources"
    sources_dir.mkdir()
    (sources_dir / "local.toml").write_text(LOCAL_SOURCE)
    source = load_sources(sources_dir)["local"]
    result = run_crawl(source, [cand(scripted.url + p, "local") for p in ("/soon", "/later")], tmp_path,
                       replay=None, sources_dir=sources_dir, allow=LOOPBACK)
    assert result.exit_code == 0, result.log_tail
    assert [p.candidate.url for p in result.pages] == [scripted.url + "/soon"]
    assert seen["soon"][1] - seen["soon"][0] >= 2  # the retry waited as asked
    assert len(seen["later"]) == 1  # an hour is not waited for in this run ...
    assert [(e.reason, e.status, e.retryable) for e in result.errors] == [("blocked", 429, True)]  # ... the next run retries


def test_one_crawler_process_serves_a_runs_jobs_side_by_side_and_a_dead_one_fails_only_its_jobs(mirror, manifest, tmp_path):
    import threading

    from spiders.crawler.run import CrawlService

    urls = {s: [a["url"] for a in manifest["articles"] if a["source"] == s][:3] for s in ("tribunnews", "detik")}
    with CrawlService(tmp_path, mirror.url) as service:
        results, streamed = {}, []
        jobs = [threading.Thread(target=lambda s=s: results.__setitem__(
                    s, service.crawl(SOURCES[s], [cand(u, s) for u in urls[s]], on_page=streamed.append)))
                for s in urls]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        assert {s: sorted(p.candidate.url for p in r.pages) for s, r in results.items()} == {s: sorted(u) for s, u in urls.items()}
        assert len(streamed) == 6 and service.starts == 1  # pages streamed as they came, one process for both jobs
        service._process.kill()  # a crawler that dies ...
        service._process.wait()
        again = service.crawl(SOURCES["tribunnews"], [cand(urls["tribunnews"][0])])
        assert again.exit_code == 0 and len(again.pages) == 1 and service.starts == 2  # ... is started anew for the next job


def test_later_pages_of_a_split_article_come_from_its_pager():
    from spiders.crawler.spider import MAX_SPLIT_PAGES, later_pages

    url = "https://www.jpnn.com/news/judul"
    links = ["/news/judul?page=2", "https://www.jpnn.com/news/judul?page=4", "?page=3", "/news/lain?page=9",
             "https://other.example/news/judul?page=7", "/news/judul?page=x", "/news/judul?page=999"]
    assert later_pages(url, links, "page") == [f"{url}?page={n}" for n in (2, 3, 4)]
    assert later_pages(url, ["/news/judul?page=1", "/tag/banjir"], "page") == []
    assert len(later_pages(url, [f"?page={MAX_SPLIT_PAGES}"], "page")) == MAX_SPLIT_PAGES - 1


def test_a_split_article_is_one_page_with_its_later_pages(mirror, manifest, tmp_path):
    split = next(a for a in manifest["articles"] if a.get("split_pages", 1) > 1)
    result = run_crawl(SOURCES[split["source"]], [cand(split["url"], split["source"])], tmp_path, mirror.url)
    assert result.exit_code == 0 and not result.errors
    (page,) = result.pages
    assert page.final_url == split["url"] and len(page.continued) == split["split_pages"] - 1
    assert split["body"].splitlines()[-1].encode() in page.continued[-1].replace(b"&quot;", b'"')


def test_a_later_page_that_fails_fails_its_article_and_names_the_page(scripted, tmp_path):
    first = (b'<html><body><h1>Judul</h1><p>Isi halaman pertama.</p><div class="pagination">'
             b'<a href="/news/a?page=2">2</a><a href="/news/a?page=3">3</a></div></body></html>')
    scripted.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
    for name in ("a", "b"):
        scripted.routes[f"/news/{name}"] = (200, {"Content-Type": "text/html"}, first.replace(b"/news/a", f"/news/{name}".encode()))
        scripted.routes[f"/news/{name}?page=2"] = (200, {"Content-Type": "text/html"}, b"<html><body><p>Dua.</p></body></html>")
    scripted.routes["/news/a?page=3"] = (200, {"Content-Type": "text/html"}, b"<html><body><p>Tiga.</p></body></html>")
    scripted.routes["/news/b?page=3"] = (404, {}, b"gone")
    sources_dir = tmp_path / "sources"
    sources_dir.mkdir()
    (sources_dir / "local.toml").write_text(LOCAL_SOURCE.replace('hosts = ["127.0.0.1"]', 'hosts = ["127.0.0.1"]\nsplit_page_param = "page"'))
    source = load_sources(sources_dir)["local"]
    result = run_crawl(source, [cand(scripted.url + "/news/a", "local"), cand(scripted.url + "/news/b", "local")], tmp_path,
                       replay=None, sources_dir=sources_dir, allow=LOOPBACK)
    assert result.exit_code == 0, result.log_tail
    (page,) = result.pages
    assert page.candidate.url.endswith("/news/a") and [b.count(b"<p>") for b in page.continued] == [1, 1]
    assert b"Tiga" in page.continued[1]
    (error,) = result.errors
    assert error.candidate.url.endswith("/news/b") and (error.reason, error.retryable) == ("http_404", False)
    assert "/news/b?page=3" in error.detail
