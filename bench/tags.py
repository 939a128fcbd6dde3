"""Category accuracy on labelled articles, with and without the outlet's section.

    python bench/tags.py [--labels data/mirror/manifest.json]

Two labelled sets: the offline mirror's 197 articles over 7 outlets (synthetic stories;
truth = the story's section mapped through docs/taxonomy.md), and the shared benchmark's
26 real articles from 2015–2017 (hand labels in bench/category_labels_id2016.json). "full"
is what the pipeline does (section, then URL kanal, then text); "text only" hides the
section and the URL, which is what an outlet with no usable section gets.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

from transforms.extraction.clean import clean_body
from transforms.tagging.tags import SECTION_MAP, category_of_text, persons_of, tag


GOLD = REPO.parent / "shared" / "benchmarks" / "extraction" / "id-2016" / "gold.jsonl"
REAL_LABELS = Path(__file__).parent / "category_labels_id2016.json"


def score(name: str, articles: list[dict]) -> None:
    """articles: dicts with title, body, section (or None), url, dateline (or None) and truth."""
    full = text_only = 0
    confusion: Counter = Counter()
    for a in articles:
        full += tag(a["title"], a["body"], a["section"], a["url"], a.get("dateline")).category == a["truth"]
        guess = category_of_text(a["title"], a["body"], a.get("dateline"))
        text_only += guess == a["truth"]
        if guess != a["truth"]:
            confusion[(a["truth"], guess)] += 1
    n = len(articles)
    print(f"-- {name}: {n} labelled articles")
    print(f"category accuracy, full (section, url, text): {full / n:.3f} ({full}/{n})")
    print(f"category accuracy, text only:                 {text_only / n:.3f} ({text_only}/{n})")
    if confusion:
        print("text-only errors (truth -> guess): " + ", ".join(f"{t}->{g} {c}" for (t, g), c in confusion.most_common(8)))


def real_articles() -> list[dict]:
    """The shared benchmark's 26 real articles with hand labels (bench/category_labels_id2016.json,
    keyed by URL or URL prefix); their URLs carry the desk, their sections are not given."""
    labels = {k: v for k, v in json.loads(REAL_LABELS.read_text()).items() if not k.startswith("_")}
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        address = page["url"].split("://", 1)[1]
        (truth,) = [v for k, v in labels.items() if page["url"] == k or address.startswith(k)]
        cleaned = clean_body(page["body"], page["title"])  # as the pipeline has it: dateline apart
        out.append({"title": page["title"], "body": cleaned.body, "dateline": cleaned.dateline, "section": None,
                    "url": page["url"], "truth": truth})
    return out


def persons(stories: int = 300) -> None:
    """Persons found in stories of the mirror's generator against the people it wrote in."""
    import random

    from tools.mirror.stories import KINDS, make_story

    rng = random.Random(3)
    wanted = found = extra = 0
    for i in range(stories):
        story = make_story(KINDS[i % len(KINDS)], rng, ("Senin", rng.randint(1, 28), rng.randint(1, 12)))
        got, want = set(persons_of("\n".join(story.paragraphs))), set(story.persons)
        wanted, found, extra = wanted + len(want), found + len(got & want), extra + len(got - want)
    print(f"-- persons in {stories} generated stories (synthetic): recall {found / wanted:.3f} ({found}/{wanted}), "
          f"precision {found / max(found + extra, 1):.3f} ({extra} not people)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=REPO / "data" / "mirror" / "manifest.json")
    args = parser.parse_args()
    mirror = [{**a, "truth": SECTION_MAP[a["section"].lower()]} for a in json.loads(args.labels.read_text())["articles"]]
    score("offline mirror (synthetic stories)", mirror)
    if GOLD.exists():
        score("real articles, id-2016 (hand labels)", real_articles())
    persons()
    return 0


if __name__ == "__main__":
    sys.exit(main())
