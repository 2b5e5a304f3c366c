"""Who may use a server's cases: people's accounts, their role on each case, and the
append-only log of what they did.

Reads and writes the schema ``casegraph`` of a server's database (made on first use):
``users`` (a name, an argon2id hash of the password, whether an admin), ``grants`` (a
person's role on a case, until a date or for good), ``audit`` (who did what, when, on
which case and item; a trigger refuses every change to a row once written), ``sessions``
(the workbench's, by a hash of their token), ``refused_signins`` (for the sign-in's rate
limit) and ``secrets`` (the key that signs session cookies). Laptop cases
have no accounts: whoever can read the folder can read the case.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from datetime import date, timedelta
from enum import StrEnum
from typing import LiteralString

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import BadSetting, CaseUnavailable
from ..listings import AuditEntry
from .address import CASE_SCHEMA_PREFIX, without_password
from .sql import now

_USER_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")


def is_user_name(name: str) -> bool:
    """Whether a text may name an account: lower-case letters, digits, '.', '_' and '-'."""
    return _USER_NAME.match(name) is not None


_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE SCHEMA IF NOT EXISTS casegraph",
    "CREATE TABLE IF NOT EXISTS casegraph.users (name text PRIMARY KEY,"
    " password_hash text NOT NULL, admin boolean NOT NULL, created_at text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS casegraph.grants (case_name text NOT NULL,"
    " user_name text NOT NULL REFERENCES casegraph.users (name) ON DELETE CASCADE,"
    " role text NOT NULL CHECK (role IN ('owner', 'editor', 'reader', 'visitor')),"
    " until date, granted_by text NOT NULL, granted_at text NOT NULL,"
    " PRIMARY KEY (case_name, user_name))",
    "CREATE TABLE IF NOT EXISTS casegraph.audit (id bigint GENERATED ALWAYS AS IDENTITY"
    " PRIMARY KEY, at text NOT NULL, user_name text NOT NULL, case_name text,"
    " action text NOT NULL, item text, detail text)",
    "CREATE INDEX IF NOT EXISTS audit_case ON casegraph.audit (case_name, id)",
    # a workbench session: the hash of its cookie's token, never the token itself
    "CREATE TABLE IF NOT EXISTS casegraph.sessions (token_hash text PRIMARY KEY,"
    " user_name text NOT NULL REFERENCES casegraph.users (name) ON DELETE CASCADE,"
    " csrf text NOT NULL, expires_at timestamptz NOT NULL)",
    "CREATE TABLE IF NOT EXISTS casegraph.refused_signins (user_name text NOT NULL,"
    " address text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
    "CREATE INDEX IF NOT EXISTS refused_signins_at ON casegraph.refused_signins (at)",
    "CREATE TABLE IF NOT EXISTS casegraph.secrets (name text PRIMARY KEY, value text NOT NULL)",
    # an account for sign-in through an OpenID Connect provider: '' until its first sign-in,
    # then the issuer and subject of the person bound to it; NULL for a password's account
    "ALTER TABLE casegraph.users ADD COLUMN IF NOT EXISTS oidc_subject text",
    "CREATE UNIQUE INDEX IF NOT EXISTS users_oidc_subject ON casegraph.users (oidc_subject)"
    " WHERE oidc_subject <> ''",
    "CREATE OR REPLACE FUNCTION casegraph.audit_is_append_only() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
    "CREATE OR REPLACE TRIGGER audit_rows_stay BEFORE UPDATE OR DELETE ON casegraph.audit"
    " FOR EACH ROW EXECUTE FUNCTION casegraph.audit_is_append_only()",
    "CREATE OR REPLACE TRIGGER audit_stays BEFORE TRUNCATE ON casegraph.audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION casegraph.audit_is_append_only()",
)
# one maker of the schema at a time: two processes starting on a new database both make it
_SCHEMA_LOCK = 0x63617365  # "case"
# the hash of an account without a password: no password verifies against it
NO_PASSWORD = "!"
AUDIT_COLUMNS = ("at", "user_name", "case_name", "action", "item", "detail")


class Role(StrEnum):
    """What a person may do on a case, each role also allowed what the ones after it are."""

    OWNER = "owner"  # grant roles, delete
    EDITOR = "editor"  # ingest, judge, annotate
    READER = "reader"  # read, annotate privately
    VISITOR = "visitor"  # read, until the grant ends


class Accounts:
    """The accounts, grants and audit log of one server database."""

    def __init__(self, database: str) -> None:
        import psycopg  # here: a case folder's workbench, which reads Role, loads no driver

        from .postgres import Liveness

        try:
            self.db = psycopg.connect(database, autocommit=True)
        except psycopg.Error as error:
            raise CaseUnavailable(
                f"cannot reach {without_password(database)}: {' '.join(str(error).split())}"
            ) from None
        # the last table made: a database of an earlier casegraph gets the ones it lacks
        made = self.db.execute("SELECT to_regclass('casegraph.secrets')").fetchone()
        if made is None or made[0] is None:  # its first use: made once, by one process
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                for statement in _SCHEMA:
                    self.db.execute(statement)
        self._hasher = PasswordHasher()  # argon2id, with the library's current parameters
        self.liveness = Liveness(self.db)

    def close(self) -> None:
        self.db.close()

    @property
    def lost(self) -> bool:
        """Whether the server closed the connection: make a new Accounts."""
        return self.liveness.lost()

    def add_user(
        self, name: str, password: str | None, admin: bool, by: str, oidc_subject: str = ""
    ) -> None:
        """Make an account; refused where the name is taken or the password empty. Without
        a password, the account signs in only through the workbench's OpenID Connect
        provider: as the person of ``oidc_subject`` (issuer and subject) where given, else
        as the first whose claim names it (bound to it from then on)."""
        if not is_user_name(name):
            raise BadSetting(
                f"{name!r} is not a user name: lower-case letters, digits, '.', '_' and '-'"
            )
        if password is not None and not password:
            raise BadSetting("a password may not be empty")
        with self.db.transaction():
            added = self.db.execute(
                "INSERT INTO casegraph.users (name, password_hash, admin, created_at,"
                " oidc_subject) VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (
                    name,
                    NO_PASSWORD if password is None else self._hasher.hash(password),
                    admin,
                    now(),
                    oidc_subject if password is None else None,
                ),
            )
            if added.rowcount == 0:
                raise BadSetting(f"there is already a user called {name}")
            self.record(by, None, "add user", name, "admin" if admin else None)

    def signs_in(self, name: str, password: str) -> bool:
        """Whether the password is this user's (a hash made with weaker parameters than
        today's is made again)."""
        row = self.db.execute(
            "SELECT password_hash FROM casegraph.users WHERE name = %s", (name,)
        ).fetchone()
        if row is None or row[0] == NO_PASSWORD:
            # as slow as a name with a password: the timing tells nothing
            self._hasher.hash(password)
            return False
        try:
            self._hasher.verify(row[0], password)
        except (VerificationError, InvalidHashError):
            return False
        if self._hasher.check_needs_rehash(row[0]):
            self.db.execute(
                "UPDATE casegraph.users SET password_hash = %s WHERE name = %s",
                (self._hasher.hash(password), name),
            )
        return True

    def oidc_account(self, subject: str, claimed: str) -> tuple[str, bool] | None:
        """The account of the person an OpenID Connect provider signed in (``subject``: its
        issuer and their subject): the one bound to them, else the unbound account for
        OIDC that their ``claimed`` name names, bound to them now; with whether it was
        bound now. None where there is neither (a password's account is never one)."""
        with self.db.transaction():
            row = self.db.execute(
                "SELECT name FROM casegraph.users WHERE oidc_subject = %s", (subject,)
            ).fetchone()
            if row is not None:
                return str(row[0]), False
            bound = self.db.execute(
                "UPDATE casegraph.users SET oidc_subject = %s"
                " WHERE name = %s AND oidc_subject = '' RETURNING name",
                (subject, claimed),
            ).fetchone()
        return (claimed, True) if bound is not None else None

    def is_admin(self, name: str) -> bool:
        row = self.db.execute("SELECT admin FROM casegraph.users WHERE name = %s", (name,))
        found = row.fetchone()
        return bool(found and found[0])

    def grant(self, case: str, name: str, role: Role, until: date | None, by: str) -> None:
        """Give a person a role on a case (replacing the one they had), until a date."""
        with self.db.transaction():
            known = self.db.execute("SELECT 1 FROM casegraph.users WHERE name = %s", (name,))
            if known.fetchone() is None:
                raise BadSetting(f"there is no user called {name} (run: casegraph users add)")
            self.db.execute(
                "INSERT INTO casegraph.grants (case_name, user_name, role, until, granted_by,"
                " granted_at) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (case_name,"
                " user_name) DO UPDATE SET role = excluded.role, until = excluded.until,"
                " granted_by = excluded.granted_by, granted_at = excluded.granted_at",
                (case, name, role.value, until, by, now()),
            )
            detail = role.value + (f" until {until.isoformat()}" if until else "")
            self.record(by, case, "grant", name, detail)

    def role_of(self, case: str, name: str, today: date | None = None) -> Role | None:
        """A person's role on a case today: None where they have none, or it ended."""
        row = self.db.execute(
            "SELECT role FROM casegraph.grants WHERE case_name = %s AND user_name = %s"
            " AND (until IS NULL OR until >= %s)",
            (case, name, today or date.today()),
        ).fetchone()
        return Role(row[0]) if row else None

    def cases_of(self, name: str, today: date | None = None) -> list[tuple[str, Role]]:
        """The cases of this database a person may open, with their role on each, by name:
        an admin is owner of every case."""
        made = sorted(
            row[0].removeprefix(CASE_SCHEMA_PREFIX)
            for row in self.db.execute(
                "SELECT schema_name FROM information_schema.schemata"
                " WHERE starts_with(schema_name, %s)",
                (CASE_SCHEMA_PREFIX,),
            )
        )
        if self.is_admin(name):
            return [(case, Role.OWNER) for case in made]
        roles = {case: role for case in made if (role := self.role_of(case, name, today))}
        return sorted(roles.items())

    # -- the workbench's sessions ---------------------------------------------------------------

    def signing_key(self) -> str:
        """The key that signs this database's session cookies, made on first use and shared by
        every workbench process that serves it."""
        self.db.execute(
            "INSERT INTO casegraph.secrets (name, value) VALUES ('cookies', %s)"
            " ON CONFLICT DO NOTHING",
            (secrets.token_urlsafe(48),),
        )
        row = self.db.execute("SELECT value FROM casegraph.secrets WHERE name = 'cookies'")
        return str(row.fetchone()[0])  # type: ignore[index]

    def open_session(self, name: str, lifetime: timedelta) -> tuple[str, str]:
        """A new session of a person: its token (for the cookie) and its CSRF token."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.db.execute(
            "INSERT INTO casegraph.sessions (token_hash, user_name, csrf, expires_at)"
            " VALUES (%s, %s, %s, now() + %s)",
            (_hashed(token), name, csrf, lifetime),
        )
        self.db.execute("DELETE FROM casegraph.sessions WHERE expires_at < now()")
        return token, csrf

    def session(self, token: str) -> tuple[str, str] | None:
        """The person and CSRF token of a session that has not ended; None otherwise."""
        row = self.db.execute(
            "SELECT user_name, csrf FROM casegraph.sessions"
            " WHERE token_hash = %s AND expires_at > now()",
            (_hashed(token),),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def close_session(self, token: str) -> None:
        self.db.execute("DELETE FROM casegraph.sessions WHERE token_hash = %s", (_hashed(token),))

    def refused_lately(self, name: str, address: str, within: timedelta) -> tuple[int, int, int]:
        """How many sign-ins were refused lately: for this name from this address, from this
        address for any name, and for this name from anywhere."""
        row = self.db.execute(
            "SELECT count(*) FILTER (WHERE user_name = %s AND address = %s),"
            " count(*) FILTER (WHERE address = %s), count(*) FILTER (WHERE user_name = %s)"
            " FROM casegraph.refused_signins WHERE at > now() - %s",
            (name, address, address, name, within),
        ).fetchone()
        return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)

    def case_exists(self, case: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM pg_namespace WHERE nspname = %s", (CASE_SCHEMA_PREFIX + case,)
        )
        return row.fetchone() is not None

    def note_refusal(self, name: str, address: str, kept: timedelta) -> None:
        """Count a refused sign-in; those older than kept are forgotten."""
        self.db.execute(
            "INSERT INTO casegraph.refused_signins (user_name, address) VALUES (%s, %s)",
            (name, address),
        )
        self.db.execute("DELETE FROM casegraph.refused_signins WHERE at < now() - %s", (kept,))

    def record(
        self, name: str, case: str | None, action: str, item: str | None, detail: str | None
    ) -> None:
        """Add a line to the audit log."""
        self.db.execute(
            "INSERT INTO casegraph.audit (at, user_name, case_name, action, item, detail)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            (now(), name, case, action, item, detail),
        )

    def audit(self, case: str | None) -> list[AuditEntry]:
        """The audit log of a case, oldest first; None: of no case (sign-ins, accounts)."""
        # "=" and "IS NULL" apart: the index of the log by case serves both, not IS DISTINCT
        where, params = (
            ("case_name = %s", (case,)) if case is not None else ("case_name IS NULL", ())
        )
        rows = self.db.execute(
            "SELECT at, user_name, case_name, action, item, detail FROM casegraph.audit"
            f" WHERE {where} ORDER BY id",
            params,
        )
        return [
            AuditEntry(at=at, user_name=user, case_name=on, action=action, item=item, detail=detail)
            for at, user, on, action, item, detail in rows
        ]


def _hashed(token: str) -> str:
    """What the database keeps of a session's token: who reads the table cannot sign in."""
    return hashlib.sha256(token.encode()).hexdigest()


def audit_csv(rows: list[AuditEntry]) -> str:
    """The audit log as CSV, a header first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AUDIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _inert(value: object) -> object:
    """A cell a spreadsheet does not take for a formula: anyone's search words reach the
    log, and an owner opens it."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def parse_until(text: str | None) -> date | None:
    """A grant's last day, as YYYY-MM-DD."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadSetting(f"{text!r} is not a date (YYYY-MM-DD)") from None
