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


SAMPLE_CHARS = 4000


def detect_language(text: str) -> str | None:
    """Classify the body, not a title or a sentence: one sentence of Indonesian often
    reads as Malay. The first 4,000 characters are plenty and keep long pages cheap."""
    if not text or len(text.split()) < 5:
        return None
    lang, _prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang
