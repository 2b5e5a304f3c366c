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
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..errors import CorruptFile, EncryptedFile
from ..records import Extraction
from .context import ExtractContext
from .detect import BZIP2, COMPRESSED_TARS, GZIP, XZ, Decompressor
from .text import labelled

ZIP = "application/zip"
TAR = "application/x-tar"
SEVEN_ZIP = "application/x-7z-compressed"

_ENCRYPTED_FLAG = 0x1
_STREAMS: dict[str, tuple[Decompressor, str, str]] = {
    GZIP: (gzip.open, ".gz", "gzip"),
    BZIP2: (bz2.open, ".bz2", "bz2"),
    XZ: (lzma.open, ".xz", "lzma"),
}
_DAMAGE = (
    zipfile.BadZipFile,
    tarfile.TarError,
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
    from .sevenzip import seven_zip_members  # py7zr is imported when the first 7z comes

    seven_zip_members(path, ctx, mime)


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
