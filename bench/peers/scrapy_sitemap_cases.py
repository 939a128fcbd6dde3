"""Cases from Scrapy's own sitemap tests (tests/test_utils_sitemap.py), for
bench/formats.py: run with Scrapy's checkout first on PYTHONPATH; prints JSON lines, one
per sitemap document or robots.txt a test hands Scrapy, with Scrapy's answer (its tests
pass against it). Nothing of it is kept."""
from __future__ import annotations

import base64
import inspect
import json
import sys
import warnings

import tests.test_utils_sitemap as sitemap_tests
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

current = {"test": ""}


class RecordingSitemap(Sitemap):
    def __init__(self, xmltext, *args, **kwargs):
        super().__init__(xmltext, *args, **kwargs)
        body = xmltext if isinstance(xmltext, bytes) else xmltext.encode("utf-8")
        try:
            entries = [e.get("loc") for e in Sitemap(xmltext)]
        except Exception as exc:  # noqa: BLE001 -- Scrapy refusing a document is its answer
            entries = None
            print(json.dumps({"test": current["test"], "error": str(exc)[:200]}), file=sys.stderr)
        print(json.dumps({"test": current["test"], "kind": "sitemap", "type": self.type,
                          "body": base64.b64encode(body).decode(), "locs": entries}))


def recording_robots(robots_text, base_url=None):
    found = list(sitemap_urls_from_robots(robots_text, base_url=base_url))
    text = robots_text if isinstance(robots_text, str) else robots_text.decode("utf-8", errors="replace")
    print(json.dumps({"test": current["test"], "kind": "robots", "text": text, "base_url": base_url,
                      "sitemaps": found}))
    return iter(found)


def main() -> int:
    sitemap_tests.Sitemap = RecordingSitemap
    sitemap_tests.sitemap_urls_from_robots = recording_robots
    warnings.simplefilter("ignore")
    for name, test in sorted(inspect.getmembers(sitemap_tests, inspect.isfunction)):
        if name.startswith("test_") and not inspect.signature(test).parameters:
            current["test"] = name
            try:
                test()
            except Exception as exc:  # noqa: BLE001 -- noted, not fatal
                print(json.dumps({"test": name, "library_error": str(exc)[:200]}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
