"""Offline language identification restricted to the languages this lake expects."""
from __future__ import annotations

from functools import lru_cache

CANDIDATE_LANGUAGES = ("id", "ms", "en")


@lru_cache(maxsize=1)
def _identifier():
    """The model restricted to our languages, rebuilt without the full one: its table for
    all 97 languages is 28 MB that every extraction process would otherwise keep."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(list(CANDIDATE_LANGUAGES))  # copies the restricted columns
    return LanguageIdentifier(full.nb_ptc, full.nb_pc, full.nb_classes, full.tk_nextmove, full.tk_output,
                              norm_probs=True, tk_row=full.tk_row)


SAMPLE_CHARS = 4000


def detect_language(text: str) -> str | None:
    """Classify the body, not a title or a sentence: one sentence of Indonesian often
    reads as Malay. The first 4,000 characters are plenty and keep long pages cheap."""
    if not text or len(text.split()) < 5:
        return None
    lang, _prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang
