"""Ingest runs: every input file ends as a document or a typed failure."""

from __future__ import annotations

import errno
import os
import pickle
import stat
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from dateutil import parser as dateparser
from pebble import ProcessExpired, ProcessPool
from tqdm import tqdm

from ..case.store import Case, display_path, stopping_error
from ..errors import CaseUnwritable, InputNotFound, one_line
from ..ocr.engine import check_languages
from ..records import (
    ExtractFailure,
    Extraction,
    FailureReason,
    Job,
    OcrJob,
    OcrPage,
    WorkResult,
)
from ..settings import Settings
from .worker import extract_job, ingest_source, init_worker, ocr_job, warm_up

# the version of ingestion, as the investigate stages name it (each format's extractor
# writes its own versioned name on its documents)
INGESTER = "casegraph-ingest 1"

IN_FLIGHT_PER_WORKER = 4
# results are committed in batches: a killed run loses at most one batch, which it redoes
COMMIT_EVERY = 200
COMMIT_SECONDS = 1.0
# a half-written original untouched this long was left by a killed run, not being written
INCOMING_IDLE_SECONDS = 600.0


# where a run's parser processes come from: a pool of its own, or one kept across runs
ParserPools = Callable[[Case, Settings], AbstractContextManager[ProcessPool]]


def new_parser_pool(case: Case, settings: Settings) -> ProcessPool:
    """Parser processes for one run over a case, stopped when the run ends."""
    return ProcessPool(
        max_workers=settings.workers,
        initializer=init_worker,
        initargs=(str(case.root), case.location, settings.as_dict()),
    )


@dataclass(frozen=True)
class SourceFile:
    """An input file: where it is on disk and the path shown for it."""

    source: Path
    path: str
    size: int
    mtime_ns: int


@dataclass
class IngestReport:
    """What one ingest run did."""

    files_seen: int = 0
    files_skipped: int = 0
    documents_added: int = 0
    duplicates: int = 0
    failures: int = 0
    pages_ocred: int = 0
    ocr_failures: int = 0
    pages_for_review: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    failures_by_reason: Counter[str] = field(default_factory=Counter)
    inputs_skipped: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "files_seen": self.files_seen,
            "files_skipped": self.files_skipped,
            "documents_added": self.documents_added,
            "duplicates": self.duplicates,
            "failures": self.failures,
            "pages_ocred": self.pages_ocred,
            "ocr_failures": self.ocr_failures,
            "pages_for_review": self.pages_for_review,
            "by_type": dict(self.by_type.most_common()),
            "failures_by_reason": dict(self.failures_by_reason.most_common()),
            "inputs_skipped": self.inputs_skipped,
        }


_SPECIAL = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
)


def walk_inputs(
    inputs: list[Path], exclude: Path | None = None, skipped: list[dict[str, str]] | None = None
) -> Iterator[SourceFile]:
    """Every regular file under the inputs, in stable order, named from the input's parent.

    Whatever else a folder holds (links, which are never followed, FIFOs, sockets, devices)
    is appended to skipped as {"path", "why"}.
    """
    for given in inputs:
        if not given.exists():
            raise InputNotFound(f"{given} does not exist")
    for given in inputs:
        top = given.resolve()
        base = top.parent
        if not top.is_dir():
            yield from _regular(top, base, skipped)
            continue
        for folder, dirs, files in os.walk(top):
            here = Path(folder)
            links = {d for d in dirs if (here / d).is_symlink()}
            dirs[:] = sorted(
                d for d in set(dirs) - links if exclude is None or (here / d).resolve() != exclude
            )
            for name in sorted([*files, *links]):
                yield from _regular(here / name, base, skipped)


def _regular(path: Path, base: Path, skipped: list[dict[str, str]] | None) -> Iterator[SourceFile]:
    """The file as a source if it is a regular file; else a note in skipped of what it is."""
    why = _not_regular(path)
    if why is None:
        yield _source(path, base)
    elif skipped is not None:
        skipped.append({"path": display_path(str(path.relative_to(base))), "why": why})


def _not_regular(path: Path) -> str | None:
    """Why a folder entry is not ingested ('link', 'fifo', 'device'...), or None for a file."""
    try:
        mode = path.lstat().st_mode
    except OSError:  # gone or unreadable since the folder was listed
        return "unreadable"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return _link_kind(path)
    return next((why for test, why in _SPECIAL if test(mode)), "special file")


def _link_kind(path: Path) -> str:
    """A symbolic link, never followed: whether it leads nowhere, in a loop, or somewhere."""
    try:
        path.stat()
    except FileNotFoundError:
        return "dangling link"
    except OSError as error:
        return "link loop" if error.errno == errno.ELOOP else "link"
    return "link"


def _source(path: Path, base: Path) -> SourceFile:
    info = path.stat()
    return SourceFile(path, str(path.relative_to(base)), info.st_size, info.st_mtime_ns)


WorkItem = SourceFile | Job | OcrJob


def files_label(inside: int) -> str:
    """The files bar's label: how many of its files were found inside others (archive
    members, attachments) so far."""
    return f"files ({inside} found inside other files)" if inside else "files"


class IngestRun:
    """One run of the ingest pipeline over a case."""

    def __init__(self, case: Case, progress: bool = True, parsers: ParserPools = new_parser_pool):
        self.case = case
        self.settings = case.load_settings()
        self.report = IngestReport()
        self.progress = progress
        self.parsers = parsers
        # each worker function pickles its result (worker.packed)
        self.pending: dict[Future[bytes], WorkItem] = {}

    def run(
        self, files: list[SourceFile], force: bool = False, only_theirs: bool = False
    ) -> IngestReport:
        """Ingest the files, skipping unchanged ones unless forced, and finish pending work:
        the whole case's, or with ``only_theirs`` what lies inside these files (a job among
        others writing the same case leaves theirs to them)."""
        # on a server, a file being written now is another worker's
        beside_others = only_theirs or self.case.address is not None
        self.case.blobs.clean_incoming(INCOMING_IDLE_SECONDS if beside_others else 0.0)
        sources = [file.source for file in files]
        among = sources if only_theirs else None
        known = {} if force else self.case.documents.known_sources(among)
        queue: deque[WorkItem] = deque()
        for file in files:
            if known.get(str(file.source)) == (file.size, file.mtime_ns):
                self.report.files_skipped += 1
            else:
                queue.append(file)
        self.report.files_seen = len(files)
        queue.extend(self.case.documents.pending(among))
        if self.settings.ocr and not only_theirs:  # a job OCRs the pages of its own files
            queue.extend(self.case.pages.pending_ocr())
        self._process(queue)
        return self.report

    def run_ocr(self, jobs: list[OcrJob]) -> IngestReport:
        """OCR the given pages only."""
        self._process(deque(jobs))
        return self.report

    def _process(self, queue: deque[WorkItem]) -> None:
        if not queue:
            return
        pages = sum(1 for item in queue if isinstance(item, OcrJob))
        bars = {
            False: self._bar(files_label(0), "file", len(queue) - pages, 0),
            True: self._bar("OCR", "page", pages, 1),
        }
        warm_up(self.settings, pages)
        try:
            # a half-recorded batch is dropped whole; the next run redoes it
            with (
                self.case.batches(COMMIT_EVERY, COMMIT_SECONDS) as written,
                self.parsers(self.case, self.settings) as pool,
            ):
                self._drain(pool, queue, bars, written)
        finally:
            for future in self.pending:  # a run stopped early: its files leave the parsers
                future.cancel()
            for bar in bars.values():
                bar.close()
        self.case.refresh_statistics()  # a server's planner sees what was just written

    def _bar(self, desc: str, unit: str, total: int, position: int) -> tqdm[NoReturn]:
        return tqdm(
            total=total,
            unit=unit,
            desc=desc,
            position=position,
            file=sys.stderr,
            disable=None if self.progress else True,
            dynamic_ncols=True,
        )

    def _drain(
        self,
        pool: ProcessPool,
        queue: deque[WorkItem],
        bars: dict[bool, tqdm[NoReturn]],
        written: Callable[[int], None],
    ) -> None:
        limit = self.settings.workers * IN_FLIGHT_PER_WORKER
        inside = 0
        while queue or self.pending:
            while queue and len(self.pending) < limit:
                self._submit(pool, queue.popleft())
            done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            # in the order they were given out, not the set's: with one worker a trove is
            # recorded in the same order on every run, and so is everything read from it
            for future in [f for f in self.pending if f in done]:
                item = self.pending.pop(future)
                new_jobs = self._record_guarded(item, future)
                queue.extend(new_jobs)
                for job in new_jobs:
                    # every bar is made with a total: tqdm's stubs allow None
                    bars[isinstance(job, OcrJob)].total += 1  # type: ignore[operator]
                inside += sum(not isinstance(job, OcrJob) for job in new_jobs)
                # the total grows as archives and e-mails open: say why, or it reads as a bug
                bars[False].set_description_str(files_label(inside), refresh=False)
                bars[isinstance(item, OcrJob)].update(1)
            written(len(done))

    def _submit(self, pool: ProcessPool, item: WorkItem) -> None:
        timeout = self.settings.file_timeout_s
        if isinstance(item, SourceFile):
            future = pool.schedule(
                ingest_source, args=(str(item.source), item.path), timeout=timeout
            )
        elif isinstance(item, OcrJob):
            future = pool.schedule(ocr_job, args=(item,), timeout=timeout)
        else:
            future = pool.schedule(extract_job, args=(item,), timeout=timeout)
        self.pending[future] = item

    def _record_guarded(self, item: WorkItem, future: Future[bytes]) -> list[Job | OcrJob]:
        """Record one item; an error while doing so becomes that item's failure, not the run's."""
        try:
            with self.case.item_savepoint():
                return self._record(item, future)
        except CaseUnwritable:
            raise
        except Exception as error:
            self._stop_if_unwritable(error)
            with self.case.item_savepoint():
                self._record_error(item, error)
            return []

    def _stop_if_unwritable(self, error: Exception) -> None:
        """Stop the run, in one line, when the case itself can no longer be written."""
        stopping = stopping_error(self.case.root, error)
        if stopping is not None:
            raise stopping from None

    def _record_error(self, item: WorkItem, error: Exception) -> None:
        """Type an unexpected error while recording an item as that item's failure."""
        failure = ExtractFailure(FailureReason.INTERNAL_ERROR, one_line(error))
        if isinstance(item, OcrJob):
            self._record_ocr(item, failure)
        elif isinstance(item, Job):
            self._record_outcome(item.doc_id, item.sha256, item.depth, failure)
        else:
            stat = (item.size, item.mtime_ns)
            reason, detail = failure.reason, failure.detail
            self.case.documents.add_input_failure(item.source, item.path, stat, reason, detail)
            self._count_failure(failure.reason, 1)

    def _record(self, item: WorkItem, future: Future[bytes]) -> list[Job | OcrJob]:
        if isinstance(item, OcrJob):
            self._record_ocr(item, self._outcome_of(future))
            return []
        result = self._result_of(item, future)
        if isinstance(item, SourceFile):
            return self._record_source(item, result)
        if self.case.documents.state_of(item.doc_id) != "pending":
            return []
        return self._record_outcome(item.doc_id, item.sha256, item.depth, result.outcome)

    def _outcome_of(self, future: Future[bytes]) -> Any:
        """What the worker returned, or the typed failure of a worker that hung or died."""
        try:
            return pickle.loads(future.result())
        except FutureTimeout:
            detail = f"took over {self.settings.file_timeout_s:g} s"
            return ExtractFailure(FailureReason.TIMEOUT, detail)
        except ProcessExpired as error:
            how = f"signal {-error.exitcode}" if error.exitcode < 0 else f"code {error.exitcode}"
            return ExtractFailure(FailureReason.CORRUPT, f"the parser process died ({how})")
        except Exception as error:  # raised in the worker outside any extractor
            self._stop_if_unwritable(error)
            return ExtractFailure(FailureReason.INTERNAL_ERROR, one_line(error))

    def _result_of(self, item: SourceFile | Job, future: Future[bytes]) -> WorkResult:
        outcome = self._outcome_of(future)
        if isinstance(outcome, WorkResult):
            return outcome
        failure = outcome
        if isinstance(item, Job):
            return WorkResult(item.sha256, 0, failure)
        # the worker may have died before storing the file: store it here so nothing is lost
        sha, size = self.case.blobs.put_file(item.source)
        return WorkResult(sha, size, failure)

    def _record_source(self, file: SourceFile, result: WorkResult) -> list[Job | OcrJob]:
        if result.sha256 is None:
            failure = result.outcome
            assert isinstance(failure, ExtractFailure)
            self.case.documents.add_input_failure(
                file.source, file.path, (file.size, file.mtime_ns), failure.reason, failure.detail
            )
            self._count_failure(failure.reason, 1)
            return []
        doc_id, new_doc, new_path = self.case.documents.add_source(
            result.sha256, result.size, file.path, file.source, file.mtime_ns
        )
        if new_doc:
            self.report.documents_added += 1
            return self._record_outcome(doc_id, result.sha256, 0, result.outcome)
        if new_path:
            self.report.duplicates += 1
        state = self.case.documents.state_of(doc_id)
        if state == "pending" and result.outcome is not None:
            return self._record_outcome(doc_id, result.sha256, 0, result.outcome)
        reason = self.case.documents.failure_reason_of(doc_id)
        if reason and new_path:  # known bytes that failed before: one more failed path
            self._count_failure(FailureReason(reason), 1)
        return []

    def _record_outcome(
        self, doc_id: str, sha: str, depth: int, outcome: Extraction | ExtractFailure | None
    ) -> list[Job | OcrJob]:
        if isinstance(outcome, ExtractFailure):
            self.case.documents.save_failure(doc_id, outcome.reason, outcome.detail, outcome.mime)
            self._count_failure(outcome.reason, len(self.case.documents.paths_of(doc_id)))
            return []
        if outcome is None:
            return []
        self.case.documents.save_extraction(doc_id, outcome, document_date(outcome.metadata))
        self.report.by_type[outcome.mime] += 1
        jobs, duplicates = self.case.documents.add_children(doc_id, depth, outcome.children)
        self.report.documents_added += len(jobs)
        self.report.duplicates += duplicates
        if not self.settings.ocr:
            return list(jobs)
        scans = [OcrJob(doc_id, sha, outcome.mime, p.number) for p in outcome.pages if p.needs_ocr]
        return [*jobs, *scans]

    def _record_ocr(self, job: OcrJob, outcome: OcrPage | ExtractFailure) -> None:
        if isinstance(outcome, ExtractFailure):
            self.case.pages.save_ocr_failure(
                job.doc_id, job.number, outcome.reason.value, outcome.detail
            )
            self.report.ocr_failures += 1
            return
        self.case.pages.save_ocr(job.doc_id, job.number, outcome)
        self.report.pages_ocred += 1
        self.report.pages_for_review += outcome.review is not None

    def _count_failure(self, reason: FailureReason, paths: int) -> None:
        self.report.failures += paths
        self.report.failures_by_reason[reason.value] += paths


def document_date(metadata: dict[str, Any]) -> str | None:
    """The date a document is filed under: sent, else created, else modified (ISO 8601)."""
    for key in ("date", "created", "modified"):
        value = metadata.get(key)
        if not value:
            continue
        try:
            return dateparser.isoparse(str(value)).isoformat()
        except (ValueError, OverflowError):
            continue
    return None


def ingest(case: Case, inputs: list[Path], progress: bool = True) -> IngestReport:
    """Ingest files and folders into a case; safe to re-run and to interrupt."""
    with case.writer_lock():
        skipped: list[dict[str, str]] = []
        files = list(walk_inputs(inputs, exclude=case.root.resolve(), skipped=skipped))
        report = IngestRun(case, progress).run(files)
        report.inputs_skipped = skipped
        return report


def ingest_batch(
    case: Case, files: list[SourceFile], parsers: ParserPools = new_parser_pool
) -> IngestReport:
    """Ingest some files of a server case beside other workers doing others: no writer lock
    (PostgreSQL keeps concurrent writers apart), and of the work a stopped run left only what
    lies inside these files. Run again, it finishes what it began and doubles nothing."""
    return IngestRun(case, progress=False, parsers=parsers).run(files, only_theirs=True)


def run_ocr(
    case: Case, redo: bool = False, languages: str | None = None, progress: bool = True
) -> IngestReport:
    """OCR every page that needs it (again, with redo), optionally in other languages."""
    with case.writer_lock():
        if languages:
            settings = case.load_settings()
            settings.update("ocr_languages", check_languages(languages))
            case.save_settings(settings)
        if redo:
            case.pages.mark_ocr_redo()
        run = IngestRun(case, progress)
        run.settings.ocr = True
        return run.run_ocr(case.pages.pending_ocr(include_failed=True))


def retry_failures(case: Case, progress: bool = True) -> IngestReport:
    """Run extraction again on every failed file, and only those."""
    with case.writer_lock():
        files = []
        for source, path in case.documents.requeue_failures():
            if Path(source).is_file():
                stat = Path(source).stat()
                files.append(SourceFile(Path(source), path, stat.st_size, stat.st_mtime_ns))
        return IngestRun(case, progress).run(files, force=True)
