"""Links: the entities of events' and claims' roles, who reports an event, which events a
claim is about, documents' authors and dates. Writes the tables roles, claim_events,
document_authors and events' dates."""

from __future__ import annotations

from ..records import (
    Links,
)
from .repository import Repository
from .sql import EXTRA_ORDINAL


class LinkRepository(Repository):
    """What linking adds to the readings."""

    def clear(self) -> None:
        """Forget linking: role entities, extra and reporter roles, claims' events, authors."""
        self.db.execute("DELETE FROM document_authors")
        self.db.execute("UPDATE roles SET entity_id = NULL")
        # extra entities of joint references are redone each time
        self.db.execute(f"DELETE FROM roles WHERE ordinal >= {EXTRA_ORDINAL}")
        self.db.execute("DELETE FROM roles WHERE role = 'reported_by'")
        self.db.execute("DELETE FROM claim_events")
        self.db.execute("DELETE FROM stage_failures WHERE stage = 'link'")

    def add(self, links: Links) -> None:
        """Add some documents' links to those stored (inside the caller's transaction)."""
        self.db.executemany("INSERT INTO document_authors VALUES (?, ?, ?)", links.authors)
        self.db.executemany(
            "UPDATE roles SET entity_id = ? WHERE owner_id = ? AND role = ? AND ordinal = ?",
            [
                (entity, owner, role, ordinal)
                for owner, role, ordinal, entity in links.role_entities
            ],
        )
        self.db.executemany(
            "INSERT INTO roles (owner_id, page_id, role, ordinal, start, end, text,"
            " entity_id) SELECT owner_id, page_id, role, ?, start, end, text, ? FROM roles"
            " WHERE owner_id = ? AND role = ? AND ordinal = 0 ON CONFLICT DO NOTHING",
            [(ordinal, entity, owner, role) for owner, role, ordinal, entity in links.extra_roles],
        )
        self.db.executemany(
            "INSERT INTO roles (owner_id, page_id, role, ordinal, text, entity_id)"
            " SELECT ?, page_id, 'reported_by', ?, ?, ? FROM events WHERE id = ?"
            " ON CONFLICT DO NOTHING",
            [
                (event, ordinal, name, entity, event)
                for event, ordinal, name, entity in links.reporters
            ],
        )
        self.db.executemany(
            "INSERT INTO claim_events VALUES (?, ?) ON CONFLICT DO NOTHING", links.claim_events
        )
        self.db.executemany(
            "UPDATE events SET date = ?, date_from = ? WHERE id = ?",
            [(date, source, event) for event, date, source in links.dates],
        )
