"""The committed mirror is what its generator produces, and serves like a real site."""
import filecmp
import subprocess
import sys

import httpx
import pytest

from conftest import REPO

MIRROR = REPO / "data" / "mirror"
SAMPLE = REPO.parent / "shared" / "reference" / "pahami-sample-article.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="needs ../shared/reference beside the repository")
def test_committed_mirror_equals_a_fresh_build(tmp_path):
    subprocess.run([sys.executable, "-m", "tools.mirror", str(tmp_path)], cwd=REPO, check=True, capture_output=True)
    for name in ("routes.json", "manifest.json"):
        assert (tmp_path / name).read_text() == (MIRROR / name).read_text(), name
    compare = filecmp.dircmp(tmp_path / "sites", MIRROR / "sites")
    stack = [compare]
    while stack:
        c = stack.pop()
        assert not (c.left_only or c.right_only or c.diff_files), (c.left, c.left_only, c.right_only, c.diff_files)
        stack.extend(c.subdirs.values())


def test_manifest_covers_the_issues(manifest):
    articles = [a for a in manifest["articles"] if a["in_feeds"]]
    assert len(articles) >= 60 and len({a["published_date"] for a in articles}) >= 3
    archive_days = {a["published_date"] for a in manifest["articles"] if a["source"] in manifest["index_sources"]}
    assert len(manifest["index_sources"]) >= 4 and len(archive_days) >= 14
    assert {"pahami", "detik", "kompas", "cnnindonesia", "tempo", "antaranews", "tribunnews"} <= {a["source"] for a in articles}
    assert any(a["multipage"] for a in articles) and any(a["syndicated_from"] for a in articles)
    pahami = [a for a in articles if a["source"] == "pahami" and "Lavrov" in a["body"]]
    assert len(pahami) == 1 and pahami[0]["body"].startswith("Menteri Luar Negeri Rusia Sergei Lavrov")


def test_mirror_routes_by_host_and_answers_conditional_gets(mirror):
    with httpx.Client(base_url=mirror.url) as client:
        feed = client.get("/rss", headers={"Host": "news.detik.com"})
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/rss+xml")
        again = client.get("/rss", headers={"Host": "news.detik.com", "If-None-Match": feed.headers["etag"]})
        assert again.status_code == 304
        since = client.get("/rss", headers={"Host": "news.detik.com", "If-Modified-Since": feed.headers["last-modified"]})
        assert since.status_code == 304
        assert client.get("/rss", headers={"Host": "www.kompas.com"}).status_code == 404
        robots = client.get("/robots.txt", headers={"Host": "news.detik.com"})
        assert "Disallow: /preview/" in robots.text
    assert mirror.page_hits == {"www.kompas.com/rss": 1}
