"""The operator's view: status with rates, lag and failing feeds; sources check --live;
user source directories; the command line's conventions (help, --version, -q/-v, exit
codes, a closed pipe). JSON output is checked against the schemas in docs/schemas/."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest

from conftest import REPO
from flows.context import source_lease
from flows.ingest import source_state_name
from flows.status import attention, source_status
from spiders.registry import SOURCES_DIR, load_registry
from storage.lake import Lake
from storage.lease import Leases

NOW = datetime.now(timezone.utc).replace(microsecond=0)
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


def validate(value, schema_name: str) -> None:
    schema = json.loads((REPO / "docs" / "schemas" / schema_name).read_text())
    jsonschema.validate(value, schema, format_checker=FORMATS)


def kabar(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env or dict(os.environ),
                          capture_output=True, text=True, timeout=timeout)


def article(i: int, when: datetime, source: str = "detik") -> dict:
    return {"article_id": f"{source}-{i}", "url": f"https://news.detik.com/berita/d-{i}/x", "source": source,
            "title": f"t{i}", "published_at": when, "published_date": when.date(), "body": "b", "fetched_at": when}


def run_row(source: str, status: str, finished: datetime) -> dict:
    return {"run_id": f"r-{status}-{finished:%H%M%S}", "source": source, "flow": "ingest", "status": status,
            "started_at": finished - timedelta(minutes=1), "finished_at": finished, "written": 3,
            "error": None if status == "ok" else "every feed failed", "run_date": finished.date()}


@pytest.fixture()
def busy_lake(tmp_path):
    """detik: 10 articles a day for four weeks, then 1 a day; a run ok two hours ago and one
    failed an hour ago; a feed failing, one retired; its lease held by another run."""
    lake = Lake(str(tmp_path / "lake"))
    rows, n = [], 0
    for days_ago in range(1, 36):
        for k in range(10 if days_ago > 7 else 1):
            n += 1
            rows.append(article(n, NOW - timedelta(days=days_ago, minutes=k) + timedelta(hours=1)))
    lake.write_rows("articles", rows, key_of="article_id")
    lake.write_rows("runs", [run_row("detik", "ok", NOW - timedelta(hours=2)),
                             run_row("detik", "failed", NOW - timedelta(hours=1))], name="runs")
    failing_since = (NOW - timedelta(hours=5)).isoformat()
    lake.write_state(source_state_name("detik"), {"endpoints": {
        "https://news.detik.com/rss": {"consecutive_failures": 3, "first_failure": failing_since, "last_error": "http_500"},
        "https://finance.detik.com/rss": {"retired": {"at": failing_since, "reason": "http_410"}},
        "https://news.detik.com/berita/sitemap_news.xml": {"last_success": NOW.isoformat()}}})
    Leases(lake.files).acquire(source_lease("detik"), "backfill run X on worker-2", 600, 0)
    return lake


def test_status_reports_rates_lag_failing_feeds_and_the_lease_holder(busy_lake):
    (detik,) = source_status(busy_lake, ["detik"], 30, NOW, Leases(busy_lake.files))
    assert detik["articles_7d"] == 7 and detik["articles_24h"] == 1
    assert detik["usual_per_day"] == 10 and detik["week_vs_usual"] == 0.1
    assert detik["behind_hours"] == 23
    assert detik["last_run"]["status"] == "failed" and detik["last_success"] == NOW - timedelta(hours=2)
    health = {e["url"].split("/")[2] + e["url"][-4:]: (e["health"], e["since"]) for e in detik["endpoints"]}
    assert health["news.detik.com/rss"] == ("failing", (NOW - timedelta(hours=5)).isoformat())
    assert health["finance.detik.com/rss"][0] == "retired" and health["news.detik.com.xml"] == ("ok", None)
    assert detik["failing_endpoints"] == 2 and "worker-2" in detik["lease"]
    why = " | ".join(attention(detik))
    assert "failing since" in why and "RETIRED" in why and "10% of its usual 10 a day" in why


def test_status_json_follows_its_schema_and_the_table_names_what_is_wrong(busy_lake):
    out = kabar("status", "--lake", busy_lake.root, "--json")
    assert out.returncode == 0, out.stderr
    statuses = json.loads(out.stdout)
    validate(statuses, "status.schema.json")
    assert {s["source"] for s in statuses} == set(load_registry().sources)
    table = kabar("status", "--lake", busy_lake.root)
    assert table.returncode == 0, table.stderr
    assert "! detik: https://news.detik.com/rss failing since" in table.stdout
    assert "detik being written now: held by backfill run X on worker-2" in table.stdout


def test_status_of_a_lake_that_does_not_exist_is_a_usage_error(tmp_path):
    out = kabar("status", "--lake", str(tmp_path / "typo"))
    assert out.returncode == 2 and "there is no lake" in out.stderr and "Traceback" not in out.stderr


def test_sources_check_live_samples_a_source_of_the_mirror(mirror, tmp_path):
    out = kabar("sources", "check", "detik", "--live", "--replay", mirror.url, "--day", "2026-11-25", "--json",
                "--lake", str(tmp_path / "lake"))
    found = json.loads(out.stdout)
    validate(found, "sources-check.schema.json")
    assert out.returncode == 0, found["needs_attention"]
    c = found["completeness"]
    assert c["of"] >= 5 and c["title"] == c["time"] == c["body"] == c["writers"] == c["of"]
    assert all(e["ok"] for e in found["endpoints"]) and found["index"]["links"] > 0


def test_sources_check_live_names_a_dead_feed(mirror, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    text = (SOURCES_DIR / "tempo.toml").read_text().replace("rss", "no-such-feed")
    (own / "tempo.toml").write_text(text)
    out = kabar("--sources-dir", str(own), "--replace-sources", "sources", "check", "tempo", "--live",
                "--replay", mirror.url, "--json", "--lake", str(tmp_path / "lake"))
    found = json.loads(out.stdout)
    validate(found, "sources-check.schema.json")
    assert out.returncode == 1
    assert any("no-such-feed" in why for why in found["needs_attention"])


def test_user_sources_add_to_the_built_in_ones_and_clashes_name_both_files(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    detik = (SOURCES_DIR / "detik.toml").read_text()
    (own / "lokal.toml").write_text(
        'id = "lokal"\nname = "Lokal"\nhomepage = "https://lokal-news.id/"\ntimezone = "Asia/Makassar"\n'
        'language = "id"\nhosts = ["lokal-news.id"]\n[[feeds]]\nurl = "https://lokal-news.id/rss"\n')
    (own / "detikcopy.toml").write_text(detik.replace('id = "detik"', 'id = "detikcopy"'))
    (own / "kompas.toml").write_text((SOURCES_DIR / "kompas.toml").read_text())
    (own / "rusak.toml").write_text("id = [unclosed\n")
    registry = load_registry(f"{SOURCES_DIR}{os.pathsep}{own}")
    assert "lokal" in registry.sources and "tempo" in registry.sources
    assert f"{SOURCES_DIR / 'kompas.toml'} and {own / 'kompas.toml'}" in registry.broken["kompas"]
    assert "both claim host" in registry.broken["detik"] and str(own / "detikcopy.toml") in registry.broken["detik"]
    assert "not valid TOML" in registry.broken["rusak"]

    listed = kabar("sources", "list", "--sources-dir", str(own), "--json", "--lake", str(tmp_path / "lake"))
    assert listed.returncode == 0, listed.stderr
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert rows["lokal"]["file"] == str(own / "lokal.toml") and rows["rusak"]["error"]
    check = kabar("sources", "check", "--sources-dir", str(own), "--lake", str(tmp_path / "lake"))
    assert check.returncode == 2 and "rusak.toml" in check.stderr and "defined twice" in check.stderr
    alone = kabar("sources", "check", "tempo", "--sources-dir", str(own), "--lake", str(tmp_path / "lake"))
    assert alone.returncode == 0, alone.stderr  # a broken file stops only itself
    replaced = kabar("sources", "list", "--sources-dir", str(own), "--replace-sources", "--json",
                     "--lake", str(tmp_path / "lake"))
    assert {r["id"] for r in json.loads(replaced.stdout)} == {"lokal", "detikcopy", "kompas", "rusak"}


@pytest.mark.parametrize("args, message", [
    (["cluster", "--window-end", "2026-13-01"], "is not a day"),
    (["status", "--days", "-5"], "less than 0"),
    (["demo", "--port", "70000"], "is not a port"),
    (["backfill", "--source", "detik", "--from", "2026-11-30", "--to", "2026-11-01"], "is before --from 2026-11-30"),
    (["sources", "list", "--sources-dir", "/no/such/dir"], "no such directory"),
    (["-q", "-v", "sources", "list"], "not allowed with"),
    (["sources", "list", "--replace-sources"], "needs KABAR_SOURCES_DIR"),
    (["coverage", "--from", "2026-11-30", "--to", "2026-11-01"], "--to 2026-11-01 is before --from 2026-11-30"),
    (["reprocess", "--from", "2026-11-30", "--to", "2026-11-01"], "is before --from"),
    (["status", "--lake", "s3:///"], "names no bucket"),
    (["cluster-texts", "/no/such/file.jsonl"], "cannot read /no/such/file.jsonl"),
    (["report", "--days", "0"], "less than 1"),
])
def test_bad_values_exit_2_with_a_message_and_no_traceback(args, message, tmp_path):
    out = kabar(*args, env={**os.environ, "KABAR_LAKE": str(tmp_path / "lake")})
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr, out.stderr


def test_help_shows_defaults_environment_examples_and_exit_codes():
    top = kabar("--help")
    assert "KABAR_LAKE" in top.stdout and "KABAR_SOURCES_DIR" in top.stdout and "exit codes:" in top.stdout
    ingest = kabar("ingest", "--help")
    assert "examples:" in ingest.stdout and "kabar ingest --source detik" in ingest.stdout
    assert "(KABAR_LAKE; default" in ingest.stdout and "--quiet" in ingest.stdout
    status = kabar("status", "--help")
    assert "(default 30)" in status.stdout
    version = kabar("--version")
    assert version.returncode == 0 and version.stdout.startswith("kabar ")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    reader = subprocess.Popen([sys.executable, "-m", "flows.cli", "sources", "list", "--lake", str(tmp_path / "l")],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # as `| head` does once it has its lines
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and b"Traceback" not in err and b"BrokenPipe" not in err, err


class _Terminal:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_under_cron():
    from flows.progress import Progress

    for tty in (True, False):
        out = _Terminal(tty)
        bar = Progress({"sources": 2}, enabled=True, out=out)
        bar.advance("sources", "detik ok")
        bar.advance("sources", "kompas ok")
        bar.close()
        if tty:
            assert out.text.startswith("\rsources [") and "2/2 kompas ok" in out.text
        else:
            assert out.text.splitlines() == ["sources 1/2 detik ok", "sources 2/2 kompas ok"]


def test_verbosity_sets_prefects_log_level_and_the_progress_bars(monkeypatch):
    import argparse

    from flows.cli.entry import apply_global_options

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    cases = [({}, "WARNING", True), ({"verbosity": 1}, "INFO", True), ({"verbosity": -1}, "WARNING", False),
             ({"json": True}, "WARNING", False)]
    for given, level, progress in cases:
        environ, args = {}, argparse.Namespace(command="ingest", **given)
        apply_global_options(args, environ)
        assert environ["PREFECT_LOGGING_LEVEL"] == level and args.progress is progress
    environ = {}
    apply_global_options(argparse.Namespace(command="serve"), environ)  # a worker's logs are its output
    assert "PREFECT_LOGGING_LEVEL" not in environ
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)  # under cron: Prefect's own settings stand
    environ, args = {}, argparse.Namespace(command="ingest")
    apply_global_options(args, environ)
    assert "PREFECT_LOGGING_LEVEL" not in environ and args.progress


def test_backfill_dry_run_says_what_it_would_do_and_writes_nothing(tmp_path):
    from flows.backfill import day_state_name

    lake = Lake(str(tmp_path / "lake"))
    lake.write_state(day_state_name("detik", "2026-11-25"), {"complete": True, "listed": []})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    out = kabar("backfill", "--source", "detik", "--source", "pahami", "--from", "2026-11-24", "--to", "2026-11-25",
                "--dry-run", "--json", "--lake", lake.root)
    assert out.returncode == 0, out.stderr
    plan = {(r["source"], r["day"]): r["plan"] for r in json.loads(out.stdout)}
    assert plan[("detik", "2026-11-24")] == "fetch" and plan[("detik", "2026-11-25")] == "done-before"
    refreshed = kabar("backfill", "--source", "detik", "--from", "2026-11-25", "--to", "2026-11-25", "--dry-run",
                      "--refresh", "--lake", lake.root)
    assert "1 source-days to fetch" in refreshed.stdout and "nothing fetched or written" in refreshed.stdout
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_every_option_of_every_command_has_help():
    import argparse

    from flows.cli.parser import build_parser
    from flows.settings import Settings

    parser = build_parser(Settings())
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    missing = [(name, a.dest) for name, sub in commands.items() for a in sub._actions if not a.help]
    assert missing == []


def test_listing_and_checking_sources_touch_no_lake(tmp_path):
    for action in ("list", "check"):
        done = subprocess.run([sys.executable, "-m", "flows.cli", "sources", action], cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []  # no data/lake made in the working directory
