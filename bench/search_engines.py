"""The ranking core of search in two engines on the same case: SQLite FTS5 and tantivy.

    python bench/search_engines.py CASE [--repeat 7]

Reads a built case (bench/search.py builds and caches one of 100,000 documents under
.bench/cases). Copies every folded page of its FTS5 index into a tantivy index in a
temporary folder (the same text, tokenised by tantivy's default tokenizer), then, for each
of bench/search.py's queries that has words to rank, times what each engine does for a
first page: the 20 best pages and the number of documents that match. FTS5 runs the two
statements casegraph runs on the FTS5 expression its query parser writes (a bm25 top-k and a
count of distinct documents); tantivy runs
one search with its count. Prints medians in ms and both totals, so a translation that
matches differently shows. Filters (type:, lang:, date:, path:) are left out: they are
SQL on documents in both designs. Writes only the temporary index.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tantivy

from casegraph.search.query import parse_query
from casegraph.text.fold import fold
from search import queries

PAGE_BITS = 20
# the benchmark's queries in tantivy's query syntax, where it differs from casegraph's
IN_TANTIVY = {
    "fuel port": "fuel AND port",
    "NEAR(convoy checkpoint, 5)": '"convoy checkpoint"~5',
    "(port OR harbour) handover": "(port OR harbour) AND handover",
}


def median_ms(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The median wall time of a run in ms, and what it counted."""
    times, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), count


def fts5(db: sqlite3.Connection, expression: str) -> Callable[[], int]:
    def run() -> int:
        db.execute(
            "SELECT rowid, bm25(page_index) AS s FROM page_index WHERE page_index MATCH ?"
            " ORDER BY s LIMIT 20",
            (expression,),
        ).fetchall()
        total = db.execute(
            f"SELECT count(DISTINCT rowid >> {PAGE_BITS}) FROM page_index WHERE page_index MATCH ?",
            (expression,),
        ).fetchone()[0]
        return int(total)

    return run


def tantivy_search(index: tantivy.Index, text: str) -> Callable[[], int]:
    searcher = index.searcher()
    if text.endswith("*"):  # tantivy's query parser has no prefixes: a regular expression
        query = tantivy.Query.regex_query(index.schema, "body", f"{text[:-1]}.*")
    else:
        query = index.parse_query(text, ["body"])

    def run() -> int:
        return int(searcher.search(query, 20, count=True).count)

    return run


def build_tantivy(db: sqlite3.Connection, folder: Path) -> tuple[tantivy.Index, float]:
    """A tantivy index of every folded page; and how long it took to write."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("page_id", stored=True, indexed=True, fast=True)
    builder.add_text_field("body", stored=False, index_option="position")
    index = tantivy.Index(builder.build(), path=str(folder))
    started = time.perf_counter()
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for page_id, body in db.execute("SELECT rowid, body FROM page_index"):
        writer.add_document(tantivy.Document(page_id=page_id, body=body))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", type=Path, help="a built case folder")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.case / 'case.sqlite'}?mode=ro", uri=True)
    pages = db.execute("SELECT count(*) FROM page_index").fetchone()[0]
    with tempfile.TemporaryDirectory() as folder:
        index, seconds = build_tantivy(db, Path(folder))
        print(f"{pages:,} pages; tantivy index written in {seconds:.1f} s\n")
        print("| query | FTS5 ms | tantivy ms | FTS5 total | tantivy total |")
        print("|---|---:|---:|---:|---:|")
        for query in queries():
            if ":" in query.text or query.offset:
                continue
            expression = parse_query(query.text).fts or ""
            fts_ms, fts_total = median_ms(fts5(db, expression), args.repeat)
            native = IN_TANTIVY.get(query.text, fold(query.text))
            tv_ms, tv_total = median_ms(tantivy_search(index, native), args.repeat)
            print(f"| `{query.text}` | {fts_ms:.1f} | {tv_ms:.1f} | {fts_total:,} | {tv_total:,} |")


if __name__ == "__main__":
    main()
