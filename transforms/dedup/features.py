"""What a candidate pair of texts has in common, as numbers a learned verifier weighs
(transforms/dedup/verifier.py): each feature comes from the two texts' fixed-size
fingerprints (transforms/dedup/fingerprint.py), for many pairs at once.

Containment is of the smaller text in the larger ("most of the wire version is in the
story"); Jaccard is of both. Figures are the numbers that are not days; days are what
two editions of a recurring story differ in, so they count apart.
"""
from __future__ import annotations

import numpy as np

from transforms.dedup.fingerprint import DAYS_BELOW, PAD, TEXT_PERMS, Fingerprints, bloom_positions

FEATURES = (
    "wording_contained",      # word 3-grams of the smaller text in the larger (MinHash estimate)
    "stems_jaccard",          # content stems both share, of all: survives rewording
    "stems_contained",        # content stems of the smaller text in the larger
    "title_stems_contained",  # the smaller title's stems in the other title
    "title_in_other_text",    # a title's stems anywhere in the other text (the better of the two ways)
    "title_names_missing",    # a title's names the other text does not name (the better way; 0 if none)
    "names_jaccard",
    "names_contained",        # names of the text with fewer in the other
    "figures_contained",      # figures (not days) of the text with fewer in the other
    "figures_shared_log",     # log(1 + figures both give)
    "figures_disagree",       # 1 − figures_contained, where the smaller gives two or more
    "no_figures",             # one of them gives no figure
    "days_conflict",          # both name days, none shared
    "length_ratio_log",       # log(smaller / larger), in content stems
    "names_and_figures",      # names_contained × figures_contained
    "stems_and_names",        # stems_contained × names_contained
    "stems_without_figures",  # stems_contained where one gives no figure: wording must carry the pair
    "names_without_figures",  # names_contained likewise
)


def overlap(a: np.ndarray, b: np.ndarray, low: int = 0, high: int = int(PAD)) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shared, in_a, in_b) per row of two sorted bottom-k sketches, over their values in
    [low, high) that both sketches cover whole (up to the smaller of their largest values
    when a sketch is full): exact when both sets fit, a uniform sample of both otherwise."""
    def covered(s: np.ndarray) -> np.ndarray:
        last = s[:, -1].astype(np.int64)
        return np.where(last == int(PAD), high, np.minimum(last + 1, high))  # values below this are all there

    limit = np.minimum(covered(a), covered(b))[:, None]
    in_a = (a >= low) & (a.astype(np.int64) < limit) & (a != PAD)
    in_b = (b >= low) & (b.astype(np.int64) < limit) & (b != PAD)
    return shared_values(a, in_a, b, in_b), np.count_nonzero(in_a, axis=1), np.count_nonzero(in_b, axis=1)


def shared_values(a: np.ndarray, a_kept: np.ndarray, b: np.ndarray, b_kept: np.ndarray) -> np.ndarray:
    """Per row, how many values the kept parts of two sketches both hold. A sketch holds
    distinct values, so sorted together a shared one sits next to itself; the parts not
    kept become two different fillers, which never pair with a value or each other."""
    both = np.sort(np.concatenate([np.where(a_kept, a, PAD), np.where(b_kept, b, PAD - 1)], axis=1), axis=1)
    return np.count_nonzero((both[:, 1:] == both[:, :-1]) & (both[:, 1:] < PAD - 1), axis=1)


def title_in_text(prints: Fingerprints, titles: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Share of each `titles` row's title stems that the `texts` row's stem filter holds
    (0 for an empty title)."""
    title = prints.title[titles]
    present = title != PAD
    hit = np.ones(title.shape, dtype=bool)
    bits = prints.stem_bits[texts]
    for position in bloom_positions(np.where(present, title, 0)):
        word = np.take_along_axis(bits, position >> 5, axis=1)
        hit &= (word >> (position & 31).astype(np.uint32)) & np.uint32(1) == 1
    return _ratio(np.count_nonzero(hit & present, axis=1), np.count_nonzero(present, axis=1))


def title_names_missing(prints: Fingerprints, titles: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(missing share, known) of each `titles` row's title names among the `texts` row's
    names; a name above a full names sketch's largest value is unknown, not missing."""
    title, names = prints.title_names[titles], prints.names[texts]
    last = names[:, -1:].astype(np.int64)
    known = (title != PAD) & ((last == int(PAD)) | (title.astype(np.int64) <= last))
    shared = shared_values(title, known, names, names != PAD)
    counted = np.count_nonzero(known, axis=1)
    return _ratio(counted - shared, counted), counted > 0


def _better_way(one: tuple[np.ndarray, np.ndarray], other: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The smaller missing share of the ways that can be told; 0 where neither can."""
    (m1, k1), (m2, k2) = one, other
    return np.where(k1 & k2, np.minimum(m1, m2), np.where(k1, m1, np.where(k2, m2, 0.0)))


def _ratio(shared: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.where(whole > 0, shared / np.maximum(whole, 1), 0.0)


# Features from the names and numbers sketches and the counts: cheap, so the verifier
# computes them first and drops the pairs no value of the others could make duplicates.
# Every other feature lies in [0, 1].
CHEAP = ("names_jaccard", "names_contained", "figures_contained", "figures_shared_log", "figures_disagree",
         "no_figures", "days_conflict", "length_ratio_log", "names_and_figures")


def pair_features(prints: Fingerprints, pairs: np.ndarray, names: tuple[str, ...] = FEATURES) -> np.ndarray:
    """(len(pairs), len(names)) float array of the features `names`, in that order."""
    a, b = pairs[:, 0], pairs[:, 1]
    found: dict[str, np.ndarray] = {}

    def jaccard_and_contained(field: str, low: int = 0, high: int = int(PAD)):
        shared, in_a, in_b = overlap(getattr(prints, field)[a], getattr(prints, field)[b], low, high)
        return _ratio(shared, in_a + in_b - shared), _ratio(shared, np.minimum(in_a, in_b)), shared, np.minimum(in_a, in_b)

    def names_group():
        found["names_jaccard"], found["names_contained"], _, _ = jaccard_and_contained("names")

    def numbers_group():
        _, figures_c, figures_shared, figures_fewer = jaccard_and_contained("numbers", DAYS_BELOW)
        _, _, days_shared, days_fewer = jaccard_and_contained("numbers", 0, DAYS_BELOW)
        found.update(figures_contained=figures_c, figures_shared_log=np.log1p(figures_shared),
                     figures_disagree=np.where(figures_fewer >= 2, 1 - figures_c, 0.0),
                     no_figures=(figures_fewer == 0).astype(float),
                     days_conflict=((days_fewer > 0) & (days_shared == 0)).astype(float))

    def length():
        stems_a, stems_b = prints.counts[a, 3], prints.counts[b, 3]
        found["length_ratio_log"] = np.log(np.maximum(np.minimum(stems_a, stems_b), 1) / np.maximum(np.maximum(stems_a, stems_b), 1))

    def wording():
        sig_a, sig_b = prints.signatures[a, :TEXT_PERMS], prints.signatures[b, :TEXT_PERMS]
        agreement = (sig_a == sig_b).mean(axis=1)
        agreement[(sig_a == PAD).all(axis=1) | (sig_b == PAD).all(axis=1)] = 0.0
        size_a, size_b = prints.counts[a, 0], prints.counts[b, 0]
        found["wording_contained"] = np.clip(_ratio(agreement * (size_a + size_b) / (1 + agreement),
                                                    np.minimum(size_a, size_b)), 0, 1)

    def stems_group():
        found["stems_jaccard"], found["stems_contained"], _, _ = jaccard_and_contained("stems")

    def titles_group():
        _, found["title_stems_contained"], _, _ = jaccard_and_contained("title")
        found["title_in_other_text"] = np.maximum(title_in_text(prints, a, b), title_in_text(prints, b, a))
        found["title_names_missing"] = _better_way(title_names_missing(prints, a, b), title_names_missing(prints, b, a))

    def get(name: str) -> np.ndarray:
        if name not in found:
            products = {"names_and_figures": ("names_contained", "figures_contained"),
                        "stems_and_names": ("stems_contained", "names_contained"),
                        "stems_without_figures": ("stems_contained", "no_figures"),
                        "names_without_figures": ("names_contained", "no_figures")}
            if name in products:
                found[name] = get(products[name][0]) * get(products[name][1])
            else:
                group = {"names_jaccard": names_group, "names_contained": names_group, "length_ratio_log": length,
                         "wording_contained": wording, "stems_jaccard": stems_group, "stems_contained": stems_group,
                         "title_stems_contained": titles_group, "title_in_other_text": titles_group,
                         "title_names_missing": titles_group}.get(name, numbers_group)
                group()
        return found[name]

    return np.stack([np.asarray(get(name), dtype=float) for name in names], axis=1) if len(pairs) else np.zeros((0, len(names)))
