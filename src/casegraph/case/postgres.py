"""A case on a PostgreSQL server: its connection and its tables.

A server case (``address.ServerAddress``) keeps its tables in a schema of its database of
their own (``case_<name>``), so a case is made, copied or dropped whole. The repositories
write one SQL, in SQLite's dialect with ``?`` parameters: ``ServerConnection`` translates
each statement once with sqlglot, opens a transaction before a write as Python's sqlite3
does, gives rows that read by name or position, and raises the errors the repositories
catch under their sqlite3 names.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Literal

import psycopg
import sqlglot
from psycopg import sql
from psycopg.pq import TransactionStatus
from sqlglot import exp

from ..errors import CaseExists, CaseUnavailable
from .address import ServerAddress

_LOCK_STEP_SECONDS = 0.1
# statements Python's sqlite3 opens a transaction for, and those passed on as they are
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_BEGIN = re.compile(r"\s*BEGIN\b", re.IGNORECASE)
_AS_WRITTEN = re.compile(r"\s*(SAVEPOINT|RELEASE|ROLLBACK|COMMIT)\b", re.IGNORECASE)
_WITHOUT_ROWID = re.compile(r"\s+WITHOUT\s+ROWID\b", re.IGNORECASE)
_PARAMETER = "casegraph_parameter"  # a ? while the statement is rewritten
# a file name that is not UTF-8 is stored as its bytes; PostgreSQL's text holds UTF-8 only,
# so bytes travel as this mark and their hex digits, and come back as bytes
_BYTES_MARK = "\ue000casegraph-bytes:"
# SQLite's functions that PostgreSQL lacks, made in each case's schema; IMMUTABLE so that
# an index may hold them (the e-mail headers inside documents.metadata)
_FUNCTIONS = (
    "CREATE FUNCTION json_extract_path_text(document text, VARIADIC path text[]) RETURNS text"
    " LANGUAGE sql IMMUTABLE AS 'SELECT pg_catalog.json_extract_path_text(document::json,"
    " VARIADIC path)'",
    "CREATE FUNCTION substr(string text, start bigint, count bigint) RETURNS text"
    " LANGUAGE sql IMMUTABLE AS 'SELECT pg_catalog.substr(string, start::int, count::int)'",
)
# a connection nobody looked at for this long is asked whether it still stands before use
PING_AFTER_SECONDS = 10.0
# the path: filter finds any part of a path; a trigram index answers LIKE '%...%'
_PATH_TRIGRAMS = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
    "CREATE INDEX paths_trigrams ON paths USING gin (path public.gin_trgm_ops)",
)


class ServerRow(tuple[Any, ...]):
    """A row read by column name or position, as sqlite3.Row is."""

    names: tuple[str, ...]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self.names.index(key))
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_maker(cursor: Any) -> Callable[[Sequence[Any]], ServerRow]:
    names = tuple(column.name for column in cursor.description or ())

    def make(values: Sequence[Any]) -> ServerRow:
        row = ServerRow(_bytes_back(value) for value in values)
        row.names = names
        return row

    return make


class Liveness:
    """Whether a connection still stands: lost once an operation failed on it, and asked
    with a statement when nobody looked at it for a while (a restart of PostgreSQL closes
    idle connections without their knowing)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection
        self.looked = time.monotonic()

    def lost(self) -> bool:
        if self.connection.closed or self.connection.broken:
            return True
        now = time.monotonic()
        idle, self.looked = now - self.looked, now
        status = self.connection.info.transaction_status
        if idle < PING_AFTER_SECONDS or status != TransactionStatus.IDLE:
            return False
        try:
            self.connection.execute("SELECT 1")
        except psycopg.Error:
            return True
        return False


class ServerConnection:
    """A connection to one server case that takes the repositories' SQLite SQL."""

    def __init__(self, connection: psycopg.Connection[Any], schema: str) -> None:
        self.connection = connection
        self.schema = schema
        self.liveness = Liveness(connection)

    @property
    def in_transaction(self) -> bool:
        return self.connection.info.transaction_status != TransactionStatus.IDLE

    def execute(self, statement: str, parameters: Sequence[Any] = (), /) -> Any:
        values = _values(parameters)
        return self._run(statement, lambda cursor, text: cursor.execute(text, values))

    def executemany(self, statement: str, parameters: Iterable[Sequence[Any]], /) -> Any:
        rows = [_values(row) for row in parameters]
        return self._run(statement, lambda cursor, text: cursor.executemany(text, rows))

    def _run(self, statement: str, run: Callable[[Any, str], Any]) -> Any:
        if _WRITES.match(statement) and not self.in_transaction:
            self.connection.execute("BEGIN")
        cursor = self.connection.cursor()
        try:
            run(cursor, translate(statement))
        except psycopg.Error as error:
            raise _sqlite_error(error) from error
        return cursor

    def commit(self) -> None:
        if self.in_transaction:
            self.connection.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()

    @property
    def lost(self) -> bool:
        """Whether the server closed the connection (a restart, a fail-over, an idle limit)."""
        return self.liveness.lost()

    def __enter__(self) -> ServerConnection:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
        /,
    ) -> Literal[False]:
        if error is None:
            self.commit()
        else:
            self.rollback()
        return False


def _values(parameters: Sequence[Any]) -> tuple[Any, ...]:
    """Parameters as stored: a truth value as the integer 1 or 0 (as SQLite keeps it), bytes
    as marked text."""
    return tuple(_stored(value) for value in parameters)


def _stored(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, bytes):
        return _BYTES_MARK + value.hex()
    return value


def _bytes_back(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_BYTES_MARK):
        return bytes.fromhex(value[len(_BYTES_MARK) :])
    return value


def _sqlite_error(error: psycopg.Error) -> sqlite3.Error:
    """The sqlite3 error of the same meaning, which the repositories and the stages catch."""
    message = " ".join(str(error).split())
    if isinstance(error, psycopg.errors.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(error, psycopg.OperationalError | psycopg.ProgrammingError):
        return sqlite3.OperationalError(message)
    return sqlite3.DatabaseError(message)


@functools.lru_cache(maxsize=4096)
def translate(statement: str) -> str:
    """A statement in SQLite's dialect, ``?`` parameters, in PostgreSQL's, ``%s`` ones."""
    if _BEGIN.match(statement):
        return "BEGIN"  # PostgreSQL takes a row's write lock when it writes the row
    if _AS_WRITTEN.match(statement):
        return statement
    statement = _WITHOUT_ROWID.sub("", statement)  # a storage choice of SQLite's alone
    tree = sqlglot.parse_one(statement, read="sqlite").transform(_to_postgres)
    text = tree.sql(dialect="postgres", identify=True)
    return text.replace("%", "%%").replace(_PARAMETER, "%s")


def _to_postgres(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Placeholder):
        return exp.var(_PARAMETER)
    if isinstance(node, exp.Table) and node.db == "temp":
        node.set("db", exp.to_identifier("pg_temp"))
    if isinstance(node, exp.DataType):
        return _wider(node)
    if isinstance(node, exp.Substring):  # as substr(), which takes 64-bit offsets here
        parts = [node.this, node.args["start"], node.args.get("length")]
        substr = exp.Anonymous(this="substr", expressions=[p for p in parts if p is not None])
        return substr.transform(_to_postgres)  # its parts are not visited again
    if isinstance(node, exp.Collate) and node.expression.name.upper() == "BINARY":
        # the order of characters' codes: SQLite's BINARY is PostgreSQL's "C"
        return exp.Collate(this=node.this, expression=exp.to_identifier("C", quoted=True))
    if isinstance(node, exp.Ordered) and isinstance(node.parent, exp.OnConflict):
        column: exp.Expression = node.this  # a conflict target names columns, in no order
        return column
    return node


def _wider(kind: exp.DataType) -> exp.DataType:
    """SQLite's integers and reals are 64-bit: so are PostgreSQL's here."""
    if kind.this in exp.DataType.INTEGER_TYPES:
        return exp.DataType.build("BIGINT")
    if kind.this in exp.DataType.REAL_TYPES:
        return exp.DataType.build("DOUBLE PRECISION")
    return kind


def schema_statements() -> list[str]:
    """The statements that make a case's tables, from the SQLite schema: an INTEGER PRIMARY
    KEY numbers itself, every other table gets a ``rowid`` in the order rows came, and the
    full-text table of paths (SQLite's FTS5) becomes a trigram index."""
    return [*_FUNCTIONS, *_table_statements(), *_PATH_TRIGRAMS]


@functools.cache
def _table_statements() -> tuple[str, ...]:
    """schema.sql's tables and indexes in PostgreSQL's dialect, each made only if missing."""
    script = importlib.resources.files("casegraph.case").joinpath("schema.sql").read_text()
    script = re.sub(r"CREATE TRIGGER.*?END;", "", script, flags=re.DOTALL)
    script = re.sub(r"CREATE VIRTUAL TABLE.*?\);", "", script, flags=re.DOTALL)
    statements = []
    for tree in sqlglot.parse(script, read="sqlite"):
        if tree is not None:
            tree = tree.transform(_to_postgres)
            if isinstance(tree, exp.Create) and tree.kind == "TABLE":
                _number_rows(tree)
            statements.append(tree.sql(dialect="postgres", identify=True))
    return tuple(statements)


def add_missing_tables(db: ServerConnection, address: ServerAddress) -> None:
    """Make the tables and indexes of schema.sql that a case made by an earlier casegraph
    lacks (versions only add them), one process at a time."""
    present = db.connection.execute(
        "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s",
        (address.schema,),
    )
    if _schema_names() <= {row[0] for row in present}:
        return
    with db.connection.transaction():
        db.connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (address.schema,))
        for statement in _table_statements():
            db.connection.execute(statement)


@functools.cache
def _schema_names() -> frozenset[str]:
    """The tables and indexes schema.sql makes (not SQLite's full-text ones)."""
    script = importlib.resources.files("casegraph.case").joinpath("schema.sql").read_text()
    made = r"^CREATE (?:TABLE|INDEX) IF NOT EXISTS (\w+)"
    return frozenset(re.findall(made, script, flags=re.MULTILINE))


def _number_rows(table: exp.Create) -> None:
    columns = [c for c in table.this.expressions if isinstance(c, exp.ColumnDef)]
    for column in columns:
        primary = any(
            isinstance(c.args.get("kind"), exp.PrimaryKeyColumnConstraint)
            for c in column.constraints
        )
        if primary and column.kind is not None and column.kind.this == exp.DataType.Type.BIGINT:
            column.append("constraints", _identity())
            return
    rowid = exp.ColumnDef(
        this=exp.to_identifier("rowid"),
        kind=exp.DataType.build("BIGINT"),
        constraints=[_identity()],
    )
    table.this.append("expressions", rowid)


def _identity() -> exp.ColumnConstraint:
    return exp.ColumnConstraint(kind=exp.GeneratedAsIdentityColumnConstraint(this=False))


def connect(address: ServerAddress) -> ServerConnection:
    """A connection to the case's database, its tables first in the search path."""
    try:
        connection = psycopg.connect(address.database, autocommit=True, row_factory=_row_maker)
    except psycopg.Error as error:
        raise CaseUnavailable(
            f"cannot reach the database of {address.shown}: {' '.join(str(error).split())}"
        ) from None
    connection.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(address.schema)))
    return ServerConnection(connection, address.schema)


def schema_exists(db: ServerConnection, address: ServerAddress) -> bool:
    """Whether the database holds this case."""
    found = db.connection.execute(
        "SELECT 1 FROM pg_namespace WHERE nspname = %s", (address.schema,)
    )
    return found.fetchone() is not None


def create_schema(db: ServerConnection, address: ServerAddress) -> None:
    """Make the case's tables in a schema of their own; refused where the case exists."""
    if schema_exists(db, address):
        raise CaseExists(f"{address} already holds a case")
    with db.connection.transaction():
        db.connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(address.schema)))
        for statement in schema_statements():
            db.connection.execute(statement)


@contextmanager
def case_lock(db: ServerConnection, wait: float) -> Iterator[bool]:
    """Hold PostgreSQL's advisory lock on the case while the block runs, on every machine
    at once: True where it was taken, False where another held it after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    key = (db.schema,)
    while not _took_lock(db, key):
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(_LOCK_STEP_SECONDS)
    try:
        yield True
    finally:
        db.rollback()  # a transaction an error broke would refuse the unlock
        db.connection.execute("SELECT pg_advisory_unlock(hashtext(%s))", key)


@contextmanager
def reading_lock(db: ServerConnection, alone: bool) -> Iterator[bool]:
    """Hold the lock that keeps the jobs reading a case's pages apart from the case-wide steps
    of its extraction, on every machine at once: reading jobs share it, taking it only where
    it is free now (True) or not at all (False); the case-wide job waits to hold it alone. A
    lock ends with its connection: a dead worker's lock with it."""
    key = (f"{db.schema}:reading",)
    if alone:
        db.connection.execute("SELECT pg_advisory_lock(hashtext(%s))", key)
        taken = True
    else:
        found = db.connection.execute("SELECT pg_try_advisory_lock_shared(hashtext(%s))", key)
        row = found.fetchone()
        taken = bool(row and row[0])
    try:
        yield taken
    finally:
        if taken:
            db.rollback()  # a transaction an error broke would refuse the unlock
            unlock = "pg_advisory_unlock" if alone else "pg_advisory_unlock_shared"
            db.connection.execute(f"SELECT {unlock}(hashtext(%s))", key)


def _took_lock(db: ServerConnection, key: tuple[str]) -> bool:
    row = db.connection.execute("SELECT pg_try_advisory_lock(hashtext(%s))", key).fetchone()
    return bool(row and row[0])


def continue_numbering(db: ServerConnection) -> None:
    """After rows were copied in with their numbers, number new rows after them."""
    identities = db.connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = %s AND is_identity = 'YES'",
        (db.schema,),
    ).fetchall()
    for table, column in identities:
        db.connection.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({table}, {column}),"
                " coalesce(max({name}), 0) + 1, false) FROM {qualified}"
            ).format(
                table=sql.Literal(table),
                column=sql.Literal(column),
                name=sql.Identifier(column),
                qualified=sql.Identifier(table),
            )
        )


def drop_schema(db: ServerConnection, address: ServerAddress) -> None:
    """Delete the case's tables and everything in them."""
    db.connection.execute(
        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(address.schema))
    )


# a table is analysed again once more than ANALYZE_ROWS and this share of its rows changed
# since it last was (as PostgreSQL's autovacuum does where it runs: a case does not rely on
# it running, or on when)
ANALYZE_SHARE = 0.1
ANALYZE_ROWS = 50


def refresh_statistics(db: ServerConnection, schema: str) -> list[str]:
    """ANALYZE the case's tables that changed much since they were last analysed (or never
    were): the planner's estimates stay true after bulk writes (without them a query for
    one event's roles read every entity); the tables analysed. Statistics only guide the
    planner: a table another process analyses or vacuums now is left to it, and an error
    here (a lock or statement time-out) ends the refresh, not the caller's work."""
    if db.in_transaction:  # its own writes are not counted yet, and locks would be kept
        return []
    analysed: list[str] = []
    try:
        if db.connection.info.server_version >= 150000:
            # this connection's own writes counted now, not up to a second later
            db.connection.execute("SELECT pg_stat_force_next_flush()")
        rows = db.connection.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = %s"
            " AND n_mod_since_analyze > %s + %s * n_live_tup ORDER BY relname",
            (schema, ANALYZE_ROWS, ANALYZE_SHARE),
        ).fetchall()
        for row in rows:
            table = sql.Identifier(schema, str(row[0]))
            db.connection.execute(sql.SQL("ANALYZE (SKIP_LOCKED) {}").format(table))
            analysed.append(str(row[0]))
    except psycopg.Error:
        pass  # the next job's refresh tries again
    return analysed
