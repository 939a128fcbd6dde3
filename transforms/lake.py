"""The Parquet lake: Hive-partitioned tables on a local disk or S3 (contract in DESIGN.md).

Publishing: a file appears under its final name only when complete. Locally it is written
under a dot-name (which readers skip) and renamed; on S3 a single PUT of the final key
is already atomic, so it is written there directly (S3 has no rename). Names are
deterministic, so writing the same rows again replaces a file instead of adding one.
This module is the only I/O in `transforms/`.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.schema import SCHEMA_VERSION, TABLES, Table
from transforms.urls import article_id

DEFAULT_LAKE = "data/lake"


def open_filesystem(root: str) -> tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and the base path for a local path or an s3://bucket/prefix."""
    if root.startswith("s3://"):
        parts = urlsplit(root)
        endpoint = os.environ.get("KABAR_S3_ENDPOINT") or os.environ.get("AWS_ENDPOINT_URL")
        kwargs: dict[str, Any] = {"region": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
        if endpoint:
            endpoint_parts = urlsplit(endpoint if "://" in endpoint else f"http://{endpoint}")
            kwargs.update(endpoint_override=endpoint_parts.netloc, scheme=endpoint_parts.scheme)
        fs = pafs.S3FileSystem(**kwargs)
        return fs, posixpath.join(parts.netloc, parts.path.strip("/")).rstrip("/")
    return pafs.LocalFileSystem(), os.path.abspath(root)


def _partition_dir(table: Table, row: dict) -> str:
    parts = []
    for column in table.partitions:
        value = row[column]
        text = value.isoformat() if isinstance(value, date) else str(value)
        if not text or "/" in text or text.startswith((".", "_")):
            raise ValueError(f"unsafe partition value {column}={text!r}")
        parts.append(f"{column}={text}")
    return "/".join(parts)


ROW_GROUP_TARGET_BYTES = 64 * 1024 * 1024


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


class Lake:
    def __init__(self, root: str = DEFAULT_LAKE):
        self.root = root
        self.fs, self.base = open_filesystem(root)
        self.is_object_store = self.fs.type_name == "s3"

    def path(self, *parts: str) -> str:
        return posixpath.join(self.base, *parts) if self.is_object_store else os.path.join(self.base, *parts)

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
        groups: dict[str, list[dict]] = defaultdict(list)
        if partition is not None:
            groups[_partition_dir(table, partition)] = []
        for row in rows:
            row.setdefault("schema_version", SCHEMA_VERSION)
            groups[_partition_dir(table, row)].append(row)
        written = []
        for partition, part_rows in sorted(groups.items()):
            file_name = name or content_key(r[key_of] for r in part_rows)
            arrow = pa.Table.from_pylist(part_rows, schema=table.schema).select(table.file_schema.names)
            target = self.path(table.name, partition, f"part-{file_name}.parquet")
            self._publish(arrow, target)
            written.append(target)
        return written

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
            located = dataset.to_table(columns=[key, "__filename"], filter=ds.field(key).isin(list(new_by_key)))
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
            for row in pq.read_table(path, filesystem=self.fs).to_pylist():
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
            target = self.path(table.name, partition, f"part-{name}.parquet")
            self._publish(arrow, target, row_group_rows(arrow))
        for path in old_files:
            if path != target:
                self.fs.delete_file(path)
        return target

    def compact(self, table_name: str) -> dict:
        """Merge each partition's files into one (deduplicated, sorted); idempotent."""
        table = TABLES[table_name]
        before = after = partitions = 0
        for partition, files in sorted(self._files_by_partition(table).items()):
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
                    self.fs.delete_file(path)
                    removed += 1
        return removed

    def _data_files(self, directory: str, recursive: bool) -> list[str]:
        """Published Parquet files under a directory (staging dot-files and _-names skipped)."""
        infos = self.fs.get_file_info(pafs.FileSelector(directory, recursive=recursive, allow_not_found=True))
        return sorted(i.path for i in infos if i.type == pafs.FileType.File and i.base_name.endswith(".parquet")
                      and not i.base_name.startswith((".", "_")))

    def _files_by_partition(self, table: Table) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for path in self._data_files(self.path(table.name), recursive=True):
            found[self._partition_of(table, path)].append(path)
        return dict(found)

    def _partition_of(self, table: Table, path: str) -> str:
        root = self.path(table.name)
        relative = path[len(root):].strip("/")
        return relative.rsplit("/", 1)[0]

    def _files_in(self, table: Table, partition: str) -> list[str]:
        return self._data_files(self.path(table.name, partition), recursive=False)

    def _publish(self, arrow: pa.Table, target: str, row_group_size: int | None = None) -> None:
        directory = posixpath.dirname(target) if self.is_object_store else os.path.dirname(target)
        if self.is_object_store:
            with self.fs.open_output_stream(target) as sink:
                pq.write_table(arrow, sink, compression="zstd", row_group_size=row_group_size)
            return
        self.fs.create_dir(directory, recursive=True)
        staging = os.path.join(directory, f".{uuid.uuid4().hex}.tmp")
        try:
            with self.fs.open_output_stream(staging) as sink:
                pq.write_table(arrow, sink, compression="zstd", row_group_size=row_group_size)
            os.replace(staging, target)  # atomic on one filesystem
        finally:
            if os.path.exists(staging):
                os.unlink(staging)

    # -- reading ---------------------------------------------------------------------
    def dataset(self, table_name: str) -> ds.Dataset | None:
        table = TABLES[table_name]
        root = self.path(table.name)
        if self.fs.get_file_info(root).type == pafs.FileType.NotFound:
            return None
        partitioning = ds.partitioning(
            pa.schema([table.schema.field(c) for c in table.partitions]), flavor="hive"
        )
        return ds.dataset(root, schema=table.schema, format="parquet", filesystem=self.fs, partitioning=partitioning)

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

    def article_ids(self, source: str | None = None) -> set[str]:
        """Ids known for a source: each row's article_id and the id of its stored URL
        (they differ when a page's rel=canonical named another address), so a candidate
        seen under either address counts as known."""
        filter = ds.field("source") == source if source else None
        table = self.read("articles", ["article_id", "url"], filter)
        return set(table.column("article_id").to_pylist()) | {article_id(u) for u in table.column("url").to_pylist() if u}

    # -- small JSON state (feed validators, pending retries) ----------------------------
    def read_state(self, name: str) -> dict:
        path = self.path("_state", f"{name}.json")
        try:
            with self.fs.open_input_stream(path) as f:
                return json.loads(f.read().decode("utf-8"))
        except FileNotFoundError:
            return {}
        except OSError as exc:  # pyarrow raises OSError subclasses for a missing S3 key
            if self.fs.get_file_info(path).type == pafs.FileType.NotFound:
                return {}
            raise exc

    def write_state(self, name: str, state: dict) -> None:
        data = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
        target = self.path("_state", f"{name}.json")
        if self.is_object_store:
            with self.fs.open_output_stream(target) as sink:
                sink.write(data)
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        staging = f"{target}.{uuid.uuid4().hex}.tmp"
        with open(staging, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(staging, target)
