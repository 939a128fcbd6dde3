"""Cases from ultimate-sitemap-parser's own tree tests, for bench/formats.py: run with the
library's checkout on PYTHONPATH (and requests-mock installed); prints JSON lines, one per
test: the mocked responses and the library's answer (its tests pass against it), each
sitemap document with its page URLs and the whole page set. Nothing of it is kept."""
from __future__ import annotations

import base64
import json
import sys

import requests_mock

import tests.test_tree as tree_tests
from usp.objects.sitemap import AbstractIndexSitemap
from usp.tree import sitemap_tree_for_homepage

captured: list[dict] = []


class Recorder(requests_mock.Mocker):
    """The library's mocker, noting each response a test registers."""

    def get(self, url, **kwargs):
        body = kwargs.get("content")
        if body is None:
            body = (kwargs.get("text") or "").encode("utf-8")
        captured[-1]["responses"][url] = {"status": kwargs.get("status_code", 200), "headers": kwargs.get("headers", {}),
                                          "body": base64.b64encode(body).decode()}
        return super().get(url, **kwargs)


def documents(sitemap) -> list[dict]:
    out = []
    if isinstance(sitemap, AbstractIndexSitemap):
        for sub in sitemap.sub_sitemaps:
            out += documents(sub)
    elif hasattr(sitemap, "pages"):
        out.append({"url": sitemap.url, "pages": sorted(p.url for p in sitemap.pages)})
    return out


def answer(homepage_url: str):
    tree = sitemap_tree_for_homepage(homepage_url)
    captured[-1].update(homepage=homepage_url, documents=documents(tree), pages=sorted({p.url for p in tree.all_pages()}))
    return tree


def main() -> int:
    tree_tests.requests_mock.Mocker = Recorder
    tree_tests.sitemap_tree_for_homepage = answer
    suite = tree_tests.TestSitemapTree()
    for name in sorted(n for n in dir(suite) if n.startswith("test_")):
        captured.append({"test": name, "responses": {}})
        try:
            getattr(suite, name)()
        except Exception as exc:  # noqa: BLE001 -- the library failing its own test is noted, not fatal
            captured[-1]["library_error"] = f"{type(exc).__name__}: {exc}"[:200]
        print(json.dumps(captured[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
