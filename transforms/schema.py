"""The lake's tables: one Arrow schema each, the single source of truth (contract).

Rules: timestamps are UTC microseconds with a zone (Spark-safe, no INT96/nanoseconds);
new columns are nullable additions; no column ever changes type.
Partition columns are not stored in the files: they live in the Hive path.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1
TS = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("editor", pa.string()),
        ("published_at", TS),
        ("published_from", pa.string()),
        ("updated_at", TS),
        ("fetched_at", TS),
        ("section", pa.string()),
        ("category", pa.string()),
        ("tags", pa.list_(pa.string())),
        ("language", pa.string()),
        ("body", pa.string()),
        ("word_count", pa.int32()),
        ("dateline", pa.string()),
        ("desk_codes", pa.list_(pa.string())),
        ("attribution", pa.string()),
        ("image_url", pa.string()),
        ("content_hash", pa.string()),
        ("simhash", pa.uint64()),
        ("discovered_via", pa.string()),
        ("extractor_version", pa.string()),
        ("run_id", pa.string()),
        ("schema_version", pa.int16()),
        ("published_date", pa.date32()),
    ]
)

RAW_PAGES = pa.schema(
    [
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("source", pa.string()),
        ("status", pa.int16()),
        ("headers", pa.map_(pa.string(), pa.string())),
        ("fetched_at", TS),
        ("body", pa.binary()),
        ("run_id", pa.string()),
        ("schema_version", pa.int16()),
        ("fetched_date", pa.date32()),
    ]
)

RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("source", pa.string()),
        ("flow", pa.string()),
        ("day", pa.date32()),  # the day a backfill unit covered; null for ingest
        ("status", pa.string()),
        ("started_at", TS),
        ("finished_at", TS),
        ("feeds_polled", pa.int32()),
        ("feeds_not_modified", pa.int32()),
        ("discovered", pa.int32()),
        ("skipped_known", pa.int32()),
        ("fetched", pa.int32()),
        ("written", pa.int32()),
        ("updated", pa.int32()),
        ("rejected", pa.int32()),
        ("error", pa.string()),
        ("schema_version", pa.int16()),
        ("run_date", pa.date32()),
    ]
)

REJECTS = pa.schema(
    [
        ("run_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("http_status", pa.int16()),
        ("retryable", pa.bool_()),
        ("rejected_at", TS),
        ("schema_version", pa.int16()),
        ("run_date", pa.date32()),
    ]
)


class Table:
    """A lake table: its name, schema and Hive partition columns (in path order)."""

    def __init__(self, name: str, schema: pa.Schema, partitions: tuple[str, ...]):
        self.name, self.schema, self.partitions = name, schema, partitions

    @property
    def file_schema(self) -> pa.Schema:
        """The schema of the Parquet files: without the partition columns."""
        return pa.schema([f for f in self.schema if f.name not in self.partitions])


TABLES = {
    "articles": Table("articles", ARTICLES, ("source", "published_date")),
    "raw_pages": Table("raw_pages", RAW_PAGES, ("source", "fetched_date")),
    "runs": Table("runs", RUNS, ("run_date",)),
    "rejects": Table("rejects", REJECTS, ("run_date",)),
}
