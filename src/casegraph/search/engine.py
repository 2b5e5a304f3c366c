"""Search a case: parse the query, run it on the index, and cut snippets from the original text.

A query with a ``date:`` filter also counts the documents it would find but leaves out for
having no date (``undated_left_out``), so that a filter never hides them without a word."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..case.store import Case, filter_clause
from .query import Filter, parse_query
from .snippet import make_snippet


def search_case(case: Case, query: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents matching the query, best first, each with its best page and a snippet."""
    parsed = parse_query(query)
    total, rows = case.search(parsed.fts, _filter_clauses(parsed.filters), limit, offset)
    hits = []
    for row in rows:
        text = row.pop("text")
        row["snippet"] = make_snippet(text, parsed.terms, prefixes=parsed.prefixes)
        hits.append(row)
    found = {"query": query, "total": total, "offset": offset, "hits": hits}
    if any(item.field == "date" for item in parsed.filters):
        found["undated_left_out"] = _undated(case, parsed.fts, parsed.filters)
    return found


def _undated(case: Case, fts: str | None, filters: list[Filter]) -> int:
    """How many documents the query finds but a date filter leaves out for having no date."""
    others = _filter_clauses([item for item in filters if item.field != "date"])
    return case.search(fts, [*others, ("d.doc_date IS NULL", [])], 1, 0)[0]


def _filter_clauses(filters: list[Filter]) -> list[tuple[str, list[Any]]]:
    by_field: dict[str, list[Any]] = defaultdict(list)
    for item in filters:
        value = (item.start, item.end) if item.field == "date" else item.value
        by_field[item.field].append(value)
    return [filter_clause(field, values) for field, values in by_field.items()]
