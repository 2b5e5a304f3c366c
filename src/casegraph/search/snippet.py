"""Cut a short excerpt of a page around the terms a query found, matches marked «like this».

Terms are matched on the folded text (so "الامم" finds "الأمم" and "cafe" finds "Café"),
then mapped back: the excerpt always shows the original characters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from ..querytree import words
from ..text.fold import fold, fold_with_offsets

OPEN = "«"
CLOSE = "»"
ELLIPSIS = "…"

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Match:
    """A match of term number `term` over text[start:end]."""

    start: int
    end: int
    term: int


def make_snippet(
    text: str, terms: list[str], width: int = 200, *, prefixes: Collection[str] = ()
) -> str:
    """Return about width characters of text around the most distinct terms, matches in «»."""
    return marked(snippet_pieces(text, terms, width, prefixes=prefixes))


def marked(pieces: list[tuple[str, bool]]) -> str:
    """A snippet's pieces as one line, matches in «»."""
    return "".join(f"{OPEN}{piece}{CLOSE}" if found else piece for piece, found in pieces)


def snippet_pieces(
    text: str, terms: list[str], width: int = 200, *, prefixes: Collection[str] = ()
) -> list[tuple[str, bool]]:
    """The snippet as pieces of text, each saying whether it is a match (for marking them in
    HTML, where «» written in the document itself must not read as marks)."""
    matches = _find_matches(text, terms, prefixes)
    if matches:
        first, last = _best_window(matches, width)
        start, end = _window(text, matches[first].start, matches[last].end, width)
    else:
        start, end = _window(text, 0, 0, width)
    return _pieces(text, start, end, [m for m in matches if start <= m.start and m.end <= end])


def match_spans(
    text: str, terms: list[str], *, prefixes: Collection[str] = ()
) -> list[tuple[int, int]]:
    """Where the terms match in text, in order, as (start, end) in the original characters."""
    return [(match.start, match.end) for match in _find_matches(text, terms, prefixes)]


def _normal(term: str) -> str:
    """A term as its folded words joined by single spaces, cut as the index cuts them."""
    return " ".join(words(fold(term)))


def _pattern(term: str, prefix: bool) -> re.Pattern[str]:
    """Match the term's words at word starts, separated by anything but letters and digits."""
    words = r"[\W_]+".join(re.escape(word) for word in term.split(" "))
    ending = r"[^\W_]*" if prefix else r"(?![^\W_])"
    return re.compile(r"(?<![^\W_])" + words + ending)


def _find_matches(text: str, terms: list[str], prefixes: Collection[str]) -> list[_Match]:
    """Every non-overlapping match of the terms in text, in order, as original spans."""
    folded, offsets = fold_with_offsets(text)
    prefix_terms = {_normal(p) for p in prefixes}
    found = []
    for index, term in enumerate(t for t in dict.fromkeys(map(_normal, terms)) if t):
        for match in _pattern(term, term in prefix_terms).finditer(folded):
            end = _skip_marks(text, offsets[match.end() - 1] + 1)
            found.append(_Match(offsets[match.start()], end, index))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Match] = []
    for candidate in found:
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


def _skip_marks(text: str, end: int) -> int:
    """Move end past characters that fold to nothing (accents, harakat, tatweel)."""
    while end < len(text) and not fold(text[end]):
        end += 1
    return end


def _best_window(matches: list[_Match], width: int) -> tuple[int, int]:
    """Indexes of the first and last match of the run within width with most distinct terms."""
    counts: Counter[int] = Counter()
    best_key, best = (0, 0), (0, 0)
    j = 0
    for i, first in enumerate(matches):
        while j < len(matches) and (j == i or matches[j].end - first.start <= width):
            counts[matches[j].term] += 1
            j += 1
        key = (len(counts), j - i)
        if key > best_key:
            best_key, best = key, (i, j - 1)
        counts[first.term] -= 1
        if not counts[first.term]:
            del counts[first.term]
    return best


def _window(text: str, low: int, high: int, width: int) -> tuple[int, int]:
    """A window of about width around text[low:high], its cut ends moved to spaces."""
    slack = max(width - (high - low), 0)
    end = min(len(text), max(low - slack // 2, 0) + max(width, high - low))
    start = max(min(low, end - width), 0)
    if start > 0:
        space = _SPACES.search(text, start, low)
        start = space.end() if space else start
    if end < len(text):
        spaces = [s.start() for s in _SPACES.finditer(text, high, end)]
        end = spaces[-1] if spaces else end
    return start, end


def _pieces(text: str, start: int, end: int, matches: list[_Match]) -> list[tuple[str, bool]]:
    """text[start:end] cut at the matches, runs of spaces collapsed, cut ends marked."""
    pieces = []
    at = start
    for match in matches:
        pieces += [(text[at : match.start], False), (text[match.start : match.end], True)]
        at = match.end
    pieces.append((text[at:end], False))
    # a match starts and ends with a letter or digit: no run of spaces crosses two pieces
    pieces = [(_SPACES.sub(" ", piece), found) for piece, found in pieces]
    pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
    pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    if text[:start].strip():
        pieces.insert(0, (ELLIPSIS, False))
    if text[end:].strip():
        pieces.append((ELLIPSIS, False))
    return [(piece, found) for piece, found in pieces if piece]
