"""RTF text a reader sees, and password protection found in legacy Office files."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import msoffcrypto
import olefile
import pytest

from casegraph.errors import EncryptedFile

from .conftest import Run, asset, make_xls


def _rtf(tmp_path: Path, run: Run, body: bytes) -> str:
    source = tmp_path / "letter.rtf"
    source.write_bytes(rb"{\rtf1\ansi " + body + b"}")
    extraction, _ = run(source)
    assert extraction.mime == "text/rtf"
    return extraction.pages[0].text


def test_rtf_unicode_escapes_pair_surrogates_and_replace_lone_ones(tmp_path: Path, run: Run):
    text = _rtf(tmp_path, run, rb"\uc1 smile \u-10179?\u-8704? lone \u-10179? euro\uc2 \u8364??.")
    assert text == "smile \U0001f600 lone \ufffd euro\u20ac."


def test_rtf_hex_bytes_follow_the_code_page_and_font_charset(tmp_path: Path, run: Run):
    fonts = rb"{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset128 MS Mincho;}}"
    body = rb"\ansicpg1251" + fonts + rb"\f0 \'cf\'f0\'e8\'e2\'e5\'f2 {\f1 \'93\'fa\'96\'7b}"
    assert _rtf(tmp_path, run, body) == "Привет 日本"
    assert _rtf(tmp_path, run, rb"bad \'zz escape") == "bad zz escape"


def test_rtf_skips_pictures_objects_and_binary_data(tmp_path: Path, run: Run):
    body = (
        b"before{\\pict\\pngblip\\bin4 \x00}\x01\xff}{\\pict 89504e47}"
        rb"{\object{\*\objclass Excel}{\*\objdata 01020304aabb}{\result shown}} after"
    )
    assert _rtf(tmp_path, run, body) == "beforeshown after"


def test_rtf_headers_footnotes_comments_and_field_results(tmp_path: Path, run: Run):
    body = (
        rb"{\info{\title hidden}}{\header Top line}Body"
        rb"{\footnote Note text}{\*\annotation{\*\atnid AA}Comment text}"
        rb" {\field{\*\fldinst HYPERLINK x}{\fldrslt link text}}"
    )
    text = _rtf(tmp_path, run, body)
    for visible in ("Top line", "Body", "Note text", "Comment text", "link text"):
        assert visible in text
    assert "hidden" not in text and "HYPERLINK" not in text and "AA" not in text


def test_rtf_table_cells_list_numbers_and_shape_text_once(tmp_path: Path, run: Run):
    body = (
        rb"\trowd\cellx1000\cellx2000 \intbl A1\cell B2\cell\row {\listtext 1.\tab}Item"
        rb"{\shp{\*\shpinst{\sp{\sn fillColor}{\sv 255}}{\shptxt Box text}}"
        rb"{\shprslt{\*\do{\dptxbxtext Box text}}}} end"
    )
    assert _rtf(tmp_path, run, body) == "A1\tB2\t\n1.\tItem\nBox text end"


def _patch_stream(path: Path, stream: str, offset: int, data: bytes) -> Path:
    """Overwrite bytes of one OLE stream in place (its size stays the same)."""
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        content = bytearray(ole.openstream(stream).read())
        content[offset : offset + len(data)] = data
        ole.write_stream(stream, bytes(content))
    return path


def _first_record(path: Path, stream: str, kind: int) -> int:
    """Offset of the first BIFF record of this type in a workbook stream."""
    with olefile.OleFileIO(str(path)) as ole:
        data = ole.openstream(stream).read()
    offset = 0
    while struct.unpack_from("<H", data, offset)[0] != kind:
        offset += 4 + struct.unpack_from("<H", data, offset + 2)[0]
    return offset


def test_excel_97_with_filepass_is_encrypted(tmp_path: Path, run: Run):
    source = make_xls(tmp_path / "ledger.xls")
    _patch_stream(source, "Workbook", _first_record(source, "Workbook", 0xE1), b"\x2f\x00")
    with pytest.raises(EncryptedFile):
        run(source)


def test_excel_5_with_filepass_is_encrypted_where_msoffcrypto_cannot_read_it(
    tmp_path: Path, run: Run
):
    source = make_xls(tmp_path / "ledger.xls")
    _patch_stream(source, "Workbook", _first_record(source, "Workbook", 0xE1), b"\x2f\x00")
    # an Excel 5 workbook keeps its records in a stream named Book: rename the directory entry
    old = "Workbook\0".encode("utf-16-le")
    data = bytearray(source.read_bytes())
    entry = data.index(old)
    data[entry : entry + len(old)] = "Book\0".encode("utf-16-le").ljust(len(old), b"\0")
    data[entry + 64 : entry + 66] = struct.pack("<H", len("Book\0") * 2)
    source.write_bytes(bytes(data))
    with open(source, "rb") as handle, pytest.raises(Exception, match="Unrecognized"):
        msoffcrypto.OfficeFile(handle)
    with pytest.raises(EncryptedFile):
        run(source)


def test_word_with_fencrypted_is_encrypted(tmp_path: Path, run: Run):
    source = tmp_path / "memo.doc"
    shutil.copy(asset("sample.doc"), source)
    with olefile.OleFileIO(str(source)) as ole:
        flags = struct.unpack_from("<H", ole.openstream("WordDocument").read(12), 10)[0]
    _patch_stream(source, "WordDocument", 10, struct.pack("<H", flags | 0x0100))
    with pytest.raises(EncryptedFile):
        run(source)


def test_powerpoint_with_the_encrypted_token_is_encrypted(tmp_path: Path, run: Run):
    source = tmp_path / "deck.ppt"
    shutil.copy(asset("sample.ppt"), source)
    _patch_stream(source, "Current User", 12, struct.pack("<I", 0xF3D1C4DF))
    with pytest.raises(EncryptedFile):
        run(source)
