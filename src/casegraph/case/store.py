"""The case folder: a SQLite database (WAL) and a blob store; the only code that speaks SQL.

``Case`` opens, checks and closes a case, holds its settings and transactions, and gives its
tables through small repositories over one connection: ``documents``, ``pages``,
``readings`` (what the stages read on each page), ``mentions``, ``entities``, ``events``,
``claims``, ``links``, ``reviews``, ``notes`` (people's notes, tags and marks) and ``index``
(full-text search).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from ..errors import (
    BadSetting,
    CaseExists,
    CaseGraphError,
    CaseLocked,
    CaseUnavailable,
    CaseUnwritable,
    DamagedCase,
    NotACase,
    UnsupportedSchema,
    one_line,
)
from ..listings import FailureReasonName, StatusReport
from ..settings import Settings
from . import migrations
from .address import ServerAddress, is_server_address
from .blobs import BlobStore, sha256_file
from .claims import ClaimRepository
from .database import Database
from .documents import DocumentRepository
from .entities import EntityRepository
from .events import EventRepository
from .index import INDEX_FOLDER, SearchIndex
from .links import LinkRepository
from .locks import WAIT_SECONDS, writer_lock
from .mentions import MentionRepository
from .notes import NoteRepository
from .pages import PageRepository
from .readings import ReadingRepository
from .reviews import ReviewRepository
from .sql import (
    EXTRA_ORDINAL,
    PAGE_BITS,
    SET_META,
    SURROGATE,
    UNDATED,
    display_path,
    doc_id_for,
    now,
)

__all__ = [
    "EXTRA_ORDINAL",
    "PAGE_BITS",
    "SURROGATE",
    "UNDATED",
    "Case",
    "display_path",
    "doc_id_for",
    "now",
]

DB_NAME = "case.sqlite"
LOCK_NAME = ".lock"
_FOLDER_KEY = "folder"  # a server case's folder of originals and search index
SCHEMA_VERSION = "1"
# how often a long run of batches makes what it kept searchable
INDEX_SECONDS = 10.0
# after these, no write to the case can succeed: the run stops, and a re-run resumes
_UNWRITABLE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def unwritable(error: BaseException) -> bool:
    """Whether an error means the case cannot be written any more, not one item's fault."""
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return False
    if isinstance(error, sqlite3.DatabaseError):  # full, read-only, damaged, I/O error, locked
        return True
    return isinstance(error, OSError) and error.errno in _UNWRITABLE_ERRNOS


def stopping_error(root: Path, error: BaseException) -> CaseGraphError | None:
    """The one-line error that stops a run where the case cannot be written any more (full,
    held by another program, damaged); None where the error is one item's alone."""
    if not unwritable(error):
        return None
    if isinstance(error, sqlite3.Error):
        coded = database_error(root, error)
        if isinstance(coded, CaseGraphError):
            return coded
    return CaseUnwritable(
        f"cannot write to the case {root}: {one_line(error)}; free space or restore access,"
        " then run the same command again to resume"
    )


class Case:
    """An open case folder and its repositories."""

    def __init__(
        self,
        root: Path,
        db: Database,
        read_only: bool = False,
        address: ServerAddress | None = None,
    ):
        self.root = root  # the case folder; a server case's folder of originals and index
        self.db = db
        self.read_only = read_only
        self.address = address  # where a server case lives
        self.blobs = BlobStore(root / "blobs")
        self.documents = DocumentRepository(db)
        self.readings = ReadingRepository(db)
        self.pages = PageRepository(db, self.documents, self.readings)
        self.mentions = MentionRepository(db)
        self.entities = EntityRepository(db, self.documents)
        self.reviews = ReviewRepository(db)
        self.notes = NoteRepository(db, self.documents)
        self.events = EventRepository(db, self.reviews)
        self.claims = ClaimRepository(db, self.reviews)
        self.links = LinkRepository(db)
        self.index = SearchIndex(
            db, self.documents, root / INDEX_FOLDER, root / LOCK_NAME, read_only
        )

    @property
    def connection_lost(self) -> bool:
        """Whether a server case's connection was closed by the server: open the case again."""
        return bool(getattr(self.db, "lost", False))

    @property
    def shown(self) -> str:
        """The case as a message names it: its folder, or its server address without the
        password."""
        return self.address.shown if self.address else str(self.root)

    @property
    def location(self) -> str:
        """The case as a command names it: its folder, or its server address."""
        return str(self.address or self.root)

    @classmethod
    def create(
        cls,
        root: Path | ServerAddress,
        settings: Settings | None = None,
        folder: Path | None = None,
    ) -> Case:
        """Make a new case folder, or a new case on a server with its files in ``folder``."""
        if isinstance(root, ServerAddress):
            if folder is None:
                raise BadSetting(
                    f"a server case keeps its originals and search index in a folder that every"
                    f" machine working on it reaches: casegraph init {root} --blobs FOLDER"
                )
            return cls.create_on_server(root, folder, settings)
        if (root / DB_NAME).exists():
            raise CaseExists(f"{root} already holds a case")
        if root.exists() and not root.is_dir():
            raise CaseExists(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        db = _connect(root / DB_NAME)
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(schema_script())
        case = cls(root, db)
        case._start(settings)
        return case

    @classmethod
    def create_on_server(
        cls, address: ServerAddress, folder: Path, settings: Settings | None = None
    ) -> Case:
        """Make a new case in a PostgreSQL database; its originals and its search index go
        in ``folder``, a path every machine that works on the case reaches."""
        from . import postgres

        db = postgres.connect(address)
        try:
            postgres.create_schema(db, address)
        except BaseException:
            db.close()
            raise
        folder = folder.absolute()
        folder.mkdir(parents=True, exist_ok=True)
        case = cls(folder, db, address=address)
        with case.db:
            case._set_meta(_FOLDER_KEY, str(folder))
        case._start(settings)
        return case

    def _start(self, settings: Settings | None) -> None:
        with self.db:
            self._set_meta("schema_version", SCHEMA_VERSION)
            self._set_meta("created_at", now())
            migrations.mark_all_applied(self.db)
        self.save_settings(settings or Settings())
        # its search index now: two processes opening a new case at once (an ingest and a
        # search) would otherwise each make one, the second wiping what the first wrote
        self.index.apply_queue()

    @classmethod
    def open(cls, root: Path | ServerAddress, read_only: bool = False) -> Case:
        """Open an existing case folder (read-only when asked or when this user cannot write
        it), or a case on a server.

        A case of another schema version, or whose database is not a case, is refused.
        """
        if isinstance(root, ServerAddress):
            return cls.open_on_server(root, read_only)
        path = root / DB_NAME
        if not path.is_file():
            raise not_a_case(root)
        read_only = read_only or not (os.access(path, os.W_OK) and os.access(root, os.W_OK))
        try:
            db = _connect(path, read_only)
            case = cls(root, db, read_only)
            case._check_schema()
            if not read_only:
                # tables added since the case was made are created on opening
                db.execute("PRAGMA journal_mode = WAL")
                db.executescript(schema_script())
                migrations.migrate(db)
            else:
                _stand_in_for_missing_tables(db)
        except sqlite3.Error as error:
            raise database_error(root, error) from None
        return case

    @classmethod
    def open_on_server(cls, address: ServerAddress, read_only: bool = False) -> Case:
        """Open a case of a PostgreSQL database."""
        from . import postgres

        db = postgres.connect(address)
        try:
            if not postgres.schema_exists(db, address):
                raise NotACase(f"{address.shown} holds no case (run: casegraph init ADDRESS)")
            row = db.execute("SELECT value FROM meta WHERE key = ?", (_FOLDER_KEY,)).fetchone()
            if row is None:
                raise DamagedCase(f"{address.shown} names no folder for its originals")
            case = cls(Path(row[0]), db, read_only, address)
            case._check_schema()
            if not read_only:
                postgres.add_missing_tables(db, address)
        except BaseException:
            db.close()
            raise
        return case

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
        if self.address is not None:
            listed = "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
            return {row[0] for row in self.db.execute(listed, (self.address.schema,))}
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
            found = {"doc_id": doc_id, "path": self.documents.first_path(doc_id), "sha256": sha}
            (altered if path.is_file() else missing).append(found)
        return len(rows), missing, altered

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the case's writer lock: one ingest, OCR or extraction at a time (on a server
        case, one case-wide step at a time, whatever machine runs it)."""
        if self.read_only:
            raise CaseUnwritable(read_only_message(self.root))
        if self.address is not None:
            from . import postgres

            assert isinstance(self.db, postgres.ServerConnection)
            held = postgres.case_lock(self.db, WAIT_SECONDS)
        else:
            held = writer_lock(self.root / LOCK_NAME, WAIT_SECONDS)
        with held as taken:
            if not taken:
                raise CaseLocked(f"another casegraph process is writing to {self.shown}")
            self.index.writer_held = True
            try:
                yield
            finally:
                self.index.writer_held = False

    @contextmanager
    def reading_lock(self, alone: bool) -> Iterator[bool]:
        """On a server case, the lock that keeps jobs reading its pages apart from the
        case-wide steps of its extraction (``postgres.reading_lock``): shared by readers,
        which get False where the case-wide job holds it or waits for it (it reads their pages
        itself), held alone by that job. A case folder has one writer at a time already."""
        if self.address is None:
            yield True
            return
        from . import postgres

        assert isinstance(self.db, postgres.ServerConnection)
        with postgres.reading_lock(self.db, alone) as taken:
            yield taken

    def refresh_statistics(self) -> list[str]:
        """After many writes, keep a server's planner statistics true (see
        ``postgres.refresh_statistics``); the tables analysed. SQLite plans without them."""
        if self.address is None or self.read_only:
            return []
        from . import postgres

        assert isinstance(self.db, postgres.ServerConnection)
        return postgres.refresh_statistics(self.db, self.address.schema)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Write inside one transaction: all of it is kept, or, on an error, none of it.
        Pages it changed are then written into the search index."""
        with self.db:
            yield
        self.index.apply_queue()

    @contextmanager
    def batches(self, items: int, seconds: float) -> Iterator[Callable[[int], None]]:
        """Write in batches: the function given counts items written and keeps the open
        batch once ``items`` are written or ``seconds`` have passed since the last was kept.
        The last batch is kept at the end; on an error the open one is dropped whole, for
        the next run to redo. The pages kept are written into the search index every
        INDEX_SECONDS and at the end."""
        count, kept_at = 0, time.monotonic()
        indexed_at = kept_at

        def written(n: int) -> None:
            nonlocal count, kept_at, indexed_at
            count += n
            if count >= items or time.monotonic() - kept_at > seconds:
                self.db.commit()
                count, kept_at = 0, time.monotonic()
                if kept_at - indexed_at > INDEX_SECONDS:
                    self.index.apply_queue()
                    indexed_at = time.monotonic()

        try:
            yield written
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        self.index.apply_queue()

    @contextmanager
    def item_savepoint(self) -> Iterator[None]:
        """Write one item inside the open batch: on an error its writes alone are undone."""
        if not self.db.in_transaction:
            # the write lock at once: a deferred BEGIN that reads first fails outright
            # ("database is locked") where another process wrote since its first read
            self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("SAVEPOINT item")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO item")
            raise
        finally:
            self.db.execute("RELEASE item")

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute(SET_META, (key, value))

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

    def created_at(self) -> str | None:
        """When the case was made (ISO 8601, UTC)."""
        return self._get_meta("created_at")

    def mark(self) -> tuple[int, ...]:
        """A mark that moves whenever any connection of any process commits to the case (for
        a reader that keeps what it worked out, in whichever thread): the modification time
        and size of the database and of its write-ahead log, where every commit lands."""
        found: list[int] = []
        for name in (DB_NAME, f"{DB_NAME}-wal"):
            try:
                stat = os.stat(self.root / name)
            except FileNotFoundError:
                found += [0, 0]
            else:
                found += [stat.st_mtime_ns, stat.st_size]
        return tuple(found)

    def status(self, extract_stage: str = "entities") -> StatusReport:
        """Counts by type and state, failures by reason, and how far extraction has read."""
        one = self.db.execute
        by_type = dict(
            one(
                "SELECT COALESCE(mime, 'unknown'), count(*) FROM documents"
                " WHERE state != 'failed' GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        )
        by_state = dict(one("SELECT state, count(*) FROM documents GROUP BY 1").fetchall())
        reasons: dict[FailureReasonName, int] = {}
        for failure in self.documents.failures():
            reasons[failure["reason"]] = reasons.get(failure["reason"], 0) + 1
        return {
            "documents": sum(by_type.values()),
            # counted on the index of pages by document, without reading a page
            "pages": one(
                "SELECT count(*) FROM pages WHERE doc_id NOT IN"
                " (SELECT doc_id FROM documents WHERE state = 'failed')"
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

    def _count(self, sql: str) -> int:
        return int(self.db.execute(sql).fetchone()[0])


def schema_script() -> str:
    """The statements that make a case's tables, in SQLite's dialect."""
    return Path(__file__).with_name("schema.sql").read_text(encoding="utf-8")


def _stand_in_for_missing_tables(db: sqlite3.Connection) -> None:
    """Give a case folder of an earlier casegraph, opened read-only, an empty temporary table
    for each plain table it lacks (SQLite reads a name not in the case's database from the
    temporary one), so that the queries of today read nothing there rather than fail; then
    refuse every write, which a temporary table would otherwise take and lose."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    for table, statement in _table_definitions():
        if table not in present:
            db.execute(statement.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
    db.execute("PRAGMA query_only = ON")


@functools.cache
def _table_definitions() -> tuple[tuple[str, str], ...]:
    """(name, CREATE TABLE statement) of each plain table of schema.sql."""
    with closing(sqlite3.connect(":memory:")) as schema:
        schema.executescript(schema_script())
        return tuple(
            schema.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                " AND sql LIKE 'CREATE TABLE%' AND name NOT LIKE 'path_trigrams%'"
            )
        )


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


def stored_state(db: Database, sha256: str) -> str | None:
    """The state of the document of these bytes in a case opened with ``open_readonly``."""
    row = db.execute("SELECT state FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row is not None else None


def open_readonly(location: str) -> Database:
    """A connection for worker processes, which only read: to the case's folder or server."""
    if is_server_address(location):
        from . import postgres

        return postgres.connect(ServerAddress.parse(location))
    return _open_uri(Path(location) / DB_NAME, "?mode=ro")


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
        db.executescript(schema_script())
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
