"""The lake's tables: Hive-partitioned Parquet (contract in DESIGN.md), written through
`LakeFiles.publish` under deterministic names, so writing the same rows again replaces a
file instead of adding one."""
from __future__ import annotations

import hashlib
import os
import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from pyarrow import fs as pafs

from storage.filesystem import LakeFiles, S3Options
from storage.state import StateFiles
from transforms.rows.schema import SCHEMA_VERSION, TABLES, Table

DEFAULT_LAKE = "data/lake"
# Tables that grow by appended files. `clusters` is not one: each window is one file,
# replaced whole when the window is run again; merging windows would mix their results.
COMPACTED_TABLES = ("articles", "raw_pages", "runs", "rejects")
ROW_GROUP_TARGET_BYTES = 64 * 1024 * 1024


NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # a null partition value, as Hive, Spark, pyarrow and DuckDB spell it


def _partition_dir(table: Table, row: dict) -> str:
    parts = []
    for column in table.partitions:
        value = row[column]
        text = value.isoformat() if isinstance(value, date) else str(value)
        if not text or "/" in text or text.startswith((".", "_")):
            raise ValueError(f"unsafe partition value {column}={text!r}")
        parts.append(f"{column}={text}")
    return "/".join(parts)


def _by_partition(table: Table, rows: list[dict]) -> dict[str, list[dict]]:
    """Rows grouped by partition directory, each stamped with the writer's schema version."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        row.setdefault("schema_version", SCHEMA_VERSION)
        groups[_partition_dir(table, row)].append(row)
    return groups


def row_group_rows(arrow: pa.Table) -> int:
    """Rows per row group for about 64 MB of in-memory data: article text is long, so the
    default of a million rows would make one huge group."""
    if arrow.num_rows == 0:
        return 1
    per_row = max(1, arrow.nbytes // arrow.num_rows)
    return max(1_000, min(100_000, ROW_GROUP_TARGET_BYTES // per_row))


def content_key(values: Iterable[str]) -> str:
    """A short deterministic key for a file from the ids of the rows it holds."""
    digest = hashlib.sha256("\n".join(sorted(values)).encode("utf-8")).hexdigest()
    return digest[:20]


def _later(a: dict, b: dict, column: str) -> bool:
    """Is row a newer than row b by `column` (a missing value is oldest)?"""
    if a.get(column) is None:
        return False
    return b.get(column) is None or a[column] > b[column]


def parquet_options(schema: pa.Schema) -> dict:
    """How the lake's files are written: zstd, and dictionary encoding only for columns
    that can repeat. A page body never repeats, and the dictionary the writer would try
    for it first holds whole pages in memory before it gives up."""
    def bodies(t: pa.DataType) -> bool:
        return pa.types.is_binary(t) or (pa.types.is_list(t) and pa.types.is_binary(t.value_type))

    return {"compression": "zstd", "use_dictionary": [f.name for f in schema if not bodies(f.type)]}


SPOOL_GROUP_ROWS = 64  # rows converted and written at a time (a row group): raw pages are ~50 KB each


class Spool:
    """Rows of one table gathered on local disk (a Parquet file per partition, row groups
    of SPOOL_GROUP_ROWS) and published as one file per partition: a batch that holds many pages
    keeps them out of memory until it is written."""

    def __init__(self, lake: "Lake", table_name: str, directory: str):
        self.lake, self.table, self.directory = lake, TABLES[table_name], directory
        self._writers: dict[str, tuple[str, pq.ParquetWriter]] = {}

    def add(self, rows: list[dict]) -> None:
        for partition, part_rows in _by_partition(self.table, rows).items():
            if partition not in self._writers:
                path = os.path.join(self.directory, f"spool-{uuid.uuid4().hex[:12]}.parquet")
                self._writers[partition] = (path, pq.ParquetWriter(path, self.table.file_schema,
                                                                   **parquet_options(self.table.file_schema)))
            for start in range(0, len(part_rows), SPOOL_GROUP_ROWS):  # a slice at a time: memory of one slice
                arrow = pa.Table.from_pylist(part_rows[start:start + SPOOL_GROUP_ROWS], schema=self.table.schema)
                self._writers[partition][1].write_table(arrow.select(self.table.file_schema.names))

    def publish(self, name: str) -> list[str]:
        """Each partition's rows as `part-<name>.parquet` in the lake; the spool is emptied."""
        written = []
        for partition, (path, writer) in sorted(self._writers.items()):
            writer.close()
            target = self.lake.files.path(self.table.name, partition, f"part-{name}.parquet")
            self.lake.files.publish(target, lambda sink, path=path: _copy_file(path, sink))
            os.unlink(path)
            written.append(target)
        self._writers = {}
        return written

    def discard(self) -> None:
        for path, writer in self._writers.values():
            writer.close()
            os.unlink(path)
        self._writers = {}


def _copy_file(path: str, sink) -> None:
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            sink.write(chunk)


class Lake:
    def __init__(self, root: str = DEFAULT_LAKE, s3: S3Options = S3Options()):
        self.root = root
        self.files = LakeFiles(root, s3)
        self.state = StateFiles(self.files)

    # -- writing ---------------------------------------------------------------------
    def write_rows(self, table_name: str, rows: list[dict], key_of: str | None = None, name: str | None = None,
                   partition: dict | None = None) -> list[str]:
        """Write rows into their partitions, one file per partition; returns the paths.

        The file name is `part-<name>.parquet` when `name` is given, else a content key
        over the `key_of` column, so the same rows always land under the same name.
        `partition` (its column values) is written even with no rows, as an empty file:
        a result that is now empty replaces the one before.
        """
        table = TABLES[table_name]
        groups = _by_partition(table, rows)
        if partition is not None:
            groups.setdefault(_partition_dir(table, partition), [])
        written = []
        for partition_dir, part_rows in sorted(groups.items()):
            file_name = name or content_key(r[key_of] for r in part_rows)
            arrow = pa.Table.from_pylist(part_rows, schema=table.schema).select(table.file_schema.names)
            target = self.files.path(table.name, partition_dir, f"part-{file_name}.parquet")
            self._publish(arrow, target)
            written.append(target)
        return written

    def merge_files(self, table_name: str, paths: list[str], name: str) -> list[str]:
        """Merge these files (of one writer: their rows are distinct) into one file per
        partition, `part-<name>.parquet`, row group by row group (memory stays that of one
        group), then delete them. A crash before the deletes leaves rows twice, which the
        table key lets compaction remove, as after any rewrite."""
        table = TABLES[table_name]
        by_partition: dict[str, list[str]] = defaultdict(list)
        for path in paths:
            by_partition[self._partition_of(table, path)].append(path)
        merged = []
        for partition, files in sorted(by_partition.items()):
            if len(files) == 1:
                merged += files
                continue
            target = self.files.path(table.name, partition, f"part-{name}.parquet")
            self.files.publish(target, lambda sink, files=files: self._concatenate(table, files, sink))
            for path in files:
                if path != target:
                    self.files.delete(path)
            merged.append(target)
        return merged

    def _concatenate(self, table: Table, files: list[str], sink) -> None:
        with pq.ParquetWriter(sink, table.file_schema, **parquet_options(table.file_schema)) as writer:
            for path in files:
                with self.files.fs.open_input_file(path) as source:
                    part = pq.ParquetFile(source)
                    for group in range(part.num_row_groups):
                        writer.write_table(part.read_row_group(group).cast(table.file_schema))

    def spool(self, table_name: str, directory: str) -> Spool:
        """A Spool of this table's rows in local `directory` (see Spool)."""
        return Spool(self, table_name, directory)

    def replace_rows(self, table_name: str, rows: list[dict]) -> list[str]:
        """Upsert: write `rows`, replacing any row with the same key (a one-column table
        key, such as article_id) wherever it is.

        Every partition that holds an old version, or receives a new one, is rewritten as
        one file (new rows win; among old duplicates the newest wins, by the table's
        `newest` column), then the files it replaces are deleted. A crash between the two
        leaves a duplicate that the next rewrite of that partition removes; readers never
        see a half-written file.
        """
        table = TABLES[table_name]
        (key,) = table.key
        new_by_key = {r[key]: dict(r, schema_version=r.get("schema_version", SCHEMA_VERSION)) for r in rows}
        dataset = self.dataset(table_name)
        files_by_partition: dict[str, set[str]] = defaultdict(set)
        if dataset is not None:
            condition = ds.field(key).isin(list(new_by_key))
            if "source" in table.partitions:  # look only in these sources' files: other writers' are theirs
                condition &= ds.field("source").isin(sorted({r["source"] for r in new_by_key.values()}))
            located = dataset.to_table(columns=[key, "__filename"], filter=condition)
            for path in set(located.column("__filename").to_pylist()):
                files_by_partition[self._partition_of(table, path)].add(path)
        new_by_partition: dict[str, list[dict]] = defaultdict(list)
        for row in new_by_key.values():
            new_by_partition[_partition_dir(table, row)].append(row)
        for partition in new_by_partition:  # merge with whatever the partition already holds
            files_by_partition[partition].update(self._files_in(table, partition))
        written = []
        for partition in sorted(files_by_partition):
            target = self._rewrite_partition(table, partition, sorted(files_by_partition[partition]),
                                             new_by_partition.get(partition, []), drop=set(new_by_key))
            written += [target] if target else []
        return written

    def _rewrite_partition(self, table: Table, partition: str, old_files: list[str], new_rows: list[dict],
                           drop: set = frozenset()) -> str | None:
        """Write one file holding the partition's rows (old files' rows not in `drop`,
        deduplicated by the table key, newest wins; then `new_rows`), sorted, with row
        groups sized for long text; then delete the old files. Returns the new path."""
        merged: dict[tuple, dict] = {}
        for path in old_files:
            for row in pq.read_table(path, filesystem=self.files.fs).to_pylist():
                k = tuple(row.get(c) for c in table.key)
                if len(table.key) == 1 and k[0] in drop:
                    continue
                if k not in merged or _later(row, merged[k], table.newest):
                    merged[k] = row
        for row in new_rows:
            merged[tuple(row.get(c) for c in table.key)] = row
        target = None
        if merged:
            final = sorted(merged.values(), key=lambda r: (r.get(table.sort_by) is None, r.get(table.sort_by) or 0))
            arrow = pa.Table.from_pylist(final, schema=table.file_schema)
            name = content_key("\x1f".join(str(v) for v in k) for k in merged)
            target = self.files.path(table.name, partition, f"part-{name}.parquet")
            self._publish(arrow, target, row_group_rows(arrow))
        for path in old_files:
            if path != target:
                self.files.delete(path)
        return target

    def compact(self, table_name: str, source: str | None = None) -> dict:
        """Merge each partition's files into one (deduplicated, sorted); idempotent. With
        `source`, only that source's partitions (of a table partitioned by source)."""
        table = TABLES[table_name]
        before = after = partitions = 0
        for partition, files in sorted(self._files_by_partition(table, source).items()):
            before += len(files)
            if len(files) > 1:
                self._rewrite_partition(table, partition, files, [])
                partitions += 1
            after += 1
        return {"table": table_name, "files_before": before, "files_after": after, "partitions_merged": partitions}

    def vacuum_raw_pages(self, keep_days: int, today: date) -> int:
        """Delete raw pages fetched more than `keep_days` days before `today`; returns files removed."""
        table, removed = TABLES["raw_pages"], 0
        cutoff = today - timedelta(days=keep_days)
        for partition, files in self._files_by_partition(table).items():
            fetched = date.fromisoformat(dict(p.split("=", 1) for p in partition.split("/"))["fetched_date"])
            if fetched < cutoff:
                for path in files:
                    self.files.delete(path)
                    removed += 1
        return removed

    def partition_sources(self, table_name: str) -> list[str]:
        """The sources with a partition in a table partitioned by source (directories, not files)."""
        return sorted(i.base_name.split("=", 1)[1] for i in self.files.listing(self.files.path(TABLES[table_name].name))
                      if i.type == pafs.FileType.Directory and i.base_name.startswith("source=")
                      and i.base_name != f"source={NULL_PARTITION}")

    def create_missing_tables(self) -> list[str]:
        """An empty file with the table's schema for every table not written yet, in the
        partition whose values are null (Hive's name for it), so that DuckDB, Polars,
        pyarrow and Spark find every table, with its columns, before its first write (the
        clusters table before the first `kabar cluster`). Returns the files made."""
        made = []
        for table in TABLES.values():
            if self.files.exists(self.files.path(table.name)):
                continue
            partition = "/".join(f"{column}={NULL_PARTITION}" for column in table.partitions)
            target = self.files.path(table.name, partition, "part-empty.parquet")
            self._publish(table.file_schema.empty_table(), target)
            made.append(target)
        return made

    def _files_by_partition(self, table: Table, source: str | None = None) -> dict[str, list[str]]:
        """Each partition's files; not the empty placeholder of a table never written to."""
        found: dict[str, list[str]] = defaultdict(list)
        root = self.files.path(table.name, f"source={source}") if source else self.files.path(table.name)
        for path in self.files.parquet_files(root, recursive=True):
            partition = self._partition_of(table, path)
            if NULL_PARTITION not in partition:
                found[partition].append(path)
        return dict(found)

    def _partition_of(self, table: Table, path: str) -> str:
        root = self.files.path(table.name)
        relative = path[len(root):].strip("/")
        return relative.rsplit("/", 1)[0]

    def _files_in(self, table: Table, partition: str) -> list[str]:
        return self.files.parquet_files(self.files.path(table.name, partition), recursive=False)

    def _publish(self, arrow: pa.Table, target: str, row_group_size: int | None = None) -> None:
        self.files.publish(target, lambda sink: pq.write_table(arrow, sink, row_group_size=row_group_size,
                                                               **parquet_options(arrow.schema)))

    # -- reading ---------------------------------------------------------------------
    def dataset(self, table_name: str) -> ds.Dataset | None:
        table = TABLES[table_name]
        root = self.files.path(table.name)
        if not self.files.exists(root):
            return None
        partitioning = ds.partitioning(
            pa.schema([table.schema.field(c) for c in table.partitions]), flavor="hive"
        )
        return ds.dataset(root, schema=table.schema, format="parquet", filesystem=self.files.fs,
                          partitioning=partitioning)

    def read(self, table_name: str, columns: list[str] | None = None, filter=None) -> pa.Table:
        dataset = self.dataset(table_name)
        if dataset is None:
            return TABLES[table_name].schema.empty_table().select(columns or TABLES[table_name].schema.names)
        return dataset.to_table(columns=columns, filter=filter)

    def batches(self, table_name: str, columns: list[str], filter=None, rows: int = 10_000) -> Iterator[pa.RecordBatch]:
        """The table in record batches of up to `rows`, for reading more than fits in memory."""
        dataset = self.dataset(table_name)
        if dataset is not None:
            yield from dataset.to_batches(columns=columns, filter=filter, batch_size=rows)

    # -- small JSON state (feed validators, pending retries, finished backfill days) ----
    def read_state(self, name: str) -> dict:
        return self.state.read(name)

    def write_state(self, name: str, state: dict) -> None:
        self.state.write(name, state)
