"""Content stems of words, for wording agreement that survives rewriting: a rewrite or a
machine translation keeps a story's content words but changes their affixes
("mengguncang" / "guncangan" / "diguncang"), swaps reporting verbs and synonyms
("mengatakan" / "menyatakan" / "ujar") and drops or adds function words.

A word's stem is Sastrawi's (the Nazief–Adriani stemmer with its Indonesian root
dictionary), put through a small table of synonyms news rewriters swap; function words
(Sastrawi's stop-word list) have none. Stems are looked up by word hash (the hashes of
transforms/dedup/tokens.py), so each distinct word is stemmed once per process: a news
vocabulary is a few hundred thousand words, and every later batch is one array lookup.
"""
from __future__ import annotations

import zlib

import numpy as np

NO_STEM = np.uint32(0xFFFFFFFF)  # a function word, a number or a word too short to count
MIN_STEM_LETTERS = 3

# Reporting verbs ("mengatakan", "ujarnya", "menuturkan"): every story has them and a
# rewriter swaps them freely, so they count as function words.
REPORTING_VERBS = "kata ujar nyata tutur ucap sebut ungkap papar terang imbuh tambah klaim aku tegas".split()
# Words rewriters swap for one another in Indonesian news, by their stems: the first of
# each group that is no stop word stands for all. Kept small and unambiguous in news use.
SYNONYMS = [
    "tangkap bekuk ringkus cokok",
    "naik tingkat lonjak",
    "turun rosot",
    "warga masyarakat",
    "picu sebab akibat",
    "gempa lindu",
    "tanding laga",
    "tewas wafat",
    "cedera luka",
    "rusak hancur",
    "pekan minggu",
    "usai seusai sesudah setelah",
]


class StemTable:
    """Word hash → stem hash (NO_STEM for words that carry no content), filled lazily."""

    def __init__(self) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
        from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

        self._stemmer = StemmerFactory().create_stemmer()
        self._stop = set(StopWordRemoverFactory().get_stop_words())
        self._stop |= set(REPORTING_VERBS)
        self._canonical = {}
        for group in SYNONYMS:
            words = group.split()
            self._canonical |= dict.fromkeys(words, next((w for w in words if w not in self._stop), None))
        self._keys = np.empty(0, dtype=np.uint64)  # sorted word hashes
        self._values = np.empty(0, dtype=np.uint32)

    def stem(self, word: str) -> str | None:
        word = word.lower()
        if word in self._canonical:  # "naik" is on the stop list, but not "meningkat"
            return self._canonical[word]
        if word in self._stop or not word.isalpha():
            return None
        stem = self._stemmer.stem(word)
        stem = self._canonical.get(stem, stem)
        return None if stem is None or len(stem) < MIN_STEM_LETTERS or stem in self._stop else stem

    def stem_hashes(self, word_hashes: np.ndarray, word_strings) -> np.ndarray:
        """Stem hashes (uint32, below 2**31; NO_STEM for none) of words given by hash;
        `word_strings(indices)` gives the words at those indices, asked only for the
        words never seen before."""
        found, known = self._lookup(word_hashes)
        unknown = np.nonzero(~known)[0]
        if len(unknown):
            new_keys, first = np.unique(word_hashes[unknown], return_index=True)
            words = word_strings(unknown[first])
            values = np.fromiter((_hash_stem(self.stem(w)) for w in words), dtype=np.uint32, count=len(words))
            keys = np.concatenate([self._keys, new_keys])
            order = np.argsort(keys, kind="stable")
            self._keys, self._values = keys[order], np.concatenate([self._values, values])[order]
            found, _ = self._lookup(word_hashes)
        return found

    def _lookup(self, word_hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(self._keys) == 0:
            return np.full(len(word_hashes), NO_STEM, dtype=np.uint32), np.zeros(len(word_hashes), dtype=bool)
        at = np.minimum(np.searchsorted(self._keys, word_hashes), len(self._keys) - 1)
        known = self._keys.take(at) == word_hashes
        return np.where(known, self._values.take(at), NO_STEM), known


def _hash_stem(stem: str | None) -> int:
    """A uniform 31-bit hash of a stem (bottom-k sketches need uniform values)."""
    if stem is None:
        return int(NO_STEM)
    return (zlib.crc32(stem.encode("utf-8")) * 0x9E3779B1 & 0xFFFFFFFF) >> 1


_TABLE: StemTable | None = None


def table() -> StemTable:
    """The process's stem table (built on first use: Sastrawi's dictionary takes 20 ms)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = StemTable()
    return _TABLE
