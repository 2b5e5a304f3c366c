"""What an extractor may do besides returning text: emit children, within limits."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import BinaryIO

from ..case.blobs import BlobStore
from ..errors import LimitExceeded
from ..records import ChildRef
from ..settings import Settings


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

    def check_ratio(self, compressed: int, uncompressed: int) -> None:
        """Refuse a member whose declared compression ratio is absurd (a bomb)."""
        if compressed > 0 and uncompressed / compressed > self.settings.max_compression_ratio:
            raise LimitExceeded(
                f"compression ratio {uncompressed / compressed:.0f}:1 is over "
                f"{self.settings.max_compression_ratio:.0f}:1"
            )

    def add_child(self, name: str, content: bytes | BinaryIO) -> ChildRef:
        """Store one contained item and record it as a child of this file."""
        if self.depth + 1 > self.settings.max_depth:
            raise LimitExceeded(f"containers nested deeper than {self.settings.max_depth}")
        if len(self.children) >= self.settings.max_members:
            raise LimitExceeded(f"more than {self.settings.max_members} members")
        stream = io.BytesIO(content) if isinstance(content, bytes) else content
        room = self.settings.max_expanded_bytes - self.expanded_bytes
        try:
            sha, size = self.blobs.put_stream(stream, limit=room)
        except OverflowError:
            raise LimitExceeded(
                f"members expand to more than {self.settings.max_expanded_bytes} bytes"
            ) from None
        self.expanded_bytes += size
        ref = ChildRef(name=name, sha256=sha, size=size)
        self.children.append(ref)
        return ref

    def skip_member(self, name: str, why: str) -> None:
        """Record a member that is not extracted (a link, a device file) and why."""
        self.skipped.append({"name": name, "why": why})
