"""Pick the extractor for a file by its detected type, and run it within the context's limits."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import ExtractionError, UnsupportedFile
from ..records import Extraction, FailureReason
from . import archive, email, image, office, pdf, text
from .context import ExtractContext
from .detect import detect_mime, looks_like_text


class _Extractor(Protocol):
    """An extractor module: the types it reads, and how."""

    @property
    def MIMES(self) -> frozenset[str]: ...

    def extract(self, path: Path, ctx: ExtractContext, mime: str) -> Extraction: ...


_BY_MIME: dict[str, _Extractor] = {
    mime: module for module in (text, pdf, office, email, archive, image) for mime in module.MIMES
}
_EMPTY = {"inode/x-empty", "application/x-empty"}


def _extractor_for(mime: str) -> _Extractor | None:
    """The extractor module for a MIME type; any other text/* is read as plain text."""
    if mime in _BY_MIME:
        return _BY_MIME[mime]
    return text if mime.startswith("text/") else None


def extract_file(path: Path, ctx: ExtractContext) -> Extraction:
    """Detect the file's type by content and extract it with the matching module."""
    mime = detect_mime(path, ctx.name)
    if mime in _EMPTY:
        raise ExtractionError("the file is empty", FailureReason.EMPTY)
    module = _extractor_for(mime)
    if module is None and looks_like_text(path):
        module = text  # an unknown type that is text (a PGP signature, a log) is read as text
    if module is None:
        raise UnsupportedFile(f"no extractor for {mime}")
    with ctx.all_or_nothing():  # a file that fails keeps none of the members it stored
        extraction = module.extract(path, ctx, mime)
        ctx.check_text(extraction)
    return extraction
