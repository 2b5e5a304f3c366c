"""Small readings of a spaCy parse shared by the event and claim extractors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Role


@cache
def _word_lists() -> dict[str, list[str]]:
    path = resources.files("casegraph.nlp") / "lexicon" / "words.json"
    lists: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return lists


def word_list(name: str) -> frozenset[str]:
    """A named list of words from ``lexicon/words.json`` (actor nouns, modals, ...)."""
    return frozenset(_word_lists()[name])


# nouns that name actors even without a proper name: "the army", "the two sides", "rebels"
ACTOR_NOUNS = word_list("actor_nouns")
# nouns that name one person, not a body of people: "the gunman", "opponents", "a journalist"
PERSON_NOUNS = word_list("person_nouns") | word_list("person_titles")
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who", "its", "their", "his", "her"})
# a row of a table: cells split by tabs, or by as many commas as the row next to it has
_CSV_CELLS = 3
# a site's menu: "The Zarqan Observer | Zarqan | Region | Opinion", "Home · News · Sport"
_MENU_BARS = re.compile(r"\s+[|\u00a6\u00b7\u2022\u00bb\u203a]\s+")
_MENU_ITEMS = 3
_MENU_ITEM_WORDS = 4
_MENU_SMALL_WORDS = frozenset({"and", "of", "the", "&", "-"})
_NP_LEFT = frozenset({"det", "poss", "compound", "amod", "nummod", "nmod", "quantmod", "case"})


def doc_text(doc: Doc) -> str:
    """The text of a parsed piece, made once: spaCy joins every token's text anew on each
    ``doc.text``, and the readers ask for it for every word they code (a fifth of the time
    the events' reader took)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


_TEXT_KEY = "casegraph.text"


def entity_at(token: Token) -> Span | None:
    """The named-entity span the token is part of, if any."""
    if not token.ent_type_:
        return None
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return Span(token.doc, start, end, label=token.ent_type_)


def is_actor(token: Token) -> bool:
    """Whether a noun phrase headed by the token can name someone who acts."""
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in ACTOR_LABELS
    lemma = token.lemma_.lower()
    if lemma in ACTOR_NOUNS or lemma in PERSON_NOUNS:
        return True
    if token.lower_ in PRONOUNS or token.pos_ == "PROPN":
        return True
    # "Israeli jets", "rebel positions": a noun whose modifier names an actor
    return any(
        ((named := entity_at(c)) is not None and named.label_ in ACTOR_LABELS)
        or c.lemma_.lower() in ACTOR_NOUNS
        for c in token.children
        if c.dep_ in ("amod", "compound")
    )


def phrase(token: Token, role: str, offset: int) -> Role:
    """The noun phrase a token heads, as a role span in page offsets."""
    left, right = token.i, token.i
    stack = [token]
    while stack:
        head = stack.pop()
        for child in head.lefts:
            if child.dep_ in _NP_LEFT:
                left = min(left, child.left_edge.i if child.dep_ == "poss" else child.i)
                stack.append(child)
    for child in token.rights:
        if child.dep_ in ("compound", "flat") and child.i == right + 1:
            right = child.i
        elif child.dep_ == "appos" and child.left_edge.i == right + 1:
            # "the analyst Martin Keller": the name in apposition belongs to the phrase
            right = child.i
    for prep in token.rights:
        # "the mining town of Rubaya": the name after "of" is the phrase's own
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == right + 1:
            named = [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
            if named:
                right = named[0].right_edge.i
    ent = entity_at(token)
    if ent is not None:
        left, right = min(left, ent.start), max(right, ent.end - 1)
    doc = token.doc
    while left < right and doc[left].is_punct:
        left += 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    return Role(role, offset + start, offset + end, doc[left : right + 1].text)


def with_conjuncts(token: Token) -> list[Token]:
    """The token and those coordinated with it ("Israel and Hamas")."""
    return [token, *token.conjuncts]


def children(token: Token, *deps: str) -> Iterator[Token]:
    """The token's children with one of the given dependency labels."""
    return (child for child in token.children if child.dep_ in deps)


def prep_objects(token: Token, *preps: str) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs hanging from the token: "with Y", "on Y", "between X and Y"."""
    for prep in children(token, "prep", "agent", "dative"):
        if preps and prep.lower_ not in preps:
            continue
        for obj in children(prep, "pobj"):
            if obj.ent_type_ not in ("DATE", "TIME"):  # "on Sunday" says when, not at whom
                yield prep.lower_, obj


def sentence_of(token: Token) -> Span:
    """The sentence a token is in (spaCy's ``token.sent`` walks the document each time)."""
    doc = token.doc
    index = doc.user_data.get("casegraph_sentences")
    if index is None:
        index = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                index[i] = sent
        doc.user_data["casegraph_sentences"] = index
    sentence: Span = index[token.i]
    return sentence


def entities_in(sent: Span) -> list[Span]:
    """The named entities of a sentence, read once per document."""
    doc = sent.doc
    ents = doc.user_data.get("casegraph_ents")
    if ents is None:
        ents = doc.user_data["casegraph_ents"] = list(doc.ents)
    return [e for e in ents if sent.start <= e.start and e.end <= sent.end]


def sentence_span(sent: Span, offset: int) -> tuple[int, int]:
    """A sentence's page offsets, without surrounding white space."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return offset + start, offset + sent.start_char + len(text.rstrip())


def line_at(text: str, index: int) -> tuple[int, int]:
    """(start, end) of the line that holds the character at ``index``, its line end left out."""
    end = text.find("\n", index)
    return text.rfind("\n", 0, index) + 1, end if end >= 0 else len(text)


def in_table_row(text: str, index: int) -> bool:
    """Whether the character at ``index`` stands in a row of a table: a tab-split line or a
    CSV record."""
    start, end = line_at(text, index)
    line = text[start:end]
    if "\t" in line:
        return True
    cells = line.count(",")
    if cells < _CSV_CELLS:
        return False
    # the lines next to it are found, not cut off the text: this runs at every line end
    before = text[line_at(text, start - 1)[0] : start - 1] if start else ""
    after = text[end + 1 : line_at(text, end + 1)[1]] if end < len(text) else ""
    return cells in (before.count(","), after.count(","))


def menu_line(text: str, index: int) -> bool:
    """Whether the character at ``index`` stands on a site's navigation line: three or more
    short items split by bars or bullets, each in title case (or in a script without case)."""
    start, end = line_at(text, index)
    items = _MENU_BARS.split(text[start:end].strip())
    return len(items) >= _MENU_ITEMS and all(_menu_item(item) for item in items)


def menu_items(text: str, index: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the navigation line at ``index``, in the text."""
    start, end = line_at(text, index)
    found, at = [], start
    for bar in _MENU_BARS.finditer(text, start, end):
        found.append((at, bar.start()))
        at = bar.end()
    return found + [(at, end)]


def _menu_item(item: str) -> bool:
    words = item.split()
    if not words or len(words) > _MENU_ITEM_WORDS or item[-1] in '.,;:!?"':
        return False
    return all(not w[0].islower() or w in _MENU_SMALL_WORDS for w in words)
