"""The search command: a query over the case's search index, hits with their snippets."""

from __future__ import annotations

from pathlib import Path

import click

from ..case.store import Case
from .common import CASE_ARG, JSON_OPT, emit
from .printing import print_search


@click.command()
@CASE_ARG
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option(
    "--aliases",
    is_flag=True,
    help="Search a quoted name under every written form of its entity (any script).",
)
@click.option(
    "--facets",
    is_flag=True,
    help="Also count the documents found by type, language and year.",
)
@JSON_OPT
def search(
    case_dir: Path,
    query: str,
    limit: int,
    offset: int,
    aliases: bool,
    facets: bool,
    as_json: bool,
) -> None:
    """Full-text search: words, "phrases", OR, NOT, -, prefix*, NEAR(a b, 5) and filters.

    \b
    Filters, anywhere in QUERY outside parentheses:
      type:pdf                only this type (as ls --type takes it)
      path:mail/              only documents seen at a path containing this
      lang:ar                 only documents in this language (ISO 639-1)
      date:2015-01..2015-12   only documents dated in this range (an end may be open)
    """
    from ..search.engine import search_case

    result = search_case(Case.open(case_dir), query, limit, offset, aliases, facets=facets)
    emit(result, as_json, print_search)
