"""File and member names that are not valid UTF-8: stored losslessly, shown escaped, never fatal."""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest, retry_failures
from casegraph.records import FailureReason
from casegraph.settings import Settings
from tests.conftest import BACKENDS, new_case, run_cli


@pytest.fixture(params=BACKENDS)
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    """A case of each backend: a name's bytes survive PostgreSQL's text too."""
    opened = new_case(request.param, tmp_path, request, Settings(workers=2))
    yield opened
    opened.close()


def _trove(root: Path) -> Path:
    trove = root / "trove"
    trove.mkdir()
    # Linux names are bytes: this one is Latin-1, not UTF-8
    (trove / os.fsdecode(b"caf\xe9-memo.txt")).write_text("The convoy left at dawn.\n")
    (trove / os.fsdecode(b"empty-\xff.txt")).write_bytes(b"")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:
        data = b"Orders for the night.\n"
        info = tarfile.TarInfo(os.fsdecode(b"ordres-\xe9t\xe9.txt"))
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (trove / "bundle.tar").write_bytes(buffer.getvalue())
    return trove


def test_names_that_are_not_utf8_are_ingested_and_shown_escaped(case: Case, tmp_path: Path):
    trove = _trove(tmp_path)
    report = ingest(case, [trove], progress=False)
    assert report.documents_added == 4
    paths = {row["path"] for row in case.documents.select()}
    assert paths == {
        "trove/caf\\xe9-memo.txt",
        "trove/empty-\\xff.txt",
        "trove/bundle.tar",
        "trove/bundle.tar!/ordres-\\xe9t\\xe9.txt",
    }
    # a re-run knows every file by its real name on disk
    again = ingest(case, [trove], progress=False)
    assert again.files_skipped == again.files_seen == 3
    assert retry_failures(case, progress=False).failures == 1  # the empty file, found again
    done = run_cli("ls", case.location)
    assert done.returncode == 0, done.stderr
    assert "caf\\xe9-memo.txt" in done.stdout


def test_an_unreadable_input_with_such_a_name_is_retried_by_its_real_name(
    case: Case, tmp_path: Path
) -> None:
    trove = _trove(tmp_path)
    locked = trove / os.fsdecode(b"caf\xe9-memo.txt")
    case.documents.add_input_failure(
        locked, "trove/" + locked.name, (1, 1), FailureReason.CORRUPT, "no"
    )
    assert case.documents.requeue_failures() == [(str(locked), "trove/caf\\xe9-memo.txt")]
