"""Near-duplicate detection: pairwise precision/recall on the labelled pairs, throughput,
and peak memory of clustering a large window.

    python bench/dedupe.py [--pairs bench/dedupe_pairs.jsonl] [--seeds 10] [--throughput 20000] [--window 1000000]

Precision/recall, on two sets: the labelled pairs written for tuning (bench/dedupe_pairs.jsonl)
and a held-out set made from real articles (bench/real_pairs.py; needs ../shared/). Every
text of every pair is cleaned as the pipeline cleans bodies, then clustered together in one
corpus (as in the lake, where a text meets all others); a pair counts as found when both
land in one cluster. The same again with `--seeds` other hash functions shows how much of a
figure is luck. Throughput: signatures plus LSH candidate search and verification over N
texts made from the story templates, on one core, median of five runs. Window memory: the clustering arrays for a
window of W articles; the signatures are drawn at random (computing a million real ones
takes minutes and adds no memory, as they are streamed), so this measures the index and
the verification, not the text processing. Peak RSS is the process high-water mark.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

import real_pairs
from transforms.dedup import neardup
from transforms.dedup import fingerprint as fp
from transforms.dedup.fingerprint import fingerprints, fingerprints_raw


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pairwise(pairs: list[dict]) -> tuple[float, float]:
    docs = {}
    for p in pairs:
        docs[p["a"]["id"]], docs[p["b"]["id"]] = p["a"], p["b"]
    ids = list(docs)
    labels = neardup.cluster(fingerprints_raw((docs[i]["title"], docs[i]["text"]) for i in ids))
    where = {doc_id: labels[k] for k, doc_id in enumerate(ids)}
    tp = fp = fn = 0
    misses: Counter = Counter()
    for p in pairs:
        same = where[p["a"]["id"]] == where[p["b"]["id"]]
        if p["label"] and same:
            tp += 1
        elif p["label"]:
            fn += 1
            misses[p["kind"]] += 1
        elif same:
            fp += 1
            misses[p["kind"]] += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"pairs: {len(pairs)} ({sum(p['label'] for p in pairs)} duplicates) in a corpus of {len(ids)} texts")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    if misses:
        print("errors by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(misses.items())))
    return precision, recall


def read_pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def over_seeds(pairs: list[dict], seeds: int) -> None:
    """Precision and recall with other hash functions drawn: how much of a figure is luck."""
    saved = fp._TEXT_HASH, fp._NAME_HASH, fp._PROBES
    results = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        fp._TEXT_HASH, fp._NAME_HASH = (tuple(np.uint64(v) for v in (rng.integers(0, 2**62) * 2 + 1, rng.integers(0, 2**63)))
                                        for _ in range(2))
        fp._PROBES = rng.integers(0, 2**31, size=fp._PROBES.shape)
        with contextlib.redirect_stdout(io.StringIO()):
            results.append(pairwise(pairs))
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
    counts = np.tile(np.array([350, 20, 8], dtype=np.int32), (n, 1))
    copies = n // 100  # 1% exact copies, so that clusters exist
    for part in (sigs, names, numbers):
        part[:copies] = part[copies:2 * copies]
    prints = fp.Fingerprints(sigs, names, numbers, counts)
    start = time.perf_counter()
    labels = neardup.cluster(prints)
    elapsed = time.perf_counter() - start
    clusters = n - len(np.unique(labels))
    print(f"window: {n:,} articles clustered in {elapsed:.1f} s, {clusters:,} merged; "
          f"peak RSS {peak_rss_mb():,.0f} MB (before: {before:,.0f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=Path(__file__).parent / "dedupe_pairs.jsonl")
    parser.add_argument("--seeds", type=int, default=10, help="hash seeds to draw for the spread of P/R (0: none)")
    parser.add_argument("--throughput", type=int, default=20_000)
    parser.add_argument("--window", type=int, default=1_000_000)
    args = parser.parse_args()
    for name, pairs in (("own labelled set", read_pairs(args.pairs)), ("held-out set from real articles", real_pairs.pairs())):
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
