"""The case folder: a SQLite database (WAL) and a blob store; the only code that speaks SQL."""

from __future__ import annotations

import difflib
import errno
import fcntl
import itertools
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import (
    CaseExists,
    CaseGraphError,
    CaseLocked,
    CaseUnavailable,
    CaseUnwritable,
    DamagedCase,
    NotACase,
    UnknownDocument,
    UnknownEntity,
    UnknownPage,
    UnsupportedSchema,
)
from ..filetypes import mime_patterns
from ..records import (
    ChildRef,
    Claim,
    DocState,
    Entity,
    Event,
    Extraction,
    FailureReason,
    Job,
    Links,
    Mention,
    OcrJob,
    OcrPage,
    PageReading,
    Role,
)
from ..settings import Settings
from ..text.fold import fold, without_arabic_article
from .blobs import BlobStore, sha256_file

DB_NAME = "case.sqlite"
PAGE_BITS = 20  # page ids are (document seq << PAGE_BITS) | page number
SCHEMA_VERSION = "1"
UNDATED = "none"  # an event whose date was looked for and not found
# an extra entity of a joint reference ("the two sides") is stored from this ordinal on
EXTRA_ORDINAL = 100
SURROGATE = re.compile("[\ud800-\udfff]")
_HEX = re.compile("[0-9a-f]+")  # a document id, or the start of one
# after these, no write to the case can succeed: the run stops, and a re-run resumes
_UNWRITABLE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
# an event's or claim's passage, cut from its page in SQL (substr counts from 1)
_EVIDENCE = "substr(p.text, start + 1, end - start) AS evidence_text"


def now() -> str:
    """The current UTC time in ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def doc_id_for(sha256: str) -> str:
    """A document id derived from content."""
    return sha256[:16]


# pages with text that a stage (and extractor) has not done
_STAGE_TODO = (
    "FROM pages p LEFT JOIN page_stages s ON s.page_id = p.id AND s.stage = ? AND s.extractor = ?"
    " WHERE s.page_id IS NULL AND p.needs_ocr = 0 AND length(trim(p.text)) > 0"
)


def display_path(name: str) -> str:
    """A path as valid text: bytes that are not UTF-8 (Python's lone surrogates) as \\xNN."""
    return SURROGATE.sub(_escape_surrogate, name)


def _escape_surrogate(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _stored_path(path: Path | str) -> str | bytes:
    """A path on disk as stored: text when it is UTF-8, else its raw bytes (lossless)."""
    text = str(path)
    return os.fsencode(text) if SURROGATE.search(text) else text


def _disk_path(stored: str | bytes) -> str:
    """A stored path on disk as Python names it (raw bytes become lone surrogates)."""
    return os.fsdecode(stored) if isinstance(stored, bytes) else stored


def unwritable(error: BaseException) -> bool:
    """Whether an error means the case cannot be written any more, not one item's fault."""
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return False
    if isinstance(error, sqlite3.DatabaseError):  # full, read-only, damaged, I/O error, locked
        return True
    return isinstance(error, OSError) and error.errno in _UNWRITABLE_ERRNOS


class Case:
    """An open case folder."""

    def __init__(self, root: Path, db: sqlite3.Connection, read_only: bool = False):
        self.root = root
        self.db = db
        self.read_only = read_only
        self.blobs = BlobStore(root / "blobs")

    # -- opening -------------------------------------------------------------

    @classmethod
    def create(cls, root: Path, settings: Settings | None = None) -> Case:
        """Make a new case folder."""
        if (root / DB_NAME).exists():
            raise CaseExists(f"{root} already holds a case")
        if root.exists() and not root.is_dir():
            raise CaseExists(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        case = cls(root, _connect(root / DB_NAME))
        case.db.execute("PRAGMA journal_mode = WAL")
        case.db.executescript(_schema_script())
        with case.db:
            case._set_meta("schema_version", SCHEMA_VERSION)
            case._set_meta("created_at", now())
        case.save_settings(settings or Settings())
        return case

    @classmethod
    def open(cls, root: Path, read_only: bool = False) -> Case:
        """Open an existing case folder; read-only when asked or when this user cannot write it.

        A case of another schema version, or whose database is not a case, is refused.
        """
        path = root / DB_NAME
        if not path.is_file():
            raise not_a_case(root)
        read_only = read_only or not (os.access(path, os.W_OK) and os.access(root, os.W_OK))
        try:
            case = cls(root, _connect(path, read_only), read_only)
            case._check_schema()
            if not read_only:
                # tables added since the case was made are created on opening
                case.db.execute("PRAGMA journal_mode = WAL")
                case.db.executescript(_schema_script())
                case._add_new_columns()
        except sqlite3.Error as error:
            raise database_error(root, error) from None
        return case

    def _add_new_columns(self) -> None:
        """Columns added to a table since the case was made (entities are rebuilt by the
        next resolution, so an added column starts empty)."""
        have = {row[1] for row in self.db.execute("PRAGMA table_info(entities)")}
        if "feature" not in have:
            self.db.execute("ALTER TABLE entities ADD COLUMN feature TEXT")

    def _check_schema(self) -> None:
        """Refuse a database that holds no case, or a case of a schema this code cannot read."""
        tables = self.table_names()
        if not tables:
            size = (self.root / DB_NAME).stat().st_size
            raise DamagedCase(
                f"the database of {self.root} is empty ({size} bytes): the case's index is lost;"
                f" restore {DB_NAME} from a backup (the originals in blobs/ are untouched)"
            )
        version = self._get_meta("schema_version") if "meta" in tables else None
        if version == SCHEMA_VERSION:
            return
        if version is None:
            raise DamagedCase(
                f"the database of {self.root} has no schema version: it is not a casegraph case"
                f" or it is damaged (run: casegraph check {self.root})"
            )
        if version.isdecimal() and int(version) > int(SCHEMA_VERSION):
            raise UnsupportedSchema(
                f"{self.root} was made by a newer casegraph (case schema {version}; this one"
                f" reads schema {SCHEMA_VERSION}): upgrade casegraph to open it"
            )
        raise UnsupportedSchema(
            f"{self.root} has a case schema this casegraph does not know ({version!r}; it"
            f" reads schema {SCHEMA_VERSION})"
        )

    def table_names(self) -> set[str]:
        """The names of the tables in the case's database."""
        return {
            row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }

    def _database_problems(self) -> list[str]:
        """What is wrong with the database itself: SQLite's integrity check, tables, schema."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check(20)")]
        problems = [] if problems == ["ok"] else problems
        missing = sorted(_expected_tables() - self.table_names())
        if not self.table_names():
            problems.append(f"it holds no tables ({(self.root / DB_NAME).stat().st_size} bytes)")
        elif missing:
            problems.append(f"tables missing: {', '.join(missing)}")
        elif self._get_meta("schema_version") != SCHEMA_VERSION:
            version = self._get_meta("schema_version")
            problems.append(f"schema version {version!r}, where casegraph reads {SCHEMA_VERSION}")
        return problems

    def _check_originals(self) -> tuple[int, list[dict[str, str]], list[dict[str, str]]]:
        """Every document's original in the store: (checked, missing, altered)."""
        missing: list[dict[str, str]] = []
        altered: list[dict[str, str]] = []
        rows = self.db.execute("SELECT doc_id, sha256 FROM documents ORDER BY doc_id").fetchall()
        for doc_id, sha in rows:
            path = self.blobs.path(sha)
            if path.is_file() and sha256_file(path) == sha:
                continue
            found = {"doc_id": doc_id, "path": self.first_path(doc_id), "sha256": sha}
            (altered if path.is_file() else missing).append(found)
        return len(rows), missing, altered

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the case's writer lock: one ingest at a time."""
        if self.read_only:
            raise CaseUnwritable(read_only_message(self.root))
        with open(self.root / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise CaseLocked(f"another casegraph process is writing to {self.root}") from None
            yield

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Write inside one transaction: all of it is kept, or, on an error, none of it."""
        with self.db:
            yield

    @contextmanager
    def batches(self, items: int, seconds: float) -> Iterator[Callable[[int], None]]:
        """Write in batches: the function given counts items written and keeps the open
        batch once ``items`` are written or ``seconds`` have passed since the last was kept.
        The last batch is kept at the end; on an error the open one is dropped whole, for
        the next run to redo."""
        count, kept_at = 0, time.monotonic()

        def written(n: int) -> None:
            nonlocal count, kept_at
            count += n
            if count >= items or time.monotonic() - kept_at > seconds:
                self.db.commit()
                count, kept_at = 0, time.monotonic()

        try:
            yield written
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise

    @contextmanager
    def item_savepoint(self) -> Iterator[None]:
        """Write one item inside the open batch: on an error its writes alone are undone."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        self.db.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO item")
            raise
        finally:
            self.db.execute("RELEASE item")

    # -- settings ------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def load_settings(self) -> Settings:
        """The case's settings."""
        settings = Settings()
        for name, value in json.loads(self._get_meta("settings") or "{}").items():
            if name in Settings.names():
                settings.update(name, value)
        return settings

    def save_settings(self, settings: Settings) -> None:
        """Store the case's settings."""
        with self.db:
            self._set_meta("settings", json.dumps(settings.as_dict()))

    # -- ingestion -----------------------------------------------------------

    def known_sources(self) -> dict[str, tuple[int, int]]:
        """Input files already recorded: source path -> (size, mtime_ns)."""
        rows = self.db.execute(
            "SELECT source_path, source_size, source_mtime_ns FROM paths"
            " WHERE source_path IS NOT NULL"
        )
        known = {_disk_path(path): (size, mtime) for path, size, mtime in rows}
        failed = self.db.execute(
            "SELECT source_path, source_size, source_mtime_ns FROM input_failures"
        )
        known.update({_disk_path(path): (size, mtime) for path, size, mtime in failed})
        return known

    def doc_for_sha(self, sha256: str) -> str | None:
        """The id of the document with these bytes, if any."""
        row = self.db.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_source(
        self, sha256: str, size: int, path: str, source: Path, mtime_ns: int
    ) -> tuple[str, bool, bool]:
        """Record an input file's bytes at a path; returns (doc_id, new document, new path)."""
        doc_id = self.doc_for_sha(sha256)
        new_doc = doc_id is None
        path = display_path(path)
        if doc_id is None:
            doc_id = self._insert_document(sha256, size, Path(path).name, None, 0)
        new_path = (
            self.db.execute(
                "SELECT 1 FROM paths WHERE path = ? AND doc_id = ?", (path, doc_id)
            ).fetchone()
            is None
        )
        self.db.execute(
            "INSERT INTO paths (path, doc_id, source_path, source_size, source_mtime_ns, seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path, doc_id) DO UPDATE SET"
            " source_path = excluded.source_path, source_size = excluded.source_size,"
            " source_mtime_ns = excluded.source_mtime_ns",
            (path, doc_id, _stored_path(source), size, mtime_ns, now()),
        )
        self.db.execute("DELETE FROM input_failures WHERE source_path = ?", (_stored_path(source),))
        return doc_id, new_doc, new_path

    def sha_of(self, doc_id: str) -> str:
        """A document's SHA-256."""
        return self.db.execute(
            "SELECT sha256 FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]

    def failure_reason_of(self, doc_id: str) -> str | None:
        """Why a document failed, or None."""
        return self.db.execute(
            "SELECT failure_reason FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]

    def state_of(self, doc_id: str) -> str:
        """A document's state."""
        return self.db.execute(
            "SELECT state FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]

    def add_input_failure(
        self, source: Path, path: str, stat: tuple[int, int], reason: FailureReason, detail: str
    ) -> None:
        """Record an input file that could not be stored at all; stat is (size, mtime_ns)."""
        self.db.execute(
            "INSERT OR REPLACE INTO input_failures (source_path, path, source_size,"
            " source_mtime_ns, reason, detail, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_stored_path(source), display_path(path), *stat, reason.value, detail, now()),
        )

    def _insert_document(
        self, sha256: str, size: int, name: str, parent_id: str | None, depth: int
    ) -> str:
        doc_id = doc_id_for(sha256)
        root_id = doc_id
        if parent_id is not None:
            (root_id,) = self.db.execute(
                "SELECT root_id FROM documents WHERE doc_id = ?", (parent_id,)
            ).fetchone()
        stamp = now()
        self.db.execute(
            "INSERT INTO documents (doc_id, sha256, size, name, parent_id, root_id, depth,"
            " state, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, sha256, size, name, parent_id, root_id, depth, DocState.PENDING, stamp, stamp),
        )
        return doc_id

    def first_path(self, doc_id: str) -> str:
        """The first of the paths a document was seen at, in sorted order."""
        row = self.db.execute(
            "SELECT path FROM paths WHERE doc_id = ? ORDER BY path LIMIT 1", (doc_id,)
        ).fetchone()
        return row[0] if row else doc_id

    def add_children(
        self, parent_id: str, depth: int, children: list[ChildRef]
    ) -> tuple[list[Job], int]:
        """Record a container's members; returns (jobs for new documents, duplicates)."""
        base = self.first_path(parent_id)
        added: list[Job] = []
        duplicates = 0
        for child in children:
            doc_id = self.doc_for_sha(child.sha256)
            shown = display_path(child.name)
            if doc_id is None:
                name = shown.rsplit("/", 1)[-1] or shown
                doc_id = self._insert_document(child.sha256, child.size, name, parent_id, depth + 1)
                added.append(Job(doc_id, child.sha256, child.name, depth + 1))
            else:
                duplicates += 1
            self.db.execute(
                "INSERT OR IGNORE INTO paths (path, doc_id, container_id, seen_at)"
                " VALUES (?, ?, ?, ?)",
                (f"{base}!/{shown}", doc_id, parent_id, now()),
            )
        return added, duplicates

    def save_extraction(self, doc_id: str, extraction: Extraction, doc_date: str | None) -> None:
        """Store what was extracted from a document, with its pages and their index."""
        needs_ocr = any(p.needs_ocr for p in extraction.pages)
        state = DocState.NEEDS_OCR if needs_ocr else DocState.DONE
        self.db.execute(
            "DELETE FROM page_index WHERE rowid IN (SELECT id FROM pages WHERE doc_id = ?)",
            (doc_id,),
        )
        self.db.execute("DELETE FROM pages WHERE doc_id = ?", (doc_id,))
        (seq,) = self.db.execute("SELECT seq FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        for page in extraction.pages:
            page_id = seq << PAGE_BITS | page.number
            self.db.execute(
                "INSERT INTO pages (id, doc_id, number, text, needs_ocr) VALUES (?, ?, ?, ?, ?)",
                (page_id, doc_id, page.number, page.text, int(page.needs_ocr)),
            )
            if page.text.strip():
                self._index_page(page_id, page.text)
        self.db.execute(
            "UPDATE documents SET mime = ?, title = ?, language = ?, state = ?, metadata = ?,"
            " doc_date = ?, page_count = ?, char_count = ?, extractor = ?, failure_reason = NULL,"
            " failure_detail = NULL, updated_at = ? WHERE doc_id = ?",
            (
                extraction.mime,
                extraction.title,
                extraction.language,
                state,
                json.dumps(extraction.metadata, ensure_ascii=False, default=str),
                doc_date,
                len(extraction.pages),
                extraction.text_chars,
                extraction.extractor,
                now(),
                doc_id,
            ),
        )

    def save_failure(
        self, doc_id: str, reason: FailureReason, detail: str, mime: str | None = None
    ) -> None:
        """Mark a document as failed, with a typed reason."""
        self.db.execute(
            "UPDATE documents SET state = ?, failure_reason = ?, failure_detail = ?,"
            " mime = COALESCE(?, mime), updated_at = ? WHERE doc_id = ?",
            (DocState.FAILED, reason.value, detail[:500], mime, now(), doc_id),
        )

    def pending_jobs(self) -> list[Job]:
        """Documents stored but not yet extracted."""
        rows = self.db.execute(
            "SELECT doc_id, sha256, name, depth FROM documents WHERE state = ? ORDER BY rowid",
            (DocState.PENDING,),
        )
        return [Job(*row) for row in rows]

    def requeue_failures(self) -> list[tuple[str, str]]:
        """Put failed documents back in the queue; returns (source, path) of failed inputs."""
        with self.db:
            self.db.execute(
                "UPDATE documents SET state = ?, failure_reason = NULL, failure_detail = NULL"
                " WHERE state = ?",
                (DocState.PENDING, DocState.FAILED),
            )
            rows = self.db.execute("SELECT source_path, path FROM input_failures")
            return [(_disk_path(source), path) for source, path in rows]

    # -- OCR and transcriptions -----------------------------------------------

    def pending_ocr(self, include_failed: bool = False) -> list[OcrJob]:
        """Pages waiting for OCR (with include_failed, also those whose OCR failed)."""
        failed = "" if include_failed else " AND p.ocr_error IS NULL"
        rows = self.db.execute(
            "SELECT p.doc_id, d.sha256, d.mime, p.number FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id"
            f" WHERE p.needs_ocr = 1{failed} ORDER BY d.seq, p.number"
        )
        return [OcrJob(*row) for row in rows]

    def mark_ocr_redo(self) -> int:
        """Queue every OCR'd page (never a transcribed one) for OCR again; returns how many."""
        with self.db:
            return self.db.execute(
                "UPDATE pages SET needs_ocr = 1, ocr_error = NULL WHERE source = 'ocr'"
            ).rowcount

    def save_ocr(self, doc_id: str, number: int, page: OcrPage) -> None:
        """Keep an OCR layer and make its text the page's text, unless a person transcribed it."""
        words = [[w.start, w.end, *w.box, w.confidence] for w in page.words]
        image = {"width": page.width, "height": page.height, "dpi": page.dpi}
        image |= {"rotation": page.rotation, "skew": page.skew}
        self._add_layer(
            doc_id,
            number,
            "ocr",
            page.text,
            page.confidence,
            page.engine,
            None,
            json.dumps(words),
            json.dumps(image),
        )
        (source,) = self.db.execute(
            "SELECT source FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if source == "transcription":
            self.db.execute(
                "UPDATE pages SET needs_ocr = 0, ocr_error = NULL WHERE doc_id = ? AND number = ?",
                (doc_id, number),
            )
        else:
            self._set_page_text(doc_id, number, page.text, "ocr", page.confidence, page.review)
        self._settle_ocr_state(doc_id)

    def save_ocr_failure(self, doc_id: str, number: int, reason: str, detail: str) -> None:
        """Record why OCR of a page failed; the page stays queued for `casegraph ocr`."""
        self.db.execute(
            "UPDATE pages SET ocr_error = ?, review = 'ocr_failed' WHERE doc_id = ? AND number = ?",
            (f"{reason}: {detail}"[:500], doc_id, number),
        )

    def transcribe(self, doc_id: str, number: int, text: str, by: str) -> None:
        """Make a person's transcription the page's text; earlier layers are kept."""
        doc_id = self.resolve_doc_id(doc_id)
        row = self.db.execute(
            "SELECT source FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if row is None:
            raise UnknownPage(f"document {doc_id} has no page {number}")
        with self.db:
            self._add_layer(doc_id, number, "transcription", text, None, None, by, None, None)
            self._set_page_text(doc_id, number, text, "transcription", None, None)
            self.db.execute(
                "UPDATE pages SET needs_ocr = 0, ocr_error = NULL WHERE doc_id = ? AND number = ?",
                (doc_id, number),
            )
            self._settle_ocr_state(doc_id)

    def review_queue(self) -> list[dict[str, Any]]:
        """Pages a person should read, least confident first."""
        rows = self.db.execute(
            "SELECT p.doc_id, p.number, p.confidence, p.review, p.ocr_error FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id"
            " WHERE p.review IS NOT NULL AND p.source != 'transcription'"
            " ORDER BY COALESCE(p.confidence, -1), d.seq, p.number"
        )
        return [
            {
                "doc_id": d,
                "page": n,
                "confidence": c,
                "reason": r,
                "detail": e,
                "path": self.first_path(d),
            }
            for d, n, c, r, e in rows
        ]

    def page_layers(self, doc_id: str, number: int) -> list[dict[str, Any]]:
        """Every text a page has had, oldest first, with word boxes for OCR layers."""
        rows = self.db.execute(
            "SELECT source, text, confidence, words, image, engine, created_by, created_at"
            " FROM page_layers WHERE doc_id = ? AND number = ? ORDER BY id",
            (self.resolve_doc_id(doc_id), number),
        )
        return [
            {
                "source": source,
                "text": text,
                "confidence": confidence,
                "words": [
                    {"start": w[0], "end": w[1], "box": w[2:6], "confidence": w[6]}
                    for w in json.loads(words or "[]")
                ],
                "image": json.loads(image) if image else None,
                "engine": engine,
                "by": by,
                "at": at,
            }
            for source, text, confidence, words, image, engine, by, at in rows
        ]

    def _add_layer(
        self,
        doc_id: str,
        number: int,
        source: str,
        text: str,
        confidence: float | None,
        engine: str | None,
        by: str | None,
        words: str | None,
        image: str | None,
    ) -> None:
        current = self.db.execute(
            "SELECT source, text FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if current and current[0] == "text_layer" and current[1].strip():
            # the file's own text is about to be superseded: keep it as a layer first
            self.db.execute(
                "INSERT INTO page_layers (doc_id, number, source, text, created_at)"
                " VALUES (?, ?, 'text_layer', ?, ?)",
                (doc_id, number, current[1], now()),
            )
        self.db.execute(
            "INSERT INTO page_layers (doc_id, number, source, text, confidence, words, image,"
            " engine, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, number, source, text, confidence, words, image, engine, by, now()),
        )

    def _set_page_text(
        self,
        doc_id: str,
        number: int,
        text: str,
        source: str,
        confidence: float | None,
        review: str | None,
    ) -> None:
        (seq,) = self.db.execute("SELECT seq FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        page_id = seq << PAGE_BITS | number
        self.db.execute(
            "UPDATE pages SET text = ?, source = ?, confidence = ?, review = ?, needs_ocr = 0,"
            " ocr_error = NULL WHERE id = ?",
            (text, source, confidence, review, page_id),
        )
        self.db.execute("DELETE FROM page_index WHERE rowid = ?", (page_id,))
        # everything derived from the old text goes; the next `extract` redoes this page
        self._clear_page_readings(page_id)
        self.db.execute("DELETE FROM page_stages WHERE page_id = ?", (page_id,))
        if text.strip():
            self._index_page(page_id, text)
        self.db.execute(
            "UPDATE documents SET char_count = (SELECT sum(length(text)) FROM pages"
            " WHERE doc_id = ?), updated_at = ? WHERE doc_id = ?",
            (doc_id, now(), doc_id),
        )

    def _settle_ocr_state(self, doc_id: str) -> None:
        waiting = self.db.execute(
            "SELECT count(*) FROM pages WHERE doc_id = ? AND needs_ocr = 1", (doc_id,)
        ).fetchone()[0]
        state = DocState.NEEDS_OCR if waiting else DocState.DONE
        self.db.execute(
            "UPDATE documents SET state = ? WHERE doc_id = ? AND state != 'failed'", (state, doc_id)
        )

    # -- entities ------------------------------------------------------------

    def pages_for_stage_after(
        self, stage: str, extractor: str, after: int, limit: int
    ) -> list[tuple[int, str, int, str]]:
        """Up to ``limit`` of the pages this stage has not done whose ids follow ``after``."""
        rows = self.db.execute(
            f"SELECT p.id, p.doc_id, p.number, p.text {_STAGE_TODO} AND p.id > ?"
            " ORDER BY p.id LIMIT ?",
            (stage, extractor, after, limit),
        )
        return rows.fetchall()

    def stage_todo_size(self, stage: str, extractor: str) -> tuple[int, int]:
        """How many pages this stage has not done, and how many characters they hold."""
        rows = self.db.execute(
            f"SELECT count(*), coalesce(sum(length(p.text)), 0) {_STAGE_TODO}", (stage, extractor)
        )
        return rows.fetchone()

    def save_reading(
        self,
        page_id: int,
        reading: PageReading,
        stage: str,
        extractor: str,
    ) -> None:
        """Replace a page's mentions, events and claims with a new reading; mark it done."""
        self._clear_page_readings(page_id)
        self.db.executemany(
            "INSERT OR IGNORE INTO mentions (page_id, doc_id, page, start, end, text, type,"
            " label, recognizer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (page_id, m.doc_id, m.page, m.start, m.end, m.text, m.type, m.label, m.recognizer)
                for m in reading.mentions
            ],
        )
        self._save_events(page_id, reading.events)
        self._save_claims(page_id, reading.claims)
        self._mark_stage_done(page_id, stage, extractor)
        self.db.execute(
            "DELETE FROM stage_failures WHERE stage = ? AND doc_id = ? AND page = ?",
            (stage, reading.doc_id, reading.page),
        )

    def save_stage_failure(
        self, stage: str, doc_id: str, page: int, extractor: str, detail: str
    ) -> None:
        """Record that a stage failed on a page (page 0: the whole document) and went on."""
        self.db.execute(
            "INSERT OR REPLACE INTO stage_failures (stage, doc_id, page, extractor, detail,"
            " failed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (stage, doc_id, page, extractor, detail[:500], now()),
        )
        if page:  # done with this extractor: the next run with it does not try again
            (seq,) = self.db.execute(
                "SELECT seq FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            self._mark_stage_done(seq << PAGE_BITS | page, stage, extractor)

    def _mark_stage_done(self, page_id: int, stage: str, extractor: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO page_stages (page_id, stage, extractor, done_at)"
            " VALUES (?, ?, ?, ?)",
            (page_id, stage, extractor, now()),
        )

    def _clear_page_readings(self, page_id: int) -> None:
        """Forget what was read on a page: its mentions, events, claims and their parts."""
        self.db.execute(
            "DELETE FROM claim_events WHERE claim_id IN (SELECT id FROM claims WHERE page_id = ?)"
            " OR event_id IN (SELECT id FROM events WHERE page_id = ?)",
            (page_id, page_id),
        )
        for table in ("mentions", "events", "claims", "roles"):
            self.db.execute(f"DELETE FROM {table} WHERE page_id = ?", (page_id,))

    def _save_events(self, page_id: int, events: list[Event]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO events (id, page_id, doc_id, page, start, end, trigger_start,"
            " trigger_end, category, mode, quad, intensity, negated, hypothetical, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    page_id,
                    e.doc_id,
                    e.page,
                    e.start,
                    e.end,
                    e.trigger_start,
                    e.trigger_end,
                    e.category,
                    e.mode,
                    e.quad,
                    e.intensity,
                    e.negated,
                    e.hypothetical,
                    e.extractor,
                )
                for e in events
            ],
        )
        self._save_roles(page_id, [(e.id, e.roles) for e in events])

    def _save_claims(self, page_id: int, claims: list[Claim]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO claims (id, page_id, doc_id, page, start, end, kind, hedged,"
            " extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.id, page_id, c.doc_id, c.page, c.start, c.end, c.kind, c.hedged, c.extractor)
                for c in claims
            ],
        )
        self._save_roles(
            page_id,
            [(c.id, [c.cue, c.content] + ([c.speaker] if c.speaker else [])) for c in claims],
        )

    def _save_roles(self, page_id: int, owners: list[tuple[str, list[Role]]]) -> None:
        rows = []
        for owner_id, roles in owners:
            counts: dict[str, int] = {}
            for role in roles:
                ordinal = counts[role.role] = counts.get(role.role, -1) + 1
                rows.append(
                    (owner_id, page_id, role.role, ordinal, role.start, role.end, role.text)
                )
        self.db.executemany(
            "INSERT OR IGNORE INTO roles (owner_id, page_id, role, ordinal, start, end, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def linking_documents(self) -> list[str]:
        """Ids of the documents that hold events or claims, in order."""
        rows = self.db.execute("SELECT doc_id FROM events UNION SELECT doc_id FROM claims")
        return [doc_id for (doc_id,) in rows]

    def reading_rows(self, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """What linking needs of some documents: events, claims, roles, mentions, documents."""
        marks = ", ".join("?" * len(doc_ids))
        on_pages = f"JOIN pages p ON p.id = x.page_id WHERE p.doc_id IN ({marks})"
        queries = {
            "events": "SELECT x.id, x.doc_id, x.page, x.start, x.end, x.trigger_start,"
            f" x.trigger_end, x.date_from FROM events x {on_pages} ORDER BY x.rowid",
            "claims": "SELECT x.id, x.doc_id, x.page, x.start, x.end, x.kind"
            f" FROM claims x {on_pages} ORDER BY x.rowid",
            # extra entities of joint references are made anew by linking
            "roles": "SELECT x.owner_id, x.role, x.ordinal, x.start, x.end, x.text, p.doc_id,"
            f" p.number AS page FROM roles x {on_pages} AND x.role != 'reported_by'"
            f" AND x.ordinal < {EXTRA_ORDINAL} ORDER BY x.rowid",
            "mentions": "SELECT m.doc_id, m.page, m.start, m.end, m.text, m.type, m.entity_id,"
            " e.name, e.kind FROM mentions m JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.doc_id IN ({marks}) ORDER BY m.id",
            "documents": "SELECT doc_id, doc_date, metadata FROM documents"
            f" WHERE doc_id IN ({marks}) ORDER BY doc_id",
        }
        return {name: self._dict_rows(sql, doc_ids) for name, sql in queries.items()}

    def first_mentions(self) -> list[dict[str, Any]]:
        """The first mention of each entity and how many it has ("count"), in case order."""
        return self._first_mentions(
            "SELECT min(id) AS first, count(*) AS count FROM mentions GROUP BY entity_id"
        )

    def first_actor_mentions(self) -> list[dict[str, Any]]:
        """The first person or organisation mention of each entity name, in case order."""
        return self._first_mentions(
            "SELECT min(m.id) AS first, count(*) AS count FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id"
            " WHERE m.type IN ('person', 'organization') GROUP BY e.name"
        )

    def _first_mentions(self, grouped: str) -> list[dict[str, Any]]:
        """The mentions a grouping query picks as "first" (with its "count"), in case order."""
        return self._dict_rows(
            "SELECT g.count, m.page, m.start, m.end, m.text, m.type, m.entity_id, e.name, e.kind"
            f" FROM ({grouped}) g JOIN mentions m ON m.id = g.first"
            " JOIN entities e ON e.id = m.entity_id ORDER BY g.first"
        )

    def _dict_rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def clear_links(self) -> None:
        """Forget linking: role entities, extra and reporter roles, claims' events, authors."""
        self.db.execute("DELETE FROM document_authors")
        self.db.execute("UPDATE roles SET entity_id = NULL")
        # extra entities of joint references are redone each time
        self.db.execute(f"DELETE FROM roles WHERE ordinal >= {EXTRA_ORDINAL}")
        self.db.execute("DELETE FROM roles WHERE role = 'reported_by'")
        self.db.execute("DELETE FROM claim_events")
        self.db.execute("DELETE FROM stage_failures WHERE stage = 'link'")

    def add_links(self, links: Links) -> None:
        """Add some documents' links to those stored (inside the caller's transaction)."""
        self.db.executemany("INSERT INTO document_authors VALUES (?, ?, ?)", links.authors)
        self.db.executemany(
            "UPDATE roles SET entity_id = ? WHERE owner_id = ? AND role = ? AND ordinal = ?",
            [
                (entity, owner, role, ordinal)
                for owner, role, ordinal, entity in links.role_entities
            ],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO roles (owner_id, page_id, role, ordinal, start, end, text,"
            " entity_id) SELECT owner_id, page_id, role, ?, start, end, text, ? FROM roles"
            " WHERE owner_id = ? AND role = ? AND ordinal = 0",
            [(ordinal, entity, owner, role) for owner, role, ordinal, entity in links.extra_roles],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO roles (owner_id, page_id, role, ordinal, text, entity_id)"
            " SELECT ?, page_id, 'reported_by', ?, ?, ? FROM events WHERE id = ?",
            [
                (event, ordinal, name, entity, event)
                for event, ordinal, name, entity in links.reporters
            ],
        )
        self.db.executemany("INSERT OR IGNORE INTO claim_events VALUES (?, ?)", links.claim_events)
        self.db.executemany(
            "UPDATE events SET date = ?, date_from = ? WHERE id = ?",
            [(date, source, event) for event, date, source in links.dates],
        )

    def pages_of(self, doc_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """The text of every page of some documents, by (doc id, page)."""
        wanted, found = list(doc_ids), {}
        for start in range(0, len(wanted), 500):  # SQLite caps the parameters of a query
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                "SELECT doc_id, number, text FROM pages"
                f" WHERE doc_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update({(d, n): text for d, n, text in rows})
        return found

    def resolved_mention_spans(self) -> Iterator[tuple[str, int, int, int, str, str]]:
        """(doc id, page, start, end, entity type, entity id) of every resolved mention but
        nationalities (NORP)."""
        yield from self.db.execute(
            "SELECT m.doc_id, m.page, m.start, m.end, e.type, e.id FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.label != 'NORP'"
        )

    def document_paths(self) -> list[tuple[str, str]]:
        """(path, doc id) for every path a document was found at."""
        return self.db.execute("SELECT path, doc_id FROM paths").fetchall()

    def document_authors(self) -> dict[str, dict[str, Any]]:
        """Doc id -> {"id", "name", "kind"} of who the document speaks for."""
        rows = self.db.execute(
            "SELECT a.doc_id, a.entity_id, coalesce(e.name, a.name), e.kind"
            " FROM document_authors a LEFT JOIN entities e ON e.id = a.entity_id"
        )
        return {d: {"id": i, "name": n, "kind": k} for d, i, n, k in rows}

    def each_document_text(self) -> Iterator[tuple[str, str]]:
        """(doc id, its pages joined) one document at a time, in the order they were added."""
        current, pages = None, []
        # a page's id starts with its document's: a document's pages come one after another
        for doc_id, text in self.db.execute(
            "SELECT doc_id, text FROM pages WHERE length(text) > 0 ORDER BY id"
        ):
            if doc_id != current and pages:
                yield current, "\n".join(pages)
                pages = []
            current = doc_id
            pages.append(text)
        if pages:
            yield current, "\n".join(pages)

    def each_document_label(self, doc_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """{"doc_id", "title", "mime", "parent_id", "path" (the first)} of all documents or
        these, as added."""
        where = f" WHERE d.doc_id IN {self._wanted(doc_ids)}" if doc_ids is not None else ""
        rows = self.db.execute(
            "SELECT d.doc_id, d.title, d.mime, d.parent_id,"
            " (SELECT min(path) FROM paths WHERE doc_id = d.doc_id) AS path"
            f" FROM documents d{where} ORDER BY d.rowid"
        )
        # the ids asked for are read at once: the next question refills their table
        return map(dict, rows if doc_ids is None else rows.fetchall())

    def _wanted(self, ids: Iterable[str]) -> str:
        """A subquery of these ids, held in a temporary table: a query's parameters are capped."""
        # committed at once: an open transaction would pin a reader to an old snapshot
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM temp.wanted")
            self.db.executemany("INSERT OR IGNORE INTO temp.wanted VALUES (?)", ((i,) for i in ids))
        return "(SELECT id FROM temp.wanted)"

    def pages_with_entities(self) -> Iterator[tuple[str, int, str, list[tuple[int, int, str]]]]:
        """(doc id, page, text, [(start, end, entity id)]) of pages naming two or more entities."""
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for page_id, start, end, entity_id in self.db.execute(
            "SELECT page_id, start, end, entity_id FROM mentions WHERE entity_id IS NOT NULL"
        ):
            spans.setdefault(page_id, []).append((start, end, entity_id))
        for page_id, found in spans.items():
            if len({entity for *_, entity in found}) < 2:
                continue
            doc_id, number, text = self.db.execute(
                "SELECT doc_id, number, text FROM pages WHERE id = ?", (page_id,)
            ).fetchone()
            yield doc_id, number, text, found

    def each_document_first_mention_ids(self) -> Iterator[tuple[str, dict[str, int]]]:
        """(doc id, entity id -> the id of its first mention there) one document at a time."""
        rows = self.db.execute(
            "SELECT doc_id, entity_id, id FROM mentions WHERE entity_id IS NOT NULL"
            " ORDER BY doc_id, page, start"
        )
        for doc_id, mentions in itertools.groupby(rows, key=lambda row: row[0]):
            first: dict[str, int] = {}
            for _, entity_id, mention_id in mentions:
                first.setdefault(entity_id, mention_id)
            yield doc_id, first

    def mention_passages(self, mention_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Mention id -> its passage {"doc_id", "page", "start", "end", "text"}, for these."""
        rows = self.db.execute(
            "SELECT id, doc_id, page, start, end, text FROM mentions"
            f" WHERE id IN {self._wanted(map(str, mention_ids))}"
        )
        fields = ("doc_id", "page", "start", "end", "text")
        return {mention_id: dict(zip(fields, rest, strict=True)) for mention_id, *rest in rows}

    def header_people(self) -> Iterator[tuple[int, str, int, int, str, str]]:
        """(page id, doc id, page, start, entity id, page text) of every resolved person an
        e-mail's header names, in page order."""
        yield from self.db.execute(
            "SELECT m.page_id, m.doc_id, m.page, m.start, m.entity_id, p.text FROM mentions m"
            " JOIN pages p ON p.id = m.page_id WHERE m.recognizer = 'email-header'"
            " AND m.type = 'person' AND m.entity_id IS NOT NULL ORDER BY m.page_id, m.start"
        )

    def resolved_mentions(self) -> Iterator[dict[str, Any]]:
        """Every mention resolved to an entity, in document order."""
        rows = self.db.execute(
            "SELECT doc_id, page, start, end, text, entity_id FROM mentions"
            " WHERE entity_id IS NOT NULL ORDER BY page_id, start"
        )
        for doc_id, page, start, end, text, entity_id in rows:
            yield {
                "doc_id": doc_id,
                "page": page,
                "start": start,
                "end": end,
                "text": text,
                "entity_id": entity_id,
            }

    def document_openings(
        self, chars: int, undated_only: bool = False
    ) -> Iterator[tuple[str, str]]:
        """(doc id, the first characters of its first page with text), for every document (or
        only those that store no date)."""
        undated = (
            " AND doc_id IN (SELECT doc_id FROM documents WHERE doc_date IS NULL)"
            if undated_only
            else ""
        )
        # SQLite takes the bare columns of a min() query from the row holding the minimum
        rows = self.db.execute(
            "SELECT doc_id, substr(text, 1, ?), min(number) FROM pages"
            f" WHERE length(trim(text)) > 0{undated} GROUP BY doc_id",
            (chars,),
        )
        for doc_id, opening, _ in rows:
            yield doc_id, opening

    def document_dates(self) -> dict[str, str | None]:
        """Each document's date as stored (ISO), else the one its opening lines give, or None."""
        return dict(
            self.db.execute(
                "SELECT d.doc_id, coalesce(d.doc_date, t.date) FROM documents d"
                " LEFT JOIN document_text_dates t ON t.doc_id = d.doc_id"
            )
        )

    def save_text_dates(self, dates: dict[str, str]) -> None:
        """Store the dates read from documents' opening lines, replacing those read before
        (in the caller's transaction, with the links that use them)."""
        self.db.execute("DELETE FROM document_text_dates")
        self.db.executemany("INSERT INTO document_text_dates VALUES (?, ?)", dates.items())

    def reading_counts(self) -> dict[str, int]:
        """How many events and claims the case holds."""
        return {
            "events": self._count("SELECT count(*) FROM events"),
            "claims": self._count("SELECT count(*) FROM claims"),
        }

    def created_at(self) -> str | None:
        """When the case was made (ISO 8601, UTC)."""
        return self._get_meta("created_at")

    def entity_count(self) -> int:
        """How many entities the case holds."""
        return self._count("SELECT count(*) FROM entities")

    def document_labels(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Doc id -> {"title", "path"} (its first path, sorted) for the given documents."""
        return {
            doc["doc_id"]: {"title": doc["title"], "path": doc["path"]}
            for doc in self.each_document_label(doc_ids)
        }

    def list_events(
        self,
        actor: str | None = None,
        category: str | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Events in document order; only an actor's (id), a category's, or these ids if given."""
        clauses, args = [], []
        if ids is not None:
            clauses.append(f"x.id IN {self._wanted(ids)}")
        if category:
            clauses.append("x.category = ?")
            args.append(category.upper())
        if actor:
            clauses.append(
                "x.id IN (SELECT owner_id FROM roles WHERE entity_id = ?"
                " AND role IN ('source', 'target', 'issuer'))"
            )
            args.append(actor)
        return list(self._events_where(clauses, args))

    def list_claims(self, source: str | None = None) -> list[dict[str, Any]]:
        """Claims in document order, optionally only those of one speaker (entity id)."""
        if not source:
            return list(self.each_claim())
        speaker = "x.id IN (SELECT owner_id FROM roles WHERE role = 'speaker' AND entity_id = ?)"
        return list(self._claims_where([speaker], [source]))

    def each_event(self) -> Iterator[dict[str, Any]]:
        """Every event as list_events() gives it, one at a time (for outputs of any size)."""
        return self._events_where()

    def each_claim(self) -> Iterator[dict[str, Any]]:
        """Every claim as list_claims() gives it, one at a time (for outputs of any size)."""
        return self._claims_where()

    def each_event_label(self) -> Iterator[dict[str, Any]]:
        """{"id", "category", "quad", "date", "negated", "hypothetical"} of each event, in order."""
        rows = self.db.execute(
            "SELECT id, category, quad, date, negated, hypothetical FROM events"
            " ORDER BY page_id, trigger_start"
        )
        for row in rows:
            yield {
                **row,
                "negated": bool(row["negated"]),
                "hypothetical": bool(row["hypothetical"]),
            }

    def each_claim_label(self) -> Iterator[dict[str, Any]]:
        """{"id", "kind", "hedged"} of every claim, in document order."""
        for row in self.db.execute("SELECT id, kind, hedged FROM claims ORDER BY page_id, start"):
            yield {**row, "hedged": bool(row["hedged"])}

    def event_passages(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Event id -> the passage it stands on, for these events."""
        rows = self.db.execute(
            f"SELECT x.id, x.doc_id, x.page, x.start, x.end, {_EVIDENCE} FROM events x"
            f" JOIN pages p ON p.id = x.page_id WHERE x.id IN {self._wanted(event_ids)}"
        )
        return {row["id"]: self._evidence(row) for row in rows}

    def _events_where(
        self, clauses: Sequence[str] = (), args: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """The events meeting every SQL condition on x, in document order."""
        return self._readings_where("events", "x.trigger_start", self._event_record, clauses, args)

    def _claims_where(
        self, clauses: Sequence[str] = (), args: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """The claims meeting every SQL condition on x, in document order."""
        return self._readings_where("claims", "x.start", self._claim_record, clauses, args)

    def _readings_where(
        self, table: str, order: str, record, clauses: Sequence[str], args: Sequence[Any]
    ) -> Iterator[dict[str, Any]]:
        """Rows of events or claims (as x) with their passage, made records, in page order, each
        with a person's verdict on it (``review``: null where there is none)."""
        rows = self.db.execute(
            f"SELECT x.*, {_EVIDENCE} FROM {table} x JOIN pages p ON p.id = x.page_id"
            f"{_where(clauses)} ORDER BY x.page_id, {order}",
            args,
        )
        verdicts = self.reviews()
        return ({**record(row), "review": verdicts.get(row["id"])} for row in rows)

    def claims_at(self, passage: dict[str, Any]) -> list[dict[str, Any]]:
        """The claims whose passage is exactly this (doc_id, page, start, end)."""
        at = ["x.doc_id = ?", "x.page = ?", "x.start = ?", "x.end = ?"]
        values = [passage[k] for k in ("doc_id", "page", "start", "end")]
        return list(self._claims_where(at, values))

    def _roles_of(self, owner_id: str) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        rows = self.db.execute(
            "SELECT r.role, r.start, r.end, r.text, r.entity_id, e.name, e.lat, e.lon"
            " FROM roles r LEFT JOIN entities e ON e.id = r.entity_id"
            " WHERE r.owner_id = ? ORDER BY r.role, r.ordinal",
            (owner_id,),
        )
        for role, start, end, text, entity_id, name, lat, lon in rows:
            found.setdefault(role, []).append(
                {
                    "start": start,
                    "end": end,
                    "text": text,
                    "id": entity_id,
                    "name": name or text,
                    "lat": lat,
                    "lon": lon,
                }
            )
        return found

    @staticmethod
    def _evidence(row: sqlite3.Row) -> dict[str, Any]:
        """The passage a listed event or claim stands on (its text cut out by the query)."""
        return {
            "doc_id": row["doc_id"],
            "page": row["page"],
            "start": row["start"],
            "end": row["end"],
            "text": row["evidence_text"],
        }

    def _event_record(self, row: sqlite3.Row) -> dict[str, Any]:
        roles = self._roles_of(row["id"])

        def actors(role: str) -> Any:
            found: list[dict[str, Any]] = []
            for r in roles.get(role, []):
                # "the two sides" may name an actor the sentence also names
                if r["id"] is None or all(f["id"] != r["id"] for f in found):
                    found.append({"id": r["id"], "name": r["name"]})
            return None if not found else found[0] if len(found) == 1 else found

        location = roles.get("location", [None])[0]
        return {
            "id": row["id"],
            "category": row["category"],
            "mode": row["mode"] or None,
            "quad": row["quad"],
            "intensity": row["intensity"],
            "source": actors("source") or actors("issuer"),
            "target": actors("target"),
            "location": None
            if location is None
            else {"name": location["name"], "lat": location["lat"], "lon": location["lon"]},
            "date": row["date"],
            "date_from": row["date_from"] if row["date_from"] != UNDATED else None,
            "negated": bool(row["negated"]),
            "hypothetical": bool(row["hypothetical"]),
            "reported_by": [
                {"id": r["id"], "name": r["name"]} for r in roles.get("reported_by", [])
            ],
            "trigger": {"start": row["trigger_start"], "end": row["trigger_end"]},
            "evidence": self._evidence(row),
            "extractor": row["extractor"],
        }

    def _claim_record(self, row: sqlite3.Row) -> dict[str, Any]:
        roles = self._roles_of(row["id"])
        speaker = roles.get("speaker", [None])[0]
        content = roles["content"][0]
        events = self.db.execute(
            "SELECT event_id FROM claim_events WHERE claim_id = ? ORDER BY event_id", (row["id"],)
        )
        return {
            "id": row["id"],
            "speaker": None
            if speaker is None or speaker["id"] is None
            else {"id": speaker["id"], "name": speaker["name"]},
            "speaker_text": speaker["text"] if speaker else None,
            "cue": roles["cue"][0]["text"],
            "content": content["text"],
            "content_span": {"start": content["start"], "end": content["end"]},
            "kind": row["kind"],
            "hedged": bool(row["hedged"]),
            "evidence": self._evidence(row),
            "events": [event_id for (event_id,) in events],
            "extractor": row["extractor"],
        }

    def recognised_names(self, besides: str) -> list[tuple[str, str, int]]:
        """(text, type, how many) of the mentions not made by the given recogniser."""
        rows = self.db.execute(
            "SELECT text, type, count(*) FROM mentions WHERE recognizer != ? GROUP BY text, type",
            (besides,),
        )
        return rows.fetchall()

    def mention_spans(
        self, besides: str, first_page: int, last_page: int
    ) -> dict[int, list[tuple[int, int]]]:
        """Page id -> (start, end) of mentions on pages first..last not made by the recogniser."""
        spans: dict[int, list[tuple[int, int]]] = {}
        rows = self.db.execute(
            "SELECT page_id, start, end FROM mentions"
            " WHERE page_id BETWEEN ? AND ? AND recognizer != ?",
            (first_page, last_page, besides),
        )
        for page_id, start, end in rows:
            spans.setdefault(page_id, []).append((start, end))
        return spans

    def readable_page_chunks(self, size: int) -> Iterator[list[tuple[int, str, int, str]]]:
        """Every page with text as (page id, doc id, number, text), in lists of up to size pages.

        Each list is read in full before it is yielded, so the caller may write in between.
        """
        last = 0
        while chunk := self.db.execute(
            "SELECT id, doc_id, number, text FROM pages"
            " WHERE id > ? AND needs_ocr = 0 AND length(trim(text)) > 0 ORDER BY id LIMIT ?",
            (last, size),
        ).fetchall():
            yield chunk
            last = chunk[-1][0]

    def delete_mentions_by(self, recognizer: str) -> None:
        """Delete every mention a recogniser made (in the caller's transaction)."""
        self.db.execute("DELETE FROM mentions WHERE recognizer = ?", (recognizer,))

    def add_mentions(self, found: Iterable[tuple[int, Mention]]) -> None:
        """Insert mentions given as (page id, mention) (in the caller's transaction)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO mentions (page_id, doc_id, page, start, end, text, type,"
            " label, recognizer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (pid, m.doc_id, m.page, m.start, m.end, m.text, m.type, m.label, m.recognizer)
                for pid, m in found
            ),
        )

    def each_document_mention_groups(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        """Each document's id with the (text, type) its mentions are written and typed as.

        The read stays open while the caller writes name keys (a temporary table).
        """
        rows = self.db.execute("SELECT DISTINCT doc_id, text, type FROM mentions ORDER BY doc_id")
        for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
            yield doc_id, [(text, kind) for _, text, kind in group]

    def start_name_keys(self) -> None:
        """An empty table of name keys for a resolution, kept by this connection until saved."""
        self.db.execute("DROP TABLE IF EXISTS temp.name_keys")
        self.db.execute(
            "CREATE TEMP TABLE name_keys (doc_id TEXT, text TEXT, type TEXT, key_type TEXT,"
            " key TEXT, PRIMARY KEY (doc_id, text, type)) WITHOUT ROWID"
        )

    def add_name_keys(self, doc_id: str, keyed: Iterable[tuple[str, str, str, str]]) -> None:
        """Record the keys of a document's names: (text, type, key type, key)."""
        self.db.executemany(
            "INSERT INTO temp.name_keys VALUES (?, ?, ?, ?, ?)",
            ((doc_id, *row) for row in keyed),
        )

    def keyed_names(self) -> list[tuple[str, str, str, str, int]]:
        """(key type, key, text, type, how many) over the case, in order of first mention."""
        return self.db.execute(
            "SELECT k.key_type, k.key, m.text, m.type, count(*) FROM mentions m"
            " JOIN temp.name_keys k ON k.doc_id = m.doc_id AND k.text = m.text"
            " AND k.type = m.type GROUP BY k.key_type, k.key, m.text, m.type ORDER BY min(m.id)"
        ).fetchall()

    def page_texts(self) -> Iterator[str]:
        """Every page's text (for case-wide patterns such as acronym definitions)."""
        for (text,) in self.db.execute("SELECT text FROM pages WHERE length(text) > 0"):
            yield text

    def save_resolution(
        self, assignment: dict[tuple[str, str, str], str], entities: dict[str, Entity]
    ) -> None:
        """Store a resolution: the entity of each (key type, key, text), and the entities.

        Mentions find theirs through the name keys recorded since start_name_keys.
        """
        with self.db:
            self.db.execute("DROP TABLE IF EXISTS temp.resolved")
            self.db.execute(
                "CREATE TEMP TABLE resolved (key_type TEXT, key TEXT, text TEXT, entity_id TEXT,"
                " PRIMARY KEY (key_type, key, text)) WITHOUT ROWID"
            )
            self.db.executemany(
                "INSERT INTO temp.resolved VALUES (?, ?, ?, ?)",
                ((*name, entity_id) for name, entity_id in assignment.items()),
            )
            # rows already pointing at their entity are left alone: a re-run writes little
            self.db.execute(
                "UPDATE mentions SET entity_id = r.entity_id FROM temp.name_keys k"
                " JOIN temp.resolved r ON r.key_type = k.key_type AND r.key = k.key"
                " AND r.text = k.text WHERE k.doc_id = mentions.doc_id"
                " AND k.text = mentions.text AND k.type = mentions.type"
                " AND mentions.entity_id IS NOT r.entity_id"
            )
            self.db.execute("DROP TABLE temp.resolved")
            self.db.execute("DROP TABLE temp.name_keys")
            self._replace_entities(entities)

    def _replace_entities(self, entities: dict[str, Entity]) -> None:
        """Replace the entities and their aliases; count their documents from the mentions."""
        self.db.execute("DELETE FROM entities")
        self.db.execute("DELETE FROM entity_aliases")
        self.db.executemany(
            "INSERT INTO entities (id, name, type, kind, country, kb_id, key_type, key, lat,"
            " lon, feature, mentions, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [
                (
                    e.id,
                    e.name,
                    e.type,
                    e.kind,
                    e.country,
                    e.kb_id,
                    *e.key,
                    e.lat,
                    e.lon,
                    e.feature,
                    sum(e.aliases.values()),  # every mention counts once under its alias
                )
                for e in entities.values()
            ],
        )
        self.db.executemany(
            "INSERT INTO entity_aliases (entity_id, alias, count) VALUES (?, ?, ?)",
            [(e.id, a, n) for e in entities.values() for a, n in e.aliases.items()],
        )
        self.db.execute(
            "UPDATE entities SET documents = (SELECT count(DISTINCT doc_id) FROM mentions"
            " WHERE mentions.entity_id = entities.id)"
        )

    def list_entities(
        self, type_name: str | None = None, doc_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Entities, most mentioned first, optionally of one type or mentioned in one document."""
        where, params = ["1 = 1"], []
        if type_name:
            where.append("e.type = ?")
            params.append(type_name)
        if doc_id:
            where.append("e.id IN (SELECT entity_id FROM mentions WHERE doc_id = ?)")
            params.append(self.resolve_doc_id(doc_id))
        rows = self.db.execute(
            "SELECT * FROM entities e WHERE "
            + " AND ".join(where)
            + " ORDER BY e.mentions DESC, e.name",
            params,
        ).fetchall()
        return [self._entity_summary(row) for row in rows]

    def _entity_summary(self, row: sqlite3.Row) -> dict[str, Any]:
        aliases = self.db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias",
            (row["id"],),
        )
        return {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "kind": row["kind"],
            "aliases": [alias for (alias,) in aliases],
            "mentions": row["mentions"],
            "documents": row["documents"],
            "country": row["country"],
            "kb_id": row["kb_id"],
            "lat": row["lat"],
            "lon": row["lon"],
            # a place found in the gazetteer: its kind of feature and its gazetteer id
            # (a case opened read-only from before the column was added has none)
            "feature": (feature := row["feature"] if "feature" in row.keys() else None),  # noqa: SIM118
            "gazetteer_id": row["key"] if feature else None,
        }

    def get_entity(self, entity_id: str, context: int = 60) -> dict[str, Any]:
        """An entity with its aliases, every mention in context, and who appears with it."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise UnknownEntity(f"no entity with id {entity_id!r} (see: casegraph entities)")
        related = self.db.execute(
            "SELECT e.id, e.name, count(DISTINCT o.doc_id) AS n FROM mentions m"
            " JOIN mentions o ON o.doc_id = m.doc_id AND o.entity_id != m.entity_id"
            " JOIN entities e ON e.id = o.entity_id WHERE m.entity_id = ?"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT 20",
            (entity_id,),
        ).fetchall()
        summary = self._entity_summary(row)
        summary["mentions"] = self.entity_mentions(entity_id, context=context)
        summary["related"] = [{"id": i, "name": n, "count": c} for i, n, c in related]
        return summary

    def entity_mentions(
        self, entity_id: str, limit: int = -1, context: int = 60
    ) -> list[dict[str, Any]]:
        """An entity's first ``limit`` mentions (all if negative), each with text around it."""
        rows = self.db.execute(
            "SELECT m.doc_id, m.page, m.start, m.end, m.text, m.recognizer, p.text AS page_text"
            " FROM mentions m JOIN pages p ON p.id = m.page_id WHERE m.entity_id = ?"
            " ORDER BY m.id LIMIT ?",
            (entity_id, limit),
        )
        return [
            {
                "doc_id": m["doc_id"],
                "page": m["page"],
                "start": m["start"],
                "end": m["end"],
                "text": m["text"],
                "recognizer": m["recognizer"],
                "context": m["page_text"][max(0, m["start"] - context) : m["end"] + context],
            }
            for m in rows
        ]

    def written_forms(self, name: str) -> list[str]:
        """Every written form of the entity of this name or alias (none if there is none),
        most used first."""
        try:
            entity_id = self.find_entity(name)
        except UnknownEntity:
            return []
        rows = self.db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias",
            (entity_id,),
        )
        return [alias for (alias,) in rows]

    def find_entity(self, name_or_id: str) -> str:
        """The id of the entity with this id, else this name, else this alias (most mentioned)."""
        for sql in (
            "SELECT id FROM entities WHERE id = ?",
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC",
            "SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE a.alias = ? COLLATE NOCASE ORDER BY a.count DESC",
        ):
            row = self.db.execute(sql, (name_or_id,)).fetchone()
            if row is not None:
                return row[0]
        names = self.db.execute("SELECT name FROM entities UNION SELECT alias FROM entity_aliases")
        near = close_names(name_or_id, [name for (name,) in names])
        guess = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise UnknownEntity(f"no entity named {name_or_id!r}{guess} (see: casegraph entities)")

    def entity_key(self, entity_id: str) -> tuple[str, str]:
        """The (type, key) an entity was resolved under."""
        row = self.db.execute(
            "SELECT key_type, key FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise UnknownEntity(f"no entity with id {entity_id!r} (see: casegraph entities)")
        return row[0], row[1]

    def entity_keys(self) -> dict[str, tuple[str, str]]:
        """Every entity's id to the (type, key) it was resolved under."""
        rows = self.db.execute("SELECT id, key_type, key FROM entities")
        return {entity_id: (key_type, key) for entity_id, key_type, key in rows}

    def add_judgement(
        self, kind: str, left: tuple[str, str], right: tuple[str, str] | None, alias: str | None
    ) -> None:
        """Keep a person's merge or split decision."""
        with self.db:
            self.db.execute(
                "INSERT INTO judgements (kind, left_type, left_key, right_type, right_key, alias,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, *left, *(right or (None, None)), alias, now()),
            )

    def review(self, item_id: str, kind: str, verdict: str, note: str | None, by: str) -> None:
        """Keep a person's verdict on an event, claim or finding (the last one stands)."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO reviews (item_id, item_kind, verdict, note, reviewer,"
                " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, kind, verdict, note, by, now()),
            )

    def reviews(self) -> dict[str, dict[str, Any]]:
        """Every verdict, by the id of what it is on."""
        rows = self.db.execute("SELECT * FROM reviews ORDER BY reviewed_at")
        return {row["item_id"]: dict(row) for row in rows}

    def kind_of_reading(self, item_id: str) -> str | None:
        """ "event" or "claim" when an event or a claim has this id, else None."""
        for kind, table in (("event", "events"), ("claim", "claims")):
            if self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (item_id,)).fetchone():
                return kind
        return None

    def judgements(
        self,
    ) -> tuple[list[tuple[tuple[str, str], tuple[str, str]]], list[tuple[tuple[str, str], str]]]:
        """(merges, splits) as people decided them, oldest first."""
        rows = self.db.execute(
            "SELECT kind, left_type, left_key, right_type, right_key, alias FROM judgements"
            " ORDER BY id"
        ).fetchall()
        merges = [((lt, lk), (rt, rk)) for k, lt, lk, rt, rk, _ in rows if k == "merge"]
        splits = [((lt, lk), alias) for k, lt, lk, _, _, alias in rows if k == "split"]
        return merges, splits

    # -- reading -------------------------------------------------------------

    def paths_of(self, doc_id: str) -> list[str]:
        """Every path a document was seen at, sorted."""
        rows = self.db.execute("SELECT path FROM paths WHERE doc_id = ? ORDER BY path", (doc_id,))
        return [row[0] for row in rows]

    def list_documents(
        self, type_name: str | None = None, failed: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Documents, one dict each, in the order they were added."""
        where, params = ["1 = 1"], []
        if type_name:
            clause, extra = _mime_clause(type_name)
            where.append(clause)
            params += extra
        if failed:
            where.append("d.state = 'failed'")
        sql = (
            "SELECT doc_id, mime, page_count, char_count, parent_id, state, failure_reason,"
            f" title FROM documents d WHERE {' AND '.join(where)} ORDER BY d.rowid"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        result = []
        for row in self.db.execute(sql, params).fetchall():
            paths = self.paths_of(row["doc_id"])
            result.append(
                {
                    "doc_id": row["doc_id"],
                    "path": paths[0] if paths else None,
                    "paths": paths,
                    "mime": row["mime"],
                    "pages": row["page_count"],
                    "chars": row["char_count"],
                    "parent_id": row["parent_id"],
                    "state": row["state"],
                    "failure_reason": row["failure_reason"],
                    "title": row["title"],
                }
            )
        return result

    def resolve_doc_id(self, given: str) -> str:
        """A full document id from an id or a unique prefix of at least 6 characters."""
        given = given.strip().lower()
        if len(given) >= 6 and _HEX.fullmatch(given):
            rows = self.db.execute(
                "SELECT doc_id FROM documents WHERE doc_id LIKE ? LIMIT 2", (given + "%",)
            ).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise UnknownDocument(f"{given!r} matches more than one document; give more of it")
        raise UnknownDocument(f"no document with id {given!r} (see: casegraph ls)")

    def get_document(self, doc_id: str) -> dict[str, Any]:
        """A document with its metadata, provenance chain and pages."""
        doc_id = self.resolve_doc_id(doc_id)
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        pages = self.db.execute(
            "SELECT number, text, needs_ocr, source, confidence, review, ocr_error FROM pages"
            " WHERE doc_id = ? ORDER BY number",
            (doc_id,),
        ).fetchall()
        return {
            "doc_id": doc_id,
            "sha256": row["sha256"],
            "size": row["size"],
            "mime": row["mime"],
            "title": row["title"],
            "language": row["language"],
            "parent_id": row["parent_id"],
            "root_id": row["root_id"],
            "depth": row["depth"],
            "state": row["state"],
            "failure": (
                {"reason": row["failure_reason"], "detail": row["failure_detail"]}
                if row["failure_reason"]
                else None
            ),
            "date": row["doc_date"],
            "extractor": row["extractor"],
            "added_at": row["added_at"],
            "paths": self.paths_of(doc_id),
            "chain": self._chain(doc_id),
            "children": [
                r[0]
                for r in self.db.execute(
                    "SELECT doc_id FROM documents WHERE parent_id = ? ORDER BY rowid", (doc_id,)
                )
            ],
            "metadata": json.loads(row["metadata"]),
            "pages": [
                {
                    "number": page["number"],
                    "text": page["text"],
                    "source": page["source"],
                    "confidence": page["confidence"],
                    "needs_ocr": bool(page["needs_ocr"]),
                    "review": page["review"],
                    "ocr_error": page["ocr_error"],
                }
                for page in pages
            ],
        }

    def _chain(self, doc_id: str) -> list[dict[str, str]]:
        """The containers a document came out of, outermost first."""
        chain = []
        current = self.db.execute(
            "SELECT parent_id FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        while current:
            row = self.db.execute(
                "SELECT doc_id, mime, parent_id FROM documents WHERE doc_id = ?", (current,)
            ).fetchone()
            chain.append({"doc_id": row[0], "mime": row[1], "path": self.first_path(row[0])})
            current = row[2]
        return list(reversed(chain))

    def failures(self) -> list[dict[str, str]]:
        """One row per path that failed, with its reason."""
        rows = self.db.execute(
            "SELECT p.path, d.failure_reason, d.failure_detail, d.doc_id FROM documents d"
            " JOIN paths p ON p.doc_id = d.doc_id WHERE d.state = 'failed'"
            " UNION ALL SELECT path, reason, detail, NULL FROM input_failures"
            " UNION ALL SELECT (SELECT min(path) FROM paths WHERE doc_id = f.doc_id)"
            " || CASE WHEN f.page > 0 THEN ' (page ' || f.page || ')' ELSE '' END,"
            f" '{FailureReason.INTERNAL_ERROR}', f.stage || ': ' || f.detail, f.doc_id"
            " FROM stage_failures f ORDER BY 1"
        )
        return [{"path": p, "reason": r, "detail": d, "doc_id": i} for p, r, d, i in rows]

    def status(self, extract_stage: str = "entities") -> dict[str, Any]:
        """Counts by type and state, failures by reason, and how far extraction has read."""
        one = self.db.execute
        by_type = dict(
            one(
                "SELECT COALESCE(mime, 'unknown'), count(*) FROM documents"
                " WHERE state != 'failed' GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        )
        by_state = dict(one("SELECT state, count(*) FROM documents GROUP BY 1").fetchall())
        reasons: dict[str, int] = {}
        for failure in self.failures():
            reasons[failure["reason"]] = reasons.get(failure["reason"], 0) + 1
        return {
            "documents": sum(by_type.values()),
            "pages": one(
                "SELECT count(*) FROM pages p JOIN documents d ON d.doc_id = p.doc_id"
                " WHERE d.state != 'failed'"
            ).fetchone()[0],
            "pages_needing_ocr": self._count("SELECT count(*) FROM pages WHERE needs_ocr = 1"),
            "pages_ocred": self._count("SELECT count(*) FROM pages WHERE source = 'ocr'"),
            "pages_transcribed": self._count(
                "SELECT count(*) FROM pages WHERE source = 'transcription'"
            ),
            "pages_for_review": self._count(
                "SELECT count(*) FROM pages WHERE review IS NOT NULL AND source != 'transcription'"
            ),
            "paths": one("SELECT count(*) FROM paths").fetchone()[0],
            "pages_extracted": one(
                "SELECT count(DISTINCT page_id) FROM page_stages WHERE stage = ?", (extract_stage,)
            ).fetchone()[0],
            "entities": self._count("SELECT count(*) FROM entities"),
            "events": self._count("SELECT count(*) FROM events"),
            "claims": self._count("SELECT count(*) FROM claims"),
            "failures": sum(reasons.values()),
            "by_type": by_type,
            "by_state": by_state,
            "failures_by_reason": reasons,
        }

    def _index_page(self, page_id: int, text: str) -> None:
        folded = fold(text)
        bare = without_arabic_article(folded)
        self.db.execute(
            "INSERT INTO page_index (rowid, body, bare) VALUES (?, ?, ?)",
            (page_id, folded, bare if bare != folded else ""),
        )

    def _count(self, sql: str) -> int:
        return self.db.execute(sql).fetchone()[0]

    # -- search --------------------------------------------------------------

    def search(
        self, fts: str | None, filters: list[tuple[str, list[Any]]], limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        """Documents matching an FTS5 expression and SQL filters, best page first; (total, hits)."""
        where = " AND ".join(["d.state != 'failed'"] + [clause for clause, _ in filters])
        params: list[Any] = [p for _, extra in filters for p in extra]
        if fts is None:
            total = self.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params)
            rows = self.db.execute(
                f"SELECT seq << {PAGE_BITS} | 1, 0.0 FROM documents d WHERE {where}"
                " ORDER BY seq LIMIT ? OFFSET ?",
                params + [limit, offset],
            ).fetchall()
            return total.fetchone()[0], [self._hit(*row) for row in rows]
        scope, scope_params = "", []
        if filters:
            scope = f" AND rowid >> {PAGE_BITS} IN (SELECT seq FROM documents d WHERE {where})"
            scope_params = params
        total = self.db.execute(
            f"SELECT count(DISTINCT rowid >> {PAGE_BITS}) FROM page_index"
            f" WHERE page_index MATCH ?{scope}",
            [fts] + scope_params,
        ).fetchone()[0]
        best = self._best_pages(fts, scope, scope_params, min(offset + limit, total))
        return total, [self._hit(page_id, score) for page_id, score in best[offset:]]

    def _best_pages(
        self, fts: str, scope: str, params: list[Any], wanted: int
    ) -> list[tuple[int, float]]:
        """The best-scoring page of each of the top `wanted` documents, best first."""
        pages = wanted
        while True:
            rows = self.db.execute(
                f"SELECT rowid, bm25(page_index) AS score FROM page_index"
                f" WHERE page_index MATCH ?{scope} ORDER BY score, rowid LIMIT ?",
                [fts] + params + [pages],
            ).fetchall()
            best: dict[int, tuple[int, float]] = {}
            for page_id, score in rows:
                best.setdefault(page_id >> PAGE_BITS, (page_id, score))
            # several pages of one document may crowd the top: widen until enough documents
            if len(best) >= wanted or len(rows) < pages:
                return list(best.values())[:wanted]
            pages *= 2

    def _hit(self, page_id: int, score: float) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT d.doc_id, d.title, d.name, p.number, p.text FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id WHERE p.id = ?",
            (page_id,),
        ).fetchone()
        if row is None:  # a document with no pages (a container) found by filters alone
            row = self.db.execute(
                "SELECT doc_id, title, name, 1 AS number, '' AS text FROM documents WHERE seq = ?",
                (page_id >> PAGE_BITS,),
            ).fetchone()
        return {
            "doc_id": row["doc_id"],
            "title": row["title"] or row["name"],
            "path": self.first_path(row["doc_id"]),
            "page": row["number"],
            "score": round(-score, 4),
            "text": row["text"],
        }


def filter_clause(field: str, values: list[Any]) -> tuple[str, list[Any]]:
    """The SQL condition on documents d for one filter field; several values are ORed."""
    clauses, params = [], []
    for value in values:
        clause, extra = _one_filter(field, value)
        clauses.append(clause)
        params += extra
    return "(" + " OR ".join(clauses) + ")", params


def _one_filter(field: str, value: Any) -> tuple[str, list[Any]]:
    if field == "type":
        return _mime_clause(value)
    if field == "path":
        return "d.doc_id IN (SELECT doc_id FROM paths WHERE instr(path, ?) > 0)", [value]
    if field == "lang":
        return "d.language = ?", [value]
    start, end = value
    clauses, params = [], []
    if start is not None:
        clauses.append("d.doc_date >= ?")
        params.append(start.isoformat())
    if end is not None:
        # doc_date is an ISO string: everything on the end day sorts below the next day
        clauses.append("d.doc_date < ?")
        params.append((end + timedelta(days=1)).isoformat())
    return "(" + " AND ".join(clauses) + ")", params


def _where(clauses: Sequence[str]) -> str:
    """A WHERE clause joining the conditions with AND, or nothing if there are none."""
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _mime_clause(type_name: str) -> tuple[str, list[str]]:
    patterns = mime_patterns(type_name)
    return "(" + " OR ".join("d.mime LIKE ?" for _ in patterns) + ")", patterns


def _schema_script() -> str:
    return resources.files(__package__).joinpath("schema.sql").read_text()


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to a case's database; read_only never writes a byte of the case."""
    db = _open_uri(path, "?mode=ro" if read_only else "")
    if read_only:
        try:
            db.execute("SELECT 1 FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise
            # SQLite cannot make the WAL index in a folder it may not write: read the
            # database as it stands on disk (immutable), which is all a reader here can see
            db.close()
            db = _open_uri(path, "?mode=ro&immutable=1")
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _open_uri(path: Path, query: str) -> sqlite3.Connection:
    """Connect by file: URI, the path percent-encoded so that #, ? and % stay in the name."""
    return sqlite3.connect(path.absolute().as_uri() + query, uri=True, timeout=30)


def stored_state(db: sqlite3.Connection, sha256: str) -> str | None:
    """The state of the document of these bytes in a case opened with ``open_readonly``."""
    row = db.execute("SELECT state FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row is not None else None


def open_readonly(root: Path) -> sqlite3.Connection:
    """A read-only connection for worker processes."""
    return _open_uri(root / DB_NAME, "?mode=ro")


def read_only_message(root: Path | None) -> str:
    """What to say when a command would write to a case this user can only read."""
    return (
        f"{root or 'the case'} is read-only here and this command writes to it; status,"
        " search, ls and show can read it, or copy the case folder somewhere writable"
    )


# what an SQLite error a case caused means: (words of SQLite's message, error, what to do)
_DATABASE_ERRORS: tuple[tuple[str, type[CaseGraphError], str], ...] = (
    ("not a database", DamagedCase, "it is damaged; run: casegraph check {root}"),
    ("malformed", DamagedCase, "it is damaged; run: casegraph check {root}"),
    ("no such table", DamagedCase, "it is damaged or old; run: casegraph check {root}"),
    ("readonly", CaseUnwritable, "{read_only}"),
    ("full", CaseUnwritable, "free space, then run the same command again"),
    ("locked", CaseLocked, "another program held it for over 30 s; try again when it is done"),
    ("busy", CaseLocked, "another program held it for over 30 s; try again when it is done"),
    ("disk i/o", CaseUnavailable, "check the disk, then run: casegraph check {root}"),
    ("unable to open", CaseUnavailable, "check the folder's permissions and that it is mounted"),
)


def database_error(root: Path | None, error: sqlite3.Error) -> Exception:
    """The coded one-line error for an SQLite error that the case, not casegraph, caused.

    An error that can only come from casegraph's own SQL (a bug) is returned unchanged.
    """
    message = " ".join(str(error).split())
    for words, kind, advice in _DATABASE_ERRORS:
        if words in message.lower():
            what = advice.format(root=root or "CASE", read_only=read_only_message(root))
            return kind(f"the database of {root or 'the case'}: {message}: {what}")
    return error


def close_names(name: str, names: list[str], most: int = 3) -> list[str]:
    """The names written most like ``name`` (case aside), best first."""
    by_key: dict[str, str] = {}
    for each in names:
        by_key.setdefault(each.casefold(), each)
    near = difflib.get_close_matches(name.casefold(), list(by_key), n=most, cutoff=0.75)
    return [by_key[key] for key in near]


def not_a_case(root: Path) -> NotACase:
    """The error for a folder that holds no case: where one lies in a folder inside it (the
    demo's DIR/case), that folder is named."""
    inside = sorted(p for p in root.glob(f"*/{DB_NAME}") if p.is_file()) if root.is_dir() else []
    if inside:
        return NotACase(f"{root} is not a case; did you mean {inside[0].parent}?")
    return NotACase(f"{root} is not a case (run: casegraph init {root})")


def check_case(root: Path) -> dict[str, Any]:
    """Verify a case without writing to it: its database, and every original it refers to."""
    if not (root / DB_NAME).is_file():
        raise not_a_case(root)
    stored = sum(1 for path in (root / "blobs").rglob("*") if path.is_file())
    report: dict[str, Any] = {"case": str(root), "database": [], "missing": [], "altered": []}
    try:
        case = Case(root, _connect(root / DB_NAME, read_only=True), read_only=True)
        report["database"] = case._database_problems()
        if "documents" in case.table_names():
            report["checked"], report["missing"], report["altered"] = case._check_originals()
    except sqlite3.DatabaseError as error:
        report["database"].append(" ".join(str(error).split()))
    report["lost"] = _what_is_lost(report, stored)
    report["healthy"] = not report["lost"]
    return report


def _what_is_lost(report: dict[str, Any], stored: int) -> list[str]:
    lost = []
    if report["database"] and "checked" not in report:
        lost.append(
            f"the case's index (documents, their text, entities, events) cannot be read;"
            f" blobs/ holds {stored} originals by SHA-256: restore {DB_NAME} from a backup,"
            " or ingest the sources again into a new case"
        )
    elif report["database"]:
        lost.append(
            f"the database has problems, so its index may be incomplete: restore {DB_NAME}"
            " from a backup, or ingest the sources again into a new case"
        )
    for kind, what in (("missing", "is gone from blobs/"), ("altered", "no longer matches")):
        lost += [f"the original of {d['doc_id']} ({d['path']}) {what}" for d in report[kind]]
    return lost


def _expected_tables() -> set[str]:
    with sqlite3.connect(":memory:") as db:
        db.executescript(_schema_script())
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
