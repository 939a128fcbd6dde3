"""Candidate pairs for the verifier, from two sources:

- LSH banding on the MinHash signatures (word 3-grams, names): copies and close rewrites;
- shared rare anchors: texts that give two or more of the same rare names or figures
  (each held by at most `RARE_ANCHOR_TEXTS` texts of the window). A rewrite or a machine
  translation keeps a story's names and figures and little of its wording; a short wire
  version keeps a few of them, too few for a names band to match.
"""
from __future__ import annotations

import numpy as np

from transforms.dedup.fingerprint import DAYS_BELOW, NAME_PERMS, PAD, TEXT_PERMS, Fingerprints

ROWS = 2  # per band: a pair becomes a candidate from about 0.2–0.3 estimated Jaccard
NEIGHBOURS = 2  # per band, a text is paired with up to this many predecessors in its bucket
RARE_ANCHOR_TEXTS = 24  # an anchor held by more texts than this (a minister, a club, "Rp 10.000") is not rare
MIN_SHARED_ANCHORS = 2
ANCHOR_RANGE_BITS = 4
ANCHOR_RANGES = 1 << ANCHOR_RANGE_BITS  # anchors are paired a value range at a time


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


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, sizes) of the runs of equal values in a sorted array."""
    if len(ordered) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    starts = np.concatenate(([0], np.nonzero(ordered[1:] != ordered[:-1])[0] + 1))
    return starts, np.diff(np.concatenate((starts, [len(ordered)])))


def _pairs_found(packed: np.ndarray, n: int, times: int = 1) -> np.ndarray:
    """(m, 2) index pairs, each packed as one int64 `low * n + high`, found at least
    `times` times (sorting beats unique() here)."""
    packed = np.sort(packed)
    starts, sizes = _runs(packed)
    kept = packed[starts[sizes >= times]]
    return np.stack([kept // n, kept % n], axis=1)


def _unique_pairs(found: list[np.ndarray], n: int) -> np.ndarray:
    pairs = np.concatenate(found).astype(np.int64) if found else np.empty((0, 2), dtype=np.int64)
    return _pairs_found(pairs.min(axis=1) * n + pairs.max(axis=1), n)


def band_pairs(signatures: np.ndarray) -> np.ndarray:
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
    return _unique_pairs(pairs, len(signatures))


def anchor_pairs(prints: Fingerprints) -> np.ndarray:
    """(m, 2) index pairs of texts that share at least `MIN_SHARED_ANCHORS` rare anchors:
    names and figures (not days), from their sketches. Anchors are taken a value range at
    a time, so a million-article window needs a sixteenth of its anchors in memory."""
    n = len(prints)
    is_figure = (prints.numbers >= DAYS_BELOW) & (prints.numbers != PAD)
    figures = np.where(is_figure, prints.numbers | np.uint32(1 << 31), PAD)  # above the names: a range of their own
    anchors = np.concatenate([prints.names, figures], axis=1)
    found = []
    ranges = (anchors >> np.uint32(32 - ANCHOR_RANGE_BITS)).astype(np.uint8)
    ranges[anchors == PAD] = ANCHOR_RANGES  # empty slots: in no range (they would all fill the last)
    for part in range(ANCHOR_RANGES):
        at = np.nonzero(ranges == part)
        packed = np.sort((anchors[at].astype(np.uint64) << np.uint64(32)) | at[0].astype(np.uint64))
        values, owners = packed >> np.uint64(32), (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
        starts, sizes = _runs(values)
        rare = (sizes >= 2) & (sizes <= RARE_ANCHOR_TEXTS)
        starts, sizes = starts[rare], sizes[rare]
        for distance in range(1, int(sizes.max(initial=1))):  # members k and k + distance of each anchor's texts
            groups = sizes > distance
            first = _ranges(starts[groups], sizes[groups] - distance)
            found.append(owners[first] * n + owners[first + distance])  # owners ascend within an anchor
    return _pairs_found(np.concatenate(found) if found else np.empty(0, dtype=np.int64), n, MIN_SHARED_ANCHORS)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated aranges start..start+length, without a Python loop."""
    total = int(lengths.sum())
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + np.arange(total) - offsets


def candidate_pairs(prints: Fingerprints) -> np.ndarray:
    """Both sources' pairs, once each, as (m, 2) index pairs with the lower index first."""
    return _unique_pairs([band_pairs(prints.signatures), anchor_pairs(prints)], len(prints))
