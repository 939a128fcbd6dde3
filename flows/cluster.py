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

from flows.context import new_run_id, utc_now, wib_today
from flows.settings import Settings
from storage.lake import Lake
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


def window(window_end: str | None, days: int) -> tuple[date, date]:
    """(first, last) publication day of the window of `days` ending on `window_end`
    (default: today in WIB)."""
    end = date.fromisoformat(window_end) if window_end else wib_today()
    return end - timedelta(days=days - 1), end


@flow(name="cluster", log_prints=True)
def cluster(lake: str | None = None, window_end: str | None = None, days: int = DEFAULT_WINDOW_DAYS) -> dict:
    """Cluster the window of `days` ending on `window_end` (default: today in WIB)."""
    start, end = window(window_end, days)
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


def explain_members(items: list[dict], representative: str, raw: bool) -> list[dict]:
    """Why each item joined the representative's cluster: the verifier's probability and
    each feature's value and contribution (weight × value, largest first). `items` are
    {"id", "title", "text"} with the representative among them; `raw`: texts not yet
    cleaned as bodies are (cluster-texts input)."""
    from transforms.dedup.verifier import explain

    pairs = [(i.get("title") or "", i.get("text") or "") for i in items]
    prints = fingerprints_raw(pairs) if raw else fingerprints(pairs)
    at = next(k for k, item in enumerate(items) if item["id"] == representative)
    out = []
    for k, item in enumerate(items):
        if k == at:
            continue
        evidence = explain(prints, k, at)
        out.append({"id": item["id"], "joined": representative, "probability": round(evidence.probability, 4),
                    "duplicate": evidence.duplicate,
                    "evidence": [{"feature": name, "value": round(evidence.features[name], 3),
                                  "contribution": round(value, 3)} for name, value in evidence.contributions.items()]})
    return out


def explain_lake_cluster(lake: str | None, cluster_id: str, window_end: str | None, days: int) -> dict | None:
    """The members of the lake cluster `cluster_id` (or of the cluster holding that
    article) in the window's clusters, each with the evidence that joined it; None if no
    cluster of that window has it."""
    start, end = window(window_end, days)
    store = Settings.from_env().open_lake(lake)
    of_window = (ds.field("window_end") == end) & (ds.field("window_start") == start)
    rows = [r for b in store.batches("clusters", ["article_id", "cluster_id"], of_window) for r in b.to_pylist()]
    cluster_of = {r["article_id"]: r["cluster_id"] for r in rows}
    chosen = cluster_id if cluster_id in set(cluster_of.values()) else cluster_of.get(cluster_id)
    if chosen is None:
        return None
    members = [a for a, c in cluster_of.items() if c == chosen]
    wanted = ds.field("article_id").isin(members)
    found = {r["article_id"]: r for b in store.batches("articles", ["article_id", "source", "title", "body", "published_at"], wanted)
             for r in b.to_pylist()}
    items = [{"id": a, "title": found[a]["title"], "text": found[a]["body"]} for a in members if a in found]
    explained = {e["id"]: e for e in explain_members(items, chosen, raw=False)} if chosen in found else {}
    return {"cluster_id": chosen, "window_start": start.isoformat(), "window_end": end.isoformat(),
            "members": [{"id": a, "source": found[a]["source"], "title": found[a]["title"],
                         "published_at": found[a]["published_at"].isoformat() if found[a]["published_at"] else None,
                         "representative": a == chosen, **{k: v for k, v in explained.get(a, {}).items() if k != "id"}}
                        for a in members if a in found]}
