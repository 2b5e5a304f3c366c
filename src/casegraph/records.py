"""The records that flow between stages: one place defines them all."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar


class FailureReason(StrEnum):
    """Why an input could not become a document."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    LIMIT_EXCEEDED = "limit_exceeded"
    EMPTY = "empty"
    # the stored original is gone from the case's blobs/ (deleted or lost on disk)
    MISSING_ORIGINAL = "missing_original"
    # casegraph itself failed on this item (a bug): the detail names the exception
    INTERNAL_ERROR = "internal_error"


class DocState(StrEnum):
    """Where a document stands in ingestion."""

    PENDING = "pending"
    DONE = "done"
    NEEDS_OCR = "needs_ocr"
    FAILED = "failed"


@dataclass(frozen=True)
class ChildRef:
    """A member of a container, already written to the blob store by a worker."""

    name: str
    sha256: str
    size: int


@dataclass
class PageText:
    """One page of extracted text; text is kept exactly as extracted."""

    number: int
    text: str
    needs_ocr: bool = False


@dataclass
class Extraction:
    """What an extractor made of one file."""

    mime: str
    title: str | None = None
    pages: list[PageText] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    children: list[ChildRef] = field(default_factory=list)
    language: str | None = None
    extractor: str = ""

    def add_page(self, text: str, needs_ocr: bool = False) -> None:
        """Append the next page."""
        self.pages.append(PageText(len(self.pages) + 1, text, needs_ocr))

    @property
    def text_chars(self) -> int:
        """Total characters of text across pages."""
        return sum(len(p.text) for p in self.pages)


@dataclass(frozen=True)
class ExtractFailure:
    """A typed failure returned by a worker instead of an Extraction."""

    reason: FailureReason
    detail: str
    mime: str | None = None  # the detected type, where detection got that far


@dataclass(frozen=True)
class Job:
    """One stored blob to extract, with what is known of where it came from."""

    doc_id: str
    sha256: str
    name: str
    depth: int


@dataclass
class WorkResult:
    """What a worker sends back for one file or blob."""

    sha256: str | None
    size: int
    outcome: Extraction | ExtractFailure | None
    already_known: bool = False


@dataclass(frozen=True)
class OcrWord:
    """One recognised word: its characters in the page text and its box on the page image."""

    start: int
    end: int
    box: tuple[int, int, int, int]
    confidence: float


@dataclass
class OcrPage:
    """The OCR layer of one page: text, word boxes in page-image pixels, and how sure it is."""

    text: str
    words: list[OcrWord]
    confidence: float
    width: int
    height: int
    dpi: int
    rotation: int = 0
    skew: float = 0.0
    review: str | None = None
    engine: str = ""


@dataclass(frozen=True)
class OcrJob:
    """One page of a stored document to OCR."""

    doc_id: str
    sha256: str
    mime: str
    number: int


@dataclass(frozen=True)
class Mention:
    """A span of page text that names something: where it is, what it is, who found it."""

    doc_id: str
    page: int
    start: int
    end: int
    text: str
    type: str
    label: str
    recognizer: str


@dataclass
class Entity:
    """A resolved entity: the mentions across documents that name the same thing."""

    id: str
    name: str
    type: str
    key: tuple[str, str] = ("", "")
    aliases: dict[str, int] = field(default_factory=dict)
    kind: str | None = None
    country: str | None = None
    kb_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # a gazetteer place's: country, admin1, city or region


@dataclass(frozen=True)
class Role:
    """A span of page text that fills a part in an event or claim: source, target, speaker..."""

    role: str
    start: int
    end: int
    text: str


@dataclass
class Event:
    """Who did what to whom, found in one sentence: its PLOVER coding and its evidence span."""

    doc_id: str
    page: int
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    category: str
    mode: str
    quad: str
    intensity: float
    roles: list[Role] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    extractor: str = ""

    @property
    def id(self) -> str:
        """Derived from where the event is written and how it is coded."""
        return content_id("e", self.doc_id, self.page, self.trigger_start, self.category)


@dataclass
class Claim:
    """An attributed statement: who says it, the cue, what is said, and how it is worded."""

    doc_id: str
    page: int
    start: int
    end: int
    kind: str
    cue: Role
    content: Role
    speaker: Role | None = None
    hedged: bool = False
    extractor: str = ""

    @property
    def id(self) -> str:
        """Derived from where the claim is written."""
        return content_id("c", self.doc_id, self.page, self.cue.start, self.content.start)


@dataclass
class PageReading:
    """What the language stage read on one page: mentions, events and claims."""

    doc_id: str
    page: int
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True)
class Links:
    """What linking found for some documents, as the store keeps it."""

    role_entities: list[tuple[str, str, int, str | None]]  # owner, role, ordinal, entity
    extra_roles: list[tuple[str, str, int, str]]  # a role's further entities, by ordinal
    reporters: list[tuple[str, int, str, str | None]]  # event, rank, name, entity
    claim_events: list[tuple[str, str]]  # claim, an event inside it
    dates: list[tuple[str, str | None, str | None]]  # event, date, "text" or "document"
    authors: list[tuple[str, str | None, str]]  # document, entity, name


def actor_list(value: Any) -> list[dict[str, Any]]:
    """A listed event's source or target (one actor, several, or none) as a list of actors."""
    return value if isinstance(value, list) else [value] if value else []


def actor_ids(value: Any) -> list[str]:
    """The ids of a listed event's resolved source or target actors."""
    return [actor["id"] for actor in actor_list(value) if actor.get("id")]


# an event, a claim or a finding as the store lists it
Reading = TypeVar("Reading", bound=Mapping[str, Any])


def rejected(item: Mapping[str, Any]) -> bool:
    """Whether a person rejected this event, claim or finding (``casegraph judge``)."""
    return (item.get("review") or {}).get("verdict") == "rejected"


def standing(readings: Iterable[Reading]) -> Iterator[Reading]:
    """The events or claims (as the store lists them) that no person has rejected."""
    return (reading for reading in readings if not rejected(reading))


def content_id(prefix: str, *parts: object) -> str:
    """A short stable id from the parts that identify a record."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:15]}"
