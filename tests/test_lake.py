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
