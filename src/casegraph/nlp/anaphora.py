"""Whom a personal pronoun stands for, read from the parse of the text around it.

"Water Corporation was testing the water. It has apologised": "It" is Water Corporation.
The antecedent is the nearest fitting mention before the pronoun, in its own sentence and
then in the two before it, a sentence's subjects first: a person (a name, or a noun such as
"the gunman") for "he" and "she", a named group or a singular group noun for "it", a
plural for "they". A word of the pronoun's own clause is not its antecedent ("Obama praised
him"). First-person pronouns are left to the claims extractor, which knows who speaks.

Reads: a token of a spaCy ``Doc`` with a dependency parse and named entities.
Writes: nothing; returns the token that heads the antecedent's noun phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from .syntax import ACTOR_NOUNS, PERSON_NOUNS, entity_at, sentence_of

_PERSONAL = frozenset({"he", "him", "his", "she", "her"})
_SINGULAR = frozenset({"it", "its"})
_PLURAL = frozenset({"they", "them", "their"})
_GROUP_LABELS = frozenset({"ORG", "GPE"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# how many sentences before the pronoun's own are searched
_REACH = 2


def antecedent(pronoun: Token) -> Token | None:
    """The head of the mention a third-person pronoun stands for, if one fits."""
    word = pronoun.lower_
    fits = _fit(word)
    if fits is None:
        return None
    for window in _windows(pronoun):
        found = [t for t in window if fits(t) and not _same_clause(t, pronoun)]
        subjects = [t for t in found if t.dep_ in _SUBJECTS]
        for group in (subjects, found):
            if group:
                return group[-1]
    return None


def _fit(word: str) -> Callable[[Token], bool] | None:
    """The test a mention passes to stand for a pronoun of this word."""
    if word in _PERSONAL:
        return _is_person
    if word in _SINGULAR:
        return _is_group
    if word in _PLURAL:
        return _is_many
    return None


def _windows(pronoun: Token) -> Iterator[list[Token]]:
    """The words before the pronoun in its sentence, then each sentence before, nearest first."""
    sent = sentence_of(pronoun)
    yield list(pronoun.doc[sent.start : pronoun.i])
    for _ in range(_REACH):
        if sent.start == 0:
            return
        sent = sentence_of(pronoun.doc[sent.start - 1])
        yield list(sent)


def _heads_mention(token: Token) -> bool:
    """Whether a noun heads its phrase: "the gunman", "Karlov" of "Andrei Karlov", not the
    "Karlov" of "the Karlov killing"."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "flat"):
        return False
    ent = entity_at(token)
    return ent is None or token.i == ent.end - 1


def _untagged_name(token: Token) -> bool:
    """A name the model gave no type ("Water Corporation"): a person or a group alike."""
    return token.tag_ == "NNP" and entity_at(token) is None


def _is_person(token: Token) -> bool:
    if not _heads_mention(token):
        return False
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ == "PERSON"
    return _untagged_name(token) or token.tag_ == "NN" and token.lemma_.lower() in PERSON_NOUNS


def _is_group(token: Token) -> bool:
    if not _heads_mention(token):
        return False
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in _GROUP_LABELS
    lemma = token.lemma_.lower()
    group = token.tag_ == "NN" and lemma in ACTOR_NOUNS and lemma not in PERSON_NOUNS
    return group or _untagged_name(token)


def _is_many(token: Token) -> bool:
    if not _heads_mention(token):
        return False
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in ("NORP", "ORG") or any(c.dep_ == "conj" for c in token.children)
    lemma = token.lemma_.lower()
    many = token.tag_ == "NNS" or lemma == "police"
    return many and (lemma in ACTOR_NOUNS or lemma in PERSON_NOUNS)


def _same_clause(candidate: Token, pronoun: Token) -> bool:
    """Whether two words are arguments of one verb ("Obama praised him"), or one holds the
    other ("his staff")."""
    if candidate.head.i == pronoun.head.i and pronoun.dep_ != "poss":
        return True
    return candidate.i == pronoun.head.i
