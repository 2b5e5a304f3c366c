"""A server case's work as jobs on workers: the same documents as a laptop's ingest, and a
worker killed mid-job loses and duplicates nothing (its job is found stalled and runs
again). Real PostgreSQL, real worker processes, a real SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import procrastinate
import pytest

from casegraph.case.address import ServerAddress
from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.server import jobs
from casegraph.settings import Settings
from tests.conftest import write_small_trove

MEMOS = 300  # two jobs of at most FILES_PER_JOB files: time enough to kill a worker in one


def _worker(database: str, queue: str = "ingest") -> subprocess.Popen[bytes]:
    """A worker in a session of its own, so that a kill takes its pool's processes too."""
    return subprocess.Popen(
        [sys.executable, "-m", "casegraph", "worker", database, "--queues", queue],
        start_new_session=True,
    )


def _stop(worker: subprocess.Popen[bytes], how: int) -> None:
    os.killpg(worker.pid, how)
    worker.wait(timeout=60)


def _stored(case: Case) -> list[tuple[str, str, int, str]]:
    """What a case holds, whoever wrote it: every document by its paths and content, and
    every page's text."""
    rows = case.db.execute(
        "SELECT p.path, d.sha256, g.number, g.text FROM paths p"
        " JOIN documents d ON d.doc_id = p.doc_id LEFT JOIN pages g ON g.doc_id = d.doc_id"
    )
    return sorted((row[0], row[1], row[2] or 0, row[3] or "") for row in rows)


def _documents(case: Case) -> int:
    return int(case.db.execute("SELECT count(*) FROM documents").fetchone()[0])


@pytest.fixture
def trove(tmp_path: Path) -> Path:
    return write_small_trove(tmp_path, count=MEMOS)


@pytest.fixture
def laptop(tmp_path: Path, trove: Path) -> Iterator[Case]:
    case = Case.create(tmp_path / "laptop", Settings(workers=1))
    ingest(case, [trove], progress=False)
    yield case
    case.close()


def _server_case(database: str, tmp_path: Path, name: str) -> ServerAddress:
    address = ServerAddress(database, name)
    Case.create_on_server(address, tmp_path / name, Settings(workers=1)).close()
    return address


def test_a_killed_worker_loses_and_doubles_nothing(
    server_database: str, tmp_path: Path, trove: Path, laptop: Case
) -> None:
    address = _server_case(server_database, tmp_path, "killed-worker")
    with jobs.queue_of(server_database) as queue:
        job_ids = jobs.defer_ingest(address, [trove])
        assert len(job_ids) == -(-(MEMOS + 3) // jobs.FILES_PER_JOB)
        first = _worker(server_database)
        with closing(Case.open(address)) as case:
            # killed inside its work: a third stored, and a job begun
            while _documents(case) < MEMOS // 3 or not queue.job_manager.list_jobs(status="doing"):
                assert first.poll() is None
                time.sleep(0.05)
        _stop(first, signal.SIGKILL)
        second = _worker(server_database)
        try:
            ended = jobs.wait_for(queue, job_ids)
        finally:
            _stop(second, signal.SIGTERM)
    assert ended == {"succeeded": len(job_ids)}
    with closing(Case.open(address)) as case:
        assert _stored(case) == _stored(laptop)
        assert _documents(case) == _documents(laptop)


def test_status_counts_a_server_cases_jobs_by_queue_and_state(
    server_database: str, tmp_path: Path, trove: Path
) -> None:
    from tests.conftest import run_cli

    address = _server_case(server_database, tmp_path, "jobs-counted")
    told = run_cli("ingest", str(address), str(trove), "--workers", "3")  # not this command's
    assert told.returncode == 1 and f"config {address} workers 3" in told.stderr
    assert json.loads(run_cli("status", str(address), "--json").stdout)["queued"] == {}
    queued = run_cli("ingest", str(address), str(trove))
    assert queued.returncode == 0, queued.stderr
    expected = -(-(MEMOS + 3) // jobs.FILES_PER_JOB)
    before = json.loads(run_cli("status", str(address), "--json").stdout)
    assert before["queued"] == {"ingest": {"todo": expected}}
    worked = run_cli("worker", server_database, "--burst")
    assert worked.returncode == 0, worked.stderr
    after = run_cli("status", str(address))
    assert f"ingest jobs:\n  {expected:>7}  succeeded" in after.stdout


TROVE2 = Path(__file__).parents[1] / "analysis" / "trove2" / "files"


def _found(location: str) -> dict[str, object]:
    """What extract found in a case, as its commands show it."""
    from tests.conftest import cli_json

    events = cli_json("events", location, "--json")
    assert isinstance(events, list)
    return {
        "entities": cli_json("entities", location, "--json"),
        "events": sorted(events, key=lambda event: event["id"]),
        "findings": cli_json("findings", location, "--json"),
    }


def _work_burst(queue: procrastinate.App, database: str, job_ids: list[int]) -> dict[str, int]:
    """Run these jobs with two workers that stop once none is left; how they ended."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "casegraph", "worker", database, "--burst"],
            start_new_session=True,
        )
        for _ in range(2)
    ]
    try:
        return jobs.wait_for(queue, job_ids)
    finally:
        for worker in workers:
            try:
                worker.wait(timeout=120)
            except subprocess.TimeoutExpired:
                _stop(worker, signal.SIGKILL)


@pytest.fixture
def laptop_found(tmp_path: Path) -> dict[str, object]:
    """What a case folder's extract finds in trove2."""
    from casegraph.nlp.extract import extract

    with closing(Case.create(tmp_path / "laptop", Settings(workers=1))) as laptop:
        ingest(laptop, [TROVE2], progress=False)
        extract(laptop, progress=False)
    return _found(str(tmp_path / "laptop"))


def _unread_case(database: str, tmp_path: Path, name: str) -> tuple[ServerAddress, str, int]:
    """A server case holding trove2, ingested and not read: its address, the version of the
    reading, and how many pages wait for it."""
    from casegraph.nlp.extract import STAGE, recognise_version

    address = _server_case(database, tmp_path, name)
    with closing(Case.open(address)) as case:
        ingest(case, [TROVE2], progress=False)
        label = recognise_version(case)
        return address, label, case.readings.todo_size(STAGE, label)[0]


def test_extraction_shared_by_workers_finds_what_a_laptop_finds(
    server_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    laptop_found: dict[str, object],
) -> None:
    from casegraph.nlp.extract import STAGE

    address, label, pages = _unread_case(server_database, tmp_path, "shared-reading")
    monkeypatch.setattr(jobs, "PAGES_PER_JOB", 8)  # several reading jobs for two workers
    with jobs.queue_of(server_database) as queue:
        readers = jobs.defer_reading(address)
        assert len(readers) == -(-pages // 8) > 2
        assert _work_burst(queue, server_database, readers) == {"succeeded": len(readers)}
        with closing(Case.open(address)) as case:  # the reading jobs read every page
            assert case.readings.todo_size(STAGE, label) == (0, 0)
        whole = jobs.defer_extract(address)  # nothing left to read: the case-wide job only
        assert len(whole) == 1
        assert _work_burst(queue, server_database, whole) == {"succeeded": 1}
        # all at once on another case: the case-wide job waits for the reading jobs
        at_once = _unread_case(server_database, tmp_path, "read-at-once")[0]
        queued = jobs.defer_extract(at_once)
        assert _work_burst(queue, server_database, queued) == {"succeeded": len(queued)}
    assert _found(str(address)) == laptop_found
    assert _found(str(at_once)) == laptop_found


def test_reading_jobs_share_a_lock_that_the_case_wide_job_holds_alone(
    server_database: str, tmp_path: Path
) -> None:
    address = _server_case(server_database, tmp_path, "reading-lock")
    cases = [Case.open(address) for _ in range(4)]
    first, second, whole, late = cases
    try:
        with first.reading_lock(alone=False) as one, second.reading_lock(alone=False) as two:
            assert one and two  # readers read side by side
            held = threading.Event()
            release = threading.Event()

            def case_wide() -> None:
                with whole.reading_lock(alone=True) as taken:
                    assert taken
                    held.set()
                    release.wait(timeout=30)

            waiting = threading.Thread(target=case_wide)
            waiting.start()
            time.sleep(0.5)
            assert not held.is_set()  # it waits for the readers
            with late.reading_lock(alone=False) as free:
                assert not free  # a reader that comes now leaves its pages to it
        assert held.wait(timeout=10)
        with late.reading_lock(alone=False) as free:
            assert not free
        release.set()
        waiting.join(timeout=10)
        with late.reading_lock(alone=False) as free:
            assert free
    finally:
        for case in cases:
            case.close()


def test_a_worker_killed_while_reading_pages_changes_nothing_found(
    server_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    laptop_found: dict[str, object],
) -> None:
    from casegraph.nlp.extract import STAGE

    address, label, pages = _unread_case(server_database, tmp_path, "killed-reader")
    monkeypatch.setattr(jobs, "PAGES_PER_JOB", 8)
    with jobs.queue_of(server_database) as queue:
        job_ids = jobs.defer_extract(address)
        first = _worker(server_database, "extract")
        deadline = time.monotonic() + 120
        with closing(Case.open(address)) as case:
            # killed while reading: some pages read, a job begun
            while case.readings.todo_size(STAGE, label)[0] > pages - 8 or not (
                queue.job_manager.list_jobs(status="doing")
            ):
                assert first.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
            assert case.readings.todo_size(STAGE, label)[0] > 0  # not all read yet
        _stop(first, signal.SIGKILL)
        second = _worker(server_database, "extract")
        try:
            ended = jobs.wait_for(queue, job_ids)
        finally:
            _stop(second, signal.SIGTERM)
    assert ended == {"succeeded": len(job_ids)}
    assert _found(str(address)) == laptop_found


def test_a_worker_keeps_its_parsers_for_the_next_job_of_the_same_case_and_settings(
    tmp_path: Path,
) -> None:
    kept = jobs.KeptParsers()
    case = Case.create(tmp_path / "kept", Settings(workers=1))
    try:
        with kept(case, case.load_settings()) as first, kept(case, case.load_settings()) as same:
            assert same is first  # two jobs at once share them
        with kept(case, case.load_settings()) as again:
            assert again is first  # the next job finds them
        changed = case.load_settings()
        changed.update("workers", "2")
        with kept(case, changed) as other:
            assert other is not first and other.active
        assert not first.active  # stopped once unused and other settings came
    finally:
        kept.close()
        case.close()
