"""Fixtures for the format extractors: a real context and small real sample files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import docx
import pytest
import xlwt
from fpdf import FPDF
from msoffcrypto.format.ooxml import OOXMLFile

from casegraph.case.blobs import BlobStore
from casegraph.ingest.context import ExtractContext
from casegraph.ingest.registry import extract_file
from casegraph.records import Extraction
from casegraph.settings import Settings

ASSETS = Path(__file__).resolve().parents[2] / "src" / "casegraph" / "demo" / "assets"
MakeContext = Callable[..., ExtractContext]
Run = Callable[..., tuple[Extraction, ExtractContext]]


@pytest.fixture
def make_ctx(tmp_path: Path) -> MakeContext:
    """Build an ExtractContext over a fresh blob store, as the worker does."""
    blobs = BlobStore(tmp_path / "blobs")

    def make(name: str, depth: int = 0, **settings: object) -> ExtractContext:
        return ExtractContext(name=name, depth=depth, blobs=blobs, settings=Settings(**settings))

    return make


@pytest.fixture
def run(make_ctx: MakeContext) -> Run:
    """Store one file and extract the stored blob (no extension), as the pipeline does."""

    def run(
        path: Path, name: str | None = None, depth: int = 0, **settings: object
    ) -> tuple[Extraction, ExtractContext]:
        ctx = make_ctx(name or path.name, depth, **settings)
        sha, _ = ctx.blobs.put_file(path)
        return extract_file(ctx.blobs.path(sha), ctx), ctx

    return run


def child_bytes(ctx: ExtractContext, name: str) -> bytes:
    """The stored bytes of the child with this name."""
    child = next(child for child in ctx.children if child.name == name)
    return ctx.blobs.path(child.sha256).read_bytes()


def asset(name: str) -> Path:
    """A demo asset, or a skip while the demo trove does not have it yet."""
    path = ASSETS / name
    if not path.exists():
        pytest.skip(f"demo asset {name} is not there yet")
    return path


def make_pdf(
    path: Path,
    pages: list[str],
    attachment: tuple[str, bytes] | None = None,
    password: str | None = None,
) -> Path:
    """A PDF with one page per string ('' leaves a page without text)."""
    pdf = FPDF()
    pdf.set_author("Ann Author")
    pdf.set_title("Quarterly Figures")
    pdf.set_creation_date(datetime(2024, 1, 31, 12, 0, 0))
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 10, text)
    if attachment:
        pdf.embed_file(basename=attachment[0], bytes=attachment[1])
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    """A DOCX with two paragraphs, a table and core properties."""
    document = docx.Document()
    document.add_paragraph("The convoy leaves at dawn.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "fuel", (0, 1): "300", (1, 0): "grain", (1, 1): "450"}.items():
        table.cell(row, col).text = text
    document.add_paragraph("Café crème, naïve ﬁnance.")
    document.core_properties.author = "Ann Author"
    document.core_properties.title = "Convoy memo"
    document.core_properties.created = datetime(2023, 5, 1, 9, 30)
    document.save(str(path))
    return path


def make_encrypted_docx(path: Path, password: str = "hunter2") -> Path:
    """A DOCX protected by a password (an OLE file holding an EncryptedPackage)."""
    plain = make_docx(path.with_suffix(".plain"))
    with open(plain, "rb") as handle, open(path, "wb") as out:
        OOXMLFile(handle).encrypt(password, out)
    return path


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A deflated ZIP with these members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def make_xls(path: Path) -> Path:
    """An Excel 97 workbook with two sheets."""
    book = xlwt.Workbook()
    first = book.add_sheet("Ledger")
    for row, values in enumerate([("item", "amount"), ("fuel", 300), ("grain", 450.5)]):
        for col, value in enumerate(values):
            first.write(row, col, value)
    book.add_sheet("Notes").write(0, 0, "checked")
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path
