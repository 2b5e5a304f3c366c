"""Fold text to the normalised form used by the search index and by query terms.

Folding works character by character (one character may fold to none, one or
several characters), so a match in folded text can be mapped back to the
original text. It is case-insensitive (casefold), accent-insensitive (NFKD,
then every combining mark is dropped) and evens out Arabic spelling variants:
alef forms, taa marbuta, alef maqsura, Persian yeh and kaf, tatweel, harakat
and Arabic-Indic digits. The original text is never altered.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import overload

_ARABIC_MAP = {
    "\u0671": "\u0627",  # alef wasla -> alef (أ إ آ lose their hamza/madda as marks)
    "\u0629": "\u0647",  # taa marbuta -> haa
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
    "\u06a9": "\u0643",  # Persian kaf -> Arabic kaf
    "\u0640": "",  # tatweel
    **{chr(c): "" for c in range(0x064B, 0x0660)},  # harakat
    "\u0670": "",  # superscript alef
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
}


def _fold_char(ch: str) -> str:
    """Fold one character: the definition that fold() applies to each character."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    return "".join(_ARABIC_MAP.get(c, c) for c in decomposed if not unicodedata.combining(c))


class _PieceTable(dict[str, str]):
    """The folded form of each character seen so far."""

    def __missing__(self, ch: str) -> str:
        folded = self[ch] = _fold_char(ch)
        return folded


class _TranslateTable(dict[int, int | str | None]):
    """A str.translate table that folds and caches characters it has not seen yet."""

    def __missing__(self, code: int) -> int | str | None:
        folded = _PIECES[chr(code)]
        value = self[code] = ord(folded) if len(folded) == 1 else folded or None
        return value


_PIECES = _PieceTable()
# every character is folded on first sight, not at import: a quick command that opens a case
# would otherwise fold 2,600 characters it never meets (3.5 ms)
_TABLE = _TranslateTable()


_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")


def fold(text: str) -> str:
    """Return the folded form of text, for the index and for query terms."""
    if text.isascii():
        return text.lower()
    # str.translate looks up each character of a string that is not all ASCII (40 ns a
    # character); real text is mostly ASCII, which folds to its lower case
    parts = _NON_ASCII_RUNS.split(text)
    parts[::2] = [run.lower() for run in parts[::2]]
    parts[1::2] = [run.translate(_TABLE) for run in parts[1::2]]
    return "".join(parts)


# the article and the particles fused to it, as they read once folded (alef forms evened out)
_ARABIC_ARTICLE = re.compile(r"(?<!\w)(?:وال|فال|بال|كال|ولل|فلل|لل|ال)(?=\w{2})")


def without_arabic_article(folded: str) -> str:
    """Folded text with the article fused to Arabic words removed (for a second index column)."""
    # every form of the article has a lam: text without one is read by C code alone
    return _ARABIC_ARTICLE.sub("", folded) if "\u0644" in folded else folded


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Fold text; offsets[i] is the index in text of the character folded char i came from."""
    offsets = _Offsets(text)
    return offsets.folded, offsets


class _Offsets(Sequence[int]):
    """Folded-to-original offsets, worked out per chunk only where someone asks for them.

    Folding whole chunks with str.translate is fast; walking characters one by one is
    slow, so it is done only inside the chunks that hold a requested offset.
    """

    CHUNK = 256

    def __init__(self, text: str):
        self.text = text
        pieces = [fold(text[i : i + self.CHUNK]) for i in range(0, len(text), self.CHUNK)]
        self.folded = "".join(pieces)
        self.starts = list(itertools.accumulate((len(p) for p in pieces), initial=0))
        self.cache: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.folded)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        chunk = bisect.bisect_right(self.starts, index) - 1
        return self._chunk_offsets(chunk)[index - self.starts[chunk]]

    def _chunk_offsets(self, chunk: int) -> list[int]:
        if chunk not in self.cache:
            base = chunk * self.CHUNK
            segment = self.text[base : base + self.CHUNK]
            if segment.isascii():  # every ASCII character folds to exactly one
                self.cache[chunk] = list(range(base, base + len(segment)))
                return self.cache[chunk]
            offsets: list[int] = []
            for index, ch in enumerate(segment, start=base):
                offsets.extend([index] * len(_PIECES[ch]))
            self.cache[chunk] = offsets
        return self.cache[chunk]
