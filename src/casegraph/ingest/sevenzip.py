"""7z archives (py7zr), read by archive.py when it meets one: every regular member becomes a
child, decompressed in one pass and metered as it is written. Writes children through the
extraction context; reads the archive only."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import py7zr
from py7zr.exceptions import ArchiveError
from py7zr.helpers import get_sanitized_output_path
from py7zr.io import Py7zIO, WriterFactory

from ..errors import CorruptFile, EncryptedFile
from .context import Expansion, ExtractContext

_SPOOL_BYTES = 16 * 1024 * 1024


def seven_zip_members(path: Path, ctx: ExtractContext, mime: str) -> None:
    """7z members, decompressed in one pass into spooled files, metered as they are written."""
    try:
        with open(path, "rb") as handle, py7zr.SevenZipFile(handle) as archive:
            if archive.needs_password():
                raise EncryptedFile("7z archive is encrypted")
            files = [info for info in archive.list() if not info.is_directory]
            names = _seven_zip_names(files, ctx)
            if names:
                factory = _ChildFactory(ctx, names, ctx.expansion(path.stat().st_size))
                archive.extract(targets=list(names.values()), factory=factory)
    except py7zr.PasswordRequired:
        raise EncryptedFile("7z archive headers are encrypted") from None
    except ArchiveError as error:
        raise CorruptFile(f"{mime} is damaged: ArchiveError: {error}") from None


def _seven_zip_names(files: list[Any], ctx: ExtractContext) -> dict[str, str]:
    """py7zr's writer key for each extractable member, mapped to the member's own name."""
    names = {}
    for info in files:
        if info.is_symlink:
            ctx.skip_member(info.filename, "link")
            continue
        try:
            names[get_sanitized_output_path(info.filename, None).as_posix()] = info.filename
        except py7zr.Bad7zFile:
            ctx.skip_member(info.filename, "name escapes the archive; py7zr will not read it")
    return names


class _ChildWriter(Py7zIO):
    """Spools one 7z member, counting what is decompressed, then stores it as a child."""

    def __init__(self, ctx: ExtractContext, name: str, expansion: Expansion):
        self.ctx = ctx
        self.name = name
        self.expansion = expansion
        self.spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115 closed in close()

    def write(self, s: bytes | bytearray) -> int:
        """Append decompressed bytes, within the ratio and the expanded-bytes limit."""
        self.expansion.count(len(s))
        self.ctx.check_total(self.spool.tell() + len(s))
        return self.spool.write(s)

    def read(self, size: int | None = None) -> bytes:
        """Read back spooled bytes."""
        return self.spool.read(-1 if size is None else size)

    def seek(self, offset: int, whence: int = 0) -> int:
        """Move within the spool."""
        return self.spool.seek(offset, whence)

    def flush(self) -> None:
        """Flush the spool."""
        self.spool.flush()

    def size(self) -> int:
        """Bytes spooled so far."""
        return self.spool.tell()

    def close(self) -> None:
        """The member is complete: store it and free the spool."""
        if not self.spool.closed:
            self.spool.seek(0)
            self.ctx.add_child(self.name, self.spool)
            self.spool.close()


class _ChildFactory(WriterFactory):
    """Creates a child writer per member, named as the archive names it."""

    def __init__(self, ctx: ExtractContext, names: dict[str, str], expansion: Expansion):
        self.ctx = ctx
        self.names = names
        self.expansion = expansion

    def create(self, filename: str) -> Py7zIO:
        """A writer for the member py7zr calls filename."""
        return _ChildWriter(self.ctx, self.names.get(filename, filename), self.expansion)
