"""Labelled near-duplicate pairs made from real Indonesian articles (held out from tuning).

The shared benchmark's id-2016 gold bodies (26 articles from nine outlets, 2015–2017) are
the originals; the copies are made here, in memory (the benchmark's text is not copied
into the project), by code written apart from bench/make_dedupe_pairs.py:

- syndicated: another outlet's dateline, a "Baca juga" line, its footer and title label;
- partial: the first two fifths of the sentences under another dateline;
- rewrite: sentences of each paragraph reordered, words swapped for synonyms, one dropped;
- translated: a heavier rewrite as machine translation leaves it: synonyms, dropped
  particles, decimal and thousands separators flipped, "kata X" turned around;
- next-day (negative): the same wording with every figure changed, as a daily report
  or a recurring story reads the next day (articles with at least three figures that are
  not years or single digits);
- other-article (negative): two different articles of one outlet;
- translated-sample: the Pahami.id sample (shared/reference), a story machine-translated
  and back, against its original as I reconstructed it in fluent Indonesian
  (bench/pahami_original_reconstructed.txt; the real original is not in the references).
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "benchmarks" / "extraction" / "id-2016" / "gold.jsonl"
PAHAMI = SHARED / "reference" / "pahami-sample-article.txt"
PAHAMI_ORIGINAL = Path(__file__).parent / "pahami_original_reconstructed.txt"

SYNONYMS = {
    "mengatakan": "menyatakan", "ujar": "kata", "kata": "ujar", "namun": "tetapi", "tetapi": "namun",
    "sangat": "amat", "telah": "sudah", "sudah": "telah", "akan": "bakal", "juga": "pula", "saat": "ketika",
    "ketika": "saat", "karena": "sebab", "membuat": "menjadikan", "besar": "tinggi", "banyak": "sejumlah",
    "hanya": "cuma", "agar": "supaya", "menurut": "kata", "para": "sejumlah", "pihak": "kalangan",
    "mengungkapkan": "menyebutkan", "menjelaskan": "memaparkan", "bahwa": "jika", "bisa": "dapat",
    "dapat": "bisa", "kemudian": "lalu", "lalu": "kemudian", "masih": "tetap", "setelah": "usai",
    "sebelum": "sebelumnya", "tersebut": "itu", "ini": "tersebut", "kini": "sekarang", "harus": "wajib",
}
DROPPABLE = {"yang", "pun", "lah", "nya", "itu", "pula", "adalah"}
DATELINES = ["JAKARTA, KOMPAS.com - ", "Jakarta, CNN Indonesia -- ", "TRIBUNNEWS.COM, JAKARTA - ",
             "Liputan6.com, Jakarta - ", "JAKARTA, ANTARA - "]
FOOTERS = ["Artikel ini telah tayang di Kompas.com.", "(Antara)", "Editor: Sri Rahayu",
           "Simak berita lainnya di Google News.", "Baca berita terkini lainnya di Tribunnews.com."]
_DATELINE = re.compile(r"^[^\n]{0,60}?\s(?:--|[-\u2013\u2014])\s+")  # "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA News) - "
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _originals() -> list[dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if len(r["body"].split()) >= 40 and not r["url"].startswith("http://en.")]


def _sentences(body: str) -> list[list[str]]:
    return [_SENTENCE.split(p) for p in body.split("\n") if p.strip()]


def _swap_words(text: str, rng: random.Random, share: float, drop: bool) -> str:
    out = []
    for word in text.split(" "):
        bare = word.strip(".,;:!?\"“”").lower()
        if drop and bare in DROPPABLE and rng.random() < 0.6:
            continue
        if bare in SYNONYMS and rng.random() < share:
            word = word.replace(bare, SYNONYMS[bare]) if word.islower() else word
        out.append(word)
    return " ".join(out)


def _flip_separators(text: str) -> str:
    return _FIGURE.sub(lambda m: m.group().translate(str.maketrans(".,", ",.")), text)


def _redateline(lead: str, rng: random.Random) -> str:
    """The lead under another outlet's dateline, in place of its own."""
    return rng.choice(DATELINES) + _DATELINE.sub("", lead, count=1)


def syndicated(article: dict, other: dict, rng: random.Random) -> tuple[str, str]:
    paragraphs = article["body"].split("\n")
    cut = max(1, len(paragraphs) // 2)
    body = "\n".join([_redateline(paragraphs[0], rng)] + paragraphs[1:cut] + [f"Baca juga: {other['title']}"]
                     + paragraphs[cut:] + [rng.choice(FOOTERS)])
    return article["title"] + rng.choice([" - Tribunnews.com", " | Republika Online", ""]), body


def partial(article: dict, rng: random.Random) -> tuple[str, str]:
    sentences = [s for p in _sentences(article["body"]) for s in p]
    keep = max(3, round(len(sentences) * 0.4))
    return article["title"], _redateline(" ".join(sentences[:keep]), rng)


def rewrite(article: dict, rng: random.Random) -> tuple[str, str]:
    paragraphs = []
    for sentences in _sentences(article["body"]):
        sentences = sentences[:]
        rng.shuffle(sentences)
        paragraphs.append(" ".join(_swap_words(s, rng, 0.7, drop=False) for s in sentences))
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    return _swap_words(article["title"], rng, 1.0, drop=False), "\n".join(paragraphs)


def translated(article: dict, rng: random.Random) -> tuple[str, str]:
    body = re.sub(r"(\"[^\"]+\"),? (?:kata|ujar) ([A-Z]\w+)", r"\2 mengatakan \1", article["body"])
    body = _flip_separators(_swap_words(body, rng, 1.0, drop=True))
    return _swap_words(article["title"], rng, 1.0, drop=True), body


def _figure_that_changes(figure: str) -> bool:
    """Not a year (the next day is in the same year) nor a single digit (a text that
    differs in one "3" is a correction of itself, not another story)."""
    digits = re.sub(r"\D", "", figure)
    return len(digits) > 1 and not (len(digits) == 4 and 1900 <= int(digits) <= 2100)


def next_day(article: dict, rng: random.Random) -> tuple[str, str] | None:
    if len({f for f in _FIGURE.findall(article["body"]) if _figure_that_changes(f)}) < 3:
        return None

    changed: dict[str, str] = {}  # one figure changes alike wherever it stands

    def change(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group())
        if not _figure_that_changes(match.group()):
            return match.group()
        if match.group() not in changed:
            changed[match.group()] = str(int(digits) + rng.randint(1, 9) * 10 ** max(0, len(digits) - 2))
        return changed[match.group()]

    return article["title"], _FIGURE.sub(change, article["body"])


def pairs(seed: int = 2016) -> list[dict]:
    rng = random.Random(seed)
    articles = _originals()
    out = []

    def original(article: dict) -> dict:  # one id an original: it meets every copy in one corpus
        return {"id": f"original-{articles.index(article)}", "title": article["title"], "text": article["body"]}

    def add(kind: str, label: bool, a: dict, b: tuple[str, str] | dict, n: int) -> None:
        copy = b if isinstance(b, dict) else {"id": f"{kind}-{n}", "title": b[0], "text": b[1]}
        out.append({"kind": kind, "label": label, "a": original(a), "b": copy})

    for n, article in enumerate(articles):
        other = articles[(n + 1) % len(articles)]
        add("syndicated", True, article, syndicated(article, other, rng), n)
        add("partial", True, article, partial(article, rng), n)
        add("rewrite", True, article, rewrite(article, rng), n)
        add("translated", True, article, translated(article, rng), n)
        later = next_day(article, rng)
        if later:
            add("next-day", False, article, later, n)
    by_outlet: dict[str, list[dict]] = {}
    for article in articles:
        by_outlet.setdefault(re.sub(r"^https?://(?:[^/]+\.)?([^./]+)\.(?:com|co\.id|co)/.*", r"\1", article["url"]), []).append(article)
    n = 0
    for group in by_outlet.values():
        for a, b in zip(group, group[1:]):
            add("other-article", False, a, original(b), n)
            n += 1
    if PAHAMI.exists():
        out.append({"kind": "translated-sample", "label": True,
                    "a": {"id": "pahami-original", "title": "Lavrov dan Rubio Sepakat Hapus Hambatan Hubungan Rusia-AS",
                          "text": PAHAMI_ORIGINAL.read_text(encoding="utf-8")},
                    "b": {"id": "pahami", "title": "Lavrov dan Rubio setuju untuk menghilangkan hambatan",
                          "text": PAHAMI.read_text(encoding="utf-8")}})
    return out
