"""Type detection: content decides; the name only breaks ties the content leaves open."""

from __future__ import annotations

import gzip
import io
import mailbox
import random
import tarfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from casegraph.ingest.detect import DOCX, ODT, XLS, detect_mime
from tests.ingest.conftest import make_docx, make_encrypted_docx, make_pdf, make_xls, make_zip


def test_content_beats_a_misleading_extension(tmp_path: Path):
    pdf = make_pdf(tmp_path / "a", ["text"])
    text = tmp_path / "b"
    text.write_text("just some words\n")
    assert detect_mime(pdf, "notes.txt") == "application/pdf"
    assert detect_mime(text, "report.pdf") == "text/plain"
    assert detect_mime(make_docx(tmp_path / "c"), "memo.zip") == DOCX
    assert detect_mime(make_xls(tmp_path / "d"), "ledger.doc") == XLS


def test_plain_zip_named_like_a_document_stays_a_zip(tmp_path: Path):
    source = make_zip(tmp_path / "x", {"a.txt": b"a"})
    assert detect_mime(source, "memo.docx") == "application/zip"


def test_ooxml_and_odf_are_found_inside_a_zip_libmagic_cannot_place(tmp_path: Path):
    ooxml = make_zip(tmp_path / "a", {"word/document.xml": b"<w/>", "[Content_Types].xml": b"<x/>"})
    odf = make_zip(tmp_path / "b", {"content.xml": b"<x/>", "mimetype": ODT.encode()})
    assert detect_mime(ooxml, "blob") == DOCX
    assert detect_mime(odf, "blob") == ODT


def test_unreadable_zip_takes_its_kind_from_the_name(tmp_path: Path):
    whole = make_zip(tmp_path / "whole", {"a.txt": random.Random(3).randbytes(2000)}).read_bytes()
    source = tmp_path / "cut"
    source.write_bytes(whole[:1000])
    assert detect_mime(source, "inner/memo.DOCX") == DOCX
    assert detect_mime(source, "memo.bin") == "application/zip"


def test_text_kinds_need_the_name(tmp_path: Path):
    source = tmp_path / "x"
    source.write_text("a,b\n1,2\n")
    assert detect_mime(source, "dir/ledger.csv") == "text/csv"
    assert detect_mime(source, "dir/ledger.HTML") == "text/html"
    assert detect_mime(source, "ledger") == "text/plain"


def test_encrypted_ooxml_keeps_its_kind_when_named(tmp_path: Path):
    source = make_encrypted_docx(tmp_path / "locked")
    assert detect_mime(source, "secret.docx") == DOCX
    assert detect_mime(source, "secret") == "application/encrypted"


def test_mail_formats(tmp_path: Path):
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "hi"
    message.set_content("body")
    box = mailbox.mbox(str(tmp_path / "box"))
    box.add(message)
    box.close()
    headers_first = tmp_path / "eml"
    headers_first.write_bytes(b"X-Mailer: x\nMIME-Version: 1.0\nFrom: a@example.org\n\nbody\n")
    assert detect_mime(tmp_path / "box", "box") == "application/mbox"
    assert detect_mime(headers_first, "x") == "message/rfc822"


def test_compressed_tar_is_told_from_a_compressed_file(tmp_path: Path):
    tar = tmp_path / "a"
    with tarfile.open(tar, "w:gz") as archive:
        info = tarfile.TarInfo("memo.txt")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"m"))
    single = tmp_path / "b"
    with gzip.open(single, "wb") as stream:
        stream.write(b"memo " * 200)
    assert detect_mime(tar, "a.gz") == "application/x-compressed-tar"
    assert detect_mime(single, "b.tar.gz") == "application/gzip"


@pytest.mark.parametrize(
    ("name", "mime"),
    [("x.pdf", "application/pdf"), ("x.txt", "application/octet-stream"), ("x", None)],
)
def test_unknown_bytes_take_a_binary_kind_from_the_name_only(tmp_path: Path, name, mime):
    source = tmp_path / "blob"
    # seeded: random bytes that happen to start with "MZ" would be a DOS executable
    source.write_bytes(random.Random(7).randbytes(4096))
    assert detect_mime(source, name) == (mime or "application/octet-stream")


def test_text_with_stray_nul_bytes_is_text(tmp_path: Path):
    source = tmp_path / "x"
    source.write_bytes(b"a line of text\x00 with a stray NUL\n" * 20)
    assert detect_mime(source, "x") == "text/plain"


COPYRIGHT_TEXTS = sorted(Path("/usr/share/doc").glob("*/copyright"))


@pytest.mark.skipif(not COPYRIGHT_TEXTS, reason="needs a Debian machine's copyright texts")
def test_real_texts_settled_by_their_first_bytes_get_libmagic_s_answer() -> None:
    magic = pytest.importorskip("magic")
    for path in COPYRIGHT_TEXTS[:300]:
        assert detect_mime(path, path.name) == magic.from_file(str(path), mime=True), path


@pytest.mark.parametrize(
    ("content", "mime"),
    [
        # first bytes that settle the type without libmagic
        (b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n", "text/html"),
        (b"  <HTML>\n<p>Hi</p>\n</HTML>\n", "text/html"),
        (b"Format: https://example.org/copyright\nFiles: *\n", "text/plain"),
        (b"Minutes of the meeting\n\nThe convoy left at dawn.\n", "text/plain"),
        # what only libmagic can tell is left to it
        (b"From: a@example.org\nTo: b@example.org\nSubject: x\nno blank line\n", "message/rfc822"),
        (b"name,role\nOmar,commander\nSami,driver\n", "text/csv"),
        (b'{"name": "Omar", "role": "commander"}\n', "application/json"),
        (b"<?xml version='1.0'?>\n<memo><to>Omar</to></memo>\n", "text/xml"),
        (b"{\\rtf1\\ansi Hello}\n", "text/rtf"),
        (b"#!/bin/sh\necho hello\n", "text/x-shellscript"),
    ],
)
def test_the_first_bytes_settle_a_type_or_leave_it_to_libmagic(
    tmp_path: Path, content: bytes, mime: str
) -> None:
    source = tmp_path / "file"
    source.write_bytes(content)
    assert detect_mime(source, "file") == mime
