"""Exact duplicates: one article body under several URLs (syndicated copies, mirrors).

The key is a hash of the body with case, punctuation and spacing folded. The earliest
published holder of a key is the original; later ones point at it with `duplicate_of`.
Rows are marked, never dropped: a copy is still another outlet's article.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime

from trafilatura.deduplication import Simhash


def normalised_body(body: str) -> str:
    text = unicodedata.normalize("NFKC", body).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def content_hash(body: str) -> str:
    """SHA-256 of the body with case, punctuation and spacing folded: exact-duplicate key."""
    return hashlib.sha256(normalised_body(body).encode("utf-8")).hexdigest()


def simhash(body: str) -> int:
    """64-bit SimHash of the normalised body."""
    return Simhash(normalised_body(body)).hash


def mark_exact_duplicates(rows: list[dict], stored: Iterable[tuple[str, datetime, str]] = ()) -> None:
    """Set `duplicate_of` on rows whose `content_hash` is held by an earlier article, in
    `stored` (content_hash, published_at, article_id) of the lake or earlier in `rows`."""
    holders = [(r["content_hash"], r["published_at"], r["article_id"]) for r in rows] + list(stored)
    earliest: dict[str, tuple] = {}
    for key, published_at, aid in holders:
        if key not in earliest or (published_at, aid) < earliest[key]:
            earliest[key] = (published_at, aid)
    for row in rows:
        original = earliest[row["content_hash"]][1]
        row["duplicate_of"] = original if original != row["article_id"] else None
