"""Retrain the near-duplicate verifier and write its weights to
transforms/dedup/verifier_model.py:

    python bench/train_verifier.py [--check]

Training pairs: the train split of the hand-written syndication set (bench/syndication/)
and the generated pairs (bench/dedupe_pairs.jsonl). All their texts are fingerprinted
together, as in a lake window; the examples are every labelled pair and every candidate
pair of two different stories (a negative): two generated stories cut from one template
with other names and places are the hardest negatives there are. The
test split and the pairs made from real articles are never read here.

Logistic regression, fitted by Newton's method with an L2 penalty on the weights; the
penalty is the strongest whose F1 on hand-written stories left out one at a time is
within a standard error of the best (among equals, the simplest model).
Two priors, not tuned: an agreement feature never counts against a pair, nor a
disagreement feature for it (`SIGNS`: a weight that would cross zero is held at zero),
and the hand-written and the generated sets weigh the same in total, so the hundreds of
generated template pairs do not teach their own quirks.
The threshold is the lowest probability at or above 0.5 at which the training pairs
reach precision 1.0 without losing more than a twentieth of their recall.
`--check` fails if the stored weights differ from what training gives now.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import syndication_set  # noqa: E402
from transforms.dedup.candidates import candidate_pairs  # noqa: E402
from transforms.dedup.features import FEATURES, pair_features  # noqa: E402
from transforms.dedup.fingerprint import fingerprints_raw  # noqa: E402

MODEL = Path(__file__).resolve().parents[1] / "transforms" / "dedup" / "verifier_model.py"
GENERATED = Path(__file__).parent / "dedupe_pairs.jsonl"
PENALTIES = (0.03, 0.1, 0.3, 1.0, 3.0)
# +1: more of it is evidence for one story; -1: evidence against; 0: either way
SIGNS = {name: 1 for name in FEATURES} | {"figures_disagree": -1, "days_conflict": -1, "title_names_missing": -1, "no_figures": 0,
                                         "length_ratio_log": 0}


def labelled_sets() -> list[list[dict]]:
    """Training pairs as lists per story ({"a", "b", "label", "kind", "story"})."""
    import json

    by_story: dict[str, list[dict]] = {}
    for p in syndication_set.pairs("train"):
        by_story.setdefault(p["story"], []).append(p)
    for k, line in enumerate(GENERATED.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            p = json.loads(line)
            p["story"] = f"generated/{p['a']['id']}"  # a generated pair is its own story
            by_story.setdefault(p["story"], []).append(p)
    return list(by_story.values())


def examples(stories: list[list[dict]]) -> tuple[np.ndarray, ...]:
    """(features, labels, story index, weight, hand-written?) over labelled and candidate
    pairs of one corpus."""
    docs, story_of, labels = {}, {}, {}
    for s, pairs in enumerate(stories):
        for p in pairs:
            for side in ("a", "b"):
                docs[p[side]["id"]], story_of[p[side]["id"]] = p[side], s
    ids = list(docs)
    index = {doc_id: k for k, doc_id in enumerate(ids)}
    for pairs in stories:
        for p in pairs:
            i, j = sorted((index[p["a"]["id"]], index[p["b"]["id"]]))
            labels[(i, j)] = p["label"]
    prints = fingerprints_raw((docs[i]["title"], docs[i]["text"]) for i in ids)
    for i, j in candidate_pairs(prints).tolist():
        if story_of[ids[i]] != story_of[ids[j]]:  # two stories, however alike their template
            labels.setdefault((i, j), 0)
    # a story's unlabelled pairs are left out: a positive link does not say two copies of it agree
    pairs = np.array(sorted(labels), dtype=np.int64)
    y = np.array([labels[tuple(p)] for p in pairs.tolist()], dtype=float)
    group = np.array([story_of[ids[i]] for i in pairs[:, 0]])
    generated = np.array([stories[g][0]["story"].startswith("generated/") for g in group])
    weight = np.where(generated, 1.0 / max(generated.sum(), 1), 1.0 / max((~generated).sum(), 1)) * len(y) / 2
    return pair_features(prints, pairs), y, group, weight, ~generated


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Weighted, L2-penalised logistic regression with the weights' signs of `SIGNS`:
    Newton's method on the free weights; a weight whose sign is wrong is held at zero and
    the rest refitted (an active set), until none is. Returns (weights, bias)."""
    signs = np.array([SIGNS[name] for name in FEATURES])
    held = np.zeros(len(FEATURES), dtype=bool)
    while True:
        free = np.nonzero(~held)[0]
        theta = _newton(np.hstack([x[:, free], np.ones((len(x), 1))]), y, weight, penalty)
        weights = np.zeros(len(FEATURES))
        weights[free] = theta[:-1]
        wrong = (signs * weights < 0) & ~held
        if not wrong.any():
            return weights, float(theta[-1])
        held[np.argmin(signs * weights)] = True  # the worst first: the others may recover


def _newton(design: np.ndarray, y: np.ndarray, weight: np.ndarray, penalty: float, steps: int = 60) -> np.ndarray:
    theta = np.zeros(design.shape[1])
    ridge = np.full(design.shape[1], penalty)
    ridge[-1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ theta))
        gradient = design.T @ (weight * (p - y)) + ridge * theta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(ridge + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta


def probability(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ weights + bias)))


def scores(y: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    tp = float(np.sum(predicted & (y == 1)))
    precision = tp / max(float(predicted.sum()), 1.0) if predicted.any() else 1.0
    return precision, tp / max(float(y.sum()), 1.0)


def cross_validate(x, y, group, weight, written, penalty: float) -> tuple[float, float, float]:
    """Leave one hand-written story out at a time (the generated pairs always train: they
    are many and easy, and would decide the score): its pairs' (precision, recall,
    log-loss) out of fold. A pair's story is its first text's; pairs across two held-out
    stories' texts are scored when either is held out."""
    p = np.full(len(y), np.nan)
    for story in np.unique(group[written]):
        held = group == story
        weights, bias = fit(x[~held], y[~held], weight[~held], penalty)
        p[held] = probability(x[held], weights, bias)
    scored = ~np.isnan(p)
    y, p = y[scored], np.clip(p[scored], 1e-9, 1 - 1e-9)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return (*scores(y, p >= 0.5), float(loss))


def threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The lowest threshold ≥ 0.5 at which training precision is 1.0, if recall keeps 95 %."""
    full_recall = scores(y, p >= 0.5)[1]
    for t in sorted({0.5, *np.round(p[(y == 0) & (p >= 0.5)] + 1e-3, 4).tolist()}):
        precision, recall = scores(y, p >= t)
        if precision == 1.0 and recall >= 0.95 * full_recall:
            return float(t)
    return 0.5


def render(weights: np.ndarray, bias: float, cut: float, summary: list[str]) -> str:
    lines = ['"""Learned verifier weights, written by `python bench/train_verifier.py`: do not edit by hand.', ""]
    lines += summary + ['"""', ""]
    lines.append("FEATURES = (" + ", ".join(f'"{name}"' for name in FEATURES) + ",)")
    lines.append("WEIGHTS = {")
    lines += [f'    "{name}": {w:.4f},' for name, w in zip(FEATURES, weights)]
    lines += ["}", f"BIAS = {bias:.4f}", f"THRESHOLD = {cut:.4f}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the stored weights are not what training gives")
    args = parser.parse_args()
    stories = labelled_sets()
    x, y, group, weight, written = examples(stories)
    print(f"training examples: {len(y)} pairs ({int(y.sum())} duplicates) from {len(stories)} stories")
    results = {penalty: cross_validate(x, y, group, weight, written, penalty) for penalty in PENALTIES}
    for penalty, (precision, recall, loss) in results.items():
        print(f"  L2 {penalty:<5} hand-written stories left out one at a time: precision {precision:.3f} recall {recall:.3f} log-loss {loss:.4f}")
    f1 = {k: 2 * r[0] * r[1] / max(r[0] + r[1], 1e-9) for k, r in results.items()}
    # the one-standard-error habit: among the penalties whose left-out F1 is within one
    # standard error of the best, the strongest (log-loss would always take the weakest,
    # as the data separate)
    standard_error = np.sqrt(max(1 - max(f1.values()), 1e-12) * max(f1.values()) / max(int(y[written].sum()), 1))
    best = max(k for k in PENALTIES if f1[k] >= max(f1.values()) - standard_error)
    weights, bias = fit(x, y, weight, best)
    p = probability(x, weights, bias)
    cut = threshold(y, p)
    precision, recall = scores(y, p >= cut)
    print(f"chosen L2 {best}; threshold {cut:.4f}; training precision {precision:.3f} recall {recall:.3f}")
    summary = [f"Trained on {len(y)} pairs ({int(y.sum())} duplicates) from {len(stories)} stories: the hand-written",
               "set's train split and bench/dedupe_pairs.jsonl. L2 penalty "
               f"{best} (the strongest as good as the best on hand-written stories left out one at a time); training precision {precision:.3f}, recall {recall:.3f}."]
    text = render(weights, bias, cut, summary)
    if args.check:
        same = MODEL.read_text(encoding="utf-8") == text
        print("stored weights " + ("match" if same else "differ: run python bench/train_verifier.py"))
        return 0 if same else 1
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
