"""Detect a file's type from its content: by its signature where that settles the type (a
PDF, an office file, an image, an e-mail, an HTML page), else with libmagic; the name only
breaks ties."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Literal, TypeAlias

import charset_normalizer
import magic
import olefile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
MSG = "application/vnd.ms-outlook"
EML = "message/rfc822"
MBOX = "application/mbox"
ENCRYPTED_OLE = "application/encrypted"
GZIP = "application/gzip"
BZIP2 = "application/x-bzip2"
XZ = "application/x-xz"
COMPRESSED_TARS = {
    GZIP: "application/x-compressed-tar",
    BZIP2: "application/x-bzip2-compressed-tar",
    XZ: "application/x-xz-compressed-tar",
}

_ALIASES = {
    "application/x-gzip": GZIP,
    "application/x-bzip": BZIP2,
    "application/x-zip-compressed": "application/zip",
    "application/rtf": "text/rtf",
    "application/xml": "text/xml",
    "image/x-ms-bmp": "image/bmp",
}
_OLE_GENERIC = {"application/CDFV2", "application/CDFV2-corrupt", "application/x-ole-storage"}
_OLE_FAMILY = {DOC, XLS, PPT, MSG, ENCRYPTED_OLE, *_OLE_GENERIC}
_OLE_STREAMS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
    "EncryptedPackage": ENCRYPTED_OLE,
}
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# gzip.open, bz2.open or lzma.open, as called here: to read bytes
Decompressor: TypeAlias = Callable[[Path, Literal["rb"]], io.BufferedIOBase]

_OPENERS: dict[str, Decompressor] = {GZIP: gzip.open, BZIP2: bz2.open, XZ: lzma.open}
_TEXT_BY_SUFFIX = {
    ".csv": "text/csv",
    ".htm": "text/html",
    ".html": "text/html",
    ".xml": "text/xml",
}
_BY_SUFFIX = {
    **_TEXT_BY_SUFFIX,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".odt": ODT,
    ".ods": ODS,
    ".odp": ODP,
    ".doc": DOC,
    ".xls": XLS,
    ".ppt": PPT,
    ".msg": MSG,
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".7z": "application/x-7z-compressed",
    ".gz": GZIP,
}
_OOXML = {DOCX, XLSX, PPTX}
_OLE = {DOC, XLS, PPT, MSG}
# where content leaves these answers open, the name may pick one of the listed types
_TIES = {
    "text/plain": set(_TEXT_BY_SUFFIX.values()),
    "application/zip": _OOXML | {ODT, ODS, ODP},
    **dict.fromkeys(_OLE_GENERIC, _OLE),
    ENCRYPTED_OLE: _OOXML,
    "application/octet-stream": set(_BY_SUFFIX.values()) - set(_TEXT_BY_SUFFIX.values()),
}
# first bytes that settle a type, in libmagic's words
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_ZIP_FORMATS = _OOXML | {ODT, ODS, ODP}
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKED_STARTS = {
    b"",
    b"<",
    b"{",
    b"[",
    b"(",
    b"#",
    b"%",
    b"\\",
    b".",
    b"@",
    b"-",
    b"/",
    b"*",
    b"!",
}
_KNOWN_HEADERS = {
    *(b"from", b"to", b"cc", b"subject", b"date", b"received", b"return-path", b"message-id"),
    *(b"mime-version", b"delivered-to", b"reply-to", b"sender", b"path", b"xref", b"article"),
    *(b"newsgroups", b"relay-version", b"content-type", b"x-mailer", b"begin"),
}
_SEPARATORS = (b",", b";", b"\t", b"|")
_HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_MBOX_LINE = re.compile(rb"From \S+ +\S")
_HEADER_NAME = re.compile(rb"([!-9;-~]+):")
_MULTIPART = re.compile(rb"(?im)^content-type:\s*(multipart|message)/")
_MAIL_HEADERS = {b"date", b"subject", b"to", b"message-id", b"received", b"mime-version"}
_SNIFF_BYTES = 8192
_TAR_MAGIC = slice(257, 262)
_SPACES = str.maketrans("\t\n\r\f\v", "     ")
_MAX_TEXT_CHAOS = 0.1  # charset-normalizer's share of unlikely characters in real text


def detect_mime(path: Path, name: str) -> str:
    """The file's MIME type from its content; the name only breaks ties content leaves."""
    head = _head(path)
    signed = _by_signature(path, head)
    if signed is not None:
        return _tie_break(signed, name) if signed == "text/plain" else signed
    mime = magic.from_file(str(path), mime=True)
    mime = _ALIASES.get(mime, mime)
    settled = _look_inside(path, mime, head)
    if settled is None or settled == ENCRYPTED_OLE:  # the content leaves the kind open
        return _tie_break(settled or mime, name)
    return settled


def _by_signature(path: Path, head: bytes) -> str | None:
    """The type where the first bytes settle it as libmagic would, at a fraction of its
    cost; None where they leave it to libmagic."""
    for signature, mime in _SIGNATURES:
        if head.startswith(signature):
            return mime
    if head.startswith(b"PK\x03\x04") and (packed := _sniff_zip(path)) in _ZIP_FORMATS:
        return packed
    if head.startswith(_OLE_SIGNATURE) and (stored := _sniff_ole(path)) != ENCRYPTED_OLE:
        return stored  # an encrypted one is left to the name to tell, further on
    if b"\0" in head or not _printable(head):
        return None
    if mail := _sniff_mail(head):
        return mail
    if _HTML_START.match(head):
        return "text/html"
    # what libmagic would call another kind of text (markup, JSON, RTF, CSV, a script, a
    # key, a message that breaks the rules, a card) starts with a mark or a header it knows,
    # or has separators in its first line: left to it
    first_line = head.split(b"\n", 1)[0]
    header = _HEADER_NAME.match(first_line)
    if (
        head.lstrip()[:1] in _MARKED_STARTS
        or any(separator in first_line for separator in _SEPARATORS)
        or (header and header.group(1).lower() in _KNOWN_HEADERS)
    ):
        return None
    return "text/plain"


def _look_inside(path: Path, mime: str, head: bytes) -> str | None:
    """Settle a libmagic answer from the file's own structure; None if it cannot."""
    textual = mime.startswith(("text/", "message/")) or mime == "application/octet-stream"
    # libmagic calls a message carrying a patch a diff: the header block decides
    if textual and (mail := _sniff_mail(head)):
        return mail
    if mime in ("text/plain", EML):
        return None
    if mime == "application/zip":
        return _sniff_zip(path)
    if mime in _OLE_FAMILY:
        return _sniff_ole(path)
    if mime in _OPENERS:
        return _sniff_tar(path, mime)
    if mime == "application/octet-stream":
        return _sniff_text(head)
    return None


def _head(path: Path) -> bytes:
    """The first bytes of a file, for sniffing."""
    with open(path, "rb") as handle:
        return handle.read(_SNIFF_BYTES)


def _tie_break(mime: str, name: str) -> str:
    """Let the name's suffix choose among the types the content leaves open."""
    guess = _BY_SUFFIX.get(PurePosixPath(name.replace("\\", "/")).suffix.lower())
    return guess if guess is not None and guess in _TIES.get(mime, ()) else mime


def _sniff_mail(head: bytes) -> str | None:
    """An mbox 'From ' line or an RFC 822 header block at the start of a text file."""
    if _MBOX_LINE.match(head):
        return MBOX
    names = set()
    lines = head.splitlines()
    if len(head) == _SNIFF_BYTES and b"\n\n" not in head.replace(b"\r\n", b"\n"):
        lines = lines[:-1]  # a long header block: its last line in the sample may be cut
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_NAME.match(line)
        if match is None:
            return None
        names.add(match.group(1).lower())
    # a MIME entity (a message's headers may be only its MIME ones) is a message too
    mime_entity = b"mime-version" in names or _MULTIPART.search(head.split(b"\n\n", 1)[0])
    return EML if (b"from" in names and names & _MAIL_HEADERS) or mime_entity else None


def _sniff_text(head: bytes) -> str | None:
    """Printable UTF-8 that libmagic calls data only because of NUL bytes in it."""
    return "text/plain" if _printable(head.replace(b"\0", b"")) else None


def looks_like_text(path: Path) -> bool:
    """Whether a file of a type no extractor reads is text a person could read."""
    head = _head(path)
    if b"\0" in head:
        return False
    if _printable(head):
        return True
    best = charset_normalizer.from_bytes(head).best()
    return best is not None and best.chaos <= _MAX_TEXT_CHAOS


def _printable(sample: bytes) -> bool:
    """Whether a sample decodes as UTF-8 to printable characters and white space."""
    try:
        decoded = sample.decode("utf-8")
    except UnicodeDecodeError as error:  # a character cut at the end of the sample is fine
        if error.start < len(sample) - 3:
            return False
        decoded = sample[: error.start].decode("utf-8")
    return bool(decoded) and decoded.translate(_SPACES).isprintable()


def _sniff_zip(path: Path) -> str | None:
    """OpenDocument, Office Open XML or plain ZIP, told by the parts inside; None if unreadable."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    declared = member.read(100).decode("ascii", "replace").strip()
                if declared in (ODT, ODS, ODP):
                    return declared
            ooxml = (mime for part, mime in _OOXML_PARTS.items() if part in names)
            return next(ooxml, "application/zip")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None


def _sniff_ole(path: Path) -> str | None:
    """Word, Excel, PowerPoint, Outlook or encrypted OOXML, told by OLE stream names."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            top = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError):
        return None
    if any(name.startswith("__substg1.0_") for name in top):
        return MSG
    return next((mime for stream, mime in _OLE_STREAMS.items() if stream in top), None)


def _sniff_tar(path: Path, mime: str) -> str:
    """A compressed TAR if the first decompressed block carries the ustar magic."""
    try:
        with _OPENERS[mime](path, "rb") as stream:
            block = stream.read(512)
    except (OSError, EOFError, zlib.error, lzma.LZMAError):
        return mime
    return COMPRESSED_TARS[mime] if block[_TAR_MAGIC] == b"ustar" else mime
