"""The case's writer lock: an advisory lock on the file ``.lock`` in the case folder.

One process at a time writes a case (an ingest, an extraction, a search that applies what a
stopped run left queued for the index); every other process only reads while it is held.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# how long a writer waits for a short hold to end (a search applying a few queued pages)
WAIT_SECONDS = 5.0
_STEP_SECONDS = 0.1


@contextmanager
def writer_lock(path: Path, wait: float = 0.0) -> Iterator[bool]:
    """Hold the lock at ``path`` while the block runs; True where it was taken, False where
    another process still held it after ``wait`` seconds."""
    with open(path, "w") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(_STEP_SECONDS)
        yield True
