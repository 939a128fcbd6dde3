"""The lake on local disk and on a moto S3 server: partitions, deterministic names,
atomic publishing, upserts, compaction, schema evolution, readers."""
import json
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import open_lake
from storage.index import KnownArticles
from storage.lake import Lake
from transforms.rows.schema import ARTICLES, TABLES, data_dictionary

REPO = Path(__file__).resolve().parent.parent


def rows(ids, day=date(2026, 11, 25), source="detik"):
    return [{"article_id": i, "url": f"https://x.id/{i}", "source": source, "title": f"t{i}", "authors": ["A"],
             "published_at": datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc), "published_date": day, "body": "b",
             "fetched_at": datetime(2026, 11, 25, 4, 0, tzinfo=timezone.utc)}
            for i in ids]


def files(lake: Lake, table: str = "articles") -> list[str]:
    by_partition = lake._files_by_partition(TABLES[table])
    return sorted(f"{p}/{path.rsplit('/', 1)[1]}" for p, paths in by_partition.items() for path in paths)


def test_rows_land_in_hive_partitions_with_deterministic_names(lake_root):
    lake = open_lake(lake_root)
    lake.write_rows("articles", rows(["a", "b"]) + rows(["c"], day=date(2026, 11, 26)), key_of="article_id")
    first = files(lake)
    assert [f.rsplit("/", 1)[0] for f in first] == ["source=detik/published_date=2026-11-25", "source=detik/published_date=2026-11-26"]
    lake.write_rows("articles", rows(["b", "a"]), key_of="article_id")  # same rows again, other order
    assert files(lake) == first
    from transforms.urls import article_id

    # known ids: each row's id, and the id of its stored URL
    assert KnownArticles.of_source(lake, "detik").ids == {"a", "b", "c"} | {article_id(f"https://x.id/{i}") for i in "abc"}
    assert KnownArticles.of_source(lake, "kompas").ids == set()


def test_an_index_built_under_older_url_rules_is_rebuilt(tmp_path, monkeypatch):
    """A stored URL seen again after canonical_url changed still names the stored
    article: the index's URL ids are computed again under the new rules."""
    import storage.index as index_module
    from storage.index import SourceIndex

    from transforms.urls import article_id

    lake = open_lake(str(tmp_path))
    lake.write_rows("articles", rows(["a"]), key_of="article_id")
    monkeypatch.setattr(index_module, "article_id", lambda url: "old-rules-id")
    monkeypatch.setattr(index_module, "CANONICAL_RULES", index_module.CANONICAL_RULES - 1)
    assert "old-rules-id" in SourceIndex.load(lake, "detik").ids  # built and written under the old rules
    monkeypatch.undo()
    assert SourceIndex.load(lake, "detik").ids == {"a", article_id("https://x.id/a")}
    assert SourceIndex.stored(lake, "detik").rules == index_module.CANONICAL_RULES


def test_nothing_half_written_is_left_visible(tmp_path):
    lake = open_lake(str(tmp_path))
    bad = rows(["a"])
    bad[0]["word_count"] = "not a number"
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        lake.write_rows("articles", bad, key_of="article_id")
    assert list(tmp_path.rglob("*.parquet")) == [] and list(tmp_path.rglob("*.tmp")) == []


def test_unsafe_partition_values_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unsafe partition"):
        open_lake(str(tmp_path)).write_rows("articles", rows(["a"], source="../etc"), key_of="article_id")


def test_state_round_trip(lake_root):
    lake = open_lake(lake_root)
    assert lake.read_state("sources/detik") == {}
    lake.write_state("sources/detik", {"endpoints": {"u": {"etag": '"x"'}}})
    assert lake.read_state("sources/detik")["endpoints"]["u"]["etag"] == '"x"'


def test_replace_rows_updates_in_place_and_moves_between_partitions(lake_root):
    lake = open_lake(lake_root)
    lake.write_rows("articles", rows(["a", "b"]), key_of="article_id")
    lake.write_rows("articles", rows(["c"]), key_of="article_id")  # a second file in the partition
    changed = rows(["a"])[0] | {"title": "baru", "fetched_at": datetime(2026, 11, 26, tzinfo=timezone.utc)}
    moved = rows(["b"], day=date(2026, 11, 27))[0]
    lake.replace_rows("articles", [changed, moved])
    by_id = {r["article_id"]: r for r in lake.read("articles", ["article_id", "title", "published_date"]).to_pylist()}
    assert len(by_id) == 3 and by_id["a"]["title"] == "baru"
    assert by_id["b"]["published_date"] == date(2026, 11, 27) and by_id["c"]["title"] == "tc"
    assert len(files(lake)) == 2  # one file per partition after the rewrite


def test_a_duplicate_left_by_a_crash_is_healed_by_the_next_rewrite(lake_root):
    lake = open_lake(lake_root)
    lake.write_rows("articles", rows(["a"]), key_of="article_id")
    newer = rows(["a"])[0] | {"title": "lebih baru", "fetched_at": datetime(2026, 11, 26, tzinfo=timezone.utc)}
    lake.write_rows("articles", [newer], name="crashed-upsert")  # the old file was never deleted
    lake.replace_rows("articles", rows(["z"]))
    table = lake.read("articles", ["article_id", "title"]).to_pylist()
    assert sorted((r["article_id"], r["title"]) for r in table) == [("a", "lebih baru"), ("z", "tz")]


def test_compaction_merges_sorts_and_is_idempotent(lake_root):
    lake = open_lake(lake_root)
    for i, hour in enumerate([9, 3, 6]):
        row = rows([f"id{i}"])[0] | {"published_at": datetime(2026, 11, 25, hour, tzinfo=timezone.utc)}
        lake.write_rows("articles", [row], key_of="article_id")
    lake.write_rows("articles", rows(["x"], day=date(2026, 11, 26)), key_of="article_id")
    before = lake.read("articles").sort_by("article_id")
    report = lake.compact("articles")
    assert (report["files_before"], report["files_after"], report["partitions_merged"]) == (4, 2, 1)
    after = lake.read("articles").sort_by("article_id")
    assert after.equals(before)
    merged = [p for p in files(lake) if "2026-11-25" in p]
    ordered = lake.read("articles", ["published_at"], filter=None).column("published_at").to_pylist()
    assert len(merged) == 1 and ordered[:3] == sorted(ordered[:3])
    assert lake.compact("articles")["partitions_merged"] == 0 and files(lake) == files(lake)


def test_readers_see_utc_microseconds_and_typed_partitions(tmp_path):
    lake = open_lake(str(tmp_path))
    lake.write_rows("articles", rows(["a", "b"]), key_of="article_id")
    path = next(tmp_path.rglob("*.parquet"))
    column = pq.ParquetFile(path).schema.column(pq.ParquetFile(path).schema.names.index("published_at"))
    logical = str(column.logical_type)
    assert column.physical_type == "INT64" and "microseconds" in logical and "isAdjustedToUTC=true" in logical
    glob = f"{tmp_path}/articles/**/*.parquet"
    rel = duckdb.sql(f"SELECT published_date, published_at FROM read_parquet('{glob}', hive_partitioning=true, union_by_name=true)")
    assert [str(t) for t in rel.types] == ["DATE", "TIMESTAMP WITH TIME ZONE"]
    frame = pl.scan_parquet(glob, hive_partitioning=True).collect()
    assert frame.schema["published_date"] == pl.Date and frame.schema["published_at"] == pl.Datetime("us", "UTC")
    assert lake.read("articles").schema.field("published_date").type == pa.date32()


def test_files_of_an_older_schema_still_read_with_nulls_for_new_columns(tmp_path):
    lake = open_lake(str(tmp_path))
    lake.write_rows("articles", rows(["new"]), key_of="article_id")
    # An older writer knew fewer columns (all additions are nullable).
    old_schema = pa.schema([f for f in TABLES["articles"].file_schema if f.name not in ("published_from", "simhash", "tags")])
    old_dir = tmp_path / "articles" / "source=detik" / "published_date=2026-11-20"
    old_dir.mkdir(parents=True)
    old_row = {k: v for k, v in rows(["old"])[0].items() if k in old_schema.names}
    pq.write_table(pa.Table.from_pylist([old_row], schema=old_schema), old_dir / "part-old.parquet")
    table = lake.read("articles", ["article_id", "published_from", "tags"]).to_pylist()
    assert {r["article_id"]: r["tags"] for r in table} == {"new": None, "old": None}
    glob = f"{tmp_path}/articles/**/*.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning=true, union_by_name=true) "
                      "WHERE simhash IS NULL").fetchall()[0][0] == 2
    # Polars takes its schema from the first file it opens: give it the lake's schema.
    schema = pl.from_arrow(TABLES["articles"].file_schema.empty_table()).schema
    frame = pl.scan_parquet(glob, schema=schema, hive_partitioning=True, missing_columns="insert").collect()
    assert frame.height == 2 and frame.filter(pl.col("article_id") == "old")["tags"].to_list() == [None]


def test_the_schema_only_grows():
    frozen = json.loads((REPO / "tests" / "schema_v1.json").read_text())
    for name, columns in frozen.items():
        current = {f.name: str(f.type) for f in TABLES[name].schema}
        for column, type_name in columns.items():
            assert current.get(column) == type_name, f"{name}.{column} changed or vanished"
    assert all(f.nullable for t in TABLES.values() for f in t.schema)


def test_data_dictionary_is_generated_from_the_schema():
    assert (REPO / "docs" / "data-dictionary.md").read_text() == data_dictionary()
    assert all(f.metadata and f.metadata.get(b"doc") for f in ARTICLES)


def test_a_reader_during_writes_and_compaction_never_sees_a_torn_file(tmp_path):
    lake = open_lake(str(tmp_path))
    lake.write_rows("articles", rows(["seed"]), key_of="article_id")
    errors, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                ids = lake.read("articles", ["article_id"]).column("article_id").to_pylist()
                assert "seed" in ids
            except FileNotFoundError:
                pass  # a file listed, then compacted away before it was opened: retry, never a torn read
            except Exception as exc:  # noqa: BLE001 - any other error is what this test looks for
                errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(30):
        lake.write_rows("articles", rows([f"r{i}"]), key_of="article_id")
        if i % 10 == 9:
            lake.compact("articles")
    stop.set()
    thread.join()
    assert errors == []
    assert len(lake.read("articles")) == 31


def test_vacuum_drops_raw_pages_past_retention(lake_root):
    lake = open_lake(lake_root)
    page = {"url": "u", "source": "detik", "status": 200, "headers": [], "body": b"x",
            "fetched_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    lake.write_rows("raw_pages", [page | {"fetched_date": date(2026, 1, 1)}], name="old")
    lake.write_rows("raw_pages", [page | {"fetched_date": date(2026, 11, 20)}], name="new")
    assert lake.vacuum_raw_pages(keep_days=30, today=date(2026, 11, 28)) == 1
    assert [r["fetched_date"] for r in lake.read("raw_pages", ["fetched_date"]).to_pylist()] == [date(2026, 11, 20)]


def test_spooled_batches_merge_into_one_file_per_partition(lake_root, tmp_path):
    """A backfill's raw pages wait on local disk, are published per batch, and end as one
    file per partition, every row kept once."""
    lake = open_lake(lake_root)
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    spool, written = lake.spool("raw_pages", str(spool_dir)), []
    for batch in range(3):
        for day in (20, 21):
            spool.add([{"url": f"u{batch}-{day}-{k}", "source": "detik", "status": 200, "headers": [], "body": b"x" * 100,
                        "fetched_at": datetime(2026, 11, day, k, tzinfo=timezone.utc),
                        "fetched_date": date(2026, 11, day)} for k in range(4)])
        written += spool.publish(f"batch{batch}")
    assert list(spool_dir.iterdir()) == []  # the spool is emptied by each publish
    assert len(written) == 6
    assert len(lake.merge_files("raw_pages", written, "run")) == 2
    assert [f.rsplit("/", 1)[1] for f in files(lake, "raw_pages")] == ["part-run.parquet", "part-run.parquet"]
    urls = lake.read("raw_pages", ["url"]).column("url").to_pylist()
    assert len(urls) == 24 == len(set(urls))


def test_page_bodies_are_written_without_a_dictionary_and_in_small_row_groups(tmp_path):
    from storage.lake import SPOOL_GROUP_ROWS, Lake

    lake = Lake(str(tmp_path / "lake"))
    spool = lake.spool("raw_pages", str(tmp_path))
    at = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    rows = [{"url": f"https://x.id/{i}", "source": "detik", "status": 200, "fetched_at": at, "fetched_date": at.date(),
             "body": f"<html>{i}</html>".encode() * 50, "continued_bodies": [b"<html>2</html>"] if i % 2 else None}
            for i in range(SPOOL_GROUP_ROWS * 2 + 1)]
    spool.add(rows)
    (path,) = spool.publish("test")
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == len(rows) and meta.num_row_groups == 3
    names = [meta.schema.column(i).path for i in range(meta.num_columns)]
    encodings = {name: meta.row_group(0).column(i).encodings for i, name in enumerate(names)}
    assert not any("DICTIONARY" in e for e in encodings["body"]), encodings["body"]
    assert any("DICTIONARY" in e for e in encodings["url"])
    assert pq.read_table(path).column("continued_bodies").to_pylist()[1] == [b"<html>2</html>"]


def test_every_table_is_readable_before_its_first_write(tmp_path):
    import pyarrow.dataset as ds

    lake = Lake(str(tmp_path / "lake"))
    made = lake.create_missing_tables()
    assert len(made) == len(TABLES) and lake.create_missing_tables() == []  # once
    root = tmp_path / "lake" / "clusters"
    glob = f"{root}/**/*.parquet"
    columns = [f.name for f in TABLES["clusters"].schema]
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning=true)").fetchall() == [(0,)]
    assert set(pl.scan_parquet(glob, hive_partitioning=True).collect().columns) == set(columns)
    typed = ds.partitioning(pa.schema([TABLES["clusters"].schema.field("window_end")]), flavor="hive")
    assert ds.dataset(str(root), format="parquet", partitioning=typed).to_table().num_rows == 0
    assert lake.read("clusters").num_rows == 0 and lake.partition_sources("articles") == []

    lake.write_rows("clusters", [{"article_id": "a", "cluster_id": "c", "source": "detik", "cluster_size": 2,
                                  "is_representative": True, "window_end": date(2026, 11, 26)}], key_of="article_id")
    lake.write_rows("articles", rows(["a"]), key_of="article_id")
    assert duckdb.sql(f"SELECT window_end FROM read_parquet('{glob}', hive_partitioning=true)").fetchall() == [
        (date(2026, 11, 26),)]
    assert pl.scan_parquet(glob, hive_partitioning=True).collect_schema()["window_end"] == pl.Date
    assert lake.partition_sources("articles") == ["detik"]
    assert lake.compact("clusters")["files_before"] == 1  # the placeholder is no partition to merge
