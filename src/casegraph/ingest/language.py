"""Language identification of extracted text (py3langid, offline)."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from ..records import PageText

SAMPLE_CHARS = 1000
MIN_CHARS = 20


class _LanguageIdentifier(Protocol):
    """py3langid's identifier, as used here (py3langid ships no types)."""

    def classify(self, text: str) -> tuple[str, float]: ...


@cache
def _identifier() -> _LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier: _LanguageIdentifier = LanguageIdentifier.from_model_file(
        MODEL_FILE, norm_probs=True
    )
    return identifier


def detect_language(pages: list[PageText]) -> str | None:
    """The ISO 639-1 code of the main language of the pages, or None if unsure."""
    sample = ""
    for page in pages:
        sample += page.text[: SAMPLE_CHARS - len(sample)] + "\n"
        if len(sample) >= SAMPLE_CHARS:
            break
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= 0.5 else None


def warm_up_language() -> None:
    """Load the language model ahead of the first document."""
    _identifier()
