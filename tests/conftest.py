"""Shared fixtures: real case folders and small real troves."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from casegraph.settings import Settings

MEMO = "Memo {n}: the convoy carrying fuel for grain passes the northern checkpoint on day {n}.\n"


def write_small_trove(root: Path, count: int = 12) -> Path:
    """A folder of text files, a zip with members, a duplicate and an empty file."""
    trove = root / "trove"
    (trove / "memos").mkdir(parents=True)
    for n in range(count):
        (trove / "memos" / f"memo-{n:03}.txt").write_text(MEMO.format(n=n), encoding="utf-8")
    (trove / "copy-of-memo-000.txt").write_bytes((trove / "memos" / "memo-000.txt").read_bytes())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner/orders.txt", "Order: withdraw the armour from the district.\n")
        archive.writestr("inner/ledger.csv", "item,amount\nfuel,300\ngrain,450\n")
    (trove / "bundle.zip").write_bytes(buffer.getvalue())
    (trove / "empty.txt").write_bytes(b"")
    return trove


@pytest.fixture
def case(tmp_path: Path) -> Case:
    """A new case with two workers."""
    opened = Case.create(tmp_path / "case", Settings(workers=2))
    yield opened
    opened.close()


@pytest.fixture
def small_trove(tmp_path: Path) -> Path:
    """A small trove on disk."""
    return write_small_trove(tmp_path)


@pytest.fixture(scope="session")
def demo_summary(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo, built and read once for every test module that only looks at it."""
    from casegraph.demo.run import run_demo

    return run_demo(tmp_path_factory.mktemp("demo-shared"), workers=2, progress=False)


@pytest.fixture(scope="session")
def server_database() -> Iterator[str]:
    """A new, empty database on the test PostgreSQL server (CASEGRAPH_TEST_POSTGRES, else
    one `make test` starts, reached over its local socket), dropped after the session."""
    import psycopg

    server = os.environ.get("CASEGRAPH_TEST_POSTGRES", "postgresql://")
    name = f"casegraph_test_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.fail(f"no PostgreSQL for the server tests at {server} ({error}); run .ci/run")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{server}/{name}"
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


BACKENDS = ("postgresql", "sqlite")
_server_cases = itertools.count()


def new_case(
    backend: str, root: Path, request: pytest.FixtureRequest, settings: Settings | None = None
) -> Case:
    """An empty case of a backend: a case folder (SQLite), or a case in the session's test
    database with its originals and index under ``root`` (PostgreSQL)."""
    settings = settings or Settings(workers=1)
    if backend == "sqlite":
        return Case.create(root / "case", settings)
    address = ServerAddress(
        request.getfixturevalue("server_database"), f"case-{next(_server_cases)}"
    )
    return Case.create_on_server(address, root / "server-files", settings)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed casegraph command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "casegraph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        timeout=300,
    )


def cli_json(*args: str) -> object:
    """Run a casegraph command with --json, check it succeeded, and parse stdout."""
    done = run_cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
