"""The feed policy against a local server answering 304, 429 + Retry-After, 500s and 410."""
from datetime import datetime, timedelta, timezone

from spiders.discovery import policy as feed_policy
from spiders.discovery.poll import discover
from conftest import LOCAL
from spiders.http import make_client
from spiders.registry import Endpoint, Source

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Satu</title>'
       b'<link>https://contoh.id/berita/1</link></item></channel></rss>')
T0 = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)


def source(url: str) -> Source:
    return Source(id="contoh", name="Contoh", homepage="https://contoh.id/", timezone="Asia/Jakarta", language="id",
                  hosts=("contoh.id",), feeds=(Endpoint(url),))


def poll(scripted, state, now):
    with make_client(policy=LOCAL) as client:
        found = discover(source(scripted.url + "/rss"), client, state, now=now)
    return found, found.state[scripted.url + "/rss"]


def test_not_modified_is_a_success(scripted):
    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, RSS
    scripted.routes["/rss"] = (0, {}, feed)
    first, record = poll(scripted, {}, T0)
    second, record = poll(scripted, first.state, T0 + timedelta(hours=1))
    assert second.endpoints[0].outcome == "not_modified" and record["consecutive_failures"] == 0
    assert record["last_success"] == (T0 + timedelta(hours=1)).isoformat()


def test_429_honours_retry_after_and_skips_until_then(scripted):
    scripted.routes["/rss"] = (429, {"Retry-After": "3600"}, b"slow down")
    found, record = poll(scripted, {}, T0)
    assert found.endpoints[0].outcome == "error" and found.endpoints[0].status == 429
    assert record["next_attempt"] == (T0 + timedelta(hours=1)).isoformat()
    asked = len(scripted.requests)
    during, _ = poll(scripted, found.state, T0 + timedelta(minutes=30))
    assert during.endpoints[0].outcome == "backoff" and len(scripted.requests) == asked
    scripted.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, RSS)
    after, record = poll(scripted, found.state, T0 + timedelta(minutes=61))
    assert after.endpoints[0].outcome == "new" and record["consecutive_failures"] == 0 and not record["next_attempt"]


def test_500s_back_off_exponentially_then_retire_visibly(scripted):
    scripted.routes["/rss"] = (500, {}, b"error")
    state, now, waits = {}, T0, []
    for _ in range(feed_policy.RETIRE_AFTER_FAILURES + 2):
        found, record = poll(scripted, state, now)
        state = found.state
        if record.get("retired"):
            break
        nxt = datetime.fromisoformat(record["next_attempt"])
        waits.append(nxt - now)
        now = nxt + timedelta(seconds=1)
    assert waits[:4] == [timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1), timedelta(hours=2)]
    assert max(waits) == feed_policy.BACKOFF_MAX
    assert record["retired"]["reason"].startswith(f"{feed_policy.RETIRE_AFTER_FAILURES} failures in a row")
    asked = len(scripted.requests)
    later, _ = poll(scripted, state, now + timedelta(days=30))
    assert later.endpoints[0].outcome == "retired" and len(scripted.requests) == asked


def test_410_retires_at_once(scripted):
    scripted.routes["/rss"] = (410, {}, b"gone")
    found, record = poll(scripted, {}, T0)
    assert record["retired"]["reason"] == "410 Gone"
    again, _ = poll(scripted, found.state, T0 + timedelta(days=1))
    assert again.endpoints[0].outcome == "retired"


def test_retry_after_forms():
    assert feed_policy.parse_retry_after("120", T0) == timedelta(seconds=120)
    assert feed_policy.parse_retry_after("Wed, 25 Nov 2026 02:00:00 GMT", T0) == timedelta(hours=2)
    assert feed_policy.parse_retry_after("999999999", T0) == feed_policy.RETRY_AFTER_MAX
    assert feed_policy.parse_retry_after("soon", T0) is None


def test_a_reinstated_feed_is_polled_again_and_keeps_its_validators(scripted, tmp_path, capsys):
    from flows.cli import main
    from conftest import open_lake

    scripted.routes["/rss"] = (410, {}, b"gone")
    found, record = poll(scripted, {}, T0)
    record["etag"] = '"v1"'
    lake = open_lake(str(tmp_path / "lake"))
    lake.write_state("sources/kompas", {"endpoints": found.state, "pending": {"a": {"url": "https://contoh.id/berita/2"}}})
    assert main(["sources", "reset", "kompas", "--lake", str(tmp_path / "lake")]) == 0
    assert f"reinstated {scripted.url}/rss" in capsys.readouterr().out
    state = lake.read_state("sources/kompas")
    assert "retired" not in state["endpoints"][f"{scripted.url}/rss"] and state["pending"]
    assert state["endpoints"][f"{scripted.url}/rss"]["etag"] == '"v1"'
    scripted.routes["/rss"] = (200, {}, RSS)
    again, _ = poll(scripted, state["endpoints"], T0 + timedelta(hours=1))
    assert again.endpoints[0].outcome == "new" and again.candidates
    assert main(["sources", "reset", "nosuch", "--lake", str(tmp_path / "lake")]) == 2
