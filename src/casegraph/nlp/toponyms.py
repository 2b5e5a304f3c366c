"""Place names the recogniser leaves out, found with the gazetteer in a parsed text.

Three kinds, each a place mention of its own (the recogniser's entities are left as they are):

- a country's or continent's adjective or people ("Russian", "Palestinians", "European"),
  which spaCy tags NORP and casegraph otherwise does not keep;
- a place that starts or ends an organisation's or a building's name ("Gainesville Police",
  "the Texas Rangers", "the U.S. Department of State", "University of Kentucky", "Henry
  County Sheriff's Office");
- a proper noun outside any entity that the gazetteer knows ("Don't forget Aleppo!"): a
  country, subdivision or region always; a town where its wording says it is one ("in
  Hopkinton", "Dalton, Georgia"), where it is a city of a million, or, written in more than
  one word, where it is not small;
- a town in capitals that opens a line before a dash, a news story's dateline ("TORRINGTON
  —").

A one-word name the text also writes in lower case ("Time" over a column, "time" in a
sentence) is a word, not a place, whatever the gazetteer holds.

Reads: the gazetteer (casegraph.nlp.places). Writes: nothing; yields Mention records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ..records import Mention
from .kb import alias_key
from .names import is_dateline
from .places import Gazetteer, Place, gazetteer

# a town named inside an organisation's name or as a bare proper noun of several words is
# taken from this size up ("Smith" the person is not Smith, Alberta)
TOWN_POPULATION = 15_000
# a city this big is taken by its own name alone ("Never forget Aleppo!")
CITY = 1_000_000
LOCATIVE = frozenset({"in", "near", "outside", "from", "across", "throughout", "around", "to"})
_LONGEST = 4  # words in the longest place name looked for
_ORG_LABELS = frozenset({"ORG", "FAC"})
# words that name provinces in many countries ("Southern", "Central") but, alone in a name,
# say where something lies: "Southern Valley Brigades"
_DIRECTION = re.compile(r"(?:north|south)(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central")


def toponym_mentions(
    doc: Doc, doc_id: str, number: int, offset: int, recognizer: str
) -> Iterator[Mention]:
    """Place mentions for demonyms, places inside organisations' names and untagged places."""
    places = gazetteer()
    for start, end, label in _spans(doc, places):
        span = doc[start:end]
        yield Mention(
            doc_id,
            number,
            offset + span.start_char,
            offset + span.end_char,
            span.text,
            "place",
            label,
            recognizer,
        )


def _spans(doc: Doc, places: Gazetteer) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of each place found: NORP for a people's adjective, else GPE."""
    found = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "NORP"]
    found = [span for span in found if _demonym(doc[span[0] : span[1]].text, places)]
    for ent in doc.ents:
        if ent.label_ in _ORG_LABELS:
            found += _inside_organisation(ent, places)
    found += _untagged(doc, places)
    found += _datelines(doc, places)
    ordinary = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    for start, end in found:
        if end - start == 1 and doc[start].lower_ in ordinary:
            continue  # "Time" heading a column where "time" is written too: a word, no town
        yield start, end, "NORP" if _demonym(doc[start:end].text, places) else "GPE"


def _demonym(text: str, places: Gazetteer) -> bool:
    """A country's or continent's adjective or its people ("Syrians")."""
    return alias_key(text) in places.demonyms or (
        text.endswith("s") and alias_key(text[:-1]) in places.demonyms
    )


def _inside_organisation(ent: Span, places: Gazetteer) -> Iterator[tuple[int, int]]:
    """The place an organisation's name starts with ("Texas Rangers") or ends in after "of"
    ("University of Kentucky"), where the rest of the name is more than the place."""
    tokens = [t for t in ent if t.lower_ != "the"]
    if len(tokens) < 2:
        return
    first = tokens[0].i
    for end in range(min(tokens[-1].i, first + _LONGEST), first, -1):
        # "University of Kentucky" is not University, Florida
        if ent.doc[end].lower_ not in ("of", "for", "and") and _fits_inside(
            ent.doc[first:end], places
        ):
            yield first, end
            break
    of = [t.i for t in ent if t.lower_ == "of"]
    if of and of[-1] + 1 < ent.end and _fits_inside(ent.doc[of[-1] + 1 : ent.end], places):
        yield of[-1] + 1, ent.end


def _fits_inside(span: Span, places: Gazetteer) -> bool:
    if _DIRECTION.fullmatch(span.text.lower()) or not span[0].text[:1].isupper():
        return False
    return any(_big_enough(place) for place in _named_as(span, places))


def _untagged(doc: Doc, places: Gazetteer) -> Iterator[tuple[int, int]]:
    """Proper nouns outside every entity that name a place (see the module)."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or token.pos_ != "PROPN" or not token.text[:1].isupper():
            i += 1
            continue
        found = _longest_place(doc, i, places)
        if found is None:
            i += 1
            continue
        end, candidates = found
        if _is_place_here(doc[i:end], candidates):
            yield i, end
        i = end


def _datelines(doc: Doc, places: Gazetteer) -> Iterator[tuple[int, int]]:
    """A town in capitals that a line opens with before a dash ("TORRINGTON —"), which
    spaCy often leaves untyped."""
    for token in doc:
        if token.i and not (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text):
            continue
        end = token.i
        while end < len(doc) and end - token.i < _LONGEST and doc[end].is_upper:
            end += 1
        span = doc[token.i : end]
        if (
            end > token.i
            and not any(t.ent_type_ for t in span)
            and is_dateline(span)
            and _named_as(span, places)
        ):
            yield token.i, end


def _longest_place(doc: Doc, start: int, places: Gazetteer) -> tuple[int, list[Place]] | None:
    """The end of the longest run of capitalised untagged words from start that the gazetteer
    knows, with its candidates."""
    limit = start
    while (
        limit < len(doc)
        and limit - start < _LONGEST
        and not doc[limit].ent_type_
        and (doc[limit].text[:1].isupper() or doc[limit].lower_ in ("of", "de", "el", "al"))
    ):
        limit += 1
    for end in range(limit, start, -1):
        if doc[end - 1].text[:1].isupper() and (found := _named_as(doc[start:end], places)):
            return end, found
    return None


def _is_place_here(span: Span, candidates: list[Place]) -> bool:
    if _DIRECTION.fullmatch(span.text.lower()):
        return False
    if any(p.feature in ("country", "admin1", "region") for p in candidates):
        return len(span.text) > 3 or "." in span.text
    towns = [p for p in candidates if p.feature == "city"]
    if not towns:
        return False
    if any(p.population >= (TOWN_POPULATION if len(span) > 1 else CITY) for p in towns):
        return True
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end : span.end + 2]
    named_after = len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE"
    return before in LOCATIVE or named_after


def _named_as(span: Span, places: Gazetteer) -> list[Place]:
    """The places written so: a country or continent by any of its names and adjectives, a
    subdivision by its own name or an abbreviation ("Ky."), a town by its own name only (a
    town's other names include words such as "Rapid" for Rapid City)."""
    key = alias_key(span.text)
    return [
        place
        for place in places.index.get(key, [])
        if place.feature in ("country", "region")
        or alias_key(place.name) == key
        or (place.feature == "admin1" and span.text.endswith("."))
    ]


def _big_enough(place: Place) -> bool:
    return place.feature != "city" or place.population >= TOWN_POPULATION
