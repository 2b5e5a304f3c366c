"""Code that runs inside ingest worker processes: store, identify and extract one file."""

from __future__ import annotations

import functools
import os
import pickle
import resource
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..case.blobs import BlobStore
from ..case.database import Database
from ..case.store import open_readonly, stored_state, unwritable
from ..errors import ExtractionError, one_line
from ..ocr.engine import recognise, warm_up_ocr
from ..ocr.images import page_image
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
from .context import ExtractContext
from .language import detect_language, warm_up_language
from .text import valid_text

_worker: dict[str, Any] = {}


def init_worker(case_root: str, location: str, settings: dict[str, Any]) -> None:
    """Set the process's memory limit and remember the case it works for."""
    # forked from a server worker's event loop, this process shares the loop's signal
    # wake-up file: the SIGTERM that stops it would otherwise reach the parent as its own
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    config = Settings(**settings)
    # on top of what the worker inherits from its parent, whatever the parent has loaded
    limit = _address_space() + config.worker_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _worker.update(
        root=Path(case_root),
        location=location,
        settings=config,
        blobs=BlobStore(Path(case_root) / "blobs"),
    )
    # parsers may print warnings or die noisily: keep that out of the user's terminal
    log = os.open(Path(case_root) / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 2)
    os.close(log)


def _address_space() -> int:
    """The bytes of address space this process holds now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def warm_up(settings: Settings, pages_to_ocr: int) -> None:
    """Load parsers and models, so that a file's time limit measures that file's work only:
    Tesseract too when pages are waiting for OCR (else a worker loads it, in a fifth of a
    second, when its first scan comes).

    Called in the parent before the pool forks, so workers start with them loaded.
    """
    from . import registry  # noqa: F401

    warm_up_language()
    if settings.ocr and pages_to_ocr:
        warm_up_ocr(settings.ocr_languages)


def load_every_parser() -> None:
    """Import the parsing libraries that a run loads when its first file of their kind comes
    (the office formats, Outlook items): for a process that lives long and forks a parser
    process per job, such as a server's worker."""
    import docx  # noqa: F401
    import extract_msg  # noqa: F401
    import openpyxl  # noqa: F401
    import pptx  # noqa: F401

    from . import registry  # noqa: F401


def packed(work: Callable[..., Any]) -> Callable[..., bytes]:
    """Pickle a worker's result in the worker: no memory to send it is then a typed failure."""

    @functools.wraps(work)
    def run(*args: Any) -> bytes:
        result = work(*args)
        try:
            return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            return pickle.dumps(_out_of_memory())

    return run


def _out_of_memory() -> ExtractFailure:
    limit = _worker["settings"].worker_memory_mb
    return ExtractFailure(FailureReason.LIMIT_EXCEEDED, f"needed more than {limit} MB")


@packed
def ingest_source(source: str, name: str) -> WorkResult:
    """Store an input file by hash and extract it, unless its bytes are already known."""
    settings: Settings = _worker["settings"]
    blobs: BlobStore = _worker["blobs"]
    try:
        size = os.stat(source).st_size
        if size > settings.max_file_bytes:
            detail = f"{size} bytes is over the {settings.max_file_bytes}-byte limit"
            return WorkResult(None, size, ExtractFailure(FailureReason.TOO_LARGE, detail))
        sha, size = blobs.put_file(Path(source))
    except OSError as error:
        if unwritable(error):  # the store is full, not the file bad: the run stops
            raise
        return WorkResult(None, 0, ExtractFailure(FailureReason.CORRUPT, f"cannot read: {error}"))
    if _is_known(sha):
        return WorkResult(sha, size, None, already_known=True)
    return WorkResult(sha, size, extract_stored(sha, name, 0))


@packed
def extract_job(job: Job) -> WorkResult:
    """Extract a blob already in the store (a container member or a resumed file)."""
    blobs: BlobStore = _worker["blobs"]
    if not blobs.has(job.sha256):
        detail = f"blobs/ no longer holds it (run: casegraph check {_worker['root']})"
        return WorkResult(job.sha256, 0, ExtractFailure(FailureReason.MISSING_ORIGINAL, detail))
    size = blobs.path(job.sha256).stat().st_size
    return WorkResult(job.sha256, size, extract_stored(job.sha256, job.name, job.depth))


def extract_stored(sha: str, name: str, depth: int) -> Extraction | ExtractFailure:
    """Extract one stored blob, turning every error into a typed failure."""
    from .registry import extract_file

    blobs: BlobStore = _worker["blobs"]
    path = blobs.path(sha)
    if path.stat().st_size == 0:
        return ExtractFailure(FailureReason.EMPTY, "the file has no bytes")
    context = ExtractContext(name=name, depth=depth, blobs=blobs, settings=_worker["settings"])
    try:
        extraction = extract_file(path, context)
    except ExtractionError as error:
        return ExtractFailure(error.reason, one_line(str(error)))
    except MemoryError:
        return _out_of_memory()
    except RecursionError:
        return ExtractFailure(FailureReason.LIMIT_EXCEEDED, "structure nested too deeply")
    except Exception as error:  # any parser bug or damaged input costs this file only
        if unwritable(error):
            raise
        return ExtractFailure(FailureReason.CORRUPT, one_line(error))
    return _finish(extraction, context)


def _finish(extraction: Extraction, context: ExtractContext) -> Extraction | ExtractFailure:
    extraction.children = list(context.children)
    if context.skipped:
        extraction.metadata["skipped_members"] = context.skipped
    _make_valid(extraction)
    has_text = any(page.text.strip() for page in extraction.pages)
    needs_ocr = any(page.needs_ocr for page in extraction.pages)
    if not (has_text or needs_ocr or extraction.children):
        detail = f"no text or members in this {extraction.mime}"
        return ExtractFailure(FailureReason.EMPTY, detail, extraction.mime)
    if has_text and extraction.language is None:
        extraction.language = detect_language(extraction.pages)
    return extraction


def _make_valid(extraction: Extraction) -> None:
    """Replace what is not valid Unicode in everything bound for the store; count it."""
    replaced = 0

    def valid(value: Any) -> Any:
        nonlocal replaced
        if isinstance(value, str):
            text, count = valid_text(value)
            replaced += count
            return text
        if isinstance(value, dict):
            return {valid(key): valid(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [valid(item) for item in value]
        return value

    for page in extraction.pages:
        page.text = valid(page.text)
    extraction.title = valid(extraction.title)
    extraction.metadata = valid(extraction.metadata)
    if replaced:
        extraction.metadata["replaced_chars"] = replaced


def _is_known(sha: str) -> bool:
    try:
        return stored_state(_case_db(), sha) not in (None, "pending")
    except sqlite3.OperationalError:  # a server restarted since a job before: once more
        _worker.pop("db").close()
        return stored_state(_case_db(), sha) not in (None, "pending")


def _case_db() -> Database:
    """This process's read-only connection to its case (it may outlive one server job)."""
    if "db" not in _worker:
        _worker["db"] = open_readonly(_worker["location"])
    db: Database = _worker["db"]
    return db


@packed
def ocr_job(job: OcrJob) -> OcrPage | ExtractFailure:
    """OCR one page of a stored document."""
    settings: Settings = _worker["settings"]
    path = _worker["blobs"].path(job.sha256)
    try:
        image, dpi = page_image(path, job.mime, job.number, settings.ocr_dpi)
        return recognise(image, settings.ocr_languages, dpi, settings.ocr_min_confidence)
    except MemoryError:
        return _out_of_memory()
    except Exception as error:  # a page that cannot be rendered or read costs that page only
        return ExtractFailure(FailureReason.CORRUPT, one_line(error))
