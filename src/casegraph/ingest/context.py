"""What an extractor may do besides returning text: emit children, within limits.

Reads the member streams that extractors hand over, counting bytes as they are decompressed;
writes each member to the blob store, and removes the blobs an extraction created when it
fails. Every safety limit on what one file yields is enforced here: depth, member count,
expanded bytes and compression ratio (the last two on the bytes really read, never on
declared sizes), and the characters of text handed to the ingest process.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from ..case.blobs import BlobStore
from ..errors import LimitExceeded
from ..records import ChildRef, Extraction
from ..settings import Settings

RATIO_FLOOR = 1024 * 1024  # below this many expanded bytes a high ratio is harmless


class ByteStream(Protocol):
    """What a member is read through: a file object open for bytes, or a decompressing one."""

    def read(self, size: int = -1, /) -> bytes: ...


class Expansion:
    """Bytes decompressed from one compressed source: a member, or a whole container."""

    def __init__(self, compressed: int, ratio: float):
        self.compressed = compressed
        self.ratio = ratio
        self.expanded = 0

    def count(self, size: int) -> None:
        """Count size more expanded bytes; LimitExceeded once they outgrow the ratio."""
        self.expanded += size
        if self.expanded > RATIO_FLOOR and self.expanded > self.ratio * self.compressed:
            raise LimitExceeded(
                f"{self.expanded} bytes expanded from {self.compressed} compressed bytes,"
                f" over the {self.ratio:.0f}:1 compression ratio"
            )


class _Metered:
    """A member stream read through the limits: its expansion's ratio and the context's total."""

    def __init__(self, stream: ByteStream, ctx: ExtractContext, expansion: Expansion | None):
        self.stream = stream
        self.ctx = ctx
        self.expansion = expansion
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        """Read on, stopping with LimitExceeded as soon as a limit is broken."""
        chunk = self.stream.read(size)
        self.read_bytes += len(chunk)
        self.ctx.check_total(self.read_bytes)
        if self.expansion is not None:
            self.expansion.count(len(chunk))
        return chunk


@dataclass
class ExtractContext:
    """Passed to every extractor: the file's name and depth, and a sink for members."""

    name: str
    depth: int
    blobs: BlobStore
    settings: Settings
    children: list[ChildRef] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    expanded_bytes: int = 0
    created: list[str] = field(default_factory=list)
    _zip_rooms: tuple[zipfile.ZipFile, dict[int, int]] | None = field(default=None, repr=False)

    def expansion(self, compressed: int) -> Expansion:
        """A meter for bytes decompressed from compressed bytes (a bound where not known)."""
        return Expansion(compressed, self.settings.max_compression_ratio)

    def zip_expansion(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Expansion:
        """A meter for one ZIP member, bounded by the room its compressed data really has."""
        if self._zip_rooms is None or self._zip_rooms[0] is not archive:
            self._zip_rooms = (archive, _zip_room(archive))
        room = self._zip_rooms[1].get(info.header_offset, info.compress_size)
        return self.expansion(min(info.compress_size, room))

    def check_total(self, pending: int) -> None:
        """Refuse once the members stored plus pending bytes pass max_expanded_bytes."""
        if self.expanded_bytes + pending > self.settings.max_expanded_bytes:
            raise LimitExceeded(
                f"members expand to more than {self.settings.max_expanded_bytes} bytes"
            )

    def add_child(
        self, name: str, content: bytes | ByteStream, expansion: Expansion | None = None
    ) -> ChildRef:
        """Store one contained item as a child; a decompressed one is counted by expansion."""
        if self.depth + 1 > self.settings.max_depth:
            raise LimitExceeded(f"containers nested deeper than {self.settings.max_depth}")
        if len(self.children) >= self.settings.max_members:
            raise LimitExceeded(f"more than {self.settings.max_members} members")
        stream = io.BytesIO(content) if isinstance(content, bytes) else content
        stored = self.blobs.put_stream(_Metered(stream, self, expansion))  # type: ignore[arg-type]
        if stored.created:
            self.created.append(stored.sha256)
        self.expanded_bytes += stored.size
        ref = ChildRef(name=name, sha256=stored.sha256, size=stored.size)
        self.children.append(ref)
        return ref

    def read_member(self, stream: ByteStream, expansion: Expansion) -> bytes:
        """A member's bytes read whole, within the same limits as add_child."""
        return _Metered(stream, self, expansion).read()

    def check_text(self, extraction: Extraction) -> None:
        """Refuse a file whose text is more than max_text_chars.

        Pages are indexed by the ingest process, beyond the worker's time and memory limits:
        the text a worker hands over must be bounded here, where those limits still hold.
        """
        chars = extraction.text_chars
        if chars > self.settings.max_text_chars:
            raise LimitExceeded(
                f"{chars} characters of text, over the {self.settings.max_text_chars} limit"
            )

    def skip_member(self, name: str, why: str) -> None:
        """Record a member that is not extracted (a link, a device file) and why."""
        self.skipped.append({"name": name, "why": why})

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """Children are kept only if the block ends well; else the blobs it created go."""
        try:
            yield
        except BaseException:
            self.discard_created()
            raise

    def discard_created(self) -> None:
        """Forget the children and remove the blobs this extraction newly created."""
        for sha in self.created:
            self.blobs.remove(sha)
        self.created.clear()
        self.children.clear()
        self.expanded_bytes = 0


def _zip_room(archive: zipfile.ZipFile) -> dict[int, int]:
    """Bytes from each local header to the next one or to the central directory.

    A member's compressed data cannot really be longer, whatever compress_size declares, and
    members that overlap (one deflate stream read by many entries) get only their own room.
    """
    starts = sorted({info.header_offset for info in archive.infolist()} | {archive.start_dir})
    return {start: end - start for start, end in zip(starts, starts[1:], strict=False)}
