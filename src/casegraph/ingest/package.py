"""What the office families share: core properties, cell grids and the files packed inside.

Reads zipped packages (OOXML, OpenDocument) and OLE compound files; writes normalised
properties into an Extraction, and pictures and embedded objects as child documents.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable
from typing import Any

import olefile
from lxml import etree

from ..records import Extraction
from .context import ExtractContext
from .text import iso_date, put

# entities are not expanded and nothing is fetched: package XML comes from untrusted files
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# streams of an embedded OLE object that hold the embedded file itself
_PACKAGE, _CONTENTS, _NATIVE = "Package", "CONTENTS", "\x01Ole10Native"
_DWORD = struct.Struct("<I")
_EMBEDDED = 2  # an OLE 1.0 object's FormatID when its data is inside (1: linked)


def core(extraction: Extraction, author: Any, title: Any, created: Any, modified: Any) -> None:
    """Set the normalised author, title and dates, and the title of the extraction."""
    put(
        extraction.metadata,
        author=author or None,
        title=title or None,
        created=iso_date(created),
        modified=iso_date(modified),
    )
    extraction.title = extraction.metadata.get("title")


def _cell(value: Any) -> str:
    """One spreadsheet value as text; integral floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def grid(rows: Iterable[Iterable[Any]]) -> str:
    """Cells tab-separated, rows newline-separated; trailing empty cells and rows dropped."""
    lines = ("\t".join(_cell(value) for value in row).rstrip("\t") for row in rows)
    return "\n".join(lines).rstrip("\n")


def xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    """One XML part of a zipped package, parsed safely."""
    return etree.fromstring(package.read(name), XML_PARSER)


def add_packed(package: zipfile.ZipFile, ctx: ExtractContext, folders: tuple[str, ...]) -> None:
    """Members under these folders (pictures, embedded objects) become child documents."""
    for info in package.infolist():
        if not info.filename.startswith(folders) or info.is_dir():
            continue
        expansion = ctx.zip_expansion(package, info)
        with package.open(info) as member:
            if info.filename.endswith(".bin"):  # an OLE object wrapping the embedded file
                add_ole_object(ctx, info.filename, ctx.read_member(member, expansion))
            else:
                ctx.add_child(info.filename, member, expansion)


def add_ole_object(ctx: ExtractContext, name: str, data: bytes) -> None:
    """An embedded OLE object as a child: the file it wraps where it has one, else itself."""
    if not olefile.isOleFile(data):
        ctx.add_child(name, data)
        return
    try:
        with olefile.OleFileIO(data) as ole:
            payload = ole_payload(ole, [], name)
    except (OSError, struct.error):  # a damaged object is kept as it is
        payload = None
    ctx.add_child(*(payload or (name, data)))


def add_ole1_object(ctx: ExtractContext, name: str, data: bytes) -> None:
    """An OLE 1.0 embedded object (as RTF keeps them) as a child: the file it wraps."""
    try:
        reader = io.BytesIO(data[4:])  # the OLE version
        embedded = _dword(reader) == _EMBEDDED
        class_name = reader.read(_dword(reader)).rstrip(b"\0")
        reader.read(_dword(reader))  # the topic name
        reader.read(_dword(reader))  # the item name
        native = reader.read(_dword(reader))
    except struct.error:
        embedded = False
    if not embedded:
        ctx.skip_member(name, "OLE 1.0 object that is linked or unreadable")
    elif class_name == b"Package":
        ctx.add_child(*_native(native, name))
    else:
        add_ole_object(ctx, name, native)


def ole_payload(
    ole: olefile.OleFileIO[Any], storage: list[str], name: str
) -> tuple[str, bytes] | None:
    """(name, bytes) of the file an OLE object storage wraps, or None if it wraps none.

    The OLE file may be opened from a path or from bytes (olefile's stubs tell them apart by
    type); its stream names are str either way.
    """
    if ole.exists("/".join([*storage, _NATIVE])):
        return _native(ole.openstream([*storage, _NATIVE]).read(), name)
    for stream in (_PACKAGE, _CONTENTS):
        if ole.exists("/".join([*storage, stream])):
            return f"{name}/{stream}", ole.openstream([*storage, stream]).read()
    return None


def _native(data: bytes, name: str) -> tuple[str, bytes]:
    """The file in an OLE Packager stream: size, flags, label, path, temp path, then data."""
    try:
        reader = io.BytesIO(data[6:])  # total size (4 bytes) and flags (2 bytes)
        label = _ansi(reader)
        _ansi(reader)  # the source path
        reader.read(4)  # a reserved field
        reader.read(_dword(reader))  # the temporary path
        content = reader.read(_dword(reader))
    except (struct.error, ValueError):
        return f"{name}/Ole10Native", data
    return label or f"{name}/Ole10Native", content


def _ansi(reader: io.BytesIO) -> str:
    """A NUL-terminated ANSI string."""
    raw = bytearray()
    while (byte := reader.read(1)) not in (b"", b"\0"):
        raw += byte
    if not byte:
        raise ValueError("string runs past the stream")
    return raw.decode("cp1252", errors="replace")


def _dword(reader: io.BytesIO) -> int:
    """A little-endian 32-bit unsigned integer."""
    value: int = _DWORD.unpack(reader.read(4))[0]
    return value
