"""Near-duplicate clusters of news texts: MinHash signatures, LSH candidates, a verifier.

Per text, a `Fingerprint`:
- a MinHash signature over word 3-grams of the normalised title and body (`text`), for
  copies whose wording survives (syndication, partial copies, rewrites);
- a MinHash signature over its names (`names`: capitalised words that do not open a
  sentence, acronyms), which survive paraphrase and machine translation;
- the exact set of its numbers (tokens with digits: figures, dates, scores, prices), kept
  as hashes. Numbers are what differs between two stories cut from one template (two
  daily market reports, two flood reports, one minister on two days).

LSH banding on the signatures finds candidate pairs; a pair is a duplicate when its
numbers do not disagree and its wording, or its names with some wording, agree
(`DuplicateRule`; measured by bench/dedupe.py). Everything is numpy arrays, so a
million-article window fits in memory.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime

import numpy as np

PRIME = (1 << 31) - 1
TEXT_PERMS, NAME_PERMS = 64, 16
PERMS = TEXT_PERMS + NAME_PERMS
ROWS = 2  # per band: a pair becomes a candidate from about 0.2–0.3 estimated Jaccard
SHINGLE = 3
EMPTY = np.uint32(PRIME)

_rng = np.random.default_rng(20261128)
_A = _rng.integers(0, 2**63, size=PERMS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd 64-bit multipliers
_B = _rng.integers(0, 2**63, size=PERMS, dtype=np.uint64)

_TOKEN = re.compile(r"\w+", re.UNICODE)
_COMMON_CAPITALISED = frozenset(
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september "
    "oktober november desember jakarta the a di ke dari dan yang itu ini pada untuk dalam".split()
)


@dataclass(frozen=True)
class DuplicateRule:
    """A candidate pair is a duplicate when its numbers do not disagree (most of the
    smaller set, `numbers_contained`, is in the other) and:
    - with strong number evidence (at least `strong_numbers` shared): its wording agrees
      at least `text_min`, or its names at least `names_min` with wording at least
      `text_with_names` (a paraphrase keeps numbers and names, not wording);
    - with weak evidence (few or no numbers): wording and names must both agree
      (`text_min`, `names_weak`), as two stories on one template share their wording."""
    numbers_contained: float = 0.7
    strong_numbers: int = 2
    text_min: float = 0.45
    names_min: float = 0.75
    text_with_names: float = 0.2
    names_weak: float = 0.8


RULE = DuplicateRule()


NUMBER_SLOTS = 16  # the 16 smallest number hashes: exact for up to 16 distinct numbers


@dataclass
class Fingerprint:
    signature: np.ndarray  # PERMS uint32: text then names
    numbers: np.ndarray  # NUMBER_SLOTS uint32: smallest hashes of the distinct numbers, EMPTY-padded
    number_count: int  # distinct numbers in the text


@dataclass
class Fingerprints:
    """Many fingerprints as three arrays (a million fit in about 400 MB)."""
    signatures: np.ndarray  # (n, PERMS) uint32
    numbers: np.ndarray  # (n, NUMBER_SLOTS) uint32
    number_counts: np.ndarray  # (n,) int32

    @classmethod
    def of(cls, items: list[Fingerprint]) -> "Fingerprints":
        if not items:
            return cls(np.empty((0, PERMS), np.uint32), np.empty((0, NUMBER_SLOTS), np.uint32), np.empty(0, np.int32))
        return cls(np.stack([f.signature for f in items]), np.stack([f.numbers for f in items]),
                   np.array([f.number_count for f in items], dtype=np.int32))

    def __len__(self) -> int:
        return len(self.signatures)


def normalise(text: str) -> str:
    text = text or ""
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_OPENER = re.compile(r"[.!?\"“”\n]\s*(\w+)")


def anchors_of(text: str, tokens: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(names, numbers): what a paraphrase keeps and another story on one template changes.
    `tokens` are the text's `\\w+` tokens when the caller has them already."""
    text = normalise(text)
    tokens = _TOKEN.findall(text) if tokens is None else tokens
    openers = set(_OPENER.findall(text))
    if tokens:
        openers.add(tokens[0])
    names = [t.lower() for t in tokens
             if t[0].isupper() and t.isalpha() and (t not in openers or t.isupper()) and t.lower() not in _COMMON_CAPITALISED]
    numbers = [n for n in _NUMBER.findall(_REPORT_DATE.sub(" ", text)) if _distinctive_number(n)]
    return names, numbers


def _distinctive_number(number: str) -> bool:
    """Figures, amounts, scores and codes tell stories apart; single digits ("Liga 1",
    "3 tersangka") and years are shared by too many stories to count."""
    if number.isdigit():
        return len(number) > 1 and not (len(number) == 4 and 1900 <= int(number) <= 2100)
    return True


# A number as written, kept whole: "18.000", "1,45", "3-2", "2x60".
_NUMBER = re.compile(r"\d+(?:[.,:/x-]\d+)*")

# "Selasa (24/11)", "(24/11/2026)": the report date, shared by every story of that day.
_REPORT_DATE = re.compile(r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")


class _HashCache(dict):
    """crc32 of tokens, remembered: news vocabulary repeats, and hashing in Python per
    token was most of the cost. Cleared when it grows past a bound."""
    LIMIT = 500_000

    def __missing__(self, token: str) -> int:
        if len(self) > self.LIMIT:
            self.clear()
        value = self[token] = zlib.crc32(token.encode("utf-8"))
        return value


_HASHES = _HashCache()


def _hashes(tokens: list[str]) -> np.ndarray:
    return np.fromiter(map(_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _shingle_hashes(token_hashes: np.ndarray, k: int) -> np.ndarray:
    n = len(token_hashes) - k + 1
    if n <= 0:
        return token_hashes
    h = token_hashes[:n].copy()
    for j in range(1, k):
        h = (h * np.uint64(1_000_003) + token_hashes[j:j + n]) & np.uint64(0xFFFFFFFF)
    return h


def _minhash(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Min over the values of each permutation h(x) = ((a·x + b) mod 2^64) >> 33:
    multiply-shift hashing (a odd), which needs no modulo; results stay below EMPTY."""
    if len(values) == 0:
        return np.full(len(a), EMPTY, dtype=np.uint32)
    values = np.unique(values)
    return ((a[:, None] * values[None, :] + b[:, None]) >> np.uint64(33)).min(axis=1).astype(np.uint32)


def fingerprint(title: str, text: str) -> Fingerprint:
    body = normalise(f"{title}\n{text}")
    original = _TOKEN.findall(body)
    names, numbers = anchors_of(body, original)
    tokens = " ".join(original).lower().split()
    signature = np.concatenate([
        _minhash(_shingle_hashes(_hashes(tokens), SHINGLE), _A[:TEXT_PERMS], _B[:TEXT_PERMS]),
        _minhash(_hashes(sorted(set(names))), _A[TEXT_PERMS:], _B[TEXT_PERMS:]),
    ])
    distinct = np.unique(_hashes(numbers)).astype(np.uint32)
    slots = np.full(NUMBER_SLOTS, EMPTY, dtype=np.uint32)
    slots[: min(len(distinct), NUMBER_SLOTS)] = distinct[:NUMBER_SLOTS]
    return Fingerprint(signature, slots, len(distinct))


def fingerprint_raw(title: str, text: str) -> Fingerprint:
    """A fingerprint of text that did not come through extraction (`kabar cluster-texts`):
    cleaned first as the pipeline cleans bodies, so datelines, "Baca juga" lines and
    outlet labels in titles do not count as differences."""
    from transforms.clean import clean_body, clean_title

    return fingerprint(clean_title(title) or "", clean_body(text, title).body)


def _band_keys(signatures: np.ndarray):
    """One uint64 key array per band, over the text and the names parts, band by band
    (a million articles need 8 MB a band); an empty part never matches."""
    for start, width in ((0, TEXT_PERMS), (TEXT_PERMS, NAME_PERMS)):
        empty = np.nonzero((signatures[:, start:start + width] == EMPTY).all(axis=1))[0]
        for band_start in range(start, start + width, ROWS):
            key = np.zeros(len(signatures), dtype=np.uint64)
            for column in range(band_start, band_start + ROWS):
                key = key * np.uint64(0x9E3779B1) + signatures[:, column].astype(np.uint64)
            key[empty] = np.uint64(1 << 63) + empty.astype(np.uint64)  # unique keys: no bucket
            yield key


def candidate_pairs(signatures: np.ndarray) -> np.ndarray:
    """(m, 2) index pairs that share a band, each linked to its predecessor in the bucket:
    a chain connects a bucket without its quadratic pair count, and the other bands give
    the links a failed verification breaks."""
    pairs = []
    for band_key in _band_keys(signatures):
        order = np.argsort(band_key, kind="stable")
        sorted_keys = band_key[order]
        same = np.nonzero(sorted_keys[1:] == sorted_keys[:-1])[0]
        pairs.append(np.stack([order[same], order[same + 1]], axis=1))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    found = np.concatenate(pairs).astype(np.int64)
    low, high = found.min(axis=1), found.max(axis=1)
    packed = np.unique(low * len(signatures) + high)  # one int64 per pair: a fast 1-d unique
    return np.stack([packed // len(signatures), packed % len(signatures)], axis=1)


def _agreement(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    agree = (a == b).mean(axis=1)
    agree[(a == EMPTY).all(axis=1) | (b == EMPTY).all(axis=1)] = 0.0
    return agree


def number_evidence(prints: Fingerprints, pairs: np.ndarray, rule: DuplicateRule = RULE) -> np.ndarray:
    """Per pair: 0 numbers disagree, 1 weak evidence (few or none to compare), 2 strong.
    Shared numbers are counted on the 16-slot sketches, exactly for up to 16 numbers."""
    a, b = prints.numbers[pairs[:, 0]], prints.numbers[pairs[:, 1]]
    shared = ((a[:, :, None] == b[:, None, :]) & (a[:, :, None] != EMPTY)).sum(axis=(1, 2))
    smaller = np.minimum(np.minimum(prints.number_counts[pairs[:, 0]], prints.number_counts[pairs[:, 1]]), NUMBER_SLOTS)
    evidence = np.where(shared >= rule.strong_numbers, 2, 1)
    evidence[(smaller > 0) & (shared < rule.numbers_contained * smaller)] = 0
    return evidence


def verify(prints: Fingerprints, pairs: np.ndarray, rule: DuplicateRule = RULE) -> np.ndarray:
    """The candidate pairs that are duplicates (as an (k, 2) array)."""
    if len(pairs) == 0:
        return pairs
    a, b = prints.signatures[pairs[:, 0]], prints.signatures[pairs[:, 1]]
    text = _agreement(a[:, :TEXT_PERMS], b[:, :TEXT_PERMS])
    names = _agreement(a[:, TEXT_PERMS:], b[:, TEXT_PERMS:])
    strong_ok = (text >= rule.text_min) | ((names >= rule.names_min) & (text >= rule.text_with_names))
    weak_ok = (text >= rule.text_min) & (names >= rule.names_weak)
    close = np.nonzero(strong_ok)[0]  # weak_ok implies strong_ok: numbers only for these
    evidence = number_evidence(prints, pairs[close], rule)
    keep = ((evidence == 2) & strong_ok[close]) | ((evidence == 1) & weak_ok[close])
    return pairs[close[keep]]


def cluster(prints: Fingerprints | list[Fingerprint], published: list[datetime | None] | None = None,
            rule: DuplicateRule = RULE) -> np.ndarray:
    """Cluster label per text: the index of the cluster's earliest member (by `published`,
    then position); a text with no duplicate is its own label."""
    if isinstance(prints, list):
        prints = Fingerprints.of(prints)
    n = len(prints)
    parent = np.arange(n)

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    if n > 1:
        for i, j in verify(prints, candidate_pairs(prints.signatures), rule):
            ri, rj = find(int(i)), find(int(j))
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    roots = np.array([find(i) for i in range(n)])
    if published is None:
        return roots
    rank = [(p is None, p.timestamp() if p else 0.0, i) for i, p in enumerate(published)]
    earliest: dict[int, int] = {}
    for i in range(n):
        r = roots[i]
        if r not in earliest or rank[i] < rank[earliest[r]]:
            earliest[r] = i
    return np.array([earliest[r] for r in roots])
