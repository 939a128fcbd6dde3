"""Work on the lake between runs: compaction, raw-page retention, putting retired feeds
back in service. Compaction takes the lease of each source whose files it rewrites (and
one lease per shared table), so it never rewrites a partition another run is writing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from prefect import flow

from flows.context import RunContext, source_lease, utc_now
from flows.ingest import source_state_name
from spiders.discovery.policy import reinstate
from storage.index import SourceIndex
from storage.lake import COMPACTED_TABLES
from transforms.rows.schema import TABLES


def compact_lake(ctx: RunContext, table: str = "all") -> list[dict]:
    """Merge each partition's files into one, per table; one result dict per table."""
    lake, results = ctx.lake, []
    for name in COMPACTED_TABLES if table == "all" else [table]:
        if "source" not in TABLES[name].partitions:
            with ctx.lease(f"compact-{name}"):
                results.append(lake.compact(name))
            continue
        total = {"table": name, "files_before": 0, "files_after": 0, "partitions_merged": 0}
        for source in lake.partition_sources(name):
            with ctx.lease(source_lease(source)):
                index = SourceIndex.load(lake, source) if name == "articles" else None
                done = lake.compact(name, source)
                if index is not None:
                    index.record([])  # the same rows, in other files
            for key in ("files_before", "files_after", "partitions_merged"):
                total[key] += done[key]
        results.append(total)
    return results


def vacuum_lake(ctx: RunContext, keep_days: int, today: date) -> int:
    """Delete raw pages fetched more than `keep_days` before `today`; files removed."""
    return ctx.lake.vacuum_raw_pages(keep_days, today)


@flow(name="compact", log_prints=True)
def compact(lake: str | None = None, table: str = "all") -> list[dict]:
    """Merge each partition's small files into one (deduplicated, sorted); idempotent."""
    return compact_lake(RunContext.start("compact", lake, "", None), table)


@flow(name="vacuum", log_prints=True)
def vacuum(lake: str | None = None, keep_days: int | None = None) -> int:
    """Apply the raw-page retention (`keep_days`, default KABAR_RAW_RETENTION_DAYS)."""
    ctx = RunContext.start("vacuum", lake, "", None)
    return vacuum_lake(ctx, keep_days if keep_days is not None else ctx.settings.raw_retention_days, utc_now().date())


class UnknownEndpoint(LookupError):
    pass


@dataclass
class Reset:
    reinstated: list[str]
    looked_at: int


def reset_endpoints(ctx: RunContext, source_id: str, url: str | None = None) -> Reset:
    """Put a source's retired or backed-off feeds and sitemaps (or the one `url`) back in
    service, keeping their validators; under the source's lease, so no ingest of it is
    writing its state meanwhile."""
    with ctx.lease(source_lease(source_id)):
        lake = ctx.lake
        state = lake.read_state(source_state_name(source_id))
        endpoints = state.get("endpoints", {})
        if url and url not in endpoints:
            raise UnknownEndpoint(f"{source_id} has no state for {url}")
        chosen = [url] if url else sorted(endpoints)
        reinstated = [u for u in chosen if reinstate(endpoints[u])]
        lake.write_state(source_state_name(source_id), {**state, "endpoints": endpoints})
    return Reset(reinstated, len(chosen))
