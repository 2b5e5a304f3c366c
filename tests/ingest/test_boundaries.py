"""Fault injection: an error on one item, in any stage, costs that item only.

Each test makes one stage raise for one chosen file (workers are forked from the test
process, so a patch made here reaches them) and checks that the item became its own typed
failure with the exception named, that every other item went through, and that a case that
can no longer be written stops the run in one line and a re-run resumes it.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from casegraph.case.blobs import BlobStore
from casegraph.case.documents import DocumentRepository
from casegraph.case.pages import PageRepository
from casegraph.case.store import Case
from casegraph.errors import CaseUnwritable
from casegraph.ingest import text
from casegraph.ingest.pipeline import ingest
from casegraph.nlp import claims, link
from casegraph.nlp.extract import extract
from casegraph.records import Extraction
from casegraph.settings import Settings

POISON = "poison"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _trove(root: Path) -> Path:
    trove = root / "trove"
    trove.mkdir()
    for n in range(4):
        (trove / f"memo-{n}.txt").write_text(f"Memo {n}: Omar Fadel met Karim Haddad in Bahran.\n")
    (trove / f"{POISON}.txt").write_text("The poison memo: Omar Fadel left Bahran.\n")
    return trove


def _failures(case: Case) -> dict[str, dict[str, str]]:
    return {row["path"]: row for row in case.documents.failures()}


def test_an_extractor_that_raises_costs_its_file_only(case: Case, tmp_path: Path, monkeypatch):
    real = text.extract

    def extract_or_raise(path: Path, ctx, mime: str) -> Extraction:
        if POISON in ctx.name:
            raise RuntimeError("injected parser bug")
        return real(path, ctx, mime)

    monkeypatch.setattr(text, "extract", extract_or_raise)
    report = ingest(case, [_trove(tmp_path)], progress=False)
    assert report.documents_added == 5
    failed = _failures(case)
    assert list(failed) == [f"trove/{POISON}.txt"]
    assert failed[f"trove/{POISON}.txt"]["detail"] == "RuntimeError: injected parser bug"
    assert case.status()["by_state"]["done"] == 4


@pytest.mark.parametrize(
    "error",
    [
        UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
        sqlite3.IntegrityError("injected constraint failure"),
        KeyError("injected"),
    ],
)
def test_a_store_write_that_raises_costs_its_document_only(
    case: Case, tmp_path: Path, monkeypatch, error: Exception
) -> None:
    real = DocumentRepository.save_extraction

    def save_or_raise(
        self: DocumentRepository, doc_id: str, extraction: Extraction, date: str | None
    ):
        if POISON in extraction.pages[0].text:
            self.db.execute("DELETE FROM paths")  # a half-done write, which must be undone
            raise error
        return real(self, doc_id, extraction, date)

    monkeypatch.setattr(DocumentRepository, "save_extraction", save_or_raise)
    report = ingest(case, [_trove(tmp_path)], progress=False)
    assert report.failures_by_reason == {"internal_error": 1}
    failed = _failures(case)[f"trove/{POISON}.txt"]
    assert failed["reason"] == "internal_error"
    assert failed["detail"].startswith(type(error).__name__)
    # the file's own writes were undone with the injected half-done one; it is listed as an
    # input that failed, and `failures --retry` takes it again
    assert case.status()["by_state"] == {"done": 4}
    assert case.status()["paths"] == 4


def test_a_full_database_stops_the_run_and_a_rerun_resumes(
    case: Case, tmp_path: Path, monkeypatch
) -> None:
    real = DocumentRepository.save_extraction

    def full_on_poison(
        self: DocumentRepository, doc_id: str, extraction: Extraction, date: str | None
    ):
        if POISON in extraction.pages[0].text:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, doc_id, extraction, date)

    trove = _trove(tmp_path)
    monkeypatch.setattr(DocumentRepository, "save_extraction", full_on_poison)
    with pytest.raises(CaseUnwritable, match="database or disk is full"):
        ingest(case, [trove], progress=False)
    monkeypatch.setattr(DocumentRepository, "save_extraction", real)
    ingest(case, [trove], progress=False)
    assert case.status()["by_state"] == {"done": 5}
    assert case.documents.failures() == []


def test_a_disk_that_fills_while_storing_an_original_is_no_failure_of_the_file(
    case: Case, tmp_path: Path, monkeypatch
) -> None:
    real = BlobStore.put_file

    def full_on_poison(self: BlobStore, source: Path) -> tuple[str, int]:
        if source.name.startswith(POISON):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, source)

    trove = _trove(tmp_path)
    monkeypatch.setattr(BlobStore, "put_file", full_on_poison)
    with pytest.raises(CaseUnwritable, match="No space left"):
        ingest(case, [trove], progress=False)
    assert all(row["reason"] != "corrupt" for row in case.documents.failures())
    monkeypatch.setattr(BlobStore, "put_file", real)
    report = ingest(case, [trove], progress=False)
    assert report.failures == 0
    assert case.status()["by_state"] == {"done": 5}


def test_an_ocr_page_that_cannot_be_recorded_costs_that_page_only(
    tmp_path: Path, monkeypatch
) -> None:
    trove = tmp_path / "scans"
    trove.mkdir()
    for name, words in (("letter", "Withdraw the tanks"), (POISON, "Open the crossing")):
        image = Image.new("L", (900, 200), 255)
        ImageDraw.Draw(image).text((20, 60), words, font=ImageFont.truetype(FONT, 48))
        image.save(trove / f"{name}.png")
    real = PageRepository.save_ocr
    poisoned: set[str] = set()

    def save_or_raise(self: PageRepository, doc_id: str, number: int, page) -> None:
        if self.documents.first_path(doc_id).endswith(f"{POISON}.png"):
            poisoned.add(doc_id)
            raise ValueError("injected OCR store failure")
        real(self, doc_id, number, page)

    monkeypatch.setattr(PageRepository, "save_ocr", save_or_raise)
    case = Case.create(tmp_path / "case", Settings(workers=1))
    report = ingest(case, [trove], progress=False)
    assert report.pages_ocred == 1
    assert report.ocr_failures == 1
    (doc_id,) = poisoned
    page = case.documents.get(doc_id)["pages"][0]
    assert page["ocr_error"] is not None and "injected OCR store failure" in page["ocr_error"]
    others = [row for row in case.documents.select() if row["doc_id"] != doc_id]
    assert "Withdraw" in case.documents.get(others[0]["doc_id"])["pages"][0]["text"]


def test_a_page_that_breaks_recognition_costs_that_page_only(
    case: Case, tmp_path: Path, monkeypatch
) -> None:
    ingest(case, [_trove(tmp_path)], progress=False)
    real = claims.find_claims

    def find_or_raise(doc, *args):
        if POISON in doc.text:
            raise IndexError("injected reader bug")
        return real(doc, *args)

    monkeypatch.setattr(claims, "find_claims", find_or_raise)
    report = extract(case, progress=False)
    assert report["pages_failed"] == 1
    failed = _failures(case)[f"trove/{POISON}.txt (page 1)"]
    assert failed["reason"] == "internal_error"
    assert failed["detail"] == "entities: IndexError: injected reader bug"
    read = {event["evidence"]["doc_id"] for event in case.events.select()}
    assert len(read) == 4 and failed["doc_id"] not in read
    # the failure stays recorded, and a later run that reads the page clears it
    monkeypatch.setattr(claims, "find_claims", real)
    assert extract(case, progress=False)["pages_failed"] == 0
    assert f"trove/{POISON}.txt (page 1)" in _failures(case)
    case.db.execute("DELETE FROM page_stages")
    extract(case, progress=False)
    assert _failures(case) == {}


def test_a_document_that_breaks_linking_costs_that_document_only(
    case: Case, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "trove").mkdir()
    for n in range(3):
        (tmp_path / "trove" / f"order-{n}.txt").write_text(
            f"Order {n}: the army withdrew its tanks from Bahran after talks with the Brigades.\n"
        )
    ingest(case, [tmp_path / "trove"], progress=False)
    broken = case.documents.select()[1]["doc_id"]
    real = link._authorship

    def author_or_raise(document, *args):
        if document["doc_id"] == broken:
            raise TypeError("injected linking bug")
        return real(document, *args)

    monkeypatch.setattr(link, "_authorship", author_or_raise)
    extract(case, progress=False)
    (row,) = [r for r in case.documents.failures() if r["doc_id"] == broken]
    assert row["detail"] == "link: TypeError: injected linking bug"
    events = case.events.select()
    linked = {e["evidence"]["doc_id"] for e in events if e["target"] and e["target"]["id"]}
    assert len(linked) == 2 and broken not in linked


def test_text_that_is_not_valid_unicode_is_replaced_and_counted(case: Case, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    lone = json.dumps({"note": "before\ud800after", "also": "\udfff"}, ensure_ascii=True)
    (tmp_path / "in" / "escapes.json").write_text(lone)
    report = ingest(case, [tmp_path / "in"], progress=False)
    assert report.failures == 0
    (row,) = case.documents.select()
    document = case.documents.get(row["doc_id"])
    assert document["pages"][0]["text"] == "note\nbefore\ufffdafter\nalso\n\ufffd"
    assert document["metadata"]["replaced_chars"] == 2
    # the original bytes are kept as they were
    assert case.blobs.path(case.documents.sha_of(row["doc_id"])).read_text() == lone
