"""PDF: text per page, document metadata and embedded files, with pypdfium2."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

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


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """One page per PDF page (empty pages flagged for OCR), metadata and attachments."""
    extraction = Extraction(mime=mime, extractor=labelled("pdf", "pypdfium2"))
    document = _open(path)
    try:
        for index in range(len(document)):
            text = _page_text(document, index)
            blank = not text.strip()
            extraction.add_page("" if blank else text, needs_ocr=blank)
        _metadata(extraction, document.get_metadata_dict(skip_empty=True))
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
    """The text layer of one page, line endings normalised."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        return clean(textpage.get_text_range())
    finally:
        textpage.close()
        page.close()


def _metadata(extraction: Extraction, info: dict[str, str]) -> None:
    """Normalised keys from the PDF Info dictionary; PDF dates become ISO 8601."""
    put(extraction.metadata, **{key: info.get(field) for field, key in _FIELDS.items()})
    dates = {key: _pdf_date(info.get(field, "")) for field, key in _DATES.items()}
    put(extraction.metadata, **dates)
    extraction.title = extraction.metadata.get("title")


def _pdf_date(value: str) -> str | None:
    """ISO 8601 from a PDF date such as D:20240131120000+01'00'."""
    return iso_date(value.removeprefix("D:").replace("'", ""))
