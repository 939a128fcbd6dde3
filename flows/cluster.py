"""The cluster flow: near-duplicate clusters across outlets over a rolling window.

Reads the articles published in the window (default 7 days ending on `window_end`, WIB
days), fingerprints title and body, clusters them (transforms/neardup.py) and writes
one `clusters` row per article that has at least one copy, under `window_end=`. The
file name is deterministic, so rerunning a window replaces its clusters."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pyarrow.dataset as ds
from prefect import flow, get_run_logger

from flows.collect import new_run_id
from transforms import neardup
from transforms.lake import DEFAULT_LAKE, Lake

DEFAULT_WINDOW_DAYS = 7


def cluster_rows(articles: list[dict], window_start: date, window_end: date, run_id: str) -> list[dict]:
    prints = neardup.Fingerprints.of([neardup.fingerprint(a["title"] or "", a["body"] or "") for a in articles])
    labels = neardup.cluster(prints, [a["published_at"] for a in articles])
    sizes: dict[int, int] = {}
    for label in labels:
        sizes[label] = sizes.get(label, 0) + 1
    rows = []
    for i, label in enumerate(labels):
        if sizes[label] < 2:
            continue
        rows.append({
            "article_id": articles[i]["article_id"], "cluster_id": articles[label]["article_id"],
            "source": articles[i]["source"], "published_at": articles[i]["published_at"],
            "cluster_size": sizes[label], "is_representative": i == label,
            "window_start": window_start, "window_end": window_end, "run_id": run_id,
        })
    return rows


@flow(name="cluster", log_prints=True)
def cluster(lake: str = DEFAULT_LAKE, window_end: str | None = None, days: int = DEFAULT_WINDOW_DAYS) -> dict:
    end = date.fromisoformat(window_end) if window_end else datetime.now(timezone.utc).date()
    start = end - timedelta(days=days - 1)
    store = Lake(lake)
    condition = (ds.field("published_date") >= start) & (ds.field("published_date") <= end)
    articles = store.read("articles", ["article_id", "title", "body", "source", "published_at"], condition).to_pylist()
    rows = cluster_rows(articles, start, end, new_run_id(datetime.now(timezone.utc)))
    if rows:
        store.write_rows("clusters", rows, name=f"window-{start.isoformat()}-{days}d")
    clusters = len({r["cluster_id"] for r in rows})
    get_run_logger().info("window %s..%s: %d articles, %d clusters of %d articles", start, end, len(articles), clusters, len(rows))
    return {"window_start": start.isoformat(), "window_end": end.isoformat(), "articles": len(articles),
            "clusters": clusters, "clustered_articles": len(rows)}
