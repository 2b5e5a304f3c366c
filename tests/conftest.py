"""Shared fixtures: real case folders and small real troves."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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
