"""The pieces the demo trove is assembled from: documents and their ground truth.

A ``Doc`` is one file with its bytes; containers (archives, e-mails with
attachments, mailboxes, PDFs with embedded files) hold their members as
children. A member's path is its container's path, ``!/``, then its name inside
the container, so ``handover_2015.zip!/backup/port.tar.gz!/port/staff.txt``.

``Truth`` collects events, claims and stories while the documents are written,
from the same strings that go into the files, so quotes always match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SEP = "!/"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A time in 2015, UTC: every date in the scenario is in that year."""
    return datetime(2015, month, day, hour, minute, tzinfo=UTC)


def member(container: str, name: str) -> str:
    """The path of a member inside a container."""
    return f"{container}{SEP}{name}"


@dataclass
class Doc:
    """One file of the trove, possibly a container of further files."""

    path: str
    fmt: str
    data: bytes
    when: datetime
    language: str | None = "en"
    children: list[Doc] = field(default_factory=list)
    flags: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The name inside the parent container (or the trove path at top level)."""
        return self.path.rsplit(SEP, 1)[-1]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def entry(self) -> tuple[str, bytes, datetime]:
        """(member name, bytes, time) as archive writers take them."""
        return (self.name, self.data, self.when)

    def walk(self) -> list[Doc]:
        """This document and everything inside it, depth first."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def split_of(path: str) -> str:
    """A fixed dev/heldout split (about 70/30) from a hash of the path."""
    return (
        "dev"
        if int(hashlib.sha256(path.encode("utf-8")).hexdigest()[:8], 16) % 10 < 7
        else ("heldout")
    )


@dataclass
class Truth:
    """Ground truth gathered while the documents are generated."""

    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)

    def event(
        self,
        id: str,
        type: str,
        *,
        actor: str,
        target: str | None,
        place: str | None,
        date: str,
        doc: str,
        quote: str,
        **extra: Any,
    ) -> str:
        """Record an event; ``quote`` must be a sentence of ``doc``'s text."""
        self.events.append(
            {
                "id": id,
                "type": type,
                "actor": actor,
                "target": target,
                "place": place,
                "date": date,
                "doc": doc,
                "quote": quote,
                **extra,
            }
        )
        return quote

    def claim(
        self,
        id: str,
        *,
        source: str,
        cue: str,
        content: str,
        doc: str,
        quote: str,
        about_event: str | None,
        stance: str,
        **extra: Any,
    ) -> str:
        """Record a claim; ``quote`` must be a sentence of ``doc``'s text."""
        assert stance in ("asserts", "denies", "hedged"), stance
        self.claims.append(
            {
                "id": id,
                "source": source,
                "cue": cue,
                "content": content,
                "doc": doc,
                "quote": quote,
                "about_event": about_event,
                "stance": stance,
                **extra,
            }
        )
        return quote

    def story(self, doc: str, outlet: str, copied_from: str | None = None, **extra: Any) -> None:
        self.stories.append({"doc": doc, "outlet": outlet, "copied_from": copied_from, **extra})
