"""Every failure reason, through the real pipeline: typed, listed per path, never a stopped run."""

from __future__ import annotations

import io
import random
import tarfile
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings
from tests.conftest import run_cli


def _pdf(text: str, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "locked.pdf").write_bytes(_pdf("Secret order", password="s3cret"))
    (folder / "truncated.pdf").write_bytes(_pdf("A memo that gets cut off")[:300])
    (folder / "noise.bin").write_bytes(random.Random(7).randbytes(4096))
    (folder / "huge.txt").write_text("the convoy passes at dawn\n" * 4000)
    (folder / "bomb.zip").write_bytes(_zip_bomb())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "also-empty.txt").write_bytes(b"")
    (folder / "fine.txt").write_text("This one is fine.\n")
    return folder


def test_each_reason_is_typed_and_listed_per_path(tmp_path: Path, bad_files: Path) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=2, max_file_bytes=50_000))
    report = ingest(case, [bad_files], progress=False)
    reasons = {row["path"]: row["reason"] for row in case.documents.failures()}
    assert reasons == {
        "bad/locked.pdf": "encrypted",
        "bad/truncated.pdf": "corrupt",
        "bad/noise.bin": "unsupported",
        "bad/huge.txt": "too_large",
        "bad/bomb.zip": "limit_exceeded",
        "bad/empty.txt": "empty",
        "bad/also-empty.txt": "empty",
    }
    assert report.failures == 7
    assert all(row["detail"] and "\n" not in row["detail"] for row in case.documents.failures())
    fine = [row for row in case.documents.select() if row["state"] == "done"]
    assert [row["path"] for row in fine] == ["bad/fine.txt"]
    # the originals of failed files are kept, except a file too large to copy
    for row in case.documents.select(failed=True):
        assert case.blobs.has(case.documents.get(row["doc_id"])["sha256"])


def test_memory_limit_costs_one_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    line = "the convoy passes the checkpoint at dawn " * 25 + "\n"
    (folder / "big.txt").write_text(line * 60000)
    (folder / "small.txt").write_text("a short memo\n")
    root = str(tmp_path / "case")
    # in a fresh process, as a user runs it: the limit is on top of what a worker inherits,
    # and a test process that has loaded models leaves workers a different start
    assert (
        run_cli("init", root, "--set", "workers=1", "--set", "worker_memory_mb=150").returncode == 0
    )
    run_cli("ingest", root, str(folder), cwd=tmp_path)
    case = Case.open(Path(root))
    assert [(f["path"], f["reason"]) for f in case.documents.failures()] == [
        ("in/big.txt", "limit_exceeded")
    ]
    assert case.status()["documents"] == 1


def test_escaping_member_names_are_recorded_never_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in [("../escape.txt", b"climbed out"), ("/etc/evil.txt", b"absolute")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("passwd-link")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    (folder / "sneaky.tar").write_bytes(buffer.getvalue())
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    paths = {row["path"] for row in case.documents.select()}
    members = {"in/sneaky.tar!/../escape.txt", "in/sneaky.tar!//etc/evil.txt"}
    assert paths == {"in/sneaky.tar"} | members
    tar_doc = next(r for r in case.documents.select() if r["path"] == "in/sneaky.tar")
    skipped = case.documents.get(tar_doc["doc_id"])["metadata"]["skipped_members"]
    assert [s["name"] for s in skipped] == ["passwd-link"]
    written = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert "escape.txt" not in written and "evil.txt" not in written
