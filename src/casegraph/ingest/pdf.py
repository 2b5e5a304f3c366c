"""PDF: reads a PDF with pypdfium2 and writes one page of text per PDF page.

Each page holds its text layer, then the contents of its annotations (notes, free text, popups)
and the names and values of its form fields, one per line. Metadata gets the Info dictionary and
`encrypted` when a security handler is present that needs no user password; attachments become
child documents. ``text_layer_words`` reads, for the workbench, where each word of a page's
text layer stands on the page.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, EncryptedFile
from ..records import Extraction
from .context import ExtractContext
from .text import clean, iso_date, labelled, put

MIMES = frozenset({"application/pdf"})

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_FIELDS = {
    "Author": "author",
    "Title": "title",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
}
_DATES = {"CreationDate": "created", "ModDate": "modified"}
_TICKED = {pdfium_c.FPDF_FORMFIELD_CHECKBOX, pdfium_c.FPDF_FORMFIELD_RADIOBUTTON}


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """One page per PDF page (empty pages flagged for OCR), metadata and attachments."""
    extraction = Extraction(mime=mime, extractor=labelled("pdf", "pypdfium2"))
    document = _open(path)
    try:
        document.init_forms()
        for index in range(len(document)):
            text = _page_text(document, index)
            blank = not text.strip()
            extraction.add_page("" if blank else text, needs_ocr=blank)
        _metadata(extraction, document.get_metadata_dict(skip_empty=True))
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document) != -1:
            extraction.metadata["encrypted"] = True  # only an owner password: readable
        extraction.metadata["page_count"] = len(document)
        for index in range(document.count_attachments()):
            attachment = document.get_attachment(index)
            name = attachment.get_name() or f"attachment-{index + 1}"
            ctx.add_child(name, bytes(attachment.get_data()))
    finally:
        document.close()
    return extraction


def _open(path: Path) -> pdfium.PdfDocument:
    """Open the PDF, telling a password prompt apart from damage."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR:
            raise EncryptedFile("PDF needs a password") from None
        raise CorruptFile(f"PDF cannot be opened: {error}") from None


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    """The text layer of one page, then its annotations' and form fields' text, normalised."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        notes = dict.fromkeys(_annotation_texts(document, page))  # a popup repeats its parent
        return clean("\n".join(part for part in (text, *notes) if part))
    finally:
        textpage.close()
        page.close()


def text_layer_words(path: Path, number: int, text: str) -> dict[str, Any] | None:
    """Where each word of a page's text layer stands on the page: [start, end, x0, y0, x1,
    y1] per word, its characters' offsets into the page text as stored and its box in points
    from the page's top left corner, with the page's width and height in points. None where
    the stored text does not begin with this text layer (a transcription replaced it)."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        textpage = page.get_textpage()
        try:
            layer = textpage.get_text_range()
            if not layer.strip() or not text.startswith(clean(layer)):
                return None
            height = page.get_height()
            boxes = [
                [start, end, left, height - top, right, height - bottom]
                for start, end, (left, bottom, right, top) in _word_boxes(textpage, layer)
            ]
            return {"boxes": boxes, "width": page.get_width(), "height": height}
        finally:
            textpage.close()
            page.close()
    finally:
        document.close()


def _word_boxes(
    textpage: pdfium.PdfTextPage, layer: str
) -> Iterator[tuple[int, int, tuple[float, float, float, float]]]:
    """Each word of the text layer: its offsets once cleaned (clean() drops the \r of \r\n
    and NULs) and the box around its characters (left, bottom, right, top)."""
    cleaned, units = [], []
    at = unit = 0
    for index, character in enumerate(layer):
        cleaned.append(at)
        units.append(unit)
        unit += 2 if ord(character) > 0xFFFF else 1  # pdfium counts UTF-16 units
        if character != "\x00" and not (character == "\r" and layer[index + 1 : index + 2] == "\n"):
            at += 1
    cleaned.append(at)
    for word in re.finditer(r"\S+", layer):
        chars = (
            pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, units[i])
            for i in range(word.start(), word.end())
        )
        found = [textpage.get_charbox(char) for char in chars if char >= 0]
        if found:
            box = (
                min(b[0] for b in found),
                min(b[1] for b in found),
                max(b[2] for b in found),
                max(b[3] for b in found),
            )
            yield cleaned[word.start()], cleaned[word.end()], box


def _annotation_texts(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> Iterator[str]:
    """'name: value' of each filled form field, and the contents of every other annotation."""
    form = document.formenv.raw if document.formenv else None
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annotation = pdfium_c.FPDFPage_GetAnnot(page, index)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annotation) != pdfium_c.FPDF_ANNOT_WIDGET:
                text = _utf16(pdfium_c.FPDFAnnot_GetStringValue, annotation, b"Contents")
            elif form is not None:
                text = _field(form, annotation)
            else:
                text = ""
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annotation)
        if text.strip():
            yield text


def _field(form: Any, annotation: Any) -> str:
    """A form field as 'name: value'; empty when it has no value, or is a box left unticked."""
    kind = pdfium_c.FPDFAnnot_GetFormFieldType(form, annotation)
    if kind == pdfium_c.FPDF_FORMFIELD_PUSHBUTTON:
        return ""
    if kind in _TICKED and not pdfium_c.FPDFAnnot_IsChecked(form, annotation):
        return ""
    value = _utf16(pdfium_c.FPDFAnnot_GetFormFieldValue, form, annotation)
    if not value.strip():
        return ""
    return f"{_utf16(pdfium_c.FPDFAnnot_GetFormFieldName, form, annotation)}: {value}"


def _utf16(function: Callable[..., int], *arguments: Any) -> str:
    """A string from a pdfium getter that fills a UTF-16LE buffer and returns its byte length."""
    size = function(*arguments, None, 0)
    if size <= 2:  # nothing but the terminating NUL
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(*arguments, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _metadata(extraction: Extraction, info: dict[str, str]) -> None:
    """Normalised keys from the PDF Info dictionary; PDF dates become ISO 8601."""
    put(extraction.metadata, **{key: info.get(field) for field, key in _FIELDS.items()})
    dates = {key: _pdf_date(info.get(field, "")) for field, key in _DATES.items()}
    put(extraction.metadata, **dates)
    extraction.title = extraction.metadata.get("title")


def _pdf_date(value: str) -> str | None:
    """ISO 8601 from a PDF date such as D:20240131120000+01'00'."""
    return iso_date(value.removeprefix("D:").replace("'", ""))
