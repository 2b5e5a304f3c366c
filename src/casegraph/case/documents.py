"""Documents: the files and members of a case, the paths they were found at, and what
could not be stored. Reads and writes the tables documents, paths, input_failures,
document_authors and document_text_dates, and replaces a document's pages when it is
extracted."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import UnknownDocument
from ..listings import (
    ContainerLink,
    DocumentDetail,
    DocumentListing,
    FailureListing,
    PageDetail,
)
from ..records import (
    ChildRef,
    DocState,
    Extraction,
    FailureReason,
    Job,
)
from .database import Row
from .index import queue_document, queue_pages
from .repository import Repository
from .sql import (
    HEX_ID,
    PAGE_BITS,
    disk_path,
    display_path,
    doc_id_for,
    mime_clause,
    now,
    page_clause,
    stored_path,
    upsert,
)

THREAD_MOST = 200  # the e-mails of one conversation a viewer lists
# A container's members are named under every path it was found at, so that what is stored
# does not hang on the order files come in (e-mail attachments under both copies of the
# e-mail). Copies inside copies multiply those paths, so a small hostile file could write
# more of them than a case holds: a container's members are named under at most
# NAMED_COPIES of its paths, and fewer where they would pass NAMED_PATHS paths in all (a
# bound on what one document adds, like those of ingest/context.py on what a file yields,
# but kept here, where the paths are written). Past it, which copies name members hangs on
# the order they came in.
NAMED_COPIES = 1_000
NAMED_PATHS = 1_000_000


class DocumentRepository(Repository):
    """The documents of a case."""

    def known_sources(self, among: list[Path] | None = None) -> dict[str, tuple[int, int]]:
        """Input files already recorded (all, or those among these): source path ->
        (size, mtime_ns)."""
        only = "true"
        if among is not None:
            only = f"source_path IN {self._wanted(stored_path(p) for p in among)}"
        rows = self.db.execute(
            "SELECT source_path, source_size, source_mtime_ns FROM paths"
            f" WHERE source_path IS NOT NULL AND {only}"
        )
        known = {disk_path(path): (size, mtime) for path, size, mtime in rows}
        failed = self.db.execute(
            f"SELECT source_path, source_size, source_mtime_ns FROM input_failures WHERE {only}"
        )
        known.update({disk_path(path): (size, mtime) for path, size, mtime in failed})
        return known

    def id_for_sha(self, sha256: str) -> str | None:
        """The id of the document with these bytes, if any."""
        row = self.db.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_source(
        self, sha256: str, size: int, path: str, source: Path, mtime_ns: int
    ) -> tuple[str, bool, bool]:
        """Record an input file's bytes at a path; returns (doc_id, new document, new path)."""
        path = display_path(path)
        doc_id = doc_id_for(sha256)
        new_doc = self._insert(sha256, size, Path(path).name, None, doc_id, 0)
        source_at = (stored_path(source), size, mtime_ns)
        new_path = self._add_path(path, doc_id, source_at)
        if not new_path:
            self.db.execute(
                "UPDATE paths SET source_path = ?, source_size = ?, source_mtime_ns = ?"
                " WHERE path = ? AND doc_id = ?",
                (*source_at, path, doc_id),
            )
        self.db.execute("DELETE FROM input_failures WHERE source_path = ?", (stored_path(source),))
        if new_path and not new_doc:  # its pages are found by path: at this one too
            queue_document(self.db, doc_id)
            self._name_copies(self._members_under(doc_id, path))
        return doc_id, new_doc, new_path

    def sha_of(self, doc_id: str) -> str:
        """A document's SHA-256."""
        sha: str = self.db.execute(
            "SELECT sha256 FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        return sha

    def failure_reason_of(self, doc_id: str) -> str | None:
        """Why a document failed, or None."""
        reason: str | None = self.db.execute(
            "SELECT failure_reason FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        return reason

    def state_of(self, doc_id: str) -> str:
        """A document's state."""
        state: str = self.db.execute(
            "SELECT state FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        return state

    def add_input_failure(
        self, source: Path, path: str, stat: tuple[int, int], reason: FailureReason, detail: str
    ) -> None:
        """Record an input file that could not be stored at all; stat is (size, mtime_ns)."""
        self.db.execute(
            upsert(
                "input_failures",
                "source_path, path, source_size, source_mtime_ns, reason, detail, seen_at",
                key="source_path",
            ),
            (stored_path(source), display_path(path), *stat, reason.value, detail, now()),
        )

    def _insert(
        self, sha256: str, size: int, name: str, parent_id: str | None, root_id: str, depth: int
    ) -> bool:
        """Add the document of these bytes; False where it is known (another worker of a
        server case may have added it a moment ago)."""
        doc_id = doc_id_for(sha256)
        stamp = now()
        added = self.db.execute(
            "INSERT INTO documents (doc_id, sha256, size, name, parent_id, root_id, depth,"
            " state, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (doc_id, sha256, size, name, parent_id, root_id, depth, DocState.PENDING, stamp, stamp),
        )
        return added.rowcount == 1

    def first_path(self, doc_id: str) -> str:
        """The first of the paths a document was seen at, in sorted order."""
        row = self.db.execute(
            "SELECT path FROM paths WHERE doc_id = ? ORDER BY path LIMIT 1", (doc_id,)
        ).fetchone()
        return row[0] if row else doc_id

    def first_paths(self, doc_ids: list[str]) -> dict[str, str]:
        """The first path of each of these documents, as first_path gives it."""
        marks = ", ".join("?" * len(doc_ids))
        rows = self.db.execute(
            f"SELECT doc_id, min(path) FROM paths WHERE doc_id IN ({marks}) GROUP BY doc_id",
            doc_ids,
        )
        return {doc_id: path for doc_id, path in rows}

    def add_children(
        self, parent_id: str, depth: int, children: list[ChildRef]
    ) -> tuple[list[Job], int]:
        """Record a container's members, under each of its paths; returns (jobs for new
        documents, duplicates)."""
        if not children:
            return [], 0
        self._lock(parent_id)
        own = self._paths_up_to(parent_id, _most_copies(len(children)))
        bases = sorted(path for path in own if not _inside(path, own))
        (root_id,) = self.db.execute(
            "SELECT root_id FROM documents WHERE doc_id = ?", (parent_id,)
        ).fetchone()
        added: list[Job] = []
        duplicates = 0
        for child in children:
            doc_id = doc_id_for(child.sha256)
            shown = display_path(child.name)
            name = shown.rsplit("/", 1)[-1] or shown
            known = not self._insert(child.sha256, child.size, name, parent_id, root_id, depth + 1)
            found = [(f"{base}!/{shown}", doc_id, parent_id) for base in bases]
            if known:
                duplicates += 1
                self._name_copies(found)
            else:
                added.append(Job(doc_id, child.sha256, child.name, depth + 1))
                for row in found:
                    self._add_member_path(*row)
        return added, duplicates

    def _add_member_path(self, path: str, doc_id: str, container_id: str) -> bool:
        """Record a member at a path; whether the path is new to it."""
        return self._add_path(path, doc_id, (None, None, None), container_id)

    def _add_path(
        self,
        path: str,
        doc_id: str,
        source_at: tuple[str | bytes | None, int | None, int | None],
        container_id: str | None = None,
    ) -> bool:
        """Record a document at a path, from an input file (its stored path, size and
        mtime) or inside a container; whether the path is new to it."""
        seen = self.db.execute(
            "INSERT INTO paths (path, doc_id, container_id, source_path, source_size,"
            " source_mtime_ns, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (path, doc_id, container_id, *source_at, now()),
        )
        return bool(seen.rowcount)

    def _name_copies(self, found: list[tuple[str, str, str]]) -> None:
        """Record documents known before at member paths (path, doc id, container id): one
        at a new path is indexed again, and its own members are named under that path, and
        theirs in turn."""
        while found:
            path, doc_id, container_id = found.pop()
            if self._add_member_path(path, doc_id, container_id):
                queue_document(self.db, doc_id)
                found += self._members_under(doc_id, path)

    def _members_under(self, doc_id: str, path: str) -> list[tuple[str, str, str]]:
        """The member paths (path, doc id, container id) of a document under a new path of
        it: none where it holds no members, lies inside itself there, or is past its
        bound."""
        self._lock(doc_id)
        members = self._members(doc_id)
        if (
            not members
            or self._has_more_paths(doc_id, _most_copies(len(members)))
            or self._found_at(doc_id, _outer(path))
        ):
            return []
        return [(f"{path}!/{name}", member, doc_id) for name, member in members]

    def _members(self, doc_id: str) -> list[tuple[str, str]]:
        """(name, doc id) of each member of a container, read from their paths under the
        container path of one of them."""
        row = self.db.execute(
            "SELECT path FROM paths WHERE container_id = ? LIMIT 1", (doc_id,)
        ).fetchone()
        if row is None:
            return []
        base = max(self._found_at(doc_id, _outer(row[0])), key=len)
        start = f"{base}!/"
        rows = self._tuples(
            "SELECT path, doc_id FROM paths WHERE container_id = ?"
            " AND path COLLATE BINARY >= ? AND path COLLATE BINARY < ?",
            (doc_id, start, f"{base}!0"),  # "0" follows "/": the paths that start so
        )
        return [(path[len(start) :], member) for path, member in rows]

    def _found_at(self, doc_id: str, paths: list[str]) -> list[str]:
        """Those of these paths that a document was found at."""
        if not paths:
            return []
        marks = ", ".join("?" * len(paths))
        rows = self.db.execute(
            f"SELECT path FROM paths WHERE doc_id = ? AND path IN ({marks})", (doc_id, *paths)
        )
        return [row[0] for row in rows]

    def _has_more_paths(self, doc_id: str, most: int) -> bool:
        """Whether a document was found at more than this many paths."""
        (count,) = self.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM paths WHERE doc_id = ? LIMIT ?) AS found",
            (doc_id, most + 1),
        ).fetchone()
        return int(count) > most

    def _paths_up_to(self, doc_id: str, most: int) -> set[str]:
        """A document's paths, this many at most (any of them, where it has more)."""
        rows = self.db.execute("SELECT path FROM paths WHERE doc_id = ? LIMIT ?", (doc_id, most))
        return {row[0] for row in rows}

    def _lock(self, doc_id: str) -> None:
        """Hold a container's row until the transaction ends: of two server workers that
        add its members and a new path of it, the second waits and then reads what the
        first wrote (SQLite's transactions already write one at a time)."""
        if not self.on_server:
            return
        if not self.db.in_transaction:  # a lock outside one would end with its statement
            self.db.execute("BEGIN")
        # NO KEY: rows that only refer to the container (its paths, new members) need not wait
        self.db.execute("SELECT 1 FROM documents WHERE doc_id = ? FOR NO KEY UPDATE", (doc_id,))

    def save_extraction(self, doc_id: str, extraction: Extraction, doc_date: str | None) -> None:
        """Store what was extracted from a document, with its pages and their index."""
        needs_ocr = any(p.needs_ocr for p in extraction.pages)
        state = DocState.NEEDS_OCR if needs_ocr else DocState.DONE
        ((seq,),) = self.db.execute(
            "UPDATE documents SET mime = ?, title = ?, language = ?, state = ?, metadata = ?,"
            " doc_date = ?, page_count = ?, char_count = ?, extractor = ?, failure_reason = NULL,"
            " failure_detail = NULL, updated_at = ? WHERE doc_id = ? RETURNING seq",
            (
                extraction.mime,
                extraction.title,
                extraction.language,
                state,
                json.dumps(extraction.metadata, ensure_ascii=False, default=str),
                doc_date,
                len(extraction.pages),
                extraction.text_chars,
                extraction.extractor,
                now(),
                doc_id,
            ),
        ).fetchall()
        old = self.db.execute("DELETE FROM pages WHERE doc_id = ? RETURNING id", (doc_id,))
        old_ids = {row[0] for row in old.fetchall()}
        rows = [
            (seq << PAGE_BITS | page.number, doc_id, page.number, page.text, int(page.needs_ocr))
            for page in extraction.pages
        ]
        self.db.executemany(
            "INSERT INTO pages (id, doc_id, number, text, needs_ocr) VALUES (?, ?, ?, ?, ?)", rows
        )
        # its old pages leave the index, its new ones enter it
        queue_pages(self.db, sorted(old_ids | {row[0] for row in rows}))

    def save_failure(
        self, doc_id: str, reason: FailureReason, detail: str, mime: str | None = None
    ) -> None:
        """Mark a document as failed, with a typed reason."""
        self.db.execute(
            "UPDATE documents SET state = ?, failure_reason = ?, failure_detail = ?,"
            " mime = COALESCE(?, mime), updated_at = ? WHERE doc_id = ?",
            (DocState.FAILED, reason.value, detail[:500], mime, now(), doc_id),
        )

    def pending(self, under: list[Path] | None = None) -> list[Job]:
        """Documents stored but not yet extracted: all, or those inside these input files."""
        inside = ""
        if under is not None:
            sources = self._wanted(stored_path(source) for source in under)
            inside = f" AND root_id IN (SELECT doc_id FROM paths WHERE source_path IN {sources})"
        rows = self.db.execute(
            "SELECT doc_id, sha256, name, depth FROM documents WHERE state = ?"
            f"{inside} ORDER BY seq",
            (DocState.PENDING,),
        )
        return [Job(*row) for row in rows]

    def requeue_failures(self) -> list[tuple[str, str]]:
        """Put failed documents back in the queue; returns (source, path) of failed inputs."""
        with self.db:
            self.db.execute(
                "UPDATE documents SET state = ?, failure_reason = NULL, failure_detail = NULL"
                " WHERE state = ?",
                (DocState.PENDING, DocState.FAILED),
            )
            rows = self.db.execute("SELECT source_path, path FROM input_failures")
            return [(disk_path(source), path) for source, path in rows]

    def all_paths(self) -> list[tuple[str, str]]:
        """(path, doc id) for every path a document was found at."""
        return self._tuples("SELECT path, doc_id FROM paths")

    def authors(self) -> dict[str, dict[str, Any]]:
        """Doc id -> {"id", "name", "kind"} of who the document speaks for."""
        rows = self.db.execute(
            "SELECT a.doc_id, a.entity_id, coalesce(e.name, a.name), e.kind"
            " FROM document_authors a LEFT JOIN entities e ON e.id = a.entity_id"
        )
        return {d: {"id": i, "name": n, "kind": k} for d, i, n, k in rows}

    def each_text(self) -> Iterator[tuple[str, str]]:
        """(doc id, its pages joined) one document at a time, in the order they were added."""
        current = ""
        pages: list[str] = []
        # a page's id starts with its document's: a document's pages come one after another
        for doc_id, text in self.db.execute(
            "SELECT doc_id, text FROM pages WHERE length(text) > 0 ORDER BY id"
        ):
            if doc_id != current and pages:
                yield current, "\n".join(pages)
                pages = []
            current = doc_id
            pages.append(text)
        if pages:
            yield current, "\n".join(pages)

    def each_label(self, doc_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """{"doc_id", "title", "mime", "parent_id", "path" (the first)} of all documents or
        these, as added."""
        where = f" WHERE d.doc_id IN {self._wanted(doc_ids)}" if doc_ids is not None else ""
        rows = self.db.execute(
            "SELECT d.doc_id, d.title, d.mime, d.parent_id,"
            " (SELECT min(path) FROM paths WHERE doc_id = d.doc_id) AS path"
            f" FROM documents d{where} ORDER BY d.seq"
        )
        # the ids asked for are read at once: the next question refills their table
        return map(dict, rows if doc_ids is None else rows.fetchall())

    def openings(self, chars: int, undated_only: bool = False) -> Iterator[tuple[str, str]]:
        """(doc id, the first characters of its first page with text), for every document (or
        only those that store no date)."""
        undated = (
            " AND doc_id IN (SELECT doc_id FROM documents WHERE doc_date IS NULL)"
            if undated_only
            else ""
        )
        rows = self.db.execute(
            "SELECT p.doc_id, substr(p.text, 1, ?) FROM pages p JOIN (SELECT doc_id,"
            " min(number) AS number FROM pages"
            f" WHERE length(trim(text)) > 0{undated} GROUP BY doc_id) earliest"
            " ON earliest.doc_id = p.doc_id AND earliest.number = p.number ORDER BY p.doc_id",
            (chars,),
        )
        for row in rows:
            yield row[0], row[1]

    def dates(self) -> dict[str, str | None]:
        """Each document's date as stored (ISO), else the one its opening lines give, or None."""
        return dict(
            self.db.execute(
                "SELECT d.doc_id, coalesce(d.doc_date, t.date) FROM documents d"
                " LEFT JOIN document_text_dates t ON t.doc_id = d.doc_id"
            )
        )

    def save_text_dates(self, dates: dict[str, str]) -> None:
        """Store the dates read from documents' opening lines, replacing those read before
        (in the caller's transaction, with the links that use them)."""
        self.db.execute("DELETE FROM document_text_dates")
        self.db.executemany("INSERT INTO document_text_dates VALUES (?, ?)", dates.items())

    def labels(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Doc id -> {"title", "path"} (its first path, sorted) for the given documents."""
        return {
            doc["doc_id"]: {"title": doc["title"], "path": doc["path"]}
            for doc in self.each_label(doc_ids)
        }

    def paths_of(self, doc_id: str) -> list[str]:
        """Every path a document was seen at, sorted."""
        rows = self.db.execute("SELECT path FROM paths WHERE doc_id = ? ORDER BY path", (doc_id,))
        return [row[0] for row in rows]

    def select(
        self,
        type_name: str | None = None,
        failed: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentListing]:
        """Documents, one dict each, in the order they were added; a page of them with
        ``limit`` and ``offset``."""
        where, params = ["1 = 1"], []
        if type_name:
            clause, extra = mime_clause(type_name)
            where.append(clause)
            params += extra
        if failed:
            where.append("d.state = 'failed'")
        paging, page_params = page_clause(limit, offset)
        sql = (
            "SELECT doc_id, mime, page_count, char_count, parent_id, state, failure_reason,"
            f" title FROM documents d WHERE {' AND '.join(where)} ORDER BY d.seq{paging}"
        )
        result: list[DocumentListing] = []
        for row in self.db.execute(sql, [*params, *page_params]).fetchall():
            paths = self.paths_of(row["doc_id"])
            result.append(
                {
                    "doc_id": row["doc_id"],
                    "path": paths[0] if paths else None,
                    "paths": paths,
                    "mime": row["mime"],
                    "pages": row["page_count"],
                    "chars": row["char_count"],
                    "parent_id": row["parent_id"],
                    "state": row["state"],
                    "failure_reason": row["failure_reason"],
                    "title": row["title"],
                }
            )
        return result

    def resolve_id(self, given: str) -> str:
        """A full document id from an id or a unique prefix of at least 6 characters."""
        given = given.strip().lower()
        if len(given) >= 6 and HEX_ID.fullmatch(given):
            # a range, not LIKE: PostgreSQL's index serves LIKE only under the "C" collation
            rows = self.db.execute(
                "SELECT doc_id FROM documents WHERE doc_id >= ? AND doc_id < ? LIMIT 2",
                (given, given + "g"),  # "g" sorts after every hex digit (C, libc, ICU's root)
            ).fetchall()
            if len(rows) == 1:
                found: str = rows[0][0]
                return found
            if len(rows) > 1:
                raise UnknownDocument(f"{given!r} matches more than one document; give more of it")
        raise UnknownDocument(f"no document with id {given!r} (see: casegraph ls)")

    def get(self, doc_id: str, pages: bool = True) -> DocumentDetail:
        """A document with its metadata, provenance chain and pages (none with ``pages``
        false: a viewer reads the page it shows, not a thousand others)."""
        doc_id = self.resolve_id(doc_id)
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        rows = (
            self.db.execute(
                f"SELECT {PAGE_COLUMNS} FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,)
            ).fetchall()
            if pages
            else []
        )
        return {
            "doc_id": doc_id,
            "sha256": row["sha256"],
            "size": row["size"],
            "mime": row["mime"],
            "title": row["title"],
            "language": row["language"],
            "parent_id": row["parent_id"],
            "root_id": row["root_id"],
            "depth": row["depth"],
            "state": row["state"],
            "failure": (
                {"reason": row["failure_reason"], "detail": row["failure_detail"]}
                if row["failure_reason"]
                else None
            ),
            "date": row["doc_date"],
            "extractor": row["extractor"],
            "added_at": row["added_at"],
            "paths": self.paths_of(doc_id),
            "chain": self._chain(doc_id),
            "children": [
                r[0]
                for r in self.db.execute(
                    "SELECT doc_id FROM documents WHERE parent_id = ? ORDER BY seq", (doc_id,)
                )
            ],
            "metadata": json.loads(row["metadata"]),
            "pages": [page_detail(page) for page in rows],
        }

    def thread(self, doc_id: str) -> list[dict[str, Any]]:
        """The e-mails of a message's conversation, followed by Message-ID and In-Reply-To
        both ways (at most THREAD_MOST), oldest first: each with its sender, date and subject.
        Empty for a document that answers none and has no reply."""
        doc_id = self.resolve_id(doc_id)
        seen, todo = {doc_id}, [doc_id]
        while todo and len(seen) < THREAD_MOST:
            message_id, in_reply_to = self.db.execute(
                "SELECT json_extract(metadata, '$.message_id'),"
                " json_extract(metadata, '$.in_reply_to') FROM documents WHERE doc_id = ?",
                (todo.pop(),),
            ).fetchone()
            linked = self.db.execute(
                "SELECT doc_id FROM documents WHERE json_extract(metadata, '$.message_id') = ?"
                " UNION SELECT doc_id FROM documents"
                " WHERE json_extract(metadata, '$.in_reply_to') = ?",
                (in_reply_to, message_id),
            )
            for (other,) in linked:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        if len(seen) == 1:
            return []
        rows = self._dict_rows(
            "SELECT doc_id, title, doc_date AS date,"
            " json_extract(metadata, '$.from') AS sender FROM documents"
            f" WHERE doc_id IN {self._wanted(seen)} ORDER BY doc_date, doc_id"
        )
        return [{**row, "sender": json.loads(row["sender"] or "[]")} for row in rows]

    def _chain(self, doc_id: str) -> list[ContainerLink]:
        """The containers a document came out of, outermost first."""
        chain: list[ContainerLink] = []
        current = self.db.execute(
            "SELECT parent_id FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()[0]
        while current:
            row = self.db.execute(
                "SELECT doc_id, mime, parent_id FROM documents WHERE doc_id = ?", (current,)
            ).fetchone()
            chain.append({"doc_id": row[0], "mime": row[1], "path": self.first_path(row[0])})
            current = row[2]
        return list(reversed(chain))

    def failures(self) -> list[FailureListing]:
        """One row per path that failed, with its reason."""
        rows = self.db.execute(
            "SELECT p.path, d.failure_reason, d.failure_detail, d.doc_id FROM documents d"
            " JOIN paths p ON p.doc_id = d.doc_id WHERE d.state = 'failed'"
            " UNION ALL SELECT path, reason, detail, NULL FROM input_failures"
            " UNION ALL SELECT (SELECT min(path) FROM paths WHERE doc_id = f.doc_id)"
            " || CASE WHEN f.page > 0 THEN ' (page ' || f.page || ')' ELSE '' END,"
            f" '{FailureReason.INTERNAL_ERROR}', f.stage || ': ' || f.detail, f.doc_id"
            " FROM stage_failures f ORDER BY 1"
        )
        return [{"path": p, "reason": r, "detail": d, "doc_id": i} for p, r, d, i in rows]


def _most_copies(members: int) -> int:
    """Under how many of its paths a container's members are named at most."""
    return max(1, min(NAMED_COPIES, NAMED_PATHS // max(members, 1)))


def _outer(path: str) -> list[str]:
    """The paths of the containers a member path lies in, outermost first."""
    parts = path.split("!/")
    return ["!/".join(parts[:end]) for end in range(1, len(parts))]


def _inside(path: str, own: set[str]) -> bool:
    """Whether a document's path lies inside the document itself (found at ``own``)."""
    return not own.isdisjoint(_outer(path))


# a page's columns as `page_detail` reads them
PAGE_COLUMNS = "number, text, needs_ocr, source, confidence, review, ocr_error"


def page_detail(page: Row) -> PageDetail:
    """A page's text and where it comes from, as `show --json` prints it."""
    return {
        "number": page["number"],
        "text": page["text"],
        "source": page["source"],
        "confidence": page["confidence"],
        "needs_ocr": bool(page["needs_ocr"]),
        "review": page["review"],
        "ocr_error": page["ocr_error"],
    }
