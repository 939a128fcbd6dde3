"""What the lake already holds of `articles`, for the questions a run asks before it
writes: is this article known, which stored article holds this body, what version of it
is stored. Each question is answered here and nowhere else.

Each source has a small index, `_index/articles/<source>.parquet` (article id, the id of
its stored URL, content hash, publication time), which names the article files it was
built from. A source's writer loads its own index (rebuilt from its own files when they
differ from the ones named, after a crash or an outside write) and records what it
writes; another source's writer only reads it. So a writer reads no other source's
article files, and writers of different sources never trip over each other's rewrites.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import datetime

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from pyarrow import fs as pafs

from storage.lake import Lake
from transforms.records import Candidate
from transforms.rows.schema import TS
from transforms.urls import CANONICAL_RULES, article_id

INDEX_DIR = ("_index", "articles")
INDEX_SCHEMA = pa.schema([("article_id", pa.string()), ("url_id", pa.string()), ("content_hash", pa.string()),
                          ("published_at", TS)])
_FILES_KEY = b"kabar.files"
_RULES_KEY = b"kabar.canonical_rules"  # the URL rules its url_ids were computed under
HOLDER_COLUMNS = ["article_id", "content_hash", "published_at"]


def _table(rows: Iterable[dict]) -> pa.Table:
    return pa.Table.from_pylist([{"article_id": r["article_id"], "url_id": article_id(r["url"]) if r.get("url") else None,
                                  "content_hash": r.get("content_hash"), "published_at": r.get("published_at")}
                                 for r in rows], schema=INDEX_SCHEMA)


def _matches(column: pa.ChunkedArray, wanted: pa.Array) -> pa.ChunkedArray:
    # Scanning the index's column against the few values asked about costs milliseconds
    # for a million rows; a hash set of the whole index would cost hundreds of MB.
    return pc.is_in(column, value_set=wanted)


class SourceIndex:
    """One source's index as an Arrow table (compact: about 100 bytes an article), asked
    by scanning its columns for the few values a unit brings."""

    def __init__(self, lake: Lake, source: str, table: pa.Table, files: list[str], rules: int = CANONICAL_RULES):
        self.lake, self.source, self.table, self.files, self.rules = lake, source, table, files, rules

    @classmethod
    def path(cls, lake: Lake, source: str) -> str:
        return lake.files.path(*INDEX_DIR, f"{source}.parquet")

    @classmethod
    def article_files(cls, lake: Lake, source: str) -> list[str]:
        root = lake.files.path("articles")
        return [p[len(root):].lstrip("/") for p in lake.files.parquet_files(lake.files.path("articles", f"source={source}"),
                                                                               recursive=True)]

    @classmethod
    def stored(cls, lake: Lake, source: str, columns: list[str] | None = None) -> "SourceIndex | None":
        """The index as last written, fresh or not; None when there is none. With
        `columns`, only those (the others' indexes are asked only about bodies)."""
        path = cls.path(lake, source)
        if not lake.files.exists(path):
            return None
        table = pq.read_table(path, filesystem=lake.files.fs, columns=columns)
        metadata = table.schema.metadata or {}
        files = json.loads(metadata.get(_FILES_KEY, b"[]"))
        table = table.replace_schema_metadata(None)
        return cls(lake, source, table if columns else table.cast(INDEX_SCHEMA), files, int(metadata.get(_RULES_KEY, b"1")))

    @classmethod
    def load(cls, lake: Lake, source: str, persist: bool = True) -> "SourceIndex":
        """The source's index, rebuilt from its own article files when they are not the
        ones it was built from or its URL ids were computed under other canonical rules
        (and then written back, unless `persist` is false: readers that do not hold the
        source's lease leave the index to its writer)."""
        files = cls.article_files(lake, source)
        index = cls.stored(lake, source)
        if index is not None and index.files == files and index.rules == CANONICAL_RULES:
            return index
        table = lake.read("articles", ["article_id", "url", "content_hash", "published_at"], ds.field("source") == source)
        index = cls(lake, source, _table(table.to_pylist()), files)
        if persist and files:
            index._write()
        return index

    def record(self, rows: list[dict]) -> None:
        """Take in rows just written (new or replacing), then name the files now stored."""
        if rows:
            added = _table(rows)
            kept = self.table.filter(pc.invert(_matches(self.table["article_id"], added["article_id"].combine_chunks())))
            self.table = pa.concat_tables([kept, added]).combine_chunks()
        self.files = self.article_files(self.lake, self.source)
        self._write()

    def _write(self) -> None:
        table = self.table.replace_schema_metadata({_FILES_KEY: json.dumps(self.files).encode(),
                                                    _RULES_KEY: str(CANONICAL_RULES).encode()})
        self.lake.files.publish(self.path(self.lake, self.source), lambda sink: pq.write_table(table, sink, compression="zstd"))

    def known(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` an article of the source is known by (its own id or its stored URL's)."""
        wanted = pa.array(sorted(set(ids)), pa.string())
        if not len(wanted) or not self.table.num_rows:
            return set()
        found = set()
        for column in ("article_id", "url_id"):
            found |= {v for v in self.table[column].filter(_matches(self.table[column], wanted)).to_pylist() if v}
        return found

    def unknown(self, candidates: Iterable[Candidate], also: set[str] = frozenset()) -> list[Candidate]:
        """The candidates neither the source's articles nor `also` (ids just gathered) hold."""
        candidates = list(candidates)
        known = self.known(c.article_id for c in candidates) | also
        return [c for c in candidates if c.article_id not in known]

    def holders(self, hashes: pa.Array) -> list[tuple[str, datetime, str]]:
        """(content_hash, published_at, article_id) of the source's articles with these bodies."""
        if not len(hashes) or not self.table.num_rows:
            return []
        held = self.table.filter(_matches(self.table["content_hash"], hashes))
        return list(zip(held["content_hash"].to_pylist(), held["published_at"].to_pylist(), held["article_id"].to_pylist()))

    @property
    def ids(self) -> set[str]:
        """Every id an article of the source is known by: its own and its stored URL's."""
        return set(self.table["article_id"].to_pylist()) | {v for v in self.table["url_id"].to_pylist() if v}


class KnownArticles:
    """The articles of a source that are in the lake: each row's article_id and the id
    of its stored URL (they differ when a page's rel=canonical named another address),
    so a candidate seen under either address counts as known."""

    def __init__(self, ids: set[str]):
        self.ids = ids

    @classmethod
    def of_source(cls, lake: Lake, source: str) -> "KnownArticles":
        """For readers: the source's articles now, leaving the stored index alone."""
        return cls(SourceIndex.load(lake, source, persist=False).ids)

    def __contains__(self, candidate: Candidate) -> bool:
        return candidate.article_id in self.ids

    def unknown(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        return [c for c in candidates if c not in self]


def indexed_sources(lake: Lake) -> list[str]:
    """Sources with articles in the lake or an index (partition directories, not files)."""
    found = set(lake.partition_sources("articles"))
    for info in lake.files.listing(lake.files.path(*INDEX_DIR)):
        if info.base_name.endswith(".parquet") and not info.base_name.startswith((".", "_")):
            found.add(info.base_name.removesuffix(".parquet"))
    return sorted(found)


class OtherIndexes:
    """Other sources' stored indexes, read again only when their file changed (a run asks
    them about every batch it writes; their writers update them meanwhile)."""

    def __init__(self, lake: Lake):
        self.lake = lake
        self._cache: dict[str, tuple[tuple, SourceIndex]] = {}
        self._lock = threading.Lock()

    def get(self, source: str) -> SourceIndex:
        path = SourceIndex.path(self.lake, source)
        info = self.lake.files.fs.get_file_info(path)
        stamp = (info.mtime_ns, info.size) if info.type != pafs.FileType.NotFound else None
        with self._lock:
            cached = self._cache.get(source)
        if cached is not None and stamp is not None and cached[0] == stamp:
            return cached[1]
        index = SourceIndex.stored(self.lake, source, HOLDER_COLUMNS) if stamp is not None else None
        if index is None:  # a lake written before indexes existed (or by hand)
            return SourceIndex.load(self.lake, source, persist=False)
        with self._lock:
            self._cache[source] = (stamp, index)
        return index


def content_hash_holders(lake: Lake, hashes: Iterable[str], own: SourceIndex | None = None,
                         others: OtherIndexes | None = None) -> list[tuple[str, datetime, str]]:
    """(content_hash, published_at, article_id) of stored articles with one of these bodies:
    from `own` (the writer's fresh index) and the other sources' indexes as they stand."""
    wanted = pa.array(sorted(set(hashes)), pa.string())
    others = others or OtherIndexes(lake)
    held = []
    for source in indexed_sources(lake):
        index = own if own is not None and source == own.source else others.get(source)
        held += index.holders(wanted)
    return held


def stored_articles(lake: Lake, source: str, ids: list[str], columns: list[str] | None = None) -> dict[str, dict]:
    """The stored rows (or these columns of them) of these article ids of one source, by id."""
    if not ids:
        return {}
    dataset = lake.dataset("articles")
    if dataset is None:
        return {}
    wanted = None if columns is None else list(dict.fromkeys(["article_id", *columns]))
    table = dataset.to_table(columns=wanted, filter=(ds.field("source") == source) & ds.field("article_id").isin(ids))
    return {r["article_id"]: r for r in table.to_pylist()}
