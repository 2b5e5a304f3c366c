"""The shapes of what the store returns and the commands print with ``--json``.

One TypedDict per JSON object casegraph prints: a listing's row (``EventListing``), one
item shown in full (``DocumentDetail``), a command's report (``IngestResult``). They describe
the JSON exactly as it is printed, key for key: a key that may hold null is ``X | None``, a
key only some objects have is ``NotRequired``, a closed set of words is a ``Literal``.
``casegraph.schema`` turns them into JSON Schemas that the tests check every ``--json``
output of the demo against. Reads nothing; writes nothing.

This module imports nothing of casegraph, so that any part of it may use these types.
"""

# no `from __future__ import annotations`: Python 3.11 reads NotRequired only from real types
from typing import Literal, NotRequired, TypeAlias, TypedDict

# -- closed sets of words -------------------------------------------------------------------

# records.DocState and records.FailureReason, as their values print
DocumentState = Literal["pending", "done", "needs_ocr", "failed"]
FailureReasonName = Literal[
    "encrypted",
    "corrupt",
    "unsupported",
    "too_large",
    "timeout",
    "limit_exceeded",
    "empty",
    "missing_original",
    "internal_error",
]
# where a page's text comes from
PageSource = Literal["text_layer", "ocr", "transcription"]
# why a person should read a page
ReviewReason = Literal["low_confidence", "handwriting_or_image", "no_text", "ocr_failed"]
# nlp.plover: the 16 PLOVER categories and the four quad classes
PloverCategory = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
QuadClass = Literal[
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"
]
# an event's date is written in its text, or is the date of its document
DateFrom = Literal["text", "document"]
ClaimKind = Literal["direct", "indirect", "stance", "headline", "according_to", "document"]
# analysis.provenance: one of the trove's own papers, or a report about them
Provenance = Literal["primary", "report"]
Verdict = Literal["confirmed", "rejected"]
JudgedKind = Literal["event", "claim", "finding"]
XrefReason = Literal["kb_id", "name", "alias", "fuzzy"]
Direction = Literal["out", "in"]

# -- pieces shared by many outputs ----------------------------------------------------------


class Passage(TypedDict):
    """Characters start to end of a document's page, and their text."""

    doc_id: str
    page: int
    start: int
    end: int
    text: str


class PassageInContext(Passage):
    """A mention's passage with some of the page's text around it."""

    context: str


class EntityMention(PassageInContext):
    """A mention of an entity, and the recogniser that found it."""

    recognizer: str


class Span(TypedDict):
    """Characters start to end of the page of the passage it belongs to."""

    start: int
    end: int


class ActorRef(TypedDict):
    """An actor as an event or a finding names it: its entity, or null where the words
    name no resolved entity (the name is then the words as written)."""

    id: str | None
    name: str


class EntityRef(TypedDict):
    """An entity of the case, by its id and name."""

    id: str
    name: str


class RelatedEntity(EntityRef):
    """An entity named in the same documents as another, and in how many."""

    count: int


class Review(TypedDict):
    """A person's verdict on an event, a claim or a finding (``casegraph judge``)."""

    item_id: str
    item_kind: JudgedKind
    verdict: Verdict
    note: str | None
    reviewer: str
    reviewed_at: str


class Note(TypedDict):
    """A person's note or tag on a span of a page (``casegraph note``); ``changed`` when the
    page has been transcribed since and its characters there no longer read ``quote``;
    ``private`` when only its author sees it (a reader's note on a server case, until shared)."""

    id: str
    doc_id: str
    page: int
    start: int
    end: int
    quote: str
    text: str
    tag: str | None
    author: str
    created_at: str
    changed: bool
    private: bool


class DocumentMarks(TypedDict):
    """Whether a person starred a document and whether one has read it."""

    doc_id: str
    starred: bool
    read: bool


class Source(TypedDict):
    """An independent source, the documents it speaks through, and their provenance."""

    id: str | None
    name: str
    documents: list[str]
    provenance: Provenance


# -- documents ------------------------------------------------------------------------------


class DocumentListing(TypedDict):
    """A row of ``casegraph ls``: one document, and every path it was seen at."""

    doc_id: str
    path: str | None
    paths: list[str]
    mime: str | None
    pages: int
    chars: int
    parent_id: str | None
    state: DocumentState
    failure_reason: FailureReasonName | None
    title: str | None


class DocumentFailure(TypedDict):
    """Why a document could not be read."""

    reason: FailureReasonName
    detail: str


class ContainerLink(TypedDict):
    """A container a document came out of."""

    doc_id: str
    mime: str | None
    path: str


class PageDetail(TypedDict):
    """A page's text and where it comes from; confidence is OCR's (0-100), else null."""

    number: int
    text: str
    source: PageSource
    confidence: float | None
    needs_ocr: bool
    review: ReviewReason | None
    ocr_error: str | None


class SkippedMember(TypedDict):
    """A member of a container that was not read, and why."""

    name: str
    why: str


# what an extractor read of a file: author, dates, e-mail headers, page count, sheets ...
MetadataValue: TypeAlias = str | int | bool | list[str] | list[SkippedMember]


class DocumentDetail(TypedDict):
    """``casegraph show``: one document, where it came from, and its pages."""

    doc_id: str
    sha256: str
    size: int
    mime: str | None
    title: str | None
    language: str | None
    parent_id: str | None
    root_id: str
    depth: int
    state: DocumentState
    failure: DocumentFailure | None
    date: str | None
    extractor: str | None
    added_at: str
    paths: list[str]
    chain: list[ContainerLink]
    children: list[str]
    metadata: dict[str, MetadataValue]
    pages: list[PageDetail]


class FailureListing(TypedDict):
    """A row of ``casegraph failures``: a path that failed (no doc_id when it was never
    stored)."""

    path: str
    reason: FailureReasonName
    detail: str
    doc_id: str | None


class PageToReview(TypedDict):
    """A row of ``casegraph review``: a page a person should read."""

    doc_id: str
    page: int
    confidence: float | None
    reason: ReviewReason
    detail: str | None
    path: str


class StatusReport(TypedDict):
    """``casegraph status``: what the case holds and how far its stages have read."""

    documents: int
    pages: int
    pages_needing_ocr: int
    pages_ocred: int
    pages_transcribed: int
    pages_for_review: int
    paths: int
    pages_extracted: int
    entities: int
    events: int
    claims: int
    failures: int
    by_type: dict[str, int]
    by_state: dict[DocumentState, int]
    failures_by_reason: dict[FailureReasonName, int]
    # a server case's jobs, by queue, then by state (todo, doing, succeeded, failed ...)
    queued: NotRequired[dict[str, dict[str, int]]]


class QueuedRun(StatusReport):
    """``ingest --wait`` and ``extract --wait`` on a server case: the case's status once its
    jobs ended, and how many ended in each state (succeeded, failed ...)."""

    jobs: dict[str, int]


class JobsQueued(TypedDict):
    """``ingest`` and ``extract`` on a server case without ``--wait``: how many jobs went
    into the queue."""

    queued: int


class CaseCopied(TypedDict):
    """``casegraph copy``: the new case, and how many rows of each table it received."""

    target: str
    rows: dict[str, int]


class AuditEntry(TypedDict):
    """One line of a server case's audit log: who did what, when, on which item."""

    at: str
    user_name: str
    case_name: str | None
    action: str
    item: str | None
    detail: str | None


class LostOriginal(TypedDict):
    """A document whose original is missing from the store or no longer matches."""

    doc_id: str
    path: str
    sha256: str


class CheckReport(TypedDict):
    """``casegraph check``: the database's problems and the originals lost; ``checked`` is
    absent when the database cannot be read."""

    case: str
    database: list[str]
    missing: list[LostOriginal]
    altered: list[LostOriginal]
    checked: NotRequired[int]
    lost: list[str]
    healthy: bool


class SearchHit(TypedDict):
    """A document a search found, with its best page and a snippet of it."""

    doc_id: str
    title: str
    path: str
    page: int
    score: float
    snippet: str


class FacetValue(TypedDict):
    """One value of a facet and how many of the documents found have it; an entity's
    value is its id, and its name the label."""

    value: str
    documents: int
    label: NotRequired[str]


class Facets(TypedDict):
    """What the documents a search found are, by type, language, folder (the 15 holding the
    most pages found, any depth) and year (undated ones are in no year); the entities the
    documents of the best 250 pages mention most; the tags and marks (starred, read) people
    gave them. Counts are exact for small numbers, within a few per cent above."""

    type: list[FacetValue]
    language: list[FacetValue]
    folder: list[FacetValue]
    year: list[FacetValue]
    entity: list[FacetValue]
    tag: list[FacetValue]
    mark: list[FacetValue]


class SearchResult(TypedDict):
    """``casegraph search``: one page of hits; ``read_as`` is the query with every operator
    and group written out (None for filters alone); ``total_estimated`` when the total is
    an estimate; ``unindexed_pages`` when pages changed since the index was last written
    could not be taken in (the case is read-only here); ``aliases`` with --aliases;
    ``undated_left_out`` when the query has a date filter; ``facets`` with --facets."""

    query: str
    read_as: str | None
    total: int
    offset: int
    hits: list[SearchHit]
    total_estimated: NotRequired[bool]
    unindexed_pages: NotRequired[int]
    aliases: NotRequired[dict[str, list[str]]]
    undated_left_out: NotRequired[int]
    facets: NotRequired[Facets]


# -- entities -------------------------------------------------------------------------------


class EntityFields(TypedDict):
    """What an entity's summary and its detail share (``mentions`` differs between them)."""

    id: str
    name: str
    type: str
    kind: str | None
    aliases: list[str]
    documents: int
    country: str | None
    kb_id: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    gazetteer_id: str | None


class EntitySummary(EntityFields):
    """A row of ``casegraph entities``: an entity and how often it is mentioned."""

    mentions: int


class EntityDetail(EntityFields):
    """``casegraph entity``: an entity with every mention in context and who appears with
    it; here ``mentions`` lists the mentions where a summary counts them."""

    mentions: list[EntityMention]
    related: list[RelatedEntity]


# -- events and claims ----------------------------------------------------------------------


class Place(TypedDict):
    """Where an event happened; lat and lon when the place is in the gazetteer."""

    name: str
    lat: float | None
    lon: float | None


class EventListing(TypedDict):
    """A row of ``casegraph events`` and ``timeline``. ``source`` and ``target`` are one
    actor, a list of them (joint actors), or null."""

    id: str
    category: PloverCategory
    mode: str | None
    quad: QuadClass
    intensity: float
    source: ActorRef | list[ActorRef] | None
    target: ActorRef | list[ActorRef] | None
    location: Place | None
    date: str | None
    date_from: DateFrom | None
    negated: bool
    hypothetical: bool
    reported_by: list[ActorRef]
    trigger: Span
    evidence: Passage
    extractor: str
    review: Review | None


class ClaimListing(TypedDict):
    """A row of ``casegraph claims``: who says what, by which cue; ``speaker`` is null when
    the speaker's words name no entity (``speaker_text`` keeps them)."""

    id: str
    speaker: EntityRef | None
    speaker_text: str | None
    cue: str
    content: str
    content_span: Span
    kind: ClaimKind
    hedged: bool
    evidence: Passage
    events: list[str]
    extractor: str
    review: Review | None


# -- findings and corroboration -------------------------------------------------------------


class FindingPassage(Passage):
    """A finding's passage; ``sides_named`` (false) marks an act that names neither side."""

    sides_named: NotRequired[bool]


class Adversity(TypedDict):
    """Why the two sides of a cooperation finding are adversaries."""

    knowledge_base: bool
    conflict_events: list[str]
    sentences: list[Passage]


class FindingCommon(TypedDict):
    """What every finding has."""

    id: str
    title: str
    actors: list[ActorRef]
    score: float
    summary: str
    events: list[str]
    sources: list[Source]
    review: Review | None


class CooperationFinding(FindingCommon):
    """Adversaries recorded cooperating, with the acts that name neither side apart."""

    kind: Literal["unexpected_cooperation"]
    evidence: list[FindingPassage]
    unattributed_events: list[str]
    adversity: Adversity


class OtherFinding(FindingCommon):
    """A contradiction, a claim from a single source, or copies of one story."""

    kind: Literal["contradiction", "single_source_claim", "syndicated_copies"]
    evidence: list[Passage]


# a row of ``casegraph findings``
Finding: TypeAlias = CooperationFinding | OtherFinding


class Corroboration(TypedDict):
    """A row of ``casegraph corroboration``: who else reports an event's act, and who
    denies it (event ids in reports, possible and denials)."""

    event: str
    category: PloverCategory
    actors: list[ActorRef]
    independent_sources: int
    sources: list[Source]
    reports: list[str]
    possible: list[str]
    possible_sources: int
    denials: list[str]
    evidence: Passage


# -- the graph ------------------------------------------------------------------------------


class Relation(TypedDict):
    """An actor's events with another in one quad class and year ("undated" when none)."""

    other: EntityRef
    direction: Direction
    kind: Literal["relation"]
    evidence: list[Passage]
    quad: QuadClass
    year: str
    count: int
    confidence: float
    events: list[str]


class WeakLink(TypedDict):
    """Two actors named in the same documents (``documents``) or writing to each other
    (``messages``); the other count is null."""

    other: EntityRef
    direction: Direction
    kind: Literal["co_occurrence", "correspondence"]
    evidence: list[Passage]
    documents: int | None
    messages: int | None


class ActorView(TypedDict):
    """``casegraph graph``: one actor's relations, weak links and cluster."""

    actor: EntityRef
    relations: list[Relation]
    weak_links: list[WeakLink]
    community: list[EntityRef]


# -- two cases ------------------------------------------------------------------------------


class XrefEntity(TypedDict):
    """One side of a match between two cases, with its first mentions."""

    id: str
    name: str
    type: str
    aliases: list[str]
    documents: int
    mentions: int
    evidence: list[PassageInContext]


class XrefMatch(TypedDict):
    """An entity two cases share, and why they are one."""

    score: float
    left: XrefEntity
    right: XrefEntity
    reason: XrefReason


class XrefResult(TypedDict):
    """``casegraph xref``: one page of the entities two cases share."""

    total: int
    limit: int
    offset: int
    matches: list[XrefMatch]


# -- what the writing commands did ----------------------------------------------------------


class SkippedInput(TypedDict):
    """A folder entry that is not a regular file (a link, a fifo ...), not ingested."""

    path: str
    why: str


class IngestResult(TypedDict):
    """``casegraph ingest``, ``ocr``: what one run did."""

    files_seen: int
    files_skipped: int
    documents_added: int
    duplicates: int
    failures: int
    pages_ocred: int
    ocr_failures: int
    pages_for_review: int
    by_type: dict[str, int]
    failures_by_reason: dict[FailureReasonName, int]
    inputs_skipped: list[SkippedInput]


class ExtractResult(TypedDict):
    """``casegraph extract``: what one run read and found, and what the case now holds."""

    pages: int
    pages_failed: int
    mentions_found: int
    events_found: int
    claims_found: int
    mentions_propagated: int
    entities: int
    events: int
    claims: int


class ReportWritten(TypedDict):
    """``casegraph report``: the file written; ``pages`` for a PDF only."""

    path: str
    format: Literal["html", "pdf"]
    findings: int
    more: int
    pages: NotRequired[int]
    bytes: int


class GraphExport(TypedDict):
    """``casegraph export`` as a graph file."""

    format: Literal["gexf", "graphml", "json"]
    path: str
    nodes: int
    edges: int


class TableExport(TypedDict):
    """``casegraph export --format csv``: rows written, by file name."""

    format: Literal["csv"]
    path: str
    rows: dict[str, int]


class FtmExport(TypedDict):
    """``casegraph export --format ftm``: FollowTheMoney entities written, by schema."""

    format: Literal["ftm"]
    path: str
    entities: dict[str, int]


Export: TypeAlias = GraphExport | TableExport | FtmExport


class Investigation(TypedDict):
    """``casegraph investigate``: every stage's report, every finding and the report."""

    case: str
    ingest: IngestResult
    extract: ExtractResult
    findings: list[Finding]
    report: ReportWritten


class DemoSearch(TypedDict):
    """One of the demo's example searches, with its first hits."""

    query: str
    total: int
    hits: list[SearchHit]


class DemoSummary(TypedDict):
    """``casegraph demo``: where the demo was written and what its case shows."""

    trove: str
    case: str
    ground_truth: str
    ingest: IngestResult
    status: StatusReport
    searches: list[DemoSearch]
    review: list[PageToReview]
    extract: ExtractResult
    top_entities: list[EntitySummary]
    actors_file: str
    cooperation: list[EventListing]
    findings: list[Finding]
    findings_total: int
    report: ReportWritten


class CaseSettings(TypedDict):
    """``casegraph config``: every setting of a case (docs/settings.md)."""

    workers: int
    max_file_bytes: int
    file_timeout_s: float
    worker_memory_mb: int
    max_depth: int
    max_members: int
    max_expanded_bytes: int
    max_compression_ratio: float
    max_text_chars: int
    ocr: bool
    ocr_languages: str
    ocr_dpi: int
    ocr_min_confidence: float
    nlp_model: str


# ``casegraph config CASE NAME``: that one setting, {NAME: value}
OneSetting: TypeAlias = dict[str, int | float | bool | str]


class ErrorDetail(TypedDict):
    """A coded error (E004 ...) and its one line."""

    code: str
    message: str


class CommandError(TypedDict):
    """What any command prints on stdout with --json when it fails."""

    error: ErrorDetail
