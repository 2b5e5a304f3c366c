"""Events in parsed text: PLOVER-coded triggers with source, target, place and time spans.

A trigger is a verb or noun of the lexicon (``lexicon/triggers.csv``), or an adjective of it
said of a subject ("Russia is concerned over ..."). A row may ask for a word among the
trigger's dependents (its particle, object or preposition: "pull out", "exchange prisoners",
"open fire"); rows that ask for one win when it is there. Nouns
count when an actor hangs from them ("the army's withdrawal", "a deal between X and Y")
or when they are the object of a light verb ("carried out an attack").

A two-sided act (a withdrawal, a hand-over, a deal, a trade, aid) whose clause names no
other side takes it from another clause of the sentence ("... before the army's advance",
"... and the Brigades took over the port"), else from a writer's "we" or an "I" of the
sentence before; one done "in return" is aimed at whoever did the act of the sentence
before. In a row of a table (a ledger, a CSV record) that names one side only, the other
side is the table's keeper, written as a target role of no words for the linker to give
the document's author. Crossing an actor's checkpoint without being searched or stopped is
passage that actor allowed. An actor written as a pronoun is the mention it stands for
(``anaphora``), and a judgement with no actor object is aimed at the deed it judges.

Reads: a spaCy ``Doc`` with a dependency parse and named entities.
Writes: ``Event`` records whose offsets point into the page text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Event, Role
from . import versions
from .anaphora import antecedent
from .claims import cues
from .events_ar import is_arabic
from .plover import CATEGORIES
from .syntax import (
    ACTOR_LABELS,
    PRONOUNS,
    children,
    doc_text,
    entities_in,
    entity_at,
    in_table_row,
    is_actor,
    line_at,
    phrase,
    prep_objects,
    sentence_of,
    sentence_span,
    with_conjuncts,
    word_list,
)

EXTRACTOR = versions.EVENTS

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
# what armed actors are made of, the ground they hold, and the goods that make aid
FORCE_NOUNS = word_list("force_nouns")
PLACE_NOUNS = word_list("place_nouns")
MATERIEL = word_list("materiel")
# "received aid", "obtained asylum": verbs whose subject is given what their object names
RECEIVING_VERBS = word_list("receiving_verbs")
# what a ban on trade, money or travel stops, and a position one can give up
TRADED = word_list("traded")
STANCE_NOUNS = word_list("stance_nouns")
AID_GOODS = word_list("aid_goods")
AID_CARRIERS = word_list("aid_carriers")
ARRIVAL_VERBS = word_list("arrival_verbs")
PERSON_TITLES = word_list("person_titles")
ADVANCE_VERBS = word_list("advance_verbs")
# "asks me to tell you that the advance will begin": telling someone of a coming operation
TELLING_VERBS = word_list("telling_verbs")
OPERATION_NOUNS = word_list("operation_nouns")
# "crossed the army checkpoint and was not searched": passage the checkpoint's holder allowed
CROSSING_VERBS = word_list("crossing_verbs")
BARRIER_NOUNS = word_list("barrier_nouns")
CHECKING_VERBS = word_list("checking_verbs")
# "troops entered the town": verbs that move forces only when forces go into a place
ENTERING_VERBS = word_list("entering_verbs")
# "to avert war", "on the brink of war": an act spoken of as one that has not come
AVERTING_VERBS = word_list("averting_verbs")
PROSPECT_NOUNS = word_list("prospect_nouns")
# what a verdict or a plea is said with: the charges it is on are no new accusation
VERDICT_WORDS = word_list("verdict_words")
# "a coup attempt": the act itself, tried
ATTEMPT_NOUNS = word_list("attempt_nouns")
# what naming someone or something judges it as: "called him a hero", "called it a disgrace"
PRAISE_WORDS = word_list("praise_words")
BLAME_WORDS = word_list("blame_words")
# words that stand for a number of what they count: "hundreds of troops"
QUANTITY_WORDS = word_list("quantity_words")
# dependents a lexicon row's "with" word may be found among
_WITH_DEPS = frozenset(
    {"prt", "dobj", "prep", "advmod", "compound", "amod", "nsubjpass", "attr", "pobj"}
    | {"npadvmod", "acomp", "oprd", "ccomp"}
)
# dependents that qualify a word: "the dumbest possible way", "provocative and expansionist"
_MODIFIERS = frozenset({"amod", "advmod", "conj"})
# prepositions that say at whom an act is aimed
_AIMED = ("with", "on", "against", "to", "at", "into")
_THING_MODES = frozenset({"release", "return", "access", "confiscate", "destroy"})
_FRAMING_CATEGORIES = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT"})
_TRANSITIVE_OF = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "SUPPORT"})
# acts that judge what they are aimed at, a deed or a measure as much as an actor:
# "condemned the attack", "rejected the agreement"
_JUDGING = frozenset({"ACCUSE", "SUPPORT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# acts between two sides whose other side a sentence often leaves to its other clauses
_TWO_SIDED = frozenset({"RETREAT", "AGREE", "CONCEDE", "COOPERATE", "AID"})
# harm that becomes a threat when promised on a condition, and the threat's mode
_HARM_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations"}
# categories whose nouns name an agreement or a measure more often than a deed
_INSTRUMENTS = frozenset({"AGREE", "SANCTION", "COERCE"})
# "in return", "in exchange for": the nouns of a trade that are not acts of their own
_TRADE_NOUNS = frozenset({"return", "exchange"})
# acts done together, whose noun may set the scene of another act ("in talks with ...")
_JOINT = frozenset({"CONSULT", "COOPERATE"})
_TIME_UNITS = frozenset({"minute", "hour", "day", "night", "week", "month"})
_TIME_PREPS = frozenset({"before", "after", "as", "until"})
# "agreed at the summit", "asked in a meeting": where or when a threat or a demand was made
_SETTING_PREPS = frozenset({"in", "at", "during", "amid"})
_WE = frozenset({"we", "us", "our"})
_ARTICLES = frozenset({"the", "a", "an"})
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# words before a date that make it the bound of a period, not the day of an act
PERIOD_WORDS = frozenset({"since", "until", "till", "through", "throughout"})
_DEPICTING = frozenset({"describe", "detail", "document", "list", "mention", "record", "show"})
_I = frozenset({"i", "me", "my", "we", "us", "our"})
_RELATIVES = frozenset({"who", "whom", "which", "that"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a lemma, its part of speech, an optional dependent, and its coding."""

    lemma: str
    pos: str
    with_: str
    category: str
    mode: str


WARNING_THREAT = Trigger("warn", "VERB", "", "THREATEN", "")
# a warning of no harm the warner would do is disapproval ("warned Kyiv against escalation")
WARNING = Trigger("warn", "VERB", "", "ACCUSE", "disapprove")
LEAVING = Trigger("leave", "VERB", "", "RETREAT", "withdraw")
# "called the escalation 'the dumbest possible way'", "called him a hero": a judgement
NAME_CALLING = Trigger("call", "VERB", "", "ACCUSE", "disapprove")
NAME_PRAISING = Trigger("call", "VERB", "", "SUPPORT", "")
# "troops entered the town", "the city was surrounded by government forces"
ENTERING = Trigger("enter", "VERB", "", "MOBILIZE", "troops")
ARRIVING_AID = Trigger("arrive", "VERB", "", "AID", "")
# "the tanks reached Tell Hamra three days before the army entered": pulled back ahead of it
MOVED_AHEAD = Trigger("reach", "VERB", "", "RETREAT", "withdraw")
TRADE = Trigger("exchange", "VERB", "", "COOPERATE", "")
# PLOVER codes sharing intelligence as cooperation
TIP_OFF = Trigger("tell", "VERB", "", "COOPERATE", "")
PASSAGE = Trigger("cross", "VERB", "", "RETREAT", "access")
# "fought on the same side": allies, not foes
SAME_SIDE = Trigger("fight", "VERB", "", "COOPERATE", "")
# "we received 400 tonnes of diesel from the government side": the giver is the source
RECEIVED_GOODS = Trigger("receive", "VERB", "", "AID", "")


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
        if trigger is None or _same_act(token, trigger):
            continue
        if trigger is not TIP_OFF and _embedded(token) or _only_in_prospect(token):
            continue
        if _instrument_of_act(token, trigger):
            continue
        if trigger.with_:
            # "signed a memorandum of understanding": the row's word and what it is "of"
            for word in (t for t in token.subtree if _lemma(t) == trigger.with_):
                consumed.update(t.i for t in (word, *_of_objects(word)))
        event = _code(token, trigger, doc_id, page, offset)
        if event is not None:
            if not _roles_of(event, "target"):
                before = _just_before(token, events, offset)
                if _in_return(token):
                    _answer(event, before)
                elif event.category in _TWO_SIDED:
                    _meeting_party(event, before)
            events.append(event)
    return events


def _in_return(verb: Token) -> bool:
    """ "In return, the militia will ...": an act answering the one written before it."""
    return any(
        obj.lemma_.lower() in _TRADE_NOUNS and not _trade_for(obj)
        for _, obj in prep_objects(verb, "in")
    )


def _trade_for(noun: Token) -> bool:
    """Whether "return" or "exchange" goes on to say what for: "in exchange for cash"."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return following is not None and following.lower_ == "for"


def _just_before(token: Token, events: list[Event], offset: int) -> list[Event]:
    """The events of the sentence before the token's, in text order."""
    sent = sentence_of(token)
    if sent.start == 0:
        return []
    start = offset + sentence_of(token.doc[sent.start - 1]).start_char
    return [e for e in events if start <= e.trigger_start < offset + sent.start_char]


def _answer(event: Event, before: list[Event]) -> None:
    """An act done in return is aimed at whoever did the last act it answers."""
    done = [e for e in before if _roles_of(e, "source")]
    if done:
        event.roles += [
            Role("target", r.start, r.end, r.text) for r in _roles_of(done[-1], "source")
        ]


def _meeting_party(event: Event, before: list[Event]) -> None:
    """An act one party of a meeting told of the sentence before ("X met Y. X said ... will be
    pulled back") is aimed at the meeting's other party."""
    doers = {w.lower() for r in _roles_of(event, "source") for w in r.text.split()} - _ARTICLES
    for meeting in (e for e in before if e.category == "CONSULT"):
        parties = _roles_of(meeting, "source", "target")
        others = [r for r in parties if not doers & {w.lower() for w in r.text.split()}]
        if doers and len(others) < len(parties) and others:
            event.roles.append(Role("target", others[0].start, others[0].end, others[0].text))
            return


def _roles_of(event: Event, *kinds: str) -> list[Role]:
    return [r for r in event.roles if r.role in kinds]


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
    pos = _part_of_speech(token)
    if pos is None or (pos == "VERB" and token.dep_ == "amod"):
        return None
    lemma = _hyphenated(token, pos) or _lemma(token)
    if pos == "VERB" and lemma in TELLING_VERBS:
        return TIP_OFF if _tells_of_operation(token) else None
    if pos == "VERB" and lemma in CROSSING_VERBS:
        return PASSAGE if _barrier_owners(token) and _passed_unchecked(token) else None
    if pos == "VERB" and lemma == "fight" and _on_same_side(token):
        return SAME_SIDE
    if pos == "VERB" and lemma in RECEIVING_VERBS and _givers_of_goods(token):
        return RECEIVED_GOODS
    if pos == "VERB" and lemma == "call" and (judged := _judged_as(token)) is not None:
        return judged
    if pos == "VERB" and lemma in ("warn", "leave", *ARRIVAL_VERBS):
        return _read_verb(token, lemma)
    if pos == "NOUN" and lemma in _TRADE_NOUNS and _trade_idiom(token):
        return None  # "in return", "in exchange for cash": how a trade is said, not an act
    if pos == "NOUN" and lemma == "charge" and _verdict_on(token):
        return None  # "found guilty of 16 charges": the charges are what the verdict is on
    if pos == "NOUN" and lemma == "support" and _in_support_of(token):
        return None  # "a rally in support of the people": the rally is the act
    if pos == "VERB" and lemma in ENTERING_VERBS:
        return ENTERING if _forces_enter(token) else None
    rows = lexicon().get((lemma, pos))
    if not rows:
        return None
    near = {_lemma(t): t for t in _dependents(token)}
    for row in rows:
        if not row.with_:
            return row
        if row.with_ in near:
            # "found not guilty", "pleaded not guilty": an acquittal, a denial
            return None if _negated_word(near[row.with_]) else row
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _negated_word(token: Token) -> bool:
    """ "not guilty": a word with its own negation."""
    before = token.doc[token.i - 1] if token.i else None
    return any(c.dep_ == "neg" for c in token.children) or (
        before is not None and before.lower_ == "not"
    )


def _hyphenated(token: Token, pos: str) -> str | None:
    """The lexicon's word written with a hyphen that ends at this token ("cease-fire", which
    spaCy reads as three tokens), or None."""
    if token.i < 2 or token.doc[token.i - 1].text != "-":
        return None
    first = token.doc[token.i - 2]
    if first.whitespace_ or token.doc[token.i - 1].whitespace_:
        return None
    joined = f"{first.lower_}-{token.lemma_.lower()}"
    return joined if (joined, pos) in lexicon() else None


def _written_from(token: Token) -> Token:
    """The first token of the trigger as written: "cease" of "cease-fire"."""
    pos = _part_of_speech(token)
    return token.doc[token.i - 2] if pos and _hyphenated(token, pos) else token


def _part_of_speech(token: Token) -> str | None:
    """VERB, NOUN, or ADJ for an adjective said of the subject ("Russia is concerned")."""
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return "ADJ" if token.pos_ == "ADJ" and token.dep_ == "acomp" else None


def _read_verb(verb: Token, lemma: str) -> Trigger | None:
    """Verbs that are acts only in some uses: a warning of action, leaving ground, aid arriving."""
    if lemma == "warn":
        return WARNING_THREAT if _warns_of_action(verb) else WARNING
    if lemma == "leave":
        return LEAVING if _leaves_ground(verb) else None
    if _aid_arrives(verb):
        return ARRIVING_AID
    return MOVED_AHEAD if _moved_ahead(verb) else None


def _on_same_side(verb: Token) -> bool:
    return any(
        o.lemma_.lower() == "side" and any(c.lower_ == "same" for c in o.children)
        for _, o in prep_objects(verb, "on")
    )


def _givers_of_goods(verb: Token) -> list[Token]:
    """Who goods received came from ("received 400 tonnes of diesel from the government"),
    when what was received is goods."""
    goods = any(
        _is_goods(o) or any(_is_goods(p) for _, p in prep_objects(o, "of"))
        for o in children(verb, "dobj")
    )
    return [o for _, o in prep_objects(verb, "from") if is_actor(o)] if goods else []


def _is_goods(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in TRADED or lemma in AID_GOODS or lemma in MATERIEL


def _tells_of_operation(verb: Token) -> bool:
    """ "asks me to tell you that the advance will begin": telling a listener of an armed move
    still to come, which is passing on intelligence rather than reporting it."""
    listener = any(_listeners(verb))
    for clause in children(verb, "ccomp"):
        coming = any(a.lower_ in ("will", "would", "is", "are") for a in children(clause, "aux"))
        subject = next(children(clause, "nsubj"), None)
        if listener and coming and subject is not None:
            return subject.lemma_.lower() in OPERATION_NOUNS
    return False


def _listeners(verb: Token) -> list[Token]:
    """Who is told: "you" or a named party, not "reporters" or "the public"."""
    told = children(verb, "dobj", "dative")
    return [t for t in told if t.lower_ == "you" or entity_at(t) is not None and is_actor(t)]


def _barriers(verb: Token) -> list[Token]:
    """What a crossing verb crosses: "crossed the checkpoint", "drove through the gate"."""
    crossed = list(children(verb, "dobj")) + [o for _, o in prep_objects(verb, "through")]
    return [c for c in crossed if c.lemma_.lower() in BARRIER_NOUNS]


def _barrier_owners(verb: Token) -> list[Token]:
    """Who holds what is crossed: "the army checkpoint", "the rebels' roadblock"."""
    held = [c for b in _barriers(verb) for c in children(b, "poss", "compound", "amod")]
    return [h for h in held if is_actor(h) and h.pos_ != "PRON"]


def _passed_unchecked(verb: Token) -> bool:
    """ "... and was not searched", "without being stopped": let through by whoever checks."""
    unchecked = [c for c in children(verb, "conj") if any(children(c, "neg"))]
    for prep in children(verb, "prep"):
        if prep.lower_ == "without":
            unchecked += children(prep, "pcomp", "pobj")
    return any(c.lemma_.lower() in CHECKING_VERBS for c in unchecked)


def _trade_idiom(noun: Token) -> bool:
    """ "in return", "in exchange (for)": the bare noun after "in"."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and not any(c.dep_ in ("det", "poss") for c in noun.children)
    )


def _leaves_ground(verb: Token) -> bool:
    """ "the troops left the town": a force giving up ground, not someone leaving for a trip,
    leaving a thing behind or leaving a meeting."""
    if any(children(verb, "nsubjpass", "auxpass")):
        return False
    if any(p.lower_ == "for" for p in children(verb, "prep")):
        return False
    if any(children(verb, "oprd", "xcomp", "acomp", "ccomp")):
        return False  # "left the town in ruins", "left them weakened"
    subject = _subject(verb) or _inherited_subject(verb)
    ground = [o for o in children(verb, "dobj") if _is_ground(o)]
    # "the tanks had left days before the Legion arrived": the ground is the one taken
    things = [
        o for o in children(verb, "dobj") if not _span_of_time(o) and o.lower_ not in _RELATIVES
    ]
    ahead = not things and any(map(_before_another, children(verb, "advcl")))
    return (bool(ground) or ahead) and subject is not None and _is_force(subject)


def _span_of_time(token: Token) -> bool:
    """ "days", "two hours": how long before, which a small parser takes for an object."""
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in _TIME_UNITS


def _before_another(clause: Token) -> bool:
    """A clause of an actor doing something after: "before the Legion arrived"."""
    return any(m.lower_ == "before" for m in children(clause, "mark")) and any(
        is_actor(s) for s in children(clause, "nsubj")
    )


def _is_ground(token: Token) -> bool:
    """A place or a place noun ("left Kherson", "left the port"), not a group ("left NATO")."""
    if token.lemma_.lower() in PLACE_NOUNS:
        return True
    ent = entity_at(token)
    if ent is not None:
        # a small model takes many a town for a person
        return ent.label_ in _PLACE_LABELS or ent.label_ == "PERSON"
    return token.pos_ == "PROPN"


def _is_force(token: Token) -> bool:
    """Whether a noun names an armed actor or a part of one: a group, "the troops", "tanks"."""
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in ("ORG", "NORP", "GPE")
    return any(t.lemma_.lower() in FORCE_NOUNS for t in with_conjuncts(token))


def _verdict_on(noun: Token) -> bool:
    """Whether a noun hangs (through prepositions) from a verdict, a sentence or a plea."""
    node = noun
    for _ in range(4):
        if node.head is node:
            return False
        node = node.head
        if _lemma(node) in VERDICT_WORDS:
            return True
        if node.pos_ not in ("ADP", "NUM", "NOUN", "ADJ"):
            return False
    return False


def _in_support_of(noun: Token) -> bool:
    """ "in support of": the purpose of another act, not an act of its own."""
    return noun.head.lower_ == "in" and any(c.lower_ == "of" for c in noun.children)


def _judged_as(verb: Token) -> Trigger | None:
    """What "call" judges its object as: 'called the plan "a disgrace"' is disapproval,
    "called him a true friend" praise. Naming ("called their son John", "a group calling
    itself the Islamic State"), a number ("call 1-888-...") and a participle that says how
    another act judged ("rejected the demand, calling it politically motivated") judge
    nothing; nor does a word that is neither praise nor blame ("called the result
    legitimate")."""
    named = next(children(verb, "dobj"), None)
    participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl")
    if named is None or named.like_num or participle:
        return None
    for said in (*children(verb, "oprd", "xcomp", "attr", "acomp"), *children(named, "appos")):
        if said.pos_ not in ("NOUN", "ADJ") or _negated_word(said):
            continue
        words = {_lemma(t) for t in (said, *_modifiers(said))}
        if words & BLAME_WORDS:
            return NAME_CALLING
        if words & PRAISE_WORDS:
            return NAME_PRAISING
    return None


def _modifiers(word: Token) -> list[Token]:
    """A word's modifiers and theirs, and what it is coordinated with: "dumbest" in "the
    dumbest possible way", "expansionist" in "provocative and expansionist"."""
    near = [c for c in word.children if c.dep_ in _MODIFIERS]
    return near + [g for c in near for g in c.children if g.dep_ in _MODIFIERS]


def _forces_enter(verb: Token) -> bool:
    """ "Russian troops entered the town", "the city was surrounded by government forces": a
    state, a body or an armed force going into or around a place, not "Apple entered talks"
    or "a ban on Muslims entering the country"."""
    places = [*children(verb, "dobj"), *children(verb, "nsubjpass")]
    doers = [*children(verb, "nsubj")]
    doers += [o for a in children(verb, "agent") for o in children(a, "pobj")]
    return any(_is_place_word(p) for p in places) and any(_is_armed(d) for d in doers)


def _is_place_word(token: Token) -> bool:
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in _PLACE_LABELS
    return _lemma(token) in PLACE_NOUNS


def _is_armed(token: Token) -> bool:
    """A state, a body or an armed force ("Russia", "the army", "rebel fighters"), not a
    people or a person ("Muslims", "the singer")."""
    ent = entity_at(token)
    if ent is not None and ent.label_ in ("ORG", "GPE") and ent.root == token:
        return True
    return _lemma(token) in FORCE_NOUNS


def _aid_arrives(verb: Token) -> bool:
    """ "Two trucks of medicine reached the clinic": aid (or what carries it) arriving."""
    subject = next(children(verb, "nsubj"), None)
    if subject is None:
        return False
    head = subject.lemma_.lower()
    carried = any(t.lemma_.lower() in AID_GOODS for t in subject.subtree)
    return head in AID_GOODS or (head in AID_CARRIERS and carried)


def _moved_ahead(verb: Token) -> bool:
    """ "All tanks reached Tell Hamra before the army entered Wadi Sirr": forces moving away
    ahead of another side's advance."""
    subject = next(children(verb, "nsubj"), None)
    if subject is None or not _is_force(subject):
        return False
    for clause in _side_clauses(verb):
        before = any(m.lower_ == "before" for m in children(clause, "mark"))
        advancing = clause.lemma_.lower() in ADVANCE_VERBS
        if before and advancing and any(is_actor(s) for s in children(clause, "nsubj")):
            return True
    return any(obj.lemma_.lower() in OPERATION_NOUNS for _, obj in prep_objects(verb, "before"))


def _dependents(token: Token) -> list[Token]:
    """Words a lexicon row's "with" word may be: the token's particles, objects and
    prepositions, the "for" of a clause it asks for ("called for X to leave"), and for a verb
    in a relative clause the noun it tells of ("the envoys who were expelled"), and the noun
    a number stands for ("expelled 23 of its diplomats")."""
    found = [c for c in token.children if c.dep_ in _WITH_DEPS]
    found += [g for c in found if c.dep_ in ("prep", "dobj") for g in c.children]
    found += _counted_nouns(found)
    found += [m for c in token.children if _for_clause(c) for m in children(c, "mark")]
    if token.pos_ in ("VERB", "AUX") and token.dep_ in ("relcl", "acl"):
        found.append(token.head)
    return found


def _of_objects(noun: Token) -> list[Token]:
    """What a noun is "of": "understanding" in "memorandum of understanding"."""
    return [o for p in children(noun, "prep") if p.lower_ == "of" for o in children(p, "pobj")]


def _counted_nouns(found: list[Token]) -> list[Token]:
    """ "expelled 23 of its diplomats", "hundreds of troops were sent": the noun an object or
    a passive subject counts."""
    counts = [
        c
        for c in found
        if c.dep_ in ("dobj", "nsubjpass") and (c.pos_ == "NUM" or _lemma(c) in QUANTITY_WORDS)
    ]
    return [o for c in counts for o in _of_objects(c)]


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
        # "the ceasefire deal": the deal is the act; "a coup attempt" is a coup
        return token.head.lemma_.lower() not in ATTEMPT_NOUNS
    node = token
    while node.head is not node:
        head, dep = node.head, node.dep_
        word = head.lemma_.lower()
        framed = dep in ("xcomp", "ccomp", "dobj", "pobj") or _for_clause(node)
        framed = framed or dep == "prep" and node.lower_ not in _SETTING_PREPS
        if framed and word in FRAMING_VERBS:
            return not (word == "warn" and not _warns_of_action(head))
        if dep == "ccomp" and word == "warn" and _warns_of_action(head):
            return True
        if (dep == "acl" or _for_clause(node)) and word in FRAMING_NOUNS:
            return True
        if dep not in ("xcomp", "ccomp", "advcl", "conj", "prep", "pobj", "dobj", "acl"):
            return False
        if match(head) is not None and dep not in ("conj", "xcomp", "advcl"):
            return False
        node = head
    return False


def _only_in_prospect(token: Token) -> bool:
    """ "to avert all-out war", "on the brink of war": an act feared or kept off, not done."""
    if token.pos_ != "NOUN":
        return False
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in AVERTING_VERBS:
        return True
    return (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in PROSPECT_NOUNS
        and not any(c.dep_ == "poss" for c in head.head.children)
    )


def _instrument_of_act(noun: Token, trigger: Trigger) -> bool:
    """ "lifted the sanctions", "signed a treaty", "scuttled the deal": an agreement or a
    measure that another act takes, makes or ends is that act's object, not an act of its own."""
    if noun.pos_ != "NOUN" or trigger.category not in _INSTRUMENTS:
        return False
    if noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    return match(noun.head) is not None


def _for_clause(node: Token) -> bool:
    """ "called for the allies to organise forces": a clause opened by "for", hung from the verb
    or noun that asks for it."""
    return node.dep_ == "advcl" and any(m.lower_ == "for" for m in children(node, "mark"))


def _same_act(token: Token, trigger: Trigger) -> bool:
    """A purpose clause of the same kind of act: "met ... to discuss", "sent teams to help"."""
    if token.dep_ not in ("xcomp", "advcl"):
        return False
    head = match(token.head)
    return head is not None and head.category == trigger.category


def _recoded(token: Token, trigger: Trigger) -> Trigger:
    """The row's coding, changed by what the act is done to.

    A ban or a restriction of trade, money or travel is a sanction ("banned imports of
    wine"); a pull-back of a demand, a bill or a claim is a concession ("withdrew its
    demand").
    """
    objects = {t.lemma_.lower() for t in _affected(token)}
    if trigger.category == "COERCE" and trigger.mode in ("ban", "restrict") and objects & TRADED:
        return Trigger(trigger.lemma, trigger.pos, trigger.with_, "SANCTION", "")
    if _pulls_back(trigger) and objects & STANCE_NOUNS:
        return Trigger(trigger.lemma, trigger.pos, trigger.with_, "CONCEDE", "")
    return trigger


def _affected(token: Token) -> list[Token]:
    """What an act is done to: a verb's objects, a noun's "on", "of", "for" or "against"
    phrase, and what those hold ("imports of wine")."""
    if token.pos_ in ("VERB", "AUX"):
        found = list(children(token, "dobj", "nsubjpass"))
        found += [o for _, o in prep_objects(token, "on", "against", "to")]
    else:
        found = [o for _, o in prep_objects(token, "on", "of", "for", "against")]
    found = [m for f in found for m in with_conjuncts(f)]
    return found + [o for f in found for _, o in prep_objects(f, "of", "from", "to")]


def _code(token: Token, trigger: Trigger, doc_id: str, page: int, offset: int) -> Event | None:
    trigger = _recoded(token, trigger)
    if trigger.category in ("RETREAT", "AID") and trigger.mode != "release" and _traded(token):
        trigger = TRADE  # "handed diesel to them in exchange for wheat" is a trade
    sources, targets, anchor, issued = _sides(token, trigger)
    condition = _condition(anchor) if trigger.category in _HARM_MODES else None
    if condition is not None:
        # "will fight back if the U.S. persists": harm promised on a condition is a threat
        mode = trigger.mode if trigger.mode in CATEGORIES["THREATEN"].modes else ""
        mode = mode or _HARM_MODES[trigger.category]
        trigger = Trigger(trigger.lemma, trigger.pos, "", "THREATEN", mode)
        targets = targets or [s for s in children(condition, "nsubj") if is_actor(s)]
    order = _ordered(token)
    if order is not None:
        giver = _subject(order)
        sources = [giver] if giver is not None else []
        issued = giver is None
        targets = list(children(order, "dobj")) or targets
    if trigger is TIP_OFF:
        targets = _listeners(token)
    sources = [_owner(_antecedent(s)) for s in sources]
    targets = [_owner(_antecedent(t)) for t in targets]
    if _pulls_back(trigger):
        sources = [_announcer(s) or s for s in sources]
    if trigger is TRADE:
        # the goods a trade moves are not its target; whose goods they are is a side of it
        sources += [o for o in _goods_owners(token) if o not in sources]
        targets = [t for t in targets if is_actor(t)]
    row = trigger.category in _TWO_SIDED and _table_row(token)
    if row:
        sources = sources or _suppliers(token)
    if trigger.category in _TWO_SIDED and not any(is_actor(t) for t in targets):
        targets = _counterparts(token, sources, targets) or targets
    # a ledger row names whom its keeper dealt with: the keeper is the other side
    kept = row and bool(sources) and not any(is_actor(t) for t in targets)
    # an order is written at its order word and is not yet an act: it may not be carried out
    said_at = order or token
    category = CATEGORIES[trigger.category]
    roles = [phrase(t, "source", offset) for s in sources for t in with_conjuncts(s)]
    roles += [phrase(t, "target", offset) for s in targets for t in with_conjuncts(s)]
    taken = [(r.start - offset, r.end - offset) for r in roles]
    roles += _place_and_time(token, anchor, taken, offset)
    if issued:
        roles.append(Role("issuer", offset + token.idx, offset + token.idx, ""))
    if kept:
        roles.append(Role("target", offset + token.idx, offset + token.idx, ""))
    start, end = sentence_span(sentence_of(token), offset)
    # a threat is made now, whatever it promises
    unreal = order is not None or issued or _hypothetical(token, anchor)
    return Event(
        doc_id=doc_id,
        page=page,
        start=start,
        end=end,
        trigger_start=offset + _written_from(said_at).idx,
        trigger_end=offset + said_at.idx + len(said_at),
        category=trigger.category,
        mode=trigger.mode,
        quad=category.quad,
        intensity=category.intensity,
        roles=roles,
        negated=_negated(token, anchor),
        hypothetical=condition is None and unreal,
        extractor=EXTRACTOR,
    )


def _sides(token: Token, trigger: Trigger) -> tuple[list[Token], list[Token], Token, bool]:
    """(sources, targets, the word the clause hangs on, whether the act is issued by no
    one named) as the kind of trigger finds them."""
    if trigger is ARRIVING_AID:
        sources, targets = _arrival_roles(token)
        return sources, targets, token, False
    if trigger is RECEIVED_GOODS:
        return _givers_of_goods(token), list(children(token, "nsubj")), token, False
    if trigger is PASSAGE:
        return _barrier_owners(token), list(children(token, "nsubj")), token, False
    if trigger.pos == "VERB":
        sources, targets, issued = _verb_roles(token, trigger)
        if trigger is SAME_SIDE:  # the side is no one: allies are named "with" or "as"
            targets = [o for _, o in prep_objects(token, "with", "as") if is_actor(o)]
        return sources, targets, token, issued
    if trigger.pos == "ADJ":
        sources, targets = _stance_roles(token)
        return sources, targets, token.head, False
    anchor = _light_verb(token) or token
    sources, targets = _noun_roles(token, trigger, anchor)
    return sources, targets, anchor, False


def _condition(anchor: Token) -> Token | None:
    """The "if" clause of a harm the speaker says will follow: "will fight back if X persists"."""
    if not any(a.lower_ in ("will", "would", "shall") for a in children(anchor, "aux")):
        return None
    for clause in children(anchor, "advcl"):
        if any(m.lower_ in ("if", "unless") for m in children(clause, "mark")):
            return clause
    return None


def _traded(verb: Token) -> bool:
    """ "... in exchange for wheat", "waved containers through in return for cash": given as
    one side of a trade (the phrase may hang from the goods)."""
    return any(
        t.lemma_.lower() in _TRADE_NOUNS and _trade_for(t) and _clause_of(t).i == verb.i
        for t in verb.subtree
        if t.dep_ == "pobj" and t.head.lower_ == "in"
    )


def _table_row(token: Token) -> bool:
    """Whether a word stands in a row of a table: a ledger's tab-split line or a CSV record."""
    return in_table_row(doc_text(token.doc), token.idx)


def _suppliers(token: Token) -> list[Token]:
    """Actors whose goods an act moves: "diesel from army stocks"."""
    return [o for t in token.subtree for _, o in prep_objects(t, "from") if is_actor(o)]


def _clause_of(token: Token) -> Token:
    """The verb whose clause a word is in."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _goods_owners(verb: Token) -> list[Token]:
    """Whose goods a verb moves: "handed army diesel", "fuel from army stocks"."""
    goods = list(children(verb, "dobj"))
    goods += [g for o in goods for _, g in prep_objects(o, "of")]
    owners = [c for g in goods for c in children(g, "poss", "compound") if is_actor(c)]
    return owners + [o for g in goods for _, o in prep_objects(g, "from") if is_actor(o)]


def _arrival_roles(verb: Token) -> tuple[list[Token], list[Token]]:
    """(sources, targets) of aid arriving: whose it is or where it came from, where it arrived."""
    subject = next(children(verb, "nsubj"))
    sources = [c for c in children(subject, "poss") if is_actor(c)]
    sources += [o for t in subject.subtree for _, o in prep_objects(t, "from") if is_actor(o)]
    reached = list(children(verb, "dobj"))
    return sources, reached or [o for _, o in prep_objects(verb, "to", "at", "in") if is_actor(o)]


def _antecedent(token: Token) -> Token:
    """The noun a pronoun stands for: "the envoys who were expelled" expelled envoys; "Water
    Corporation ... It has apologised" is Water Corporation's apology."""
    clause = token.head
    if token.lower_ in _RELATIVES and clause.dep_ == "relcl" and clause.head is not clause:
        return clause.head
    return antecedent(token) or token


def _owner(token: Token) -> Token:
    """The named actor a force or a thing belongs to ("the tanks of the Brigades"), else itself.

    "tanks, armoured vehicles and heavy guns of the Brigades": the owner may follow the
    last of several coordinated nouns.
    """
    if entity_at(token) is not None:
        return token
    if is_actor(token) and token.lemma_.lower() not in FORCE_NOUNS:
        return token  # "the leader of the rebels" acts himself
    for member in with_conjuncts(token):
        for _, obj in prep_objects(member, "of"):
            ent = entity_at(obj)
            if ent is not None and ent.label_ in ACTOR_LABELS:
                return obj
    return token


def _announcer(force: Token) -> Token | None:
    """Who announces a pull-back of a unit nobody is said to own: "The captain said that the
    battery will be pulled back" speaks of his own battery."""
    if entity_at(force) is not None or force.lemma_.lower() not in FORCE_NOUNS:
        return None
    if any(is_actor(c) for c in children(force, "poss", "compound", "amod")):
        return None
    clause = force.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in cues():
        return None
    # one announces one's own moves to come; a witness tells of anyone's that were made
    if not any(a.lower_ in ("will", "would", "shall") for a in children(clause, "aux")):
        return None
    speaker = next(children(clause.head, "nsubj"), None)
    if speaker is None or speaker.lower_ in PRONOUNS:
        return None
    ent = entity_at(speaker)
    named = ent is not None and ent.label_ in ACTOR_LABELS
    return speaker if named or speaker.lemma_.lower() in PERSON_TITLES else None


def _counterparts(token: Token, sources: list[Token], targets: list[Token]) -> list[Token]:
    """The other side of a two-sided act when its clause names none.

    Another clause of the sentence names it ("... before the army entered", "... and the
    Brigades will take over the port", "before the army's advance"); failing that, a
    writer's "we", "our" in the sentence, or an "I" in the sentence before. A joint act has
    its sides in its subject.
    """
    members = [m for s in sources for m in with_conjuncts(s)]
    # "tanks and heavy guns" are one side's weapons; "the army and the Brigades" are two sides
    sides = [m for m in members if m.lemma_.lower() not in MATERIEL]
    if len(sides) > 1 or _only_depicted(token):
        return []
    own = {t.i for m in members + targets for t in m.subtree}
    clauses = [c for c in _side_clauses(token) if c.pos_ == "VERB"]
    if token.dep_ == "conj":
        clauses.append(token.head)
    found = [s for c in clauses for s in children(c, "nsubj") if is_actor(s)]
    for prep in children(token, "prep"):
        if prep.lower_ in _TIME_PREPS:
            for obj in children(prep, "pobj"):
                found += [c for c in children(obj, "poss") if is_actor(c)]
                found += [o for _, o in prep_objects(obj, "of") if is_actor(o)]
    found = [f for f in found if f.i not in own]
    if not found:
        found = [t for t in sentence_of(token) if t.lower_ in _WE and t.i not in own]
    if not found:
        found = _writer_before(token)
    if not found and not any(is_actor(t) for t in sentence_of(token) if t.i not in own):
        found = _next_sentence_actors(token, members)
    return found[:1]


def _side_clauses(token: Token) -> list[Token]:
    """The clauses joined to a word's own: "... before the army entered", "... and they left".

    A small model may hang one from the place an act reached ("reached Tell Hamra ...").
    """
    found = [c for c in token.children if c.dep_ in ("advcl", "conj")]
    return found + [c for obj in children(token, "dobj") for c in children(obj, "advcl")]


def _only_depicted(token: Token) -> bool:
    """Whether the act is what something describes ("papers that describe exchanges of
    fuel"): the one who writes of it is no party to it."""
    return token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_ in _DEPICTING


def _writer_before(token: Token) -> list[Token]:
    """The writer, when the sentence before speaks as "I" or "we": "I propose to ask the
    army ... Haddad says the general will agree"."""
    start = sentence_of(token).start
    if start == 0:
        return []
    return [t for t in sentence_of(token.doc[start - 1]) if t.lower_ in _I][:1]


def _next_sentence_actors(token: Token, sources: list[Token]) -> list[Token]:
    """Actors the next sentence names, when the act's own sentence names no other side:
    "1. Move all armour out of the district. 2. Do not fire on army columns ..."."""
    end = sentence_of(token).end
    if end >= len(token.doc):
        return []
    following = sentence_of(token.doc[end])
    if is_arabic(following.text):
        return []  # the English parse of Arabic words names nobody
    own = {s.lemma_.lower() for s in sources}
    return [
        t
        for t in following
        if t.lower_ not in PRONOUNS and t.lemma_.lower() not in own and _names_other(t)
    ]


def _names_other(token: Token) -> bool:
    """A named actor, or a noun held by one ("army columns"), at the head of its phrase."""
    if token.dep_ == "compound":
        return False
    ent = entity_at(token)
    if ent is not None:
        return ent.label_ in ACTOR_LABELS
    return token.pos_ == "NOUN" and is_actor(token)


def _verb_roles(verb: Token, trigger: Trigger) -> tuple[list[Token], list[Token], bool]:
    """(sources, targets, issued by the document's author) of a verb trigger."""
    # what pulls back is a force, named or not: "the armoured column withdrew"
    withdrawing = _pulls_back(trigger)
    sources = [s for s in children(verb, "nsubj") if is_actor(s) or withdrawing and _is_force(s)]
    if verb.tag_ == "VBN":
        sources += [obj for _, obj in prep_objects(verb, "by")]
    passive = list(children(verb, "nsubjpass"))
    if trigger.category == "MOBILIZE" or withdrawing:
        # "troops were deployed", "the battery will be pulled back": one's own forces
        sources += passive
        targets = [o for _, o in prep_objects(verb, *_AIMED) if is_actor(o)]
    else:
        targets = _verb_targets(verb, trigger, passive)
    if not passive and not any(children(verb, "nsubj")):
        inherited = _inherited_subject(verb)
        if inherited is not None:
            if _received(verb, inherited) and trigger.category != "MOBILIZE":
                # "civilians besieged by terrorists" undergo the act; "talks mediated by
                # Qatar" are where it happened, unless the act hits things
                hit = not sources or is_actor(inherited) or trigger.category in _HARM_MODES
                targets = targets or ([inherited] if hit else [])
            elif not sources:
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
    if _pulls_back(trigger):
        return [o for o in aimed if is_actor(o)]  # what is pulled out is one's own
    if trigger.category == "COOPERATE":
        # "bought from X", "fought alongside X"
        aimed += [o for _, o in prep_objects(verb, "from", "alongside") if is_actor(o)]
    # "state fuel is being sold": goods are no one, whoever's name they bear
    actors = [o for o in passive + objects if is_actor(o) and not _is_goods(o)]
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
        [] if verbal else _recipients(objects),
        [] if verbal else through,
        passive + objects if trigger.mode in _THING_MODES else [],
        objects if trigger.category in _JUDGING else [],
    ):
        if found:
            return found
    asked = [s for c in verb.children if _for_clause(c) for s in children(c, "nsubj")]
    if asked:
        return asked  # "called for the allies to send troops": asked of the allies
    if trigger.category == "THREATEN":
        # "threatened to strike Israeli-linked ships": the threat aims at what would be hit
        return [o for x in children(verb, "xcomp") for o in children(x, "dobj")]
    return []


def _recipients(objects: list[Token]) -> list[Token]:
    """Actors goods are sent to, wherever the parse hangs the "to": "sent 2,750 tonnes of diesel
    and 20 tonnes of oil to the Front"."""
    return [
        o
        for x in objects
        for t in x.subtree
        if t.dep_ == "prep" and t.lower_ == "to"
        for o in children(t, "pobj")
        if is_actor(o)
    ]


def _pulls_back(trigger: Trigger) -> bool:
    """A pull-back of forces, whose object is one's own ("pulled out its troops"); a recalled
    envoy or a closed embassy is a cut in relations aimed at the other side."""
    return trigger.category == "RETREAT" and trigger.mode == "withdraw"


def _stance_roles(adjective: Token) -> tuple[list[Token], list[Token]]:
    """(sources, targets) of a stance said of a subject: "Russia is concerned over the US"."""
    sources = [s for s in children(adjective.head, "nsubj") if is_actor(s)]
    targets = [o for _, o in prep_objects(adjective) if is_actor(o)]
    return sources, targets


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
        # "thanked Chao for recognizing the need and awarding the grant": Chao awarded it
        shared = _subject(verb.head)
        if shared is None and verb.dep_ == "conj":
            return _inherited_subject(verb.head)
        return shared
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
    targets += [s for c in noun.children if _for_clause(c) for s in children(c, "nsubj")]
    if carrier is not noun:
        subject = _subject(carrier)
        if subject is not None and not sources:
            sources = [subject]
    elif _received_noun(noun):
        # "Nega obtained asylum in the United States": the subject is given it
        sources = sources or _givers(noun, trigger)
        targets = targets or [s for s in children(noun.head, "nsubj") if is_actor(s)]
    elif trigger.category in _JOINT and not sources:
        # "Russia, in coordination with the Syrian government, secured ...": a party to it
        sources = [s for s in children(_setting_verb(noun), "nsubj") if is_actor(s)]
    return sources, targets


def _received_noun(noun: Token) -> bool:
    """An act the subject is given: "received aid", "won support", "obtained asylum"."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS


def _givers(noun: Token, trigger: Trigger) -> list[Token]:
    """Who gives what is received: "aid from Qatar"; refuge "in France" is France's."""
    verb = noun.head
    found = [o for t in (noun, verb) for _, o in prep_objects(t, "from") if is_actor(o)]
    if trigger.category == "AID":
        found += [o for t in (noun, verb) for _, o in prep_objects(t, "in") if _is_state(o)]
    return found


def _is_state(token: Token) -> bool:
    ent = entity_at(token)
    return ent is not None and ent.label_ == "GPE"


def _setting_verb(noun: Token) -> Token:
    """The verb a noun is the setting of ("in coordination with", "in a meeting with"), else
    the noun."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in _SETTING_PREPS and prep.head.pos_ == "VERB":
        return prep.head
    return noun


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
    # "No shells were fired", "Not a single aid truck has reached the clinic"
    for subject in children(anchor, "nsubj", "nsubjpass"):
        if any(c.dep_ == "neg" or c.lower_ == "no" for c in subject.children):
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
    if any(c.lower_ in ("any", "every") for c in children(token, "det")):
        return True  # "to answer any army attack": an act of a kind, not one that happened
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
        if node.dep_ == "xcomp" and node.head.lemma_ == "be":
            return True  # "the tanks are to leave the district by midnight"
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
            and not (kind == "date" and _opens_a_period(e))
        ]
        inside = [e for e in ents if e.start in scope]
        chosen = (inside or ents)[:1]
        for ent in chosen:
            start = offset + ent.start_char
            roles.append(Role(kind, start, start + len(ent.text), ent.text))
    cell = _row_date(token, offset)
    if cell:
        roles = [r for r in roles if r.role != "date"] + cell
    return roles


def _opens_a_period(date: Span) -> bool:
    """A date that bounds a stretch of time ("since 2013", "until March") and so is not the
    day of the act: "fought each other since 2013" did not happen in 2013."""
    first = date[0]
    before = date.doc[date.start - 1] if date.start else None
    return first.lower_ in PERIOD_WORDS or (before is not None and before.lower_ in PERIOD_WORDS)


def _row_date(token: Token, offset: int) -> list[Role]:
    """The date cell of the table row a word stands in ("S-2015-005,2015-04-11,Ras Kadir,..."),
    which a small model seldom tags alone; none outside a table."""
    text = doc_text(token.doc)
    if not in_table_row(text, token.idx):
        return []
    found = ISO_DATE.search(text, *line_at(text, token.idx))
    if found is None:
        return []
    return [Role("date", offset + found.start(), offset + found.end(), found.group())]
