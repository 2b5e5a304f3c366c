"""The tree a search query is parsed into and its filters (search/query.py writes them, the
store's index reads them), and the words text is cut into, the same for indexed pages and
for queries.

Reads and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import tantivy

# a word is a run of letters and digits (marks that belong to letters, as in Indic scripts,
# included): how the index cuts a page and a term alike, in tantivy's own code
WORDS_ANALYZER = "casegraph-words"


@cache
def analyzer() -> tantivy.TextAnalyzer:
    """tantivy's analyzer that cuts folded text into words (made on first use)."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()


def words(folded: str) -> list[str]:
    """The words of folded text, in order."""
    return analyzer().analyze(folded)


@dataclass(frozen=True)
class Filter:
    """A filter on document metadata; start/end are set (inclusive) for date filters."""

    field: str
    value: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Term:
    """A folded word or phrase (several words in order); prefix when it ended with a star."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Near:
    """Terms at most `distance` words apart, in any order."""

    terms: tuple[Term, ...]
    distance: int


@dataclass(frozen=True)
class And:
    """All positive nodes, none of the negative ones (positive is never empty)."""

    positive: tuple[Node, ...]
    negative: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    """Any of the options."""

    options: tuple[Node, ...]


Node = Term | Near | And | Or


def expression(node: Node) -> str:
    """The node written out with every operator and group explicit: how a query was read."""
    if isinstance(node, Term):
        return '"' + node.text.replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, Near):
        return f"NEAR({' '.join(expression(t) for t in node.terms)}, {node.distance})"
    if isinstance(node, Or):
        return " OR ".join(_grouped(o) for o in node.options)
    text = " AND ".join(_grouped(p) for p in node.positive)
    if node.negative:
        text = text if len(node.positive) == 1 else f"({text})"
        text += "".join(f" NOT {_grouped(n)}" for n in node.negative)
    return text


def _grouped(node: Node) -> str:
    """The node written out, in parentheses unless it is a single term or NEAR group."""
    return expression(node) if isinstance(node, Term | Near) else f"({expression(node)})"
