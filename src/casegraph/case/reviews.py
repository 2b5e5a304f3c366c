"""Reviews: people's verdicts on events, claims and findings, and their merge and split
judgements on entities. Reads and writes the tables reviews and judgements."""

from __future__ import annotations

from ..listings import Review
from .repository import Repository
from .sql import now, upsert


class ReviewRepository(Repository):
    """What people decided."""

    def add_judgement(
        self, kind: str, left: tuple[str, str], right: tuple[str, str] | None, alias: str | None
    ) -> None:
        """Keep a person's merge or split decision."""
        with self.db:
            self.db.execute(
                "INSERT INTO judgements (kind, left_type, left_key, right_type, right_key, alias,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, *left, *(right or (None, None)), alias, now()),
            )

    def add(self, item_id: str, kind: str, verdict: str, note: str | None, by: str) -> None:
        """Keep a person's verdict on an event, claim or finding (the last one stands)."""
        with self.db:
            self.db.execute(
                upsert(
                    "reviews",
                    "item_id, item_kind, verdict, note, reviewer, reviewed_at",
                    key="item_id",
                ),
                (item_id, kind, verdict, note, by, now()),
            )

    def all(self) -> dict[str, Review]:
        """Every verdict, by the id of what it is on."""
        rows = self.db.execute("SELECT * FROM reviews ORDER BY reviewed_at")
        return {
            row["item_id"]: Review(
                item_id=row["item_id"],
                item_kind=row["item_kind"],
                verdict=row["verdict"],
                note=row["note"],
                reviewer=row["reviewer"],
                reviewed_at=row["reviewed_at"],
            )
            for row in rows
        }

    def kind_of_reading(self, item_id: str) -> str | None:
        """ "event" or "claim" when an event or a claim has this id, else None."""
        for kind, table in (("event", "events"), ("claim", "claims")):
            if self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (item_id,)).fetchone():
                return kind
        return None

    def judgements(
        self,
    ) -> tuple[list[tuple[tuple[str, str], tuple[str, str]]], list[tuple[tuple[str, str], str]]]:
        """(merges, splits) as people decided them, oldest first."""
        rows = self.db.execute(
            "SELECT kind, left_type, left_key, right_type, right_key, alias FROM judgements"
            " ORDER BY id"
        ).fetchall()
        merges = [((lt, lk), (rt, rk)) for k, lt, lk, rt, rk, _ in rows if k == "merge"]
        splits = [((lt, lk), alias) for k, lt, lk, _, _, alias in rows if k == "split"]
        return merges, splits
