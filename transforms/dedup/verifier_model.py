"""Learned verifier weights, written by `python bench/train_verifier.py`: do not edit by hand.

Trained on 5648 pairs (138 duplicates) from 194 stories: the hand-written
set's train split and bench/dedupe_pairs.jsonl. L2 penalty 3.0 (the strongest as good as the best on hand-written stories left out one at a time); training precision 1.000, recall 1.000.
"""

FEATURES = ("wording_contained", "stems_jaccard", "stems_contained", "title_stems_contained", "title_in_other_text", "title_names_missing", "names_jaccard", "names_contained", "figures_contained", "figures_shared_log", "figures_disagree", "no_figures", "days_conflict", "length_ratio_log", "names_and_figures", "stems_and_names", "stems_without_figures", "names_without_figures",)
WEIGHTS = {
    "wording_contained": 0.0000,
    "stems_jaccard": 0.7735,
    "stems_contained": 1.1825,
    "title_stems_contained": 0.3119,
    "title_in_other_text": 1.5836,
    "title_names_missing": -1.2551,
    "names_jaccard": 0.8336,
    "names_contained": 1.1198,
    "figures_contained": 1.6574,
    "figures_shared_log": 1.5165,
    "figures_disagree": -1.1987,
    "no_figures": 0.2056,
    "days_conflict": -3.2651,
    "length_ratio_log": -0.5014,
    "names_and_figures": 1.5558,
    "stems_and_names": 1.8695,
    "stems_without_figures": 1.5780,
    "names_without_figures": 0.9771,
}
BIAS = -8.3377
THRESHOLD = 0.5000
