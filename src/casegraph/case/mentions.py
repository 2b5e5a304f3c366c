"""Mentions: the names recognised on pages, the name keys a resolution groups them by, and
the passages they stand on. Reads and writes the table mentions (and temporary tables of
name keys)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from ..listings import Passage
from ..records import (
    Mention,
)
from .repository import Repository


class MentionRepository(Repository):
    """The names recognised on the pages."""

    def first_of_each_entity(self) -> list[dict[str, Any]]:
        """The first mention of each entity and how many it has ("count"), in case order."""
        return self._first("m.entity_id", "true")

    def first_of_each_actor_name(self) -> list[dict[str, Any]]:
        """The first person or organisation mention of each entity name, in case order."""
        return self._first("e.name", "m.type IN ('person', 'organization')")

    def _first(self, group: str, where: str) -> list[dict[str, Any]]:
        """The first mention of each group (with the group's "count"), in case order: by
        document id, page and place, which every backend and every order of work agrees on
        (not by when it was found or stored: jobs on a server read pages side by side)."""
        in_order = "m.doc_id, m.page, m.start, m.end, m.type, m.text"
        return self._dict_rows(
            "SELECT count, page, start, end, text, type, entity_id, name, kind FROM"
            f" (SELECT count(*) OVER (PARTITION BY {group}) AS count,"
            f" row_number() OVER (PARTITION BY {group} ORDER BY {in_order}) AS place,"
            " m.doc_id, m.page, m.start, m.end, m.text, m.type, m.entity_id, e.name, e.kind"
            f" FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE {where}) AS firsts"
            " WHERE place = 1 ORDER BY doc_id, page, start, end, type, text"
        )

    def resolved_spans(self) -> Iterator[tuple[str, int, int, int, str, str]]:
        """(doc id, page, start, end, entity type, entity id) of every resolved mention but
        nationalities (NORP)."""
        rows = self.db.execute(
            "SELECT m.doc_id, m.page, m.start, m.end, e.type, e.id FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.label != 'NORP'"
        )
        yield from map(tuple, rows)

    def pages_naming_several(self) -> Iterator[tuple[str, int, str, list[tuple[int, int, str]]]]:
        """(doc id, page, text, [(start, end, entity id)]) of pages naming two or more entities."""
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for page_id, start, end, entity_id in self.db.execute(
            "SELECT page_id, start, end, entity_id FROM mentions WHERE entity_id IS NOT NULL"
        ):
            spans.setdefault(page_id, []).append((start, end, entity_id))
        for page_id, found in spans.items():
            if len({entity for *_, entity in found}) < 2:
                continue
            doc_id, number, text = self.db.execute(
                "SELECT doc_id, number, text FROM pages WHERE id = ?", (page_id,)
            ).fetchone()
            yield doc_id, number, text, found

    def first_ids_by_document(self) -> Iterator[tuple[str, dict[str, int]]]:
        """(doc id, entity id -> the id of its first mention there) one document at a time."""
        rows = self.db.execute(
            "SELECT doc_id, entity_id, id FROM mentions WHERE entity_id IS NOT NULL"
            " ORDER BY doc_id, page, start"
        )
        for doc_id, mentions in itertools.groupby(rows, key=lambda row: row[0]):
            first: dict[str, int] = {}
            for _, entity_id, mention_id in mentions:
                first.setdefault(entity_id, mention_id)
            yield doc_id, first

    def passages(self, mention_ids: Iterable[int]) -> dict[int, Passage]:
        """Mention id -> its passage {"doc_id", "page", "start", "end", "text"}, for these."""
        rows = self.db.execute(
            "SELECT id, doc_id, page, start, end, text FROM mentions"
            f" WHERE id IN {self._wanted_numbers(mention_ids)}"
        )
        return {
            mention_id: Passage(doc_id=doc_id, page=page, start=start, end=end, text=text)
            for mention_id, doc_id, page, start, end, text in rows
        }

    def header_people(self) -> Iterator[tuple[int, str, int, int, str, str]]:
        """(page id, doc id, page, start, entity id, page text) of every resolved person an
        e-mail's header names, in page order."""
        rows = self.db.execute(
            "SELECT m.page_id, m.doc_id, m.page, m.start, m.entity_id, p.text FROM mentions m"
            " JOIN pages p ON p.id = m.page_id WHERE m.recognizer = 'email-header'"
            " AND m.type = 'person' AND m.entity_id IS NOT NULL ORDER BY m.page_id, m.start"
        )
        yield from map(tuple, rows)

    def resolved(self) -> Iterator[dict[str, Any]]:
        """Every mention resolved to an entity, in document order."""
        rows = self.db.execute(
            "SELECT doc_id, page, start, end, text, entity_id FROM mentions"
            " WHERE entity_id IS NOT NULL ORDER BY page_id, start"
        )
        for doc_id, page, start, end, text, entity_id in rows:
            yield {
                "doc_id": doc_id,
                "page": page,
                "start": start,
                "end": end,
                "text": text,
                "entity_id": entity_id,
            }

    def names_besides(self, besides: str) -> list[tuple[str, str, int]]:
        """(text, type, how many) of the mentions not made by the given recogniser."""
        return self._tuples(
            "SELECT text, type, count(*) FROM mentions WHERE recognizer != ? GROUP BY text, type",
            (besides,),
        )

    def spans_besides(
        self, besides: str, first_page: int, last_page: int
    ) -> dict[int, list[tuple[int, int]]]:
        """Page id -> (start, end) of mentions on pages first..last not made by the recogniser."""
        spans: dict[int, list[tuple[int, int]]] = {}
        rows = self.db.execute(
            "SELECT page_id, start, end FROM mentions"
            " WHERE page_id BETWEEN ? AND ? AND recognizer != ?",
            (first_page, last_page, besides),
        )
        for page_id, start, end in rows:
            spans.setdefault(page_id, []).append((start, end))
        return spans

    def on_page(self, doc_id: str, page: int) -> list[dict[str, Any]]:
        """A page's mentions resolved to entities, in the order they stand on it: each with
        its span and text, its entity's id, name and type."""
        return self._dict_rows(
            "SELECT m.start, m.end, m.text, e.id AS entity_id, e.name, e.type FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? AND m.page = ?"
            " ORDER BY m.start, m.end",
            (doc_id, page),
        )

    def delete_by(self, recognizer: str) -> None:
        """Delete every mention a recogniser made (in the caller's transaction)."""
        self.db.execute("DELETE FROM mentions WHERE recognizer = ?", (recognizer,))

    def add(self, found: Iterable[tuple[int, Mention]]) -> None:
        """Insert mentions given as (page id, mention) (in the caller's transaction)."""
        self.db.executemany(
            "INSERT INTO mentions (page_id, doc_id, page, start, end, text, type, label,"
            " recognizer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                (pid, m.doc_id, m.page, m.start, m.end, m.text, m.type, m.label, m.recognizer)
                for pid, m in found
            ),
        )

    def each_document_groups(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        """Each document's id with the (text, type) its mentions are written and typed as.

        The read stays open while the caller writes name keys (a temporary table).
        """
        rows = self.db.execute("SELECT DISTINCT doc_id, text, type FROM mentions ORDER BY doc_id")
        for doc_id, group in itertools.groupby(rows, key=lambda row: row[0]):
            yield doc_id, [(text, kind) for _, text, kind in group]

    def start_name_keys(self) -> None:
        """An empty table of name keys for a resolution, kept by this connection until saved."""
        self.db.execute("DROP TABLE IF EXISTS temp.name_keys")
        self.db.execute(
            "CREATE TEMP TABLE name_keys (doc_id TEXT, text TEXT, type TEXT, key_type TEXT,"
            " key TEXT, PRIMARY KEY (doc_id, text, type)) WITHOUT ROWID"
        )

    def add_name_keys(self, doc_id: str, keyed: Iterable[tuple[str, str, str, str]]) -> None:
        """Record the keys of a document's names: (text, type, key type, key)."""
        self.db.executemany(
            "INSERT INTO temp.name_keys VALUES (?, ?, ?, ?, ?)",
            ((doc_id, *row) for row in keyed),
        )

    def keyed_names(self) -> list[tuple[str, str, str, str, int]]:
        """(key type, key, text, type, how many) over the case, in order of first mention."""
        return self._tuples(
            "SELECT k.key_type, k.key, m.text, m.type, count(*) FROM mentions m"
            " JOIN temp.name_keys k ON k.doc_id = m.doc_id AND k.text = m.text"
            " AND k.type = m.type GROUP BY k.key_type, k.key, m.text, m.type ORDER BY min(m.id)"
        )
