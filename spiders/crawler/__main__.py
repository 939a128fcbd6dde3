"""The child's side of a crawl: `python -m spiders.crawler --source S --candidates F --out F`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spiders.http import USER_AGENT
from spiders.registry import SOURCES_DIR, load_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fetch candidate article URLs of one source (subprocess of run_crawl).")
    parser.add_argument("--source", required=True)
    parser.add_argument("--sources-dir", type=Path, default=SOURCES_DIR)
    parser.add_argument("--candidates", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stats", help="write Scrapy's crawl stats here as JSON")
    parser.add_argument("--replay", default=None)
    parser.add_argument("--user-agent", default=USER_AGENT)
    parser.add_argument("--allow", action="append", default=[], help="a network the address policy lets through")
    parser.add_argument("--robots", help="robots.txt bodies by host (JSON) the run already fetched")
    parser.add_argument("--crawl-delay", type=float, default=0.0, help="robots.txt's Crawl-delay, if longer")
    args = parser.parse_args(argv)

    from scrapy.crawler import CrawlerProcess

    from spiders.crawler.settings import crawl_settings
    from spiders.crawler.spider import ArticleSpider

    source = load_sources(args.sources_dir, only=[args.source])[args.source]
    settings = crawl_settings(source, args.replay, args.user_agent, tuple(args.allow), args.robots, args.crawl_delay)
    settings["FEEDS"] = {Path(args.out).resolve().as_uri(): {"format": "jsonlines", "encoding": "utf8", "overwrite": True}}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ArticleSpider)
    process.crawl(crawler, candidates_path=args.candidates, single_page_param=source.single_page_param)
    process.start()
    if args.stats:
        Path(args.stats).write_text(json.dumps(crawler.stats.get_stats(), default=str, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
