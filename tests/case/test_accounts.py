"""A server's accounts, grants and audit log, on the test PostgreSQL: passwords kept only as
argon2id hashes, roles that end on their day, and a log that no one can change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import psycopg
import pytest

from casegraph.case.accounts import Accounts, Role, audit_csv
from casegraph.errors import BadSetting


@pytest.fixture
def accounts(server_database: str) -> Iterator[Accounts]:
    opened = Accounts(server_database)
    yield opened
    with opened.db.transaction():  # the next test starts with no accounts (the log stays)
        opened.db.execute("DELETE FROM casegraph.grants")
        opened.db.execute("DELETE FROM casegraph.users")
    opened.close()


def test_a_password_is_kept_only_as_an_argon2id_hash(accounts: Accounts) -> None:
    accounts.add_user("alice", "correct horse battery", admin=True, by="test")
    (stored,) = accounts.db.execute("SELECT password_hash FROM casegraph.users").fetchone()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.signs_in("alice", "correct horse battery")
    assert not accounts.signs_in("alice", "correct horse")
    assert not accounts.signs_in("mallory", "correct horse battery")
    assert accounts.is_admin("alice") and not accounts.is_admin("mallory")
    with pytest.raises(BadSetting):
        accounts.add_user("alice", "another", admin=False, by="test")
    with pytest.raises(BadSetting):
        accounts.add_user("Bob Smith", "x", admin=False, by="test")


def test_a_role_is_per_case_and_ends_on_its_day(accounts: Accounts) -> None:
    accounts.add_user("bob", "pw", admin=False, by="test")
    accounts.grant("leak-2026", "bob", Role.VISITOR, date(2027, 1, 31), by="alice")
    assert accounts.role_of("leak-2026", "bob", today=date(2027, 1, 31)) is Role.VISITOR
    assert accounts.role_of("leak-2026", "bob", today=date(2027, 2, 1)) is None
    assert accounts.role_of("other-case", "bob", today=date(2027, 1, 1)) is None
    accounts.grant("leak-2026", "bob", Role.EDITOR, None, by="alice")  # replaces the first
    assert accounts.role_of("leak-2026", "bob", today=date(2030, 1, 1)) is Role.EDITOR
    with pytest.raises(BadSetting):
        accounts.grant("leak-2026", "nobody", Role.READER, None, by="alice")


def test_the_audit_log_is_kept_and_cannot_be_changed(accounts: Accounts) -> None:
    accounts.add_user("carol", "pw", admin=False, by="alice")
    accounts.grant("audited", "carol", Role.READER, None, by="alice")
    accounts.record("carol", "audited", "search", None, "convoy")
    rows = accounts.audit("audited")
    assert [(r["user_name"], r["action"], r["item"]) for r in rows] == [
        ("alice", "grant", "carol"),
        ("carol", "search", None),
    ]
    assert audit_csv(rows).splitlines()[0] == "at,user_name,case_name,action,item,detail"
    for change in ("UPDATE casegraph.audit SET action = 'x'", "DELETE FROM casegraph.audit"):
        with pytest.raises(psycopg.errors.RaiseException):
            accounts.db.execute(change)
    with pytest.raises(psycopg.errors.RaiseException):
        accounts.db.execute("TRUNCATE casegraph.audit")
    assert len(accounts.audit("audited")) == 2
