"""The lake's tables: one Arrow schema each, the single source of truth (contract).

Rules: timestamps are UTC microseconds with a zone (Spark-safe, no INT96/nanoseconds);
new columns are nullable additions; no column ever changes type (tests/schema_v1.json
freezes what version 1 promised). Partition columns are not stored in the files: they
live in the Hive path. `python -m transforms.rows.schema` prints docs/data-dictionary.md.
"""
from __future__ import annotations

import pyarrow as pa

from transforms.rows import SCHEMA_VERSION  # the contract names its version

TS = pa.timestamp("us", tz="UTC")
TEXTS = pa.list_(pa.string())


def col(name: str, type_: pa.DataType, doc: str) -> pa.Field:
    return pa.field(name, type_, nullable=True, metadata={"doc": doc})


ARTICLES = pa.schema([
    col("article_id", pa.string(), "128-bit hex of SHA-256 over the canonical URL; unique across the table"),
    col("url", pa.string(), "the article's URL as the outlet serves it, without tracking parameters"),
    col("source", pa.string(), "source id (spiders/sources/<id>.toml); partition column"),
    col("title", pa.string(), "headline without outlet prefixes or suffixes"),
    col("authors", TEXTS, "writers (people only; organisations never)"),
    col("editor", pa.string(), "editor named on the page, if any"),
    col("published_at", TS, "publication instant, UTC"),
    col("published_from", pa.string(), "evidence that gave published_at: json-ld, app-state, meta, meta-local, feed, "
                                       "time-element, visible, url"),
    col("updated_at", TS, "last update: the page's dateModified, or the refetch time of a changed article"),
    col("fetched_at", TS, "when the page was fetched, UTC"),
    col("section", pa.string(), "the outlet's own section (articleSection, breadcrumb, feed category)"),
    col("category", pa.string(), "normalised category, one of docs/taxonomy.md"),
    col("tags", TEXTS, "the outlet's keywords/tags"),
    col("language", pa.string(), "id, ms or en, identified from the body"),
    col("body", pa.string(), "cleaned article text, paragraphs separated by newlines"),
    col("word_count", pa.int32(), "words in body"),
    col("dateline", pa.string(), "the dateline removed from the body start (\"Jakarta, CNN Indonesia\")"),
    col("desk_codes", TEXTS, "desk codes removed from the body end (\"vyp/kna\")"),
    col("attribution", pa.string(), "syndication note (\"Antaranews.com\" from \"Artikel ini telah tayang di …\")"),
    col("image_url", pa.string(), "lead image"),
    col("content_hash", pa.string(), "SHA-256 of the body with case, punctuation and spacing folded"),
    col("duplicate_of", pa.string(), "article_id of the earliest article with the same content_hash (an exact copy "
                                     "under another URL), else null"),
    col("simhash", pa.uint64(), "64-bit SimHash of the normalised body"),
    col("discovered_via", pa.string(), "feed:<url>, sitemap:<url> or index:<template> that listed the URL"),
    col("extractor_version", pa.string(), "version of the extractor that produced the row"),
    col("category_from", pa.string(), "what gave the category: section, url or text"),
    col("places", TEXTS, "provinces, cities and countries named (gazetteers)"),
    col("organizations", TEXTS, "institutions and parties named (gazetteers)"),
    col("persons", TEXTS, "people named with a title or as an apposition (\"Juru bicara KPK, Nama Orang,\")"),
    col("keywords", TEXTS, "most frequent content words, Indonesian stop words removed"),
    col("run_id", pa.string(), "the run that wrote the row"),
    col("schema_version", pa.int16(), "schema version of the writer"),
    col("published_date", pa.date32(), "publication day in the source's time zone (WIB unless the source says); partition column"),
])

RAW_PAGES = pa.schema([
    col("url", pa.string(), "the candidate URL"),
    col("final_url", pa.string(), "URL after redirects (with the single-page parameter when one was asked)"),
    col("source", pa.string(), "source id; partition column"),
    col("status", pa.int16(), "HTTP status"),
    col("headers", pa.map_(pa.string(), pa.string()), "response headers, lower-case names"),
    col("fetched_at", TS, "fetch instant, UTC"),
    col("body", pa.binary(), "response body as received (the file is zstd-compressed)"),
    col("run_id", pa.string(), "the run that fetched it"),
    col("schema_version", pa.int16(), "schema version of the writer"),
    col("article_id", pa.string(), "article id of the candidate URL"),
    col("discovered_via", pa.string(), "what listed the URL"),
    col("hint_title", pa.string(), "title given by the feed or sitemap"),
    col("hint_published_at", pa.string(), "publication time given by the feed or sitemap (ISO 8601)"),
    col("hint_section", pa.string(), "section given by the feed"),
    col("continued_bodies", pa.list_(pa.binary()), "a split article's later pages (?page=2, 3, ...), as received; "
        "null for a page that is the whole article"),
    col("fetched_date", pa.date32(), "UTC day of the fetch; partition column"),
])

RUNS = pa.schema([
    col("run_id", pa.string(), "run id: start time and a random suffix"),
    col("source", pa.string(), "source id"),
    col("flow", pa.string(), "ingest, backfill or reprocess"),
    col("day", pa.date32(), "the day a backfill unit covered; null for ingest"),
    col("status", pa.string(), "ok, failed, retired, backing_off, busy, blocked, cut, skipped, done-before, complete "
                               "(transforms/records.py UnitStatus)"),
    col("started_at", TS, "run start, UTC"),
    col("finished_at", TS, "unit end, UTC"),
    col("feeds_polled", pa.int32(), "feeds and sitemaps asked (not those backing off or retired)"),
    col("feeds_not_modified", pa.int32(), "of those, answered 304 or an unchanged body"),
    col("discovered", pa.int32(), "candidate URLs after merging duplicates"),
    col("skipped_known", pa.int32(), "candidates already in the lake"),
    col("fetched", pa.int32(), "pages fetched"),
    col("written", pa.int32(), "new article rows"),
    col("updated", pa.int32(), "article rows replaced in place (refresh, reprocess)"),
    col("rejected", pa.int32(), "rows written to rejects"),
    col("error", pa.string(), "why the unit failed"),
    col("schema_version", pa.int16(), "schema version of the writer"),
    col("worker", pa.string(), "who ran the unit: KABAR_WORKER, or host name and process id"),
    col("waited_seconds", pa.float32(), "how long the unit waited for its source's lease"),
    col("feeds_malformed", pa.int32(), "feeds read despite being malformed (feedparser's bozo flag; the reason is "
                                       "in the feed's state)"),
    col("run_date", pa.date32(), "UTC day the run started; partition column"),
])

REJECTS = pa.schema([
    col("run_id", pa.string(), "the run"),
    col("source", pa.string(), "source id"),
    col("url", pa.string(), "the URL that did not become an article"),
    col("stage", pa.string(), "discover, fetch or extract"),
    col("reason", pa.string(), "short code, one of transforms/records.py RejectReason (blocked, blocked_address, "
                               "robots_disallowed, timeout, empty_body, no_publication_time, off_site, feed_error, …) "
                               "or http_<status>"),
    col("detail", pa.string(), "human-readable detail"),
    col("http_status", pa.int16(), "HTTP status when there was one"),
    col("retryable", pa.bool_(), "whether a later run tries the URL again"),
    col("rejected_at", TS, "UTC"),
    col("schema_version", pa.int16(), "schema version of the writer"),
    col("run_date", pa.date32(), "UTC day the run started; partition column"),
])


CLUSTERS = pa.schema([
    col("article_id", pa.string(), "an article in a near-duplicate cluster"),
    col("cluster_id", pa.string(), "article_id of the cluster's representative: its earliest published member"),
    col("source", pa.string(), "the article's source"),
    col("published_at", TS, "the article's publication instant"),
    col("cluster_size", pa.int32(), "articles in the cluster within the window"),
    col("is_representative", pa.bool_(), "whether this article is the representative"),
    col("window_start", pa.date32(), "first publication day (WIB) of the window"),
    col("run_id", pa.string(), "the run that wrote the row"),
    col("schema_version", pa.int16(), "schema version of the writer"),
    col("window_end", pa.date32(), "last publication day (WIB) of the window; partition column"),
])


class Table:
    """A lake table: its name, schema, Hive partition columns (in path order), the
    columns that identify a row (for deduplication when files are merged), and the
    column that orders rows inside a file."""

    def __init__(self, name: str, schema: pa.Schema, partitions: tuple[str, ...], key: tuple[str, ...],
                 sort_by: str, newest: str):
        self.name, self.schema, self.partitions = name, schema, partitions
        self.key, self.sort_by, self.newest = key, sort_by, newest

    @property
    def file_schema(self) -> pa.Schema:
        """The schema of the Parquet files: without the partition columns."""
        return pa.schema([f for f in self.schema if f.name not in self.partitions])


TABLES = {
    "articles": Table("articles", ARTICLES, ("source", "published_date"), ("article_id",), "published_at", "fetched_at"),
    "raw_pages": Table("raw_pages", RAW_PAGES, ("source", "fetched_date"), ("url", "fetched_at"), "fetched_at", "fetched_at"),
    "runs": Table("runs", RUNS, ("run_date",), ("run_id", "source", "day"), "finished_at", "finished_at"),
    "rejects": Table("rejects", REJECTS, ("run_date",), ("run_id", "url", "stage"), "rejected_at", "rejected_at"),
    "clusters": Table("clusters", CLUSTERS, ("window_end",), ("article_id",), "published_at", "published_at"),
}


def data_dictionary() -> str:
    lines = ["# Data dictionary", "",
             "Generated from `transforms/rows/schema.py` by `python -m transforms.rows.schema`; do not edit by hand.", "",
             f"Schema version {SCHEMA_VERSION}. Every column is nullable; columns are only ever added. Timestamps are",
             "`timestamp[us, tz=UTC]` (Parquet INT64 TIMESTAMP_MICROS, UTC-adjusted). Across schema versions: DuckDB",
             "`union_by_name=true`; Polars `scan_parquet(..., schema=<the lake schema>, missing_columns=\"insert\")`",
             "(Polars otherwise takes the schema from the first file it opens); pyarrow `dataset(..., schema=<the lake",
             "schema>)`.", "",
             "## Reading the lake", "",
             "**Partition columns** (`source`, `*_date`) live in the Hive path, not in the files, and each reader types",
             "them its own way:", "",
             "- DuckDB, `read_parquet('lake/articles/**/*.parquet', hive_partitioning=true)`: `*_date` as DATE, `source`",
             "  as VARCHAR (it infers dates).",
             "- Polars, `pl.scan_parquet('lake/articles/**/*.parquet', hive_partitioning=True)`: Date and String.",
             "- pyarrow infers integers only: `ds.dataset('lake/articles', partitioning='hive')` reads `published_date`",
             "  as a **string**. Give the types: `ds.dataset('lake/articles', format='parquet',",
             "  partitioning=ds.partitioning(pa.schema([('source', pa.string()), ('published_date', pa.date32())]),",
             "  flavor='hive'))` (the table sections below list each table's partition columns and types).",
             "- Spark, `spark.read.parquet('lake/articles')`: DATE and string (partition type inference, on by default).",
             "",
             "**Before its first write** every table already holds one empty file with its columns, in the partition",
             "whose values are null (`…=__HIVE_DEFAULT_PARTITION__`, Hive's name for a null partition value), made",
             "by the first run that writes the lake: `clusters/` is readable before the first `kabar cluster`, `rejects/`",
             "before the first reject. Its zero rows change no query. (Untyped pyarrow, alone, cannot infer a type from",
             "only that partition: give the types as above.)", "",
             "**`simhash` is an unsigned 64-bit integer** (Parquet UINT_64): DuckDB UBIGINT, Polars UInt64, pyarrow",
             "uint64. Spark has no unsigned type and reads it as `decimal(20,0)`, exactly; for a signed bigint with",
             "the same 64 bits: `F.when(F.col('simhash') >= 2**63, F.col('simhash') - 2**64).otherwise(F.col('simhash'))",
             "  .cast('bigint')`. (Not checked here: there is no Spark on this machine.)", ""]
    for table in TABLES.values():
        lines += [f"## `{table.name}`", "",
                  f"Path: `{table.name}/" + "/".join(f"{p}=…" for p in table.partitions) + "/part-<key>.parquet`. "
                  f"One row per {', '.join(table.key)}; rows sorted by `{table.sort_by}` after compaction.", "",
                  "| column | type | partition | meaning |", "|---|---|---|---|"]
        for field in table.schema:
            doc = (field.metadata or {}).get(b"doc", b"").decode()
            part = "yes" if field.name in table.partitions else ""
            lines.append(f"| `{field.name}` | `{field.type}` | {part} | {doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(data_dictionary(), end="")
