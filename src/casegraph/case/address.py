"""Where a server case lives: ``postgresql://[user@]host[:port]/database#case-name``.

Reads and writes nothing: parsing the address needs no database driver, so that a command
on a case folder loads none (``postgres`` connects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from ..errors import NotACase

SCHEMES = ("postgresql://", "postgres://")
_CASE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,47}\Z")
CASE_SCHEMA_PREFIX = "case_"


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
        return CASE_SCHEMA_PREFIX + self.case

    def __str__(self) -> str:
        return f"{self.database}#{self.case}"

    @property
    def shown(self) -> str:
        """The address without its password, for a message that may reach someone other
        than the one who typed it."""
        return f"{without_password(self.database)}#{self.case}"


def without_password(database: str) -> str:
    """A database's address without the password it may hold (before the host, where libpq
    reads it up to the last "@" before the path, or as a parameter)."""
    scheme, _, rest = database.partition("://")
    authority, slash, tail = rest.partition("/")
    if "@" in authority:  # up to the path: a password may hold a raw "?"
        user_part, _, host = authority.rpartition("@")
        authority = f"{user_part.partition(':')[0]}@{host}"
    path, _, query = tail.partition("?")
    secret = {"password", "sslpassword"}
    kept = urlencode([(k, v) for k, v in parse_qsl(query) if k.lower() not in secret])
    return f"{scheme}://{authority}{slash}{path}" + (f"?{kept}" if kept else "")
