"""The store's tests run against the repository interface, once for each backend.

A backend is a way to make an empty case. SQLite is the only one today; a second backend
(PostgreSQL, issue 18) joins ``BACKENDS`` and must pass the same tests unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.settings import Settings

BACKENDS: dict[str, Callable[[Path], Case]] = {
    "sqlite": lambda root: Case.create(root / "case", Settings(workers=1)),
}


@pytest.fixture(params=sorted(BACKENDS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    """An empty case of each backend."""
    opened = BACKENDS[request.param](tmp_path)
    yield opened
    opened.close()
