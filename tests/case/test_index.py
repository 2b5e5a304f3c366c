"""The search index is kept in step with the pages through a queue: what a stopped run
queued is applied later, applying twice doubles nothing, another writer is waited for,
and a case made with the older index in SQLite gets the new one from its pages."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
import tantivy

from casegraph.case import index, migrations
from casegraph.case.index import INDEX_FOLDER, queue_pages
from casegraph.case.store import Case
from casegraph.errors import CaseLocked, DamagedCase
from casegraph.querytree import Filter, Term
from casegraph.records import ChildRef, Extraction

PDF = "application/pdf"


def save_document(case: Case, name: str, text: str) -> str:
    """Store a one-page document inside whatever transaction is open."""
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc_id, _, _ = case.documents.add_source(sha, len(data), name, Path(name), 1)
    extraction = Extraction(mime="text/plain", title=name, extractor="test 1")
    extraction.add_page(text)
    case.documents.save_extraction(doc_id, extraction, None)
    return doc_id


def found(case: Case, word: str) -> list[str]:
    return [hit["doc_id"] for hit in case.index.search(Term(word), [], 10, 0).hits]


def test_pages_kept_but_not_indexed_before_a_stop_are_found_later(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.db:  # the pages are kept, and the run stops before the index takes them in
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    assert case.index.pending() == 1
    case.close()
    reopened = Case.open(tmp_path / "case")
    assert found(reopened, "convoy") == [doc_id]
    assert reopened.index.pending() == 0


def test_applying_a_page_twice_indexes_it_once(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    page_id = case.db.execute("SELECT id FROM pages").fetchone()[0]
    # the index committed, and the emptying of the queue was lost
    with case.db:
        queue_pages(case.db, [page_id])
    assert case.index.apply_queue() == 1
    matches = case.index.search(Term("convoy"), [], 10, 0)
    assert matches.total == 1 and [hit["doc_id"] for hit in matches.hits] == [doc_id]
    searcher = tantivy.Index.open(str(tmp_path / "case" / INDEX_FOLDER)).searcher()
    assert searcher.num_docs == 1


def test_the_queue_waits_while_another_process_writes_the_index(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        save_document(case, "first.txt", "The convoy waited at the bridge.")
    other = tantivy.Index.open(str(tmp_path / "case" / INDEX_FOLDER)).writer(15_000_000, 1)
    with case.db:
        save_document(case, "second.txt", "A second convoy crossed.")
    assert case.index.apply_queue() == 0 and case.index.pending() == 1
    other.rollback()
    del other  # its lock goes with it
    assert case.index.apply_queue() == 1
    assert len(found(case, "convoy")) == 2


def test_a_reader_leaves_the_queue_to_the_process_that_writes_the_case(tmp_path: Path) -> None:
    writing = Case.create(tmp_path / "case")
    reading = Case.open(tmp_path / "case")
    with writing.writer_lock():
        with writing.db:
            save_document(writing, "memo.txt", "The convoy waited at the bridge.")
        # a search beside an ingest neither commits to the database nor writes the index
        assert found(reading, "convoy") == [] and reading.index.pending() == 1
        with pytest.raises(CaseLocked), reading.writer_lock():
            pass
        assert writing.index.apply_queue() == 1
    reading.index.refresh()
    assert found(reading, "convoy") != [] and reading.index.pending() == 0


def test_a_replaced_document_leaves_no_old_words(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    extraction = Extraction(mime="text/plain", title="memo.txt", extractor="test 2")
    extraction.add_page("Two pages now: the barge left.")
    extraction.add_page("And the port closed.")
    with case.transaction():
        case.documents.save_extraction(doc_id, extraction, None)
    assert found(case, "convoy") == []
    assert found(case, "barge") == [doc_id] and found(case, "port") == [doc_id]


def test_a_case_with_the_older_sqlite_index_gets_the_new_one(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    # as an older casegraph left it: pages in an FTS5 table, no index folder, one step applied
    with case.db:
        case.db.execute("CREATE VIRTUAL TABLE page_index USING fts5 (body, bare)")
        case.db.execute("INSERT INTO path_trigrams (path_trigrams) VALUES ('delete-all')")
        case.db.execute("UPDATE meta SET value = '1' WHERE key = ?", (migrations.META_KEY,))
    case.close()
    shutil.rmtree(tmp_path / "case" / INDEX_FOLDER)
    reopened = Case.open(tmp_path / "case")
    assert "page_index" not in reopened.table_names()
    assert found(reopened, "convoy") == [doc_id]
    in_folder = reopened.index.search(Term("convoy"), [Filter("path", "memo.")], 10, 0)
    assert [hit["doc_id"] for hit in in_folder.hits] == [doc_id]
    db = sqlite3.connect(tmp_path / "case" / "case.sqlite")
    assert db.execute("SELECT count(*) FROM index_queue").fetchone()[0] == 0


def save_pages(case: Case, name: str, pages: list[str], mime: str, when: str | None) -> str:
    data = "\f".join(pages).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    doc_id, _, _ = case.documents.add_source(sha, len(data), name, Path(name), 1)
    extraction = Extraction(mime=mime, title=name, language="en", extractor="test 1")
    for text in pages:
        extraction.add_page(text)
    case.documents.save_extraction(doc_id, extraction, when)
    return doc_id


def test_documents_are_counted_once_however_many_of_their_pages_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        report = save_pages(case, "report.pdf", ["convoy"] * 3 + ["nothing"], PDF, None)
        memo = save_pages(case, "memo.txt", ["The convoy, twice: convoy."], "text/plain", None)
    matches = case.index.search(Term("convoy"), [], 10, 0)
    assert (matches.total, matches.estimated) == (2, False)
    assert sorted(hit["doc_id"] for hit in matches.hits) == sorted([report, memo])
    # past the pages counted exactly, the documents are estimated, and say so
    monkeypatch.setattr(index, "EXACT_COUNT_PAGES", 2)
    assert case.index.search(Term("convoy"), [], 10, 0)[:2] == (2, True)


def test_filters_with_words_read_the_documents_type_language_and_date(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        when = "2015-03-31T23:30:00+03:00"
        report = save_pages(case, "report.pdf", ["The convoy, reported."], PDF, when)
        memo = save_pages(case, "memo.txt", ["The convoy, noted."], "text/plain", None)

    def found(*filters: Filter, undated_only: bool = False) -> list[str]:
        hits = case.index.search(Term("convoy"), list(filters), 10, 0, undated_only).hits
        return sorted(hit["doc_id"] for hit in hits)

    assert found(Filter("type", "pdf")) == [report]
    assert found(Filter("type", "portable")) == []  # a name no type holds
    assert found(Filter("type", "plain")) == [memo]  # part of a type's name
    assert found(Filter("type", "pdf"), Filter("type", "text")) == sorted([report, memo])
    assert found(Filter("lang", "en")) == sorted([report, memo])
    assert found(Filter("lang", "ar")) == []
    march = Filter("date", "2015-03", date(2015, 3, 1), date(2015, 3, 31))
    assert found(march) == [report]
    assert found(Filter("date", "2015-04..", date(2015, 4, 1), None)) == []
    assert found(undated_only=True) == [memo]
    assert found(Filter("path", "memo")) == [memo]
    assert found(Filter("path", "emo.t")) == [memo]  # any part of a path
    assert found(Filter("path", "Memo")) == []  # case kept
    assert found(Filter("path", "mo")) == [memo]  # shorter than a trigram
    assert found(Filter("path", 'memo"')) == []
    assert found(Filter("path", ".")) == sorted([report, memo])


def outdated_case(root: Path) -> str:
    """A case of one memo whose search index has an older layout; the memo's id."""
    case = Case.create(root / "case")
    with case.transaction():
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    with case.db:
        case.db.execute("UPDATE meta SET value = 'tantivy-pages 0' WHERE key = 'search_index'")
    case.close()
    return doc_id


def test_an_index_of_another_layout_is_made_again_from_the_pages(tmp_path: Path) -> None:
    doc_id = outdated_case(tmp_path)
    reopened = Case.open(tmp_path / "case")
    assert found(reopened, "convoy") == [doc_id]
    assert (
        reopened.db.execute("SELECT value FROM meta WHERE key = 'search_index'").fetchone()[0]
        == index.INDEX_VERSION
    )


def test_an_outdated_index_is_made_by_one_process_while_another_waits(tmp_path: Path) -> None:
    doc_id = outdated_case(tmp_path)
    # another process is making the index: this one must wait, then open what it made
    with open(tmp_path / "case" / f"{INDEX_FOLDER}.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        answers: list[list[str]] = []
        waiting = threading.Thread(
            target=lambda: answers.append(found(Case.open(tmp_path / "case"), "convoy"))
        )
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and answers == [], "it went on while the index was made"
        other = Case.open(tmp_path / "case")
        other.index._create()  # what the other process does while it holds the lock
        other.index.apply_queue()
        made = {path.name for path in (tmp_path / "case" / INDEX_FOLDER).iterdir()}
    waiting.join(30)
    assert answers == [[doc_id]]
    # the index the other process made was opened, not wiped and made again
    assert made <= {path.name for path in (tmp_path / "case" / INDEX_FOLDER).iterdir()}


def test_a_damaged_index_is_made_again_or_named_in_one_line(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        doc_id = save_document(case, "memo.txt", "The convoy waited at the bridge.")
    case.close()
    for part in (tmp_path / "case" / INDEX_FOLDER).glob("*.term"):
        part.write_bytes(b"garbled" * 10)
    with pytest.raises(DamagedCase, match="search index .* is damaged"):
        Case.open(tmp_path / "case", read_only=True).index.search(Term("convoy"), [], 10, 0)
    assert found(Case.open(tmp_path / "case"), "convoy") == [doc_id]


def test_a_copy_seen_at_a_new_path_is_found_at_it(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        memo = save_pages(case, "inbox/memo.txt", ["The convoy, noted."], "text/plain", None)
        archive = save_pages(case, "box.zip", ["a list of files"], "application/zip", None)

    def found(path: str) -> list[str]:
        hits = case.index.search(Term("convoy"), [Filter("path", path)], 10, 0).hits
        return [hit["doc_id"] for hit in hits]

    assert found("leak/") == []
    with case.transaction():
        sha = case.db.execute("SELECT sha256 FROM documents WHERE doc_id = ?", (memo,))
        digest = sha.fetchone()[0]
        case.documents.add_source(digest, 18, "leak/memo copy.txt", Path("leak/memo.txt"), 2)
        case.documents.add_children(archive, 1, [ChildRef("old/memo.txt", digest, 18)])
    assert found("leak/") == found("box.zip!/old/") == found("inbox/") == [memo]
    assert found("memo copy") == [memo] and found("Leak/") == []


# characters of tantivy's regular expressions, a line break, Arabic, and a path longer than a
# regular expression of tantivy's may be (1,000 states)
WRITTEN = ["a+b (1).txt", "[x]|y$.txt", "c:\\d\\e.txt", "line\nbreak.txt", "ف ق.txt", "x" * 500]


@pytest.mark.parametrize("written", WRITTEN)
def test_a_path_filter_reads_its_characters_as_written(tmp_path: Path, written: str) -> None:
    case = Case.create(tmp_path / "case")
    with case.transaction():
        doc_id = save_pages(case, f"in/{written}", ["The convoy."], "text/plain", None)
        save_pages(case, "in/other.txt", ["The convoy, again."], "text/plain", None)
    for part in (written, written[1:-1], written[-6:]):
        hits = case.index.search(Term("convoy"), [Filter("path", part)], 10, 0).hits
        assert [hit["doc_id"] for hit in hits] == [doc_id], part
    dotted = case.index.search(Term("convoy"), [Filter("path", ".*")], 10, 0).hits
    assert dotted == []  # no path holds ".*" as written
