"""Write bench/dedupe_pairs.jsonl: labelled pairs of Indonesian news texts for measuring
near-duplicate detection (python bench/make_dedupe_pairs.py; fixed seed).

Positives (label 1): syndicated copies with another outlet's dateline and boilerplate;
partial copies; rewrites with swapped words and reordered sentences; machine-translation-
like paraphrases. Hard negatives (label 0): two stories cut from one template (two daily
market reports, two flood reports), and one minister's meetings on two different days.
The stories come from the offline mirror's story templates; none is a real event.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from tools.mirror.stories import KINDS, make_story

OUT = Path(__file__).parent / "dedupe_pairs.jsonl"
DATELINES = ["Jakarta, CNN Indonesia --", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "TRIBUNNEWS.COM, JAKARTA -",
             "Jakarta, Pahami.id \u2013", "TEMPO.CO, Jakarta -", "Liputan6.com, Jakarta -"]
BOILERPLATE = ["Baca juga: Berita lain yang sedang ramai hari ini", "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
               "Artikel ini telah tayang di Antaranews.com", "(Sumber: ANTARA)", "Ikuti kami di Google News."]
# Light rewrites: words an editor swaps without changing the story.
SWAPS = {"mengatakan": "menyatakan", "kata": "ujar", "ujarnya": "katanya", "naik": "meningkat", "turun": "menurun",
         "pemerintah": "pihak pemerintah", "sejumlah": "beberapa", "sekitar": "kurang lebih", "meminta": "mengimbau",
         "menyebut": "mengungkapkan", "warga": "masyarakat", "pekan": "minggu", "besar": "tinggi", "menilai": "berpendapat"}
# Machine-translation-like paraphrase (the Pahami.id sample reads so): heavier swaps and function words changed.
MT = dict(SWAPS, **{"dalam": "di dalam", "yang": "yang mana", "untuk": "guna", "telah": "sudah", "akan": "bakal",
                    "karena": "sebab", "tetapi": "namun", "juga": "pula", "dengan": "bersama", "bahwa": "kalau",
                    "menjadi": "jadi", "tersebut": "itu", "oleh": "dari", "kepada": "ke", "agar": "supaya"})


def days(rng):
    day = rng.randint(1, 27)
    return (rng.choice(["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]), day, 11)


def as_text(paragraphs):
    return "\n".join(paragraphs)


def swap(text, table, rng, rate):
    def one(m):
        word = m.group(0)
        repl = table.get(word.lower())
        return repl if repl and rng.random() < rate else word
    return re.sub(r"\w+", one, text)


def reorder(paragraphs, rng):
    out = []
    for p in paragraphs:
        sentences = re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", p)
        if len(sentences) > 1 and rng.random() < 0.6:
            sentences = sentences[1:] + sentences[:1]
        out.append(" ".join(sentences))
    head, tail = out[:1], out[1:]
    rng.shuffle(tail)
    return head + tail


def doc(i, title, paragraphs, source):
    return {"id": f"d{i}", "title": title, "text": as_text(paragraphs), "source": source}


def main() -> None:
    rng = random.Random(5150)
    pairs, n = [], 0

    def add(a, b, label, kind):
        nonlocal n
        pairs.append({"a": doc(n, *a), "b": doc(n + 1, *b), "label": label, "kind": kind})
        n += 2

    for i in range(45):  # syndicated copies
        s = make_story(KINDS[i % len(KINDS)], rng, days(rng))
        d1, d2 = rng.sample(DATELINES, 2)
        a = [f"{d1} {s.paragraphs[0]}"] + s.paragraphs[1:]
        b = [f"{d2} {s.paragraphs[0]}"] + s.paragraphs[1:2] + [rng.choice(BOILERPLATE)] + s.paragraphs[2:] + [rng.choice(BOILERPLATE)]
        add((s.title, a, "antaranews"), (s.title + " - Tribunnews.com", b, "tribunnews"), 1, "syndicated")
    for i in range(25):  # partial copies
        s = make_story(KINDS[(i + 3) % len(KINDS)], rng, days(rng))
        add((s.title, s.paragraphs, "detik"), (s.title, s.paragraphs[: max(2, len(s.paragraphs) - 2)], "okezone"), 1, "partial")
    for i in range(25):  # rewrites: swapped words, reordered sentences, another headline
        s = make_story(KINDS[(i + 5) % len(KINDS)], rng, days(rng))
        rewritten = [swap(p, SWAPS, rng, 0.8) for p in reorder(s.paragraphs, rng)]
        add((s.title, s.paragraphs, "kompas"), (swap(s.title, SWAPS, rng, 1.0), rewritten, "suara"), 1, "rewrite")
    for i in range(20):  # machine-translation-like paraphrase
        s = make_story(KINDS[(i + 7) % len(KINDS)], rng, days(rng))
        paraphrased = [swap(p, MT, rng, 0.9) for p in s.paragraphs]
        add((s.title, s.paragraphs, "cnnindonesia"), (swap(s.title, MT, rng, 1.0), paraphrased, "pahami"), 1, "paraphrase")
    for i in range(45):  # hard negatives: one template, two stories
        kind = KINDS[i % len(KINDS)]
        s1, s2 = make_story(kind, rng, days(rng)), make_story(kind, rng, days(rng))
        add((s1.title, s1.paragraphs, "detik"), (s2.title, s2.paragraphs, "detik"), 0, f"same-template:{kind}")
    for i in range(15):  # one minister, two different days and meetings
        s1 = make_story("diplomasi", rng, days(rng))
        s2 = make_story("diplomasi", rng, days(rng))
        spokesperson = s1.persons[0]
        p2 = [p.replace(s2.persons[0], spokesperson) for p in s2.paragraphs]
        add((s1.title, s1.paragraphs, "kompas"), (s2.title, p2, "kompas"), 0, "same-person-other-day")
    with open(OUT, "w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} pairs ({sum(p['label'] for p in pairs)} duplicates) -> {OUT}")


if __name__ == "__main__":
    main()
