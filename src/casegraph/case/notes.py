"""Notes and marks: what people write on a span of a page (a note, a tag, or both) and the
marks they set on whole documents (starred, read). Kept as their own layer; the page text is
never changed. A note may be private: only its author sees it (a server case's readers).
Reads and writes the tables notes, private_notes and marks; reads pages for the spans.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, cast

from ..errors import BadNote, UnknownNote
from ..listings import DocumentMarks, Note
from .documents import DocumentRepository
from .repository import Repository
from .sql import now

MARKS = ("starred", "read")
MAX_NOTE_CHARS = 10_000
MAX_TAG_CHARS = 100

# a note's page text now: where a transcription has changed it, its characters read otherwise
_NOTE_COLUMNS = (
    "n.id, n.doc_id, n.page, n.start, n.end, n.quote, n.text, n.tag, n.author, n.created_at,"
    " coalesce(substr(p.text, n.start + 1, n.end - n.start), '') != n.quote AS changed,"
    " q.note_id IS NOT NULL AS private"
)
_NOTES = (
    f"SELECT {_NOTE_COLUMNS} FROM notes n"
    " LEFT JOIN pages p ON p.doc_id = n.doc_id AND p.number = n.page"
    " LEFT JOIN private_notes q ON q.note_id = n.id"
)
# what a reader may see: every note but the private notes of others
_SEEN_BY = "(q.note_id IS NULL OR n.author = ?)"


def tag_name(tag: str) -> str:
    """A tag as it is kept and searched: its words in lower case, one space apart."""
    return " ".join(tag.split()).lower()


class NoteRepository(Repository):
    """People's notes on spans and marks on documents."""

    def __init__(self, db: Any, documents: DocumentRepository) -> None:
        super().__init__(db)
        self.documents = documents

    def add(
        self,
        doc_id: str,
        page: int,
        span: tuple[int, int],
        text: str,
        tag: str,
        author: str,
        private: bool = False,
    ) -> Note:
        """Keep a note, a tag or both on characters start..end of a page's current text; a
        private one only its author sees."""
        doc_id = self.documents.resolve_id(doc_id)
        text, tag = text.strip(), tag_name(tag)
        if not text and not tag:
            raise BadNote("a note needs a text or a tag")
        if len(text) > MAX_NOTE_CHARS or len(tag) > MAX_TAG_CHARS:
            raise BadNote(
                f"a note holds at most {MAX_NOTE_CHARS:,} characters, a tag {MAX_TAG_CHARS}"
            )
        start, end = span
        row = self.db.execute(
            "SELECT text FROM pages WHERE doc_id = ? AND number = ?", (doc_id, page)
        ).fetchone()
        if row is None:
            raise BadNote(f"document {doc_id} has no page {page}")
        if not 0 <= start < end <= len(row[0]):
            raise BadNote(
                f"characters {start}..{end} are not on page {page} of {doc_id}"
                f" (it has {len(row[0])}); a note needs at least one character"
            )
        created = now()
        fields = [doc_id, page, start, end, text, tag, author, created]
        note_id = hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]
        with self.db:
            self.db.execute(
                "INSERT INTO notes (id, doc_id, page, start, end, quote, text, tag, author,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (note_id, doc_id, page, start, end, row[0][start:end], text, tag or None)
                + (author, created),
            )
            if private:
                self.db.execute(
                    "INSERT INTO private_notes (note_id) VALUES (?) ON CONFLICT DO NOTHING",
                    (note_id,),
                )
        return self.get(note_id)

    def get(self, note_id: str, viewer: str | None = None) -> Note:
        """One note by its id; a viewer is not shown another's private note."""
        rows = self._notes("n.id = ?", [note_id.strip().lower()], viewer)
        if not rows:
            raise UnknownNote(f"no note with id {note_id!r} (see: casegraph notes)")
        return rows[0]

    def remove(self, note_id: str, viewer: str | None = None) -> Note:
        """Delete a note; what it was."""
        note = self.get(note_id, viewer)
        with self.db:
            self.db.execute("DELETE FROM private_notes WHERE note_id = ?", (note["id"],))
            self.db.execute("DELETE FROM notes WHERE id = ?", (note["id"],))
        return note

    def share(self, note_id: str, viewer: str | None = None) -> Note:
        """Let everyone who reads the case see a private note; what it is now."""
        note = self.get(note_id, viewer)
        with self.db:
            self.db.execute("DELETE FROM private_notes WHERE note_id = ?", (note["id"],))
        return self.get(note["id"])

    def select(
        self, tag: str | None = None, doc_id: str | None = None, viewer: str | None = None
    ) -> list[Note]:
        """Notes, newest first; with a tag or a document, theirs alone; those a viewer sees."""
        clauses, params = ["true"], []
        if tag is not None:
            clauses.append("n.tag = ?")
            params.append(tag_name(tag))
        if doc_id is not None:
            clauses.append("n.doc_id = ?")
            params.append(self.documents.resolve_id(doc_id))
        return self._notes(" AND ".join(clauses), params, viewer)

    def on_page(self, doc_id: str, page: int, viewer: str | None = None) -> list[Note]:
        """A page's notes, in the order of their places on it."""
        found = self._notes("n.doc_id = ? AND n.page = ?", [doc_id, page], viewer)
        return sorted(found, key=lambda note: (note["start"], note["end"]))

    def tags(self, viewer: str | None = None) -> list[dict[str, Any]]:
        """Every tag with how many notes and documents carry it, most used first."""
        seen, params = (_SEEN_BY, [viewer]) if viewer is not None else ("true", [])
        return self._dict_rows(
            "SELECT n.tag, count(*) AS notes, count(DISTINCT n.doc_id) AS documents FROM notes n"
            f" LEFT JOIN private_notes q ON q.note_id = n.id WHERE n.tag IS NOT NULL AND {seen}"
            " GROUP BY n.tag ORDER BY notes DESC, n.tag",
            params,
        )

    def _notes(self, where: str, params: list[Any], viewer: str | None = None) -> list[Note]:
        """The notes a viewer sees (None: every note, as the command line shows them)."""
        if viewer is not None:
            where, params = f"{where} AND {_SEEN_BY}", [*params, viewer]
        rows = self._dict_rows(f"{_NOTES} WHERE {where} ORDER BY n.created_at DESC, n.id", params)
        return [
            cast(Note, {**row, "changed": bool(row["changed"]), "private": bool(row["private"])})
            for row in rows
        ]

    # -- marks on documents ---------------------------------------------------------------------

    def set_mark(
        self, doc_id: str, mark: str, on: bool, author: str, own_only: bool = False
    ) -> DocumentMarks:
        """Set or clear a document's mark (starred, read); the document's marks after. With
        own_only, a mark another person set stays."""
        if mark not in MARKS:
            raise BadNote(f"a document's mark is one of: {', '.join(MARKS)}")
        doc_id = self.documents.resolve_id(doc_id)
        with self.db:
            if on:
                self.db.execute(
                    "INSERT INTO marks (doc_id, mark, author, set_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (doc_id, mark, author, now()),
                )
            else:
                whose, params = ("author = ?", [author]) if own_only else ("true", [])
                self.db.execute(
                    f"DELETE FROM marks WHERE doc_id = ? AND mark = ? AND {whose}",
                    [doc_id, mark, *params],
                )
        return self.marks_of(doc_id)

    def marks_of(self, doc_id: str) -> DocumentMarks:
        """Whether a document is starred and read."""
        set_marks = {
            row[0] for row in self.db.execute("SELECT mark FROM marks WHERE doc_id = ?", (doc_id,))
        }
        return DocumentMarks(
            doc_id=doc_id, starred="starred" in set_marks, read="read" in set_marks
        )

    def marks(self) -> list[dict[str, Any]]:
        """Every mark set, by document."""
        return self._dict_rows(
            "SELECT doc_id, mark, author, set_at FROM marks ORDER BY doc_id, mark"
        )

    def marked(self, mark: str) -> list[str]:
        """The documents that carry a mark, the latest marked first."""
        rows = self.db.execute(
            "SELECT doc_id FROM marks WHERE mark = ? ORDER BY set_at DESC, doc_id", (mark,)
        )
        return [row[0] for row in rows]
