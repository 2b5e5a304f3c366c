"""Search a case: parse the query, run it on the index, and cut snippets from the original text.

A query with a ``date:`` filter also counts the documents it would find but leaves out for
having no date (``undated_left_out``), so that a filter never hides them without a word."""

from __future__ import annotations

import re
from typing import Any

from ..case.store import Case
from ..querytree import Filter, Node
from .query import parse_query
from .snippet import marked, snippet_pieces


def search_case(
    case: Case,
    query: str,
    limit: int = 20,
    offset: int = 0,
    aliases: bool = False,
    *,
    pieces: bool = False,
    facets: bool = False,
) -> dict[str, Any]:
    """Documents matching the query, best first, each with its best page and a snippet.

    With ``aliases``, a quoted name (or a query that is only a name) is searched under every
    written form of its entity, in any script ("Karim Haddad" also finds "كريم حداد"). With
    ``pieces``, each hit also holds its snippet as pieces of text that say whether they are
    a match (for marking matches in HTML). With ``facets``, the result also says how many of
    the documents found have each type, language and year."""
    expanded: dict[str, list[str]] = {}
    if aliases:
        query, expanded = with_aliases(case, query)
    parsed = parse_query(query)
    matches = case.index.search(parsed.tree, parsed.filters, limit, offset)
    hits = []
    for row in matches.hits:
        text = row.pop("text")
        cut = snippet_pieces(text, parsed.terms, prefixes=parsed.prefixes)
        row["snippet"] = marked(cut)
        if pieces:
            row["pieces"] = cut
        hits.append(row)
    found: dict[str, Any] = {
        "query": query,
        "read_as": parsed.expression,
        "total": matches.total,
        "offset": offset,
        "hits": hits,
    }
    if matches.estimated:
        found["total_estimated"] = True
    if waiting := case.index.pending():  # a read-only case a stopped run left behind
        found["unindexed_pages"] = waiting
    if aliases:
        found["aliases"] = expanded
    if facets:
        found["facets"] = case.index.facets(parsed.tree, parsed.filters)
    if any(item.field == "date" for item in parsed.filters):
        found["undated_left_out"] = _undated(case, parsed.tree, parsed.filters)
    return found


# a phrase in quotes, not a prefix ("united nat"*) and not inside NEAR(...)
_PHRASE = re.compile(r'(?<![\w*])"([^"]+)"(?!\*)')
_LONE_NAME = re.compile(r"[^\W\d_][\w\s.'’-]*")
SHORTEST_FORM = 4  # written forms shorter than this ("Om") would find too much


def with_aliases(case: Case, query: str) -> tuple[str, dict[str, list[str]]]:
    """The query with each quoted name (or the query, when it is only a name) replaced by
    an OR of its entity's written forms; and which names were expanded to what."""
    expanded: dict[str, list[str]] = {}

    def forms(name: str) -> str | None:
        found = [
            f for f in case.entities.written_forms(name) if len(f) >= SHORTEST_FORM and '"' not in f
        ]
        if len(found) < 2:
            return None
        expanded[name] = found
        return "(" + " OR ".join(f'"{form}"' for form in found) + ")"

    if "NEAR(" not in query:
        if _LONE_NAME.fullmatch(query.strip()) and (whole := forms(query.strip())):
            return whole, expanded
        query = _PHRASE.sub(lambda m: forms(m.group(1)) or m.group(0), query)
    return query, expanded


def _undated(case: Case, tree: Node | None, filters: list[Filter]) -> int:
    """How many documents the query finds but a date filter leaves out for having no date."""
    others = [item for item in filters if item.field != "date"]
    return case.index.search(tree, others, 1, 0, undated_only=True).total
