"""Every address of a case's workbench, with what it needs of the person who asks.

Reads and writes nothing. The workbench of a case folder (``app.py``) serves these routes to
whoever reaches it; a server's workbench (``server.py``) serves them under ``/cases/{case}``,
to a signed-in person whose role on that case reaches the route's need, and records the
route's action in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ..case.accounts import Role


class Need(IntEnum):
    """What a route asks of a person's role, each need also met by every role above it."""

    READ = 1  # a visitor, until the grant ends
    ANNOTATE = 2  # a reader: notes, tags and marks
    EDIT = 3  # an editor: transcriptions and judgements of entities
    OWN = 4  # an owner: the audit log


ROLE_MEETS = {
    Role.VISITOR: Need.READ,
    Role.READER: Need.ANNOTATE,
    Role.EDITOR: Need.EDIT,
    Role.OWNER: Need.OWN,
}


@dataclass(frozen=True)
class CaseRoute:
    """One address of a case's workbench: its endpoint (a method of ``Pages``), its methods,
    what it needs, and the action a server's audit log records of it (None: not recorded)."""

    path: str
    endpoint: str
    need: Need = Need.READ
    methods: tuple[str, ...] = ("GET",)
    audited: str | None = None


CASE_ROUTES = (
    CaseRoute("/", "home"),
    CaseRoute("/api", "home_json"),
    CaseRoute("/search", "search", audited="search"),
    CaseRoute("/api/search", "search_json", audited="search"),
    CaseRoute("/documents/{doc_id}", "document", audited="view"),
    CaseRoute("/api/documents/{doc_id}", "document_json", audited="view"),
    CaseRoute("/documents/{doc_id}/original", "original", audited="download"),
    CaseRoute("/documents/{doc_id}/pages/{number:int}/picture", "page_image"),
    CaseRoute("/entities", "entities"),
    CaseRoute("/api/entities", "entities_json"),
    CaseRoute("/entities/{entity_id}", "entity"),
    CaseRoute("/api/entities/{entity_id}", "entity_json"),
    CaseRoute("/review", "review"),
    CaseRoute("/api/review", "review_json"),
    CaseRoute("/documents/{doc_id}/transcribe", "transcription", Need.EDIT),
    CaseRoute(
        "/documents/{doc_id}/transcribe", "transcribe", Need.EDIT, ("POST",), "transcription"
    ),
    CaseRoute("/entities/{entity_id}/merge", "merge", Need.EDIT, ("POST",), "judgement"),
    CaseRoute("/entities/{entity_id}/split", "split", Need.EDIT, ("POST",), "judgement"),
    CaseRoute("/documents/{doc_id}/notes", "add_note", Need.ANNOTATE, ("POST",), "annotation"),
    CaseRoute("/documents/{doc_id}/marks", "set_mark", Need.ANNOTATE, ("POST",), "annotation"),
    CaseRoute("/notes/{note_id}/delete", "delete_note", Need.ANNOTATE, ("POST",), "annotation"),
    CaseRoute("/notes/{note_id}/share", "share_note", Need.ANNOTATE, ("POST",), "annotation"),
    CaseRoute("/notes", "notes"),
    CaseRoute("/api/notes", "notes_json"),
    CaseRoute("/map", "map"),
    CaseRoute("/api/map", "map_json"),
    CaseRoute("/graph", "graph"),
    CaseRoute("/api/graph", "graph_json"),
    CaseRoute("/timeline", "timeline"),
    CaseRoute("/api/timeline", "timeline_json"),
    CaseRoute("/findings", "findings"),
    CaseRoute("/api/findings", "findings_json"),
    CaseRoute("/findings/{finding_id}", "finding"),
    CaseRoute("/api/findings/{finding_id}", "finding_json"),
)
# a server case's alone (a case folder has no accounts and no audit log)
OWNER_ROUTES = (
    CaseRoute("/audit", "audit", Need.OWN, audited="audit view"),
    CaseRoute("/api/audit", "audit_json", Need.OWN, audited="audit view"),
    CaseRoute("/audit.csv", "audit_csv", Need.OWN, audited="audit export"),
)
