"""Make a LibreOffice-written .ppt readable by catppt.

LibreOffice stores slide text only inside each slide's drawing. PowerPoint also
keeps it as outline text in the document's ``SlideListWithText``, and simple
extractors (catppt among them) read only that. This adds, after each
``SlidePersistAtom``, a ``TextHeaderAtom`` and a copy of the slide's text atoms,
then moves every persist offset (persist directory, ``UserEditAtom``,
``Current User``) by the bytes inserted before it, and rewrites the compound
file. Used by scripts/make_legacy_assets.sh: ``python -m casegraph.demo.pptfix IN OUT``.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import olefile

from .msg import CompoundFile

DOCUMENT = 0x03E8
SLIDE_LIST_WITH_TEXT = 0x0FF0
SLIDE_PERSIST_ATOM = 0x03F3
TEXT_HEADER_ATOM = 0x0F9F
TEXT_CHARS_ATOM = 0x0FA0
TEXT_BYTES_ATOM = 0x0FA8
PERSIST_DIRECTORY_ATOM = 0x1772
USER_EDIT_ATOM = 0x0FF5


def _records(buf: bytes, start: int = 0, end: int | None = None) -> list[tuple[int, int, int, int]]:
    """(offset, ver_instance, type, length) of the records in buf[start:end]."""
    end = len(buf) if end is None else end
    out = []
    offset = start
    while offset + 8 <= end:
        ver_inst, rec_type, length = struct.unpack_from("<HHI", buf, offset)
        out.append((offset, ver_inst, rec_type, length))
        offset += 8 + length
    return out


def _texts(buf: bytes, start: int, end: int) -> list[tuple[int, bytes]]:
    """Text atoms (type, body) anywhere inside a container, in order."""
    found = []
    for offset, ver_inst, rec_type, length in _records(buf, start, end):
        if rec_type in (TEXT_CHARS_ATOM, TEXT_BYTES_ATOM):
            found.append((rec_type, buf[offset + 8 : offset + 8 + length]))
        elif ver_inst & 0xF == 0xF:
            found.extend(_texts(buf, offset + 8, offset + 8 + length))
    return found


def _record(ver_inst: int, rec_type: int, body: bytes) -> bytes:
    return struct.pack("<HHI", ver_inst, rec_type, len(body)) + body


def add_outline_text(document: bytes, current_user: bytes) -> tuple[bytes, bytes]:
    """The fixed 'PowerPoint Document' and 'Current User' streams."""
    (edit_offset,) = struct.unpack_from("<I", current_user, 16)
    user_edit = document[edit_offset + 8 : edit_offset + 8 + 28]
    (dir_offset,) = struct.unpack_from("<I", user_edit, 12)
    (doc_persist_id,) = struct.unpack_from("<I", user_edit, 16)

    # persist id -> offset, from the persist directory.
    _, _, _, dir_length = _records(document, dir_offset, dir_offset + 8)[0]
    persist: dict[int, int] = {}
    pos = dir_offset + 8
    while pos < dir_offset + 8 + dir_length:
        (head,) = struct.unpack_from("<I", document, pos)
        first, count = head & 0xFFFFF, head >> 20
        for i in range(count):
            persist[first + i] = struct.unpack_from("<I", document, pos + 4 + 4 * i)[0]
        pos += 4 + 4 * count

    doc_offset = persist[doc_persist_id]
    top = _records(document)
    new_top: list[tuple[int, bytes]] = []
    for offset, ver_inst, rec_type, length in top:
        raw = document[offset : offset + 8 + length]
        if offset == doc_offset and rec_type == DOCUMENT:
            children = []
            for c_off, c_vi, c_type, c_len in _records(document, offset + 8, offset + 8 + length):
                child = document[c_off : c_off + 8 + c_len]
                if c_type == SLIDE_LIST_WITH_TEXT and c_vi >> 4 == 0:
                    child = _with_text(document, c_off, c_len, persist)
                children.append(child)
            raw = _record(ver_inst, rec_type, b"".join(children))
        new_top.append((offset, raw))

    moved: dict[int, int] = {}
    position = 0
    for old, raw in new_top:
        moved[old] = position
        position += len(raw)

    out = bytearray(b"".join(raw for _, raw in new_top))
    for old, raw in new_top:
        new = moved[old]
        rec_type = struct.unpack_from("<H", raw, 2)[0]
        if rec_type == PERSIST_DIRECTORY_ATOM:
            pos, end = new + 8, new + len(raw)
            while pos < end:
                (head,) = struct.unpack_from("<I", out, pos)
                for i in range(head >> 20):
                    slot = pos + 4 + 4 * i
                    struct.pack_into("<I", out, slot, moved[struct.unpack_from("<I", out, slot)[0]])
                pos += 4 + 4 * (head >> 20)
        elif rec_type == USER_EDIT_ATOM:
            last_edit, directory = struct.unpack_from("<II", out, new + 8 + 8)
            struct.pack_into(
                "<II", out, new + 8 + 8, moved[last_edit] if last_edit else 0, moved[directory]
            )
    fixed_user = bytearray(current_user)
    struct.pack_into("<I", fixed_user, 16, moved[edit_offset])
    return bytes(out), bytes(fixed_user)


def _with_text(document: bytes, off: int, length: int, persist: dict[int, int]) -> bytes:
    """The slides' SlideListWithText with each slide's text added after its persist atom."""
    parts = []
    ver_inst = struct.unpack_from("<H", document, off)[0]
    for c_off, c_vi, c_type, c_len in _records(document, off + 8, off + 8 + length):
        body = bytearray(document[c_off + 8 : c_off + 8 + c_len])
        extra = b""
        if c_type == SLIDE_PERSIST_ATOM:
            (persist_id,) = struct.unpack_from("<I", body, 0)
            slide_off = persist[persist_id]
            _, _, _, slide_len = _records(document, slide_off, slide_off + 8)[0]
            texts = _texts(document, slide_off + 8, slide_off + 8 + slide_len)
            struct.pack_into("<I", body, 8, len(texts))  # cTexts
            for number, (text_type, text) in enumerate(texts):
                kind = 0 if number == 0 else 1  # title, then body
                extra += _record(0, TEXT_HEADER_ATOM, struct.pack("<I", kind))
                extra += _record(0, text_type, text)
        parts.append(_record(c_vi, c_type, bytes(body)) + extra)
    return _record(ver_inst, SLIDE_LIST_WITH_TEXT, b"".join(parts))


def drop_thumbnail(summary: bytes) -> bytes:
    """A SummaryInformation property set without its thumbnail (PIDSI_THUMBNAIL, 17).

    LibreOffice stores a large preview bitmap there; the asset does not need it.
    """
    (count,) = struct.unpack_from("<I", summary, 24)
    if count != 1:
        return summary
    (section,) = struct.unpack_from("<I", summary, 44)
    size, n_props = struct.unpack_from("<II", summary, section)
    entries = [struct.unpack_from("<II", summary, section + 8 + 8 * i) for i in range(n_props)]
    bounds = sorted(off for _, off in entries) + [size]
    values = {}
    for pid, off in entries:
        end = next(b for b in bounds if b > off)
        values[pid] = summary[section + off : section + end]
    values.pop(17, None)
    table_size = 8 + 8 * len(values)
    table, body = b"", b""
    for pid, value in values.items():
        table += struct.pack("<II", pid, table_size + len(body))
        body += value
    new_section = struct.pack("<II", table_size + len(body), len(values)) + table + body
    return summary[:section] + new_section


def fix_file(source: Path, target: Path) -> None:
    ole = olefile.OleFileIO(str(source))
    root = ole.root
    assert root is not None  # olefile reads the root entry on opening
    cfb = CompoundFile(root_clsid=bytes.fromhex(_clsid_hex(root.clsid)))
    streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    streams["PowerPoint Document"], streams["Current User"] = add_outline_text(
        streams["PowerPoint Document"], streams["Current User"]
    )
    if "\x05SummaryInformation" in streams:
        streams["\x05SummaryInformation"] = drop_thumbnail(streams["\x05SummaryInformation"])
    for path, data in streams.items():
        cfb.add_stream(path, data)
    ole.close()
    target.write_bytes(cfb.tobytes())


def _clsid_hex(clsid: str) -> str:
    """olefile's CLSID string back to the 16 bytes stored on disk, as hex."""
    if not clsid:
        return "00" * 16
    a, b, c, d, e = clsid.split("-")
    le = bytes.fromhex(a)[::-1] + bytes.fromhex(b)[::-1] + bytes.fromhex(c)[::-1]
    return (le + bytes.fromhex(d) + bytes.fromhex(e)).hex()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m casegraph.demo.pptfix IN.ppt OUT.ppt", file=sys.stderr)
        raise SystemExit(2)
    fix_file(Path(sys.argv[1]), Path(sys.argv[2]))
