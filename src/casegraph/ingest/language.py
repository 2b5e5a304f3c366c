"""Language identification of extracted text (py3langid, offline)."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from ..derived import cached
from ..records import PageText

SAMPLE_CHARS = 1000
MIN_CHARS = 20


class _LanguageIdentifier(Protocol):
    """py3langid's identifier, as used here (py3langid ships no types)."""

    def classify(self, text: str) -> tuple[str, float]: ...


@cache
def _identifier() -> _LanguageIdentifier:
    """py3langid's identifier, its model read from casegraph's unpacked copy: py3langid
    ships it LZMA-packed, and unpacking it took 0.54 s of every process that identifies
    a language, reading the copy 0.22 s."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    packed = MODEL_DIR / MODEL_FILE
    shipped = packed.stat()
    # another model or another numpy (whose arrays the copy holds), another copy
    version = f"{shipped.st_size}.{shipped.st_mtime_ns}.numpy{np.__version__}"
    ptc, pc, classes, nextmove, row, output = cached(
        "language-model", version, lambda: load_model(packed)
    )
    identifier: _LanguageIdentifier = LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
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
