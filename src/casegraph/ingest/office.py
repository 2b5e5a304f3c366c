"""Office documents: picks the reader for OOXML, OpenDocument, RTF and legacy Office files.

Reads the file's type as detected, refuses password-protected files (EncryptedFile) and damaged
ones (CorruptFile), and writes pictures and embedded objects of zipped packages as children.
The readers themselves live in ooxml.py, odf.py, rtf.py and legacy.py.
"""

from __future__ import annotations

import functools
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax import SAXException

from defusedxml import DefusedXmlException
from lxml import etree
from xlrd.biffh import XLRDError

from ..errors import CorruptFile, EncryptedFile
from ..records import Extraction
from .context import ExtractContext
from .detect import DOC, DOCX, ENCRYPTED_OLE, ODP, ODS, ODT, PPT, PPTX, XLS, XLSX
from .legacy import doc_pages, ppt_pages, xls_pages
from .odf import odf_pages
from .ooxml import docx_pages, pptx_pages, xlsx_pages
from .package import add_ole1_object, add_packed
from .protection import refuse_encrypted
from .rtf import read_rtf
from .text import clean, labelled

Handler = Callable[[Path, Extraction, ExtractContext], None]

_MICROSOFT = {DOCX, XLSX, PPTX, DOC, XLS, PPT, ENCRYPTED_OLE}
# where each zipped office format keeps its pictures and embedded objects
_PACKED = {
    DOCX: ("word/media/", "word/embeddings/"),
    XLSX: ("xl/media/", "xl/embeddings/"),
    PPTX: ("ppt/media/", "ppt/embeddings/"),
    ODT: ("Pictures/",),
    ODS: ("Pictures/",),
    ODP: ("Pictures/",),
}
_DAMAGE = (
    zipfile.BadZipFile,
    KeyError,
    EOFError,
    struct.error,
    etree.XMLSyntaxError,
    SAXException,
    DefusedXmlException,  # entities or DTDs in a package's XML
    XLRDError,
)


@functools.cache
def _damage() -> tuple[type[Exception], ...]:
    """What a damaged file raises, the office libraries' own errors included: those
    libraries are imported when their first file comes, not with this module."""
    from docx.opc.exceptions import PackageNotFoundError as DocxPackageMissing
    from openpyxl.utils.exceptions import InvalidFileException
    from pptx.exc import PackageNotFoundError as PptxPackageMissing

    return (*_DAMAGE, DocxPackageMissing, PptxPackageMissing, InvalidFileException)


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """Pages, core properties and sheet names of one office document."""
    handler, library = _HANDLERS[mime]
    if mime in _MICROSOFT:
        refuse_encrypted(path)
    extraction = Extraction(mime=mime, extractor=labelled("office", library))
    try:
        handler(path, extraction, ctx)
        if mime in _PACKED:
            with zipfile.ZipFile(path) as package:
                add_packed(package, ctx, _PACKED[mime])
    except _damage() as error:
        raise CorruptFile(f"{mime} is damaged: {type(error).__name__}: {error}") from None
    return extraction


def _rtf(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """The visible text of an RTF document, by casegraph's own reader; objects as children."""
    text, objects = read_rtf(path.read_bytes())
    extraction.add_page(clean(text))
    for number, data in enumerate(objects, 1):
        add_ole1_object(ctx, f"object-{number}", data)


def _encrypted_package(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """An OLE file that only wraps an EncryptedPackage stream is an encrypted OOXML file."""
    raise EncryptedFile("Office document is encrypted (EncryptedPackage)")


_HANDLERS: dict[str, tuple[Handler, str]] = {
    DOCX: (docx_pages, "python-docx"),
    XLSX: (xlsx_pages, "openpyxl"),
    PPTX: (pptx_pages, "python-pptx"),
    ODT: (odf_pages, "odfpy"),
    ODS: (odf_pages, "odfpy"),
    ODP: (odf_pages, "odfpy"),
    "text/rtf": (_rtf, "casegraph"),
    DOC: (doc_pages, "antiword"),
    XLS: (xls_pages, "xlrd"),
    PPT: (ppt_pages, "catppt"),
    ENCRYPTED_OLE: (_encrypted_package, "msoffcrypto-tool"),
}
MIMES = frozenset(_HANDLERS)
