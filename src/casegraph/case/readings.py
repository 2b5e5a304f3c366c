"""Readings: what the extraction stages read on each page (mentions, events, claims and
their roles), which pages each stage has done with which extractor, and where it failed.
Writes the tables mentions, events, claims, roles, claim_events, page_stages and
stage_failures page by page."""

from __future__ import annotations

from typing import Any

from ..records import (
    Claim,
    Event,
    PageReading,
    Role,
)
from .repository import Repository
from .sql import EXTRA_ORDINAL, LAST_PAGE_ID, PAGE_BITS, SET_META, STAGE_TODO, now, upsert

# the pages a stage has not done among those whose ids lie in a range (parameters: stage,
# extractor, first id, last id), found from their ids alone (an index of pages holds them):
# only their text is read, not every page's, so a case with nothing to do answers fast
_NOT_DONE = (
    "FROM pages p WHERE p.id IN (SELECT q.id FROM pages q WHERE NOT EXISTS"
    " (SELECT 1 FROM page_stages s WHERE s.page_id = q.id AND s.stage = ? AND s.extractor = ?)"
    " AND q.id >= ? AND q.id <= ?) AND p.needs_ocr = 0 AND length(trim(p.text)) > 0"
)


class ReadingRepository(Repository):
    """What the extraction stages read, page by page."""

    def todo_after(
        self, stage: str, extractor: str, after: int, limit: int, through: int = LAST_PAGE_ID
    ) -> list[tuple[int, str, int, str]]:
        """Up to ``limit`` of the pages this stage has not done whose ids follow ``after``
        (and are ``through`` at most)."""
        return self._tuples(
            f"SELECT p.id, p.doc_id, p.number, p.text {STAGE_TODO} AND p.id > ? AND p.id <= ?"
            " ORDER BY p.id LIMIT ?",
            (stage, extractor, after, through, limit),
        )

    def todo_lengths(self, stage: str, extractor: str) -> list[tuple[int, int]]:
        """The ids of the pages this stage has not done, in order, with their characters."""
        rows = self.db.execute(
            f"SELECT p.id, length(p.text) {_NOT_DONE} ORDER BY p.id",
            (stage, extractor, 0, LAST_PAGE_ID),
        )
        return [(row[0], row[1]) for row in rows]

    def todo_size(
        self, stage: str, extractor: str, within: tuple[int, int] = (0, LAST_PAGE_ID)
    ) -> tuple[int, int]:
        """How many pages this stage has not done (of those whose ids lie ``within``), and
        how many characters they hold."""
        pages, chars = self.db.execute(
            f"SELECT count(*), coalesce(sum(length(p.text)), 0) {_NOT_DONE}",
            (stage, extractor, *within),
        ).fetchone()
        return pages, chars

    def done_count(self, stage: str) -> int:
        """How many pages a stage has done (or failed on and set aside), with any version."""
        return self._count_of("SELECT count(*) FROM page_stages WHERE stage = ?", (stage,))

    def last_run(self, name: str) -> str | None:
        """What a case-wide step recorded when it last finished (see ``save_last_run``)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (f"run:{name}",)).fetchone()
        return None if row is None else str(row[0])

    def save_last_run(self, name: str, value: str) -> None:
        """Record what a case-wide step saw and found when it finished, for the next run to
        tell whether anything changed (in the caller's transaction)."""
        self.db.execute(SET_META, (f"run:{name}", value))

    def save(
        self,
        page_id: int,
        reading: PageReading,
        stage: str,
        extractor: str,
    ) -> None:
        """Replace a page's mentions, events and claims with a new reading; mark it done."""
        self.clear_page(page_id)
        self.db.executemany(
            "INSERT INTO mentions (page_id, doc_id, page, start, end, text, type, label,"
            " recognizer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (page_id, m.doc_id, m.page, m.start, m.end, m.text, m.type, m.label, m.recognizer)
                for m in reading.mentions
            ],
        )
        self._save_events(page_id, reading.events)
        self._save_claims(page_id, reading.claims)
        self._mark_done(page_id, stage, extractor)
        self.db.execute(
            "DELETE FROM stage_failures WHERE stage = ? AND doc_id = ? AND page = ?",
            (stage, reading.doc_id, reading.page),
        )

    def save_failure(self, stage: str, doc_id: str, page: int, extractor: str, detail: str) -> None:
        """Record that a stage failed on a page (page 0: the whole document) and went on."""
        self.db.execute(
            upsert(
                "stage_failures",
                "stage, doc_id, page, extractor, detail, failed_at",
                key="stage, doc_id, page",
            ),
            (stage, doc_id, page, extractor, detail[:500], now()),
        )
        if page:  # done with this extractor: the next run with it does not try again
            (seq,) = self.db.execute(
                "SELECT seq FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            self._mark_done(seq << PAGE_BITS | page, stage, extractor)

    def _mark_done(self, page_id: int, stage: str, extractor: str) -> None:
        self.db.execute(
            upsert("page_stages", "page_id, stage, extractor, done_at", key="page_id, stage"),
            (page_id, stage, extractor, now()),
        )

    def clear_page(self, page_id: int) -> None:
        """Forget what was read on a page: its mentions, events, claims and their parts."""
        self.db.execute(
            "DELETE FROM claim_events WHERE claim_id IN (SELECT id FROM claims WHERE page_id = ?)"
            " OR event_id IN (SELECT id FROM events WHERE page_id = ?)",
            (page_id, page_id),
        )
        for table in ("mentions", "events", "claims", "roles"):
            self.db.execute(f"DELETE FROM {table} WHERE page_id = ?", (page_id,))

    def _save_events(self, page_id: int, events: list[Event]) -> None:
        self.db.executemany(
            "INSERT INTO events (id, page_id, doc_id, page, start, end, trigger_start,"
            " trigger_end, category, mode, quad, intensity, negated, hypothetical, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (
                    e.id,
                    page_id,
                    e.doc_id,
                    e.page,
                    e.start,
                    e.end,
                    e.trigger_start,
                    e.trigger_end,
                    e.category,
                    e.mode,
                    e.quad,
                    e.intensity,
                    e.negated,
                    e.hypothetical,
                    e.extractor,
                )
                for e in events
            ],
        )
        self._save_roles(page_id, [(e.id, e.roles) for e in events])

    def _save_claims(self, page_id: int, claims: list[Claim]) -> None:
        self.db.executemany(
            "INSERT INTO claims (id, page_id, doc_id, page, start, end, kind, hedged, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (c.id, page_id, c.doc_id, c.page, c.start, c.end, c.kind, c.hedged, c.extractor)
                for c in claims
            ],
        )
        self._save_roles(
            page_id,
            [(c.id, [c.cue, c.content] + ([c.speaker] if c.speaker else [])) for c in claims],
        )

    def _save_roles(self, page_id: int, owners: list[tuple[str, list[Role]]]) -> None:
        rows = []
        for owner_id, roles in owners:
            counts: dict[str, int] = {}
            for role in roles:
                ordinal = counts[role.role] = counts.get(role.role, -1) + 1
                rows.append(
                    (owner_id, page_id, role.role, ordinal, role.start, role.end, role.text)
                )
        self.db.executemany(
            "INSERT INTO roles (owner_id, page_id, role, ordinal, start, end, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )

    def documents_with_readings(self) -> list[str]:
        """Ids of the documents that hold events or claims, in order."""
        rows = self.db.execute("SELECT doc_id FROM events UNION SELECT doc_id FROM claims")
        return [doc_id for (doc_id,) in rows]

    def rows_for_linking(self, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """What linking needs of some documents: events, claims, roles, mentions, documents."""
        marks = ", ".join("?" * len(doc_ids))
        on_pages = f"JOIN pages p ON p.id = x.page_id WHERE p.doc_id IN ({marks})"
        queries = {
            "events": "SELECT x.id, x.doc_id, x.page, x.start, x.end, x.trigger_start,"
            f" x.trigger_end, x.date_from FROM events x {on_pages} ORDER BY x.rowid",
            "claims": "SELECT x.id, x.doc_id, x.page, x.start, x.end, x.kind"
            f" FROM claims x {on_pages} ORDER BY x.rowid",
            # extra entities of joint references are made anew by linking
            "roles": "SELECT x.owner_id, x.role, x.ordinal, x.start, x.end, x.text, p.doc_id,"
            f" p.number AS page FROM roles x {on_pages} AND x.role != 'reported_by'"
            f" AND x.ordinal < {EXTRA_ORDINAL} ORDER BY x.rowid",
            "mentions": "SELECT m.doc_id, m.page, m.start, m.end, m.text, m.type, m.entity_id,"
            " e.name, e.kind FROM mentions m JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.doc_id IN ({marks}) ORDER BY m.id",
            "documents": "SELECT doc_id, doc_date, metadata FROM documents"
            f" WHERE doc_id IN ({marks}) ORDER BY doc_id",
        }
        return {name: self._dict_rows(sql, doc_ids) for name, sql in queries.items()}

    def counts(self) -> dict[str, int]:
        """How many events and claims the case holds."""
        return {
            "events": self._count("SELECT count(*) FROM events"),
            "claims": self._count("SELECT count(*) FROM claims"),
        }
