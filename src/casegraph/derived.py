"""Tables casegraph derives from installed packages (the gazetteer, the language model
unpacked), kept under ``~/.cache/casegraph`` (``$XDG_CACHE_HOME`` when set) so that later
processes load them instead of deriving them again.

Reads and writes only that folder; a home that cannot be written costs time, not a run."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

# what reading a cached table that is damaged, partly written, of another layout, or written
# by other versions of the libraries whose objects it holds raises
UNREADABLE = (
    OSError,
    EOFError,
    ImportError,
    pickle.UnpicklingError,
    AttributeError,
    TypeError,
    ValueError,
)


def cache_dir() -> Path:
    """Where casegraph keeps tables it derives from installed packages."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "casegraph"


def cached(name: str, version: str, make: Callable[[], Any]) -> Any:
    """The table called name at this version: read from the cache when it is there and
    readable, else made by make() and written there for the next process."""
    try:
        with _path(name, version).open("rb") as handle:
            return pickle.load(handle)
    except UNREADABLE:
        table = make()
        keep(table, name, version)
        return table


def keep(table: Any, name: str, version: str) -> None:
    """Write a derived table where the next process finds it, whole or not at all, and
    remove the tables of the same name an earlier version derived."""
    path = _path(name, version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)  # whole or not at all, whoever writes it at the same time
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a home that cannot be written: the table is derived again next time


def _path(name: str, version: str) -> Path:
    return cache_dir() / f"{name}-{version}.pickle"
