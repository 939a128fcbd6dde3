"""Near-duplicate clusters of news texts: LSH candidates over fingerprints, a verifier.

LSH banding on the MinHash signatures (transforms/dedup/fingerprint.py) finds candidate pairs;
`DuplicateRule` decides which are duplicates from the estimated wording agreement, the
names both keep and the numbers they share (thresholds measured by bench/dedupe.py);
clusters grow from their earliest member (`cluster`). Everything is numpy arrays, so a
million-article window fits in memory.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from transforms.dedup.fingerprint import DAY_FLAG, NAME_PERMS, PAD, TEXT_PERMS, Fingerprints

ROWS = 2  # per band: a pair becomes a candidate from about 0.2–0.3 estimated Jaccard
NEIGHBOURS = 2  # per band, a text is paired with up to this many predecessors in its bucket
VERIFY_BATCH = 50_000  # pairs compared at once (their sketches, sorted side by side, take under 1 KB a pair)


@dataclass(frozen=True)
class DuplicateRule:
    """A candidate pair is a duplicate when its numbers do not disagree (most numbers of
    the text with fewer, `numbers_contained`, are in the other) and one of:
    - its wording agrees (Jaccard ≥ `text_min`) and either at least `strong_numbers`
      numbers are shared or the names of one are almost all in the other (`names_kept`):
      syndicated and rewritten copies; two stories on one template share wording but
      not numbers and names;
    - most of one text's wording is in the other (`text_contained`, for texts of at least
      `min_shingles` 3-grams) and so are its names: partial copies;
    - all its names are kept (`names_all`, at least `min_names` of them) and some wording
      agrees (`text_with_names`): rewrites and translations of texts with few figures;
      two stories on one person or template differ in some names;
    - nearly all of many names are kept (`names_kept` of at least `many_names`) with a
      little wording (`text_translated`): a machine translation of a story without figures;
    - numbers (strong) and names (`names_paraphrase`) agree with some wording
      (`text_paraphrase`): paraphrases and machine translations keep those, not wording.
    Numbers include days ("24/11"): a story of another day disagrees.
    Containment comes from the Jaccard estimate and the sizes, so it is noisy when the
    sizes differ a lot; names are counted exactly (up to 32), hence their weight."""
    numbers_contained: float = 0.7
    strong_numbers: int = 2
    text_min: float = 0.45
    names_kept: float = 0.9
    text_contained: float = 0.75
    min_shingles: int = 20
    names_all: float = 0.95
    min_names: int = 4
    text_with_names: float = 0.3
    many_names: int = 12
    text_translated: float = 0.1
    names_paraphrase: float = 0.8
    text_paraphrase: float = 0.15


RULE = DuplicateRule()


def _band_keys(signatures: np.ndarray):
    """One uint64 key array per band, over the text and the names parts, band by band
    (a million articles need 8 MB a band); an empty part never matches."""
    for start, width in ((0, TEXT_PERMS), (TEXT_PERMS, NAME_PERMS)):
        empty = np.nonzero((signatures[:, start:start + width] == PAD).all(axis=1))[0]
        for band_start in range(start, start + width, ROWS):
            key = np.zeros(len(signatures), dtype=np.uint64)
            for column in range(band_start, band_start + ROWS):
                key = key * np.uint64(0x9E3779B1) + signatures[:, column].astype(np.uint64)
            key[empty] = np.uint64(1 << 63) + empty.astype(np.uint64)  # unique keys: no bucket
            yield key


def candidate_pairs(signatures: np.ndarray) -> np.ndarray:
    """(m, 2) index pairs that share a band. In a band's bucket each text is paired with
    its `NEIGHBOURS` predecessors: a bucket of up to three is paired whole, a big one (texts full
    of shared formulas) in linear pairs, and the other bands give the links a failed
    verification breaks."""
    pairs = []
    for band_key in _band_keys(signatures):
        order = np.argsort(band_key, kind="stable")
        sorted_keys = band_key[order]
        for distance in range(1, NEIGHBOURS + 1):
            same = np.nonzero(sorted_keys[distance:] == sorted_keys[:-distance])[0]
            if len(same) == 0:
                break  # no bucket is this big
            pairs.append(np.stack([order[same], order[same + distance]], axis=1))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    found = np.concatenate(pairs).astype(np.int64)
    low, high = found.min(axis=1), found.max(axis=1)
    packed = np.sort(low * len(signatures) + high)  # one int64 per pair; sorting beats unique() here
    packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    return np.stack([packed // len(signatures), packed % len(signatures)], axis=1)


def _agreement(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    agree = (a == b).mean(axis=1)
    agree[(a == PAD).all(axis=1) | (b == PAD).all(axis=1)] = 0.0
    return agree


def sketch_overlap(a: np.ndarray, b: np.ndarray, below: int | None = None) -> tuple[np.ndarray, ...]:
    """(shared, smaller) per row of two bottom-k sketches: items both hold, and the size of
    the smaller, counted over the hash range both sketches cover whole (exact when both
    sets fit their slots; otherwise a uniform sample of both sets). With `below`, also the
    shared items of value below it."""
    limit = np.minimum(a[:, -1], b[:, -1])[:, None]  # PAD when neither is full
    in_a, in_b = (a <= limit) & (a != PAD), (b <= limit) & (b != PAD)
    # a sketch holds distinct values: sorted together, a shared one sits next to itself
    both = np.sort(np.concatenate([np.where(in_a, a, PAD), np.where(in_b, b, PAD - 1)], axis=1), axis=1)
    pairs = (both[:, 1:] == both[:, :-1]) & (both[:, 1:] < PAD - 1)
    result = (np.count_nonzero(pairs, axis=1), np.minimum(np.count_nonzero(in_a, axis=1), np.count_nonzero(in_b, axis=1)))
    if below is None:
        return result
    return result + (np.count_nonzero(pairs & (both[:, 1:] < below), axis=1),)


def _is_duplicate(prints: Fingerprints, pairs: np.ndarray, rule: DuplicateRule) -> np.ndarray:
    """The rule, in stages from cheap to dear: wording for all pairs, numbers for those
    whose wording could pass, names for those whose numbers agree."""
    first, second = pairs[:, 0], pairs[:, 1]
    text = _agreement(prints.signatures[first, :TEXT_PERMS], prints.signatures[second, :TEXT_PERMS])
    # containment of the smaller text's 3-grams, from the Jaccard estimate and the sizes
    size_a, size_b = prints.counts[first, 0], prints.counts[second, 0]
    smaller = np.minimum(size_a, size_b)
    contained = (text * (size_a + size_b) / (1 + text) / np.maximum(smaller, 1) >= rule.text_contained) \
        & (smaller >= rule.min_shingles)
    result = np.zeros(len(pairs), dtype=bool)
    open_ = np.nonzero((text >= min(rule.text_min, rule.text_with_names, rule.text_paraphrase, rule.text_translated))
                       | contained)[0]
    # numbers and days must agree; shared figures, not days, are strong evidence
    numbers_shared, numbers_smaller, figures_shared = sketch_overlap(
        prints.numbers[first[open_]], prints.numbers[second[open_]], below=DAY_FLAG)
    agree = (numbers_smaller == 0) | (numbers_shared >= rule.numbers_contained * numbers_smaller)
    open_, strong = open_[agree], (figures_shared >= rule.strong_numbers)[agree]
    names_shared, names_smaller = sketch_overlap(prints.names[first[open_]], prints.names[second[open_]])
    names_kept = np.where(names_smaller > 0, names_shared / np.maximum(names_smaller, 1), 0.0)
    text, contained = text[open_], contained[open_]
    copied = (text >= rule.text_min) & (strong | (names_kept >= rule.names_kept))
    partial = contained & (names_kept >= rule.names_kept)
    same_names = (names_kept >= rule.names_all) & (names_smaller >= rule.min_names) & (text >= rule.text_with_names)
    translated = (names_kept >= rule.names_kept) & (names_smaller >= rule.many_names) & (text >= rule.text_translated)
    paraphrase = strong & (names_kept >= rule.names_paraphrase) & (text >= rule.text_paraphrase)
    result[open_] = copied | partial | same_names | translated | paraphrase
    return result


def verify(prints: Fingerprints, pairs: np.ndarray, rule: DuplicateRule = RULE) -> np.ndarray:
    """The candidate pairs that are duplicates (as an (k, 2) array)."""
    kept = [batch[_is_duplicate(prints, batch, rule)] for batch in np.split(pairs, range(VERIFY_BATCH, len(pairs), VERIFY_BATCH))]
    return np.concatenate(kept) if kept else pairs


def cluster(prints: Fingerprints, published: list[datetime | None] | None = None,
            rule: DuplicateRule = RULE) -> np.ndarray:
    """Cluster label per text: the index of its cluster's representative, the earliest
    member (by `published`, then position); a text with no duplicate is its own label.

    Texts join clusters in time order: a text joins the cluster of an earlier duplicate
    only if it is a duplicate of that cluster's representative as well. Linking every
    duplicate pair would chain: a partial copy without figures matches both a daily
    report and the next day's, and would merge the two days."""
    n = len(prints)
    labels = np.arange(n)
    pairs = verify(prints, candidate_pairs(prints.signatures), rule) if n > 1 else np.empty((0, 2), np.int64)
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
            if representative == neighbour or _is_duplicate(prints, np.array([[text, representative]]), rule)[0]:
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
