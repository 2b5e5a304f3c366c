"""Pages: their text and its layers (file text, OCR, transcriptions), the OCR queue and the
review queue. Reads and writes the tables pages and page_layers; a page whose text changes
loses what was read on it and is indexed again."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import UnknownPage
from ..listings import PageDetail, PageToReview
from ..records import (
    DocState,
    OcrJob,
    OcrPage,
)
from .database import Database
from .documents import PAGE_COLUMNS, DocumentRepository, page_detail
from .index import queue_pages
from .readings import ReadingRepository
from .repository import Repository
from .sql import PAGE_BITS, now


class PageRepository(Repository):
    """The pages of a case's documents."""

    def __init__(
        self, db: Database, documents: DocumentRepository, readings: ReadingRepository
    ) -> None:
        super().__init__(db)
        self.documents = documents
        self.readings = readings

    def pending_ocr(self, include_failed: bool = False) -> list[OcrJob]:
        """Pages waiting for OCR (with include_failed, also those whose OCR failed)."""
        failed = "" if include_failed else " AND p.ocr_error IS NULL"
        rows = self.db.execute(
            "SELECT p.doc_id, d.sha256, d.mime, p.number FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id"
            f" WHERE p.needs_ocr = 1{failed} ORDER BY d.seq, p.number"
        )
        return [OcrJob(*row) for row in rows]

    def mark_ocr_redo(self) -> int:
        """Queue every OCR'd page (never a transcribed one) for OCR again; returns how many."""
        with self.db:
            return self.db.execute(
                "UPDATE pages SET needs_ocr = 1, ocr_error = NULL WHERE source = 'ocr'"
            ).rowcount

    def save_ocr(self, doc_id: str, number: int, page: OcrPage) -> None:
        """Keep an OCR layer and make its text the page's text, unless a person transcribed it."""
        words = [[w.start, w.end, *w.box, w.confidence] for w in page.words]
        image: dict[str, float] = {"width": page.width, "height": page.height, "dpi": page.dpi}
        image |= {"rotation": page.rotation, "skew": page.skew}
        self._add_layer(
            doc_id,
            number,
            "ocr",
            page.text,
            page.confidence,
            page.engine,
            None,
            json.dumps(words),
            json.dumps(image),
        )
        (source,) = self.db.execute(
            "SELECT source FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if source == "transcription":
            self.db.execute(
                "UPDATE pages SET needs_ocr = 0, ocr_error = NULL WHERE doc_id = ? AND number = ?",
                (doc_id, number),
            )
        else:
            self._set_text(doc_id, number, page.text, "ocr", page.confidence, page.review)
        self._settle_ocr_state(doc_id)

    def save_ocr_failure(self, doc_id: str, number: int, reason: str, detail: str) -> None:
        """Record why OCR of a page failed; the page stays queued for `casegraph ocr`."""
        self.db.execute(
            "UPDATE pages SET ocr_error = ?, review = 'ocr_failed' WHERE doc_id = ? AND number = ?",
            (f"{reason}: {detail}"[:500], doc_id, number),
        )

    def transcribe(self, doc_id: str, number: int, text: str, by: str) -> None:
        """Make a person's transcription the page's text; earlier layers are kept."""
        doc_id = self.documents.resolve_id(doc_id)
        row = self.db.execute(
            "SELECT source FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if row is None:
            raise UnknownPage(f"document {doc_id} has no page {number}")
        with self.db:
            self._add_layer(doc_id, number, "transcription", text, None, None, by, None, None)
            self._set_text(doc_id, number, text, "transcription", None, None)
            self.db.execute(
                "UPDATE pages SET needs_ocr = 0, ocr_error = NULL WHERE doc_id = ? AND number = ?",
                (doc_id, number),
            )
            self._settle_ocr_state(doc_id)

    def review_queue(self) -> list[PageToReview]:
        """Pages a person should read, least confident first."""
        rows = self.db.execute(
            "SELECT p.doc_id, p.number, p.confidence, p.review, p.ocr_error FROM pages p"
            " JOIN documents d ON d.doc_id = p.doc_id"
            " WHERE p.review IS NOT NULL AND p.source != 'transcription'"
            " ORDER BY COALESCE(p.confidence, -1), d.seq, p.number"
        )
        return [
            {
                "doc_id": d,
                "page": n,
                "confidence": c,
                "reason": r,
                "detail": e,
                "path": self.documents.first_path(d),
            }
            for d, n, c, r, e in rows
        ]

    def numbers(self, doc_id: str) -> list[int]:
        """The numbers of a document's pages, in order."""
        rows = self.db.execute(
            "SELECT number FROM pages WHERE doc_id = ? ORDER BY number",
            (self.documents.resolve_id(doc_id),),
        )
        return [row[0] for row in rows]

    def one(self, doc_id: str, number: int) -> PageDetail:
        """One page of a document, as `show --json` prints each."""
        doc_id = self.documents.resolve_id(doc_id)
        row = self.db.execute(
            f"SELECT {PAGE_COLUMNS} FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if row is None:
            raise UnknownPage(f"document {doc_id} has no page {number}")
        return page_detail(row)

    def layers(self, doc_id: str, number: int) -> list[dict[str, Any]]:
        """Every text a page has had, oldest first, with word boxes for OCR layers."""
        rows = self.db.execute(
            "SELECT source, text, confidence, words, image, engine, created_by, created_at"
            " FROM page_layers WHERE doc_id = ? AND number = ? ORDER BY id",
            (self.documents.resolve_id(doc_id), number),
        )
        return [
            {
                "source": source,
                "text": text,
                "confidence": confidence,
                "words": [
                    {"start": w[0], "end": w[1], "box": w[2:6], "confidence": w[6]}
                    for w in json.loads(words or "[]")
                ],
                "image": json.loads(image) if image else None,
                "engine": engine,
                "by": by,
                "at": at,
            }
            for source, text, confidence, words, image, engine, by, at in rows
        ]

    def _add_layer(
        self,
        doc_id: str,
        number: int,
        source: str,
        text: str,
        confidence: float | None,
        engine: str | None,
        by: str | None,
        words: str | None,
        image: str | None,
    ) -> None:
        current = self.db.execute(
            "SELECT source, text FROM pages WHERE doc_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        if current and current[0] == "text_layer" and current[1].strip():
            # the file's own text is about to be superseded: keep it as a layer first
            self.db.execute(
                "INSERT INTO page_layers (doc_id, number, source, text, created_at)"
                " VALUES (?, ?, 'text_layer', ?, ?)",
                (doc_id, number, current[1], now()),
            )
        self.db.execute(
            "INSERT INTO page_layers (doc_id, number, source, text, confidence, words, image,"
            " engine, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, number, source, text, confidence, words, image, engine, by, now()),
        )

    def _set_text(
        self,
        doc_id: str,
        number: int,
        text: str,
        source: str,
        confidence: float | None,
        review: str | None,
    ) -> None:
        (seq,) = self.db.execute("SELECT seq FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        page_id = seq << PAGE_BITS | number
        self.db.execute(
            "UPDATE pages SET text = ?, source = ?, confidence = ?, review = ?, needs_ocr = 0,"
            " ocr_error = NULL WHERE id = ?",
            (text, source, confidence, review, page_id),
        )
        queue_pages(self.db, [page_id])
        # everything derived from the old text goes; the next `extract` redoes this page
        self.readings.clear_page(page_id)
        self.db.execute("DELETE FROM page_stages WHERE page_id = ?", (page_id,))
        self.db.execute(
            "UPDATE documents SET char_count = (SELECT sum(length(text)) FROM pages"
            " WHERE doc_id = ?), updated_at = ? WHERE doc_id = ?",
            (doc_id, now(), doc_id),
        )

    def _settle_ocr_state(self, doc_id: str) -> None:
        waiting = self.db.execute(
            "SELECT count(*) FROM pages WHERE doc_id = ? AND needs_ocr = 1", (doc_id,)
        ).fetchone()[0]
        state = DocState.NEEDS_OCR if waiting else DocState.DONE
        self.db.execute(
            "UPDATE documents SET state = ? WHERE doc_id = ? AND state != 'failed'", (state, doc_id)
        )

    def texts_of(self, doc_ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """The text of every page of some documents, by (doc id, page)."""
        wanted, found = list(doc_ids), {}
        for start in range(0, len(wanted), 500):  # SQLite caps the parameters of a query
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                "SELECT doc_id, number, text FROM pages"
                f" WHERE doc_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update({(d, n): text for d, n, text in rows})
        return found

    def readable_chunks(self, size: int) -> Iterator[list[tuple[int, str, int, str]]]:
        """Every page with text as (page id, doc id, number, text), in lists of up to size pages.

        Each list is read in full before it is yielded, so the caller may write in between.
        """
        last = 0
        while chunk := self._tuples(
            "SELECT id, doc_id, number, text FROM pages"
            " WHERE id > ? AND needs_ocr = 0 AND length(trim(text)) > 0 ORDER BY id LIMIT ?",
            (last, size),
        ):
            yield chunk
            last = chunk[-1][0]

    def texts(self) -> Iterator[str]:
        """Every page's text (for case-wide patterns such as acronym definitions)."""
        for (text,) in self.db.execute("SELECT text FROM pages WHERE length(text) > 0"):
            yield text
