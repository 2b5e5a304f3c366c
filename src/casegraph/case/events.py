"""Events: who did what to whom, where and when, each on its passage. Reads the tables
events and roles (written by readings and links)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..listings import ActorRef, EventListing, Passage, Review
from .database import Row
from .passages import ReadingTable
from .sql import EVIDENCE, UNDATED


class EventRepository(ReadingTable[EventListing]):
    """The events of a case."""

    table, order = "events", "trigger_start"

    def select(
        self,
        actor: str | None = None,
        category: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EventListing]:
        """Events in document order; only an actor's (id), a category's, or these ids if given;
        a page of them with ``limit`` and ``offset``."""
        clauses, args = [], []
        if ids is not None:
            clauses.append(f"x.id IN {self._wanted(ids)}")
        if category:
            clauses.append("x.category = ?")
            args.append(category.upper())
        if actor:
            clauses.append(
                "x.id IN (SELECT owner_id FROM roles WHERE entity_id = ?"
                " AND role IN ('source', 'target', 'issuer'))"
            )
            args.append(actor)
        return list(self._where(clauses, args, limit, offset))

    def each(self) -> Iterator[EventListing]:
        """Every event as select() gives it, one at a time (for outputs of any size)."""
        return self._where()

    def each_label(self) -> Iterator[dict[str, Any]]:
        """{"id", "category", "quad", "date", "negated", "hypothetical"} of each event, in order."""
        rows = self.db.execute(
            "SELECT id, category, quad, date, negated, hypothetical FROM events"
            " ORDER BY page_id, trigger_start"
        )
        for row in rows:
            yield {
                **row,
                "negated": bool(row["negated"]),
                "hypothetical": bool(row["hypothetical"]),
            }

    def passages(self, event_ids: Iterable[str]) -> dict[str, Passage]:
        """Event id -> the passage it stands on, for these events."""
        rows = self.db.execute(
            f"SELECT x.id, x.doc_id, x.page, x.start, x.end, {EVIDENCE} FROM events x"
            f" JOIN pages p ON p.id = x.page_id WHERE x.id IN {self._wanted(event_ids)}"
        )
        return {row["id"]: self._evidence(row) for row in rows}

    def _record(
        self, row: Row, review: Review | None, roles: dict[str, list[dict[str, Any]]]
    ) -> EventListing:
        def actors(role: str) -> ActorRef | list[ActorRef] | None:
            found: list[ActorRef] = []
            for r in roles.get(role, []):
                # "the two sides" may name an actor the sentence also names
                if r["id"] is None or all(f["id"] != r["id"] for f in found):
                    found.append({"id": r["id"], "name": r["name"]})
            return None if not found else found[0] if len(found) == 1 else found

        location = roles.get("location", [None])[0]
        return {
            "id": row["id"],
            "category": row["category"],
            "mode": row["mode"] or None,
            "quad": row["quad"],
            "intensity": row["intensity"],
            "source": actors("source") or actors("issuer"),
            "target": actors("target"),
            "location": None
            if location is None
            else {"name": location["name"], "lat": location["lat"], "lon": location["lon"]},
            "date": row["date"],
            "date_from": row["date_from"] if row["date_from"] != UNDATED else None,
            "negated": bool(row["negated"]),
            "hypothetical": bool(row["hypothetical"]),
            "reported_by": [
                {"id": r["id"], "name": r["name"]} for r in roles.get("reported_by", [])
            ],
            "trigger": {"start": row["trigger_start"], "end": row["trigger_end"]},
            "evidence": self._evidence(row),
            "extractor": row["extractor"],
            "review": review,
        }
