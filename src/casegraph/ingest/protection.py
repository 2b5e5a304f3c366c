"""Password protection in Microsoft Office files: reads OLE streams, raises EncryptedFile.

msoffcrypto-tool judges first. Where it cannot read a file (Word 95, Excel 5, a record it
trips on) or finds no protection, the marks of encryption are read from the OLE streams.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import msoffcrypto
import olefile

from ..errors import EncryptedFile

_WORD_FLAGS = struct.Struct("<H")  # the FIB's flags word, at offset 10 of WordDocument
_WORD_FLAGS_AT, _WORD_ENCRYPTED = 10, 0x0100  # fEncrypted
_BIFF_HEADER = struct.Struct("<HH")  # record type, record size
_BIFF_FILEPASS, _BIFF_EOF = 0x002F, 0x000A
_EXCEL_STREAMS = ("Workbook", "Book")  # Excel 97 and later; Excel 5 and 95
_PPT_TOKEN = struct.Struct("<I")  # CurrentUserAtom.headerToken, after an 8-byte header and size
_PPT_TOKEN_AT, _PPT_ENCRYPTED_TOKEN = 12, 0xF3D1C4DF


def refuse_encrypted(path: Path) -> None:
    """Raise EncryptedFile when the Office file is password-protected."""
    if _library_finds_encryption(path) or _marked_encrypted(path):
        raise EncryptedFile("document is password-protected")


def _library_finds_encryption(path: Path) -> bool:
    """msoffcrypto-tool's judgement; False where it cannot read the file."""
    with open(path, "rb") as handle:
        try:
            encrypted: bool = msoffcrypto.OfficeFile(handle).is_encrypted()
            return encrypted
        except Exception:  # any failure in its parsers: the marks are read below instead
            return False


def _marked_encrypted(path: Path) -> bool:
    """Whether an OLE file's streams carry a mark of encryption (False for any other file)."""
    if not olefile.isOleFile(str(path)):
        return False
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return any(check(ole) for check in _CHECKS)
    except (OSError, struct.error):
        return False


def _wrapped(ole: olefile.OleFileIO[str]) -> bool:
    """An OOXML package encrypted into an OLE file."""
    return ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")


def _word(ole: olefile.OleFileIO[str]) -> bool:
    """Word 6 to 2003: the FIB's fEncrypted flag."""
    if not ole.exists("WordDocument"):
        return False
    header = ole.openstream("WordDocument").read(_WORD_FLAGS_AT + _WORD_FLAGS.size)
    return bool(_WORD_FLAGS.unpack_from(header, _WORD_FLAGS_AT)[0] & _WORD_ENCRYPTED)


def _excel(ole: olefile.OleFileIO[str]) -> bool:
    """Excel 5 to 2003: a FILEPASS record in the workbook globals (before their EOF)."""
    for name in _EXCEL_STREAMS:
        if ole.exists(name):
            data = ole.openstream(name).read()
            offset = 0
            kind: int
            size: int
            while offset + _BIFF_HEADER.size <= len(data):
                kind, size = _BIFF_HEADER.unpack_from(data, offset)
                if kind in (_BIFF_FILEPASS, _BIFF_EOF):
                    return kind == _BIFF_FILEPASS
                offset += _BIFF_HEADER.size + size
    return False


def _powerpoint(ole: olefile.OleFileIO[str]) -> bool:
    """PowerPoint 97 to 2003: the encrypted header token in the CurrentUser stream."""
    if ole.exists("EncryptedSummary"):
        return True
    if not ole.exists("Current User"):
        return False
    head = ole.openstream("Current User").read(_PPT_TOKEN_AT + _PPT_TOKEN.size)
    token: int = _PPT_TOKEN.unpack_from(head, _PPT_TOKEN_AT)[0]
    return token == _PPT_ENCRYPTED_TOKEN


_CHECKS: tuple[Callable[[olefile.OleFileIO[str]], bool], ...] = (
    _wrapped,
    _word,
    _excel,
    _powerpoint,
)
