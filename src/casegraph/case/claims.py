"""Claims: who said what, each on its passage. Reads the tables claims, roles and
claim_events (written by readings and links)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..listings import ClaimListing, Passage, Review
from .database import Row
from .passages import ReadingTable


class ClaimRepository(ReadingTable[ClaimListing]):
    """The claims of a case."""

    table, order = "claims", "start"

    def select(
        self, source: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ClaimListing]:
        """Claims in document order, optionally only those of one speaker (entity id); a page
        of them with ``limit`` and ``offset``."""
        speaker = "x.id IN (SELECT owner_id FROM roles WHERE role = 'speaker' AND entity_id = ?)"
        clauses, args = ([speaker], [source]) if source else ([], [])
        return list(self._where(clauses, args, limit, offset))

    def each(self) -> Iterator[ClaimListing]:
        """Every claim as select() gives it, one at a time (for outputs of any size)."""
        return self._where()

    def each_label(self) -> Iterator[dict[str, Any]]:
        """{"id", "kind", "hedged"} of every claim, in document order."""
        for row in self.db.execute("SELECT id, kind, hedged FROM claims ORDER BY page_id, start"):
            yield {**row, "hedged": bool(row["hedged"])}

    def at(self, passage: Passage) -> list[ClaimListing]:
        """The claims whose passage is exactly this (doc_id, page, start, end)."""
        at = ["x.doc_id = ?", "x.page = ?", "x.start = ?", "x.end = ?"]
        values = [passage[k] for k in ("doc_id", "page", "start", "end")]
        return list(self._where(at, values))

    def _details(self, ids: Sequence[str]) -> dict[str, Any]:
        """Each claim's roles and the events it asserts, by id."""
        events: dict[str, list[str]] = {claim: [] for claim in ids}
        rows = self.db.execute(
            "SELECT claim_id, event_id FROM claim_events"
            f" WHERE claim_id IN ({', '.join('?' * len(ids))}) ORDER BY claim_id, event_id",
            list(ids),
        )
        for claim, event in rows:
            events[claim].append(event)
        roles = self._roles_of(ids)
        return {claim: (roles[claim], events[claim]) for claim in ids}

    def _record(
        self,
        row: Row,
        review: Review | None,
        details: tuple[dict[str, list[dict[str, Any]]], list[str]],
    ) -> ClaimListing:
        roles, events = details
        speaker = roles.get("speaker", [None])[0]
        content = roles["content"][0]
        return {
            "id": row["id"],
            "speaker": None
            if speaker is None or speaker["id"] is None
            else {"id": speaker["id"], "name": speaker["name"]},
            "speaker_text": speaker["text"] if speaker else None,
            "cue": roles["cue"][0]["text"],
            "content": content["text"],
            "content_span": {"start": content["start"], "end": content["end"]},
            "kind": row["kind"],
            "hedged": bool(row["hedged"]),
            "evidence": self._evidence(row),
            "events": events,
            "extractor": row["extractor"],
            "review": review,
        }
