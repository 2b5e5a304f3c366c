"""What the repositories of a case share: ids, times, paths as stored, and pieces of SQL."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..filetypes import mime_patterns

NO_LIMIT = 2**63 - 1  # a LIMIT that every backend takes as none
PAGE_BITS = 20  # page ids are (document seq << PAGE_BITS) | page number
LAST_PAGE_ID = 2**63 - 1  # above every page's id (SQLite's and PostgreSQL's largest integer)
UNDATED = "none"  # an event whose date was looked for and not found
# an extra entity of a joint reference ("the two sides") is stored from this ordinal on
EXTRA_ORDINAL = 100
SURROGATE = re.compile("[\ud800-\udfff]")
HEX_ID = re.compile("[0-9a-f]+")  # a document id, or the start of one
# an event's or claim's passage, cut from its page in SQL (substr counts from 1)
EVIDENCE = "substr(p.text, start + 1, end - start) AS evidence_text"
# pages with text that a stage (and extractor) has not done
STAGE_TODO = (
    "FROM pages p LEFT JOIN page_stages s ON s.page_id = p.id AND s.stage = ? AND s.extractor = ?"
    " WHERE s.page_id IS NULL AND p.needs_ocr = 0 AND length(trim(p.text)) > 0"
)


def upsert(table: str, columns: str, key: str) -> str:
    """An INSERT of one row that replaces the row with the same ``key`` (the columns of a
    primary key or unique constraint), in SQL that SQLite and PostgreSQL both take."""
    names = [name.strip() for name in columns.split(",")]
    keys = {name.strip() for name in key.split(",")}
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name not in keys)
    marks = ", ".join("?" * len(names))
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        f" ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


SET_META = upsert("meta", "key, value", key="key")


def now() -> str:
    """The current UTC time in ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def doc_id_for(sha256: str) -> str:
    """A document id derived from content."""
    return sha256[:16]


def display_path(name: str) -> str:
    """A path as valid text: bytes that are not UTF-8 (Python's lone surrogates) as \\xNN."""
    return SURROGATE.sub(_escape_surrogate, name)


def json_text(data: object, indent: int | None = 2) -> str:
    """Data as JSON that is valid UTF-8: a byte that was not UTF-8 becomes the text \\xNN."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # a lone surrogate stands only inside a JSON string: put its escape there as text
    return SURROGATE.sub(lambda found: json.dumps(display_path(found.group()))[1:-1], text)


def _escape_surrogate(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def stored_path(path: Path | str) -> str | bytes:
    """A path on disk as stored: text when it is UTF-8, else its raw bytes (lossless)."""
    text = str(path)
    return os.fsencode(text) if SURROGATE.search(text) else text


def disk_path(stored: str | bytes) -> str:
    """A stored path on disk as Python names it (raw bytes become lone surrogates)."""
    return os.fsdecode(stored) if isinstance(stored, bytes) else stored


def where_clause(clauses: Sequence[str]) -> str:
    """A WHERE clause joining the conditions with AND, or nothing if there are none."""
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def page_clause(limit: int | None, offset: int) -> tuple[str, list[int]]:
    """LIMIT and OFFSET for a page of rows (all of them from ``offset`` when limit is None)."""
    if limit is None and not offset:
        return "", []
    return " LIMIT ? OFFSET ?", [NO_LIMIT if limit is None else limit, offset]


def mime_clause(type_name: str) -> tuple[str, list[str]]:
    """The condition on documents d for a file type's name (pdf, email, ...)."""
    patterns = mime_patterns(type_name)
    return "(" + " OR ".join("d.mime LIKE ?" for _ in patterns) + ")", patterns


def close_names(name: str, names: list[str], most: int = 3) -> list[str]:
    """The names written most like ``name`` (case aside), best first."""
    import difflib  # 6 ms to import: only a name not found needs it

    by_key: dict[str, str] = {}
    for each in names:
        by_key.setdefault(each.casefold(), each)
    near = difflib.get_close_matches(name.casefold(), list(by_key), n=most, cutoff=0.75)
    return [by_key[key] for key in near]
