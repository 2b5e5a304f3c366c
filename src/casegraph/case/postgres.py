"""A case on a PostgreSQL server: its address, its connection and its tables.

A server case is named ``postgresql://[user@]host[:port]/database#case-name``; its tables
live in a schema of that database of their own (``case_<name>``), so a case is made, copied
or dropped whole. The repositories write one SQL, in SQLite's dialect with ``?``
parameters: ``ServerConnection`` translates each statement once with sqlglot, opens a
transaction before a write as Python's sqlite3 does, gives rows that read by name or
position, and raises the errors the repositories catch under their sqlite3 names.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal

import psycopg
import sqlglot
from psycopg import sql
from psycopg.pq import TransactionStatus
from sqlglot import exp

from ..errors import CaseExists, CaseUnavailable, NotACase

SCHEMES = ("postgresql://", "postgres://")
_CASE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,47}\Z")
_SCHEMA_PREFIX = "case_"
# statements Python's sqlite3 opens a transaction for, and those passed on as they are
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_BEGIN = re.compile(r"\s*BEGIN\b", re.IGNORECASE)
_AS_WRITTEN = re.compile(r"\s*(SAVEPOINT|RELEASE|ROLLBACK|COMMIT)\b", re.IGNORECASE)
_WITHOUT_ROWID = re.compile(r"\s+WITHOUT\s+ROWID\b", re.IGNORECASE)
_PARAMETER = "casegraph_parameter_"  # a ? while the statement is rewritten
# SQLite's functions that PostgreSQL lacks, made in each case's schema; IMMUTABLE so that
# an index may hold them (the e-mail headers inside documents.metadata)
_FUNCTIONS = (
    "CREATE FUNCTION json_extract_path_text(document text, VARIADIC path text[]) RETURNS text"
    " LANGUAGE sql IMMUTABLE AS 'SELECT pg_catalog.json_extract_path_text(document::json,"
    " VARIADIC path)'",
    "CREATE FUNCTION substr(string text, start bigint, count bigint) RETURNS text"
    " LANGUAGE sql IMMUTABLE AS 'SELECT pg_catalog.substr(string, start::int, count::int)'",
)
# the path: filter finds any part of a path; a trigram index answers LIKE '%...%'
_PATH_TRIGRAMS = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
    "CREATE INDEX paths_trigrams ON paths USING gin (path public.gin_trgm_ops)",
)


def is_server_address(text: str) -> bool:
    """Whether a case argument names a server case rather than a folder."""
    return text.startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """Where a server case lives: a database, and the case's name inside it."""

    database: str
    case: str

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        database, _, case = text.partition("#")
        if not _CASE_NAME.match(case):
            raise NotACase(
                f"{text} names no case: add '#' and the case's name (lower-case letters,"
                " digits and '-'), as in postgresql://host/database#leak-2026"
            )
        return cls(database, case)

    @property
    def schema(self) -> str:
        return _SCHEMA_PREFIX + self.case

    def __str__(self) -> str:
        return f"{self.database}#{self.case}"


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
        row = ServerRow(values)
        row.names = names
        return row

    return make


class ServerConnection:
    """A connection to one server case that takes the repositories' SQLite SQL."""

    def __init__(self, connection: psycopg.Connection[Any], schema: str) -> None:
        self.connection = connection
        self.schema = schema

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
    """Parameters as SQLite stores them: a truth value is the integer 1 or 0."""
    return tuple(int(value) if isinstance(value, bool) else value for value in parameters)


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
    return re.sub(rf"{_PARAMETER}\d+", "%s", text.replace("%", "%%"))


def _to_postgres(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Placeholder):
        return exp.var(_PARAMETER + "0")
    if isinstance(node, exp.Table) and node.db == "temp":
        node.set("db", exp.to_identifier("pg_temp"))
    if isinstance(node, exp.DataType):
        return _wider(node)
    if isinstance(node, exp.Substring):  # as substr(), which takes 64-bit offsets here
        parts = [node.this, node.args["start"], node.args.get("length")]
        substr = exp.Anonymous(this="substr", expressions=[p for p in parts if p is not None])
        return substr.transform(_to_postgres)  # its parts are not visited again
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
    script = importlib.resources.files("casegraph.case").joinpath("schema.sql").read_text()
    script = re.sub(r"CREATE TRIGGER.*?END;", "", script, flags=re.DOTALL)
    script = re.sub(r"CREATE VIRTUAL TABLE.*?\);", "", script, flags=re.DOTALL)
    statements = list(_FUNCTIONS)
    for tree in sqlglot.parse(script, read="sqlite"):
        if tree is not None:
            tree = tree.transform(_to_postgres)
            if isinstance(tree, exp.Create) and tree.kind == "TABLE":
                _number_rows(tree)
            statements.append(tree.sql(dialect="postgres", identify=True))
    return [*statements, *_PATH_TRIGRAMS]


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
            f"cannot reach the database of {address}: {' '.join(str(error).split())}"
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


def drop_schema(db: ServerConnection, address: ServerAddress) -> None:
    """Delete the case's tables and everything in them."""
    db.connection.execute(
        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(address.schema))
    )
