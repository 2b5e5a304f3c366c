"""The page readers: what a parsed piece of page text is read for besides its names.

Each reader has a versioned name (written on every row it makes, and part of the extract
stage's version, so a new reader version reads every page again) and reads one parse of a
piece of a page into events or claims. ``read_pages`` runs every registered reader on each
parse; a new reader is added here, not inside the loop.

The registry is known without loading spaCy (the names are in ``nlp.versions``); a reader
imports its parser's module when it first reads.

Reads: spaCy parses of page pieces. Writes nothing (the records go back to the caller).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import versions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..records import Claim, Event


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
    from .events import find_events_reread

    return find_events_reread(piece.doc, piece.nlp, piece.doc_id, piece.page, piece.offset)


def _arabic_events(piece: Piece) -> list[Event]:
    from .events_ar import find_arabic_events, ruler_names

    names = ruler_names(piece.nlp)
    return find_arabic_events(piece.doc, piece.doc_id, piece.page, piece.offset, names)


def _claims(piece: Piece) -> list[Claim]:
    from .claims import find_claims

    return find_claims(piece.doc, piece.doc_id, piece.page, piece.offset)


EVENT_READERS: tuple[EventReader, ...] = (
    EventReader(versions.EVENTS, _english_events),
    EventReader(versions.ARABIC_EVENTS, _arabic_events),
)
CLAIM_READERS: tuple[ClaimReader, ...] = (ClaimReader(versions.CLAIMS, _claims),)


def readers_version() -> str:
    """The versioned names of every registered reader, in the order they run."""
    names = [reader.name for reader in EVENT_READERS] + [reader.name for reader in CLAIM_READERS]
    return "; ".join(names)
