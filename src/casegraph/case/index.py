"""The full-text index of pages and the search over it. Writes the table index_queue and
the tantivy index in the case folder's ``search-index/``; reads pages and documents.

A page reaches the index through a queue: whatever adds, replaces or deletes a page's text
queues its id in the same transaction, and `apply_queue` writes the queued pages into the
index, commits the index, and only then empties the queue. A run killed in between applies
the queue again (a page is taken out of the index before it is put in), so the index
neither loses nor doubles a page. The index holds each page's folded words twice where
Arabic articles make a difference (``bare``: the words without their article, so that
مدرسة finds المدرسة), the page's id, its document's sequence number, and whether that
document has a single page (for counting documents rather than pages)."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import tantivy

from ..querytree import Near, Node, Or, Term, words
from ..text.fold import fold, without_arabic_article
from .repository import Repository
from .sql import PAGE_BITS, mime_clause

if TYPE_CHECKING:
    from .documents import DocumentRepository

INDEX_FOLDER = "search-index"
WRITER_HEAP = 64_000_000
# a query matching more pages of multi-page documents than this counts their documents
# approximately (HyperLogLog), and says so
EXACT_COUNT_PAGES = 50_000
_BODY, _BARE = "body", "bare"


def queue_page(db: sqlite3.Connection, page_id: int) -> None:
    """Have the page's current text (or its absence) indexed at the next `apply_queue`."""
    db.execute("INSERT INTO index_queue (page_id) VALUES (?)", (page_id,))


def queue_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Queue every page the document has now."""
    db.execute("INSERT INTO index_queue (page_id) SELECT id FROM pages WHERE doc_id = ?", (doc_id,))


class Matches(NamedTuple):
    """One page of a search: how many documents match (estimated or exact) and the hits."""

    total: int
    estimated: bool
    hits: list[dict[str, Any]]


class SearchIndex(Repository):
    """The full-text index of the case's pages."""

    def __init__(
        self, db: sqlite3.Connection, documents: DocumentRepository, folder: Path, read_only: bool
    ) -> None:
        super().__init__(db)
        self.documents = documents
        self.folder = folder
        self.read_only = read_only
        self._index: tantivy.Index | None = None

    # -- the queue --------------------------------------------------------------------------

    def pending(self) -> int:
        """How many queued changes wait to be written into the index."""
        return int(self.db.execute("SELECT count(*) FROM index_queue").fetchone()[0])

    def apply_queue(self) -> int:
        """Write the queued pages into the index; how many changes were applied. Does nothing
        in a read-only case, or while another process writes the index (it applies them)."""
        if self.read_only or self.db.in_transaction:
            return 0
        index = self._open()
        last = self.db.execute("SELECT max(id) FROM index_queue").fetchone()[0]
        if last is None:
            return 0
        try:
            writer = index.writer(WRITER_HEAP, 1)
        except ValueError:  # its lock is held: another casegraph process is writing it
            return 0
        queued = "SELECT DISTINCT page_id FROM index_queue WHERE id <= ?"
        page_ids = [row[0] for row in self.db.execute(queued, (last,))]
        # a page leaves the index before its current text (if any) goes in
        writer.delete_documents_by_query(
            tantivy.Query.term_set_query(index.schema, "page", page_ids)
        )
        pages = self.db.execute(
            f"SELECT p.id, p.text, d.page_count FROM pages p JOIN documents d"
            f" ON d.doc_id = p.doc_id WHERE p.id IN ({queued})",
            (last,),
        )
        for page_id, text, page_count in pages:
            if text.strip():
                writer.add_document(_page_document(page_id, text, page_count == 1))
        writer.commit()
        writer.wait_merging_threads()
        with self.db:
            self.db.execute("DELETE FROM index_queue WHERE id <= ?", (last,))
        index.reload()
        return len(page_ids)

    # -- search -----------------------------------------------------------------------------

    def search(
        self, tree: Node | None, filters: list[tuple[str, list[Any]]], limit: int, offset: int
    ) -> Matches:
        """Documents matching the words of a query tree and SQL filters, best page first."""
        where = " AND ".join(["d.state != 'failed'"] + [clause for clause, _ in filters])
        params: list[Any] = [p for _, extra in filters for p in extra]
        if tree is None:
            return self._by_filters_alone(where, params, limit, offset)
        self.apply_queue()  # what a killed run queued and did not apply
        index = self._open()
        query = _query(index.schema, tree)
        if filters:
            allowed = [
                row[0]
                for row in self.db.execute(f"SELECT seq FROM documents d WHERE {where}", params)
            ]
            if not allowed:
                return Matches(0, False, [])
            scope = tantivy.Query.term_set_query(index.schema, "doc", allowed)
            query = _all_of([query, scope])
        searcher = index.searcher()
        total, estimated = _count_documents(searcher, index.schema, query)
        best = _best_pages(searcher, query, min(offset + limit, total))
        return Matches(
            total, estimated, [self._hit(page_id, score) for page_id, score in best[offset:]]
        )

    def _by_filters_alone(self, where: str, params: list[Any], limit: int, offset: int) -> Matches:
        total = self.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params)
        rows = self.db.execute(
            f"SELECT seq << {PAGE_BITS} | 1 FROM documents d WHERE {where}"
            " ORDER BY seq LIMIT ? OFFSET ?",
            params + [limit, offset],
        ).fetchall()
        return Matches(total.fetchone()[0], False, [self._hit(row[0], 0.0) for row in rows])

    def _hit(self, page_id: int, score: float) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT d.doc_id, d.title, d.name, p.number, p.text FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id WHERE p.id = ?",
            (page_id,),
        ).fetchone()
        if row is None:  # a document with no pages (a container) found by filters alone
            row = self.db.execute(
                "SELECT doc_id, title, name, 1 AS number, '' AS text FROM documents WHERE seq = ?",
                (page_id >> PAGE_BITS,),
            ).fetchone()
        return {
            "doc_id": row["doc_id"],
            "title": row["title"] or row["name"],
            "path": self.documents.first_path(row["doc_id"]),
            "page": row["number"],
            "score": round(score, 4),
            "text": row["text"],
        }

    def _open(self) -> tantivy.Index:
        """The case's index, made (empty, every page queued) where there is none yet."""
        if self._index is None:
            if self.folder.is_dir() and tantivy.Index.exists(str(self.folder)):
                place = self._readable_copy() if self.read_only else self.folder
                self._index = tantivy.Index.open(str(place))
            elif self.read_only:
                self._index = tantivy.Index(_schema())  # nothing indexed: the case is read-only
            else:
                self._index = self._create()
            self._index.config_reader("Manual", 0)
        return self._index

    def _readable_copy(self) -> Path:
        """A copy of the index this process may lock: even a reader takes a lock file in
        the index's folder, which a read-only case does not allow."""
        copy = Path(tempfile.mkdtemp(prefix="casegraph-index-"))
        weakref.finalize(self, shutil.rmtree, copy, True)
        for path in self.folder.iterdir():
            shutil.copyfile(path, copy / path.name)
        return copy

    def _create(self) -> tantivy.Index:
        shutil.rmtree(self.folder, ignore_errors=True)  # a folder left half made
        self.folder.mkdir(parents=True)
        with self.db:
            self.db.execute("DELETE FROM index_queue")
            self.db.execute("INSERT INTO index_queue (page_id) SELECT id FROM pages")
        return tantivy.Index(_schema(), path=str(self.folder))


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("page", indexed=True, fast=True)
    builder.add_unsigned_field("doc", indexed=True, fast=True)
    builder.add_unsigned_field("single", indexed=True)
    # pages are cut into words here (querytree.words); the index splits them on spaces only
    for field in (_BODY, _BARE):
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="position")
    return builder.build()


def _page_document(page_id: int, text: str, single: bool) -> tantivy.Document:
    folded = fold(text)
    body = " ".join(words(folded))
    bare = " ".join(words(without_arabic_article(folded)))
    document = tantivy.Document()
    document.add_unsigned("page", page_id)
    document.add_unsigned("doc", page_id >> PAGE_BITS)
    document.add_unsigned("single", int(single))
    document.add_text(_BODY, body)
    if bare != body:
        document.add_text(_BARE, bare)
    return document


def _count_documents(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query
) -> tuple[int, bool]:
    """How many documents the query matches, and whether that number is an estimate: pages
    of single-page documents are counted as they are, the rest by their distinct documents."""
    single = tantivy.Query.term_query(schema, "single", 1)
    alone = _count(searcher, _all_of([query, single]))
    shared_query = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, single)]
    )
    shared = _count(searcher, shared_query)
    if not shared:
        return alone, False
    if shared > EXACT_COUNT_PAGES:
        return alone + round(searcher.cardinality(shared_query, "doc")), True
    pages = [address for _, address in searcher.search(shared_query, shared).hits]
    return alone + len(set(_fast_values(searcher, "doc", pages))), False


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    """How many pages match (the stubs shipped with tantivy lack SearchResult.count)."""
    return int(searcher.search(query, 1, count=True).count)  # type: ignore[attr-defined]


def _fast_values(
    searcher: tantivy.Searcher, field: str, addresses: list[tantivy.DocAddress]
) -> list[int]:
    return [int(value or 0) for value in searcher.fast_field_values(field, addresses)]


def _best_pages(
    searcher: tantivy.Searcher, query: tantivy.Query, wanted: int
) -> list[tuple[int, float]]:
    """The best-scoring page of each of the top `wanted` documents, best first."""
    pages = wanted
    while wanted:
        # ties keep the index's order (segment, then document), as its own cut of the top does
        hits = sorted(
            searcher.search(query, pages).hits,
            key=lambda hit: (-hit[0], hit[1].segment_ord, hit[1].doc),
        )
        page_ids = _fast_values(searcher, "page", [address for _, address in hits])
        ranked = zip(page_ids, [float(score) for score, _ in hits], strict=True)
        best: dict[int, tuple[int, float]] = {}
        for page_id, score in ranked:
            best.setdefault(page_id >> PAGE_BITS, (page_id, score))
        # several pages of one document may crowd the top: widen until enough documents
        if len(best) >= wanted or len(hits) < pages:
            return list(best.values())[:wanted]
        pages *= 2
    return []


# -- the query tree as a tantivy query ---------------------------------------------------------


def _query(schema: tantivy.Schema, node: Node) -> tantivy.Query:
    if isinstance(node, Term):
        return _words_near(schema, [node], 0)
    if isinstance(node, Near):
        # NEAR finds its terms in any order: one sloppy phrase for each order
        orders = itertools.permutations(node.terms)
        return _any_of([_words_near(schema, order, node.distance) for order in orders])
    if isinstance(node, Or):
        return _any_of([_query(schema, option) for option in node.options])
    clauses = [(tantivy.Occur.Must, _query(schema, p)) for p in node.positive]
    clauses += [(tantivy.Occur.MustNot, _query(schema, n)) for n in node.negative]
    return tantivy.Query.boolean_query(clauses)


def _words_near(schema: tantivy.Schema, terms: Iterable[Term], slop: int) -> tantivy.Query:
    """The terms' words in this order with at most `slop` other words among them, in the
    text or in its article-less copy; a prefix term's last word may go on."""
    patterns = []
    for term in terms:
        found = words(term.text)
        patterns += found[:-1] + [found[-1] + ".*" if term.prefix else found[-1]]
    prefixed = any(p.endswith(".*") for p in patterns)
    # only Arabic words differ in the article-less copy: the words of other scripts are in both
    fields = (_BODY,) if all(p.isascii() for p in patterns) else (_BODY, _BARE)
    return _any_of([_in_field(schema, field, patterns, slop, prefixed) for field in fields])


def _in_field(
    schema: tantivy.Schema, field: str, patterns: list[str], slop: int, prefixed: bool
) -> tantivy.Query:
    # a word is letters and digits only, so it is its own regular expression
    if len(patterns) == 1:
        if prefixed:
            return tantivy.Query.regex_query(schema, field, patterns[0])
        return tantivy.Query.term_query(schema, field, patterns[0])
    placed: list[str | tuple[int, str]] = list(enumerate(patterns))
    if prefixed:
        return tantivy.Query.regex_phrase_query(schema, field, placed, slop)
    return tantivy.Query.phrase_query(schema, field, placed, slop)


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _all_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])


# -- filters (SQL on documents d) ----------------------------------------------------------------


def filter_clause(field: str, values: list[Any]) -> tuple[str, list[Any]]:
    """The SQL condition on documents d for one filter field; several values are ORed."""
    clauses, params = [], []
    for value in values:
        clause, extra = _one_filter(field, value)
        clauses.append(clause)
        params += extra
    return "(" + " OR ".join(clauses) + ")", params


def _one_filter(field: str, value: Any) -> tuple[str, list[Any]]:
    if field == "type":
        return mime_clause(value)
    if field == "path":
        return "d.doc_id IN (SELECT doc_id FROM paths WHERE instr(path, ?) > 0)", [value]
    if field == "lang":
        return "d.language = ?", [value]
    start, end = value
    clauses, params = [], []
    if start is not None:
        clauses.append("d.doc_date >= ?")
        params.append(start.isoformat())
    if end is not None:
        # doc_date is an ISO string: everything on the end day sorts below the next day
        clauses.append("d.doc_date < ?")
        params.append((end + timedelta(days=1)).isoformat())
    return "(" + " AND ".join(clauses) + ")", params
