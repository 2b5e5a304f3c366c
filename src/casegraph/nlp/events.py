"""Events in parsed text: PLOVER-coded triggers with source, target, place and time spans.

A trigger is a verb or noun of the lexicon (``lexicon/triggers.csv``). A row may ask for
a word among the trigger's dependents (its particle, object or preposition: "pull out",
"exchange prisoners", "open fire"); rows that ask for one win when it is there. Nouns
count when an actor hangs from them ("the army's withdrawal", "a deal between X and Y")
or when they are the object of a light verb ("carried out an attack").

Reads: a spaCy ``Doc`` with a dependency parse and named entities.
Writes: ``Event`` records whose offsets point into the page text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..records import Event, Role
from .plover import CATEGORIES
from .syntax import (
    children,
    is_actor,
    phrase,
    prep_objects,
    sentence_span,
    with_conjuncts,
    word_list,
)

EXTRACTOR = "casegraph-events 1"

# verbs that carry a noun trigger: "carried out an attack", "reached a deal"
LIGHT_VERBS = word_list("light_verbs")
# acts whose embedded action is not coded on its own: "threatened to attack" is a threat
FRAMING_VERBS = word_list("framing_verbs")
# an order to do something is coded as that thing, with the order's giver as its source
ORDER_WORDS = word_list("order_words")
MODALS = word_list("modals")
INTENT_VERBS = word_list("intent_verbs")
UNREAL_MODIFIERS = word_list("unreal_modifiers")
FAILING_VERBS = word_list("failing_verbs")
# dependents a lexicon row's "with" word may be found among
_WITH_DEPS = frozenset(
    {"prt", "dobj", "prep", "advmod", "compound", "amod", "nsubjpass", "attr", "pobj", "npadvmod"}
)
_THEME_FIRST = frozenset({"AID", "COOPERATE", "RETREAT"})
_FRAMING_CATEGORIES = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT"})
_TRANSITIVE_OF = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "SUPPORT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a lemma, its part of speech, an optional dependent, and its coding."""

    lemma: str
    pos: str
    with_: str
    category: str
    mode: str


@cache
def lexicon() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, VERB|NOUN) -> its rows, those that ask for a dependent first."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    path = resources.files("casegraph.nlp") / "lexicon" / "triggers.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            category = CATEGORIES.get(row["category"])
            if category is None or (row["mode"] and row["mode"] not in category.modes):
                raise ValueError(f"triggers.csv: bad coding {row['category']}/{row['mode']}")
            trigger = Trigger(row["lemma"], row["pos"], row["with"], row["category"], row["mode"])
            table.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    for rows in table.values():
        rows.sort(key=lambda t: not t.with_)
    return table


def find_events(doc: Doc, doc_id: str, page: int, offset: int = 0) -> list[Event]:
    """Every coded event in a parsed piece of a page (``offset``: where the piece starts)."""
    events: list[Event] = []
    consumed: set[int] = set()
    for token in doc:
        if token.i in consumed:
            continue
        trigger = match(token)
        if trigger is None or _embedded(token):
            continue
        if trigger.with_:
            consumed.update(t.i for t in token.subtree if t.lemma_.lower() == trigger.with_)
        event = _code(token, trigger, doc_id, page, offset)
        if event is not None:
            events.append(event)
    return events


def match(token: Token) -> Trigger | None:
    """The lexicon row a token triggers, if any."""
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ == "NOUN" else None
    if pos is None or (pos == "VERB" and token.dep_ == "amod"):
        return None
    rows = lexicon().get((token.lemma_.lower(), pos))
    if not rows:
        return None
    near = {t.lemma_.lower() for t in _dependents(token)}
    for row in rows:
        if not row.with_ or row.with_ in near:
            return row
    return None


def _dependents(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in _WITH_DEPS]
    found += [g for c in found if c.dep_ in ("prep", "dobj") for g in c.children]
    return found


def _embedded(token: Token) -> bool:
    """Whether the token is an action embedded under a threat, demand, agreement or other act."""
    head = token.head
    if head is token:
        return False
    if token.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FRAMING_VERBS:
        return True
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj"):
        governor = head.head if token.dep_ == "pobj" else head
        if governor.lemma_.lower() in FRAMING_VERBS or (
            match(governor) is not None and governor.lemma_.lower() not in LIGHT_VERBS
        ):
            return True
    return False


def _code(token: Token, trigger: Trigger, doc_id: str, page: int, offset: int) -> Event | None:
    if trigger.pos == "VERB":
        sources, targets, issued = _verb_roles(token, trigger)
        anchor = token
    else:
        anchor = _light_verb(token) or token
        sources, targets = _noun_roles(token, trigger, anchor)
        issued = False
        if anchor is token and not sources and not targets:
            return None
    if _ordered(token) is not None:
        giver = _subject(_ordered(token))
        sources = [giver] if giver is not None else []
        issued = giver is None
    category = CATEGORIES[trigger.category]
    roles = [phrase(t, "source", offset) for s in sources for t in with_conjuncts(s)]
    roles += [phrase(t, "target", offset) for s in targets for t in with_conjuncts(s)]
    taken = {t.i for s in sources + targets for c in with_conjuncts(s) for t in c.subtree}
    roles += _place_and_time(token, anchor, taken, offset)
    if issued:
        roles.append(Role("issuer", offset + token.idx, offset + token.idx, ""))
    start, end = sentence_span(token.sent, offset)
    return Event(
        doc_id=doc_id,
        page=page,
        start=start,
        end=end,
        trigger_start=offset + token.idx,
        trigger_end=offset + token.idx + len(token),
        category=trigger.category,
        mode=trigger.mode,
        quad=category.quad,
        intensity=category.intensity,
        roles=roles,
        negated=_negated(token, anchor),
        hypothetical=_hypothetical(token, anchor),
        extractor=EXTRACTOR,
    )


def _verb_roles(verb: Token, trigger: Trigger) -> tuple[list[Token], list[Token], bool]:
    """(sources, targets, issued by the document's author) of a verb trigger."""
    sources = list(children(verb, "nsubj"))
    targets = list(children(verb, "nsubjpass"))
    if verb.tag_ == "VBN":
        sources += [obj for _, obj in prep_objects(verb, "by")]
    objects = [o for o in children(verb, "dobj", "dative") if o.pos_ != "ADP"]
    with_objects = [
        obj for _, obj in prep_objects(verb, "with", "on", "against", "to", "at", "into")
    ]
    if trigger.category == "MOBILIZE":
        # "sent troops to Libya": the forces moved are the source's own, not its target
        targets += [o for o in with_objects if is_actor(o)]
    elif trigger.category in _THEME_FIRST and not any(is_actor(o) for o in objects):
        # "supplied fuel to the Brigades": the recipient is the target, not the goods
        targets += [o for o in with_objects if is_actor(o)] or (
            objects if trigger.mode != "withdraw" else []
        )
    else:
        targets += objects or [o for o in with_objects if is_actor(o)]
    if not targets and trigger.category in _FRAMING_CATEGORIES:
        # "threatened to bomb rebel positions": the threat is aimed at what the act would hit
        targets += [o for x in children(verb, "xcomp") for o in children(x, "dobj")]
    sources = [s for s in sources if s.dep_ != "nsubj" or is_actor(s)] or []
    if not sources and not list(children(verb, "nsubj", "nsubjpass")):
        inherited = _inherited_subject(verb)
        if inherited is not None:
            if inherited.dep_ == "nsubjpass":
                targets = targets or [inherited]
            else:
                sources = [inherited]
    issued = not sources and _imperative(verb)
    return sources, targets, issued


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from ("... and seized the port")."""
    if verb.dep_ in ("conj", "xcomp", "advcl"):
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


def _subject(verb: Token) -> Token | None:
    subject = next(children(verb, "nsubj", "nsubjpass"), None)
    if subject is None and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _subject(verb.head)
    return subject


def _imperative(verb: Token) -> bool:
    """A bare verb opening its clause with no subject: "Move all armour out of the district"."""
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "mark")]
    # "Do not fire on the army" is an order too
    if verb.tag_ != "VB" or any(c.lower_ != "do" for c in helpers):
        return False
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and _imperative(verb.head))


def _light_verb(noun: Token) -> Token | None:
    """The verb that carries a noun trigger ("launched an offensive"), if any."""
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in LIGHT_VERBS:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in LIGHT_VERBS:
        return noun.head.head
    return None


def _noun_roles(noun: Token, trigger: Trigger, carrier: Token) -> tuple[list[Token], list[Token]]:
    """(sources, targets) of a noun trigger, and of the light verb carrying it."""
    sources = [c for c in children(noun, "poss", "compound", "amod") if is_actor(c)]
    targets: list[Token] = []
    for prep, obj in prep_objects(noun):
        if prep == "by" or prep == "between":
            sources.append(obj)
        elif prep in ("with", "on", "against", "to", "at") and is_actor(obj):
            targets.append(obj)
        elif prep == "of" and is_actor(obj):
            (targets if trigger.category in _TRANSITIVE_OF else sources).append(obj)
    if carrier is not noun:
        subject = _subject(carrier)
        if subject is not None and not sources:
            sources = [subject]
    return sources, targets


def _ordered(token: Token) -> Token | None:
    """The order word an action hangs from ("ordered them to withdraw", "an order to pull out")."""
    head = token.head
    word = head.lemma_.lower()
    if word in ORDER_WORDS and (
        token.dep_ in ("xcomp", "acl") or (token.dep_ == "ccomp" and word != "tell")
    ):
        return head
    return None


def _negated(token: Token, anchor: Token) -> bool:
    """Whether the text says the act did not happen."""
    if any(c.lower_ in ("no", "never") for c in token.children if c.dep_ in ("det", "neg")):
        return True
    node = anchor
    while True:
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in FAILING_VERBS:
            return True
        if node.dep_ not in ("xcomp",) or node.head is node:
            return False
        node = node.head


def _hypothetical(token: Token, anchor: Token) -> bool:
    """Whether the act is future, conditional, intended or only possible."""
    if any(c.lower_ in UNREAL_MODIFIERS for c in children(token, "amod")):
        return True
    node = anchor
    while True:
        if any(c.lower_ in MODALS for c in children(node, "aux", "auxpass")):
            return True
        if any(c.lower_ in ("if", "unless") for c in children(node, "mark")):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in INTENT_VERBS:
            return True
        if node.dep_ == "xcomp" and node.head.lower_ == "going":
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return False
        node = node.head


def _place_and_time(token: Token, anchor: Token, taken: set[int], offset: int) -> list[Role]:
    """The first place and the first date written in the act's clause, else in its sentence."""
    roles: list[Role] = []
    scope = {t.i for t in anchor.subtree} | {t.i for t in token.subtree}
    for kind, labels in (("location", _PLACE_LABELS), ("date", frozenset({"DATE"}))):
        ents = [e for e in token.sent.ents if e.label_ in labels and e.start not in taken]
        inside = [e for e in ents if e.start in scope]
        chosen = (inside or ents)[:1]
        for ent in chosen:
            start = offset + ent.start_char
            roles.append(Role(kind, start, start + len(ent.text), ent.text))
    return roles
