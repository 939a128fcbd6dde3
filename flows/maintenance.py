"""Work on the lake between runs: compaction, raw-page retention, putting retired feeds
back in service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.ingest import source_state_name
from spiders.discovery.policy import reinstate
from storage.lake import COMPACTED_TABLES, Lake


def compact(lake: Lake, table: str = "all") -> list[dict]:
    """Merge each partition's files into one, per table; one result dict per table."""
    return [lake.compact(name) for name in (COMPACTED_TABLES if table == "all" else [table])]


def vacuum(lake: Lake, keep_days: int, today: date) -> int:
    """Delete raw pages fetched more than `keep_days` before `today`; files removed."""
    return lake.vacuum_raw_pages(keep_days, today)


class UnknownEndpoint(LookupError):
    pass


@dataclass
class Reset:
    reinstated: list[str]
    looked_at: int


def reset_endpoints(lake: Lake, source_id: str, url: str | None = None) -> Reset:
    """Put a source's retired or backed-off feeds and sitemaps (or the one `url`) back in
    service, keeping their validators. Run it between ingest runs: a running one writes
    back the state it read."""
    state = lake.read_state(source_state_name(source_id))
    endpoints = state.get("endpoints", {})
    if url and url not in endpoints:
        raise UnknownEndpoint(f"{source_id} has no state for {url}")
    chosen = [url] if url else sorted(endpoints)
    reinstated = [u for u in chosen if reinstate(endpoints[u])]
    lake.write_state(source_state_name(source_id), {**state, "endpoints": endpoints})
    return Reset(reinstated, len(chosen))
