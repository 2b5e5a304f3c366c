"""Names found once are found everywhere: every other occurrence in the case becomes a mention.

A recogniser misses a name in one sentence that it tagged in another; the case's own
names, used as a gazetteer over all pages, give those occurrences back, with exact offsets.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from ..records import Mention
from .resolve import majority

RECOGNIZER = "case-gazetteer"
# the version of the step: 2 breaks a tie between a name's types as resolution does
VERSION = f"{RECOGNIZER} 2"
NAMED = ("person", "organization", "place")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_WORD = re.compile(r"\w+")


def gazetteer(mentions: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Names worth looking for everywhere, with their most frequent type, from (text, type, count).

    Kept: names of two or more words, acronyms, and one-word names tagged at least twice.
    """
    seen: dict[str, Counter[str]] = {}
    for text, kind, count in mentions:
        if kind in NAMED:
            seen.setdefault(text, Counter())[kind] += count
    names = {}
    for text, kinds in seen.items():
        kind = majority(kinds)  # a tie is broken alike whatever order the rows came in
        if _worth_looking_for(text, kinds[kind]):
            names[text] = kind
    return names


def _worth_looking_for(text: str, count: int) -> bool:
    if len(text) < 2 or not any(ch.isalpha() for ch in text):
        return False
    if len(text.split()) > 1 or _ACRONYM.fullmatch(text):
        return True
    return count >= 2 and text[:1].isupper() and len(text) > 3


def find(
    names: dict[str, str],
    pages: Iterable[tuple[int, str, int, str]],
    taken: dict[int, list[tuple[int, int]]],
) -> Iterator[tuple[int, Mention]]:
    """(page id, mention) for each occurrence of a name not overlapping a mention already made.

    At each word, the longest name that starts there and ends at a word boundary is taken;
    names are looked up by their first word, so the cost follows the text, not the names.
    """
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for known in sorted(names, key=len, reverse=True):
        # a name is looked for from its first word on ("(ZGB" is not looked for)
        if first := _WORD.match(known):
            by_first_word[first.group()].append(known)
    for page_id, doc_id, number, text in pages:
        spans = taken.get(page_id, [])
        resume = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < resume:
                continue
            name = _longest_at(text, start, by_first_word.get(word.group(), ()))
            if name is None:
                continue
            end = start + len(name)
            resume = end
            if any(start < e and s < end for s, e in spans):
                continue
            yield (
                page_id,
                Mention(doc_id, number, start, end, name, names[name], "gazetteer", RECOGNIZER),
            )


def _longest_at(text: str, start: int, candidates: Iterable[str]) -> str | None:
    """The first (longest) candidate written at start and not running on into a word."""
    for name in candidates:
        end = start + len(name)
        if text.startswith(name, start) and not _WORD.match(text, end):
            return name
    return None
