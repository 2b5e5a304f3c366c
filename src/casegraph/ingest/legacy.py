"""Office 97-2003: reads Word, Excel and PowerPoint OLE files and writes their text as pages.

Word text comes from antiword (or catdoc), Excel sheets and cell notes from xlrd, PowerPoint
slides from catppt (or the slides' text records). Properties come from SummaryInformation;
objects embedded in an ObjectPool or MBD storage become children where they wrap a file.
"""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import olefile
import xlrd

from ..errors import CorruptFile, ExtractionError
from ..records import Extraction, FailureReason
from .context import ExtractContext
from .package import core, grid, ole_payload
from .text import clean, labelled

_UTF8_CODEPAGES = {65001, -535}
_PPT_SLIDE, _PPT_TEXT_CHARS, _PPT_TEXT_BYTES = 0x03EE, 0x0FA0, 0x0FA8
_PPT_HEADER = struct.Struct("<HHI")


class _SummaryInformation(Protocol):
    """The SummaryInformation properties read here, as olefile's OleMetadata holds them."""

    codepage: int | None
    author: bytes | str | None
    title: bytes | str | None
    create_time: datetime | None
    last_saved_time: datetime | None


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


def _ole_parts(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """Properties from SummaryInformation, and embedded objects as children."""
    with olefile.OleFileIO(str(path)) as ole:
        # olefile sets the properties by name, so its stubs do not declare them
        meta = cast(_SummaryInformation, ole.get_metadata())
        for storage in ole.listdir(streams=False, storages=True):
            if _embedded(storage):
                _add_object(ole, storage, ctx)
    author, title = (_ole_text(value, meta.codepage) for value in (meta.author, meta.title))
    core(extraction, author, title, meta.create_time, meta.last_saved_time)


def _embedded(storage: list[str]) -> bool:
    """Whether a storage holds one embedded object (Word: ObjectPool/_N, Excel: MBDxxxxxxxx)."""
    if len(storage) == 2:
        return storage[0] == "ObjectPool"
    return len(storage) == 1 and storage[0].startswith("MBD")


def _add_object(ole: olefile.OleFileIO[str], storage: list[str], ctx: ExtractContext) -> None:
    """The file an embedded object wraps as a child; an object without one is recorded."""
    name = "/".join(storage)
    payload = ole_payload(ole, storage, name)
    if payload:
        ctx.add_child(*payload)
    else:  # a whole OLE document (Word in Excel): olefile cannot write it out on its own
        ctx.skip_member(name, "embedded OLE object with no file stream")


def _ole_text(value: Any, codepage: int | None) -> Any:
    """Decode an OLE property string by the stream's code page."""
    if not isinstance(value, bytes):
        return value
    codec = "utf-8" if codepage in _UTF8_CODEPAGES else f"cp{codepage or 1252}"
    try:
        return value.decode(codec, errors="replace")
    except LookupError:
        return value.decode("cp1252", errors="replace")


def doc_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """Word 97-2003 text via antiword; catdoc for the small files antiword refuses."""
    text = _run(["antiword", "-w", "0", "-m", "UTF-8.txt"], path, ctx)
    if text is None:
        text = _run(["catdoc", "-d", "utf-8", "-w"], path, ctx)
        extraction.extractor = labelled("office", "catdoc")
    if text is None:
        raise CorruptFile("neither antiword nor catdoc can read this Word file")
    extraction.add_page(clean(text))
    _ole_parts(path, extraction, ctx)


def xls_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per Excel 97-2003 sheet: cells, then 'cell: note' for each cell note."""
    book = xlrd.open_workbook(str(path))
    try:
        for sheet in book.sheets():
            rows = (
                [_xls_value(cell, book.datemode) for cell in sheet.row(index)]
                for index in range(sheet.nrows)
            )
            notes = [
                f"{xlrd.cellname(*place)}: {note.text}"
                for place, note in sorted(sheet.cell_note_map.items())
            ]
            extraction.add_page(clean("\n".join([grid(rows), *notes])))
        extraction.metadata["sheets"] = book.sheet_names()
    finally:
        book.release_resources()
    _ole_parts(path, extraction, ctx)


def _xls_value(cell: xlrd.sheet.Cell, datemode: Literal[0, 1]) -> Any:
    """A cell's value with dates, booleans and errors made readable."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            # xlrd types a value as str | float: a date cell holds a float, an error cell an int
            return xlrd.xldate.xldate_as_datetime(cast(float, cell.value), datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cast(int, cell.value), "#ERROR")
    return cell.value


def ppt_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
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
    _ole_parts(path, extraction, ctx)


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
