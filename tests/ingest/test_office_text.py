"""Every text a reader sees in office, RTF and PDF files, and encryption in each family."""

from __future__ import annotations

from pathlib import Path

from .conftest import Run


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
