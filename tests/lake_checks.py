"""Compare a lake with the mirror's manifest, through DuckDB and Polars as users read it."""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl


def shingle_f1(predicted: str, gold: str) -> float:
    def shingles(text: str) -> Counter:
        tokens = re.findall(r"\w+", text.lower())
        return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))

    p, g = shingles(predicted), shingles(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def articles_of(lake) -> list[dict]:
    """Rows as users read them: DuckDB on a local lake; pyarrow on S3 (DuckDB's httpfs
    extension would have to be downloaded, which this machine cannot)."""
    if str(lake).startswith("s3://"):
        from conftest import open_lake

        return open_lake(str(lake)).read("articles").to_pylist()
    return articles_by_duckdb(lake)


def articles_by_duckdb(lake: Path) -> list[dict]:
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true, union_by_name=true)")
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def polars_s3_options() -> dict:
    import os

    return {"aws_endpoint_url": os.environ["KABAR_S3_ENDPOINT"], "aws_access_key_id": os.environ["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"], "aws_region": "us-east-1", "aws_allow_http": "true"}


def feed_articles(manifest: dict) -> list[dict]:
    """What ingest can reach: the articles listed by feeds and news sitemaps."""
    return [a for a in manifest["articles"] if a["in_feeds"]]


def window_articles(manifest: dict, sources: list[str], first: str, last: str) -> list[dict]:
    """What a backfill of these sources over [first, last] (WIB days) must produce."""
    return [a for a in manifest["articles"] if a["source"] in sources and first <= a["published_date"] <= last]


def assert_lake_matches_manifest(lake: Path, manifest: dict, articles: list[dict] | None = None) -> None:
    """The lake's articles are exactly `articles` (default: the feed articles), with the
    manifest's true values."""
    articles = feed_articles(manifest) if articles is None else articles
    rows = articles_of(lake)
    ids = [r["article_id"] for r in rows]
    assert len(ids) == len(set(ids)), "an article_id appears twice"
    by_url = {r["url"]: r for r in rows}
    expected = {a["url"]: a for a in articles}
    assert set(by_url) == set(expected), (sorted(set(expected) - set(by_url)), sorted(set(by_url) - set(expected)))
    problems = []
    for url, want in expected.items():
        got = by_url[url]
        checks = {
            "source": got["source"] == want["source"],
            "title": got["title"] == want["title"],
            "published_at": got["published_at"] == datetime.fromisoformat(want["published_at"]),
            "published_date": str(got["published_date"]) == want["published_date"],
            "authors": sorted(got["authors"]) == sorted(want["authors"]),
            "dateline": got["dateline"] == want["dateline"],
            "desk_codes": list(got["desk_codes"]) == want["desk_codes"],
            "body": shingle_f1(got["body"], want["body"]) >= 0.99,
            "no boilerplate": not [w for w in manifest["without"] if w.lower() in got["body"].lower()],
        }
        problems += [f"{url}: {name}" for name, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)

    # Polars sees the same table, with the partition columns typed.
    frame = pl.scan_parquet(f"{lake}/articles/**/*.parquet", hive_partitioning=True, missing_columns="insert",
                            storage_options=polars_s3_options() if str(lake).startswith("s3://") else None).collect()
    assert frame.height == len(expected)
    assert frame.schema["published_date"] == pl.Date
    assert frame["article_id"].n_unique() == frame.height


def assert_mirror_clusters(lake: Path, manifest: dict, window_end: str) -> int:
    """The clusters of the mirror's week: the syndicated pair (its earlier ANTARA original
    represents it); no two stories cut from one template with other countries, clubs or
    cities; and, besides, only the events the mirror happened to generate twice (one
    agreement of two countries at two outlets: one title). Returns the clusters' count."""
    copy = next(a for a in manifest["articles"] if a["syndicated_from"])
    clustered = duckdb.sql(
        f"SELECT a.url, c.cluster_id, a.title FROM read_parquet('{lake}/clusters/window_end={window_end}/*.parquet') c "
        f"JOIN read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true) a USING (article_id)").fetchall()
    by_cluster: dict = {}
    for url, cluster_id, title in clustered:
        by_cluster.setdefault(cluster_id, []).append((url, title))
    syndicated = [members for members in by_cluster.values() if copy["url"] in {u for u, _ in members}]
    assert len(syndicated) == 1 and {u for u, _ in syndicated[0]} == {copy["url"], copy["syndicated_from"]}
    others = [members for members in by_cluster.values() if members is not syndicated[0]]
    assert len(others) <= 2 and all(len({title for _, title in members}) == 1 for members in others), others
    return len(by_cluster)
