"""What the lake already holds of `articles`, for the questions a run asks before it
writes: is this article known, which stored article holds this body, what version of it
is stored. Each question is answered here and nowhere else."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pyarrow.dataset as ds

from storage.lake import Lake
from transforms.records import Candidate
from transforms.urls import article_id


class KnownArticles:
    """The articles of a source that are in the lake: each row's article_id and the id
    of its stored URL (they differ when a page's rel=canonical named another address),
    so a candidate seen under either address counts as known."""

    def __init__(self, ids: set[str]):
        self.ids = ids

    @classmethod
    def of_source(cls, lake: Lake, source: str | None = None) -> "KnownArticles":
        table = lake.read("articles", ["article_id", "url"], ds.field("source") == source if source else None)
        urls = table.column("url").to_pylist()
        return cls(set(table.column("article_id").to_pylist()) | {article_id(u) for u in urls if u})

    def __contains__(self, candidate: Candidate) -> bool:
        return candidate.article_id in self.ids

    def unknown(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        return [c for c in candidates if c not in self]


def content_hash_holders(lake: Lake, hashes: Iterable[str]) -> list[tuple[str, datetime, str]]:
    """(content_hash, published_at, article_id) of stored articles with one of these bodies."""
    dataset = lake.dataset("articles")
    if dataset is None:
        return []
    table = dataset.to_table(columns=["content_hash", "published_at", "article_id"],
                             filter=ds.field("content_hash").isin(list(set(hashes))))
    return [(r["content_hash"], r["published_at"], r["article_id"]) for r in table.to_pylist()]


def stored_articles(lake: Lake, ids: list[str], columns: list[str] | None = None) -> dict[str, dict]:
    """The stored rows (or these columns of them) of these article ids, by id."""
    if not ids:
        return {}
    dataset = lake.dataset("articles")
    if dataset is None:
        return {}
    wanted = None if columns is None else list(dict.fromkeys(["article_id", *columns]))
    table = dataset.to_table(columns=wanted, filter=ds.field("article_id").isin(ids))
    return {r["article_id"]: r for r in table.to_pylist()}
