"""OpenDocument: reads .odt, .ods and .odp packages with odfpy and writes their text as pages.

A text document is one page: body paragraphs and tables (footnotes, endnotes, comments and
frames each after the paragraph holding them), then the headers and footers of its master
pages. A spreadsheet has a page per table, a presentation a page per slide with its notes.
A package whose manifest declares encryption is refused; parts the manifest lists but the zip
lacks are passed over, so a document with its content.xml is read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from lxml.builder import ElementMaker
from odf import opendocument, teletype
from odf.draw import Page
from odf.element import Node
from odf.namespaces import DRAWNS, OFFICENS, TABLENS, TEXTNS
from odf.style import MasterPage
from odf.table import Table, TableRow

from ..errors import CorruptFile, EncryptedFile
from ..records import Extraction
from .context import ExtractContext
from .detect import ODP, ODS, ODT
from .package import core, grid, xml
from .text import clean

_MANIFEST = "META-INF/manifest.xml"
_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_PARTS = ("content.xml", "styles.xml", "meta.xml")
_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
_CELLS = {(TABLENS, "table-cell"), (TABLENS, "covered-table-cell")}
_TABLE = (TABLENS, "table")
# inside a paragraph, but read as paragraphs of their own after it
_ASIDES = {(TEXTNS, "note"), (OFFICENS, "annotation"), (DRAWNS, "frame")}
_WHITESPACE = {(TEXTNS, "tab"): "\t", (TEXTNS, "line-break"): "\n"}
_SPACES = (TEXTNS, "s")
_MAX_REPEAT = 1000  # ODF may repeat an empty cell or row a million times


def odf_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """An OpenDocument file: pages by kind, then its meta.xml properties."""
    document = opendocument.load(_readable(path, extraction.mime, ctx))
    # office:body's first element (odfpy's document.text may be a whitespace node instead)
    content = next(node for node in document.body.childNodes if node.nodeType == Node.ELEMENT_NODE)
    _PAGES[extraction.mime](document, content, extraction)
    meta = {
        child.qname[1]: teletype.extractText(child)
        for child in document.meta.childNodes
        if child.nodeType == Node.ELEMENT_NODE
    }
    author = meta.get("initial-creator") or meta.get("creator")
    core(extraction, author, meta.get("title"), meta.get("creation-date"), meta.get("date"))


def _readable(path: Path, mime: str, ctx: ExtractContext) -> io.BytesIO:
    """A copy of the package holding only its XML parts and a manifest naming just those."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        if _MANIFEST in names and _encrypted(package):
            raise EncryptedFile("OpenDocument package is encrypted")
        if "content.xml" not in names:
            raise CorruptFile(f"{mime} has no content.xml")
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as slim:
            slim.writestr("mimetype", mime)
            present = [name for name in _PARTS if name in names]
            for name in present:
                info = package.getinfo(name)
                with package.open(info) as part:
                    slim.writestr(name, ctx.read_member(part, ctx.zip_expansion(package, info)))
            slim.writestr(_MANIFEST, _manifest(mime, present))
    copy.seek(0)
    return copy


def _encrypted(package: zipfile.ZipFile) -> bool:
    """Whether the manifest gives any entry encryption data."""
    return xml(package, _MANIFEST).find(f".//{{{_MANIFEST_NS}}}encryption-data") is not None


def _manifest(mime: str, parts: list[str]) -> bytes:
    """A manifest listing the package root and these parts."""
    maker = ElementMaker(namespace=_MANIFEST_NS, nsmap={"manifest": _MANIFEST_NS})
    path, kind = f"{{{_MANIFEST_NS}}}full-path", f"{{{_MANIFEST_NS}}}media-type"
    entries = [maker("file-entry", {path: "/", kind: mime})]
    entries += [maker("file-entry", {path: name, kind: "text/xml"}) for name in parts]
    return etree.tostring(maker("manifest", *entries), xml_declaration=True, encoding="UTF-8")


def _paragraphs(node: Any) -> Iterator[str]:
    """Lines of the paragraphs and tables under an ODF node, in document order."""
    for child in node.childNodes:
        if child.nodeType != Node.ELEMENT_NODE:
            continue
        if child.qname in _PARAGRAPHS:
            asides: list[Any] = []
            yield _inline(child, asides)
            for aside in asides:
                yield from _paragraphs(aside)
        elif child.qname == _TABLE:
            yield grid(_rows(child))
        else:
            yield from _paragraphs(child)


def _inline(node: Any, asides: list[Any]) -> str:
    """A paragraph's own text, with its notes, comments and frames set aside."""
    pieces = []
    for child in node.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            pieces.append(child.data)
        elif child.nodeType != Node.ELEMENT_NODE:
            continue
        elif child.qname in _ASIDES:
            asides.append(child)
        elif child.qname in _WHITESPACE:
            pieces.append(_WHITESPACE[child.qname])
        elif child.qname == _SPACES:
            pieces.append(" " * _repeat(child.getAttribute("c")))
        else:
            pieces.append(_inline(child, asides))
    return "".join(pieces)


def _odt_pages(document: Any, content: Any, extraction: Extraction) -> None:
    """A text document is one page: the body, then each distinct header and footer."""
    margins = dict.fromkeys(
        text
        for master in document.masterstyles.getElementsByType(MasterPage)
        if (text := "\n".join(_paragraphs(master)))
    )
    extraction.add_page(clean("\n".join([*_paragraphs(content), *margins])))


def _ods_pages(document: Any, content: Any, extraction: Extraction) -> None:
    """One page per table (sheet)."""
    tables = content.getElementsByType(Table)
    for table in tables:
        extraction.add_page(clean(grid(_rows(table))))
    extraction.metadata["sheets"] = [table.getAttribute("name") for table in tables]


def _rows(table: Any) -> Iterator[list[str]]:
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


def _odp_pages(document: Any, content: Any, extraction: Extraction) -> None:
    """One page per slide (draw:page), notes included."""
    slides = content.getElementsByType(Page)
    for slide in slides:
        extraction.add_page(clean("\n".join(_paragraphs(slide))))
    extraction.metadata["page_count"] = len(slides)


_PAGES: dict[str, Callable[[Any, Any, Extraction], None]] = {
    ODT: _odt_pages,
    ODS: _ods_pages,
    ODP: _odp_pages,
}
