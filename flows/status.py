"""Status: per source, what ran, what arrived and what is failing — its last run and last
successful run, the articles of the last 24 hours and 7 days against its usual rate, how
far behind its newest article is, its feeds and sitemaps (ok, failing, backing off,
retired, with since when) and who holds its lease now. Runs and articles are read from
their recent partitions only: both tables grow every hour.

The JSON form is described by docs/schemas/status.schema.json."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from statistics import median

import pyarrow.dataset as ds

from flows.context import source_lease
from flows.ingest import source_state_name
from storage.lake import Lake
from storage.lease import Leases

USUAL_DAYS = 28  # the usual rate: the median day of the four weeks before the last seven
SLOW = 0.5  # a week at less than half the usual rate is called out


def endpoint_health(record: dict) -> tuple[str, str | None]:
    """(health, since): ok, failing (failed lately, still polled), backing_off or retired."""
    if record.get("retired"):
        return "retired", record["retired"]["at"]
    if record.get("next_attempt"):
        return "backing_off", record.get("first_failure")
    if record.get("consecutive_failures"):
        return "failing", record.get("first_failure")
    return "ok", None


def endpoint_state(record: dict) -> str:
    """One line for people: the health with its reason and times."""
    if record.get("retired"):
        return f"RETIRED {record['retired']['at'][:10]}: {record['retired']['reason']}"
    if record.get("next_attempt"):
        return (f"backing off until {record['next_attempt'][:16]} after {record['consecutive_failures']} failures "
                f"since {(record.get('first_failure') or '?')[:16]}: {record.get('last_error')}")
    if record.get("consecutive_failures"):
        return (f"failing since {(record.get('first_failure') or '?')[:16]} ({record['consecutive_failures']} in a row): "
                f"{record.get('last_error')}")
    return f"ok, last success {(record.get('last_success') or 'never')[:16]}"


def endpoints_of(lake: Lake, source_id: str) -> list[dict]:
    """The source's feeds and sitemaps with their health, in URL order."""
    out = []
    for url, rec in sorted(lake.read_state(source_state_name(source_id)).get("endpoints", {}).items()):
        health, failing_since = endpoint_health(rec)
        out.append({"url": url, "health": health, "since": failing_since, "state": endpoint_state(rec),
                    "last_success": rec.get("last_success"), "last_error": rec.get("last_error")})
    return out


def source_status(lake: Lake, source_ids: list[str], days: int, now: datetime, leases: Leases | None = None) -> list[dict]:
    """One dict per source (keys as in docs/schemas/status.schema.json); `now` is aware."""
    today = now.date()
    runs = lake.read("runs", ["source", "flow", "status", "finished_at", "written", "error"],
                     ds.field("run_date") >= today - timedelta(days=days)).to_pylist()
    last_run, last_success = {}, {}
    for r in sorted(runs, key=lambda r: r["finished_at"]):
        last_run[r["source"]] = r
        if r["status"] == "ok":
            last_success[r["source"]] = r["finished_at"]
    since = today - timedelta(days=7 + USUAL_DAYS + 1)
    published: dict[str, list[datetime]] = defaultdict(list)
    for a in lake.read("articles", ["source", "published_at"], ds.field("published_date") >= since).to_pylist():
        if a["published_at"] is not None:
            published[a["source"]].append(a["published_at"])
    out = []
    for sid in source_ids:
        times, endpoints = published[sid], endpoints_of(lake, sid)
        holder = leases.holder(source_lease(sid)) if leases else None
        newest = max(times, default=None)
        usual = usual_per_day(times, now)
        week = sum(t > now - timedelta(days=7) for t in times)
        out.append({
            "source": sid, "last_run": last_run.get(sid), "last_success": last_success.get(sid),
            "articles_24h": sum(t > now - timedelta(hours=24) for t in times), "articles_7d": week,
            "usual_per_day": usual, "week_vs_usual": round(week / 7 / usual, 2) if usual else None,
            "newest_published_at": newest,
            "behind_hours": round((now - newest).total_seconds() / 3600, 1) if newest else None,
            "failing_endpoints": sum(e["health"] != "ok" for e in endpoints),
            "lease": holder.describe() if holder else None, "endpoints": endpoints,
        })
    return out


def usual_per_day(times: list[datetime], now: datetime) -> float | None:
    """The median articles a day over the USUAL_DAYS days before the last week; None
    before the lake holds any of those days (a new source has no usual yet)."""
    start, end = now - timedelta(days=7 + USUAL_DAYS), now - timedelta(days=7)
    per_day = Counter((t - start).days for t in times if start <= t < end)
    if not per_day:
        return None
    return float(median(per_day.get(d, 0) for d in range(min(per_day), USUAL_DAYS)))


def attention(status: dict) -> list[str]:
    """What in a source's status needs someone: failing feeds, a slow week, no success."""
    why = [f"{e['url']} {e['state']}" for e in status["endpoints"] if e["health"] != "ok"]
    if status["week_vs_usual"] is not None and status["week_vs_usual"] < SLOW:
        why.append(f"{status['articles_7d']} articles in 7 days, {status['week_vs_usual']:.0%} of its usual "
                   f"{status['usual_per_day']:g} a day")
    if status["last_run"] and not status["last_success"]:
        why.append(f"no successful run in the period; the last ended {status['last_run']['status']}")
    return why
