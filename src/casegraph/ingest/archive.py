"""Archives: ZIP, TAR (plain or gz/bz2/xz), 7z, and single-file gzip/bzip2/xz streams.

Reads one stored archive; writes its regular members to the blob store as children, each
decompressed through an ExtractContext expansion meter, so that a bomb is stopped on the bytes
it really yields, whatever sizes it declares. A failed archive leaves no member blobs behind.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import py7zr
from py7zr.exceptions import ArchiveError
from py7zr.helpers import get_sanitized_output_path
from py7zr.io import Py7zIO, WriterFactory

from ..errors import CorruptFile, EncryptedFile
from ..records import Extraction
from .context import Expansion, ExtractContext
from .detect import BZIP2, COMPRESSED_TARS, GZIP, XZ, Decompressor
from .text import labelled

ZIP = "application/zip"
TAR = "application/x-tar"
SEVEN_ZIP = "application/x-7z-compressed"

_SPOOL_BYTES = 16 * 1024 * 1024
_ENCRYPTED_FLAG = 0x1
_STREAMS: dict[str, tuple[Decompressor, str, str]] = {
    GZIP: (gzip.open, ".gz", "gzip"),
    BZIP2: (bz2.open, ".bz2", "bz2"),
    XZ: (lzma.open, ".xz", "lzma"),
}
_DAMAGE = (
    zipfile.BadZipFile,
    tarfile.TarError,
    ArchiveError,
    gzip.BadGzipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
)


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """An archive has no text of its own: its regular members become children."""
    handler, library = _HANDLERS[mime]
    try:
        handler(path, ctx, mime)
    except _DAMAGE as error:
        raise CorruptFile(f"{mime} is damaged: {type(error).__name__}: {error}") from None
    return Extraction(mime=mime, extractor=labelled("archive", library))


def _skip(ctx: ExtractContext, name: str, is_link: bool) -> None:
    """Record a member that is not a regular file: a link, a device, a FIFO."""
    ctx.skip_member(name, "link" if is_link else "special file")


def _zip(path: Path, ctx: ExtractContext, mime: str) -> None:
    """ZIP members, refused whole if any is encrypted or expands past a limit."""
    with zipfile.ZipFile(path) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if any(info.flag_bits & _ENCRYPTED_FLAG for info in members):
            raise EncryptedFile("ZIP members are encrypted")
        for info in members:
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind and kind != stat.S_IFREG:
                _skip(ctx, info.filename, kind == stat.S_IFLNK)
                continue
            try:
                with archive.open(info) as member:
                    ctx.add_child(info.filename, member, ctx.zip_expansion(archive, info))
            except NotImplementedError as error:  # a compression method zipfile lacks
                ctx.skip_member(info.filename, str(error))


def _tar(path: Path, ctx: ExtractContext, mime: str) -> None:
    """TAR members, streamed; together they may expand the archive's size by the ratio."""
    expansion = ctx.expansion(path.stat().st_size)
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            if member.isdir():
                continue
            if not member.isfile():
                _skip(ctx, member.name, member.issym() or member.islnk())
                continue
            content = archive.extractfile(member)
            assert content is not None  # a regular file member always has content
            ctx.add_child(member.name, content, expansion)


def _seven_zip(path: Path, ctx: ExtractContext, mime: str) -> None:
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


def _seven_zip_names(files: list[Any], ctx: ExtractContext) -> dict[str, str]:
    """py7zr's writer key for each extractable member, mapped to the member's own name."""
    names = {}
    for info in files:
        if info.is_symlink:
            _skip(ctx, info.filename, True)
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


def _stream(path: Path, ctx: ExtractContext, mime: str) -> None:
    """A gzip, bzip2 or xz file holds one child, named without the compression suffix."""
    opener, suffix, _ = _STREAMS[mime]
    name = PurePosixPath(ctx.name.replace("\\", "/")).name
    if name.lower().endswith(suffix):
        name = name[: -len(suffix)]
    with opener(path, "rb") as stream:
        ctx.add_child(name, stream, ctx.expansion(path.stat().st_size))


_HANDLERS: dict[str, tuple[Callable[[Path, ExtractContext, str], None], str]] = {
    ZIP: (_zip, "zipfile"),
    TAR: (_tar, "tarfile"),
    **{mime: (_tar, "tarfile") for mime in COMPRESSED_TARS.values()},
    SEVEN_ZIP: (_seven_zip, "py7zr"),
    **{mime: (_stream, library) for mime, (_, _, library) in _STREAMS.items()},
}
MIMES = frozenset(_HANDLERS)
