"""The demo trove: deterministic, complete, and consistent with its ground truth."""

from __future__ import annotations

import csv
import email
import email.policy
import gzip
import hashlib
import html
import html.parser
import io
import json
import mailbox
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from casegraph.demo import trove as trove_module
from casegraph.demo.run import check_extra
from casegraph.demo.trove import (
    build_control_trove,
    build_trove,
    control_ground_truth,
    ground_truth,
)
from casegraph.errors import BadSetting

REQUIRED_FORMATS = {
    "txt", "csv", "xml", "json", "html", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp",
    "rtf", "doc", "xls", "ppt", "eml", "mbox", "msg", "zip", "tar.gz", "7z", "gz", "png", "jpg",
    "tif",
}  # fmt: skip
SEP = "!/"


# -- opening containers ------------------------------------------------------------


def gzip_name(data: bytes) -> str:
    """The original file name stored in a gzip header (FNAME), or ''."""
    flags = data[3]
    pos = 10
    if flags & 4:  # FEXTRA
        pos += 2 + int.from_bytes(data[pos : pos + 2], "little")
    if flags & 8:  # FNAME
        end = data.index(b"\0", pos)
        return data[pos:end].decode("latin-1")
    return ""


def members(fmt: str, data: bytes) -> dict[str, bytes]:
    """The members of a container, by name, opened with ordinary readers."""
    if fmt == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {i.filename: archive.read(i) for i in archive.infolist() if not i.is_dir()}
    if fmt.startswith("tar"):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            return {
                m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()
            }
    if fmt == "7z":
        import py7zr
        from py7zr.io import BytesIOFactory

        factory = BytesIOFactory(50_000_000)
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            archive.extractall(factory=factory)
        out = {}
        for name, product in factory.products.items():
            product.seek(0)
            out[name] = product.read()
        return out
    if fmt == "gz":
        return {gzip_name(data): gzip.decompress(data)}
    if fmt == "eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        return {a.get_filename(): a.get_payload(decode=True) for a in message.iter_attachments()}
    if fmt == "mbox":
        path = (
            Path(tempfile.gettempdir())
            / f"casegraph-test-{hashlib.sha256(data).hexdigest()[:16]}.mbox"
        )
        path.write_bytes(data)
        try:
            box = mailbox.mbox(str(path))
            return {
                f"message-{n:04d}.eml": box.get_bytes(k) for n, k in enumerate(box.keys(), start=1)
            }
        finally:
            path.unlink()
    if fmt == "msg":
        import extract_msg

        message = extract_msg.openMsg(data)
        try:
            return {a.longFilename: a.data for a in message.attachments}
        finally:
            message.close()
    if fmt == "pdf":
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            return {}  # encrypted
        out = {}
        for i in range(document.count_attachments()):
            attachment = document.get_attachment(i)
            out[attachment.get_name()] = bytes(attachment.get_data())
        document.close()
        return out
    return {}


def open_all(trove: Path) -> dict[str, bytes]:
    """Every file and every member of every container, by ground-truth path."""
    found: dict[str, bytes] = {}

    def visit(path: str, data: bytes, fmt: str) -> None:
        found[path] = data
        for name, content in members(fmt, data).items():
            visit(f"{path}{SEP}{name}", content, guess_format(name))

    for file in sorted(p for p in trove.rglob("*") if p.is_file()):
        rel = file.relative_to(trove).as_posix()
        visit(rel, file.read_bytes(), guess_format(rel))
    return found


def guess_format(name: str) -> str:
    lower = name.lower()
    for ext in ("tar.gz", "tar.bz2", "tar.xz"):
        if lower.endswith("." + ext):
            return ext
    return lower.rsplit(".", 1)[-1]


# -- recognising formats by content -----------------------------------------------------


def detect(data: bytes) -> str:
    """The format of some bytes, from magic numbers and structure, never the name."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tif"
    if data.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        import olefile

        ole = olefile.OleFileIO(data)
        streams = {"/".join(s) for s in ole.listdir()}
        ole.close()
        for stream, fmt in (
            ("WordDocument", "doc"),
            ("Workbook", "xls"),
            ("PowerPoint Document", "ppt"),
            ("__properties_version1.0", "msg"),
        ):
            if stream in streams:
                return fmt
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return "corrupt-zip"
        names = set(archive.namelist())
        if "mimetype" in names:
            mime = archive.read("mimetype").decode()
            return {
                "application/vnd.oasis.opendocument.text": "odt",
                "application/vnd.oasis.opendocument.spreadsheet": "ods",
                "application/vnd.oasis.opendocument.presentation": "odp",
            }.get(mime, "zip")
        for marker, fmt in (
            ("word/document.xml", "docx"),
            ("xl/workbook.xml", "xlsx"),
            ("ppt/presentation.xml", "pptx"),
        ):
            if marker in names:
                return fmt
        return "zip"
    if data.startswith(b"\x1f\x8b"):
        inner = gzip.decompress(data)
        return "tar.gz" if _is_tar(inner) else "gz"
    if data.startswith(b"BZh"):
        import bz2

        return "tar.bz2" if _is_tar(bz2.decompress(data)) else "bz2"
    if data.startswith(b"\xfd7zXZ\x00"):
        import lzma

        return "tar.xz" if _is_tar(lzma.decompress(data)) else "xz"
    if _is_tar(data):
        return "tar"
    text = data.decode("utf-8")
    if text.startswith("From ") and re.search(r"^From \S+ \w{3} \w{3} ", text, re.M):
        return "mbox"
    if text.startswith("<?xml"):
        ET.fromstring(data)
        return "xml"
    if text.lower().startswith("<!doctype html") or text.lower().startswith("<html"):
        return "html"
    if text.lstrip().startswith(("{", "[")):
        json.loads(text)
        return "json"
    head = email.message_from_bytes(data, policy=email.policy.default)
    if head["From"] and head["Subject"] and head["Message-ID"]:
        return "eml"
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > 1 and len(rows[0]) > 1 and all(len(r) == len(rows[0]) for r in rows):
        return "csv"
    return "txt"


def _is_tar(data: bytes) -> bool:
    return len(data) > 262 and data[257:262] == b"ustar"


# -- text of a document --------------------------------------------------------------


class _HTMLText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(fmt: str, data: bytes) -> str | None:
    """Plain text of a document, or None where this test cannot read the format."""
    if fmt in ("txt", "csv", "xml"):
        raw = data.decode("utf-8")
        if fmt == "xml":
            raw += "\n" + "\n".join(ET.fromstring(data).itertext())
        return raw
    if fmt == "json":
        strings: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(json.loads(data))
        return "\n".join(strings)
    if fmt == "html":
        parser = _HTMLText()
        parser.feed(data.decode("utf-8"))
        return html.unescape("".join(parser.parts))
    if fmt == "eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        parts = [str(message["Subject"] or "")]
        for part in message.walk():
            if part.get_content_type() == "text/plain" and not part.get_filename():
                parts.append(part.get_content())
        return "\n".join(parts)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            lines += [cell.text for row in table.rows for cell in row.cells]
        return "\n".join(lines)
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(
            str(c)
            for s in book.worksheets
            for row in s.iter_rows(values_only=True)
            for c in row
            if c is not None
        )
    if fmt == "pptx":
        import pptx

        deck = pptx.Presentation(io.BytesIO(data))
        return "\n".join(
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
    if fmt in ("odt", "ods", "odp"):
        ns = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
        root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
        return "\n".join(
            "".join(el.itertext()) for el in root.iter() if el.tag in (ns + "p", ns + "h")
        )
    if fmt == "rtf":
        from striprtf.striprtf import rtf_to_text

        return rtf_to_text(data.decode("ascii"))
    if fmt == "xls":
        import xlrd

        book = xlrd.open_workbook(file_contents=data)
        return "\n".join(
            str(v) for s in book.sheets() for r in range(s.nrows) for v in s.row_values(r)
        )
    if fmt == "pdf":
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            return None
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        document.close()
        return text
    if fmt == "msg":
        import extract_msg

        message = extract_msg.openMsg(data)
        try:
            return f"{message.subject}\n{message.body}"
        finally:
            message.close()
    if fmt in ("doc", "ppt"):
        tool = {"doc": "antiword", "ppt": "catppt"}[fmt]
        if shutil.which(tool) is None:
            return None
        path = (
            Path(tempfile.gettempdir())
            / f"casegraph-test-{hashlib.sha256(data).hexdigest()[:16]}.{fmt}"
        )
        path.write_bytes(data)
        try:
            result = subprocess.run([tool, str(path)], capture_output=True, check=True)
        finally:
            path.unlink()
        return result.stdout.decode("utf-8", "replace")
    return None


def squash(text: str) -> str:
    return " ".join(text.split())


# -- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    dest = tmp_path_factory.mktemp("demo")
    return dest, build_trove(dest)


@pytest.fixture(scope="module")
def truth() -> dict:
    return ground_truth()


@pytest.fixture(scope="module")
def opened(built: tuple[Path, Path]) -> dict[str, bytes]:
    return open_all(built[1])


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- tests ------------------------------------------------------------------------


def test_same_bytes_every_run(tmp_path: Path) -> None:
    trove_module._generate.cache_clear()
    build_trove(tmp_path / "a")
    # Zip timestamps have a 2-second resolution: a clock leaking into any file
    # would show up as a difference after this pause.
    time.sleep(2.1)
    trove_module._generate.cache_clear()
    build_trove(tmp_path / "b")
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert first == second
    assert "ground_truth.json" in first and "trove/handover_2015.zip" in first


def test_ground_truth_outside_trove(built: tuple[Path, Path], truth: dict) -> None:
    dest, trove = built
    assert trove == dest / "trove"
    written = json.loads((dest / "ground_truth.json").read_text(encoding="utf-8"))
    assert written == truth
    assert not list(trove.rglob("ground_truth*"))
    assert truth["version"] == 2
    assert set(truth) >= {"documents", "entities", "events", "claims", "stories"}


def test_size_and_count(built: tuple[Path, Path], opened: dict[str, bytes]) -> None:
    trove = built[1]
    files = [p for p in trove.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 10 * 1024 * 1024
    assert len(opened) >= 80


def test_ground_truth_documents_match_files(opened: dict[str, bytes], truth: dict) -> None:
    listed = {d["path"]: d for d in truth["documents"]}
    assert set(opened) == set(listed)
    for path, data in opened.items():
        assert hashlib.sha256(data).hexdigest() == listed[path]["sha256"], path
        assert len(data) == listed[path]["size"], path


def test_every_format_present_by_content(opened: dict[str, bytes], truth: dict) -> None:
    detected = {}
    for doc in truth["documents"]:
        data = opened[doc["path"]]
        fmt = detect(data)
        if doc.get("corrupt"):
            assert fmt == "corrupt-zip", doc["path"]
            continue
        assert fmt == doc["format"], (doc["path"], fmt)
        detected[doc["path"]] = fmt
    assert set(detected.values()) >= REQUIRED_FORMATS
    assert {"tar.bz2", "tar.xz", "tar"} <= set(detected.values())


def test_nesting_and_attachments(truth: dict) -> None:
    by_path = {d["path"]: d for d in truth["documents"]}
    nested = [p for p in by_path if p.count(SEP) >= 2]
    assert any(p.startswith("handover_2015.zip!/") and ".tar.gz!/" in p for p in nested)
    assert any(".7z!/" in p and ".zip!/" in p for p in nested)
    attached = [
        p
        for p in by_path
        if by_path[p]["parent"] and by_path[by_path[p]["parent"]]["format"] in ("eml", "msg")
    ]
    assert len(attached) >= 5
    mbox_messages = [
        p
        for p in by_path
        if by_path[p]["parent"] and by_path[by_path[p]["parent"]]["format"] == "mbox"
    ]
    assert len(mbox_messages) >= 5
    assert any(
        by_path[p]["format"] != "pdf"
        and by_path[p]["parent"]
        and by_path[by_path[p]["parent"]]["format"] == "pdf"
        for p in by_path
    )


def test_duplicate_corrupt_encrypted_images(built: tuple[Path, Path], truth: dict) -> None:
    import pypdfium2

    trove = built[1]
    digests = Counter(_digests(trove).values())
    assert any(n >= 2 for n in digests.values()), "no exact duplicate on disk"
    for doc in truth["documents"]:
        if doc.get("duplicate_of"):
            original = next(d for d in truth["documents"] if d["path"] == doc["duplicate_of"])
            assert original["sha256"] == doc["sha256"]

    corrupt = [d for d in truth["documents"] if d.get("corrupt")]
    assert corrupt
    for doc in corrupt:
        with pytest.raises(zipfile.BadZipFile):
            zipfile.ZipFile(trove / doc["path"])

    encrypted = [d for d in truth["documents"] if d.get("encrypted")]
    assert encrypted
    for doc in encrypted:
        with pytest.raises(pypdfium2.PdfiumError):
            pypdfium2.PdfDocument(trove / doc["path"])
        opened = pypdfium2.PdfDocument(trove / doc["path"], password=doc["password"])
        assert "Bahran" in opened[0].get_textpage().get_text_range()
        opened.close()

    images = [d for d in truth["documents"] if d.get("image_only")]
    typed = [d for d in images if not d.get("scan", {}).get("handwriting")]
    assert len(typed) >= 4 and all(d["ocr_text"] for d in typed)
    scan_pdfs = [d for d in images if d["format"] == "pdf"]
    assert scan_pdfs
    for doc in scan_pdfs:
        scan = pypdfium2.PdfDocument(trove / doc["path"])
        assert scan[0].get_textpage().get_text_range().strip() == ""
        scan.close()


def test_quotes_occur_in_their_documents(opened: dict[str, bytes], truth: dict) -> None:
    formats = {d["path"]: d["format"] for d in truth["documents"]}
    exact = {"txt", "csv", "json", "xml", "html", "eml", "docx", "xlsx", "pptx", "odt", "ods",
             "odp", "rtf", "xls", "msg"}  # fmt: skip
    checked = Counter()
    for item in truth["events"] + truth["claims"]:
        fmt = formats[item["doc"]]
        text = text_of(fmt, opened[item["doc"]])
        if text is None:
            continue
        if fmt in exact:
            assert item["quote"] in text, (item["id"], item["doc"])
        else:
            assert squash(item["quote"]) in squash(text), (item["id"], item["doc"])
        checked[fmt] += 1
    assert {"txt", "html", "eml", "csv", "docx", "pdf", "xlsx"} <= set(checked)


def readable_texts(opened: dict[str, bytes], truth: dict) -> dict[str, str]:
    """Text of every document this test can read (not corrupt ones, not whole mailboxes)."""
    skip = {d["path"] for d in truth["documents"] if d.get("corrupt") or d["format"] == "mbox"}
    formats = {d["path"]: d["format"] for d in truth["documents"]}
    return {p: text_of(formats[p], data) or "" for p, data in opened.items() if p not in skip}


def test_required_story_elements(opened: dict[str, bytes], truth: dict) -> None:
    texts = readable_texts(opened, truth)
    assert sum("fuel for grain" in t for t in texts.values()) >= 5
    assert any("convoy" in t for t in texts.values())
    assert any(re.search(r"\bdraft\b", t, re.I) for t in texts.values())
    assert sum(bool(re.search("[\u0600-\u06ff]", t)) for t in texts.values()) >= 5

    stances = {c["stance"] for c in truth["claims"]}
    assert stances == {"asserts", "denies", "hedged"}
    assert any(c.get("single_source") for c in truth["claims"])
    assert any(s["copied_from"] for s in truth["stories"])
    categories = {e["category"] for e in truth["events"]}
    assert {"COOPERATE", "RETREAT", "AGREE", "ASSAULT"} <= categories
    assert all(e["date"].startswith("2015-") for e in truth["events"])
    assert all(d["date"].startswith("2015-") for d in truth["documents"])


def test_copied_story_is_nearly_verbatim(opened: dict[str, bytes], truth: dict) -> None:
    import difflib

    for story in truth["stories"]:
        if story["copied_from"]:
            copy = text_of("html", opened[story["doc"]])
            original = text_of("html", opened[story["copied_from"]])
            assert difflib.SequenceMatcher(None, copy, original).ratio() > 0.7
            paragraphs = [line.strip() for line in copy.splitlines() if len(line.strip()) > 60]
            shared = [p for p in paragraphs if p in original]
            assert len(shared) / len(paragraphs) >= 0.7


def test_aliases_are_used_in_the_trove(opened: dict[str, bytes], truth: dict) -> None:
    corpus = "\n".join(readable_texts(opened, truth).values())
    corpus += "\n".join(d.get("ocr_text", "") for d in truth["documents"])
    corpus = corpus.casefold()
    missing = [
        (e["id"], alias)
        for e in truth["entities"]
        for alias in e["aliases"]
        if alias.casefold() not in corpus
    ]
    assert not missing
    ids = {e["id"] for e in truth["entities"]}
    assert {"person", "organization", "place"} == {e["type"] for e in truth["entities"]}
    for entity in truth["entities"]:
        assert set(entity["adversaries"]) <= ids
        assert entity["name"] in entity["aliases"]
        assert any(re.search("[\u0600-\u06ff]", a) for a in entity["aliases"]) or entity["id"] in {
            "meridian",
            "jmm",
            "crss",
            "keller",
            "mansour",
            "qasimi",
            "khirbet_nasr",
            "qasr_hamid",
        }


# -- scanned and photographed pages ---------------------------------------------------


def _scans(truth: dict) -> list[dict]:
    return [d for d in truth["documents"] if "scan" in d]


def _pages(doc: dict) -> int:
    return len(doc.get("ocr_pages") or [doc["ocr_text"]])


def test_scans_are_described_in_the_ground_truth(truth: dict) -> None:
    scans = _scans(truth)
    pages: Counter = Counter()
    for doc in scans:
        scan = doc["scan"]
        assert set(scan) == {"language", "rotation", "skew", "degraded", "handwriting"}, doc
        assert doc["image_only"] is True
        assert scan["rotation"] in (0, 90, 180, 270)
        assert scan["degraded"] or not scan["skew"]
        if scan["handwriting"]:
            assert doc["ocr_text"] == "" and doc["language"] is None
            pages["handwriting"] += 1
            continue
        assert doc["ocr_text"].strip() and doc["language"] == scan["language"], doc["path"]
        if "ocr_pages" in doc:
            assert "\n".join(doc["ocr_pages"]) == doc["ocr_text"]
        kind = "degraded" if scan["degraded"] else "clean"
        pages[scan["language"], kind, scan["rotation"]] += _pages(doc)
    assert pages["en", "clean", 0] >= 3
    assert sum(n for key, n in pages.items() if key[:2] == ("en", "degraded")) >= 3
    assert pages["ar", "clean", 0] >= 2
    assert all(pages["en", "clean", turn] >= 1 for turn in (90, 180, 270))
    assert pages["handwriting"] == 1
    assert {d["format"] for d in scans} >= {"png", "jpg", "tif", "pdf"}
    assert any(_pages(d) > 1 and d["format"] == "tif" for d in scans)


def test_scan_files_hold_their_pages(built: tuple[Path, Path], truth: dict) -> None:
    import pypdfium2
    from PIL import Image

    trove = built[1]
    for doc in _scans(truth):
        path = trove / doc["path"]
        upright = doc["scan"]["rotation"] in (0, 180)
        if doc["format"] == "pdf":
            scan = pypdfium2.PdfDocument(path)
            assert len(scan) == 1
            assert scan[0].get_textpage().get_text_range().strip() == ""
            width, height = scan[0].get_size()
            # the page is the image at 300 dpi, so it renders back to the pixels drawn
            assert (round(width * 300 / 72), round(height * 300 / 72)) == (1700, 2200)
            scan.close()
            continue
        with Image.open(path) as image:
            assert getattr(image, "n_frames", 1) == _pages(doc), doc["path"]
            assert round(image.info["dpi"][0]) == 300
            assert (image.width < image.height) == upright, doc["path"]


def test_rendered_pages_are_deterministic_and_degraded_as_asked() -> None:
    from PIL import Image

    from casegraph.demo.scans import PAGE_SIZE, render_page

    lines = ["Fuel for grain at Ras Kadir", "", "Convoy of 22 trucks"]
    clean = render_page(lines)
    assert clean.mode == "L" and clean.size == PAGE_SIZE
    assert clean.tobytes() == render_page(lines).tobytes()
    dirty = render_page(lines, skew_degrees=2.0, blur=1.0, noise=0.001, seed=3)
    assert (
        dirty.tobytes()
        == render_page(lines, skew_degrees=2.0, blur=1.0, noise=0.001, seed=3).tobytes()
    )
    assert (
        dirty.tobytes()
        != render_page(lines, skew_degrees=2.0, blur=1.0, noise=0.001, seed=4).tobytes()
    )
    assert dirty.getextrema()[0] > 0 and dirty.getextrema()[1] < 255  # contrast lost
    assert render_page(lines, rotation=90).size == PAGE_SIZE[::-1]
    turned = clean.transpose(Image.Transpose.ROTATE_180)
    assert render_page(lines, rotation=180).tobytes() == turned.tobytes()
    hand = render_page(lines, handwriting=True, seed=1)
    assert hand.tobytes() != clean.tobytes() and hand.getextrema()[0] < 128
    with pytest.raises(ValueError):
        render_page(["x" * 200])
    with pytest.raises(ValueError):
        render_page(lines, rotation=45)


def test_arabic_is_joined_and_set_right_to_left() -> None:
    from PIL import Image, ImageFont, features

    from casegraph.demo.scans import FONT_PX, MARGIN, PAGE_SIZE, font_path, render_page

    assert features.check("raqm")
    font = ImageFont.truetype(str(font_path("ar")), FONT_PX["ar"])
    for word in ("محضر", "استلام", "القمح"):
        joined = font.getlength(word, direction="rtl", language="ar")
        isolated = sum(font.getlength(letter) for letter in word)
        assert joined < isolated - 10, word
    page = render_page(["محضر استلام القمح"], language="ar")
    left, _, right, _ = Image.eval(page, lambda v: 255 - v).getbbox()
    assert abs(right - (PAGE_SIZE[0] - MARGIN)) <= 6 and left > PAGE_SIZE[0] // 2


def test_split_is_stable_and_has_both_values(truth: dict) -> None:
    splits = Counter(d["split"] for d in truth["documents"])
    assert set(splits) == {"dev", "heldout"}
    assert 0.55 < splits["dev"] / sum(splits.values()) < 0.85
    assert ground_truth()["documents"] == truth["documents"]


def test_legacy_assets_are_fixtures() -> None:
    import extract_msg

    from casegraph.demo.legacy import CONVOY_SENTENCE, asset

    msg = extract_msg.openMsg(asset("sample.msg"))
    try:
        assert msg.subject == "Convoy timing"
        assert "k.haddad@example.org" in msg.sender
        assert CONVOY_SENTENCE in msg.body
        [attachment] = msg.attachments
        assert attachment.longFilename == "route.txt"
        assert attachment.data == b"Route: Al-Rashid road to the port."
    finally:
        msg.close()
    for name, fmt in (("sample.doc", "doc"), ("sample.ppt", "ppt")):
        data = asset(name)
        assert detect(data) == fmt
        text = text_of(fmt, data)
        if text is not None:
            assert CONVOY_SENTENCE in squash(text)


# -- events and claims -----------------------------------------------------------------

# PLOVER's categories by quad class, written out here rather than read from the generator.
PLOVER = {
    "verbal_cooperation": {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    "material_cooperation": {"COOPERATE", "AID", "RETREAT"},
    "verbal_conflict": {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    "material_conflict": {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}
QUAD_OF = {category: quad for quad, members in PLOVER.items() for category in members}
CLAIM_KINDS = {"direct", "indirect", "according_to", "headline", "document"}
COOPERATIVE = {"verbal_cooperation", "material_cooperation"}


def _ids(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _check_events_and_claims(truth: dict) -> None:
    """Shape shared by the main and the control ground truth."""
    entity_ids = {e["id"] for e in truth["entities"]}
    for event in truth["events"]:
        assert event["quad"] == QUAD_OF[event["category"]], event["id"]
        assert isinstance(event["mode"], str), event["id"]
        assert isinstance(event["negated"], bool) and isinstance(event["hypothetical"], bool)
        assert "type" not in event, event["id"]
        for key in ("actor", "target"):
            assert all(i is None or i in entity_ids for i in _ids(event[key])), event["id"]
    for claim in truth["claims"]:
        assert claim["kind"] in CLAIM_KINDS, claim["id"]
        assert isinstance(claim["hedged"], bool), claim["id"]
        assert claim["stance"] in ("asserts", "denies", "hedged"), claim["id"]
        assert claim["source"] in entity_ids or (claim["source"] is None and claim["source_text"])


def test_events_are_coded_with_plover(truth: dict) -> None:
    _check_events_and_claims(truth)
    events = truth["events"]
    counts = Counter(e["category"] for e in events)
    assert set(counts) == set(QUAD_OF)
    assert min(counts.values()) >= 2, counts
    assert sum(e["negated"] for e in events) >= 2
    assert sum(e["hypothetical"] for e in events) >= 2
    by_id = {e["id"]: e for e in events}
    # the planted cooperation between the army and the Brigades, as PLOVER codes it
    planted = {
        "ev_agree_fuel_for_grain": ("AGREE", ""),
        "ev_trade_1": ("COOPERATE", ""),
        "ev_trade_2": ("COOPERATE", ""),
        "ev_trade_3": ("COOPERATE", ""),
        "ev_warn_advance": ("COOPERATE", ""),
        "ev_order_withdraw_wadi_sirr": ("RETREAT", "withdraw"),
        "ev_withdrawal_done_wadi_sirr": ("RETREAT", "withdraw"),
        "ev_allow_passage": ("RETREAT", "access"),
        "ev_agree_handover": ("AGREE", ""),
        "ev_army_leaves_bahran": ("CONCEDE", ""),
        "ev_handover_bahran": ("RETREAT", "return"),
    }
    for event_id, (category, mode) in planted.items():
        event = by_id[event_id]
        assert (event["category"], event["mode"]) == (category, mode), event_id
        sides = {event["actor"], event["target"]}
        assert sides & {"zna", "rashed"} and "svb" in sides, event_id
    assert by_id["ev_order_withdraw_wadi_sirr"]["status"] == "ordered"
    assert by_id["ev_withdrawal_done_wadi_sirr"]["status"] == "done"
    assert by_id["ev_fight_khirbet_nasr"]["category"] == "ASSAULT"
    assert by_id["ev_army_enters_wadi_sirr"]["category"] == "COERCE"
    # joint targets, generic references, orders in the imperative under a letterhead
    assert any(isinstance(e["target"], list) for e in events)
    generic = {e.get("actor_text") for e in events} | {e.get("target_text") for e in events}
    assert {"The army", "The Brigades", "the two sides"} <= generic
    imperative = [e for e in events if e.get("actor_from") == "letterhead"]
    assert any(e["quote"].startswith("Move all armour") for e in imperative)
    assert all(e["actor"] == "svb" and e["hypothetical"] for e in imperative)


def test_claims_have_kinds_hedges_and_unnamed_speakers(truth: dict) -> None:
    claims = truth["claims"]
    kinds = Counter(c["kind"] for c in claims)
    assert set(kinds) == CLAIM_KINDS and min(kinds.values()) >= 2, kinds
    assert sum(c["hedged"] for c in claims) >= 3
    assert any(c["source"] is None and c["source_text"] for c in claims)
    by_id = {c["id"]: c for c in claims}
    for claim in claims:
        if claim.get("copied_from"):
            original = by_id[claim["copied_from"]]
            assert (claim["kind"], claim["hedged"]) == (original["kind"], original["hedged"])
    headline = [c for c in claims if c["kind"] == "headline"]
    formats = {d["path"]: d["format"] for d in truth["documents"]}
    assert all(formats[c["doc"]] == "html" for c in headline)


# -- the control trove ---------------------------------------------------------------


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    dest = tmp_path_factory.mktemp("control")
    return build_control_trove(dest), control_ground_truth()


def test_control_trove_only_fights(control: tuple[Path, dict], truth: dict) -> None:
    trove, gold = control
    _check_events_and_claims(gold)
    assert gold["entities"] == truth["entities"]
    assert not {e["quad"] for e in gold["events"]} & COOPERATIVE
    assert {"ASSAULT", "THREATEN", "ACCUSE", "COERCE"} <= {e["category"] for e in gold["events"]}
    sides = {"gov", "mod", "zna", "zna_south", "karam", "svb"}
    assert any({e["actor"], *_ids(e["target"])} >= {"zna", "svb"} for e in gold["events"])
    assert all(e["actor"] in sides or e["actor"] in {"jmm", None} for e in gold["events"]), (
        "every actor is a fighting side, the monitors or unnamed"
    )
    files = sorted(p.relative_to(trove).as_posix() for p in trove.rglob("*") if p.is_file())
    assert files == sorted(d["path"] for d in gold["documents"])
    assert 8 <= len(files) <= 12
    assert not {e["id"] for e in gold["events"]} & {e["id"] for e in truth["events"]}


def test_control_quotes_occur_in_their_documents(control: tuple[Path, dict]) -> None:
    trove, gold = control
    formats = {d["path"]: d["format"] for d in gold["documents"]}
    assert set(formats.values()) <= {"txt", "eml", "html"}
    for item in gold["events"] + gold["claims"]:
        text = text_of(formats[item["doc"]], (trove / item["doc"]).read_bytes())
        assert item["quote"] in text, item["id"]
    for doc in gold["documents"]:
        assert detect((trove / doc["path"]).read_bytes()) == doc["format"], doc["path"]


def test_control_trove_same_bytes_every_run(tmp_path: Path) -> None:
    trove_module._generate_control.cache_clear()
    build_control_trove(tmp_path / "a")
    trove_module._generate_control.cache_clear()
    build_control_trove(tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_the_demo_without_its_extra_is_refused_in_one_line() -> None:
    check_extra()  # installed with make test
    with pytest.raises(BadSetting) as refused:
        check_extra({"fpdf": "fpdf2", "casegraph_no_such_writer": "no-such-writer"})
    message = str(refused.value)
    assert "no-such-writer" in message and "fpdf2" not in message
    assert "pip install 'casegraph[demo]'" in message and "\n" not in message
