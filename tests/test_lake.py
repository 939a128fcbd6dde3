"""The lake on local disk: partitions, deterministic names, atomic publishing, readers."""
from datetime import date, datetime, timezone

import duckdb
import polars as pl
import pytest

from transforms.lake import Lake


def rows(ids, day=date(2026, 11, 25), source="detik"):
    return [{"article_id": i, "url": f"https://x.id/{i}", "source": source, "title": f"t{i}", "authors": ["A"],
             "published_at": datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc), "published_date": day, "body": "b"}
            for i in ids]


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_rows_land_in_hive_partitions_with_deterministic_names(tmp_path):
    lake = Lake(str(tmp_path))
    lake.write_rows("articles", rows(["a", "b"]) + rows(["c"], day=date(2026, 11, 26)), key_of="article_id")
    first = files(tmp_path / "articles")
    assert [f.rsplit("/", 1)[0] for f in first] == ["source=detik/published_date=2026-11-25", "source=detik/published_date=2026-11-26"]
    lake.write_rows("articles", rows(["b", "a"]), key_of="article_id")  # same rows again, other order
    assert files(tmp_path / "articles") == first
    assert sorted(lake.article_ids("detik")) == ["a", "b", "c"]
    assert lake.article_ids("kompas") == set()


def test_nothing_half_written_is_left_visible(tmp_path):
    lake = Lake(str(tmp_path))
    bad = rows(["a"])
    bad[0]["word_count"] = "not a number"
    with pytest.raises(Exception):
        lake.write_rows("articles", bad, key_of="article_id")
    assert [f for f in files(tmp_path) if f.endswith(".parquet")] == []
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_unsafe_partition_values_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unsafe partition"):
        Lake(str(tmp_path)).write_rows("articles", rows(["a"], source="../etc"), key_of="article_id")


def test_duckdb_and_polars_read_types(tmp_path):
    lake = Lake(str(tmp_path))
    lake.write_rows("articles", rows(["a", "b"]), key_of="article_id")
    glob = f"{tmp_path}/articles/**/*.parquet"
    rel = duckdb.sql(f"SELECT published_date, published_at, authors FROM read_parquet('{glob}', hive_partitioning=true)")
    types = dict(zip(rel.columns, [str(t) for t in rel.types]))
    assert types["published_date"] == "DATE" and types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    frame = pl.scan_parquet(glob, hive_partitioning=True).collect()
    assert frame.schema["published_date"] == pl.Date
    assert frame.schema["published_at"] == pl.Datetime("us", "UTC")


def test_state_round_trip(tmp_path):
    lake = Lake(str(tmp_path))
    assert lake.read_state("sources/detik") == {}
    lake.write_state("sources/detik", {"endpoints": {"u": {"etag": '"x"'}}})
    assert lake.read_state("sources/detik")["endpoints"]["u"]["etag"] == '"x"'


def test_replace_rows_updates_in_place_and_moves_between_partitions(tmp_path):
    lake = Lake(str(tmp_path))
    lake.write_rows("articles", rows(["a", "b"]), key_of="article_id")
    lake.write_rows("articles", rows(["c"]), key_of="article_id")  # a second file in the partition
    changed = rows(["a"])[0] | {"title": "baru", "fetched_at": datetime(2026, 11, 26, tzinfo=timezone.utc)}
    moved = rows(["b"], day=date(2026, 11, 27))[0]
    lake.replace_rows("articles", [changed, moved], key="article_id", newest="fetched_at")
    table = lake.read("articles", ["article_id", "title", "published_date"]).to_pylist()
    by_id = {r["article_id"]: r for r in table}
    assert len(table) == 3 and by_id["a"]["title"] == "baru"
    assert by_id["b"]["published_date"] == date(2026, 11, 27) and by_id["c"]["title"] == "tc"
    assert len(files(tmp_path / "articles")) == 2  # one file per partition after the rewrite


def test_replace_rows_heals_a_duplicate_left_by_a_crash(tmp_path):
    lake = Lake(str(tmp_path))
    lake.write_rows("articles", rows(["a"]) , key_of="article_id")
    newer = rows(["a"])[0] | {"title": "lebih baru", "fetched_at": datetime(2026, 11, 26, tzinfo=timezone.utc)}
    lake.write_rows("articles", [newer], name="crashed-upsert")  # the old file was never deleted
    lake.replace_rows("articles", rows(["z"]), key="article_id", newest="fetched_at")
    table = lake.read("articles", ["article_id", "title"]).to_pylist()
    assert sorted((r["article_id"], r["title"]) for r in table) == [("a", "lebih baru"), ("z", "tz")]
