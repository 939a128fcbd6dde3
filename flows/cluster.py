"""The cluster flow: near-duplicate clusters across outlets over a rolling window.

Reads the articles published in the window (default 7 days ending on `window_end`, WIB
days) in record batches, fingerprints title and body batch by batch (only the fixed-size
fingerprints and three short columns stay in memory, so a million-article window fits),
clusters them (transforms/dedup/neardup.py) and writes one `clusters` row per article
that has at least one copy, under `window_end=`. The file name is deterministic, so
rerunning a window replaces its clusters; a window without copies gets an empty file.
`cluster_texts` clusters any corpus the same way, outside the lake."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.dataset as ds
from prefect import flow, get_run_logger

from flows.context import new_run_id, utc_now
from flows.settings import Settings
from storage.lake import Lake
from transforms.dates import WIB
from transforms.dedup import neardup
from transforms.dedup.fingerprint import Fingerprints, fingerprints, fingerprints_raw
from transforms.rows.build import cluster_rows
from transforms.rows.schema import TABLES

DEFAULT_WINDOW_DAYS = 7
KEPT_COLUMNS = ["article_id", "source", "published_at"]


def read_window(store: Lake, start: date, end: date) -> tuple[pa.Table, Fingerprints]:
    """The window's articles (KEPT_COLUMNS) and their fingerprints, row for row."""
    condition = (ds.field("published_date") >= start) & (ds.field("published_date") <= end)
    kept, prints = [], []
    for batch in store.batches("articles", KEPT_COLUMNS + ["title", "body"], condition):
        kept.append(batch.select(KEPT_COLUMNS))
        prints.append(fingerprints(zip(batch.column("title").to_pylist(), batch.column("body").to_pylist())))
    table = pa.Table.from_batches(kept) if kept else TABLES["articles"].schema.empty_table().select(KEPT_COLUMNS)
    return table, Fingerprints.concatenate(prints) if prints else fingerprints([])


@flow(name="cluster", log_prints=True)
def cluster(lake: str | None = None, window_end: str | None = None, days: int = DEFAULT_WINDOW_DAYS) -> dict:
    """Cluster the window of `days` ending on `window_end` (default: today in WIB)."""
    end = date.fromisoformat(window_end) if window_end else utc_now().astimezone(WIB).date()
    start = end - timedelta(days=days - 1)
    store = Settings.from_env().open_lake(lake)
    articles, prints = read_window(store, start, end)
    published = articles.column("published_at").to_pylist()
    labels = neardup.cluster(prints, published)
    rows = cluster_rows(articles.column("article_id").to_pylist(), articles.column("source").to_pylist(), published,
                        labels, start, end, new_run_id(utc_now()))
    # always written: a rerun that finds no copies replaces the window's earlier clusters
    store.write_rows("clusters", rows, name=f"window-{start.isoformat()}-{days}d", partition={"window_end": end})
    clusters = len({r["cluster_id"] for r in rows})
    get_run_logger().info("window %s..%s: %d articles, %d clusters of %d articles", start, end, len(articles), clusters, len(rows))
    return {"window_start": start.isoformat(), "window_end": end.isoformat(), "articles": len(articles),
            "clusters": clusters, "clustered_articles": len(rows)}


def cluster_texts(items: list[dict]) -> list[dict]:
    """Items {"id", "title", "text", "published_at", "source"} in, {"id", "cluster_id"}
    out, in order; texts are cleaned as the pipeline cleans bodies before fingerprinting."""
    published = []
    for item in items:
        try:
            when = datetime.fromisoformat(item["published_at"]) if item.get("published_at") else None
        except ValueError:
            when = None
        published.append(when if when is None or when.tzinfo else when.replace(tzinfo=timezone.utc))
    labels = neardup.cluster(fingerprints_raw((i.get("title") or "", i.get("text") or "") for i in items), published)
    return [{"id": item["id"], "cluster_id": items[label]["id"]} for item, label in zip(items, labels)]
