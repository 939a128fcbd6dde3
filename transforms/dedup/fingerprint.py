"""What near-duplicate detection keeps of a text: a row of `Fingerprints`, of fixed size.

- `signatures`: MinHash over word 3-grams of the normalised title and body (text part)
  and over its names (names part), for LSH candidates and the text agreement estimate;
- `names`: the smallest hashes of its distinct names in the body (capitalised words that
  do not open a sentence, acronyms; not the title's words, which are all capitalised) —
  the whole set for up to 32 names — which survive paraphrase and machine translation,
  and which a syndicated copy keeps;
- `numbers`: the same for its numbers (figures, amounts, scores, codes, written without
  thousands or decimal separators) and days, which are what differs between two stories
  cut from one template (two daily market reports, one minister on two days). A day
  ("24/11", "(24/11/2026)", "24 November") hashes as day and month, in its own range
  (below DAYS_BELOW, so a sketch full of figures still keeps its days): days count when
  numbers must agree, not as shared figures, as every story of a day shares its date;
- `stems`: the smallest hashes of its distinct content stems (transforms/dedup/stems.py):
  the wording a rewrite keeps when it changes every phrase, order-free, and a sample that
  estimates containment as well as Jaccard;
- `title`: the same for the title's stems;
- `title_names`: the names its title gives that its body uses as names (a title is in
  title case, so its own capitals say nothing), hashed as `names` are: the key names a
  copy or a rewrite keeps and a story cut from the same template swaps;
- `stem_bits`: a Bloom filter of all its content stems (two bits a stem of STEM_BITS), to
  ask whether the other text of a pair names what a title names: a rewrite is about the
  key names and things its title gives, two stories cut from one template are not;
- `counts`: 3-grams, distinct names, distinct numbers and days, distinct stems, title stems.

Sketch slots are sorted, unused ones hold PAD; MinHash values are below 2**31. Texts are
fingerprinted in batches (transforms/dedup/tokens.py says why).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from transforms.dedup import stems as stem_table
from transforms.dedup.tokens import Words, hash_words, is_one_of, numbers_of, words_of

TEXT_PERMS, NAME_PERMS = 64, 16  # powers of two: bins of one-permutation MinHash
SIGNATURE = TEXT_PERMS + NAME_PERMS
NAME_SLOTS, NUMBER_SLOTS, STEM_SLOTS, TITLE_SLOTS = 32, 16, 64, 8
STEM_BITS = 1024  # Bloom filter bits: about 6 % false hits at a news article's 150 stems
SHINGLE = 3
PAD = np.uint32(0xFFFFFFFF)
DAYS_BELOW = 1 << 24  # number-sketch values below this are days; figures are above
BATCH_CHARACTERS = 1 << 20  # texts fingerprinted together: one array operation per step
MAX_TEXT_CHARACTERS = 200_000  # a longer text is fingerprinted by its start: bounded memory, any input

_rng = np.random.default_rng(20261128)
# (odd multiplier, offset) of the multiply-shift hash of the text and of the names part
_TEXT_HASH, _NAME_HASH = (tuple(np.uint64(v) for v in (_rng.integers(0, 2**62) * 2 + 1, _rng.integers(0, 2**63)))
                          for _ in range(2))
_PROBES = _rng.integers(0, 2**31, size=(32, max(TEXT_PERMS, NAME_PERMS)))  # bin choices for densification

_COMMON_CAPITALISED = hash_words(
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september "
    "oktober november desember jakarta the a di ke dari dan yang itu ini pada untuk dalam".split()
)


@dataclass
class Fingerprints:
    """Fingerprints of many texts as arrays, a row a text: 980 bytes an article, a million
    in about 980 MB."""
    signatures: np.ndarray  # (n, SIGNATURE) uint32: text then names MinHash
    names: np.ndarray  # (n, NAME_SLOTS) uint32
    numbers: np.ndarray  # (n, NUMBER_SLOTS) uint32
    stems: np.ndarray  # (n, STEM_SLOTS) uint32
    title: np.ndarray  # (n, TITLE_SLOTS) uint32
    title_names: np.ndarray  # (n, TITLE_SLOTS) uint32
    stem_bits: np.ndarray  # (n, STEM_BITS // 32) uint32
    counts: np.ndarray  # (n, 5) int32: 3-grams, names, numbers and days, stems, title stems

    FIELDS = ("signatures", "names", "numbers", "stems", "title", "title_names", "stem_bits", "counts")

    @classmethod
    def concatenate(cls, parts: list["Fingerprints"]) -> "Fingerprints":
        return cls(*(np.concatenate([getattr(p, field) for p in parts]) for field in cls.FIELDS))

    def __len__(self) -> int:
        return len(self.signatures)


def normalise(text: str) -> str:
    text = text or ""
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def name_mask(words: Words) -> np.ndarray:
    """Names: capitalised alphabetic words that do not open a sentence (acronyms may),
    other than days, months and a few capitalised function words."""
    return (words.capitalised & words.alphabetic & (~words.opens_sentence | words.all_capitals)
            & ~is_one_of(words.hashes, _COMMON_CAPITALISED))


def anchors_of(text: str) -> tuple[list[str], list[str]]:
    """(names, numbers) as strings, for reading what a fingerprint keeps as hashes."""
    text = normalise(text)
    words, numbers = words_of([text]), numbers_of([text])
    return [n.lower() for n in words.strings(name_mask(words))], numbers.strings(numbers.distinctive)


def fingerprints(items: Iterable[tuple[str, str]]) -> Fingerprints:
    """Fingerprints of (title, body) pairs, in order, about a megabyte of text at a time."""
    parts, batch, titles, size = [], [], [], 0
    for title, text in items:
        titles.append(normalise(title or ""))
        batch.append(normalise(f"{title or ''}\n{text or ''}"[:MAX_TEXT_CHARACTERS]))
        size += len(batch[-1])
        if size >= BATCH_CHARACTERS:
            parts.append(_fingerprint_batch(batch, titles))
            batch, titles, size = [], [], 0
    if batch or not parts:
        parts.append(_fingerprint_batch(batch, titles))
    return Fingerprints.concatenate(parts)


def fingerprints_raw(items: Iterable[tuple[str, str]]) -> Fingerprints:
    """Fingerprints of texts that did not come through extraction (`kabar cluster-texts`):
    cleaned first as the pipeline cleans bodies, so datelines, "Baca juga" lines and
    outlet labels in titles do not count as differences."""
    from transforms.extraction.clean import clean_body, clean_title

    return fingerprints((clean_title(title) or "", clean_body(text, title).body) for title, text in items)


def stems_of(words: Words) -> np.ndarray:
    """Each word's stem hash (stems.NO_STEM for a function word)."""
    return stem_table.table().stem_hashes(words.hashes, words.strings)


def _stem_sketch(words: Words, n: int, slots: int, with_bits: bool = False):
    stems = stems_of(words)
    content = stems != stem_table.NO_STEM
    sketch, counts = _smallest(stems[content].astype(np.uint64), words.text[content], n, slots)
    if not with_bits:
        return sketch, counts
    return sketch, counts, stem_bloom(stems[content], words.text[content], n)


def _title_names(title_words: Words, name_hashes: np.ndarray, name_text: np.ndarray, n: int) -> np.ndarray:
    """(n, TITLE_SLOTS) sketch of each title's words that are names in the text's body."""
    def keyed(text: np.ndarray, hashes: np.ndarray) -> np.ndarray:  # one key per (text, word)
        return (text.astype(np.uint64) << np.uint64(32)) | hashes

    in_body = np.isin(keyed(title_words.text, title_words.hashes), keyed(name_text, name_hashes))
    return _smallest(title_words.hashes[in_body] >> np.uint64(1), title_words.text[in_body], n, TITLE_SLOTS)[0]


def _in_title_line(words: Words) -> np.ndarray:
    """Whether each word is on its text's first line (the title, in `fingerprints`): before
    the first line break at or after its text's start (each text ends in one)."""
    breaks = np.flatnonzero(words.data == ord("\n"))
    first_break = breaks[np.searchsorted(breaks, words.text_starts[:-1])]
    return words.starts < first_break[words.text]


def bloom_positions(stems: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two bits of each stem hash in a STEM_BITS filter (from its low and next bits)."""
    stems = stems.astype(np.uint64)
    mask = np.uint64(STEM_BITS - 1)
    return (stems & mask).astype(np.intp), ((stems >> np.uint64(10)) & mask).astype(np.intp)


def stem_bloom(stems: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    bits = np.zeros(n * (STEM_BITS // 32), dtype=np.uint32)
    for position in bloom_positions(stems):
        np.bitwise_or.at(bits, owner * (STEM_BITS // 32) + (position >> 5), (np.uint32(1) << (position & 31).astype(np.uint32)))
    return bits.reshape(n, STEM_BITS // 32)


def _fingerprint_batch(bodies: list[str], titles: list[str]) -> Fingerprints:
    n = len(bodies)
    words = words_of(bodies)
    shingles, shingle_text = _shingles(words, n)
    names = name_mask(words) & ~_in_title_line(words)  # a title capitalises every word
    numbers = numbers_of(bodies)
    distinctive = numbers.distinctive
    number_values = np.where(numbers.date, numbers.hashes & np.uint64(DAYS_BELOW - 1),
                             (numbers.hashes >> np.uint64(1)) | np.uint64(DAYS_BELOW))
    name_sketch, name_counts = _smallest(words.hashes[names] >> np.uint64(1), words.text[names], n, NAME_SLOTS)
    number_sketch, number_counts = _smallest(number_values[distinctive], numbers.text[distinctive], n, NUMBER_SLOTS)
    signatures = np.concatenate([_minhash(shingles, shingle_text, n, _TEXT_HASH, TEXT_PERMS),
                                 _minhash(words.hashes[names], words.text[names], n, _NAME_HASH, NAME_PERMS)], axis=1)
    stem_sketch, stem_counts, stem_bits = _stem_sketch(words, n, STEM_SLOTS, with_bits=True)
    title_words = words_of(titles)
    title_sketch, title_counts = _stem_sketch(title_words, n, TITLE_SLOTS)
    title_names = _title_names(title_words, words.hashes[names], words.text[names], n)
    counts = np.stack([np.bincount(shingle_text, minlength=n), name_counts, number_counts, stem_counts, title_counts],
                      axis=1).astype(np.int32)
    return Fingerprints(signatures, name_sketch, number_sketch, stem_sketch, title_sketch, title_names, stem_bits, counts)


def _shingles(words: Words, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of each text's runs of SHINGLE words, and their texts; a text shorter than
    that gives its words. Repeated 3-grams are kept: rare in news, and unique() costs."""
    h, text = words.hashes, words.text
    joined = h[: len(h) - SHINGLE + 1].copy() if len(h) >= SHINGLE else np.empty(0, dtype=np.uint64)
    for j in range(1, SHINGLE):
        joined = (joined * np.uint64(1_000_003) + h[j:j + len(joined)]) & np.uint64(0xFFFFFFFF)
    within = text[: len(joined)] == text[SHINGLE - 1:]  # first and last word in one text
    short = (np.diff(words.per_text) < SHINGLE)[text]
    return np.concatenate([joined[within], h[short]]), np.concatenate([text[: len(joined)][within], text[short]])


def _minhash(values: np.ndarray, owner: np.ndarray, n: int, hash_: tuple[np.uint64, np.uint64], bins: int) -> np.ndarray:
    """(n, bins) one-permutation MinHash with optimal densification (Shrivastava 2017):
    each value is hashed once, h = (a·x + b) mod 2^64; its top bits pick one of `bins`
    (a power of two) and the next 31 are its value; a bin keeps its least value. An empty
    bin copies the bin that a fixed sequence of probes finds first filled, the same for
    every text, so two signatures agree in a bin with probability the sets' Jaccard
    similarity. One multiply per value, not one per value and bin."""
    signatures = np.full(n * bins, PAD, dtype=np.uint32)
    bin_shift = np.uint64(64 - (bins.bit_length() - 1))
    h = values * hash_[0] + hash_[1]
    np.minimum.at(signatures, owner * bins + (h >> bin_shift).astype(np.intp),
                  ((h >> (bin_shift - np.uint64(31))) & np.uint64(0x7FFFFFFF)).astype(np.uint32))
    signatures = signatures.reshape(n, bins)
    rows, columns = np.nonzero(signatures == PAD)
    keep = (signatures != PAD).any(axis=1)[rows]  # an empty text stays all PAD
    rows, columns = rows[keep], columns[keep]
    if len(rows) == 0:
        return signatures
    original = signatures.copy()
    for probes in _PROBES:
        source = probes[columns] % bins
        value = original[rows, source]
        found = value != PAD
        signatures[rows[found], columns[found]] = value[found]
        rows, columns = rows[~found], columns[~found]
        if len(rows) == 0:
            return signatures
    signatures[rows, columns] = original.min(axis=1)[rows]  # a text of very few 3-grams
    return signatures


def _smallest(values: np.ndarray, owner: np.ndarray, n: int, slots: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, slots) bottom-k sketches: per text the `slots` smallest distinct values (below
    2**31), PAD-filled; and per text the number of distinct values."""
    keys = np.unique((owner.astype(np.uint64) << np.uint64(32)) | values)
    own = (keys >> np.uint64(32)).astype(np.intp)
    rank = np.arange(len(keys)) - np.searchsorted(own, np.arange(n)).take(own)
    keep = rank < slots
    sketches = np.full((n, slots), PAD, dtype=np.uint32)
    sketches[own[keep], rank[keep]] = (keys[keep] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return sketches, np.bincount(own, minlength=n)
