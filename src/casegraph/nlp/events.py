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

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..records import Event, Role
from .plover import CATEGORIES
from .syntax import (
    children,
    entities_in,
    is_actor,
    phrase,
    prep_objects,
    sentence_of,
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
# "are expected to deploy": the subject of these verbs does the act they introduce
RAISING_VERBS = word_list("raising_verbs")
# "denied that its fighters had fired": the firing is reported as not having happened
DENYING_VERBS = word_list("denying_verbs")
INTENT_VERBS = word_list("intent_verbs")
UNREAL_MODIFIERS = word_list("unreal_modifiers")
FAILING_VERBS = word_list("failing_verbs")
# nouns of asking, offering and planning: what hangs from them is not (yet) an act
FRAMING_NOUNS = word_list("framing_nouns")
# dependents a lexicon row's "with" word may be found among
_WITH_DEPS = frozenset(
    {"prt", "dobj", "prep", "advmod", "compound", "amod", "nsubjpass", "attr", "pobj", "npadvmod"}
)
# prepositions that say at whom an act is aimed
_AIMED = ("with", "on", "against", "to", "at", "into")
_THING_MODES = frozenset({"release", "return", "access", "confiscate", "destroy"})
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


WARNING_THREAT = Trigger("warn", "VERB", "", "THREATEN", "")


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
        if trigger is None or _embedded(token) or _same_act(token, trigger):
            continue
        if trigger.with_:
            consumed.update(t.i for t in token.subtree if t.lemma_.lower() == trigger.with_)
        event = _code(token, trigger, doc_id, page, offset)
        if event is not None:
            events.append(event)
    return events


def find_events_reread(
    doc: Doc, nlp: Language, doc_id: str, page: int, offset: int = 0
) -> list[Event]:
    """Events, with orders that open a line read again.

    A small model often takes "Move all armour out ..." at the start of a line for a noun;
    the sentence is parsed again with its first letter in lower case (same length, so the
    offsets hold) and the order is coded from that reading.
    """
    events = find_events(doc, doc_id, page, offset)
    have = {e.trigger_start for e in events}
    for sent in doc.sents:
        first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
        if first is None or first.pos_ in ("VERB", "AUX") or not first.is_title:
            continue
        if (first.lower_, "VERB") not in lexicon() or offset + first.idx in have:
            continue
        at = first.idx - sent.start_char
        lowered = sent.text[:at] + first.text[0].lower() + sent.text[at + 1 :]
        for event in find_events(nlp(lowered), doc_id, page, offset + sent.start_char):
            if event.trigger_start == offset + first.idx:
                events.append(event)
    return events


def match(token: Token) -> Trigger | None:
    """The lexicon row a token triggers, if any."""
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ == "NOUN" else None
    if pos is None or (pos == "VERB" and token.dep_ == "amod"):
        return None
    lemma = token.lemma_.lower()
    if lemma == "warn" and pos == "VERB":
        return WARNING_THREAT if _warns_of_action(token) else None
    rows = lexicon().get((lemma, pos))
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


def _warns_of_action(verb: Token) -> bool:
    """ "warned that it would shoot", "warned of countermeasures": a threat, not a report."""
    if any(p.lower_ == "of" for p in children(verb, "prep")):
        return True
    return any(
        a.lower_ in ("would", "will") for c in children(verb, "ccomp") for a in children(c, "aux")
    )


def _embedded(token: Token) -> bool:
    """Whether the token is an action embedded under a threat, demand, offer or plan.

    "threatened to attack" is one threat; so is everything inside what is threatened or
    asked ("... to seize Sittwe if the junta does not withdraw"). A noun with its own actor
    ("Manila's call for talks") is an act of its own even there.
    """
    if token.pos_ == "NOUN" and any(c.dep_ == "poss" for c in token.children):
        return False
    if token.pos_ == "NOUN" and token.dep_ == "compound":
        return True  # "the ceasefire deal": the deal is the act
    node = token
    while node.head is not node:
        head, dep = node.head, node.dep_
        word = head.lemma_.lower()
        if dep in ("xcomp", "ccomp", "dobj", "pobj", "prep") and word in FRAMING_VERBS:
            return not (word == "warn" and not _warns_of_action(head))
        if dep == "ccomp" and word == "warn" and _warns_of_action(head):
            return True
        if dep == "acl" and word in FRAMING_NOUNS:
            return True
        if dep not in ("xcomp", "ccomp", "advcl", "conj", "prep", "pobj", "dobj", "acl"):
            return False
        if match(head) is not None and dep not in ("conj", "xcomp", "advcl"):
            return False
        node = head
    return False


def _same_act(token: Token, trigger: Trigger) -> bool:
    """A purpose clause of the same kind of act: "met ... to discuss", "sent teams to help"."""
    if token.dep_ not in ("xcomp", "advcl"):
        return False
    head = match(token.head)
    return head is not None and head.category == trigger.category


def _code(token: Token, trigger: Trigger, doc_id: str, page: int, offset: int) -> Event | None:
    if trigger.pos == "VERB":
        sources, targets, issued = _verb_roles(token, trigger)
        anchor = token
    else:
        anchor = _light_verb(token) or token
        sources, targets = _noun_roles(token, trigger, anchor)
        issued = False
    order = _ordered(token)
    if order is not None:
        giver = _subject(order)
        sources = [giver] if giver is not None else []
        issued = giver is None
        targets = list(children(order, "dobj")) or targets
    # an order is written at its order word and is not yet an act: it may not be carried out
    said_at = order or token
    category = CATEGORIES[trigger.category]
    roles = [phrase(t, "source", offset) for s in sources for t in with_conjuncts(s)]
    roles += [phrase(t, "target", offset) for s in targets for t in with_conjuncts(s)]
    taken = [(r.start - offset, r.end - offset) for r in roles]
    roles += _place_and_time(token, anchor, taken, offset)
    if issued:
        roles.append(Role("issuer", offset + token.idx, offset + token.idx, ""))
    start, end = sentence_span(sentence_of(token), offset)
    return Event(
        doc_id=doc_id,
        page=page,
        start=start,
        end=end,
        trigger_start=offset + said_at.idx,
        trigger_end=offset + said_at.idx + len(said_at),
        category=trigger.category,
        mode=trigger.mode,
        quad=category.quad,
        intensity=category.intensity,
        roles=roles,
        negated=_negated(token, anchor),
        hypothetical=order is not None or issued or _hypothetical(token, anchor),
        extractor=EXTRACTOR,
    )


def _verb_roles(verb: Token, trigger: Trigger) -> tuple[list[Token], list[Token], bool]:
    """(sources, targets, issued by the document's author) of a verb trigger."""
    sources = [s for s in children(verb, "nsubj") if is_actor(s)]
    if verb.tag_ == "VBN":
        sources += [obj for _, obj in prep_objects(verb, "by")]
    passive = list(children(verb, "nsubjpass"))
    if trigger.category == "MOBILIZE" or trigger.mode == "withdraw":
        # "troops were deployed", "the battery will be pulled back": one's own forces
        sources += passive
        targets = [o for _, o in prep_objects(verb, *_AIMED) if is_actor(o)]
    else:
        targets = _verb_targets(verb, trigger, passive)
    if not sources and not passive and not any(children(verb, "nsubj")):
        inherited = _inherited_subject(verb)
        if inherited is not None:
            if _received(verb, inherited) and trigger.category != "MOBILIZE":
                targets = targets or [inherited]
            else:
                sources = [inherited]
    issued = not sources and _imperative(verb)
    return sources, targets, issued


def _verb_targets(verb: Token, trigger: Trigger, passive: list[Token]) -> list[Token]:
    """Who or what the act is aimed at: an actor object, else where it is aimed, else the thing.

    "imposed sanctions on X" aims at X, "fired missiles at a tanker" at the tanker, "rejected
    Manila's call" at Manila; the goods, weapons and proposals an act moves are not its
    target, except for acts that hit or take things ("shelled the village", "seized the
    port") or give them back ("released the prisoners").
    """
    verbal = CATEGORIES[trigger.category].quad.startswith("verbal")
    objects = [o for o in children(verb, "dobj", "dative") if o.pos_ != "ADP"]
    aimed = [o for _, o in prep_objects(verb, *_AIMED) if not verbal or is_actor(o)]
    if trigger.mode == "withdraw":
        return [o for o in aimed if is_actor(o)]  # what is pulled out is one's own
    actors = [o for o in passive + objects if is_actor(o)]
    owners = [c for o in objects for c in children(o, "poss") if is_actor(c) and c.pos_ != "PRON"]
    takes = trigger.category in ("ASSAULT", "COERCE")
    # "fired missiles at a tanker": the weapon is the object, the tanker the target
    struck = [o for _, o in prep_objects(verb, "at", "on", "against")] if takes else []
    through = [o for x in objects for _, o in prep_objects(x, "of", "on", "to", "against")]
    for found in (
        actors,
        owners,
        struck,
        passive + objects if takes else [],
        aimed,
        [] if verbal else through,
        passive + objects if trigger.mode in _THING_MODES else [],
    ):
        if found:
            return found
    if trigger.category == "THREATEN":
        # "threatened to strike Israeli-linked ships": the threat aims at what would be hit
        return [o for x in children(verb, "xcomp") for o in children(x, "dobj")]
    return []


def _received(verb: Token, subject: Token) -> bool:
    """Whether a subject a verb shares undergoes the act rather than doing it."""
    if verb.dep_ == "acl":
        return verb.tag_ == "VBN"  # "three warships targeted in the Gulf"
    return subject.dep_ == "nsubjpass" and subject.head.lemma_.lower() not in RAISING_VERBS


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it hangs from ("... and seized the port").

    "Ankara praised Baghdad for banning the PKK": Baghdad did the banning.
    """
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
        return next(children(governor, "dobj"), None) or _subject(governor)
    if verb.dep_ in ("conj", "xcomp", "advcl"):
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl":
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
        elif prep == "of" and (trigger.category in _TRANSITIVE_OF or trigger.mode in _THING_MODES):
            targets.append(obj)  # "the shelling of the hospital", "the release of the hostages"
        elif prep == "of" and is_actor(obj):
            sources.append(obj)  # "the withdrawal of the troops"
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
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in DENYING_VERBS:
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in FAILING_VERBS:
            return True
        if node.dep_ not in ("xcomp", "ccomp") or node.head is node:
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


def _place_and_time(
    token: Token, anchor: Token, taken: list[tuple[int, int]], offset: int
) -> list[Role]:
    """The first place and the first date written in the act's clause, else in its sentence."""
    roles: list[Role] = []
    scope = {t.i for t in anchor.subtree} | {t.i for t in token.subtree}
    for kind, labels in (("location", _PLACE_LABELS), ("date", frozenset({"DATE"}))):
        ents = [
            e
            for e in entities_in(sentence_of(token))
            if e.label_ in labels
            and not any(e.start_char < end and start < e.end_char for start, end in taken)
        ]
        inside = [e for e in ents if e.start in scope]
        chosen = (inside or ents)[:1]
        for ent in chosen:
            start = offset + ent.start_char
            roles.append(Role(kind, start, start + len(ent.text), ent.text))
    return roles
