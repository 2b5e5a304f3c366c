"""The page readers: what a parsed piece of page text is read for besides its names.

Each reader has a versioned name (written on every row it makes, and part of the extract
stage's version, so a new reader version reads every page again) and reads one parse of a
piece of a page into events or claims. ``read_pages`` runs every registered reader on each
parse; a new reader is added here, not inside the loop.

Reads: spaCy parses of page pieces. Writes nothing (the records go back to the caller).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Claim, Event
from . import claims, events, events_ar


@dataclass(frozen=True)
class Piece:
    """One parsed piece of a page and where it lies: its page and its offset in the page."""

    doc: Doc
    nlp: Language
    doc_id: str
    page: int
    offset: int


@dataclass(frozen=True)
class EventReader:
    """A reader of events, with the versioned name its events carry."""

    name: str
    read: Callable[[Piece], list[Event]]


@dataclass(frozen=True)
class ClaimReader:
    """A reader of claims, with the versioned name its claims carry."""

    name: str
    read: Callable[[Piece], list[Claim]]


def _english_events(piece: Piece) -> list[Event]:
    return events.find_events_reread(piece.doc, piece.nlp, piece.doc_id, piece.page, piece.offset)


def _arabic_events(piece: Piece) -> list[Event]:
    names = events_ar.ruler_names(piece.nlp)
    return events_ar.find_arabic_events(piece.doc, piece.doc_id, piece.page, piece.offset, names)


def _claims(piece: Piece) -> list[Claim]:
    return claims.find_claims(piece.doc, piece.doc_id, piece.page, piece.offset)


EVENT_READERS: tuple[EventReader, ...] = (
    EventReader(events.EXTRACTOR, _english_events),
    EventReader(events_ar.EXTRACTOR, _arabic_events),
)
CLAIM_READERS: tuple[ClaimReader, ...] = (ClaimReader(claims.EXTRACTOR, _claims),)


def readers_version() -> str:
    """The versioned names of every registered reader, in the order they run."""
    names = [reader.name for reader in EVENT_READERS] + [reader.name for reader in CLAIM_READERS]
    return "; ".join(names)
