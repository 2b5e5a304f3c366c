"""The case store's own guarantees, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casegraph.case.store import DB_NAME, Case
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings


def test_asking_for_more_ids_than_a_query_may_carry_works(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The army withdrew from the port.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    (doc_id,) = [d for _, d in case.documents.all_paths()]
    # more than the 250,000 parameters this SQLite build takes (32,766 in many others)
    many = [f"x{n}" for n in range(300_000)]
    labels = case.documents.labels([*many, doc_id])
    assert list(labels) == [doc_id]
    assert case.events.select(ids=many) == []
    # a lazy reader of every document is not disturbed by a question asked in between
    every = case.documents.each_label()
    assert case.documents.labels(many) == {}
    assert [d["doc_id"] for d in every] == [doc_id]


def test_writes_are_kept_whole_or_not_at_all(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The army withdrew from the port.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    (doc,) = [d for _, d in case.documents.all_paths()]

    def kept() -> int:
        """What another reader of the case sees: only what was kept."""
        return len(Case.open(tmp_path / "case", read_only=True).documents.failures())

    with case.transaction():
        case.readings.save_failure("one", doc, 0, "test", "kept")
    assert kept() == 1
    with pytest.raises(RuntimeError), case.transaction():
        case.readings.save_failure("two", doc, 0, "test", "undone")
        raise RuntimeError("stopped half-way")
    assert kept() == len(case.documents.failures()) == 1
    with pytest.raises(RuntimeError), case.batches(items=2, seconds=3600) as written:
        for n in range(3):
            case.readings.save_failure(f"batch{n}", doc, 0, "test", "batch")
            written(1)
            assert kept() == (1 if n < 1 else 3)
        raise RuntimeError("killed")
    # the first two went as a batch; the third, in the open batch, is dropped with it
    assert kept() == len(case.documents.failures()) == 3
    with case.batches(items=100, seconds=3600) as written:
        case.readings.save_failure("last", doc, 0, "test", "batch")
        written(1)
    assert kept() == 4  # the last batch is kept at the end


def test_an_older_case_gets_the_steps_it_lacks_once_and_a_new_case_needs_none(
    tmp_path: Path,
) -> None:
    from casegraph.case import migrations

    case = Case.create(tmp_path / "case", Settings(workers=1))
    assert migrations.applied(case.db) == len(migrations.STEPS)
    assert migrations.migrate(case.db) == []
    # a case made before the entities' feature column and before steps were counted
    with case.transaction():
        case.db.execute("ALTER TABLE entities DROP COLUMN feature")
        case.db.execute("DELETE FROM meta WHERE key = ?", (migrations.META_KEY,))
    case.close()
    reopened = Case.open(tmp_path / "case")
    columns = {row[1] for row in reopened.db.execute("PRAGMA table_info(entities)")}
    assert "feature" in columns
    assert migrations.applied(reopened.db) == len(migrations.STEPS)
    assert reopened.entities.select() == []


def test_a_killed_runs_half_written_originals_go_and_those_being_written_stay(
    tmp_path: Path,
) -> None:
    import os
    import time

    from casegraph.case.blobs import BlobStore

    store = BlobStore(tmp_path / "blobs")
    store.root.mkdir()
    left = store.root / ".incoming-left"
    writing = store.root / ".incoming-writing"
    for path in (left, writing):
        path.write_bytes(b"half")
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    # beside other writers (a server case's jobs) only what no one touched for a while goes
    assert store.clean_incoming(idle_for=600) == 1
    assert not left.exists() and writing.exists()
    assert store.clean_incoming() == 1 and not writing.exists()  # alone: everything goes


def test_a_server_case_of_an_earlier_version_gets_the_tables_and_indexes_it_lacks(
    server_database: str, tmp_path: Path
) -> None:
    from casegraph.case.address import ServerAddress

    address = ServerAddress(server_database, "earlier-version")
    with closing(Case.create(address, folder=tmp_path / "files")) as case:
        case.db.execute("DROP TABLE private_notes")
        case.db.execute("DROP INDEX paths_container")
        case.db.commit()
    with closing(Case.open(address, read_only=True)) as case:  # a reader changes nothing
        assert "private_notes" not in case.table_names()
    with closing(Case.open(address)) as case:
        assert "private_notes" in case.table_names()
        made = case.db.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
            (address.schema, "paths_container"),
        ).fetchone()
        assert made[0] == 1


def test_a_case_folder_of_an_earlier_version_reads_and_copies_when_opened_read_only(
    tmp_path: Path,
) -> None:
    from casegraph.case.copying import copy_case

    with closing(Case.create(tmp_path / "old", Settings(workers=1))) as case:
        case.db.execute("DROP TABLE private_notes")
        case.db.execute("DROP TABLE marks")
        case.db.commit()
    with closing(Case.open(tmp_path / "old", read_only=True)) as old:
        assert old.notes.select() == [] and old.notes.tags(viewer="ed") == []
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # taken, then lost
            old.db.execute("INSERT INTO marks VALUES ('d', 'read', 'ed', 'now')")
        with closing(Case.create(tmp_path / "copy", Settings(workers=1))) as copy:
            assert copy_case(old, copy)["private_notes"] == 0
    with closing(sqlite3.connect(tmp_path / "old" / DB_NAME)) as raw:  # nothing written
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert "notes" in tables and not {"private_notes", "marks"} & tables


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (
            "postgresql://bob:s3cret@db:5433/news?password=x&sslmode=require",
            "postgresql://bob@db:5433/news?sslmode=require",
        ),
        ("postgresql:///news", "postgresql:///news"),
        ("postgresql://u:p?w@host/db", "postgresql://u@host/db"),
        ("postgres://al%40ice:pw@[::1]/db?sslpassword=z", "postgres://al%40ice@[::1]/db"),
    ],
)
def test_a_server_address_is_shown_without_its_password(given: str, shown: str) -> None:
    from casegraph.case.address import ServerAddress

    assert ServerAddress(given, "leak").shown == shown + "#leak"
