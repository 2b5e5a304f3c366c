"""Office Open XML: reads .docx, .xlsx and .pptx packages and writes their text as pages.

DOCX is one page: body (paragraphs, tables, content controls, text boxes in order), then
headers, footers, footnotes, endnotes and comments. XLSX has a page per worksheet: cells, then
cell comments, drawing text and charts. PPTX has a page per slide: shapes (groups, tables,
charts), then notes. Pictures and embedded objects become children (in office.py).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..records import Extraction
from .context import ExtractContext
from .package import XML_PARSER, core, grid, xml
from .text import clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_P, _TBL, _TR, _TC, _T, _TXBX = (_W + tag for tag in ("p", "tbl", "tr", "tc", "t", "txbxContent"))
_BREAKS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# alternatives repeat their choice (a text box drawn both as DrawingML and as VML)
_NOT_SHOWN = {_MC + "Fallback", _W + "sectPr", _W + "sdtPr", _W + "pPr", _W + "rPr"}
# the parts besides the body a reader sees, in the order they are read
_STORIES = re.compile(r"/word/(header|footer|footnotes|endnotes|comments)\d*\.xml")
_STORY_ORDER = ("header", "footer", "footnotes", "endnotes", "comments")


def docx_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """The body, then every other story of the document, as one page; core properties."""
    import docx  # the office libraries are imported when their first file comes

    document = docx.Document(str(path))
    parts = [part for part in document.part.package.iter_parts() if _story_kind(part)]
    parts.sort(key=lambda part: (_STORY_ORDER.index(_story_kind(part)), part.partname))
    stories = [_story(etree.fromstring(part.blob, XML_PARSER)) for part in parts]
    texts = [_story(document.element.body), *(story.strip("\n") for story in stories)]
    extraction.add_page(clean("\n".join(text for text in texts if text)))
    props = document.core_properties
    core(extraction, props.author, props.title, props.created, props.modified)


def _story_kind(part: Any) -> str:
    """'header', 'footer', 'footnotes', 'endnotes' or 'comments'; '' for other parts."""
    match = _STORIES.fullmatch(str(part.partname))
    return match.group(1) if match else ""


def _story(element: etree._Element) -> str:
    """The text of a story (body, header, note, cell, text box): one line per paragraph."""
    return "\n".join(_blocks(element))


def _blocks(element: etree._Element) -> Iterator[str]:
    """Paragraphs and tables in document order, through content controls and other wrappers."""
    for child in element:
        if child.tag == _P:
            yield from _paragraph(child)
        elif child.tag == _TBL:
            yield _table(child)
        elif child.tag not in _NOT_SHOWN:
            yield from _blocks(child)


def _paragraph(paragraph: etree._Element) -> Iterator[str]:
    """A paragraph's line, then the text of the text boxes anchored in it."""
    pieces: list[str] = []
    boxes: list[str] = []
    _inline(paragraph, pieces, boxes)
    yield "".join(pieces)
    yield from boxes


def _inline(element: etree._Element, pieces: list[str], boxes: list[str]) -> None:
    """Collect the visible characters under a paragraph, and its text boxes apart."""
    for child in element:
        if child.tag == _T:
            pieces.append(child.text or "")
        elif child.tag in _BREAKS:
            pieces.append(_BREAKS[child.tag])
        elif child.tag == _TXBX:
            boxes.append(_story(child))
        elif child.tag not in _NOT_SHOWN:
            _inline(child, pieces, boxes)


def _table(table: etree._Element) -> str:
    """Rows of tab-separated cells; a cell's paragraphs and nested tables on their own lines."""
    rows = table.iterchildren(_TR)
    return "\n".join("\t".join(_story(cell) for cell in row.iterchildren(_TC)) for row in rows)


def xlsx_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per worksheet: cell values as last computed, then comments and drawings."""
    import openpyxl

    # a file object, because openpyxl refuses paths without an .xlsx extension
    with open(path, "rb") as handle, zipfile.ZipFile(path) as package:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                # openpyxl keeps no public name for a read-only sheet's part (nor stubs for it)
                extras = _sheet_extras(package, sheet._worksheet_path)  # type: ignore[attr-defined]
                cells = grid(sheet.iter_rows(values_only=True))
                extraction.add_page(clean("\n".join([cells, *extras])))
            extraction.metadata["sheets"] = [sheet.title for sheet in book.worksheets]
            props = book.properties
            core(extraction, props.creator, props.title, props.created, props.modified)
        finally:
            book.close()


def _sheet_extras(package: zipfile.ZipFile, sheet: str) -> Iterator[str]:
    """'cell: comment' for each comment of a sheet, then text of its shapes and charts."""
    for comments in _related(package, sheet, "/comments"):
        for comment in xml(package, comments).iter(_S + "comment"):
            yield f"{comment.get('ref')}: {''.join(comment.itertext())}"
    for drawing in _related(package, sheet, "/drawing"):
        yield from _paragraphs(xml(package, drawing).iter(_A + "txBody"))
        for chart in _related(package, drawing, "/chart"):
            yield from _chart_lines(xml(package, chart))


def _chart_lines(chart: etree._Element) -> Iterator[str]:
    """What a reader sees of a chart: its titles, series names and category labels."""
    yield from _paragraphs(chart.iter(_C + "title"))
    for series in chart.iter(_C + "ser"):
        yield from (value.text for value in series.iterfind(f"{_C}tx//{_C}v") if value.text)
    # every series repeats the categories: the first one's are the axis labels
    categories = next(chart.iter(_C + "cat"), None)
    if categories is not None:
        yield from (value.text for value in categories.iter(_C + "v") if value.text)


def _paragraphs(containers: Iterable[etree._Element]) -> Iterator[str]:
    """The DrawingML paragraphs (a:p) under each container, one line each."""
    for container in containers:
        for paragraph in container.iter(_A + "p"):
            if text := "".join(node.text or "" for node in paragraph.iter(_A + "t")):
                yield text


def _related(package: zipfile.ZipFile, part: str, kind: str) -> list[str]:
    """Names of the parts a part links to by relationships of this kind (type's last segment)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    names = set(package.namelist())
    if rels not in names:
        return []
    targets = (
        posixpath.normpath(posixpath.join(folder, link.get("Target", ""))).lstrip("/")
        for link in xml(package, rels).iter(_RELS)
        if link.get("Type", "").endswith(kind) and link.get("TargetMode") != "External"
    )
    return [target for target in targets if target in names]  # a missing part is passed over


def pptx_pages(path: Path, extraction: Extraction, ctx: ExtractContext) -> None:
    """One page per slide: text frames, tables, chart titles and speaker notes."""
    import pptx

    deck = pptx.Presentation(str(path))
    for slide in deck.slides:
        texts = [text for text in _slide_texts(slide) if text]
        extraction.add_page(clean("\n".join(texts).replace("\v", "\n")))
    extraction.metadata["page_count"] = len(deck.slides)
    props = deck.core_properties
    core(extraction, props.author, props.title, props.created, props.modified)


def _slide_texts(slide: Any) -> Iterator[str]:
    """Text of a slide's shapes, then of its notes."""
    yield from _shape_texts(slide.shapes)
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        yield slide.notes_slide.notes_text_frame.text


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    """Text of each shape, descending into groups."""
    from pptx.shapes.group import GroupShape

    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text
        elif shape.has_table:
            rows = shape.table.rows
            yield "\n".join("\t".join(cell.text for cell in row.cells) for row in rows)
        elif shape.has_chart:
            yield "\n".join(_chart_lines(etree.fromstring(shape.chart_part.blob, XML_PARSER)))
