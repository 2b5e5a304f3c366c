"""Entities: the people, organisations, places and other things the mentions resolve to,
with their aliases. Reads and writes the tables entities and entity_aliases and the
mentions' entity ids."""

from __future__ import annotations

from typing import Any

from ..errors import UnknownEntity
from ..listings import EntityDetail, EntityMention, EntitySummary, RelatedEntity
from ..records import (
    Entity,
)
from .database import Database, Row
from .documents import DocumentRepository
from .repository import Repository
from .sql import close_names, page_clause

RELATED_DOCUMENTS = 500


class EntityRepository(Repository):
    """The entities of a case."""

    def __init__(self, db: Database, documents: DocumentRepository) -> None:
        super().__init__(db)
        self.documents = documents

    def count(self, type_name: str | None = None) -> int:
        """How many entities the case holds, or of one type."""
        if type_name is None:
            return self._count("SELECT count(*) FROM entities")
        return self._count_of("SELECT count(*) FROM entities WHERE type = ?", [type_name])

    def save_resolution(
        self, assignment: dict[tuple[str, str, str], str], entities: dict[str, Entity]
    ) -> None:
        """Store a resolution: the entity of each (key type, key, text), and the entities.

        Mentions find theirs through the name keys recorded since start_name_keys.
        """
        with self.db:
            self.db.execute("DROP TABLE IF EXISTS temp.resolved")
            self.db.execute(
                "CREATE TEMP TABLE resolved (key_type TEXT, key TEXT, text TEXT, entity_id TEXT,"
                " PRIMARY KEY (key_type, key, text)) WITHOUT ROWID"
            )
            self.db.executemany(
                "INSERT INTO temp.resolved VALUES (?, ?, ?, ?)",
                ((*name, entity_id) for name, entity_id in assignment.items()),
            )
            # rows already pointing at their entity are left alone: a re-run writes little
            self.db.execute(
                "UPDATE mentions SET entity_id = r.entity_id FROM temp.name_keys k"
                " JOIN temp.resolved r ON r.key_type = k.key_type AND r.key = k.key"
                " AND r.text = k.text WHERE k.doc_id = mentions.doc_id"
                " AND k.text = mentions.text AND k.type = mentions.type"
                " AND mentions.entity_id IS NOT r.entity_id"
            )
            self.db.execute("DROP TABLE temp.resolved")
            self.db.execute("DROP TABLE temp.name_keys")
            self._replace(entities)

    def _replace(self, entities: dict[str, Entity]) -> None:
        """Replace the entities and their aliases; count their documents from the mentions."""
        self.db.execute("DELETE FROM entities")
        self.db.execute("DELETE FROM entity_aliases")
        self.db.executemany(
            "INSERT INTO entities (id, name, type, kind, country, kb_id, key_type, key, lat,"
            " lon, feature, mentions, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [
                (
                    e.id,
                    e.name,
                    e.type,
                    e.kind,
                    e.country,
                    e.kb_id,
                    *e.key,
                    e.lat,
                    e.lon,
                    e.feature,
                    sum(e.aliases.values()),  # every mention counts once under its alias
                )
                for e in entities.values()
            ],
        )
        self.db.executemany(
            "INSERT INTO entity_aliases (entity_id, alias, count) VALUES (?, ?, ?)",
            [(e.id, a, n) for e in entities.values() for a, n in e.aliases.items()],
        )
        self.db.execute(
            "UPDATE entities SET documents = (SELECT count(DISTINCT doc_id) FROM mentions"
            " WHERE mentions.entity_id = entities.id)"
        )

    def select(
        self,
        type_name: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntitySummary]:
        """Entities, most mentioned first, optionally of one type or mentioned in one document;
        a page of them with ``limit`` and ``offset``."""
        where, params = ["1 = 1"], []
        if type_name:
            where.append("e.type = ?")
            params.append(type_name)
        if doc_id:
            where.append("e.id IN (SELECT entity_id FROM mentions WHERE doc_id = ?)")
            params.append(self.documents.resolve_id(doc_id))
        paging, page_params = page_clause(limit, offset)
        rows = self.db.execute(
            "SELECT * FROM entities e WHERE "
            + " AND ".join(where)
            + f" ORDER BY e.mentions DESC, e.name COLLATE BINARY, e.id{paging}",
            [*params, *page_params],
        ).fetchall()
        return [self._summary(row) for row in rows]

    def places(self) -> list[dict[str, Any]]:
        """The places that have a point, most mentioned first, with how many events happened
        at each (an event's location resolved to the place)."""
        return self._dict_rows(
            "SELECT e.id, e.name, e.lat, e.lon, e.country, e.mentions, e.documents,"
            " coalesce(r.events, 0) AS events FROM entities e LEFT JOIN"
            " (SELECT entity_id, count(DISTINCT owner_id) AS events FROM roles"
            "  WHERE role = 'location' GROUP BY entity_id) r ON r.entity_id = e.id"
            " WHERE e.type = 'place' AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
            " ORDER BY e.mentions DESC, e.name COLLATE BINARY, e.id"
        )

    def _summary(self, row: Row) -> EntitySummary:
        aliases = self.db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias",
            (row["id"],),
        )
        return {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "kind": row["kind"],
            "aliases": [alias for (alias,) in aliases],
            "mentions": row["mentions"],
            "documents": row["documents"],
            "country": row["country"],
            "kb_id": row["kb_id"],
            "lat": row["lat"],
            "lon": row["lon"],
            # a place found in the gazetteer: its kind of feature and its gazetteer id
            # (a case opened read-only from before the column was added has none)
            "feature": (feature := row["feature"] if "feature" in row.keys() else None),  # noqa: SIM118
            "gazetteer_id": row["key"] if feature else None,
        }

    def get(
        self, entity_id: str, context: int = 60, limit: int | None = None, offset: int = 0
    ) -> EntityDetail:
        """An entity with its aliases, every mention in context (or ``limit`` of them from
        ``offset``), and who appears with it."""
        # the mentions themselves where a summary counts them, in the same place
        return {
            **self.summary(entity_id),
            "mentions": self.mentions(entity_id, limit, offset, context),
            "related": self.related(entity_id),
        }

    def summary(self, entity_id: str) -> EntitySummary:
        """An entity as ``entities`` lists it."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise UnknownEntity(f"no entity with id {entity_id!r} (see: casegraph entities)")
        return self._summary(row)

    def related(self, entity_id: str) -> list[RelatedEntity]:
        """The 20 entities named in the most documents that name this one, counted in the
        first RELATED_DOCUMENTS of those documents (every one, for all but the most named:
        counting them all would read millions of mentions in a large case)."""
        rows = self.db.execute(
            "SELECT e.id, e.name, count(DISTINCT o.doc_id) AS n FROM"
            " (SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ? LIMIT ?) d"
            " JOIN mentions o ON o.doc_id = d.doc_id AND o.entity_id != ?"
            " JOIN entities e ON e.id = o.entity_id GROUP BY e.id"
            " ORDER BY n DESC, e.name COLLATE BINARY, e.id LIMIT 20",
            (entity_id, RELATED_DOCUMENTS, entity_id),
        )
        return [{"id": i, "name": n, "count": c} for i, n, c in rows]

    def mentions(
        self, entity_id: str, limit: int | None = None, offset: int = 0, context: int = 60
    ) -> list[EntityMention]:
        """An entity's mentions from ``offset``, ``limit`` of them (all where None), each
        with the text around it."""
        paging, params = page_clause(limit, offset)
        rows = self.db.execute(
            "SELECT m.doc_id, m.page, m.start, m.end, m.text, m.recognizer, p.text AS page_text"
            " FROM mentions m JOIN pages p ON p.id = m.page_id WHERE m.entity_id = ?"
            f" ORDER BY m.page_id, m.start{paging}",
            (entity_id, *params),
        )
        return [
            {
                "doc_id": m["doc_id"],
                "page": m["page"],
                "start": m["start"],
                "end": m["end"],
                "text": m["text"],
                "recognizer": m["recognizer"],
                "context": m["page_text"][max(0, m["start"] - context) : m["end"] + context],
            }
            for m in rows
        ]

    def written_forms(self, name: str) -> list[str]:
        """Every written form of the entity of this name or alias (none if there is none),
        most used first."""
        try:
            entity_id = self.find(name)
        except UnknownEntity:
            return []
        rows = self.db.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias",
            (entity_id,),
        )
        return [alias for (alias,) in rows]

    def find(self, name_or_id: str) -> str:
        """The id of the entity with this id, else this name, else this alias (most mentioned)."""
        for sql in (
            "SELECT id FROM entities WHERE id = ?",
            "SELECT id FROM entities WHERE lower(name) = lower(?) ORDER BY mentions DESC, id",
            "SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE lower(a.alias) = lower(?) ORDER BY a.count DESC, a.entity_id",
        ):
            row = self.db.execute(sql, (name_or_id,)).fetchone()
            if row is not None:
                entity_id: str = row[0]
                return entity_id
        names = self.db.execute("SELECT name FROM entities UNION SELECT alias FROM entity_aliases")
        near = close_names(name_or_id, [name for (name,) in names])
        guess = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise UnknownEntity(f"no entity named {name_or_id!r}{guess} (see: casegraph entities)")

    def key(self, entity_id: str) -> tuple[str, str]:
        """The (type, key) an entity was resolved under."""
        row = self.db.execute(
            "SELECT key_type, key FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise UnknownEntity(f"no entity with id {entity_id!r} (see: casegraph entities)")
        return row[0], row[1]

    def keys(self) -> dict[str, tuple[str, str]]:
        """Every entity's id to the (type, key) it was resolved under."""
        rows = self.db.execute("SELECT id, key_type, key FROM entities")
        return {entity_id: (key_type, key) for entity_id, key_type, key in rows}
