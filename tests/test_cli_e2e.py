"""The command line as users run it: `kabar demo` twice, `kabar ingest`, exit codes."""
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO
from lake_checks import assert_lake_matches_manifest, feed_articles


def kabar(*args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def summary_totals(stdout: str) -> dict:
    header = next(line for line in stdout.splitlines() if line.startswith("source "))
    total = next(line for line in stdout.splitlines() if line.startswith("total "))
    names = header.split()[2:]
    return dict(zip(names, map(int, total.split()[1:])))


@pytest.mark.slow
def test_demo_then_demo_again_then_ingest(tmp_path, manifest, mirror):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    lake = tmp_path / "lake"
    first = kabar("demo", "--lake", str(lake), env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert summary_totals(first.stdout)["written"] == len(feed_articles(manifest))
    assert int(re.search(r"article pages fetched from the mirror: (\d+)", first.stdout).group(1)) > 0
    assert "import duckdb" in first.stdout
    assert_lake_matches_manifest(lake, manifest)

    second = kabar("demo", "--lake", str(lake), env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert summary_totals(second.stdout)["written"] == 0
    assert "article pages fetched from the mirror: 0" in second.stdout

    # `kabar ingest` against another mirror server: ETags are content hashes, so the
    # stored validators still match; nothing is fetched or written.
    third = kabar("ingest", "--lake", str(lake), "--replay", mirror.url, env=env)
    assert third.returncode == 0, third.stdout + third.stderr
    assert summary_totals(third.stdout)["written"] == 0
    assert sum(mirror.page_hits.values()) == 0
    assert_lake_matches_manifest(lake, manifest)

    status = kabar("status", "--lake", str(lake), env=env)
    assert status.returncode == 0, status.stdout + status.stderr
    rows = [line.split() for line in status.stdout.splitlines()[3:] if re.match(r"[a-z]\w+ +\d{4}-", line)]
    assert len(rows) == len({a["source"] for a in manifest["articles"]})
    assert all(r[3:5] == ["ingest", "ok"] for r in rows)  # source, day, time, flow, status, …
    verbose = kabar("status", "--lake", str(lake), "-v", env=env)
    assert "ok, last success" in verbose.stdout
    negative = kabar("status", "--lake", str(lake), "--days", "-1", env=env)
    assert negative.returncode == 2 and "less than 0" in negative.stderr


def test_sources_list_and_check():
    listed = kabar("sources", "list")
    assert listed.returncode == 0 and "pahami" in listed.stdout and "tribunnews" in listed.stdout
    assert kabar("sources", "check").returncode == 0


def test_unknown_source_is_a_usage_error(tmp_path):
    result = kabar("ingest", "--source", "nope", "--lake", str(tmp_path))
    assert result.returncode == 2 and "unknown source" in result.stderr


def test_extract_prints_one_json_object(manifest):
    article = next(a for a in manifest["articles"] if a["source"] == "kompas")
    page = REPO / "data" / "mirror" / "sites" / json.loads((REPO / "data/mirror/routes.json").read_text())[
        article["url"].split("://", 1)[1]]["file"]
    result = kabar("extract", str(page), "--url", article["url"])
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["title"] == article["title"] and out["published_at"] == article["published_at"]
    assert out["dateline"] == article["dateline"]


def test_extract_batch_in_order_with_gzip_and_a_broken_line(tmp_path, manifest):
    import gzip

    routes = json.loads((REPO / "data/mirror/routes.json").read_text())
    articles = [a for a in manifest["articles"] if a["source"] in ("detik", "tempo")][:3]
    lines = []
    for i, a in enumerate(articles):
        html = (REPO / "data/mirror/sites" / routes[a["url"].split("://", 1)[1]]["file"]).read_bytes()
        name = f"page{i}.html.gz" if i == 1 else f"page{i}.html"
        (tmp_path / name).write_bytes(gzip.compress(html) if i == 1 else html)
        lines.append(json.dumps({"path": name, "url": a["url"]}))
    lines.append(json.dumps({"path": "missing.html", "url": "https://x.id/missing"}))
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    result = kabar("extract", "--batch", str(tmp_path / "batch.jsonl"))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("title") for o in out[:3]] == [a["title"] for a in articles]
    assert out[3]["url"] == "https://x.id/missing" and "error" in out[3]
