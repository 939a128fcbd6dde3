"""Category accuracy on labelled articles, with and without the outlet's section.

    python bench/tags.py [--labels data/mirror/manifest.json]

The labelled articles are the offline mirror's (197 over 7 outlets); each one's true
category is its story's section mapped through the taxonomy (docs/taxonomy.md). "full"
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
sys.path.insert(0, str(REPO))

from transforms.tags import SECTION_MAP, category_of_text, tag  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=REPO / "data" / "mirror" / "manifest.json")
    args = parser.parse_args()
    articles = json.loads(args.labels.read_text())["articles"]
    full = text_only = 0
    confusion: Counter = Counter()
    for a in articles:
        truth = SECTION_MAP[a["section"].lower()]
        full += tag(a["title"], a["body"], a["section"], a["url"]).category == truth
        guess = category_of_text(a["title"], a["body"])
        text_only += guess == truth
        if guess != truth:
            confusion[(truth, guess)] += 1
    n = len(articles)
    print(f"labelled articles: {n}")
    print(f"category accuracy, full (section, url, text): {full / n:.3f} ({full}/{n})")
    print(f"category accuracy, text only:                 {text_only / n:.3f} ({text_only}/{n})")
    if confusion:
        print("text-only errors (truth -> guess): " + ", ".join(f"{t}->{g} {c}" for (t, g), c in confusion.most_common(8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
