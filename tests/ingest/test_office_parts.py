"""Text outside the body of office files (notes, comments, boxes, margins, charts), embedded
objects as children, and OpenDocument packages that are encrypted or miss a part."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest
from odf.dc import Creator
from odf.draw import Frame, TextBox
from odf.office import Annotation
from odf.opendocument import OpenDocumentText
from odf.style import Footer, Header, MasterPage, PageLayout
from odf.table import Table, TableCell, TableRow
from odf.text import Note, NoteBody, NoteCitation, P, Span
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from casegraph.errors import EncryptedFile

from .conftest import Run, child_bytes

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = (
    f'xmlns:w="{_W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
# a content control, then a text box drawn twice (DrawingML, and VML for older readers)
_BODY_EXTRAS = f"""<w:body {_NAMESPACES}>
<w:sdt><w:sdtPr><w:alias w:val="Case"/></w:sdtPr><w:sdtContent>
  <w:p><w:r><w:t>Case number 42</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
    <w:p><w:r><w:t>Boxed aside</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>
  </mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>Boxed aside</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> text</w:t></w:r></w:p>
"""
_FOOTNOTES = f"""<w:footnotes xmlns:w="{_W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Source: the ledger.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
_FOOTNOTES_OVERRIDE = (
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footnotes+xml"/></Types>'
)
_FOOTNOTES_REL = (
    '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/footnotes"/></Relationships>'
)


def _rewrite(path: Path, changes: dict[str, tuple[str, str]], added: dict[str, str]) -> None:
    """Replace one string in some members of a zip, and add members."""
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    for name, (old, new) in changes.items():
        members[name] = members[name].decode().replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in {**members, **{k: v.encode() for k, v in added.items()}}.items():
            package.writestr(name, data)


def _rich_docx(path: Path, embedded: bytes) -> Path:
    """A DOCX with a header, footer, comment, nested table, footnote, content control, text box
    and an embedded workbook."""
    document = docx.Document()
    paragraph = document.add_paragraph("Body paragraph.")
    document.add_comment(paragraph.runs, text="Check this figure", author="Ann")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "outer"
    outer.cell(0, 1).paragraphs[0].text = "see:"
    outer.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "inner"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Top of every page"
    section.footer.paragraphs[0].text = "Page footer"
    document.save(str(path))
    _rewrite(
        path,
        {
            "word/document.xml": ("<w:body>", _BODY_EXTRAS),
            "word/_rels/document.xml.rels": ("</Relationships>", _FOOTNOTES_REL),
            "[Content_Types].xml": ("</Types>", _FOOTNOTES_OVERRIDE),
        },
        {"word/footnotes.xml": _FOOTNOTES},
    )
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/embeddings/Microsoft_Excel_Sheet1.xlsx", embedded)
    return path


def test_docx_every_story_in_order(tmp_path: Path, run: Run):
    extraction, ctx = run(_rich_docx(tmp_path / "rich.docx", b"PK workbook bytes"))
    assert extraction.pages[0].text.split("\n") == [
        "Case number 42",
        "Anchor text",
        "Boxed aside",
        "Body paragraph.",
        "outer\tsee:",  # a cell's paragraphs and nested tables on their own lines
        "inner",
        "",  # Word keeps a paragraph after a table at the end of a cell
        "Top of every page",
        "Page footer",
        "Source: the ledger.",
        "Check this figure",
    ]
    embedded = "word/embeddings/Microsoft_Excel_Sheet1.xlsx"
    assert child_bytes(ctx, embedded) == b"PK workbook bytes"


def _fuel_xlsx(path: Path) -> Path:
    """A workbook with a commented cell and a titled chart."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = 300
    sheet["A1"].comment = Comment("Fuel, per the driver", "Ann")
    chart = BarChart()
    chart.title = "Fuel by month"
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=1))
    sheet.add_chart(chart, "C3")
    book.save(path)
    return path


def test_xlsx_comments_and_chart_titles_follow_the_cells(tmp_path: Path, run: Run):
    extraction, _ = run(_fuel_xlsx(tmp_path / "fuel.xlsx"))
    assert extraction.pages[0].text == "300\nA1: Fuel, per the driver\nFuel by month"


def test_xlsx_missing_a_linked_part_keeps_the_rest(tmp_path: Path, run: Run):
    whole = _fuel_xlsx(tmp_path / "whole.xlsx")
    source = tmp_path / "gap.xlsx"
    with zipfile.ZipFile(whole) as package, zipfile.ZipFile(source, "w") as copy:
        for name in package.namelist():
            if not name.startswith("xl/comments/"):
                copy.writestr(name, package.read(name))
    extraction, _ = run(source)
    assert extraction.pages[0].text == "300\nFuel by month"


def test_pptx_groups_and_chart_titles(tmp_path: Path, run: Run):
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_group_shape()
    inner.shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame.text = "Deep in a group"
    data = CategoryChartData()
    data.categories = ["Jan"]
    data.add_series("Fuel", (300,))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = "Fuel in January"
    source = tmp_path / "deck.pptx"
    deck.save(source)
    extraction, _ = run(source)
    assert extraction.pages[0].text == "Deep in a group\nFuel in January\nFuel\nJan"


def _rich_odt(path: Path) -> Path:
    """An ODT with a footnote, a comment, a text frame, a table and a header and footer."""
    document = OpenDocumentText()
    layout = PageLayout(name="layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header, footer = Header(), Footer()
    header.addElement(P(text="Letterhead"))
    footer.addElement(P(text="Confidential"))
    master.addElement(header)
    master.addElement(footer)
    document.masterstyles.addElement(master)
    paragraph = P(text="The convoy left")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="At dawn, per the log."))
    note.addElement(body)
    paragraph.addElement(note)
    comment = Annotation()
    comment.addElement(Creator(text="Ann"))
    comment.addElement(P(text="Which convoy?"))
    paragraph.addElement(comment)
    paragraph.addElement(Span(text=" on time."))
    frame = Frame(width="4cm", height="1cm", anchortype="paragraph")
    box = TextBox()
    box.addElement(P(text="Framed remark"))
    frame.addElement(box)
    paragraph.addElement(frame)
    document.text.addElement(paragraph)
    table = Table(name="T")
    row = TableRow()
    for text in ("fuel", "300"):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.save(str(path))
    return path


def test_odt_notes_comments_frames_tables_and_margins(tmp_path: Path, run: Run):
    extraction, _ = run(_rich_odt(tmp_path / "rich.odt"))
    assert extraction.pages[0].text.split("\n") == [
        "The convoy left on time.",
        "At dawn, per the log.",
        "Which convoy?",
        "Framed remark",
        "fuel\t300",
        "Letterhead",
        "Confidential",
    ]


def _with_manifest(path: Path, manifest: bytes) -> Path:
    """The same package with another META-INF/manifest.xml."""
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["META-INF/manifest.xml"] = manifest
    with zipfile.ZipFile(path, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


_MANIFEST = (
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{}'
    "</manifest:file-entry>{}</manifest:manifest>"
)


def test_odt_listing_a_missing_part_is_still_read(tmp_path: Path, run: Run):
    missing = '<manifest:file-entry manifest:full-path="Pictures/gone.png" manifest:media-type=""/>'
    source = _with_manifest(_rich_odt(tmp_path / "gap.odt"), _MANIFEST.format("", missing).encode())
    extraction, _ = run(source)
    assert extraction.pages[0].text.startswith("The convoy left on time.")


def test_odt_with_encryption_data_is_encrypted(tmp_path: Path, run: Run):
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB"/></manifest:encryption-data>'
    )
    source = _with_manifest(
        _rich_odt(tmp_path / "locked.odt"), _MANIFEST.format(encryption, "").encode()
    )
    with pytest.raises(EncryptedFile):
        run(source)


def _ole_with_stream(name: str, data: bytes) -> bytes:
    """A minimal compound file (version 3) whose root holds one stream of at least 4096 bytes,
    so that it lives in regular sectors: header, a FAT sector, a directory sector, the data."""
    data = data.ljust(4096, b"\0")
    sectors = -(-len(data) // 512)
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"), b"", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0,
        4096, end, 0, end, 0,
    )  # fmt: skip
    header += struct.pack("<109I", 0, *[free] * 108)
    chain = [*range(3, 2 + sectors), end]
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *chain, *[free] * (126 - sectors))
    directory = _entry("Root Entry", 5, child=1, start=end, size=0)
    directory += _entry(name, 2, child=free, start=2, size=len(data))
    directory += b"\0" * (512 - len(directory))
    return header + fat + directory + data.ljust(sectors * 512, b"\0")


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    """One 128-byte directory entry, black, without siblings."""
    encoded = name.encode("utf-16-le") + b"\0\0"
    free = 0xFFFFFFFF
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, free, free, child, b"", 0, 0, 0,
        start, size,
    )  # fmt: skip


def _packaged(label: str, content: bytes) -> bytes:
    """An OLE Packager stream (\\x01Ole10Native) wrapping one file."""
    names = f"{label}\0C:\\{label}\0".encode()
    temp = b"C:\\Temp\\" + label.encode() + b"\0"
    body = b"\2\0" + names + b"\0\0\3\0" + struct.pack("<I", len(temp)) + temp
    body += struct.pack("<I", len(content)) + content
    return struct.pack("<I", len(body)) + body


def test_ole_object_in_ooxml_gives_the_file_it_wraps(tmp_path: Path, run: Run):
    source = tmp_path / "carrier.docx"
    docx.Document().save(str(source))
    ole = _ole_with_stream("\x01Ole10Native", _packaged("orders.txt", b"Move at dawn."))
    with zipfile.ZipFile(source, "a") as package:
        package.writestr("word/embeddings/oleObject1.bin", ole)
    _, ctx = run(source)
    assert [child.name for child in ctx.children] == ["orders.txt"]
    assert child_bytes(ctx, "orders.txt") == b"Move at dawn."


def _ole1(class_name: bytes, native: bytes) -> bytes:
    """An OLE 1.0 embedded object: version, format 2 (embedded), class, topic, item, data."""
    strings = b"".join(
        struct.pack("<I", len(text) + 1) + text + b"\0" for text in (class_name, b"", b"")
    )
    return struct.pack("<II", 0x0501, 2) + strings + struct.pack("<I", len(native)) + native


def test_rtf_embedded_objects_become_children(tmp_path: Path, run: Run):
    package = _ole1(b"Package", _packaged("orders.txt", b"Move at dawn."))
    linked = struct.pack("<II", 0x0501, 1)
    hexdata = package.hex().encode()
    body = (
        rb"{\rtf1\ansi Before {\object\objemb{\*\objclass Package}{\*\objdata "
        + hexdata[:40] + b"\r\n" + hexdata[40:]
        + rb"}{\result shown}}{\object{\*\objdata " + linked.hex().encode() + rb"}} after}"
    )  # fmt: skip
    source = tmp_path / "letter.rtf"
    source.write_bytes(body)
    extraction, ctx = run(source)
    assert extraction.pages[0].text == "Before shown after"
    assert child_bytes(ctx, "orders.txt") == b"Move at dawn."
    assert ctx.skipped == [
        {"name": "object-2", "why": "OLE 1.0 object that is linked or unreadable"}
    ]
