"""The ingest pipeline: nothing lost, nothing duplicated, failures typed, runs resumable."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
import tantivy

from casegraph.case.index import INDEX_FOLDER
from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest, retry_failures
from casegraph.settings import Settings
from tests.conftest import BACKENDS, new_case, run_cli, write_small_trove


def test_every_file_becomes_a_document_or_a_failure(case: Case, small_trove: Path) -> None:
    report = ingest(case, [small_trove], progress=False)
    assert report.files_seen == 15
    # 12 memos + zip + 2 members + (empty file is a document that failed)
    assert report.documents_added == 12 + 1 + 2 + 1
    assert report.duplicates == 1
    assert report.failures == 1
    assert report.failures_by_reason == {"empty": 1}
    status = case.status()
    assert status["documents"] == 15
    assert status["failures_by_reason"] == {"empty": 1}
    assert status["paths"] == 15 + 2


def test_duplicates_are_shown_with_every_path(case: Case, small_trove: Path) -> None:
    ingest(case, [small_trove], progress=False)
    copies = [row for row in case.documents.select() if len(row["paths"]) > 1]
    assert [row["paths"] for row in copies] == [
        ["trove/copy-of-memo-000.txt", "trove/memos/memo-000.txt"]
    ]


def test_members_carry_their_container_path_and_parent(case: Case, small_trove: Path) -> None:
    ingest(case, [small_trove], progress=False)
    docs = {row["path"]: row for row in case.documents.select()}
    member = docs["trove/bundle.zip!/inner/orders.txt"]
    container = docs["trove/bundle.zip"]
    assert member["parent_id"] == container["doc_id"]
    shown = case.documents.get(member["doc_id"])
    assert shown["depth"] == 1
    assert shown["chain"][0]["doc_id"] == container["doc_id"]
    assert "withdraw the armour" in shown["pages"][0]["text"]


def test_reingest_adds_nothing_and_skips_seen_files(case: Case, small_trove: Path) -> None:
    ingest(case, [small_trove], progress=False)
    before = case.status()
    again = ingest(case, [small_trove], progress=False)
    assert again.files_skipped == again.files_seen == 15
    assert again.documents_added == again.duplicates == again.failures == 0
    assert case.status() == before


def test_changed_file_is_seen_again(case: Case, small_trove: Path) -> None:
    ingest(case, [small_trove], progress=False)
    changed = small_trove / "memos" / "memo-001.txt"
    changed.write_text("A new version of the memo about the port handover.\n")
    report = ingest(case, [small_trove], progress=False)
    assert report.documents_added == 1
    assert report.files_skipped == 14
    # the old bytes stay a document: nothing is ever lost
    assert case.status()["documents"] == 16


def test_page_text_is_kept_exactly(case: Case, tmp_path: Path) -> None:
    original = "Café «Nord»\r\nالأمم المتحدة ـ مدرسةٌ\n\u00a0 tabs\tand spaces  \n"
    source = tmp_path / "in" / "exact.txt"
    source.parent.mkdir()
    source.write_text(original, encoding="utf-8", newline="")
    ingest(case, [source.parent], progress=False)
    (row,) = case.documents.select()
    text = case.documents.get(row["doc_id"])["pages"][0]["text"]
    assert text == original.replace("\r\n", "\n")


def test_timeout_costs_one_file_not_the_run(case: Case, tmp_path: Path) -> None:
    settings = case.load_settings()
    settings.file_timeout_s = 0.3
    case.save_settings(settings)
    folder = tmp_path / "in"
    folder.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for n in range(6000):
            archive.writestr(f"m/{n}.txt", f"member {n} " * 50)
    (folder / "slow.zip").write_bytes(buffer.getvalue())
    (folder / "fine.txt").write_text("This file is fine and should be ingested.\n")
    report = ingest(case, [folder], progress=False)
    assert report.failures_by_reason == {"timeout": 1}
    assert {f["path"] for f in case.documents.failures()} == {"in/slow.zip"}
    assert any(
        row["path"] == "in/fine.txt" and row["state"] == "done" for row in case.documents.select()
    )


def test_retry_runs_only_the_failures(case: Case, tmp_path: Path) -> None:
    settings = case.load_settings()
    settings.max_file_bytes = 100
    case.save_settings(settings)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("a long memo about the convoy " * 20)
    (folder / "small.txt").write_text("a short memo\n")
    first = ingest(case, [folder], progress=False)
    assert first.failures_by_reason == {"too_large": 1}
    assert case.documents.failures()[0]["path"] == "in/big.txt"
    settings.max_file_bytes = 10_000
    case.save_settings(settings)
    retried = retry_failures(case, progress=False)
    assert retried.files_seen == 1
    assert retried.documents_added == 1
    assert case.documents.failures() == []
    assert case.status()["documents"] == 2


def _count(db_path: Path, sql: str) -> int:
    with sqlite3.connect(db_path, timeout=30) as db:
        return db.execute(sql).fetchone()[0]


def test_kill_and_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    trove = write_small_trove(tmp_path, count=400)
    reference = Case.create(tmp_path / "reference")
    ingest(reference, [trove], progress=False)
    expected = reference.status()

    case_dir = tmp_path / "killed"
    Case.create(case_dir).close()
    command = [
        sys.executable,
        "-m",
        "casegraph",
        "ingest",
        str(case_dir),
        str(trove),
        "--workers",
        "2",
    ]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    db_path = case_dir / "case.sqlite"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if _count(db_path, "SELECT count(*) FROM documents") >= 40:
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = _count(db_path, "SELECT count(*) FROM documents")
    assert 0 < partial < expected["documents"] + expected["failures"]

    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    resumed = Case.open(case_dir)
    assert resumed.status() == expected
    assert _count(db_path, "SELECT count(*) FROM pages") == _count(
        tmp_path / "reference" / "case.sqlite", "SELECT count(*) FROM pages"
    )
    blobs = [p for p in (case_dir / "blobs").rglob("*") if p.is_file()]
    assert not [p for p in blobs if p.name.startswith(".incoming-")]
    # the search index holds every page with text once, whatever the kill cut short
    texts = [row[0] for row in sqlite3.connect(db_path).execute("SELECT text FROM pages")]
    index = tantivy.Index.open(str(case_dir / INDEX_FOLDER))
    assert index.searcher().num_docs == sum(1 for text in texts if text.strip()) > 0
    assert resumed.index.pending() == 0


def test_the_files_bar_says_why_its_total_grows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with zipfile.ZipFile(folder / "box.zip", "w") as archive:
        for n in range(3):
            archive.writestr(f"note{n}.txt", f"Note {n} on the convoy.")
    (folder / "alone.txt").write_text("A note of its own.")
    case = tmp_path / "case"
    assert run_cli("init", str(case)).returncode == 0
    # on a terminal, as a reporter runs it: the bar is drawn only there
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    done = subprocess.run(
        [sys.executable, "-m", "casegraph", "ingest", str(case), str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        timeout=300,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert done.returncode == 0
    bar = shown.decode(errors="replace")
    assert "files (3 found inside other files)" in bar and "5/5" in bar, bar


def test_one_worker_records_a_trove_in_the_order_of_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(80):  # enough that results wait while others are recorded
        (folder / f"note-{n:03}.txt").write_text(f"Note {n} on the convoy.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    # documents are numbered as they are recorded; everything read later follows that order
    recorded = [d["path"] for d in case.documents.select()]
    assert recorded == sorted(recorded) and len(recorded) == 80


def _copied_mail(root: Path) -> Path:
    """An e-mail at a/ and b/ whose attachment is a zip holding a memo and another zip."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep.txt", "The second convoy left at noon.\n")
    attachment = io.BytesIO()
    with zipfile.ZipFile(attachment, "w") as archive:
        archive.writestr("inner/memo.txt", "The convoy left at dawn.\n")
        archive.writestr("nested.zip", inner.getvalue())
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Docs"
    message.set_content("The documents, attached.\n")
    message.add_attachment(
        attachment.getvalue(), maintype="application", subtype="zip", filename="docs.zip"
    )
    trove = root / "trove"
    for folder in ("a", "b"):
        (trove / folder).mkdir(parents=True)
        (trove / folder / "mail.eml").write_bytes(message.as_bytes())
    return trove


@pytest.mark.parametrize("backend", BACKENDS)
def test_members_of_a_copied_container_are_named_under_every_copy_in_any_order(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    trove = _copied_mail(tmp_path)
    runs = {
        "a then b": [[trove / "a", trove / "b"]],
        "b then a": [[trove / "b", trove / "a"]],
        "b, later a": [[trove / "b"], [trove / "a"]],
    }
    stored = {}
    for name, inputs in runs.items():
        case = new_case(backend, tmp_path / name, request, Settings(workers=2))
        for run in inputs:
            ingest(case, run, progress=False)
        stored[name] = set(case.documents.all_paths())
        case.close()
    assert stored["a then b"] == stored["b then a"] == stored["b, later a"]
    paths = {path for path, _ in stored["a then b"]}
    for copy in ("a", "b"):
        assert f"{copy}/mail.eml!/docs.zip!/inner/memo.txt" in paths
        assert f"{copy}/mail.eml!/docs.zip!/nested.zip!/deep.txt" in paths
