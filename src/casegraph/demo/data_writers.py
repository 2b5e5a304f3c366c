"""The writers a data file names (see ``render``), taking what a data file holds.

The format writers of ``writers``, and around them the writers that take a document's
``members`` (e-mails with attachments, archives, PDFs with embedded files), e-mails
from their fields, XML from an element tree and scanned PDFs from their lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from email import message_from_bytes
from typing import Any

from . import legacy
from . import writers as formats
from .model import Doc

Writer = Callable[..., bytes]


def mail(
    when: datetime, members: Sequence[Doc], mimes: Sequence[str], fields: dict[str, Any]
) -> formats.Mail:
    """A ``writers.Mail`` from its fields; its members are its attachments."""
    attachments = [(doc.name, doc.data, mime) for doc, mime in zip(members, mimes, strict=True)]
    return formats.Mail(when=when, attachments=attachments, **fields)


def eml(
    *, when: datetime, members: Sequence[Doc] = (), mimes: Sequence[str] = (), **fields: Any
) -> bytes:
    """An e-mail file (see ``mail``)."""
    return formats.eml(mail(when, members, mimes, fields))


def mbox_message(
    *, when: datetime, members: Sequence[Doc] = (), mimes: Sequence[str] = (), **fields: Any
) -> bytes:
    """A message of an mbox file (see ``mail``)."""
    return formats.mbox_message(mail(when, members, mimes, fields))


def mbox(*, members: Sequence[Doc]) -> bytes:
    """An mbox file of its member messages."""
    return formats.mbox(
        [(message_from_bytes(doc.data)["From"], doc.when, doc.data) for doc in members]
    )


def pdf_with_files(
    blocks: Sequence[formats.Block],
    *,
    when: datetime,
    members: Sequence[Doc],
    descriptions: Sequence[str],
    **options: Any,
) -> bytes:
    """A PDF with its members embedded as files, each with its description."""
    files = [
        formats.PdfAttachment(doc.name, doc.data, description)
        for doc, description in zip(members, descriptions, strict=True)
    ]
    return formats.pdf(blocks, when=when, attachments=files, **options)


def scan_pdf(
    lines: Sequence[str], *, title: str, when: datetime, stamp: str | None = None
) -> bytes:
    """A PDF of one scanned page, with no text layer: the lines typed, the stamp inked."""
    return formats.image_only_pdf(formats.scan_image(lines, stamp=stamp), title=title, when=when)


def zip_file(*, members: Sequence[Doc]) -> bytes:
    """A zip archive of its members."""
    return formats.zip_archive([doc.entry() for doc in members])


def tar(*, members: Sequence[Doc], when: datetime, compression: str = "", owner: str) -> bytes:
    """A tar archive of its members, compressed with 'gz', 'bz2', 'xz' or not at all."""
    entries = [doc.entry() for doc in members]
    return formats.tar_archive(entries, compression=compression, when=when, owner=owner)


def sevenzip(*, members: Sequence[Doc]) -> bytes:
    """A 7z archive of its members."""
    return formats.sevenzip([doc.entry() for doc in members])


def gzip(*, members: Sequence[Doc], when: datetime) -> bytes:
    """A gzip file of its one member."""
    (only,) = members
    return formats.gzip_bytes(only.data, only.name, when)


def xml(root: dict[str, Any]) -> bytes:
    """An XML document from its root element (see ``xml_element``)."""
    return formats.xml_bytes(xml_element(root))


def xml_element(element: dict[str, Any]) -> str:
    """An element given as ``tag``, ``attrs`` and ``content`` (a text or a list of elements)."""
    content = element.get("content")
    if isinstance(content, list):
        content = [xml_element(child) for child in content]
    return formats.xml_element(element["tag"], content, **element.get("attrs", {}))


def scan_flags(args: Mapping[str, Any]) -> dict[str, Any]:
    """The ground truth of a scan: image only, the lines typed on it, the stamp inked on it."""
    flags = {"image_only": True, "ocr_text": "\n".join(args["lines"])}
    if args.get("stamp"):
        flags["stamp"] = args["stamp"]
    return flags


# the flags of a writer's output that follow from its arguments
FLAGS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "scan_image": scan_flags,
    "scan_pdf": scan_flags,
}

# the writers every data file may name; modules add their own (a news page, a sitrep)
WRITERS: dict[str, Writer] = {
    "eml": eml,
    "mbox_message": mbox_message,
    "mbox": mbox,
    "pdf_with_files": pdf_with_files,
    "scan_pdf": scan_pdf,
    "asset": legacy.asset,
    "xml": xml,
    "gzip": gzip,
    "zip": zip_file,
    "tar": tar,
    "sevenzip": sevenzip,
    **{
        name: getattr(formats, name)
        for name in ("text", "csv_bytes", "json_bytes", "docx", "odt", "rtf")
        + ("pdf", "xlsx", "ods", "odp", "pptx", "xls", "scan_image")
    },
}
