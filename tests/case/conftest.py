"""The store's tests run against the repository interface, once for each backend (a case
folder in SQLite, a case in the test PostgreSQL database): both pass the same tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casegraph.case.store import Case
from tests.conftest import BACKENDS, new_case


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    """An empty case of each backend."""
    opened = new_case(request.param, tmp_path, request)
    yield opened
    opened.close()
