"""Changes to a case's tables since schema 1, applied in order when a case is opened for writing.

``schema.sql`` always describes the newest tables (a new case starts there, with every
migration counted as applied); a case made by an older casegraph gets the steps it lacks,
each once, recorded as the number of the last one applied (meta ``migration``). A step must
hold on a case that already has its change (an earlier casegraph made columns on opening
before steps were counted). Tables that are only added need no step: ``schema.sql`` makes
missing tables on opening.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .database import Database
from .sql import SET_META

META_KEY = "migration"


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _entity_feature(db: sqlite3.Connection) -> None:
    # entities are rebuilt by the next resolution, so the column starts empty
    if "feature" not in _columns(db, "entities"):
        db.execute("ALTER TABLE entities ADD COLUMN feature TEXT")


def _search_index_leaves_sqlite(db: sqlite3.Connection) -> None:
    # the search index is made again from the pages when it is first opened (case/index.py)
    db.execute("DROP TABLE IF EXISTS page_index")


def _filter_indexes_hold_the_state(db: sqlite3.Connection) -> None:
    # schema.sql makes their successors, which also hold the state the filters check
    for name in ("documents_mime", "documents_language", "documents_date"):
        db.execute(f"DROP INDEX IF EXISTS {name}")


def _paths_get_trigrams(db: sqlite3.Connection) -> None:
    # schema.sql made the table empty: fill it from the paths already there
    db.execute("INSERT INTO path_trigrams (path_trigrams) VALUES ('rebuild')")


def _entity_index_holds_pages(db: sqlite3.Connection) -> None:
    # schema.sql made its successor, mentions_entity_page
    db.execute("DROP INDEX IF EXISTS mentions_entity")


# (what the step does, the step); a step's number is its place in this list, from 1
STEPS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("entities get a gazetteer feature (country, admin1, city, region)", _entity_feature),
    (
        "the search index moves from SQLite (FTS5) to search-index/ (tantivy)",
        _search_index_leaves_sqlite,
    ),
    (
        "the indexes of type, language and date also hold the state, for counting filters",
        _filter_indexes_hold_the_state,
    ),
    ("paths get an index of their trigrams, for the path: filter", _paths_get_trigrams),
    (
        "the index of mentions by entity also holds their pages, for the entity: filter",
        _entity_index_holds_pages,
    ),
)


def applied(db: Database) -> int:
    """How many steps this case has had."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return int(row[0]) if row else 0


def mark_all_applied(db: Database) -> None:
    """Record a new case, made from the newest schema, as having every step."""
    db.execute(SET_META, (META_KEY, len(STEPS)))


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the steps this case lacks, each in its own transaction; what was done."""
    done = []
    for number in range(applied(db) + 1, len(STEPS) + 1):
        description, step = STEPS[number - 1]
        with db:
            step(db)
            db.execute(SET_META, (META_KEY, number))
        done.append(description)
    return done
