"""What events and claims share: their passage on the page, their roles and a person's
verdict on each. Reads the tables roles, entities and pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from ..listings import Passage, Review
from .repository import Repository
from .reviews import ReviewRepository
from .sql import EVIDENCE, page_clause, where_clause

Record = TypeVar("Record")


class ReadingTable(Repository):
    """A table of readings (events or claims) that stand on passages."""

    def __init__(self, db: sqlite3.Connection, reviews: ReviewRepository) -> None:
        super().__init__(db)
        self.reviews = reviews

    def _readings_where(
        self,
        table: str,
        order: str,
        record: Callable[[sqlite3.Row, Review | None], Record],
        clauses: Sequence[str],
        args: Sequence[Any],
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Record]:
        """Rows of events or claims (as x) with their passage, made records, in page order, each
        with a person's verdict on it (``review``: null where there is none); a page of them
        with ``limit`` and ``offset``."""
        paging, page_params = page_clause(limit, offset)
        rows = self.db.execute(
            f"SELECT x.*, {EVIDENCE} FROM {table} x JOIN pages p ON p.id = x.page_id"
            f"{where_clause(clauses)} ORDER BY x.page_id, {order}{paging}",
            [*args, *page_params],
        )
        verdicts = self.reviews.all()
        return (record(row, verdicts.get(row["id"])) for row in rows)

    def _roles_of(self, owner_id: str) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        rows = self.db.execute(
            "SELECT r.role, r.start, r.end, r.text, r.entity_id, e.name, e.lat, e.lon"
            " FROM roles r LEFT JOIN entities e ON e.id = r.entity_id"
            " WHERE r.owner_id = ? ORDER BY r.role, r.ordinal",
            (owner_id,),
        )
        for role, start, end, text, entity_id, name, lat, lon in rows:
            found.setdefault(role, []).append(
                {
                    "start": start,
                    "end": end,
                    "text": text,
                    "id": entity_id,
                    "name": name or text,
                    "lat": lat,
                    "lon": lon,
                }
            )
        return found

    @staticmethod
    def _evidence(row: sqlite3.Row) -> Passage:
        """The passage a listed event or claim stands on (its text cut out by the query)."""
        return {
            "doc_id": row["doc_id"],
            "page": row["page"],
            "start": row["start"],
            "end": row["end"],
            "text": row["evidence_text"],
        }
