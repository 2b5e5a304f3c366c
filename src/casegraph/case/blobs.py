"""Content-addressed store of originals: written once by SHA-256, never modified.

Reads files, bytes and streams; writes blobs/ab/cd/<sha256>, read-only, through a temporary
file renamed into place. A blob is removed only by the extraction that created it, when that
extraction fails (see ExtractContext.discard_created).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, NamedTuple

CHUNK = 1024 * 1024


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # its writer renamed it into place meanwhile
        return float("inf")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Stored(NamedTuple):
    """A blob just put: its hash, its size, and whether this put created the file."""

    sha256: str
    size: int
    created: bool


class BlobStore:
    """Originals kept under blobs/ab/cd/<sha256>, read-only once written."""

    def __init__(self, root: Path):
        self.root = root
        self._made: set[Path] = set()

    def path(self, sha256: str) -> Path:
        """Where the blob with this hash lives."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        """Whether the blob is already stored."""
        return self.path(sha256).exists()

    def put_file(self, source: Path) -> tuple[str, int]:
        """Copy a file into the store; returns (sha256, size)."""
        with open(source, "rb") as handle:
            sha, size, _ = self.put_stream(handle)
        return sha, size

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        """Store bytes; returns (sha256, size)."""
        sha = hashlib.sha256(data).hexdigest()
        if not self.has(sha):
            self._write_atomically(sha, lambda out: out.write(data))
        return sha, len(data)

    def put_stream(self, stream: BinaryIO) -> Stored:
        """Store a stream, hashing while copying, and say whether the blob is new.

        An exception raised by the stream's read leaves nothing behind.
        """
        digest = hashlib.sha256()
        size = 0
        self._make_dir(self.root)
        fd, tmp_name = _incoming(self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            return Stored(sha, size, self._place(Path(tmp_name), sha))
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)

    def remove(self, sha256: str) -> None:
        """Delete a blob (only one that its creator knows no document refers to)."""
        self.path(sha256).unlink(missing_ok=True)

    def clean_incoming(self, idle_for: float = 0.0) -> int:
        """Remove half-written files left by a killed run (those untouched for ``idle_for``
        seconds: another process may be writing the others); returns how many."""
        found = list(self.root.glob(".incoming-*")) if self.root.exists() else []
        before = time.time() - idle_for
        stale = [path for path in found if _modified(path) <= before]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    def _make_dir(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def _write_atomically(self, sha: str, write: Callable[[BinaryIO], object]) -> None:
        self._make_dir(self.root)
        fd, tmp_name = _incoming(self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
            self._place(Path(tmp_name), sha)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)

    def _place(self, tmp: Path, sha: str) -> bool:
        """Move a written file into place unless the blob is there; True when it was not."""
        target = self.path(sha)
        if target.exists():
            return False
        self._make_dir(target.parent)
        os.chmod(tmp, 0o444)
        # rename is atomic: a killed run leaves either no blob or a whole one
        os.replace(tmp, target)
        return True


def _incoming(folder: Path) -> tuple[int, str]:
    """A new temporary file in folder, open for writing: its descriptor and name."""
    import tempfile  # not at the top: quick commands that open a case never write a blob

    return tempfile.mkstemp(dir=folder, prefix=".incoming-")
