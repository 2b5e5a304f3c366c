"""Names in context: what the words around a name say it is, and one type per name per text.

A spaCy component (``casegraph_names_in_context``, after the recogniser) that reads a parsed
text's entities and changes only their labels, or drops one:

- a person by context: "a senior official named Abu Sayyaf", "Sheikh X", "X, a senior
  official", "X's wife", "X said he ..." (the name becomes PERSON, whatever the knowledge
  base's names or the model said);
- a body by context: "the Abu Sayyaf group", "X militants" (ORG);
- a place by context: "in Palmyra", "the ancient city of Palmyra" (a PERSON becomes GPE;
  a body's name is left: "in NATO");
- a town by the wording of local news, whatever the model typed it: a town's name before
  its people ("an Alexandria woman", "Gainesville residents"; not a surname the text gives
  a person), and a town with its state after a comma ("Kansas City, Kan.");
- a name in capitals at the start of a line before a dash is a dateline, a place ("KHARTOUM
  —"), unless it is a known actor's: then it heads a letter, and with the office in
  capitals after the dash it is one name ("SOUTHERN VALLEY BRIGADES - QUARTERMASTER");
- a disease is no name of a place or body: "Ebola", "Ebola virus" are dropped;
- a place's unit word belongs to its name: "Laurel" followed by "County" is "Laurel County";
- a list item's mark is no part of a name: "b. Artillery Group" is "Artillery Group";
- one written name is one type in a text: where the same words are typed differently, the
  type the context gave wins, else the type most of its mentions have (the first on a tie);
  a mention whose own context says otherwise keeps its own.

Reads: ``lexicon/names.json`` (its word lists) and, for the local-news wording of towns, the
gazetteer (``casegraph.nlp.places``, loaded at the first name followed by a comma or a word
of residents). Writes: ``doc.ents``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .kb import alias_key
from .places import Place, gazetteer

LEXICON = Path(__file__).with_name("lexicon") / "names.json"
# the labels of names whose type context may change; NORP ("Syrian") and the rest are left
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "she"})
UNIT_WORDS = frozenset({"County", "Parish", "Borough"})
DATELINE_MARKS = frozenset({"—", "–", "-", "--", ",", "("})
LETTERHEAD_DASHES = frozenset({"—", "–", "-", "--"})
# "b.", "(c)", "4)": the mark of an item in a list
LIST_MARK = re.compile(r"\(?[a-z]\)|[a-z]\.|\(?\d{1,2}\)")
_ARTICLE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"\s*['’]s$")


@cache
def words(name: str) -> frozenset[str]:
    """A word list of ``lexicon/names.json``."""
    return frozenset(json.loads(LEXICON.read_text(encoding="utf-8"))[name])


def surface(text: str) -> str:
    """The words a name is written with, less a leading "the" and a trailing "'s"."""
    return _POSSESSIVE.sub("", _ARTICLE.sub("", " ".join(text.split())))


@Language.component("casegraph_names_in_context")
def names_in_context(doc: Doc) -> Doc:
    """Relabel (or drop) the entities of a parsed text by their context; see the module."""
    kept: list[Span] = []
    evidence: dict[int, str] = {}  # index in kept -> the label its own context gives
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and is_disease(ent):
            continue
        if kept and ent.start < kept[-1].end:
            continue  # within a letterhead already read whole
        ent = _letterhead(_with_unit_word(_without_list_mark(ent)))
        said = context_label(ent) if ent.label_ in NAME_LABELS else None
        if said is not None:
            evidence[len(kept)] = said
        kept.append(ent)
    labels = _one_type_per_name(kept, evidence)
    doc.ents = [
        ent
        if labels[i] == ent.label_
        else Span(doc, ent.start, ent.end, label=labels[i], span_id=ent.ent_id_)
        for i, ent in enumerate(kept)
    ]
    return doc


def _with_unit_word(ent: Span) -> Span:
    """A place name with the "County", "Parish" or "Borough" written after it."""
    doc = ent.doc
    if ent.label_ not in PLACE_LABELS or ent.end >= len(doc):
        return ent
    after = doc[ent.end]
    if after.text in UNIT_WORDS and not after.ent_type_:
        return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    return ent


def _without_list_mark(ent: Span) -> Span:
    """A name without the mark of the list item it opens: "b. Artillery Group"."""
    doc = ent.doc
    opens_line = ent.start == 0 or "\n" in doc[ent.start - 1].text
    if len(ent) > 1 and opens_line and LIST_MARK.fullmatch(ent[0].text):
        return Span(doc, ent.start + 1, ent.end, label=ent.label_, span_id=ent.ent_id_)
    return ent


def _letterhead(ent: Span) -> Span:
    """A known body in capitals opening a line, with an office in capitals after a dash to
    the line's end, is one name: "SOUTHERN VALLEY BRIGADES - QUARTERMASTER"."""
    doc = ent.doc
    if not ent.ent_id_ or not is_dateline(ent) or doc[ent.end].text not in LETTERHEAD_DASHES:
        return ent
    end = ent.end + 1
    while end < len(doc) and "\n" not in doc[end].text and not doc[end].is_lower:
        end += 1
    if end == ent.end + 1 or not any(t.is_alpha for t in doc[ent.end + 1 : end]):
        return ent
    if end < len(doc) and "\n" not in doc[end].text:
        return ent  # words in lower case on the line: a dateline's story, no office
    return Span(doc, ent.start, end, label=ent.label_, span_id=ent.ent_id_)


def _one_type_per_name(ents: list[Span], evidence: dict[int, str]) -> list[str]:
    """Each entity's label: its context's, else its name's type in this text, else its own."""
    labels = [evidence.get(i, ent.label_) for i, ent in enumerate(ents)]
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, ent in enumerate(ents):
        if ent.label_ in NAME_LABELS:
            by_name[surface(ent.text)].append(i)
    for indexes in by_name.values():
        if len({labels[i] for i in indexes}) < 2:
            continue
        said = Counter(evidence[i] for i in indexes if i in evidence)
        votes = said or Counter(labels[i] for i in indexes)
        top = max(votes.values())
        # among equals, the type of the first mention
        chosen = next(labels[i] for i in indexes if votes[labels[i]] == top)
        for i in indexes:
            if i not in evidence:
                labels[i] = chosen
    return labels


def is_dateline(span: Span) -> bool:
    """A name in capitals that opens a line and is followed by a dash, a comma or a bracket:
    the place a news story was filed from ("KHARTOUM —", "BEIRUT (Reuters) -")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    return (
        (before is None or (before.is_space and "\n" in before.text))
        and all(t.is_upper or t.is_punct for t in span)
        and any(t.is_alpha for t in span)
        and after is not None
        and after.text in DATELINE_MARKS
    )


def is_disease(ent: Span) -> bool:
    """Whether a name is a disease's ("Ebola", "Ebola virus", "COVID-19 pandemic")."""
    tokens = [t.lower_ for t in ent if not t.is_punct]
    diseases, generic = words("diseases"), words("disease_words")
    return (
        bool(tokens)
        and any(t in diseases for t in tokens)
        and all(t in diseases or t in generic for t in tokens)
    )


def context_label(ent: Span) -> str | None:
    """PERSON, ORG or GPE where the words around a name say which it is; else None."""
    if is_dateline(ent) and not ent.ent_id_:
        return "GPE"  # a known body in capitals before a dash heads a letter instead
    if _town_by_context(ent):
        return "GPE"
    if _person_by_context(ent):
        return "PERSON"
    if _body_by_context(ent):
        return "ORG"
    if ent.label_ != "ORG" and _place_by_context(ent):
        return ent.label_ if ent.label_ in PLACE_LABELS else "GPE"
    return None


def _person_by_context(ent: Span) -> bool:
    doc = ent.doc
    before = [t for t in doc[max(ent.sent.start, ent.start - 5) : ent.start]]
    if before and before[-1].lower_.rstrip(".") in words("person_titles"):
        # "Sheikh Abu Sayyaf", "Dr. Rahman"; a title inside a sentence-initial capital counts
        return before[-1].text[:1].isupper()
    if len(before) >= 2 and before[-1].lower_ in words("naming_words"):
        # "a senior official named X", "a man known as X"; "a group called X" is no person
        nouns = {t.lemma_.lower() for t in before[:-1]} | {t.lower_ for t in before[:-1]}
        return bool(nouns & words("person_nouns"))
    if len(before) >= 3 and " ".join(t.lower_ for t in before[-2:]) in words("naming_words"):
        nouns = {t.lemma_.lower() for t in before[:-2]} | {t.lower_ for t in before[:-2]}
        return bool(nouns & words("person_nouns"))
    return _apposed_person(ent) or _kin_after(ent) or _says_he(ent)


def _apposed_person(ent: Span) -> bool:
    """ "X, a senior official," or "the official, X,": a person noun in apposition."""
    root = ent.root
    persons = words("person_nouns")
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.lemma_.lower() in persons:
            return True
    return root.dep_ == "appos" and root.head.i < ent.start and root.head.lemma_.lower() in persons


def _kin_after(ent: Span) -> bool:
    """ "Abu Sayyaf's wife", "X's bodyguards": kin or guards ("Syria's capture" is none)."""
    doc = ent.doc
    at = ent.end
    if ent[-1].lower_ in ("'s", "’s"):
        pass  # the recogniser took the "'s" into the name
    elif at < len(doc) and doc[at].lower_ in ("'s", "’s"):
        at += 1
    else:
        return False
    while at < len(doc) and doc[at].pos_ == "ADJ":
        at += 1
    return at < len(doc) and doc[at].lower_ in words("kin_nouns")


def _says_he(ent: Span) -> bool:
    """ "X said he would ...": the name's verb reports what "he" or "she" does."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ in PERSON_PRONOUNS:
                return True
    return False


def _body_by_context(ent: Span) -> bool:
    """ "the Abu Sayyaf group", "Abu Sayyaf militants": a body, not a person."""
    doc = ent.doc
    if len(ent) > 1 and ent[-1].lower_ in words("body_heads"):
        return True
    # a lower-case group noun right after the name: "Abu Sayyaf militants"
    return ent.end < len(doc) and doc[ent.end].text in words("group_nouns")


def _town_by_context(ent: Span) -> bool:
    """A town or its subdivision by the way local news writes them, whatever the model
    typed: "Gainesville residents", "Kansas City, Kan."."""
    return (
        _town_of_residents(ent)
        or _town_and_subdivision(ent) is not None
        or _subdivision_after_town(ent)
    )


def _town_of_residents(ent: Span) -> bool:
    """ "Gainesville residents", "an Alexandria woman": a town's name before its people, as
    local news writes it (a person's name is not followed so)."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    return (
        after is not None
        and after.lower_ in words("resident_nouns")
        and after.text.islower()
        and not _surname_here(ent)
        and any(p.feature == "city" for p in _places_named(ent.text))
    )


def _surname_here(ent: Span) -> bool:
    """Whether the text names a person whose last name this is ("Hillary Clinton")."""
    return any(
        other.label_ == "PERSON" and len(other) > 1 and other[-1].text == ent.text
        for other in ent.doc.ents
    )


def _town_and_subdivision(ent: Span) -> Span | None:
    """In "Kansas City, Kan." or "Dalton, Georgia": the subdivision after the comma, when a
    town of the name before it lies there; else None."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    towns = {p.admin1 for p in _places_named(ent.text) if p.feature == "city"}
    if not towns:
        return None
    for end in range(min(len(doc), ent.end + 1 + 3), ent.end + 1, -1):
        state = doc[ent.end + 1 : end]
        if state[0].text[:1].isupper() and any(
            p.id in towns for p in _places_named(state.text) if p.feature == "admin1"
        ):
            return state
    return None


def _subdivision_after_town(ent: Span) -> bool:
    """ "Kan." in "Kansas City, Kan.": a subdivision right after a town of its own."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return False
    for start in range(max(0, ent.start - 5), ent.start - 1):
        town = doc[start : ent.start - 1]
        found = _town_and_subdivision(town)
        if found is not None and found.start == ent.start:
            return True
    return False


def _places_named(text: str) -> list[Place]:
    """The gazetteer's places whose own name (or a subdivision's abbreviation) this is."""
    places = gazetteer()
    key = alias_key(text)
    return [
        p
        for p in places.index.get(key, [])
        if alias_key(p.name) == key or (p.feature == "admin1" and text.endswith("."))
    ]


def _place_by_context(ent: Span) -> bool:
    """ "in Palmyra", "the ancient city of Palmyra": a place, not a person."""
    doc = ent.doc
    if ent.start == 0:
        return False
    before = doc[ent.start - 1]
    if before.lower_ in words("place_prepositions") and not ent.text.startswith(("the ", "The ")):
        return True
    if before.lower_ == "of" and ent.start >= 2:
        head = doc[ent.start - 2]
        return head.lower_ in words("place_heads") or head.lemma_.lower() in words("place_heads")
    return False
