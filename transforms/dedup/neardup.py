"""Near-duplicate clusters of news texts: candidates over fingerprints, a learned verifier.

Candidate pairs come from LSH bands and shared rare anchors (transforms/dedup/candidates.py);
the verifier (transforms/dedup/verifier.py, learned from labelled pairs) decides which are
duplicates; clusters grow from their earliest member (`cluster`). Everything is numpy
arrays, so a million-article window fits in memory.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np

from transforms.dedup import verifier
from transforms.dedup.candidates import candidate_pairs
from transforms.dedup.fingerprint import Fingerprints

VERIFY_BATCH = 50_000  # pairs compared at once (their features take about 2 KB a pair while computed)


def verify(prints: Fingerprints, pairs: np.ndarray) -> np.ndarray:
    """The candidate pairs the verifier takes for duplicates (as an (k, 2) array)."""
    kept = [batch[verifier.is_duplicate(prints, batch)] for batch in np.split(pairs, range(VERIFY_BATCH, len(pairs), VERIFY_BATCH))]
    return np.concatenate(kept) if kept else pairs


def cluster(prints: Fingerprints, published: list[datetime | None] | None = None) -> np.ndarray:
    """Cluster label per text: the index of its cluster's representative, the earliest
    member (by `published`, then position); a text with no duplicate is its own label.

    Texts join clusters in time order: a text joins the cluster of an earlier duplicate
    only if it is a duplicate of that cluster's representative as well. Linking every
    duplicate pair would chain: a partial copy without figures matches both a daily
    report and the next day's, and would merge the two days."""
    n = len(prints)
    labels = np.arange(n)
    pairs = verify(prints, candidate_pairs(prints)) if n > 1 else np.empty((0, 2), np.int64)
    if len(pairs) == 0:
        return labels
    rank = np.empty(n, dtype=np.int64)
    rank[_time_order(published, n)] = np.arange(n)
    first_is_earlier = rank[pairs[:, 0]] < rank[pairs[:, 1]]
    earlier = np.where(first_is_earlier, pairs[:, 0], pairs[:, 1])
    later = np.where(first_is_earlier, pairs[:, 1], pairs[:, 0])
    by_time = np.lexsort((rank[earlier], rank[later]))
    earlier, later = earlier[by_time], later[by_time]
    starts = np.concatenate(([0], np.nonzero(later[1:] != later[:-1])[0] + 1, [len(later)]))
    for begin, end in zip(starts[:-1], starts[1:]):
        text, tried = int(later[begin]), set()
        for neighbour in earlier[begin:end].tolist():
            representative = int(labels[neighbour])
            if representative in tried:
                continue
            tried.add(representative)
            if representative == neighbour or verifier.is_duplicate(prints, np.array([[text, representative]]))[0]:
                labels[text] = representative
                break
    return labels


def _time_order(published: list[datetime | None] | None, n: int) -> np.ndarray:
    """Text indices earliest first; texts without a time last, then by position."""
    if published is None:
        return np.arange(n)
    missing = np.array([p is None for p in published])
    seconds = np.array([p.timestamp() if p else 0.0 for p in published])
    return np.lexsort((np.arange(n), seconds, missing))
