"""Office documents: OOXML, OpenDocument, RTF and legacy Word, Excel and PowerPoint."""

from __future__ import annotations

import struct
import subprocess
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax import SAXException

import docx
import msoffcrypto
import olefile
import openpyxl
import pptx
import xlrd
from docx.opc.exceptions import PackageNotFoundError as DocxPackageMissing
from docx.table import Table as DocxTable
from lxml import etree
from odf import opendocument, teletype
from odf.draw import Page
from odf.element import Node
from odf.namespaces import TABLENS, TEXTNS
from odf.table import Table, TableRow
from openpyxl.utils.exceptions import InvalidFileException
from pptx.exc import PackageNotFoundError as PptxPackageMissing
from pptx.shapes.group import GroupShape

from ..errors import CorruptFile, EncryptedFile, ExtractionError
from ..records import Extraction, FailureReason
from .context import ExtractContext
from .detect import DOC, DOCX, ENCRYPTED_OLE, ODP, ODS, ODT, PPT, PPTX, XLS, XLSX
from .rtf import rtf_text
from .text import clean, iso_date, labelled, put

Handler = Callable[[Path, Extraction, ExtractContext], None]

_MICROSOFT = {DOCX, XLSX, PPTX, DOC, XLS, PPT, ENCRYPTED_OLE}
# where each zipped office format keeps its pictures
_PACKAGED_MEDIA = {
    DOCX: "word/media/",
    XLSX: "xl/media/",
    PPTX: "ppt/media/",
    ODT: "Pictures/",
    ODS: "Pictures/",
    ODP: "Pictures/",
}
_DAMAGE = (
    zipfile.BadZipFile,
    KeyError,
    EOFError,
    struct.error,
    etree.XMLSyntaxError,
    SAXException,
    DocxPackageMissing,
    PptxPackageMissing,
    InvalidFileException,
    xlrd.XLRDError,
)
_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
_CELLS = {(TABLENS, "table-cell"), (TABLENS, "covered-table-cell")}
_MAX_REPEAT = 1000  # ODF may repeat an empty cell or row a million times
_UTF8_CODEPAGES = {65001, -535}
_PPT_SLIDE, _PPT_TEXT_CHARS, _PPT_TEXT_BYTES = 0x03EE, 0x0FA0, 0x0FA8
_PPT_HEADER = struct.Struct("<HHI")


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """Pages, core properties and sheet names of one office document."""
    handler, library = _HANDLERS[mime]
    if mime in _MICROSOFT:
        _refuse_encrypted(path)
    extraction = Extraction(mime=mime, extractor=labelled("office", library))
    try:
        handler(path, extraction, ctx)
        if mime in _PACKAGED_MEDIA:
            _embedded_images(path, ctx, _PACKAGED_MEDIA[mime])
    except _DAMAGE as error:
        raise CorruptFile(f"{mime} is damaged: {type(error).__name__}: {error}") from None
    return extraction


def _embedded_images(path: Path, ctx: ExtractContext, folder: str) -> None:
    """Pictures inside an OOXML or OpenDocument package become child documents (for OCR)."""
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            name = info.filename
            if name.startswith(folder) and not info.is_dir():
                ctx.check_ratio(info.compress_size, info.file_size)
                with package.open(info) as member:
                    ctx.add_child(name, member)


def _refuse_encrypted(path: Path) -> None:
    """Raise EncryptedFile when msoffcrypto-tool finds password protection."""
    with open(path, "rb") as handle:
        try:
            encrypted = msoffcrypto.OfficeFile(handle).is_encrypted()
        except Exception:  # msoffcrypto cannot read it: the format's parser will judge
            return
    if encrypted:
        raise EncryptedFile("document is password-protected")


def _core(extraction: Extraction, author: Any, title: Any, created: Any, modified: Any) -> None:
    """Set the normalised author, title and dates, and the title of the extraction."""
    put(
        extraction.metadata,
        author=author or None,
        title=title or None,
        created=iso_date(created),
        modified=iso_date(modified),
    )
    extraction.title = extraction.metadata.get("title")


def _cell(value: Any) -> str:
    """One spreadsheet value as text; integral floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _grid(rows: Iterable[Iterable[Any]]) -> str:
    """Cells tab-separated, rows newline-separated; trailing empty cells and rows dropped."""
    lines = ("\t".join(_cell(value) for value in row).rstrip("\t") for row in rows)
    return "\n".join(lines).rstrip("\n")


def _table_text(table: Any) -> str:
    """A python-docx or python-pptx table as tab-separated rows."""
    return "\n".join("\t".join(cell.text for cell in row.cells) for row in table.rows)


def _docx(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """Paragraphs and tables in body order, with core properties."""
    document = docx.Document(str(path))
    blocks = document.iter_inner_content()
    texts = (_table_text(b) if isinstance(b, DocxTable) else b.text for b in blocks)
    extraction.add_page(clean("\n".join(texts)))
    props = document.core_properties
    _core(extraction, props.author, props.title, props.created, props.modified)


def _xlsx(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per worksheet, cell values as last computed by Excel."""
    # a file object, because openpyxl refuses paths without an .xlsx extension
    with open(path, "rb") as handle:
        _xlsx_pages(openpyxl.load_workbook(handle, read_only=True, data_only=True), extraction)


def _xlsx_pages(book: Any, extraction: Extraction) -> None:
    """Fill pages and metadata from an open workbook, then close it."""
    try:
        for sheet in book.worksheets:
            extraction.add_page(clean(_grid(sheet.iter_rows(values_only=True))))
        extraction.metadata["sheets"] = [sheet.title for sheet in book.worksheets]
        props = book.properties
        _core(extraction, props.creator, props.title, props.created, props.modified)
    finally:
        book.close()


def _pptx(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per slide: text frames, tables and speaker notes."""
    deck = pptx.Presentation(str(path))
    for slide in deck.slides:
        texts = [text for text in _slide_texts(slide) if text]
        extraction.add_page(clean("\n".join(texts).replace("\v", "\n")))
    extraction.metadata["page_count"] = len(deck.slides)
    props = deck.core_properties
    _core(extraction, props.author, props.title, props.created, props.modified)


def _slide_texts(slide: Any) -> Iterator[str]:
    """Text of a slide's shapes, then of its notes."""
    yield from _shape_texts(slide.shapes)
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        yield slide.notes_slide.notes_text_frame.text


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    """Text of each shape, descending into groups."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text
        elif shape.has_table:
            yield _table_text(shape.table)


def _odf(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """An OpenDocument file: pages by kind, then its meta.xml properties."""
    document = opendocument.load(str(path))
    _ODF_PAGES[extraction.mime](document, extraction)
    meta = {
        child.qname[1]: teletype.extractText(child)
        for child in document.meta.childNodes
        if child.nodeType == Node.ELEMENT_NODE
    }
    author = meta.get("initial-creator") or meta.get("creator")
    _core(extraction, author, meta.get("title"), meta.get("creation-date"), meta.get("date"))


def _paragraphs(node: Any) -> Iterator[str]:
    """Text of each paragraph and heading under an ODF node, in document order."""
    for child in node.childNodes:
        if child.nodeType != Node.ELEMENT_NODE:
            continue
        if child.qname in _PARAGRAPHS:
            yield teletype.extractText(child)
        else:
            yield from _paragraphs(child)


def _odt_pages(document: Any, extraction: Extraction) -> None:
    """A text document is one page."""
    extraction.add_page(clean("\n".join(_paragraphs(document.text))))


def _ods_pages(document: Any, extraction: Extraction) -> None:
    """One page per table (sheet)."""
    tables = document.spreadsheet.getElementsByType(Table)
    for table in tables:
        extraction.add_page(clean(_grid(_ods_rows(table))))
    extraction.metadata["sheets"] = [table.getAttribute("name") for table in tables]


def _ods_rows(table: Any) -> Iterator[list[str]]:
    """Cell texts of each row, with repeated cells and rows expanded (within a cap)."""
    for row in table.getElementsByType(TableRow):
        cells: list[str] = []
        for cell in row.childNodes:
            if getattr(cell, "qname", None) in _CELLS:
                text = "\n".join(_paragraphs(cell))
                cells.extend([text] * _repeat(cell.getAttribute("numbercolumnsrepeated")))
        yield from [cells] * _repeat(row.getAttribute("numberrowsrepeated"))


def _repeat(value: str | None) -> int:
    """An ODF repeat count, capped."""
    return min(int(value or 1), _MAX_REPEAT)


def _odp_pages(document: Any, extraction: Extraction) -> None:
    """One page per slide (draw:page), notes included."""
    slides = document.presentation.getElementsByType(Page)
    for slide in slides:
        extraction.add_page(clean("\n".join(_paragraphs(slide))))
    extraction.metadata["page_count"] = len(slides)


def _rtf(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """The visible text of an RTF document, by casegraph's own reader."""
    extraction.add_page(clean(rtf_text(path.read_bytes())))


def _run(command: list[str], path: Path, ctx: ExtractContext) -> str | None:
    """Standard output of a converter as text, or None when it fails."""
    timeout = ctx.settings.file_timeout_s
    try:
        done = subprocess.run(
            [*command, str(path.absolute())], capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(
            f"{command[0]} ran longer than {timeout:.0f}s", FailureReason.TIMEOUT
        ) from None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def _ole_core(extraction: Extraction, path: Path) -> None:
    """Author, title and dates from an OLE file's SummaryInformation stream."""
    with olefile.OleFileIO(str(path)) as ole:
        meta = ole.get_metadata()
    author, title = (_ole_text(value, meta.codepage) for value in (meta.author, meta.title))
    _core(extraction, author, title, meta.create_time, meta.last_saved_time)


def _ole_text(value: Any, codepage: int | None) -> Any:
    """Decode an OLE property string by the stream's code page."""
    if not isinstance(value, bytes):
        return value
    codec = "utf-8" if codepage in _UTF8_CODEPAGES else f"cp{codepage or 1252}"
    try:
        return value.decode(codec, errors="replace")
    except LookupError:
        return value.decode("cp1252", errors="replace")


def _doc(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """Word 97-2003 text via antiword; catdoc for the small files antiword refuses."""
    text = _run(["antiword", "-w", "0", "-m", "UTF-8.txt"], path, ctx)
    if text is None:
        text = _run(["catdoc", "-d", "utf-8", "-w"], path, ctx)
        extraction.extractor = labelled("office", "catdoc")
    if text is None:
        raise CorruptFile("neither antiword nor catdoc can read this Word file")
    extraction.add_page(clean(text))
    _ole_core(extraction, path)


def _xls(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per Excel 97-2003 sheet."""
    book = xlrd.open_workbook(str(path))
    for sheet in book.sheets():
        rows = ([_xls_value(c, book.datemode) for c in sheet.row(i)] for i in range(sheet.nrows))
        extraction.add_page(clean(_grid(rows)))
    extraction.metadata["sheets"] = book.sheet_names()
    book.release_resources()
    _ole_core(extraction, path)


def _xls_value(cell: xlrd.sheet.Cell, datemode: int) -> Any:
    """A cell's value with dates, booleans and errors made readable."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value


def _ppt(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """PowerPoint 97-2003 via catppt (a form feed ends each slide); records as a fallback."""
    text = _run(["catppt", "-d", "utf-8"], path, ctx)
    if text and text.strip():
        slides = text.split("\f")
        if not slides[-1].strip():
            slides.pop()
    else:  # catppt finds nothing in files whose text sits in slide drawings (LibreOffice)
        slides = _ppt_slides(path)
        extraction.extractor = labelled("office", "olefile")
    for slide in slides:
        extraction.add_page(clean(slide))
    extraction.metadata["page_count"] = len(slides)
    _ole_core(extraction, path)


def _ppt_slides(path: Path) -> list[str]:
    """Text atoms of each top-level slide container in the PowerPoint Document stream."""
    with olefile.OleFileIO(str(path)) as ole:
        data = ole.openstream("PowerPoint Document").read()
    return [
        "\n".join(_ppt_texts(data, start + 8, start + 8 + length))
        for start, kind, length, _ in _ppt_records(data, 0, len(data))
        if kind == _PPT_SLIDE
    ]


def _ppt_records(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int, bool]]:
    """(offset, type, length, is_container) of each record between start and end."""
    while start + _PPT_HEADER.size <= end:
        version_instance, kind, length = _PPT_HEADER.unpack_from(data, start)
        yield start, kind, length, version_instance & 0xF == 0xF
        start += _PPT_HEADER.size + length


def _ppt_texts(data: bytes, start: int, end: int) -> Iterator[str]:
    """Text of the TextChars and TextBytes atoms under a container, in order."""
    for offset, kind, length, container in _ppt_records(data, start, end):
        body = slice(offset + 8, min(offset + 8 + length, end))
        if container:
            yield from _ppt_texts(data, body.start, body.stop)
        elif kind == _PPT_TEXT_CHARS:
            yield data[body].decode("utf-16-le", errors="replace")
        elif kind == _PPT_TEXT_BYTES:
            yield data[body].decode("latin-1")


def _encrypted_package(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """An OLE file that only wraps an EncryptedPackage stream is an encrypted OOXML file."""
    raise EncryptedFile("Office document is encrypted (EncryptedPackage)")


_ODF_PAGES: dict[str, Callable[[Any, Extraction], None]] = {
    ODT: _odt_pages,
    ODS: _ods_pages,
    ODP: _odp_pages,
}
_HANDLERS: dict[str, tuple[Handler, str]] = {
    DOCX: (_docx, "python-docx"),
    XLSX: (_xlsx, "openpyxl"),
    PPTX: (_pptx, "python-pptx"),
    ODT: (_odf, "odfpy"),
    ODS: (_odf, "odfpy"),
    ODP: (_odf, "odfpy"),
    "text/rtf": (_rtf, "casegraph"),
    DOC: (_doc, "antiword"),
    XLS: (_xls, "xlrd"),
    PPT: (_ppt, "catppt"),
    ENCRYPTED_OLE: (_encrypted_package, "msoffcrypto-tool"),
}
MIMES = frozenset(_HANDLERS)
