"""Text and mail as they come from real troves: detected by structure, never lost to decoding."""

from __future__ import annotations

from pathlib import Path

from casegraph.ingest.detect import EML, detect_mime
from tests.ingest.conftest import Run, child_bytes

PATCH_MAIL = b"""Return-Path: <dev@lists.example.org>
Received: from mail.example.org by lists.example.org; Mon, 21 Oct 2013 22:29:47 +0200
From: Jane Roe <jane@example.org>
To: dev@lists.example.org
Subject: [PATCH 2/3] parser: keep the raw header
Date: Mon, 21 Oct 2013 22:29:47 +0200
Message-ID: <1382387387-1234-2-git-send-email-jane@example.org>

Keep what does not parse.
---
 parser.c | 2 +-

diff --git a/parser.c b/parser.c
--- a/parser.c
+++ b/parser.c
@@ -1 +1 @@
-int strict = 1;
+int strict = 0;
"""


def test_a_message_carrying_a_patch_is_a_message_not_a_diff(tmp_path: Path, run: Run):
    # maildir names have no extension; libmagic calls this text/x-diff
    source = tmp_path / "1382298587.001724:2,"
    source.write_bytes(PATCH_MAIL)
    assert detect_mime(source, source.name) == EML
    extraction, _ = run(source)
    assert extraction.mime == EML
    assert extraction.metadata["from"] == ["Jane Roe <jane@example.org>"]
    assert extraction.metadata["subject"] == "[PATCH 2/3] parser: keep the raw header"
    assert extraction.metadata["date"] == "2013-10-21T22:29:47+02:00"
    assert "+int strict = 0;" in extraction.pages[0].text


def test_group_and_malformed_addresses_and_a_bad_date_keep_the_message(tmp_path: Path, run: Run):
    source = tmp_path / "odd.eml"
    source.write_bytes(
        b"From: Alice <alice@example.org>\n"
        b"To: undisclosed-recipients:;\n"
        b'Cc: "Bad <<@@ address" <foo@@bar>, =?utf-8?q?Bj=C3=B6rn?= <bjorn@example.org>\n'
        b"Subject: =?x-unknown?q?hello?= world\n"
        b"Date: sometime last week\n\n"
        b"Body.\n"
    )
    extraction, _ = run(source)
    assert extraction.mime == EML
    assert extraction.metadata["to"] == ["undisclosed-recipients:;"]
    assert "Björn <bjorn@example.org>" in extraction.metadata["cc"]
    assert extraction.metadata["date"] == "sometime last week"  # kept as written
    assert extraction.pages[0].text.endswith("Body.\n")


def test_a_pgp_signature_attachment_is_text(tmp_path: Path, run: Run):
    signature = (
        b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEEexample\n=Ab12\n"
        b"-----END PGP SIGNATURE-----\n"
    )
    source = tmp_path / "signed.eml"
    source.write_bytes(
        b"From: a@example.org\nTo: b@example.org\nSubject: signed\n"
        b"Date: Tue, 1 Jan 2019 10:00:00 +0000\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary=XX\n\n'
        b"--XX\nContent-Type: text/plain\n\nSigned words.\n"
        b'--XX\nContent-Type: application/pgp-signature; name="signature.asc"\n\n'
        + signature
        + b"--XX--\n"
    )
    _, ctx = run(source)
    assert child_bytes(ctx, "signature.asc") == signature.rstrip(b"\n")  # MIME ends it
    stored = tmp_path / "signature"
    stored.write_bytes(signature)
    extraction, _ = run(stored, "signature.asc")
    assert extraction.mime == "application/pgp-signature"  # its detected type is kept
    assert "BEGIN PGP SIGNATURE" in extraction.pages[0].text


def test_an_unknown_member_that_is_text_is_read_as_text(tmp_path: Path, run: Run):
    source = tmp_path / "README.weird"
    source.write_bytes(b"\x00\x00Plain words after two NUL bytes, as some tools write them.\n")
    extraction, _ = run(source)
    assert "Plain words after two NUL bytes" in extraction.pages[0].text


def test_a_stray_byte_in_a_text_file_is_decoded_not_corrupt(tmp_path: Path, run: Run):
    source = tmp_path / "notes.txt"
    source.write_bytes("Caf\u00e9 au lait, ".encode() * 200 + b"price \xff 3 francs\n")
    extraction, _ = run(source)
    text = extraction.pages[0].text
    assert text.startswith("Café au lait")
    assert "3 francs" in text
    assert extraction.metadata["encoding"]


def test_json_that_does_not_parse_is_kept_as_text(tmp_path: Path, run: Run):
    source = tmp_path / "export.json"
    # libmagic calls it JSON; Python's parser refuses the raw tab inside the string
    source.write_text('{"name": "Omar\tFadel", "role": "commander"}\n')
    extraction, _ = run(source)
    assert "Omar\tFadel" in extraction.pages[0].text
    assert "json_error" in extraction.metadata


def test_what_the_store_cannot_hold_is_replaced_and_counted_in_ascii_and_beyond() -> None:
    from casegraph.ingest.text import REPLACEMENT, valid_text

    assert valid_text("plain ascii") == ("plain ascii", 0)
    assert valid_text("a\x00b\x00") == (f"a{REPLACEMENT}b{REPLACEMENT}", 2)
    mixed = "سلام\x00 \ud800 \ufdd0 ok"
    assert valid_text(mixed) == (f"سلام{REPLACEMENT} {REPLACEMENT} {REPLACEMENT} ok", 3)
    # each kind alone, where the text is otherwise valid beyond ASCII
    for bad in ("\x00", "\udfff", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"):
        assert valid_text(f"é{bad}ﷺ") == (f"é{REPLACEMENT}ﷺ", 1), ascii(bad)
    # characters whose UTF-8 shares bytes with non-characters are kept
    for good in ("ﷺ", "\ufdf2", "\ufffd", "\U0001fffd", "\u0ffe", "\U0001f600"):
        assert valid_text(f"é{good}") == (f"é{good}", 0), ascii(good)
