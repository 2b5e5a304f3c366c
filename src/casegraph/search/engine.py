"""Search a case: parse the query, run it on the index, and cut snippets from the original text."""

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
    return {"query": query, "total": total, "offset": offset, "hits": hits}


def _filter_clauses(filters: list[Filter]) -> list[tuple[str, list[Any]]]:
    by_field: dict[str, list[Any]] = defaultdict(list)
    for item in filters:
        value = (item.start, item.end) if item.field == "date" else item.value
        by_field[item.field].append(value)
    return [filter_clause(field, values) for field, values in by_field.items()]
