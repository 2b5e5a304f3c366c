"""Even out the Arabic letter confusions OCR makes, so search and extraction match."""

from __future__ import annotations

import re

TATWEEL = "\u0640"
PERSIAN_YEH = "\u06cc"
PERSIAN_KAF = "\u06a9"
ARABIC_YEH = "\u064a"
ALEF_MAQSURA = "\u0649"
ARABIC_KAF = "\u0643"

_FINAL_PERSIAN_YEH = re.compile(PERSIAN_YEH + r"(?!\w)")


def normalise_ocr_text(text: str) -> str:
    """Persian kaf and yeh to Arabic ones (a final dotless yeh is alef maqsura); no tatweel."""
    # only OCR output goes through this: a file's own text layer is kept exactly
    text = _FINAL_PERSIAN_YEH.sub(ALEF_MAQSURA, text)
    return (
        text.replace(PERSIAN_YEH, ARABIC_YEH).replace(PERSIAN_KAF, ARABIC_KAF).replace(TATWEEL, "")
    )
