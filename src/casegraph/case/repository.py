"""What every repository of a case has: the case's connection and a few ways to read rows.

A repository is a small class over one connection that reads and writes a few tables; the
``Case`` holds one of each (``case.documents``, ``case.pages``, ``case.events`` ...). A second
backend implements the same classes' public methods over its own connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .database import Database


class Repository:
    """A group of tables of one case, read and written over the case's connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.on_server = not isinstance(db, sqlite3.Connection)  # PostgreSQL

    def _dict_rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query as plain tuples, the same from every backend."""
        return [tuple(row) for row in self.db.execute(sql, params)]

    def _count(self, sql: str) -> int:
        return self._count_of(sql, ())

    def _count_of(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.db.execute(sql, params).fetchone()[0])

    def _wanted(self, ids: Iterable[str | bytes]) -> str:
        """A subquery of these ids, held in a temporary table: a query's parameters are capped."""
        return self._held("wanted", "TEXT", ids)

    def _wanted_numbers(self, ids: Iterable[int]) -> str:
        """A subquery of these numeric ids (PostgreSQL compares no number with a text)."""
        return self._held("wanted_numbers", "INTEGER", ids)

    def _held(self, table: str, kind: str, ids: Iterable[Any]) -> str:
        # committed at once: an open transaction would pin a reader to an old snapshot
        with self.db:
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id {kind} PRIMARY KEY)")
            self.db.execute(f"DELETE FROM temp.{table}")
            self.db.executemany(
                f"INSERT INTO temp.{table} VALUES (?) ON CONFLICT DO NOTHING", ((i,) for i in ids)
            )
        return f"(SELECT id FROM temp.{table})"
