"""Extraction in a pool of processes gives the rows and rejections of extraction in the
flow's thread, page for page."""
import json
from dataclasses import replace
from datetime import datetime, timezone

from conftest import REPO
from flows.collect import process_crawl
from flows.context import RunContext
from flows.settings import Settings
from spiders.crawler.run import CrawlResult
from spiders.registry import load_sources
from transforms.records import Candidate, FetchedPage


def test_a_process_pool_extracts_as_the_thread_does(manifest, tmp_path):
    routes = json.loads((REPO / "data/mirror/routes.json").read_text())
    source = load_sources()["detik"]
    pages = []
    for a in [a for a in manifest["articles"] if a["source"] == "detik"][:6]:
        body = (REPO / "data/mirror/sites" / routes[a["url"].split("://", 1)[1]]["file"]).read_bytes()
        pages.append(FetchedPage(Candidate(a["url"], "detik", "test"), a["url"], 200,
                                 {"content-type": "text/html; charset=utf-8"}, datetime.now(timezone.utc).isoformat(), body))
    pages.append(replace(pages[0], candidate=Candidate("https://news.detik.com/berita/d-1/kosong", "detik", "test"),
                         body=b"<html><body><p>kosong</p></body></html>"))
    crawl = CrawlResult(pages=pages)
    asked = [p.candidate for p in pages]
    settings = Settings.from_env()
    in_thread = process_crawl(source, RunContext.start("test", str(tmp_path), "", None, settings, run_id="r"), crawl, asked)
    ctx = RunContext.start("test", str(tmp_path), "", None, replace(settings, extract_processes=2), run_id="r")
    try:
        pooled = process_crawl(source, ctx, crawl, asked)
    finally:
        ctx.cleanup()
    assert len(in_thread.articles) == 6 and [r.reason for r in in_thread.rejections] == ["empty_body"]
    strip = lambda rows: [{k: v for k, v in r.items() if k != "fetched_at"} for r in rows]  # noqa: E731
    assert strip(pooled.articles) == strip(in_thread.articles) and pooled.rejections == in_thread.rejections


def test_a_run_takes_the_processes_warmed_before_it_and_only_if_they_are_its_size(tmp_path):
    import flows.context
    from flows.context import warm_extraction

    settings = replace(Settings.from_env(), extract_processes=2)
    warm_extraction(settings)
    warmed = flows.context._warm_pool
    warm_extraction(settings)  # once only
    assert flows.context._warm_pool is warmed
    ctx = RunContext.start("test", str(tmp_path), "", None, settings, run_id="r")
    try:
        pool = ctx.extract_pool()
        assert pool is warmed and flows.context._warm_pool is None
        assert pool.submit(sum, [1, 2]).result(timeout=60) == 3
    finally:
        ctx.cleanup()
    warm_extraction(settings)
    other = RunContext.start("test", str(tmp_path), "", None, replace(settings, extract_processes=1), run_id="r")
    try:
        assert other.extract_pool()._max_workers == 1  # the warmed pool of 2 was not this run's size
    finally:
        other.cleanup()


def test_an_extraction_process_loads_the_extractor_and_nothing_of_the_flows():
    """A spawned process re-imports the parent's main script (the `kabar` console script
    imports flows.cli), then the extractor: neither may pull in Prefect, the flows or
    pyarrow, which cost each extraction process ~150 MB it never used."""
    import subprocess
    import sys

    code = ("import sys; import flows.cli; import transforms.article; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'prefect', 'pyarrow', 'scrapy', 'storage'})); "
            "print(sorted(m for m in sys.modules if m.startswith('flows.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["[]", "['flows.cli']"]
