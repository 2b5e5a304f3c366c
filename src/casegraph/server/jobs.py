"""Work on server cases spread over worker processes on any machine that reaches the
database: Procrastinate's jobs, kept in the same PostgreSQL (no other broker).

Reads and writes the job queue (Procrastinate's tables in the database's ``public``
schema) and, through the repositories, the case each job names. A job is coarse (a batch
of input files, a range of pages to read, the case-wide steps of an extraction), idempotent
(content-derived ids; a file already stored or a page already read is skipped) and retried
with backoff. A worker killed mid-job loses only its open transaction: its job is found
stalled (no heartbeat) and runs again.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import procrastinate
import procrastinate.exceptions
import procrastinate.sql

from ..case.address import ServerAddress, without_password
from ..case.sql import display_path
from ..errors import CaseUnavailable, one_line

if TYPE_CHECKING:
    from pebble import ProcessPool

    from ..case.store import Case
    from ..ingest.pipeline import SourceFile
    from ..settings import Settings

app = procrastinate.App(connector=procrastinate.PsycopgConnector())
RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=2)
QUEUES = ("ingest", "extract")
# a job opens the case and reads which of its files are known: 200 files make that a small
# part of its work, and a retried job redoes little
FILES_PER_JOB = 200
# what a reading job reads: about 20 s of one core's work (some 27,000 characters a second
# here), so that the last jobs of an extraction leave other workers idle briefly and a
# retried job redoes little; no more pages than this, whose each costs a few statements
CHARS_PER_JOB = 500_000
PAGES_PER_JOB = 500
# a case-wide job waits this long for reading jobs of its case that no worker takes
READERS_UNTAKEN_SECONDS = 10.0
# jobs a worker runs at once, on its one set of parser processes: while one records its
# last files and commits, the other's files keep the parsers busy
JOBS_AT_ONCE = 2
# a worker says it is alive this often; one silent this long is taken for dead and its
# jobs run again
HEARTBEAT_SECONDS = 2.0
STALLED_SECONDS = 10.0
_POLL_SECONDS = 0.5


class KeptParsers:
    """The parser processes of a worker, one set per case and settings, kept from one job to
    the next and shared by the jobs it runs at once: a job starts parsing at once, and one
    job's files keep them busy while another records its last results. A set is stopped
    when a job of another case or settings comes and it has no job."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pools: dict[tuple[str, ...], ProcessPool] = {}
        self._users: Counter[tuple[str, ...]] = Counter()

    @contextmanager
    def __call__(self, case: Case, settings: Settings) -> Iterator[ProcessPool]:
        from ..ingest.pipeline import new_parser_pool

        key = (str(case.root), case.location, repr(sorted(settings.as_dict().items())))
        with self._lock:
            for other in [k for k in self._pools if k != key and not self._users[k]]:
                _stop(self._pools.pop(other))
            if key in self._pools and not self._pools[key].active:
                _stop(self._pools.pop(key))
            if key not in self._pools:
                self._pools[key] = new_parser_pool(case, settings)
            self._users[key] += 1
            pool = self._pools[key]
        try:
            yield pool
        finally:
            with self._lock:
                self._users[key] -= 1

    def close(self) -> None:
        with self._lock:
            while self._pools:
                _stop(self._pools.popitem()[1])


def _stop(pool: ProcessPool) -> None:
    pool.stop()  # type: ignore[no-untyped-call]
    pool.join()


_parsers = KeptParsers()


@app.task(name="casegraph.ingest_files", queue="ingest", retry=RETRY)
def ingest_files(case: str, files: list[list[Any]]) -> None:
    """Ingest a batch of input files: [source (its bytes' hex), path shown, size, mtime]."""
    from ..ingest.pipeline import SourceFile, ingest_batch

    sources = [
        SourceFile(Path(os.fsdecode(bytes.fromhex(source))), path, size, mtime)
        for source, path, size, mtime in files
    ]
    with _opened(case) as opened:
        ingest_batch(opened, sources, _parsers)


@app.task(name="casegraph.read_pages", queue="extract", retry=RETRY)
def read_pages(case: str, first: int, last: int) -> None:
    """Read the unread pages of a range of page ids (names, events, claims), unless the
    case-wide job of the case's extraction has begun: it reads them itself."""
    from ..nlp.extract import recognise_pages

    with _opened(case) as opened, opened.reading_lock(alone=False) as free:
        if free:
            recognise_pages(opened, (first, last))
            opened.refresh_statistics()


@app.task(name="casegraph.extract_case", queue="extract", retry=RETRY, pass_context=True)
def extract_case(context: procrastinate.JobContext, case: str) -> None:
    """Once no job is reading the case's pages, read those left, then spread names, resolve
    and link across the case (one such job at a time per case)."""
    from ..nlp.extract import extract

    assert context.job is not None and context.job.id is not None
    _await_readers(case, context.job.id)
    with _opened(case) as opened, opened.reading_lock(alone=True):
        extract(opened, progress=False)


# the reading jobs of a case queued before a job, by state: those that a living worker runs
# (its heartbeat fresh), and those not begun
_READERS = (
    "SELECT count(*) FILTER (WHERE j.status = 'doing'"
    " AND w.last_heartbeat > now() - make_interval(secs => %(stalled)s)) AS running,"
    " count(*) FILTER (WHERE j.status = 'todo') AS waiting"
    " FROM procrastinate_jobs j LEFT JOIN procrastinate_workers w ON w.id = j.worker_id"
    " WHERE j.task_name = %(task)s AND j.args->>'case' = %(case)s AND j.id < %(before)s"
    " AND j.status IN ('todo', 'doing')"
)


def _await_readers(case: str, job_id: int) -> None:
    """Wait while the reading jobs queued before this one for its case run or wait to be
    taken, so that its pages are read side by side rather than here; while none runs, not
    longer than READERS_UNTAKEN_SECONDS (no worker is free to take them, or the one that
    took them died: their pages are read here, and they end at once when they come). The
    lock taken next keeps the two apart either way."""
    connector = app.connector.get_sync_connector()
    quiet_since = time.monotonic()
    while True:
        found = connector.execute_query_one(
            _READERS, stalled=STALLED_SECONDS, task=read_pages.name, case=case, before=job_id
        )
        if found["running"]:
            quiet_since = time.monotonic()
        elif not found["waiting"] or time.monotonic() - quiet_since > READERS_UNTAKEN_SECONDS:
            return
        time.sleep(_POLL_SECONDS)


@contextmanager
def _opened(case: str) -> Iterator[Any]:
    from ..case.store import Case

    with closing(Case.open(ServerAddress.parse(case))) as opened:
        yield opened


@contextmanager
def queue_of(database: str) -> Iterator[procrastinate.App]:
    """The job queue of a database, made there on first use."""
    _reachable(database)
    connector = procrastinate.PsycopgConnector(conninfo=database)
    with app.replace_connector(connector), app.open():
        if not app.check_connection():
            _make_queue(app)
        yield app


def _reachable(database: str) -> None:
    """Say in one line that the database cannot be reached (a pool would try for 30 s)."""
    import psycopg

    try:
        psycopg.connect(database, connect_timeout=10).close()
    except psycopg.Error as error:
        shown = without_password(database)
        raise CaseUnavailable(f"cannot reach {shown}: {one_line(error)}") from None


def _make_queue(queue: procrastinate.App) -> None:
    try:
        queue.schema_manager.apply_schema()
    except procrastinate.exceptions.ConnectorException:  # another made it at the same time
        if not queue.check_connection():
            raise


def defer_ingest(address: ServerAddress, inputs: list[Path]) -> list[int]:
    """Queue the ingest of these files and folders as jobs of a few files each (in a queue
    opened with ``queue_of``); the jobs' ids."""
    from ..ingest.pipeline import walk_inputs

    batches: list[dict[str, Any]] = [
        {"case": str(address), "files": batch} for batch in file_batches(list(walk_inputs(inputs)))
    ]
    return ingest_files.batch_defer(*batches)


def defer_extract(address: ServerAddress) -> list[int]:
    """Queue a case's extraction (in a queue opened with ``queue_of``): its unread pages in
    jobs of a few hundred, which any worker runs, then one job for the whole case, which
    holds the case's lock while it runs; the jobs' ids."""
    case = str(address)
    return [*defer_reading(address), extract_case.configure(lock=case).defer(case=case)]


def defer_reading(address: ServerAddress) -> list[int]:
    """Queue the reading of a case's unread pages in jobs of CHARS_PER_JOB characters (or
    PAGES_PER_JOB pages); their ids."""
    from ..nlp.extract import unread_page_ranges

    with _opened(str(address)) as opened:
        ranges = unread_page_ranges(opened, CHARS_PER_JOB, PAGES_PER_JOB)
    given: list[dict[str, Any]] = [
        {"case": str(address), "first": first, "last": last} for first, last in ranges
    ]
    return read_pages.batch_defer(*given) if given else []


def jobs_of(queue: procrastinate.App, address: ServerAddress) -> dict[str, dict[str, int]]:
    """How many of a case's jobs are in each state (todo, doing, succeeded, failed ...), by
    queue (in a queue opened with ``queue_of``)."""
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    for job in queue.job_manager.list_jobs():
        if job.task_kwargs.get("case") == str(address):
            counted[job.queue][str(job.status)] += 1
    return {name: dict(sorted(states.items())) for name, states in sorted(counted.items())}


def file_batches(files: list[SourceFile]) -> Iterator[list[list[Any]]]:
    """Input files (``SourceFile``) in jobs' batches, as their arguments."""
    batch: list[list[Any]] = []
    for file in files:
        shown = display_path(file.path)  # JSON in PostgreSQL holds valid text only
        batch.append([os.fsencode(file.source).hex(), shown, file.size, file.mtime_ns])
        if len(batch) == FILES_PER_JOB:
            yield batch
            batch = []
    if batch:
        yield batch


def wait_for(queue: procrastinate.App, job_ids: list[int]) -> dict[str, int]:
    """Wait until these jobs have ended, running again those of workers that died; how
    many ended in each state."""
    waiting = sorted(job_ids, reverse=True)  # the oldest last, to be looked at first
    ended: dict[str, int] = {}
    while waiting:
        retry_stalled(queue)
        # jobs end roughly in the order they were queued: look until one is still running
        while waiting:
            (job,) = queue.job_manager.list_jobs(id=waiting[-1])
            if job.status in ("todo", "doing"):
                time.sleep(_POLL_SECONDS)
                break
            ended[str(job.status)] = ended.get(str(job.status), 0) + 1
            waiting.pop()
    return ended


def retry_stalled(queue: procrastinate.App) -> int:
    """Put back in the queue the jobs of workers that stopped sending heartbeats."""
    stalled = queue.connector.get_sync_connector().execute_query_all(
        query=procrastinate.sql.queries["select_stalled_jobs_by_heartbeat"],
        queue=None,
        task_name=None,
        seconds_since_heartbeat=STALLED_SECONDS,
    )
    retried = 0
    for job in stalled:
        try:
            queue.job_manager.retry_job_by_id(job["id"], datetime.now(UTC))
            retried += 1
        except procrastinate.exceptions.ConnectorException:  # another process put it back
            continue
    return retried


def run_worker(database: str, queues: list[str], burst: bool) -> None:
    """Work on the database's jobs of these queues; with ``burst``, until none is left."""
    from ..ingest.worker import load_every_parser

    load_every_parser()  # once, so that every job's parser process starts with them
    with queue_of(database) as queue:
        retry_stalled(queue)
    connector = procrastinate.PsycopgConnector(conninfo=database)
    try:
        with app.replace_connector(connector):
            app.run_worker(
                queues=queues,
                wait=not burst,
                concurrency=JOBS_AT_ONCE,
                update_heartbeat_interval=HEARTBEAT_SECONDS,
                stalled_worker_timeout=STALLED_SECONDS,
                install_signal_handlers=True,
            )
    finally:
        _parsers.close()
