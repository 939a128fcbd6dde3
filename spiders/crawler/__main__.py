"""The crawler process: `python -m spiders.crawler [--replay URL] [--allow NET]…`.

It lives for a whole run (Scrapy's reactor cannot restart inside one process, and
starting Scrapy costs seconds, so one process serves every unit of a run). Jobs arrive on
stdin, one JSON line each: `{"job", "source", "sources_dir", "candidates", "robots",
"crawl_delay"}` to crawl, `{"stop": job}` to end one early. Each job is its own Scrapy
crawler with its source's settings, side by side in one reactor. Out on stdout, as they
happen: `{"job", "item"}` for each page or error (every candidate yields one), and
`{"job", "done", "stats", "warnings", "error"}` when the job's crawl has ended. When stdin
closes, the running jobs finish and the process exits.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import threading

from spiders.http import USER_AGENT

REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"  # Scrapy's default


class _Out:
    """stdout as JSON lines, one writer at a time."""

    def __init__(self):
        self._lock = threading.Lock()

    def __call__(self, message: dict) -> None:
        line = json.dumps(message, ensure_ascii=False, default=str)
        with self._lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()


class _JobWarnings(logging.Handler):
    """WARNING and worse log records of each job's crawler (Scrapy names the spider)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.by_spider: dict[int, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        spider = getattr(record, "spider", None)
        if spider is not None and id(spider) in self.by_spider:
            lines = self.by_spider[id(spider)]
            if len(lines) < 50:
                lines.append(f"[{record.name}] {record.levelname}: {record.getMessage().splitlines()[0][:500]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fetch candidate article URLs for a run's units (see run.py).")
    parser.add_argument("--replay", default=None)
    parser.add_argument("--user-agent", default=USER_AGENT)
    parser.add_argument("--allow", action="append", default=[], help="a network the address policy lets through")
    args = parser.parse_args(argv)

    from scrapy.utils.reactor import install_reactor

    install_reactor(REACTOR)
    from scrapy import signals
    from scrapy.crawler import Crawler, CrawlerRunner
    from scrapy.settings import Settings
    from scrapy.utils.log import configure_logging
    from scrapy.utils.misc import build_from_crawler, load_object
    from twisted.internet import reactor

    from spiders.crawler.settings import crawl_settings, run_settings
    from spiders.crawler.spider import ArticleSpider
    from spiders.registry import load_sources

    base = Settings(run_settings(args.replay, tuple(args.allow)))
    configure_logging(base)
    warnings = _JobWarnings()
    logging.getLogger().addHandler(warnings)
    runner = CrawlerRunner(base)
    resolver = build_from_crawler(load_object(base["TWISTED_DNS_RESOLVER"]), runner, reactor=reactor)
    resolver.install_on_reactor()
    reactor.getThreadPool().adjustPoolsize(maxthreads=base.getint("REACTOR_THREADPOOL_MAXSIZE"))
    out, running = _Out(), {}

    def start(job: dict) -> None:
        job_id = job["job"]
        try:
            source = load_sources(job["sources_dir"], only=[job["source"]])[job["source"]]
            crawler = Crawler(ArticleSpider, crawl_settings(source, args.replay, args.user_agent, tuple(args.allow),
                                                            job.get("robots"), job.get("crawl_delay", 0.0)),
                              init_reactor=False)
        except Exception as exc:  # a job that cannot start fails alone
            out({"job": job_id, "done": True, "error": f"{type(exc).__name__}: {exc}"[:1000], "stats": {}, "warnings": []})
            return

        def item_scraped(item, response, spider):
            out({"job": job_id, "item": item})

        def spider_opened(spider):
            warnings.by_spider[id(spider)] = []

        def finished(result):
            spider = crawler.spider
            error = None if not hasattr(result, "getErrorMessage") else result.getErrorMessage()[:1000]
            out({"job": job_id, "done": True, "error": error, "stats": crawler.stats.get_stats() if crawler.stats else {},
                 "warnings": warnings.by_spider.pop(id(spider), []) if spider is not None else []})
            running.pop(job_id, None)

        crawler.signals.connect(item_scraped, signal=signals.item_scraped, weak=False)
        crawler.signals.connect(spider_opened, signal=signals.spider_opened, weak=False)
        running[job_id] = crawler
        runner.crawl(crawler, candidates=job["candidates"], single_page_param=source.single_page_param,
                      split_page_param=source.split_page_param).addBoth(finished)

    def stop(job_id) -> None:
        crawler = running.get(job_id)
        if crawler is not None and crawler.crawling:
            crawler.stop()

    def drain() -> None:
        runner.join().addBoth(lambda _: reactor.stop())

    def read_jobs() -> None:
        for line in sys.stdin:
            if line.strip():
                message = json.loads(line)
                if "stop" in message:
                    reactor.callFromThread(stop, message["stop"])
                else:
                    reactor.callFromThread(start, message)
        reactor.callFromThread(drain)

    threading.Thread(target=read_jobs, name="kabar-crawl-jobs", daemon=True).start()
    reactor.run(installSignalHandlers=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
