"""The learned verifier: whether a candidate pair of texts is one story, by logistic
regression over the pair's features (transforms/dedup/features.py).

The weights are learned from labelled pairs by tools/train_verifier.py, which writes them
to transforms/dedup/verifier_model.py; nothing here is tuned by hand. A pair is a
duplicate when its probability reaches the model's threshold, chosen in training for
precision. Each feature's contribution (weight × value) is the evidence `explain` gives.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from transforms.dedup import verifier_model as model
from transforms.dedup.features import CHEAP, FEATURES, pair_features
from transforms.dedup.fingerprint import Fingerprints

if tuple(model.FEATURES) != FEATURES:  # the stored weights belong to another feature list
    raise ImportError("transforms/dedup/verifier_model.py is stale: run python -m tools.train_verifier")

WEIGHTS = np.array([model.WEIGHTS[name] for name in FEATURES])


def probability(features: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(features @ WEIGHTS + model.BIAS)))


CHEAP_AT = np.array([FEATURES.index(name) for name in CHEAP])
DEAR_AT = np.array([k for k in range(len(FEATURES)) if FEATURES[k] not in CHEAP])
DEAR_NAMES = tuple(FEATURES[k] for k in DEAR_AT)
# the most the dear features (each in [0, 1]) can add to a pair's log-odds
DEAR_MOST = float(np.maximum(WEIGHTS[DEAR_AT], 0).sum())
LOGIT_THRESHOLD = float(np.log(model.THRESHOLD / (1 - model.THRESHOLD)))


def is_duplicate(prints: Fingerprints, pairs: np.ndarray) -> np.ndarray:
    """Bool per (i, j) row of `pairs`. In two stages, with the same answers as one: the
    cheap features first; a pair that stays below the threshold with the dear ones at
    their most favourable is not a duplicate, and only the others get the dear ones."""
    result = np.zeros(len(pairs), dtype=bool)
    if len(pairs) == 0:
        return result
    cheap = pair_features(prints, pairs, CHEAP)
    logit = model.BIAS + cheap @ WEIGHTS[CHEAP_AT]
    open_ = np.nonzero(logit + DEAR_MOST >= LOGIT_THRESHOLD)[0]
    if len(open_):
        dear = pair_features(prints, pairs[open_], DEAR_NAMES)
        result[open_] = logit[open_] + dear @ WEIGHTS[DEAR_AT] >= LOGIT_THRESHOLD
    return result


@dataclass(frozen=True)
class Evidence:
    probability: float
    duplicate: bool
    features: dict[str, float]  # value per feature
    contributions: dict[str, float]  # weight × value per feature, largest first


def explain(prints: Fingerprints, first: int, second: int) -> Evidence:
    values = pair_features(prints, np.array([[first, second]]))[0]
    contributions = {name: float(w * v) for name, w, v in zip(FEATURES, WEIGHTS, values)}
    p = float(probability(values[None, :])[0])
    return Evidence(p, p >= model.THRESHOLD, dict(zip(FEATURES, map(float, values))),
                    dict(sorted(contributions.items(), key=lambda kv: -abs(kv[1]))))
