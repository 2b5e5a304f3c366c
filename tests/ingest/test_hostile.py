"""Hostile containers and input folders: limits hold on real bytes, failures leave no debris."""

from __future__ import annotations

import os
import random
import socket
import struct
import zipfile
from pathlib import Path

import pytest

from casegraph.case.blobs import BlobStore, sha256_file
from casegraph.case.store import Case
from casegraph.errors import LimitExceeded
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings
from tests.conftest import cli_json, run_cli
from tests.ingest.conftest import Run, make_pdf, make_zip

_LOCAL_SIZES, _CENTRAL_SIZES = 18, 20  # offsets of compress_size in the two ZIP headers
MIB = 1024 * 1024


def _blob_sizes(case: Case) -> list[int]:
    return sorted(path.stat().st_size for path in case.blobs.root.rglob("*") if path.is_file())


def _understated_zip(path: Path) -> Path:
    """A ZIP whose first member declares 100:1 but expands about 1000:1.

    Its compress_size, in both headers, is raised to cover the stored member after it, so
    the declared ratio looks tame while the deflate stream really is tiny.
    """
    zeros = bytes(4 * MIB)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("zeros.bin", zeros, zipfile.ZIP_DEFLATED)
        archive.writestr("noise.bin", random.Random(12).randbytes(48_000), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    for offset in (local + _LOCAL_SIZES, central + _CENTRAL_SIZES):
        struct.pack_into("<I", data, offset, len(zeros) // 100)
    path.write_bytes(bytes(data))
    return path


def test_a_zip_that_understates_its_ratio_is_stopped_while_it_expands(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = _understated_zip(folder / "bomb.zip")
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("zeros.bin")
        assert info.file_size // info.compress_size == 100  # what the old check trusted
    case = Case.create(tmp_path / "case", Settings(workers=1))
    report = ingest(case, [folder], progress=False)
    assert [(row["path"], row["reason"]) for row in case.documents.failures()] == [
        ("in/bomb.zip", "limit_exceeded")
    ]
    assert "compression ratio" in case.documents.failures()[0]["detail"]
    assert report.failures_by_reason == {"limit_exceeded": 1}
    assert _blob_sizes(case) == [bomb.stat().st_size]  # only the original, no member


def test_a_container_over_max_members_leaves_no_member_blobs(tmp_path: Path, run: Run) -> None:
    members = {f"memo-{n:02}.txt": f"memo {n}".encode() for n in range(30)}
    source = make_zip(tmp_path / "many.zip", members)
    store = BlobStore(tmp_path / "blobs")  # the store the run fixture extracts into
    # memo-03's bytes already belong to another document: that blob must stay
    kept, _ = store.put_bytes(members["memo-03.txt"])
    with pytest.raises(LimitExceeded, match="more than 10 members"):
        run(source, max_members=10)
    left = {path.name for path in store.root.rglob("*") if path.is_file()}
    assert left == {sha256_file(source), kept}


def test_a_pdf_that_fails_a_limit_keeps_no_attachment_blob(tmp_path: Path, run: Run) -> None:
    source = make_pdf(tmp_path / "memo.pdf", ["The convoy left at dawn."], ("log.txt", b"a log"))
    store = BlobStore(tmp_path / "blobs")
    with pytest.raises(LimitExceeded, match="characters of text"):
        run(source, max_text_chars=5)
    assert [path.name for path in store.root.rglob("*") if path.is_file()] == [sha256_file(source)]


def test_a_one_line_csv_over_the_text_limit_is_refused_in_the_worker(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wide.csv").write_text("alpha,beta,12345,2024-01-31," * 100_000)
    (folder / "fine.txt").write_text("This one is fine.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False, max_text_chars=MIB))
    report = ingest(case, [folder], progress=False)
    failures = case.documents.failures()
    assert [(row["path"], row["reason"]) for row in failures] == [("in/wide.csv", "limit_exceeded")]
    assert "2800000 characters of text" in failures[0]["detail"]
    assert report.documents_added == 2 and report.failures == 1
    wide = case.documents.get(failures[0]["doc_id"])
    assert case.blobs.has(wide["sha256"]) and wide["pages"] == []


def _odd_folder(root: Path) -> Path:
    """A folder with one memo beside a FIFO, a socket and four kinds of link."""
    folder = root / "odd"
    (folder / "sub").mkdir(parents=True)
    (folder / "memo.txt").write_text("The convoy left at dawn.\n")
    os.mkfifo(folder / "pipe")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(folder / "sock"))
    (folder / "to-memo").symlink_to("memo.txt")
    (folder / "sub" / "to-folder").symlink_to("..")
    (folder / "nowhere").symlink_to("missing.txt")
    (folder / "loop-a").symlink_to("loop-b")
    (folder / "loop-b").symlink_to("loop-a")
    return folder


def test_what_is_not_a_regular_file_is_listed_as_skipped(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    done = run_cli("init", str(tmp_path / "case"), "--set", "workers=1")
    assert done.returncode == 0, done.stderr
    report = cli_json("ingest", str(tmp_path / "case"), str(folder))
    assert report["documents_added"] == 1
    assert report["inputs_skipped"] == [
        {"path": "odd/loop-a", "why": "link loop"},
        {"path": "odd/loop-b", "why": "link loop"},
        {"path": "odd/nowhere", "why": "dangling link"},
        {"path": "odd/pipe", "why": "fifo"},
        {"path": "odd/sock", "why": "socket"},
        {"path": "odd/to-memo", "why": "link"},
        {"path": "odd/sub/to-folder", "why": "link"},
    ]
    (folder / "later.txt").write_text("Another memo.\n")
    summary = run_cli("ingest", str(tmp_path / "case"), str(folder)).stdout
    assert "7 inputs skipped, not regular files:" in summary
    assert "dangling link  odd/nowhere" in summary
