"""Words and numbers of many texts at once, hashed with numpy over their UTF-8 bytes.

Near-duplicate fingerprints need every word of every article hashed. Per word in Python
that was most of their cost, and per text in numpy the cost of each call on a short
array; so a batch of texts is joined into one byte array (a line break between texts)
and every step is one array operation for the whole batch.

A word is a run of ASCII letters, digits, `_` and non-ASCII characters other than symbols
(curly quotes, dashes, ellipsis, no-break space, emoji): `\\w+` for Indonesian news text.
Its hash is of the ASCII-lowercased word, so "KPK" and "kpk" are one word. A number is
digits joined by single separators (`18.000`, `1,45`, `3-2`, `24/11`, `2x60`), hashed
without its `.` and `,`, so "18.000" = "18,000" and "2,5" = "2.5" (translation flips them),
and an amount without its outer zeros, so "Rp 95.000" = "Rp95 ribu".
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from transforms.dates import MONTHS

_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _table(members, dtype=bool, value=True) -> np.ndarray:
    table = np.zeros(256, dtype=dtype)
    table[[ord(m) if isinstance(m, str) else m for m in members]] = value
    return table


_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
_DIGITS = [chr(c) for c in range(ord("0"), ord("9") + 1)]
_WORD_BYTE = _table(_LETTERS + _DIGITS + ["_"] + list(range(0x80, 0x100)))
_DIGIT = _table(_DIGITS)
_NUMBER_JOINER = _table(".,:/x-")
_DROPPED_IN_NUMBERS = _table(".,")
_HAS_LOWER, _HAS_NON_ALPHA = 1, 2  # bits of _BYTE_FLAGS, or-ed over a word's bytes
_BYTE_FLAGS = _table([chr(c) for c in range(ord("a"), ord("z") + 1)], np.uint8, _HAS_LOWER) \
    | _table(_DIGITS + ["_"], np.uint8, _HAS_NON_ALPHA)  # a word with digits or "_" is no name
_FOLD = np.arange(256, dtype=np.uint64)
_FOLD[ord("A"):ord("Z") + 1] += 32
_BLANK = _table(" \t\r\x0b\x0c")  # skipped when looking back for a sentence end; "\n" is not
_SENTENCE_END = _table('.!?"\n')
_SOFT_WRAP = _table([chr(c) for c in range(ord("a"), ord("z") + 1)] + [",", ";"])
_CURLY_QUOTES = (("“".encode(), b'  "'), ("”".encode(), b'  "'))  # same length: offsets hold


class _Powers:
    """BASE**i and BASE**-i modulo 2**64 for byte offsets i, grown as batches need.
    A token's hash is sum(byte_j · BASE**j) over its offsets j, times BASE**-start: one
    multiply per byte and one per token, the same wherever the token stands."""

    def __init__(self) -> None:
        self.up = self.down = np.ones(0, dtype=np.uint64)

    def ensure(self, n: int) -> None:
        if n <= len(self.up):
            return
        size = max(n, 2 * len(self.up), 1 << 16)
        one = np.ones(1, dtype=np.uint64)
        self.up, self.down = (np.concatenate((one, np.multiply.accumulate(np.full(size - 1, factor, dtype=np.uint64))))
                              for factor in (_BASE, pow(_BASE, -1, 2**64)))


_POWERS = _Powers()


@dataclass
class Tokens:
    """Tokens of a batch of texts, in order; `per_text[i]:per_text[i + 1]` are text i's."""
    hashes: np.ndarray  # uint64 below 2**32
    starts: np.ndarray  # byte offsets in `data`
    ends: np.ndarray
    text: np.ndarray  # index of the token's text
    per_text: np.ndarray  # len(texts) + 1 offsets into the tokens
    data: np.ndarray  # the batch's bytes
    text_starts: np.ndarray  # len(texts) + 1 byte offsets of the texts in `data`

    def strings(self, chosen: np.ndarray | None = None) -> list[str]:
        """The tokens' text: all of them, those of a bool mask, or those at indices."""
        if chosen is None:
            chosen = np.arange(len(self.starts))
        elif chosen.dtype == bool:
            chosen = np.nonzero(chosen)[0]
        raw = self.data.tobytes()
        return [raw[self.starts[i]:self.ends[i]].decode("utf-8", "replace") for i in chosen.tolist()]


@dataclass
class Words(Tokens):
    capitalised: np.ndarray  # bool: starts with A-Z
    all_capitals: np.ndarray  # bool: no a-z in it
    alphabetic: np.ndarray  # bool: no digit or "_"
    opens_sentence: np.ndarray  # bool: first of its text, or after . ! ? " “ ” or a line break (not a wrap)


@dataclass
class Numbers(Tokens):
    distinctive: np.ndarray  # bool: not a single digit or a year (shared by too many stories)
    date: np.ndarray  # bool: a day ("24/11", "(24/11/2026)"), hashed as its day and month


def _join(texts: list[bytes]) -> tuple[bytes, np.ndarray]:
    """The texts as one byte string, a line break after each; and each text's start."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    return b"\n".join(texts) + b"\n", np.concatenate(([0], np.cumsum(lengths)))


def _runs(member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    padded = np.zeros(len(member) + 2, dtype=np.int8)
    padded[1:-1] = member
    edges = padded[1:] - padded[:-1]
    return np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]


def _hash_runs(at: np.ndarray, first: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Hash per token: `at` are the positions of the tokens' hashed bytes in order, `first`
    the index in `at` where each token begins, `values` the byte values to hash."""
    _POWERS.ensure(int(at[-1]) + 1)
    sums = np.add.reduceat(values * _POWERS.up.take(at), first)
    return (sums * _POWERS.down.take(at.take(first)) * _MIX) >> np.uint64(32)


def _tokens(starts: np.ndarray, text_starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    per_text = np.searchsorted(starts, text_starts)
    text = np.repeat(np.arange(len(text_starts) - 1), np.diff(per_text))
    return text, per_text


def words_of(texts: list[str]) -> Words:
    raw, text_starts = _join([t.encode("utf-8") for t in texts])
    for curly, plain in _CURLY_QUOTES:
        if curly in raw:
            raw = raw.replace(curly, plain)
    data = np.frombuffer(raw, dtype=np.uint8)
    word = _WORD_BYTE.take(data)  # .take: twice as fast as fancy indexing
    _mask_symbols(data, word)
    starts, ends = _runs(word)
    at = np.nonzero(word)[0]  # the word bytes, word after word
    first = np.searchsorted(at, starts)
    inside = data.take(at)
    if len(starts):
        hashes = _hash_runs(at, first, _FOLD.take(inside))
        flags = np.bitwise_or.reduceat(_BYTE_FLAGS.take(inside), first)
    else:
        hashes, flags = np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint8)
    initial = data.take(starts)
    text, per_text = _tokens(starts, text_starts)
    opens = _opens_sentence(data, starts)
    opens[per_text[:-1][np.diff(per_text) > 0]] = True  # each text's first word
    return Words(hashes, starts, ends, text, per_text, data, text_starts,
                 capitalised=(initial >= ord("A")) & (initial <= ord("Z")),
                 all_capitals=(flags & _HAS_LOWER) == 0, alphabetic=(flags & _HAS_NON_ALPHA) == 0,
                 opens_sentence=opens)


def _mask_symbols(data: np.ndarray, word: np.ndarray) -> None:
    """Characters led by C2 (Latin-1 symbols: no-break space, «, », °), E2 (U+2000–U+2FFF:
    dashes, ellipsis, €, arrows) and F0 (emoji) separate words, as in `\\w+`."""
    leads = np.nonzero(data >= 0xC2)[0]
    if len(leads) == 0:
        return
    last, lead = len(data) - 1, data.take(leads)
    for value, length in ((0xC2, 2), (0xE2, 3), (0xF0, 4)):
        at = leads[lead == value]
        for k in range(length):
            word[np.minimum(at + k, last)] = False


def _opens_sentence(data: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Whether the byte before each word, or the one before that after a blank, ends a
    sentence (. ! ? " or a line break: each text starts after one). A line break after a
    lower-case letter or a comma is a hard wrap inside a sentence (press releases, old
    pages), so the word after it is not taken for a sentence opener."""
    end = np.where(_BLANK.take(data.take(starts - 1, mode="clip")), starts - 2, starts - 1)
    mark = data.take(end, mode="clip")
    opens = _SENTENCE_END.take(mark)
    wrapped = (mark == ord("\n")) & _SOFT_WRAP.take(data.take(end - 1, mode="clip"))
    return opens & ~wrapped


def _day_hash(day: int, month: int) -> int | None:
    return zlib.crc32(b"day %d/%d" % (day, month)) if 1 <= day <= 31 and 1 <= month <= 12 else None


def _day(number: bytes) -> int | None:
    """A hash for a day written "24/11", "05/11" or "24/11/2026" (one per day, the year
    aside); None for any other number."""
    parts = number.split(b"/")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) > 2 or len(parts[1]) > 2:
        return None
    if len(parts) == 3 and len(parts[2]) not in (2, 4):
        return None
    return _day_hash(int(parts[0]), int(parts[1]))


def _day_named(number: bytes, following: bytes) -> int | None:
    """The same hash for "24 November 2026", "5 Nov", "24 Agustus": a day then a month name."""
    month = MONTHS.get(following.split(b" ", 1)[0].rstrip(b".,").decode("ascii", "replace").lower())
    return _day_hash(int(number), month) if month else None


def numbers_of(texts: list[str]) -> Numbers:
    raw, text_starts = _join([t.encode("utf-8") for t in texts])
    data = np.frombuffer(raw, dtype=np.uint8)
    digit = _DIGIT.take(data)
    # a joiner counts between two digits: "3-2" is one number, "3 - 2" and "Rp2," are not
    joined = np.zeros(len(data), dtype=bool)
    joined[1:-1] = _NUMBER_JOINER.take(data[1:-1]) & digit[:-2] & digit[2:]
    member = digit | joined
    starts, ends = _runs(member)
    text, per_text = _tokens(starts, text_starts)
    if len(starts) == 0:
        empty = np.empty(0, dtype=bool)
        return Numbers(np.empty(0, dtype=np.uint64), starts, ends, text, per_text, data, text_starts, empty, empty)
    # from here on, only the numbers' bytes: a few percent of the text
    at = np.nonzero(member)[0]
    first = np.searchsorted(at, starts)
    inside = data.take(at)
    lengths = ends - starts
    only_digits = np.add.reduceat(_DIGIT.take(inside).astype(np.int32), first) == lengths
    kept = ~_DROPPED_IN_NUMBERS.take(inside) & ~_outer_zeros(inside, first, lengths)  # "18.000" = "18000" = "18"
    before = (np.cumsum(kept) - kept).take(first)  # kept bytes before each number: where its own start
    hashes = _hash_runs(np.arange(int(kept.sum())), before, inside[kept].astype(np.uint64))
    four = np.clip(starts[:, None] + np.arange(4), 0, len(data) - 1)
    value = ((data.take(four).astype(np.int64) - ord("0")) * np.array([1000, 100, 10, 1])).sum(axis=1)
    year = only_digits & (lengths == 4) & (value >= 1900) & (value <= 2100)
    # days, however written, hash as day and month; a few a text, so Python will do
    date = np.zeros(len(starts), dtype=bool)
    with_slash = np.add.reduceat((inside == ord("/")).astype(np.int32), first) > 0
    for i in np.nonzero(with_slash)[0].tolist():
        if (day := _day(raw[starts[i]:ends[i]])) is not None:
            hashes[i], date[i] = day, True
    after = data.take(np.minimum(ends + 1, len(data) - 1))
    before_a_word = only_digits & (lengths <= 2) & (data.take(ends, mode="clip") == ord(" ")) \
        & (((after | 32) >= ord("a")) & ((after | 32) <= ord("z")))
    for i in np.nonzero(before_a_word)[0].tolist():
        if (day := _day_named(raw[starts[i]:ends[i]], raw[ends[i] + 1:ends[i] + 12])) is not None:
            hashes[i], date[i] = day, True
    return Numbers(hashes, starts, ends, text, per_text, data, text_starts,
                   distinctive=~(only_digits & ((lengths == 1) | year)) | date, date=date)


def _outer_zeros(inside: np.ndarray, first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The leading and trailing zeros of amounts (numbers of digits, "." and "," only):
    "Rp 95.000", "Rp95 ribu" and "95" are one figure to a rewriter, "07.42" and "7.42" one
    time. Scores, days and codes ("2-0", "24/11", "1x24") keep theirs."""
    run = np.repeat(np.arange(len(first)), lengths)
    plain = np.add.reduceat((_DIGIT.take(inside) | _DROPPED_IN_NUMBERS.take(inside)).astype(np.int32), first) == lengths
    significant = (inside >= ord("1")) & (inside <= ord("9"))
    position = np.arange(len(inside))
    first_significant = np.minimum.reduceat(np.where(significant, position, len(inside)), first)
    last_significant = np.maximum.reduceat(np.where(significant, position, -1), first)
    outer = (position < first_significant.take(run)) | (position > last_significant.take(run))
    return outer & plain.take(run) & (last_significant >= 0).take(run)


def hash_words(words: list[str]) -> np.ndarray:
    """The sorted hashes `words_of` gives these words (for `is_one_of`)."""
    return np.unique(words_of(words).hashes)


def is_one_of(hashes: np.ndarray, known: np.ndarray) -> np.ndarray:
    """`np.isin` for a short sorted `known`, without its setup cost per call."""
    at = np.minimum(np.searchsorted(known, hashes), len(known) - 1)
    return known.take(at) == hashes
