"""Score named-entity mentions against a public CoNLL-style NER set (WikiGold, CoNLL-2003).

Reads: a CoNLL file (one token and its tag per line, the tag last; blank lines between
sentences; ``-DOCSTART-`` lines between documents), IOB1 or IOB2 tags.
Writes nothing: the documents come back as text with the gold spans at character offsets,
and `mention_f1` compares spans found by a reader with them, exact span and type.

The set's types become casegraph's: PER person, ORG organization, LOC place; MISC has no
casegraph type and is only scored in the four-type comparison of raw spaCy with the set
(`SPACY_CONLL` maps spaCy's labels onto the four).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .entities import Scores

CONLL_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "misc"}
CASEGRAPH_TYPES = ("person", "organization", "place")
# spaCy's OntoNotes labels as the CoNLL types (the usual mapping); the rest are not names
SPACY_CONLL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "misc",
    "EVENT": "misc",
    "WORK_OF_ART": "misc",
    "LAW": "misc",
    "LANGUAGE": "misc",
    "PRODUCT": "misc",
}
# tokens written without a space before them, and after them
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "..."}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}

Span = tuple[int, int]  # (start, end) character offsets into a document's text


@dataclass
class NerDocument:
    """One document of the set: its text as written back from tokens, and its gold spans."""

    id: str
    text: str
    gold: dict[Span, str] = field(default_factory=dict)  # span -> type (person, ..., misc)

    @property
    def split(self) -> str:
        """ "dev" or "heldout": by a hash of the document's text (see `split_of`)."""
        return split_of(self.text)


def split_of(text: str) -> str:
    """Half the documents are dev, half held out, fixed by the SHA-1 of each one's text."""
    return "heldout" if hashlib.sha1(text.encode()).digest()[0] % 2 else "dev"


def read_conll(path: Path) -> list[NerDocument]:
    """The documents of a CoNLL NER file, numbered in file order."""
    documents: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if parts and documents[-1]:
                documents.append([])
            continue
        sentence.append((parts[0], parts[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [_document(f"d{n:04d}", sents) for n, sents in enumerate(documents) if sents]


def _document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> NerDocument:
    """Tokens joined as written prose, sentences by a space; gold spans at their offsets."""
    text = ""
    gold: dict[Span, str] = {}
    quoted = False  # inside a pair of straight double quotes
    last = ""
    for sentence in sentences:
        open_span: tuple[int, str] | None = None
        previous, last_end = "O", 0
        for token, tag in sentence:
            if token == '"':
                quoted = not quoted
            if text and not _glued(last, token, quoted):
                text += " "
            start = len(text)
            text += token
            last = token
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            begins = kind is not None and (tag.startswith("B-") or previous[2:] != kind)
            if open_span is not None and (kind is None or begins):
                gold[(open_span[0], last_end)] = CONLL_TYPES.get(open_span[1], "misc")
                open_span = None
            if begins and kind is not None:
                open_span = (start, kind)
            last_end = len(text)
            previous = tag
        if open_span is not None:
            gold[(open_span[0], last_end)] = CONLL_TYPES.get(open_span[1], "misc")
    return NerDocument(doc_id, text, gold)


def _glued(last: str, token: str, quoted: bool) -> bool:
    """Whether a token follows the last one with no space, as prose is written."""
    if token == '"':
        return not quoted  # a closing quote (the flag has just turned) hugs the word before
    return token in _NO_SPACE_BEFORE or last in _NO_SPACE_AFTER or (last == '"' and quoted)


def mention_f1(
    documents: Iterable[NerDocument],
    found: dict[str, dict[Span, str]],
    types: Iterable[str] = CASEGRAPH_TYPES,
) -> dict[str, Scores]:
    """Exact span-and-type F1 per type and micro-averaged ("micro") over the given types.

    ``found``: document id -> span -> type, as a reader gave them; spans of other types
    are left out on both sides.
    """
    kinds = tuple(types)
    counts: dict[str, Counter[str]] = {k: Counter() for k in (*kinds, "micro")}
    for doc in documents:
        gold = {s: t for s, t in doc.gold.items() if t in kinds}
        have = {s: t for s, t in found.get(doc.id, {}).items() if t in kinds}
        for kind in kinds:
            want = {s for s, t in gold.items() if t == kind}
            got = {s for s, t in have.items() if t == kind}
            for name in (kind, "micro"):
                counts[name].update(gold=len(want), found=len(got), correct=len(want & got))
    return {k: Scores.of(c["correct"], c["gold"], c["found"]) for k, c in counts.items()}


def spacy_spans(doc, labels: dict[str, str]) -> dict[Span, str]:
    """A spaCy doc's entities as spans of the mapped types (others left out)."""
    return {
        (ent.start_char, ent.end_char): labels[ent.label_]
        for ent in doc.ents
        if ent.label_ in labels
    }
