"""Deterministic writers for every file format in the demo trove.

Each function returns bytes. Timestamps inside files (archive member times,
document properties, e-mail dates, gzip headers) come from the ``when``
arguments, never from the clock, and nothing random is used, so the same input
always gives the same bytes.
"""

from __future__ import annotations

import bz2
import csv
import email.policy
import email.utils
import functools
import gzip
import html
import io
import json
import lzma
import re
import tarfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from PIL import Image, ImageDraw, ImageFont

# A block of a document: a paragraph (str), or a tagged tuple:
# ("h", text) heading, ("table", rows) table, ("page",) page break (PDF only),
# ("image", png_bytes) full-width image (PDF only).
Block = str | tuple[Any, ...]


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- plain formats -----------------------------------------------------------


def text(lines: str | Sequence[str]) -> bytes:
    """UTF-8 text; a sequence is joined with newlines and ends with one."""
    body = lines if isinstance(lines, str) else "\n".join(lines)
    return (body.rstrip("\n") + "\n").encode("utf-8")


def csv_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def json_bytes(obj: object) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def xml_element(tag: str, content: object = None, **attrs: object) -> str:
    """One XML element as text; content is a string (escaped) or a list of elements."""
    attr = "".join(
        f' {k.rstrip("_")}="{xml_escape(str(v), {chr(34): "&quot;"})}"' for k, v in attrs.items()
    )
    if content is None:
        return f"<{tag}{attr}/>"
    if isinstance(content, list):
        inner = "".join(content)
        return f"<{tag}{attr}>{inner}</{tag}>"
    return f"<{tag}{attr}>{xml_escape(str(content))}</{tag}>"


def xml_bytes(root: str) -> bytes:
    """An XML document from a root element string, pretty-printed."""
    from xml.dom import minidom

    pretty = minidom.parseString(root.encode("utf-8")).toprettyxml(indent="  ", encoding="utf-8")
    return pretty


def html_page(
    title: str,
    body_html: str,
    *,
    lang: str = "en",
    meta: dict[str, str] | None = None,
) -> bytes:
    """A complete HTML page around already-built body markup."""
    direction = ' dir="rtl"' if lang == "ar" else ""
    metas = "".join(
        f'  <meta name="{html.escape(k)}" content="{html.escape(v)}">\n'
        for k, v in (meta or {}).items()
    )
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}"{direction}>\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        f"  <title>{html.escape(title, quote=False)}</title>\n"
        f"{metas}"
        "</head>\n"
        "<body>\n"
        f"{body_html}"
        "</body>\n"
        "</html>\n"
    )
    return page.encode("utf-8")


def esc(value: str) -> str:
    """Escape text for an HTML text node (quotation marks are left as they are)."""
    return html.escape(value, quote=False)


# -- zip-based office formats -------------------------------------------------

_CORE_DATE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_ODF_DATE = re.compile(r"(<(meta:creation-date|dc:date)>)[^<]*(</\2>)")


def normalize_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip with fixed member times and fixed dates in document properties.

    Used on the output of python-docx, python-pptx, openpyxl and odfpy, which
    stamp the current time into member headers and core properties. Member order
    and compression (ODF's stored ``mimetype`` first) are kept.
    """
    stamp = _iso(when)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATE.sub(rf"\g<1>{stamp}\g<3>", content.decode("utf-8")).encode()
            elif info.filename == "meta.xml":
                content = _ODF_DATE.sub(
                    rf"\g<1>{stamp[:-1]}\g<3>", content.decode("utf-8")
                ).encode()
            member = zipfile.ZipInfo(info.filename, date_time=_zip_time(when))
            member.compress_type = info.compress_type
            member.create_system = 0
            member.external_attr = 0
            dst.writestr(member, content)
    return out.getvalue()


def docx(blocks: Sequence[Block], *, title: str, author: str, when: datetime) -> bytes:
    """A Word document: paragraphs, headings and simple tables."""
    import docx as python_docx

    document = python_docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "h":
            document.add_heading(block[1], level=block[2] if len(block) > 2 else 1)
        elif block[0] == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = str(value)
        elif block[0] == "page":
            document.add_page_break()  # type: ignore[no-untyped-call]  # python-docx untyped
    return _saved_ooxml(document, title=title, author=author, when=when)


def _saved_ooxml(package: Any, *, title: str, author: str, when: datetime) -> bytes:
    """A python-docx or python-pptx package with fixed core properties, as stable bytes."""
    props = package.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    props.revision = 1
    props.comments = ""
    buf = io.BytesIO()
    package.save(buf)
    return normalize_zip(buf.getvalue(), when)


def xlsx(
    sheets: dict[str, Sequence[Sequence[object]]], *, title: str, author: str, when: datetime
) -> bytes:
    """An Excel workbook, one sheet per key; the first row of each sheet is bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook has one sheet
    workbook.remove(first)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.lastModifiedBy = author
    workbook.properties.created = when.replace(tzinfo=None)
    buf = io.BytesIO()
    workbook.save(buf)
    return normalize_zip(buf.getvalue(), when)


def pptx(slides: Mapping[str, Sequence[str]], *, title: str, author: str, when: datetime) -> bytes:
    """A PowerPoint deck: a title slide, then one title-and-bullets slide each."""
    from pptx import Presentation

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = title
    first.placeholders[1].text = author
    for heading, bullets in slides.items():
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        frame = slide.placeholders[1].text_frame
        for i, bullet in enumerate(bullets):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = bullet
    return _saved_ooxml(deck, title=title, author=author, when=when)


def _odf_namespaces(build: Callable[..., bytes]) -> Callable[..., bytes]:
    """Build each ODF document with odfpy's namespace table starting empty.

    odfpy keeps the namespaces it has seen in a class-level dict shared by all
    documents, so without this a file's bytes would depend on which documents
    were built before it in the same process.
    """

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> bytes:
        from odf.element import Element

        saved = dict(Element.namespaces)
        Element.namespaces.clear()
        try:
            return build(*args, **kwargs)
        finally:
            for namespace, prefix in saved.items():
                Element.namespaces.setdefault(namespace, prefix)

    return wrapper


def _odf_meta(document: Any, title: str, author: str, when: datetime) -> None:
    from odf import dc, meta

    stamp = _iso(when)[:-1]
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.InitialCreator(text=author))
    document.meta.addElement(dc.Creator(text=author))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))


def _odf_save(document: Any, when: datetime) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return normalize_zip(buf.getvalue(), when)


@_odf_namespaces
def odt(blocks: Sequence[Block], *, title: str, author: str, when: datetime) -> bytes:
    """An OpenDocument text: headings and paragraphs."""
    from odf import style, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    heading_style = style.Style(name="Heading 1", family="paragraph")
    heading_style.addElement(style.TextProperties(fontsize="16pt", fontweight="bold"))
    document.styles.addElement(heading_style)
    rtl = style.Style(name="RTL", family="paragraph")
    rtl.addElement(style.ParagraphProperties(writingmode="rl-tb", textalign="end"))
    document.automaticstyles.addElement(rtl)
    for block in blocks:
        if isinstance(block, str):
            arabic = any("\u0600" <= ch <= "\u06ff" for ch in block)
            paragraph = text.P(stylename=rtl) if arabic else text.P()
            paragraph.addText(block)
            document.text.addElement(paragraph)
        elif block[0] == "h":
            heading = text.H(outlinelevel=1, stylename=heading_style)
            heading.addText(block[1])
            document.text.addElement(heading)
    _odf_meta(document, title, author, when)
    return _odf_save(document, when)


@_odf_namespaces
def ods(
    sheets: dict[str, Sequence[Sequence[object]]], *, title: str, author: str, when: datetime
) -> bytes:
    """An OpenDocument spreadsheet; numbers become float cells."""
    from odf import table, text
    from odf.opendocument import OpenDocumentSpreadsheet

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        sheet = table.Table(name=name)
        for row in rows:
            table_row = table.TableRow()
            for value in row:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell = table.TableCell(valuetype="float", value=value)
                else:
                    cell = table.TableCell(valuetype="string")
                paragraph = text.P()
                paragraph.addText(str(value))
                cell.addElement(paragraph)
                table_row.addElement(cell)
            sheet.addElement(table_row)
        document.spreadsheet.addElement(sheet)
    _odf_meta(document, title, author, when)
    return _odf_save(document, when)


@_odf_namespaces
def odp(slides: Mapping[str, Sequence[str]], *, title: str, author: str, when: datetime) -> bytes:
    """An OpenDocument presentation: one page per slide, a title box and a text box."""
    from odf import draw, style, text
    from odf.opendocument import OpenDocumentPresentation

    document = OpenDocumentPresentation()
    layout = style.PageLayout(name="Screen")
    layout.addElement(
        style.PageLayoutProperties(
            margin="0cm", pagewidth="28cm", pageheight="21cm", printorientation="landscape"
        )
    )
    document.automaticstyles.addElement(layout)
    master = style.MasterPage(name="Default", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    title_style = style.Style(name="TitleText", family="presentation")
    title_style.addElement(style.TextProperties(fontsize="32pt", fontweight="bold"))
    document.automaticstyles.addElement(title_style)
    body_style = style.Style(name="BodyText", family="presentation")
    body_style.addElement(style.TextProperties(fontsize="20pt"))
    document.automaticstyles.addElement(body_style)

    pages = [(title, [author]), *slides.items()]
    for number, (heading, lines) in enumerate(pages, start=1):
        page = draw.Page(name=f"page{number}", masterpagename=master)
        document.presentation.addElement(page)
        head_frame = draw.Frame(stylename=title_style, width="24cm", height="3cm", x="2cm", y="1cm")
        head_box = draw.TextBox()
        head_paragraph = text.P()
        head_paragraph.addText(heading)
        head_box.addElement(head_paragraph)
        head_frame.addElement(head_box)
        page.addElement(head_frame)
        body_frame = draw.Frame(stylename=body_style, width="24cm", height="14cm", x="2cm", y="5cm")
        body_box = draw.TextBox()
        for line in lines:
            paragraph = text.P()
            paragraph.addText(line)
            body_box.addElement(paragraph)
        body_frame.addElement(body_box)
        page.addElement(body_frame)
    _odf_meta(document, title, author, when)
    return _odf_save(document, when)


# -- RTF and legacy binary formats ---------------------------------------------


def _rtf_escape(value: str) -> str:
    out = []
    for ch in value:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif code < 128:
            out.append(ch)
        else:
            signed = code - 65536 if code > 32767 else code
            out.append(f"\\u{signed}?")
    return "".join(out)


def rtf(blocks: Sequence[Block], *, title: str, author: str, when: datetime) -> bytes:
    """An RTF document written by hand; non-ASCII text uses \\uN escapes.

    Arabic paragraphs are marked right-to-left and use the Arabic charset font.
    """
    stamp = f"\\yr{when.year}\\mo{when.month}\\dy{when.day}\\hr{when.hour}\\min{when.minute}"
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0",
        "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fnil\\fcharset178 Arial;}}",
        f"{{\\info{{\\title {_rtf_escape(title)}}}{{\\author {_rtf_escape(author)}}}"
        f"{{\\creatim{stamp}}}{{\\revtim{stamp}}}}}",
        "\\viewkind4\\fs22",
    ]
    for block in blocks:
        if isinstance(block, str):
            arabic = any("\u0600" <= ch <= "\u06ff" for ch in block)
            if arabic:
                parts.append(f"\\pard\\rtlpar\\qr\\f1 {_rtf_escape(block)}\\par")
            else:
                parts.append(f"\\pard\\ltrpar\\f0 {_rtf_escape(block)}\\par")
        elif block[0] == "h":
            parts.append(f"\\pard\\ltrpar\\f0\\b\\fs28 {_rtf_escape(block[1])}\\b0\\fs22\\par")
    parts.append("}")
    return ("\r\n".join(parts) + "\r\n").encode("ascii")


def xls(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """A legacy Excel 97-2003 workbook (xlwt)."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    bold = xlwt.easyxf("font: bold on")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value, bold if r == 0 else xlwt.Style.default_style)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


# -- PDF ---------------------------------------------------------------------


@dataclass
class PdfAttachment:
    name: str
    data: bytes
    description: str = ""


def pdf(
    blocks: Sequence[Block],
    *,
    title: str,
    author: str,
    when: datetime,
    header: str = "",
    attachments: Sequence[PdfAttachment] = (),
    password: str | None = None,
) -> bytes:
    """A PDF with a text layer (Helvetica, so text must be Latin-1).

    ``("page",)`` starts a new page and ``("image", png)`` draws an image the
    width of the page with no text around it. With ``password`` the file is
    RC4-encrypted (deterministic, unlike AES whose IV is random) and needs that
    password to open.
    """
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("helvetica", "I", 8)
                self.cell(0, 6, header, align="R")
                self.ln(8)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "", 8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    document = _Pdf(format="A4")
    document.set_creation_date(when)
    document.set_title(title)
    document.set_author(author)
    document.set_creator(author)
    document.set_margins(20, 20, 20)
    document.set_auto_page_break(True, margin=20)
    document.add_page()
    document.set_font("helvetica", "", 11)
    for block in blocks:
        if isinstance(block, str):
            document.set_font("helvetica", "", 11)
            document.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT")
            document.ln(3)
        elif block[0] == "h":
            document.set_font("helvetica", "B", 14)
            document.multi_cell(0, 8, block[1], new_x="LMARGIN", new_y="NEXT")
            document.ln(2)
        elif block[0] == "page":
            document.add_page()
        elif block[0] == "image":
            document.image(io.BytesIO(block[1]), x=0, y=0, w=document.w, h=document.h)
        elif block[0] == "table":
            document.set_font("helvetica", "", 9)
            with document.table() as table:
                for row in block[1]:
                    cells = table.row()
                    for value in row:
                        cells.cell(str(value))
            document.ln(3)
    for attachment in attachments:
        document.embed_file(
            bytes=attachment.data,
            basename=attachment.name,
            desc=attachment.description,
            creation_date=when,
            modification_date=when,
        )
    if password:
        document.set_encryption(owner_password=password + "-owner", user_password=password)
    return bytes(document.output())


def image_only_pdf(png: bytes, *, title: str, when: datetime) -> bytes:
    """A one-page PDF whose only content is an image: a scan with no text layer."""
    from fpdf import FPDF

    document = FPDF(format="A4")
    document.set_creation_date(when)
    document.set_title(title)
    document.set_creator("Scanner")
    document.add_page()
    document.image(io.BytesIO(png), x=0, y=0, w=document.w, h=document.h)
    return bytes(document.output())


# -- images ------------------------------------------------------------------


def scan_image(lines: Sequence[str], *, fmt: str = "PNG", stamp: str | None = None) -> bytes:
    """An image of a typed page: the lines in black on off-white, like a scan.

    Uses Pillow's built-in scalable font, so no font file is needed. The stamp, if
    any, is drawn in a box at the top right.
    """
    width, height = 1000, 1300
    font = ImageFont.load_default(size=24)
    page = Image.new("L", (width, height), 246)
    pen = ImageDraw.Draw(page)
    y = 90
    for line in lines:
        pen.text((80, y), line, fill=20, font=font)
        y += 38 if line else 22
    if stamp:
        pen.rectangle((620, 60, 930, 130), outline=60, width=4)
        pen.text((645, 80), stamp, fill=60, font=font)
    buf = io.BytesIO()
    if fmt.upper() == "JPEG":
        page.save(buf, format="JPEG", quality=80)
    else:
        page.save(buf, format="PNG", optimize=False, compress_level=9)
    return buf.getvalue()


# -- e-mail ------------------------------------------------------------------


@dataclass
class Mail:
    """One e-mail; attachments are (filename, bytes, mime type)."""

    sender: str
    to: Sequence[str]
    subject: str
    when: datetime
    message_id: str
    body: str
    cc: Sequence[str] = ()
    in_reply_to: str | None = None
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def email_message(mail: Mail) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = mail.sender
    message["To"] = ", ".join(mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(mail.cc)
    message["Subject"] = mail.subject
    message["Date"] = email.utils.format_datetime(mail.when)
    message["Message-ID"] = f"<{mail.message_id}>"
    if mail.in_reply_to:
        message["In-Reply-To"] = f"<{mail.in_reply_to}>"
        message["References"] = f"<{mail.in_reply_to}>"
    message["MIME-Version"] = "1.0"
    message.set_content(mail.body, cte="8bit")
    for filename, data, mime in mail.attachments:
        maintype, subtype = mime.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    # Fixed MIME boundaries (the default ones are random).
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=-=casegraph-demo-{mail.message_id.split('@')[0]}-{number}=-=")
    return message


def eml(mail: Mail) -> bytes:
    return email_message(mail).as_bytes()


def mbox_message(mail: Mail) -> bytes:
    """One message as stored in an mbox: LF line ends, body lines 'From ...' quoted '>From ...'.

    These are the bytes ``mailbox.mbox.get_bytes`` returns for the message.
    """
    raw = email_message(mail).as_bytes(policy=email.policy.SMTP.clone(linesep="\n"))
    lines = raw.split(b"\n")
    quoted = b"\n".join(b">" + line if line.startswith(b"From ") else line for line in lines)
    return quoted if quoted.endswith(b"\n") else quoted + b"\n"


def mbox(messages: Sequence[tuple[str, datetime, bytes]]) -> bytes:
    """An mbox file of (sender, time, bytes from ``mbox_message``): a 'From ' line before each
    message and a blank line after it."""
    out = bytearray()
    for sender, when, message in messages:
        address = email.utils.parseaddr(sender)[1]
        stamp = time.asctime(when.astimezone(UTC).timetuple())
        out += f"From {address} {stamp}\n".encode("ascii")
        out += message
        out += b"\n"
    return bytes(out)


# -- archives ----------------------------------------------------------------


def zip_archive(members: Sequence[tuple[str, bytes, datetime]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, when in members:
            info = zipfile.ZipInfo(name, date_time=_zip_time(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def tar_archive(
    members: Sequence[tuple[str, bytes, datetime]],
    *,
    compression: str = "",
    when: datetime,
    owner: str = "user",
) -> bytes:
    """A tar file, plain or compressed with 'gz', 'bz2' or 'xz'."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as archive:
        for name, data, mtime in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(mtime.timestamp())
            info.mode = 0o644
            info.uid = info.gid = 1000
            info.uname = info.gname = owner
            archive.addfile(info, io.BytesIO(data))
    data = raw.getvalue()
    if compression == "gz":
        return gzip_bytes(data, "", when)
    if compression == "bz2":
        return bz2.compress(data, 9)
    if compression == "xz":
        return lzma.compress(data, format=lzma.FORMAT_XZ)
    return data


def gzip_bytes(data: bytes, name: str, when: datetime) -> bytes:
    """gzip with a fixed header time and, if given, the original file name."""
    out = io.BytesIO()
    with gzip.GzipFile(
        filename=name, mode="wb", fileobj=out, mtime=int(when.timestamp()), compresslevel=9
    ) as handle:
        handle.write(data)
    return out.getvalue()


def sevenzip(members: Sequence[tuple[str, bytes, datetime]]) -> bytes:
    """A 7z archive; member times are set from the given datetimes, not the clock."""
    import py7zr
    from py7zr.helpers import ArchiveTimestamp

    out = io.BytesIO()
    archive = py7zr.SevenZipFile(out, "w")
    for name, data, _ in members:
        archive.writestr(data, name)
    for info, (_, _, when) in zip(archive.header.files_info.files, members, strict=True):
        stamp = ArchiveTimestamp.from_datetime(when.timestamp())
        info["creationtime"] = stamp
        info["lastwritetime"] = stamp
        info["lastaccesstime"] = stamp
    archive.close()
    return out.getvalue()


def truncate(data: bytes, keep: float = 0.5) -> bytes:
    """The first part of a file, as a transfer cut short would leave it."""
    return data[: int(len(data) * keep)]
