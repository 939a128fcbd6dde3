"""Near-duplicate detection: pairwise precision/recall on the labelled pairs, throughput,
and peak memory of clustering a large window.

    python bench/dedupe.py [--pairs bench/dedupe_pairs.jsonl] [--seeds 10] [--throughput 20000] [--window 1000000]

Precision/recall, train and test apart: the verifier (transforms/dedup/verifier.py) is
learned from the hand-written set's train split (bench/syndication/) and the generated
pairs (bench/dedupe_pairs.jsonl) by bench/train_verifier.py; the test split's stories are
never read there, and neither is the set made from real articles (bench/real_pairs.py;
needs ../shared/). Every text of a set is cleaned as the pipeline cleans bodies, then
clustered together in one corpus (as in the lake, where a text meets all others); a pair
counts as found when both land in one cluster, and two stories' texts in one cluster
count against precision even where no pair names them. The same again with `--seeds` other hash functions shows how much of a
figure is luck. Throughput: signatures plus LSH candidate search and verification over N
texts made from the story templates, on one core, median of five runs. Window memory: the clustering arrays for a
window of W articles; the signatures are drawn at random (computing a million real ones
takes minutes and adds no memory, as they are streamed), so this measures the index and
the verification, not the text processing. Peak RSS is the process high-water mark.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

import real_pairs
import syndication_set
from transforms.dedup import neardup
from transforms.dedup import fingerprint as fp
from transforms.dedup.fingerprint import fingerprints, fingerprints_raw


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pairwise(pairs: list[dict], quiet: bool = False) -> tuple[float, float]:
    """Cluster every text of `pairs` in one corpus; print precision and recall over the
    labelled pairs, a line per kind, and the merges of texts of different stories (pairs
    nobody labelled: each one a false positive)."""
    docs, story = {}, {}
    for p in pairs:
        for side in ("a", "b"):
            docs[p[side]["id"]] = p[side]
            story[p[side]["id"]] = p.get("story") or p["a"]["id"]
    ids = list(docs)
    labels = neardup.cluster(fingerprints_raw((docs[i]["title"], docs[i]["text"]) for i in ids))
    where = {doc_id: labels[k] for k, doc_id in enumerate(ids)}
    by_kind: dict[tuple[int, str], list[int]] = {}
    for p in pairs:
        same = where[p["a"]["id"]] == where[p["b"]["id"]]
        by_kind.setdefault((p["label"], p["kind"]), []).append(int(same))
    tp = sum(sum(v) for (label, _), v in by_kind.items() if label)
    fn = sum(len(v) - sum(v) for (label, _), v in by_kind.items() if label)
    fp = sum(sum(v) for (label, _), v in by_kind.items() if not label)
    members: dict[int, set] = {}
    for doc_id, label in where.items():
        members.setdefault(label, set()).add(story[doc_id])
    cross = sum(len(stories) - 1 for stories in members.values()) if "story" in pairs[0] else 0
    precision = tp / (tp + fp + cross) if tp + fp + cross else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    if quiet:
        return precision, recall
    print(f"pairs: {len(pairs)} ({tp + fn} duplicates) in a corpus of {len(ids)} texts")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}"
          + (f", merges across stories {cross})" if "story" in pairs[0] else ")"))
    for (label, kind), found in sorted(by_kind.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        verb = "found" if label else "merged (false positives)"
        print(f"  {'duplicate' if label else 'negative '} {kind:<20} {sum(found)}/{len(found)} {verb}")
    return precision, recall


def read_pairs(path: Path) -> list[dict]:
    """The generated pairs, each pair its own story (two pairs cut from one template are two stories)."""
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [dict(p, story=p["a"]["id"]) for p in pairs]


def over_seeds(pairs: list[dict], seeds: int) -> None:
    """Precision and recall with other hash functions drawn: how much of a figure is luck."""
    saved = fp._TEXT_HASH, fp._NAME_HASH, fp._PROBES
    results = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        fp._TEXT_HASH, fp._NAME_HASH = (tuple(np.uint64(v) for v in (rng.integers(0, 2**62) * 2 + 1, rng.integers(0, 2**63)))
                                        for _ in range(2))
        fp._PROBES = rng.integers(0, 2**31, size=fp._PROBES.shape)
        results.append(pairwise(pairs, quiet=True))
    fp._TEXT_HASH, fp._NAME_HASH, fp._PROBES = saved
    precision, recall = zip(*results)
    print(f"over {seeds} hash seeds: precision median {statistics.median(precision):.3f} min {min(precision):.3f}; "
          f"recall median {statistics.median(recall):.3f} min {min(recall):.3f}")


def throughput(n: int, repeats: int = 5) -> None:
    from tools.mirror.stories import KINDS, make_story

    rng = random.Random(1)
    texts = []
    for i in range(n):  # four template stories a text: about the length of a real article
        parts = [make_story(KINDS[(i + k) % len(KINDS)], rng, ("Senin", rng.randint(1, 28), rng.randint(1, 12)))
                 for k in range(4)]
        texts.append((parts[0].title, "\n".join(p for s in parts for p in s.paragraphs)))
    words = sum(len(t.split()) for _, t in texts) / n
    signing, total = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        prints = fingerprints(texts)  # lake bodies are clean already
        signed = time.perf_counter()
        neardup.cluster(prints)
        done = time.perf_counter()
        signing.append(n / (signed - start))
        total.append(n / (done - start))
    print(f"throughput: {n} texts of {words:.0f} words, one core, median of {repeats} runs: signatures "
          f"{statistics.median(signing):,.0f}/s, signatures + index + query {statistics.median(total):,.0f}/s "
          f"(runs: {', '.join(f'{t:,.0f}' for t in total)})")


def window(n: int) -> None:
    rng = np.random.default_rng(7)
    before = peak_rss_mb()
    sigs = rng.integers(0, 2**31, size=(n, fp.SIGNATURE), dtype=np.uint32)
    names = np.full((n, fp.NAME_SLOTS), fp.PAD, dtype=np.uint32)
    names[:, :20] = np.sort(rng.integers(0, 2**31, size=(n, 20), dtype=np.uint32), axis=1)  # twenty names an article
    numbers = np.full((n, fp.NUMBER_SLOTS), fp.PAD, dtype=np.uint32)
    numbers[:, :8] = np.sort(rng.integers(0, 2**31, size=(n, 8), dtype=np.uint32), axis=1)  # eight numbers
    stems = rng.integers(0, 2**31, size=(n, fp.STEM_SLOTS), dtype=np.uint32)  # 64 of ~150 stems
    stems.sort(axis=1)
    title = np.full((n, fp.TITLE_SLOTS), fp.PAD, dtype=np.uint32)
    title[:, :6] = np.sort(rng.integers(0, 2**31, size=(n, 6), dtype=np.uint32), axis=1)
    title_names = np.full((n, fp.TITLE_SLOTS), fp.PAD, dtype=np.uint32)
    title_names[:, :2] = names[:, :2]  # two of its names in the title
    stem_bits = rng.integers(0, 2**32, size=(n, fp.STEM_BITS // 32), dtype=np.uint32)
    counts = np.tile(np.array([350, 20, 8, 150, 6], dtype=np.int32), (n, 1))
    fields = {"signatures": sigs, "names": names, "numbers": numbers, "stems": stems, "title": title,
              "title_names": title_names, "stem_bits": stem_bits, "counts": counts}
    if set(fields) != set(fp.Fingerprints.FIELDS):  # say so, rather than fail on a positional argument
        raise SystemExit(f"the window benchmark has no synthetic values for {set(fp.Fingerprints.FIELDS) - set(fields)}")
    copies = n // 100  # 1% exact copies, so that clusters exist
    for name, part in fields.items():
        if name != "counts":
            part[:copies] = part[copies:2 * copies]
    prints = fp.Fingerprints(**fields)
    built = peak_rss_mb()
    start = time.perf_counter()
    labels = neardup.cluster(prints)
    elapsed = time.perf_counter() - start
    clusters = n - len(np.unique(labels))
    print(f"window: {n:,} articles clustered in {elapsed:.1f} s, {clusters:,} merged; "
          f"peak RSS {peak_rss_mb():,.0f} MB (before: {before:,.0f} MB; with the fingerprints built: {built:,.0f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=Path(__file__).parent / "dedupe_pairs.jsonl")
    parser.add_argument("--seeds", type=int, default=10, help="hash seeds to draw for the spread of P/R (0: none)")
    parser.add_argument("--throughput", type=int, default=20_000)
    parser.add_argument("--window", type=int, default=1_000_000)
    args = parser.parse_args()
    sets = (("train: hand-written set, train split (the verifier learned from it)", syndication_set.pairs("train")),
            ("train: generated pairs (the verifier learned from them)", read_pairs(args.pairs)),
            ("TEST: hand-written set, test split (never used in training)", syndication_set.pairs("test")),
            ("held out: pairs made from the benchmark's real articles", real_pairs.pairs()))
    for name, pairs in sets:
        print(f"-- {name}")
        pairwise(pairs)
        if args.seeds:
            over_seeds(pairs, args.seeds)
    if args.throughput:
        throughput(args.throughput)
    if args.window:
        window(args.window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
