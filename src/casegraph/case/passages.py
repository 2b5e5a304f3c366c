"""What events and claims share: their passage on the page, their roles and a person's
verdict on each. Reads the tables roles, entities and pages."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar

from ..listings import Passage, Review
from .database import Database, Row
from .repository import Repository
from .reviews import ReviewRepository
from .sql import EVIDENCE, page_clause, where_clause

Record = TypeVar("Record")
# the records whose roles (and a claim's events) are read in one query: a query per record
# is a round trip each on a server
RECORDS_AT_ONCE = 500


class ReadingTable(Repository, Generic[Record]):
    """A table of readings (events or claims) that stand on passages: ``table`` is its name,
    ``order`` the column that orders a page's rows, ``_record`` makes a row a record."""

    table: str
    order: str

    def __init__(self, db: Database, reviews: ReviewRepository) -> None:
        super().__init__(db)
        self.reviews = reviews

    def _record(self, row: Row, review: Review | None, details: Any) -> Record:
        """A row made a record, with its ``details`` (what ``_details`` read for it)."""
        raise NotImplementedError

    def _details(self, ids: Sequence[str]) -> dict[str, Any]:
        """What each record needs besides its row, by id: its roles (a subclass may read
        more)."""
        return self._roles_of(ids)

    def _where(
        self,
        clauses: Sequence[str] = (),
        args: Sequence[Any] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Record]:
        """The rows (as x) meeting every SQL condition, with their passage, made records, in
        document order, each with a person's verdict on it (``review``: null where there is
        none); a page of them with ``limit`` and ``offset``."""
        paging, page_params = page_clause(limit, offset)
        rows = self.db.execute(
            f"SELECT x.*, {EVIDENCE} FROM {self.table} x JOIN pages p ON p.id = x.page_id"
            f"{where_clause(clauses)} ORDER BY x.page_id, x.{self.order}{paging}",
            [*args, *page_params],
        )
        verdicts = self.reviews.all()
        while chunk := rows.fetchmany(RECORDS_AT_ONCE):
            details = self._details([row["id"] for row in chunk])
            for row in chunk:
                yield self._record(row, verdicts.get(row["id"]), details.get(row["id"]))

    def on_page(self, doc_id: str, page: int) -> list[Record]:
        """The readings of one page, in the order they stand on it."""
        return list(self._where(["x.doc_id = ?", "x.page = ?"], [doc_id, page]))

    def _roles_of(self, owner_ids: Sequence[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """Each owner's roles by name, in their order."""
        found: dict[str, dict[str, list[dict[str, Any]]]] = {owner: {} for owner in owner_ids}
        rows = self.db.execute(
            "SELECT r.owner_id, r.role, r.start, r.end, r.text, r.entity_id, e.name, e.lat,"
            " e.lon FROM roles r LEFT JOIN entities e ON e.id = r.entity_id"
            f" WHERE r.owner_id IN ({', '.join('?' * len(owner_ids))})"
            " ORDER BY r.owner_id, r.role, r.ordinal",
            list(owner_ids),
        )
        for owner, role, start, end, text, entity_id, name, lat, lon in rows:
            found[owner].setdefault(role, []).append(
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
    def _evidence(row: Row) -> Passage:
        """The passage a listed event or claim stands on (its text cut out by the query)."""
        return {
            "doc_id": row["doc_id"],
            "page": row["page"],
            "start": row["start"],
            "end": row["end"],
            "text": row["evidence_text"],
        }
