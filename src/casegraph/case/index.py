"""The full-text index of pages and the search over it. Writes the table index_queue and
the tantivy index in the case folder's ``search-index/``; reads pages, documents and their
paths (through the paths' trigrams for a ``path:`` filter with no words).

A page reaches the index through a queue: whatever adds, replaces or deletes a page's text
queues its id in the same transaction, and `apply_queue` writes the queued pages into the
index, commits the index, and only then empties the queue. A run killed in between applies
the queue again (a page is taken out of the index before it is put in), so the index
neither loses nor doubles a page. The index holds each page's folded words twice where
Arabic articles make a difference (``bare``: the words without their article, so that
مدرسة finds المدرسة), the page's id, its document's sequence number, whether that
document has a single page (for counting documents rather than pages), and the document's
type, language, date and every path it was seen at, which the filters read (type,
language and date are also counted by value, for a search's facets, as are the folders
above those paths). The filters and facets of what changes without the pages (people's
tags and marks, the entities a document mentions) read the tables notes, private_notes
(whose tags they leave out: a search does not know who asks), marks, mentions and
entities."""

from __future__ import annotations

import fcntl
import itertools
import re
import shutil
import weakref
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import tantivy

from ..errors import CaseUnwritable, DamagedCase, one_line
from ..filetypes import mime_patterns
from ..listings import Facets, FacetValue
from ..querytree import WORDS_ANALYZER, Filter, Near, Node, Or, Term, analyzer, words
from ..text.fold import fold, without_arabic_article
from .database import Database
from .locks import writer_lock
from .repository import Repository
from .sql import PAGE_BITS, SET_META, mime_clause

if TYPE_CHECKING:
    from .documents import DocumentRepository

INDEX_FOLDER = "search-index"
# the layout of the index's documents: another one makes the index again from the pages
INDEX_VERSION = "tantivy-pages 5"
_VERSION_KEY = "search_index"
TRIGRAM = 3
HITS_PER_STATEMENT = 500  # far under SQLite's cap on a statement's parameters
# a note of notes n that everyone sees (a search and its facets do not know who asks)
_SHARED_NOTE = "n.id NOT IN (SELECT note_id FROM private_notes)"
WRITER_HEAP = 64_000_000
# a query matching more pages of multi-page documents than this counts their documents
# approximately (HyperLogLog), and says so
EXACT_COUNT_PAGES = 50_000
_BODY, _BARE = "body", "bare"
_MIME_TEXT = re.compile(r"[a-z0-9./+-]*")
# the characters with a meaning in tantivy's regular expressions (Rust's regex syntax)
_REGEX_SYNTAX = frozenset("\\.+*?()|[]{}^$#&-~")


def queue_pages(db: Database, page_ids: Iterable[int]) -> None:
    """Have the pages' current text (or its absence) indexed at the next `apply_queue`."""
    db.executemany("INSERT INTO index_queue (page_id) VALUES (?)", [(i,) for i in page_ids])


def queue_document(db: Database, doc_id: str) -> None:
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
        self,
        db: Database,
        documents: DocumentRepository,
        folder: Path,
        lock_path: Path,
        read_only: bool,
    ) -> None:
        super().__init__(db)
        self.documents = documents
        self.folder = folder
        self.lock_path = lock_path
        self.read_only = read_only
        self.writer_held = False  # whether this process holds the case's writer lock
        self._index: tantivy.Index | None = None
        self._unusable = False
        # what a search finds that its facets read again, kept until the next search(): the
        # documents each case filter (entity:, tag: ...) names, and those of the best pages
        self._carried: dict[tuple[str, str], list[int]] = {}
        self._best_documents: list[int] | None = None

    # -- the queue --------------------------------------------------------------------------

    def pending(self) -> int:
        """How many queued changes wait to be written into the index (every page, where a
        read-only case has no index this casegraph can read)."""
        table = "pages" if self._unusable else "index_queue"
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def apply_queue(self) -> int:
        """Write the queued pages into the index; how many changes were applied. Does nothing
        in a read-only case, or while another process writes the case (it applies them)."""
        if self.read_only or self.db.in_transaction:
            return 0
        index = self._open()
        last = self.db.execute("SELECT max(id) FROM index_queue").fetchone()[0]
        if last is None:
            return 0
        if self.writer_held:
            return self._apply(index, last)
        # a reader (a search) applies what a stopped run left, but never beside a writer:
        # its commits would break the writer's open transaction and race its index writer
        with writer_lock(self.lock_path) as taken:
            return self._apply(index, last) if taken else 0

    def _apply(self, index: tantivy.Index, last: int) -> int:
        try:
            writer = index.writer(WRITER_HEAP, 1)
        except ValueError:  # its lock is held: another casegraph process is writing it
            return 0
        queued = "SELECT DISTINCT page_id FROM index_queue WHERE id <= ?"
        page_ids = [row[0] for row in self.db.execute(queued, (last,))]
        try:
            self._write_pages(writer, index.schema, page_ids, queued, last)
        except ValueError as error:  # the disk full, the folder lost: the queue is kept
            raise CaseUnwritable(
                f"cannot write the search index in {self.folder}: {one_line(error)}; free"
                " space or restore access, then run the same command again"
            ) from None
        with self.db:
            self.db.execute("DELETE FROM index_queue WHERE id <= ?", (last,))
        index.reload()
        return len(page_ids)

    def _write_pages(
        self,
        writer: tantivy.IndexWriter,
        schema: tantivy.Schema,
        page_ids: list[int],
        queued: str,
        last: int,
    ) -> None:
        # a page leaves the index before its current text (if any) goes in
        writer.delete_documents_by_query(tantivy.Query.term_set_query(schema, "page", page_ids))
        paths: dict[str, list[str]] = defaultdict(list)
        for doc_id, path in self.db.execute(
            "SELECT doc_id, path FROM paths WHERE doc_id IN"
            f" (SELECT doc_id FROM pages WHERE id IN ({queued}))",
            (last,),
        ):
            paths[doc_id].append(path)
        pages = self.db.execute(  # read one at a time: a new index queues every page
            "SELECT p.id, p.text, d.page_count, d.mime, d.language, d.doc_date, p.doc_id"
            f" FROM pages p JOIN documents d ON d.doc_id = p.doc_id WHERE p.id IN ({queued})",
            (last,),
        )
        for page_id, text, page_count, mime, language, doc_date, doc_id in pages:
            if text.strip():
                writer.add_document(
                    _page_document(
                        page_id, text, page_count, mime, language, doc_date, paths[doc_id]
                    )
                )
        writer.commit()
        writer.wait_merging_threads()

    def refresh(self) -> None:
        """See what other processes have written into the index since this one opened it
        (for a reader that lives long, such as the workbench)."""
        if self._index is not None:
            self._index.reload()

    # -- search -----------------------------------------------------------------------------

    def search(
        self,
        tree: Node | None,
        filters: list[Filter],
        limit: int,
        offset: int,
        undated_only: bool = False,
    ) -> Matches:
        """Documents matching the words of a query tree and the filters, best page first;
        with ``undated_only``, only documents that have no date."""
        self._carried, self._best_documents = {}, None
        if tree is None:
            return self._by_filters_alone(filters, undated_only, limit, offset)
        self.apply_queue()  # what a stopped run queued and did not apply
        index = self._open()
        scope = self._scope(index.schema, filters, undated_only)
        query = _all_of([_query(index.schema, tree), *scope])
        searcher = index.searcher()
        wanted = offset + limit
        pages, top = _search(searcher, query, max(wanted, ENTITY_FACET_PAGES))
        self._best_documents = _documents_of(searcher, top[:ENTITY_FACET_PAGES])
        total, estimated = _count_documents(searcher, index.schema, query, pages)
        best = _best_pages(searcher, query, min(wanted, total), top)
        hits = self._hits(best[offset:])
        return Matches(total, estimated, hits)

    def facets(self, tree: Node | None, filters: list[Filter]) -> Facets:
        """How many of the documents a query matches have each type, language and year
        (counted by HyperLogLog: exact for small counts, within a few per cent above)."""
        self.apply_queue()
        index = self._open()
        words = [_query(index.schema, tree)] if tree is not None else []
        parts = words + self._scope(index.schema, filters, False)
        query = _all_of(parts) if parts else tantivy.Query.all_query()
        searcher = index.searcher()
        found = searcher.aggregate(query, FACETS)
        years = [
            FacetValue(value=str(int(bucket["key"]) // 10_000), documents=_documents(bucket))
            for bucket in found["year"]["buckets"]
            if bucket["key"]
        ]
        return {
            "type": _buckets(found["type"]),
            "language": _buckets(found["language"]),
            "folder": _buckets(found["folder"]),
            "year": sorted(years, key=lambda year: year["value"]),
            "entity": self._entity_facet(searcher, query),
            "tag": self._marked_facet(index.schema, searcher, query, self._seqs_by_tag()),
            "mark": self._marked_facet(index.schema, searcher, query, self._seqs_by_mark()),
        }

    def _entity_facet(self, searcher: tantivy.Searcher, query: tantivy.Query) -> list[FacetValue]:
        """The people, organisations and places the best pages found mention most, by how
        many of those pages' documents mention each (the best ENTITY_FACET_PAGES pages: a
        count over every document found would read every mention of a large result)."""
        seqs = self._best_documents
        if seqs is None:  # no search() before: the best pages are found now
            seqs = _documents_of(searcher, _search(searcher, query, ENTITY_FACET_PAGES)[1])
        if not seqs:
            return []
        rows = self.db.execute(
            "SELECT e.id, e.name, count(DISTINCT m.doc_id) AS documents FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id"
            " WHERE e.type IN ('person', 'organization', 'place') AND m.doc_id IN"
            f" (SELECT doc_id FROM documents WHERE seq IN ({', '.join('?' * len(seqs))}))"
            " GROUP BY e.id ORDER BY documents DESC, e.name LIMIT ?",
            (*seqs, ENTITIES_SHOWN),
        )
        return [FacetValue(value=row[0], documents=row[2], label=row[1]) for row in rows]

    def _seqs_by_tag(self) -> dict[str, list[int]]:
        """The documents (by sequence number) that carry each tag."""
        carrying: dict[str, list[int]] = defaultdict(list)
        for tag, seq in self.db.execute(
            "SELECT n.tag, d.seq FROM notes n JOIN documents d ON d.doc_id = n.doc_id"
            f" WHERE n.tag IS NOT NULL AND {_SHARED_NOTE}"
        ):
            carrying[tag].append(seq)
        return carrying

    def _seqs_by_mark(self) -> dict[str, list[int]]:
        """The documents (by sequence number) that carry each mark (starred, read)."""
        carrying: dict[str, list[int]] = defaultdict(list)
        for mark, seq in self.db.execute(
            "SELECT m.mark, d.seq FROM marks m JOIN documents d ON d.doc_id = m.doc_id"
        ):
            carrying[mark].append(seq)
        return carrying

    def _marked_facet(
        self,
        schema: tantivy.Schema,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        carrying: dict[str, list[int]],
    ) -> list[FacetValue]:
        """How many documents found carry each tag or mark, most first (the first TAGS_SHOWN)."""
        counted = [
            FacetValue(value=value, documents=_documents_among(searcher, schema, query, seqs))
            for value, seqs in carrying.items()
        ]
        kept = sorted((item for item in counted if item["documents"]), key=_most_first)
        return kept[:TAGS_SHOWN]

    def _scope(
        self, schema: tantivy.Schema, filters: list[Filter], undated_only: bool
    ) -> list[tantivy.Query]:
        """The filters as queries on the index's fields."""
        scope = [
            _any_of([self._filter_query(schema, item) for item in items])
            for items in _by_field(filters).values()
        ]
        if undated_only:
            scope.append(tantivy.Query.term_query(schema, "day", 0))
        return scope

    def _filter_query(self, schema: tantivy.Schema, item: Filter) -> tantivy.Query:
        """One filter as a query on the index; a path too long for a regular expression of
        tantivy's (1,000 states: about 480 characters) as the documents seen at it."""
        if item.field in CASE_FIELDS:
            return self._marked(schema, item)
        if item.field != "path":
            return _field_filter(schema, item)
        try:  # (?s): a path may hold a line break
            return tantivy.Query.regex_query(schema, "path", f"(?s).*{_literal(item.value)}.*")
        except ValueError:
            clause, params = _filter_clause([item], self.on_server)
            rows = self.db.execute(f"SELECT seq FROM documents d WHERE {clause}", params)
            return tantivy.Query.term_set_query(schema, "doc", [row[0] for row in rows])

    def _marked(self, schema: tantivy.Schema, item: Filter) -> tantivy.Query:
        """A filter on what people marked (tag:, starred:, unread:) or on an entity as the
        documents that carry it, read from the case: these change without the index."""
        key = (item.field, item.value)
        if key not in self._carried:
            clause, params = _carrying(item)
            rows = self.db.execute(f"SELECT seq FROM documents d WHERE {clause}", params)
            self._carried[key] = [row[0] for row in rows]
        carrying = tantivy.Query.term_set_query(schema, "doc", self._carried[key])
        if _wants_mark(item):
            return carrying
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, carrying)]
        )

    def _by_filters_alone(
        self, filters: list[Filter], undated_only: bool, limit: int, offset: int
    ) -> Matches:
        clauses = ["d.state != 'failed'"] + (["d.doc_date IS NULL"] if undated_only else [])
        params: list[Any] = []
        for items in _by_field(filters).values():
            clause, extra = _filter_clause(items, self.on_server)
            clauses.append(clause)
            params += extra
        where = " AND ".join(clauses)
        total = self.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params)
        rows = self.db.execute(
            f"SELECT seq << {PAGE_BITS} | 1 FROM documents d WHERE {where}"
            " ORDER BY seq LIMIT ? OFFSET ?",
            params + [limit, offset],
        ).fetchall()
        return Matches(total.fetchone()[0], False, self._hits([(row[0], 0.0) for row in rows]))

    def _hits(self, best: list[tuple[int, float]]) -> list[dict[str, Any]]:
        """The hits of these pages, with their scores: a few statements for them all (each
        one a round trip to a server)."""
        hits = []
        for first in range(0, len(best), HITS_PER_STATEMENT):
            chunk = best[first : first + HITS_PER_STATEMENT]
            ids = [page_id for page_id, _ in chunk]
            rows = {
                row["id"]: row
                for row in self.db.execute(
                    "SELECT p.id, d.doc_id, d.title, d.name, p.number, p.text FROM pages p"
                    f" JOIN documents d ON d.doc_id = p.doc_id WHERE p.id IN ({_marks(ids)})",
                    ids,
                )
            }
            for page_id in set(ids) - set(rows):  # a container, found by filters alone
                rows[page_id] = self.db.execute(
                    "SELECT doc_id, title, name, 1 AS number, '' AS text FROM documents"
                    " WHERE seq = ?",
                    (page_id >> PAGE_BITS,),
                ).fetchone()
            paths = self.documents.first_paths([row["doc_id"] for row in rows.values()])
            hits += [
                {
                    "doc_id": rows[page_id]["doc_id"],
                    "title": rows[page_id]["title"] or rows[page_id]["name"],
                    "path": paths.get(rows[page_id]["doc_id"], rows[page_id]["doc_id"]),
                    "page": rows[page_id]["number"],
                    "score": round(score, 4),
                    "text": rows[page_id]["text"],
                }
                for page_id, score in chunk
            ]
        return hits

    def _open(self) -> tantivy.Index:
        """The case's index, ready to search and write."""
        if self._index is None:
            self._index = self._usable_index()
            self._index.register_tokenizer(WORDS_ANALYZER, analyzer())
            self._index.config_reader("Manual", 0)
        return self._index

    def _usable_index(self) -> tantivy.Index:
        """The index on disk; made again (empty, every page queued) where there is none, or
        one of another layout, or a damaged one, unless the case is read-only here."""
        found = self._existing()
        if found is not None:
            return found
        if self.read_only:
            self._unusable = True
            return tantivy.Index(_schema())  # nothing to search with
        # one process makes it: another that found it missing too waits, then opens it (two
        # makers would each wipe the other's folder, and with it pages already written)
        with open(self.folder.with_name(f"{INDEX_FOLDER}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._existing() or self._create()

    def _existing(self) -> tantivy.Index | None:
        """The index on disk, where it is of this layout and whole; else None."""
        built = self.db.execute("SELECT value FROM meta WHERE key = ?", (_VERSION_KEY,))
        usable = (built.fetchone() or [None])[0] == INDEX_VERSION
        if not (usable and self.folder.is_dir() and tantivy.Index.exists(str(self.folder))):
            return None
        try:
            place = self._readable_copy() if self.read_only else self.folder
            return tantivy.Index.open(str(place))
        except (ValueError, OSError) as error:  # a file of it garbled or gone
            if self.read_only:
                raise DamagedCase(
                    f"the search index in {self.folder} is damaged ({one_line(error)});"
                    " open the case where it can be written and it is made again"
                ) from None
            return None

    def _readable_copy(self) -> Path:
        """A copy of the index this process may lock: even a reader takes a lock file in
        the index's folder, which a read-only case does not allow."""
        import tempfile

        copy = Path(tempfile.mkdtemp(prefix="casegraph-index-"))
        weakref.finalize(self, shutil.rmtree, copy, True)
        for path in self.folder.iterdir():
            shutil.copyfile(path, copy / path.name)
        return copy

    def _create(self) -> tantivy.Index:
        shutil.rmtree(self.folder, ignore_errors=True)  # a folder left half made, or outdated
        self.folder.mkdir(parents=True)
        index = tantivy.Index(_schema(), path=str(self.folder))
        with self.db:  # the index counts as made once every page is queued for it
            self.db.execute("DELETE FROM index_queue")
            self.db.execute("INSERT INTO index_queue (page_id) SELECT id FROM pages")
            self.db.execute(
                SET_META,
                (_VERSION_KEY, INDEX_VERSION),
            )
        return index


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("page", indexed=True, fast=True)
    builder.add_unsigned_field("doc", indexed=True, fast=True)
    builder.add_unsigned_field("single", indexed=True)
    # the document's metadata the filters read: type, language, and date as YYYYMMDD (0: none)
    # (fast: counted by value for a search's facets)
    builder.add_text_field("mime", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_text_field("lang", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_unsigned_field("day", indexed=True, fast=True)
    # every path the document was seen at, each as one term (path: reads them)
    builder.add_text_field("path", tokenizer_name="raw", index_option="basic")
    # every folder above each of those paths ("mail/", "mail/2015/"), counted for facets
    builder.add_text_field("folder", tokenizer_name="raw", index_option="basic", fast=True)
    # cut into words as a query's terms are (querytree.words)
    for field in (_BODY, _BARE):
        builder.add_text_field(field, tokenizer_name=WORDS_ANALYZER, index_option="position")
    return builder.build()


def _page_document(
    page_id: int,
    text: str,
    page_count: int,
    mime: str | None,
    language: str | None,
    doc_date: str | None,
    paths: list[str],
) -> tantivy.Document:
    body = fold(text)
    bare = without_arabic_article(body)
    document = tantivy.Document()
    document.add_unsigned("page", page_id)
    document.add_unsigned("doc", page_id >> PAGE_BITS)
    document.add_unsigned("single", int(page_count == 1))
    document.add_text("mime", (mime or "").lower())  # as the store's LIKE, case aside
    document.add_text("lang", language or "")
    document.add_unsigned("day", _day(doc_date))
    for path in paths:
        document.add_text("path", path)
    for folder in sorted({folder for path in paths for folder in _folders(path)}):
        document.add_text("folder", folder)
    document.add_text(_BODY, body)
    if bare != body:
        document.add_text(_BARE, bare)
    return document


def _folders(path: str) -> list[str]:
    """The folders a path stands in, outermost first, each ending in its slash."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]


def _day(iso: str | date | None) -> int:
    """A date as the number YYYYMMDD, 0 for none: ordered as the ISO strings' first ten
    characters are, which is how the store compares documents' dates."""
    if iso is None:
        return 0
    text = iso.isoformat() if isinstance(iso, date) else iso
    digits = text[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


FOLDERS_SHOWN = 15  # the folders holding the most pages found
ENTITIES_SHOWN = 15  # the entities most often mentioned in the documents of the best pages
ENTITY_FACET_PAGES = 250
TAGS_SHOWN = 30
# each facet's buckets with the number of distinct documents in each (pages are counted)
_DOCUMENTS = {"documents": {"cardinality": {"field": "doc"}}}
FACETS = {
    "type": {"terms": {"field": "mime", "size": 50}, "aggs": _DOCUMENTS},
    "language": {"terms": {"field": "lang", "size": 50}, "aggs": _DOCUMENTS},
    "folder": {"terms": {"field": "folder", "size": FOLDERS_SHOWN}, "aggs": _DOCUMENTS},
    # a day is YYYYMMDD: a year is a bucket of 10,000 (0: no date)
    "year": {
        "histogram": {"field": "day", "interval": 10_000, "min_doc_count": 1},
        "aggs": _DOCUMENTS,
    },
}


def _buckets(found: dict[str, Any]) -> list[FacetValue]:
    """A terms facet's values with their documents, most first; the empty value left out."""
    values = [
        FacetValue(value=bucket["key"], documents=_documents(bucket))
        for bucket in found["buckets"]
        if bucket["key"]
    ]
    return sorted(values, key=_most_first)


def _most_first(value: FacetValue) -> tuple[int, str]:
    return -value["documents"], value["value"]


def _documents(bucket: dict[str, Any]) -> int:
    return int(round(bucket["documents"]["value"]))


def _documents_of(
    searcher: tantivy.Searcher, hits: list[tuple[Any, tantivy.DocAddress]]
) -> list[int]:
    """The documents (by sequence number) of these pages."""
    return sorted(set(_fast_values(searcher, "doc", [address for _, address in hits])))


def _documents_among(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, seqs: list[int]
) -> int:
    """How many of these documents (by sequence number) the query matches."""
    among = _all_of([query, tantivy.Query.term_set_query(schema, "doc", seqs)])
    return int(round(searcher.cardinality(among, "doc")))


def _count_documents(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, pages: int
) -> tuple[int, bool]:
    """How many documents the query matches, from the pages it matches, and whether that
    number is an estimate: pages of single-page documents count as they are, the others
    by their distinct documents."""
    shared_query = _all_of([tantivy.Query.term_query(schema, "single", 0), query])
    shared = _count(searcher, shared_query) if pages else 0
    if not shared:
        return pages, False
    if shared > EXACT_COUNT_PAGES:
        return pages - shared + round(searcher.cardinality(shared_query, "doc")), True
    addresses = [address for _, address in searcher.search(shared_query, shared).hits]
    return pages - shared + len(set(_fast_values(searcher, "doc", addresses))), False


def _search(
    searcher: tantivy.Searcher, query: tantivy.Query, limit: int
) -> tuple[int, list[tuple[Any, tantivy.DocAddress]]]:
    """How many pages match, and the best `limit` of them (tantivy refuses a limit of 0)."""
    found = searcher.search(query, max(limit, 1), count=True)
    # the stubs shipped with tantivy lack SearchResult.count
    return int(found.count), found.hits[:limit]  # type: ignore[attr-defined]


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return _search(searcher, query, 0)[0]


def _fast_values(
    searcher: tantivy.Searcher, field: str, addresses: list[tantivy.DocAddress]
) -> list[int]:
    return [int(value or 0) for value in searcher.fast_field_values(field, addresses)]


def _best_pages(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    wanted: int,
    hits: list[tuple[Any, tantivy.DocAddress]],
) -> list[tuple[int, float]]:
    """The best-scoring page of each of the top `wanted` documents, best first, from the
    best pages found (`hits`, at least `wanted` of them where there are)."""
    pages = max(len(hits), 1)
    while wanted:
        # ties keep the index's order (segment, then document), as its own cut of the top does
        ranked = sorted(hits, key=lambda hit: (-hit[0], hit[1].segment_ord, hit[1].doc))
        page_ids = _fast_values(searcher, "page", [address for _, address in ranked])
        best: dict[int, tuple[int, float]] = {}
        for page_id, (score, _) in zip(page_ids, ranked, strict=True):
            best.setdefault(page_id >> PAGE_BITS, (page_id, float(score)))
        # several pages of one document may crowd the top: widen until enough documents
        if len(best) >= wanted or len(hits) < pages:
            return list(best.values())[:wanted]
        pages *= 2
        hits = searcher.search(query, pages).hits
    return []


# -- the filters -------------------------------------------------------------------------------


def _field_filter(schema: tantivy.Schema, item: Filter) -> tantivy.Query:
    """One type:, lang: or date: filter as a query on the document's fields in the index."""
    if item.field == "lang":
        return tantivy.Query.term_query(schema, "lang", item.value)
    if item.field == "date":
        low = _day(item.start) if item.start else 1  # 0 is "no date"
        high = _day(item.end) if item.end else _day("9999-12-31")
        return tantivy.Query.range_query(schema, "day", tantivy.FieldType.Unsigned, low, high)
    return _any_of([_mime_query(schema, pattern) for pattern in mime_patterns(item.value)])


def _mime_query(schema: tantivy.Schema, pattern: str) -> tantivy.Query:
    """A MIME pattern of the store's (LIKE: exact, "image/%", "%word%") on the mime field."""
    if "%" not in pattern:
        return tantivy.Query.term_query(schema, "mime", pattern)
    if not _MIME_TEXT.fullmatch(pattern.replace("%", "")):
        return tantivy.Query.empty_query()  # no type is written with these characters
    return tantivy.Query.regex_query(schema, "mime", _literal(pattern).replace("%", ".*"))


def _literal(text: str) -> str:
    """Text as a regular expression of tantivy's that matches it as written."""
    return "".join(f"\\{char}" if char in _REGEX_SYNTAX else char for char in text)


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
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])


# the filters read from the case's tables, never from the index: what people marked, and the
# entities a document mentions (both change without the pages)
CASE_FIELDS = ("tag", "starred", "unread", "entity")

# -- filters (SQL on documents d) ----------------------------------------------------------------


def _by_field(filters: list[Filter]) -> dict[str, list[Filter]]:
    """The filters of each field, in the order written: ORed within a field, ANDed across."""
    by_field: dict[str, list[Filter]] = defaultdict(list)
    for item in filters:
        by_field[item.field].append(item)
    return by_field


def _filter_clause(items: list[Filter], on_server: bool) -> tuple[str, list[Any]]:
    """The SQL condition on documents d for the filters of one field, ORed."""
    clauses, params = [], []
    for item in items:
        clause, extra = _one_filter(item, on_server)
        clauses.append(clause)
        params += extra
    return "(" + " OR ".join(clauses) + ")", params


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def _quoted(text: str) -> str:
    """Text as one FTS5 string: a phrase, which the trigram index reads as a substring."""
    return '"' + text.replace('"', '""') + '"'


def _carrying(item: Filter) -> tuple[str, list[Any]]:
    """The SQL condition on documents d that they carry the tag, mark or entity a filter
    names (an entity by its id or its name)."""
    if item.field == "tag":
        # a private note's tag finds nothing: a search does not know who asks
        shared = f"SELECT doc_id FROM notes n WHERE n.tag = ? AND {_SHARED_NOTE}"
        return f"d.doc_id IN ({shared})", [item.value]
    if item.field == "entity":
        # a page's id holds its document's number: the documents, from the mentions' index
        named = "SELECT id FROM entities WHERE id = ? OR name = ?"
        pages = f"SELECT page_id >> {PAGE_BITS} FROM mentions WHERE entity_id IN ({named})"
        return f"d.seq IN ({pages})", [item.value, item.value]
    mark = "starred" if item.field == "starred" else "read"
    return "d.doc_id IN (SELECT doc_id FROM marks WHERE mark = ?)", [mark]


def _wants_mark(item: Filter) -> bool:
    """Whether a filter keeps the documents that carry its mark (unread:yes keeps those
    without the mark "read")."""
    if item.field in ("tag", "entity"):
        return True
    return (item.field == "starred") == (item.value == "yes")


def _one_filter(item: Filter, on_server: bool) -> tuple[str, list[Any]]:
    field, value = item.field, item.value
    if field in CASE_FIELDS:
        clause, params = _carrying(item)
        return (clause if _wants_mark(item) else f"NOT {clause}"), params
    if field == "type":
        return mime_clause(value)
    if field == "path":
        if on_server:  # PostgreSQL's trigram index answers LIKE
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", value) + "%"
            return "d.doc_id IN (SELECT doc_id FROM paths WHERE path LIKE ? ESCAPE '\\')", [pattern]
        if len(value) < TRIGRAM:  # too short for the trigrams: every path is read
            return "d.doc_id IN (SELECT doc_id FROM paths WHERE instr(path, ?) > 0)", [value]
        found = "SELECT rowid FROM path_trigrams WHERE path_trigrams MATCH ?"
        return f"d.doc_id IN (SELECT doc_id FROM paths WHERE rowid IN ({found}))", [_quoted(value)]
    if field == "lang":
        return "d.language = ?", [value]
    start, end = item.start, item.end
    clauses, params = [], []
    if start is not None:
        clauses.append("d.doc_date >= ?")
        params.append(start.isoformat())
    if end is not None:
        # doc_date is an ISO string: everything on the end day sorts below the next day
        clauses.append("d.doc_date < ?")
        params.append((end + timedelta(days=1)).isoformat())
    return "(" + " AND ".join(clauses) + ")", params
