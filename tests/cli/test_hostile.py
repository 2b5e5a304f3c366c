"""Cases and input that fight back: odd folder names, damaged or read-only cases, bad bytes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casegraph.case.store import DB_NAME, Case
from casegraph.cli import main
from tests.conftest import cli_json, run_cli

# runs a command as root without the power to override file modes: a user who can read
# the case but not write it, whatever the tests run as
READER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
READER += ["--inh-caps=-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with one memo and one empty file, in a folder whose name URIs misread."""
    root = tmp_path_factory.mktemp("hostile")
    trove = root / "trove"
    trove.mkdir()
    (trove / "memo.txt").write_text("The convoy crossed the river at night.\n")
    (trove / "empty.txt").write_bytes(b"")
    case = root / "a#b?c%d"
    assert run_cli("init", str(case)).returncode == 0
    cli_json("ingest", str(case), str(trove))
    return case


def copy_of(case: Path, tmp_path: Path) -> Path:
    """A copy of the case to damage."""
    return Path(shutil.copytree(case, tmp_path / "copy"))


def one_line_error(done: subprocess.CompletedProcess, code: str) -> str:
    assert done.returncode == 1, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert f"casegraph: {code}:" in done.stderr
    return done.stderr


def test_a_case_folder_named_with_uri_characters_works(made: Path) -> None:
    result = cli_json("search", str(made), "convoy")
    assert result["total"] == 1
    assert sorted(p.name for p in made.parent.iterdir()) == ["a#b?c%d", "trove"]


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda db: db.write_bytes(b""), "is empty (0 bytes)"),
        (lambda db: db.write_bytes(db.read_bytes()[:5000]), "malformed"),
        (lambda db: db.write_bytes(b"garbage " * 2000), "not a database"),
    ],
)
def test_a_damaged_database_is_one_line(made: Path, tmp_path: Path, damage, words: str) -> None:
    case = copy_of(made, tmp_path)
    damage(case / DB_NAME)
    for args in (("status", str(case)), ("search", str(case), "convoy")):
        message = one_line_error(run_cli(*args), "E011")
        assert words in message


def test_a_newer_schema_is_refused(made: Path, tmp_path: Path) -> None:
    case = copy_of(made, tmp_path)
    with sqlite3.connect(case / DB_NAME) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    message = one_line_error(run_cli("status", str(case)), "E012")
    assert "newer casegraph" in message


def as_reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*READER, sys.executable, "-m", "casegraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        timeout=300,
    )


@pytest.fixture
def read_only(made: Path, tmp_path: Path) -> Path:
    """A copy of the case in a folder this user may read but not write."""
    if not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop the power to override file modes")
    case = copy_of(made, tmp_path)
    for path in [case, *case.rglob("*")]:
        path.chmod(path.stat().st_mode & 0o555)
    probe = subprocess.run([*READER, "true"], capture_output=True, text=True)
    if probe.returncode != 0:  # not allowed to drop capabilities here
        pytest.skip(probe.stderr)
    yield case
    for path in [case, *case.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)


def test_a_read_only_case_can_be_read(read_only: Path) -> None:
    before = sorted(p.name for p in read_only.rglob("*"))
    doc = json.loads(as_reader("ls", str(read_only), "--json").stdout)[0]
    for args in (
        ("status", str(read_only)),
        ("search", str(read_only), "convoy"),
        ("show", str(read_only), doc["doc_id"]),
    ):
        done = as_reader(*args, "--json")
        assert done.returncode == 0, done.stderr
    assert json.loads(as_reader("search", str(read_only), "convoy", "--json").stdout)["total"] == 1
    for args in (
        ("ingest", str(read_only), str(read_only)),
        ("config", str(read_only), "workers", "3"),
    ):
        assert "read-only here" in one_line_error(as_reader(*args), "E020")
    assert sorted(p.name for p in read_only.rglob("*")) == before


def test_json_output_is_valid_utf8(made: Path) -> None:
    query = os.fsdecode(b"convoy \xff")
    done = subprocess.run(
        [sys.executable, "-m", "casegraph", "search", str(made), query, "--json"],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["query"] == "convoy \\xff"
    failed = subprocess.run(
        [sys.executable, "-m", "casegraph", "show", str(made), query, "--json"],
        capture_output=True,
        timeout=300,
    )
    assert failed.returncode == 1
    assert json.loads(failed.stdout.decode("utf-8"))["error"]["code"] == "E005"


def test_a_retry_of_an_original_gone_from_the_store_is_a_typed_failure(
    made: Path, tmp_path: Path
) -> None:
    case = copy_of(made, tmp_path)
    shutil.rmtree(case / "blobs")
    (case / "blobs").mkdir()
    rows = cli_json("failures", str(case), "--retry")
    assert [(r["path"], r["reason"]) for r in rows] == [("trove/empty.txt", "missing_original")]


def test_check_says_a_healthy_case_is_healthy(made: Path) -> None:
    report = cli_json("check", str(made))
    assert report["healthy"] and report["checked"] == 2 and report["lost"] == []


def test_check_names_each_original_missing_or_altered(made: Path, tmp_path: Path) -> None:
    case = copy_of(made, tmp_path)
    memo, empty = sorted(cli_json("ls", str(case)), key=lambda row: row["path"])[::-1]
    blobs = {path.name: path for path in (case / "blobs").rglob("*") if path.is_file()}
    blobs[cli_json("show", str(case), memo["doc_id"])["sha256"]].write_text("forged")
    blobs[cli_json("show", str(case), empty["doc_id"])["sha256"]].unlink()
    done = run_cli("check", str(case), "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [d["path"] for d in report["altered"]] == ["trove/memo.txt"]
    assert [d["path"] for d in report["missing"]] == ["trove/empty.txt"]
    assert len(report["lost"]) == 2 and not report["healthy"]


def test_check_says_the_index_of_a_damaged_database_is_lost(made: Path, tmp_path: Path) -> None:
    case = copy_of(made, tmp_path)
    (case / DB_NAME).write_bytes((case / DB_NAME).read_bytes()[:5000])
    done = run_cli("check", str(case))
    assert done.returncode == 1, done.stderr
    assert "malformed" in done.stdout and "cannot be read" in done.stdout
    assert done.stdout.strip().endswith("damage found")


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("disk I/O error", "E013"),
        ("database is locked", "E007"),
        ("unable to open database file", "E013"),
        ("attempt to write a readonly database", "E020"),
        ("database or disk is full", "E020"),
    ],
)
def test_an_sqlite_error_from_the_case_is_one_coded_line(
    made: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, message, code
) -> None:
    def fail(*_args: object) -> None:
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(Case, "save_settings", fail)
    with pytest.raises(SystemExit) as stopped:
        main(["config", str(made), "workers", "3"])
    assert stopped.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith(f"casegraph: {code}: ") and str(made) in error
    assert message in error and len(error.strip().splitlines()) == 1
