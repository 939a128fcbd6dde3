"""The hand-written syndication set (bench/syndication/*.txt): Indonesian stories, each
with copies, rewrites and hard negatives, written by hand apart from the verifier's code.

A file is one story: `# split: train|test` (whole stories go to one side, so no story's
pairs are on both), then texts (`=== key | source | published_at`, a title line, body
lines), then `--- pairs` lines `key key label kind`. Texts are fictional, shaped after
how Indonesian outlets copy, rewrite, shorten and machine-translate each other.
"""
from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent / "syndication"


def read_story(path: Path) -> dict:
    story = {"story": path.stem, "split": None, "texts": {}, "pairs": []}
    current, in_pairs = None, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# split:"):
            story["split"] = line.split(":", 1)[1].strip()
        elif line.startswith("#") and current is None:
            continue
        elif line.startswith("=== "):
            key, source, published = (part.strip() for part in line[4:].split("|"))
            current = {"id": f"{path.stem}/{key}", "source": source, "published_at": published, "lines": []}
            story["texts"][key] = current
        elif line.startswith("--- pairs"):
            in_pairs = True
        elif in_pairs and line.strip():
            a, b, label, kind = line.split()
            story["pairs"].append({"a": a, "b": b, "label": int(label), "kind": kind})
        elif current is not None and line.strip():
            current["lines"].append(line)
    for text in story["texts"].values():
        lines = text.pop("lines")
        text["title"], text["text"] = lines[0], "\n".join(lines[1:])
    if story["split"] not in ("train", "test"):
        raise ValueError(f"{path}: no '# split: train|test' line")
    return story


def stories(split: str | None = None) -> list[dict]:
    found = [read_story(p) for p in sorted(FOLDER.glob("*.txt"))]
    return [s for s in found if split is None or s["split"] == split]


def pairs(split: str | None = None) -> list[dict]:
    """Labelled pairs in the shape bench/dedupe.py reads: {"a": text, "b": text, "label", "kind", "story"}."""
    out = []
    for story in stories(split):
        for p in story["pairs"]:
            out.append({"a": story["texts"][p["a"]], "b": story["texts"][p["b"]], "label": p["label"],
                        "kind": p["kind"], "story": story["story"]})
    return out
