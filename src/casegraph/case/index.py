"""The full-text index of pages (FTS5) and the search over it. Writes the table
page_index; reads it with documents and pages."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..text.fold import fold, without_arabic_article
from .repository import Repository
from .sql import PAGE_BITS, mime_clause

if TYPE_CHECKING:
    from .documents import DocumentRepository


class SearchIndex(Repository):
    """The full-text index of the case's pages."""

    def __init__(self, db: sqlite3.Connection, documents: DocumentRepository) -> None:
        super().__init__(db)
        self.documents = documents

    def search(
        self, fts: str | None, filters: list[tuple[str, list[Any]]], limit: int, offset: int
    ) -> tuple[int, list[dict[str, Any]]]:
        """Documents matching an FTS5 expression and SQL filters, best page first; (total, hits)."""
        where = " AND ".join(["d.state != 'failed'"] + [clause for clause, _ in filters])
        params: list[Any] = [p for _, extra in filters for p in extra]
        if fts is None:
            total = self.db.execute(f"SELECT count(*) FROM documents d WHERE {where}", params)
            rows = self.db.execute(
                f"SELECT seq << {PAGE_BITS} | 1, 0.0 FROM documents d WHERE {where}"
                " ORDER BY seq LIMIT ? OFFSET ?",
                params + [limit, offset],
            ).fetchall()
            return total.fetchone()[0], [self._hit(*row) for row in rows]
        scope, scope_params = "", []
        if filters:
            scope = f" AND rowid >> {PAGE_BITS} IN (SELECT seq FROM documents d WHERE {where})"
            scope_params = params
        total = self.db.execute(
            f"SELECT count(DISTINCT rowid >> {PAGE_BITS}) FROM page_index"
            f" WHERE page_index MATCH ?{scope}",
            [fts] + scope_params,
        ).fetchone()[0]
        best = self._best_pages(fts, scope, scope_params, min(offset + limit, total))
        return total, [self._hit(page_id, score) for page_id, score in best[offset:]]

    def _best_pages(
        self, fts: str, scope: str, params: list[Any], wanted: int
    ) -> list[tuple[int, float]]:
        """The best-scoring page of each of the top `wanted` documents, best first."""
        pages = wanted
        while True:
            rows = self.db.execute(
                f"SELECT rowid, bm25(page_index) AS score FROM page_index"
                f" WHERE page_index MATCH ?{scope} ORDER BY score, rowid LIMIT ?",
                [fts] + params + [pages],
            ).fetchall()
            best: dict[int, tuple[int, float]] = {}
            for page_id, score in rows:
                best.setdefault(page_id >> PAGE_BITS, (page_id, score))
            # several pages of one document may crowd the top: widen until enough documents
            if len(best) >= wanted or len(rows) < pages:
                return list(best.values())[:wanted]
            pages *= 2

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
            "score": round(-score, 4),
            "text": row["text"],
        }


def index_page(db: sqlite3.Connection, page_id: int, text: str) -> None:
    """Index a page's text, folded, and once more without Arabic articles where that differs."""
    folded = fold(text)
    bare = without_arabic_article(folded)
    db.execute(
        "INSERT INTO page_index (rowid, body, bare) VALUES (?, ?, ?)",
        (page_id, folded, bare if bare != folded else ""),
    )


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
