"""A case copied whole into a new case of the other backend: a server case into a case
folder that opens on a laptop with no server, or a case folder onto a server.

Reads every table of the source case (in the order its rows came) and its originals;
writes them into the new, empty target case, table by table in the order of
``schema.sql`` (a row's parent before it), then lets the target make its own search index
from the pages. What the target made for itself on creation (its settings, its folder) is
kept, the rest of ``meta`` comes from the source, and so do the files the case keeps beside
its tables (its list of actors).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .index import INDEX_FOLDER
from .sql import SET_META
from .store import DB_NAME, LOCK_NAME, Case, schema_script

ROWS_PER_BATCH = 1_000
# what the target keeps of its own: where its files are, and its own index's layout
_OWN_META = ("folder", "search_index")
# files of the case folder that belong to this copy of the case alone
_NOT_COPIED = (DB_NAME, LOCK_NAME, INDEX_FOLDER, "worker.log")
# rebuilt by the target from the pages it receives
_REBUILT = ("index_queue", "meta")


def copy_case(source: Case, target: Case) -> dict[str, int]:
    """Copy every row and original of ``source`` into the new case ``target``; how many
    rows of each table were copied."""
    copied: dict[str, int] = {}
    with target.transaction():
        for table, columns, order in _tables():
            if table in _REBUILT:
                continue
            copied[table] = _copy_table(source, target, table, columns, order)
        for key, value in source.db.execute("SELECT key, value FROM meta"):
            if key not in _OWN_META:
                target.db.execute(SET_META, (key, value))
        target.db.execute("INSERT INTO index_queue (page_id) SELECT id FROM pages")
    if target.address is not None:
        from . import postgres

        assert isinstance(target.db, postgres.ServerConnection)
        postgres.continue_numbering(target.db)
        target.refresh_statistics()
    _copy_originals(source.root / "blobs", target.root / "blobs")
    _copy_own_files(source.root, target.root)
    return copied


def _copy_table(source: Case, target: Case, table: str, columns: list[str], order: str) -> int:
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    rows = source.db.execute(f"SELECT {names} FROM {table} ORDER BY {order}")
    count = 0
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(tuple(row))
        if len(batch) == ROWS_PER_BATCH:
            target.db.executemany(insert, batch)
            count, batch = count + len(batch), []
    if batch:
        target.db.executemany(insert, batch)
    return count + len(batch)


def _tables() -> Iterator[tuple[str, list[str], str]]:
    """Each table of a case in the order schema.sql makes them: its name, its columns, and
    the column that orders its rows as they came (its integer key, else SQLite's rowid,
    which a server case keeps as a column of that name)."""
    with sqlite3.connect(":memory:") as schema:
        schema.executescript(schema_script())
        tables = schema.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE"
            " 'CREATE VIRTUAL%' AND name NOT LIKE 'path_trigrams%' ORDER BY rowid"
        ).fetchall()
        for (table,) in tables:
            info = schema.execute(f"PRAGMA table_info({table})").fetchall()
            columns = [row[1] for row in info]
            keys = [row[1] for row in info if row[5] and row[2].upper() == "INTEGER"]
            single = len([row for row in info if row[5]]) == 1
            yield table, columns, keys[0] if keys and single else "rowid"


def _copy_own_files(source: Path, target: Path) -> None:
    """The files a case keeps beside its tables (the investigator's list of actors, a
    report written there), not those of its database, its locks and its logs."""
    for path in source.iterdir():
        if path.is_file() and not path.name.startswith(_NOT_COPIED):
            shutil.copy2(path, target / path.name)


def _copy_originals(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
