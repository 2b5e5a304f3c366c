"""How close OCR text is to known text: the character error rate."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

_SPACES = re.compile(r"\s+")


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Edits needed to turn the OCR text into the reference, per reference character.

    Runs of white space count as one space: layout is not what OCR is judged on here.
    """
    truth = _SPACES.sub(" ", reference).strip()
    guess = _SPACES.sub(" ", hypothesis).strip()
    if not truth:
        return 0.0 if not guess else 1.0
    return Levenshtein.distance(truth, guess) / len(truth)
