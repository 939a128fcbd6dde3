"""Offline language identification restricted to the languages this lake expects."""
from __future__ import annotations

from functools import lru_cache

CANDIDATE_LANGUAGES = ("id", "ms", "en")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATE_LANGUAGES))
    return identifier


def detect_language(text: str) -> str | None:
    """Classify the whole body: one sentence of Indonesian often reads as Malay."""
    if not text or len(text.split()) < 5:
        return None
    lang, _prob = _identifier().classify(text)
    return lang
