"""The cluster flow: near-duplicate clusters across outlets over a rolling window.

Reads the articles published in the window (default 7 days ending on `window_end`, WIB
days) in record batches, fingerprints title and body batch by batch (only the fixed-size
fingerprints and three short columns stay in memory, so a million-article window fits),
clusters them (transforms/neardup.py) and writes one `clusters` row per article that has
at least one copy, under `window_end=`. The file name is deterministic, so rerunning a
window replaces its clusters; a window without copies gets an empty file."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pyarrow.dataset as ds
from prefect import flow, get_run_logger

from flows.collect import new_run_id
from transforms import neardup
from transforms.dates import WIB
from transforms.fingerprint import Fingerprints, fingerprints
from transforms.lake import DEFAULT_LAKE, Lake
from transforms.schema import TABLES

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


def cluster_rows(articles: pa.Table, prints: Fingerprints, window_start: date, window_end: date, run_id: str) -> list[dict]:
    published = articles.column("published_at").to_pylist()
    labels = neardup.cluster(prints, published)
    sizes = np.bincount(labels, minlength=len(labels))
    members = np.nonzero(sizes[labels] > 1)[0]
    ids, sources = articles.column("article_id").to_pylist(), articles.column("source").to_pylist()
    return [{
        "article_id": ids[i], "cluster_id": ids[labels[i]], "source": sources[i], "published_at": published[i],
        "cluster_size": int(sizes[labels[i]]), "is_representative": bool(i == labels[i]),
        "window_start": window_start, "window_end": window_end, "run_id": run_id,
    } for i in members]


@flow(name="cluster", log_prints=True)
def cluster(lake: str = DEFAULT_LAKE, window_end: str | None = None, days: int = DEFAULT_WINDOW_DAYS) -> dict:
    end = date.fromisoformat(window_end) if window_end else datetime.now(WIB).date()
    start = end - timedelta(days=days - 1)
    store = Lake(lake)
    articles, prints = read_window(store, start, end)
    rows = cluster_rows(articles, prints, start, end, new_run_id(datetime.now(timezone.utc)))
    # always written: a rerun that finds no copies replaces the window's earlier clusters
    store.write_rows("clusters", rows, name=f"window-{start.isoformat()}-{days}d", partition={"window_end": end})
    clusters = len({r["cluster_id"] for r in rows})
    get_run_logger().info("window %s..%s: %d articles, %d clusters of %d articles", start, end, len(articles), clusters, len(rows))
    return {"window_start": start.isoformat(), "window_end": end.isoformat(), "articles": len(articles),
            "clusters": clusters, "clustered_articles": len(rows)}
