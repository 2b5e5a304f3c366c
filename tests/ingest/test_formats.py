"""Every format extractor on small real files built by real writers; no mocks."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import mailbox
import random
import struct
import tarfile
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pptx
import py7zr
import pytest
from odf.draw import Frame, Page, TextBox
from odf.opendocument import (
    OpenDocumentPresentation,
    OpenDocumentSpreadsheet,
    OpenDocumentText,
)
from odf.style import MasterPage, PageLayout
from odf.table import Table, TableCell, TableRow
from odf.text import H, P
from PIL import Image

from casegraph.errors import CorruptFile, EncryptedFile, LimitExceeded, UnsupportedFile
from casegraph.records import FailureReason
from tests.ingest.conftest import (
    Run,
    asset,
    child_bytes,
    make_docx,
    make_encrypted_docx,
    make_pdf,
    make_xls,
    make_zip,
)

# --- plain text, CSV, XML, JSON, HTML ----------------------------------------------------


def test_plain_text_keeps_unicode_and_normalises_only_line_endings(tmp_path: Path, run: Run):
    source = tmp_path / "note.txt"
    source.write_bytes("Line one: ﬁnance Café\r\nLine two\x00 e\u0301\rend\n".encode())
    extraction, _ = run(source)
    assert extraction.mime == "text/plain"
    assert [page.text for page in extraction.pages] == [
        "Line one: ﬁnance Café\nLine two e\u0301\nend\n"
    ]
    assert extraction.extractor.startswith("ingest.text/charset-normalizer ")


def test_legacy_encoded_text_is_decoded(tmp_path: Path, run: Run):
    source = tmp_path / "old.txt"
    text = "Le café du coin a fermé. Les employés ont reçu une prime élevée en été.\n" * 5
    source.write_bytes(text.encode("cp1252"))
    extraction, _ = run(source)
    assert extraction.pages[0].text == text


def test_csv_is_told_from_text_by_its_name_only(tmp_path: Path, run: Run):
    source = tmp_path / "ledger.csv"
    source.write_text("item,amount\nfuel,300\ngrain,450\n")
    extraction, _ = run(source)
    assert extraction.mime == "text/csv"
    assert extraction.pages[0].text == "item,amount\nfuel,300\ngrain,450\n"


def test_xml_text_nodes(tmp_path: Path, run: Run):
    source = tmp_path / "orders.xml"
    source.write_text("<?xml version='1.0'?><orders><o id='1'>Withdraw</o><o>Hold</o></orders>")
    extraction, _ = run(source)
    assert extraction.mime == "text/xml"
    assert extraction.pages[0].text == "Withdraw\nHold"
    assert extraction.metadata["root"] == "orders"


def test_billion_laughs_does_not_expand(tmp_path: Path, run: Run):
    entities = ['<!ENTITY lol0 "lol">']
    for n in range(1, 10):
        refs = f"&lol{n - 1};" * 10
        entities.append(f'<!ENTITY lol{n} "{refs}">')
    source = tmp_path / "bomb.xml"
    source.write_text(
        f"<?xml version='1.0'?>\n<!DOCTYPE lolz [{''.join(entities)}]>\n<lolz>&lol9;</lolz>\n"
    )
    started = time.monotonic()
    extraction, _ = run(source)
    assert time.monotonic() - started < 5
    assert extraction.text_chars < 2000
    assert "&lol9;" in extraction.pages[0].text


def test_json_keys_and_strings_in_document_order(tmp_path: Path, run: Run):
    source = tmp_path / "data.json"
    source.write_text(json.dumps({"name": "Ann", "age": 41, "tags": ["a", {"k": "v"}], "ok": True}))
    extraction, _ = run(source)
    assert extraction.mime == "application/json"
    assert extraction.pages[0].text.split("\n") == [
        "name",
        "Ann",
        "age",
        "tags",
        "a",
        "k",
        "v",
        "ok",
    ]


def test_html_title_visible_text_and_links(tmp_path: Path, run: Run):
    source = tmp_path / "page.html"
    source.write_text(
        "<!DOCTYPE html><html><head><title>Leak  index</title>"
        "<meta name='author' content='Desk'><style>p{color:red}</style>"
        "<script>var secret = 1;</script></head><body><h1>Files</h1>"
        "<p>See <a href='https://example.org/a'>the list</a> and "
        "<a href='/b.pdf'>b</a>.</p><!-- hidden --></body></html>"
    )
    extraction, _ = run(source)
    assert extraction.mime == "text/html"
    assert extraction.title == "Leak index"
    assert extraction.pages[0].text == "Files\nSee the list and b."
    assert extraction.metadata["links"] == ["https://example.org/a", "/b.pdf"]
    assert extraction.metadata["author"] == "Desk"


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_pages_metadata_and_attachment(tmp_path: Path, run: Run):
    source = make_pdf(
        tmp_path / "report.pdf",
        ["First page about fuel.", "", "Third page about grain."],
        attachment=("ledger.csv", b"item,amount\nfuel,300\n"),
    )
    extraction, ctx = run(source)
    assert extraction.mime == "application/pdf"
    assert [p.needs_ocr for p in extraction.pages] == [False, True, False]
    assert "First page about fuel." in extraction.pages[0].text
    assert extraction.pages[1].text == ""
    assert "Third page about grain." in extraction.pages[2].text
    assert extraction.metadata["page_count"] == 3
    assert extraction.metadata["author"] == "Ann Author"
    assert extraction.title == "Quarterly Figures"
    assert extraction.metadata["created"].startswith("2024-01-31T12:00:00")
    assert [child.name for child in ctx.children] == ["ledger.csv"]
    assert child_bytes(ctx, "ledger.csv") == b"item,amount\nfuel,300\n"
    assert extraction.extractor.startswith("ingest.pdf/pypdfium2 ")


def test_pdf_with_user_password_is_encrypted(tmp_path: Path, run: Run):
    source = make_pdf(tmp_path / "secret.pdf", ["classified"], password="hunter2")
    with pytest.raises(EncryptedFile):
        run(source)


def test_truncated_pdf_is_corrupt(tmp_path: Path, run: Run):
    whole = make_pdf(tmp_path / "whole.pdf", ["text"]).read_bytes()
    source = tmp_path / "cut.pdf"
    source.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(CorruptFile):
        run(source)


# --- Office Open XML, OpenDocument, RTF, legacy Office -----------------------------------


def test_docx_paragraphs_tables_and_properties(tmp_path: Path, run: Run):
    extraction, _ = run(make_docx(tmp_path / "memo.docx"))
    assert extraction.mime.endswith("wordprocessingml.document")
    assert extraction.pages[0].text == (
        "The convoy leaves at dawn.\nfuel\t300\ngrain\t450\nCafé crème, naïve ﬁnance."
    )
    assert extraction.metadata["author"] == "Ann Author"
    assert extraction.title == "Convoy memo"
    assert extraction.metadata["created"].startswith("2023-05-01T09:30:00")


def test_truncated_docx_is_corrupt(tmp_path: Path, run: Run):
    whole = make_docx(tmp_path / "whole.docx").read_bytes()
    source = tmp_path / "cut.docx"
    source.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptFile):
        run(source)


def test_password_protected_docx_is_encrypted(tmp_path: Path, run: Run):
    source = make_encrypted_docx(tmp_path / "secret.docx")
    with pytest.raises(EncryptedFile):
        run(source)
    with pytest.raises(EncryptedFile):
        run(source, name="no-extension")


def test_xlsx_one_page_per_sheet(tmp_path: Path, run: Run):
    book = openpyxl.Workbook()
    ledger = book.active
    ledger.title = "Ledger"
    for row in [("item", "amount"), ("fuel", 300), ("grain", 450.5), (None, "total")]:
        ledger.append(row)
    book.create_sheet("Notes")["A1"] = "checked"
    book.properties.creator = "Ann Author"
    source = tmp_path / "ledger.xlsx"
    book.save(source)
    extraction, _ = run(source)
    assert extraction.mime.endswith("spreadsheetml.sheet")
    assert [p.text for p in extraction.pages] == [
        "item\tamount\nfuel\t300\ngrain\t450.5\n\ttotal",
        "checked",
    ]
    assert extraction.metadata["sheets"] == ["Ledger", "Notes"]
    assert extraction.metadata["author"] == "Ann Author"


def test_pptx_one_page_per_slide_with_notes(tmp_path: Path, run: Run):
    deck = pptx.Presentation()
    for number in (1, 2):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Slide {number}"
        slide.placeholders[1].text = f"Point {number}"
    deck.slides[1].notes_slide.notes_text_frame.text = "Speaker note"
    deck.core_properties.author = "Ann Author"
    source = tmp_path / "deck.pptx"
    deck.save(source)
    extraction, _ = run(source)
    assert extraction.mime.endswith("presentationml.presentation")
    assert [p.text for p in extraction.pages] == [
        "Slide 1\nPoint 1",
        "Slide 2\nPoint 2\nSpeaker note",
    ]
    assert extraction.metadata["page_count"] == 2
    assert extraction.metadata["author"] == "Ann Author"


def test_odt_paragraphs_and_headings(tmp_path: Path, run: Run):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Orders"))
    document.text.addElement(P(text="Withdraw the armour."))
    source = tmp_path / "orders.odt"
    document.save(str(source))
    extraction, _ = run(source)
    assert extraction.mime == "application/vnd.oasis.opendocument.text"
    assert extraction.pages[0].text == "Orders\nWithdraw the armour."


def test_ods_one_page_per_table_with_repeats(tmp_path: Path, run: Run):
    document = OpenDocumentSpreadsheet()
    for name, rows in {"Ledger": [["fuel", "300"], ["grain", "450"]], "Notes": [["ok"]]}.items():
        table = Table(name=name)
        for values in rows:
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                row.addElement(cell)
            row.addElement(TableCell(numbercolumnsrepeated=16000))
            table.addElement(row)
        table.addElement(TableRow(numberrowsrepeated=1000000))
        document.spreadsheet.addElement(table)
    source = tmp_path / "ledger.ods"
    document.save(str(source))
    extraction, _ = run(source)
    assert extraction.mime == "application/vnd.oasis.opendocument.spreadsheet"
    assert [p.text for p in extraction.pages] == ["fuel\t300\ngrain\t450", "ok"]
    assert extraction.metadata["sheets"] == ["Ledger", "Notes"]


def test_odp_one_page_per_slide(tmp_path: Path, run: Run):
    document = OpenDocumentPresentation()
    layout = PageLayout(name="layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="master", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    for text in ("First slide", "Second slide"):
        page = Page(masterpagename=master)
        frame = Frame(width="10cm", height="2cm", x="1cm", y="1cm")
        box = TextBox()
        box.addElement(P(text=text))
        frame.addElement(box)
        page.addElement(frame)
        document.presentation.addElement(page)
    source = tmp_path / "deck.odp"
    document.save(str(source))
    extraction, _ = run(source)
    assert extraction.mime == "application/vnd.oasis.opendocument.presentation"
    assert [p.text for p in extraction.pages] == ["First slide", "Second slide"]


def test_rtf_text(tmp_path: Path, run: Run):
    source = tmp_path / "letter.rtf"
    source.write_text(r"{\rtf1\ansi\ansicpg1252 {\b Dear} Caf\'e9 owner,\par see you.}")
    extraction, _ = run(source)
    assert extraction.mime == "text/rtf"
    assert extraction.pages[0].text.strip() == "Dear Café owner,\nsee you."


def test_xls_one_page_per_sheet(tmp_path: Path, run: Run):
    extraction, _ = run(make_xls(tmp_path / "ledger.xls"))
    assert extraction.mime == "application/vnd.ms-excel"
    assert [p.text for p in extraction.pages] == [
        "item\tamount\nfuel\t300\ngrain\t450.5",
        "checked",
    ]
    assert extraction.metadata["sheets"] == ["Ledger", "Notes"]


def test_doc_demo_asset(run: Run):
    extraction, _ = run(asset("sample.doc"))
    assert extraction.mime == "application/msword"
    assert len(extraction.pages) == 1
    assert extraction.pages[0].text.strip()


def test_ppt_demo_asset(run: Run):
    extraction, _ = run(asset("sample.ppt"))
    assert extraction.mime == "application/vnd.ms-powerpoint"
    assert extraction.metadata["page_count"] == len(extraction.pages) >= 1
    assert any(page.text.strip() for page in extraction.pages)


def test_msg_demo_asset(run: Run):
    extraction, _ = run(asset("sample.msg"))
    assert extraction.mime == "application/vnd.ms-outlook"
    assert extraction.metadata["from"]
    assert extraction.title == extraction.metadata["subject"]
    assert len(extraction.pages) == 1


# --- e-mail ------------------------------------------------------------------------------


def _message(subject: str = "Convoy", html: bool = False) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Ann Author <ann@example.org>"
    message["To"] = '"Doe, John" <john@example.org>, bob@example.org'
    message["Cc"] = "Zoë <zoe@example.org>"
    message["Subject"] = subject
    message["Date"] = "Tue, 30 Jan 2024 10:15:00 +0100"
    message["Message-ID"] = "<m2@example.org>"
    message["In-Reply-To"] = "<m1@example.org>"
    message.set_content("Leaves at dawn.\n")
    if html:
        message.add_alternative("<p>Leaves at <b>dawn</b>.</p>", subtype="html")
    return message


def test_eml_headers_body_and_attachments(tmp_path: Path, run: Run):
    message = _message(html=True)
    message.add_attachment(b"item,amount\n", maintype="text", subtype="csv", filename="ledger.csv")
    message.add_attachment(_message("Earlier"))
    source = tmp_path / "mail.eml"
    source.write_bytes(bytes(message))
    extraction, ctx = run(source)
    assert extraction.mime == "message/rfc822"
    assert extraction.pages[0].text == (
        "From: Ann Author <ann@example.org>\n"
        "To: Doe, John <john@example.org>; bob@example.org\n"
        "Cc: Zoë <zoe@example.org>\n"
        "Date: 2024-01-30T10:15:00+01:00\n"
        "Subject: Convoy\n\n"
        "Leaves at dawn.\n"
    )
    assert extraction.metadata["from"] == ["Ann Author <ann@example.org>"]
    assert extraction.metadata["to"] == ["Doe, John <john@example.org>", "bob@example.org"]
    assert extraction.metadata["cc"] == ["Zoë <zoe@example.org>"]
    assert extraction.metadata["date"] == "2024-01-30T10:15:00+01:00"
    assert extraction.metadata["message_id"] == "<m2@example.org>"
    assert extraction.metadata["in_reply_to"] == "<m1@example.org>"
    assert extraction.title == "Convoy"
    assert [child.name for child in ctx.children] == ["ledger.csv", "attachment-2.eml"]
    assert child_bytes(ctx, "ledger.csv") == b"item,amount\n"
    assert b"Subject: Earlier" in child_bytes(ctx, "attachment-2.eml")


def test_eml_html_only_body_becomes_text(tmp_path: Path, run: Run):
    message = _message()
    message.set_content("<html><body><p>Leaves at <b>dawn</b>.</p></body></html>", subtype="html")
    source = tmp_path / "mail.eml"
    source.write_bytes(bytes(message))
    extraction, ctx = run(source)
    assert extraction.pages[0].text.endswith("Subject: Convoy\n\nLeaves at dawn.")
    assert ctx.children == []


def test_eml_that_libmagic_calls_text_is_a_message(tmp_path: Path, run: Run):
    source = tmp_path / "saved"
    source.write_bytes(b"Message-ID: <x@y>\nFrom: a@example.org\nSubject: hi\n\nbody\n")
    extraction, _ = run(source)
    assert extraction.mime == "message/rfc822"
    assert extraction.metadata["subject"] == "hi"


def test_mbox_messages_become_children(tmp_path: Path, run: Run):
    source = tmp_path / "inbox"
    box = mailbox.mbox(str(source))
    box.add(_message("One"))
    box.add(_message("Two"))
    box.close()
    extraction, ctx = run(source)
    assert extraction.mime == "application/mbox"
    assert extraction.pages == []
    assert [child.name for child in ctx.children] == ["message-0001.eml", "message-0002.eml"]
    assert b"Subject: Two" in child_bytes(ctx, "message-0002.eml")
    assert not child_bytes(ctx, "message-0001.eml").startswith(b"From ")


# --- archives ----------------------------------------------------------------------------


def test_zip_members_become_children(tmp_path: Path, run: Run):
    members = {"a/orders.txt": b"withdraw", "b.csv": b"x,y\n", "../../etc/passwd": b"root"}
    source = make_zip(tmp_path / "bundle.zip", members)
    with zipfile.ZipFile(source, "a") as archive:
        archive.writestr("emptydir/", b"")
    extraction, ctx = run(source)
    assert extraction.mime == "application/zip"
    assert extraction.pages == []
    assert [child.name for child in ctx.children] == list(members)
    assert child_bytes(ctx, "a/orders.txt") == b"withdraw"


def test_zip_with_an_encrypted_member_is_encrypted(tmp_path: Path, run: Run):
    data = bytearray(make_zip(tmp_path / "plain.zip", {"secret.txt": b"x" * 100}).read_bytes())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    for offset in (local + 6, central + 8):  # general-purpose bit flag, bit 0: encrypted
        (flags,) = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | 0x1)
    source = tmp_path / "locked.zip"
    source.write_bytes(bytes(data))
    with pytest.raises(EncryptedFile):
        run(source)


def test_zip_bomb_is_refused_by_ratio(tmp_path: Path, run: Run):
    source = make_zip(tmp_path / "bomb.zip", {"zeros.bin": bytes(50 * 1024 * 1024)})
    with pytest.raises(LimitExceeded, match="compression ratio"):
        run(source)


def test_nesting_deeper_than_max_depth_is_refused(tmp_path: Path, run: Run):
    source = make_zip(tmp_path / "inner.zip", {"x.txt": b"x"})
    with pytest.raises(LimitExceeded, match="nested deeper"):
        run(source, depth=3, max_depth=3)


def test_tar_records_escaping_names_and_skips_links(tmp_path: Path, run: Run):
    source = tmp_path / "trove.tar"
    with tarfile.open(source, "w") as archive:
        for name, data in {"ok.txt": b"fine", "../escape.txt": b"escaped"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("passwd")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    extraction, ctx = run(source)
    assert extraction.mime == "application/x-tar"
    assert [child.name for child in ctx.children] == ["ok.txt", "../escape.txt"]
    assert child_bytes(ctx, "../escape.txt") == b"escaped"
    assert ctx.skipped == [{"name": "passwd", "why": "link"}]
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.parametrize(
    ("mode", "mime"),
    [
        ("w:gz", "application/x-compressed-tar"),
        ("w:bz2", "application/x-bzip2-compressed-tar"),
        ("w:xz", "application/x-xz-compressed-tar"),
    ],
)
def test_compressed_tar_members(tmp_path: Path, run: Run, mode: str, mime: str):
    source = tmp_path / "trove.tar.x"
    with tarfile.open(source, mode) as archive:
        info = tarfile.TarInfo("memo.txt")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"memo"))
    extraction, ctx = run(source)
    assert extraction.mime == mime
    assert [child.name for child in ctx.children] == ["memo.txt"]


def test_seven_zip_members(tmp_path: Path, run: Run):
    source = tmp_path / "bundle.7z"
    with py7zr.SevenZipFile(source, "w") as archive:
        archive.writestr(b"withdraw", "a/orders.txt")
        archive.writestr(b"x,y\n", "b.csv")
    extraction, ctx = run(source)
    assert extraction.mime == "application/x-7z-compressed"
    assert sorted(child.name for child in ctx.children) == ["a/orders.txt", "b.csv"]
    assert child_bytes(ctx, "a/orders.txt") == b"withdraw"


@pytest.mark.parametrize("encrypt_headers", [False, True])
def test_encrypted_seven_zip(tmp_path: Path, run: Run, encrypt_headers: bool):
    source = tmp_path / "locked.7z"
    with py7zr.SevenZipFile(source, "w", password="hunter2") as archive:
        archive.set_encrypted_header(encrypt_headers)
        archive.writestr(b"secret", "secret.txt")
    with pytest.raises(EncryptedFile):
        run(source)


@pytest.mark.parametrize(
    ("opener", "suffix"), [(gzip.open, ".gz"), (bz2.open, ".bz2"), (lzma.open, ".xz")]
)
def test_single_file_compression_has_one_child(tmp_path: Path, run: Run, opener, suffix: str):
    source = tmp_path / f"notes.txt{suffix}"
    with opener(source, "wb") as stream:
        stream.write(b"the notes")
    extraction, ctx = run(source, name=f"inner/notes.txt{suffix}")
    assert extraction.pages == []
    assert [child.name for child in ctx.children] == ["notes.txt"]
    assert child_bytes(ctx, "notes.txt") == b"the notes"


def test_gzip_bomb_is_refused(tmp_path: Path, run: Run):
    source = tmp_path / "zeros.gz"
    with gzip.open(source, "wb") as stream:
        stream.write(bytes(20 * 1024 * 1024))
    with pytest.raises(LimitExceeded):
        run(source)


# --- images ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [
        ("PNG", "image/png"),
        ("JPEG", "image/jpeg"),
        ("GIF", "image/gif"),
        ("BMP", "image/bmp"),
        ("WEBP", "image/webp"),
    ],
)
def test_image_is_one_page_for_ocr(tmp_path: Path, run: Run, fmt: str, mime: str):
    source = tmp_path / "scan.img"
    Image.new("RGB", (40, 30), "white").save(source, format=fmt)
    extraction, _ = run(source)
    assert extraction.mime == mime
    assert [(p.text, p.needs_ocr) for p in extraction.pages] == [("", True)]
    assert extraction.metadata == {"width": 40, "height": 30, "format": fmt}


def test_multipage_tiff_is_one_page_per_frame(tmp_path: Path, run: Run):
    source = tmp_path / "fax.tif"
    frames = [Image.new("L", (20, 20), shade) for shade in (0, 128, 255)]
    frames[0].save(source, save_all=True, append_images=frames[1:])
    extraction, _ = run(source)
    assert extraction.mime == "image/tiff"
    assert len(extraction.pages) == 3
    assert all(page.needs_ocr for page in extraction.pages)


# --- typed failures ----------------------------------------------------------------------


def test_random_bytes_are_unsupported(tmp_path: Path, run: Run):
    source = tmp_path / "blob.bin"
    source.write_bytes(random.Random(7).randbytes(4096))  # seeded: no accidental magic
    with pytest.raises(UnsupportedFile, match="application/octet-stream"):
        run(source)


def test_empty_file_is_empty(tmp_path: Path, run: Run):
    source = tmp_path / "nothing.txt"
    source.write_bytes(b"")
    with pytest.raises(Exception) as raised:
        run(source)
    assert raised.value.reason == FailureReason.EMPTY
