"""The pieces the demo trove is assembled from: documents and their ground truth.

A ``Doc`` is one file with its bytes; containers (archives, e-mails with
attachments, mailboxes, PDFs with embedded files) hold their members as
children. A member's path is its container's path, ``!/``, then its name inside
the container, so ``handover_2015.zip!/backup/port.tar.gz!/port/staff.txt``.

``Truth`` collects events, claims and stories while the documents are written,
from the same strings that go into the files, so quotes always match. Events are
coded with PLOVER's sixteen categories (``QUADS``) and their modes (``MODES``);
claims have one of the ``CLAIM_KINDS``.
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


# PLOVER's sixteen event categories and the quad class each belongs to.
QUADS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
CATEGORIES = tuple(QUADS)
COOPERATIVE_QUADS = ("verbal_cooperation", "material_cooperation")

# The modes the ground truth may give a category (an empty mode is always allowed): the
# issue's provisional list together with the further PLOVER modes of docs/events.md.
_REQUEST_MODES = ("assist", "change", "yield", "meet")
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("phone", "visit", "host", "third-party", "multilateral"),
    "RETREAT": (
        "withdraw",
        "release",
        "return",
        "ease",
        "access",
        "disarm",
        "ceasefire",
        "resign",
    ),
    "REQUEST": _REQUEST_MODES,
    "REJECT": _REQUEST_MODES,
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("violence", "restrict", "relations", "ban", "expel", "territory", "arrest"),
    "PROTEST": ("demo", "hunger", "boycott", "obstruct", "riot", "general", "strike"),
    "MOBILIZE": ("troops", "police", "weapons", "militia"),
    "SANCTION": ("withdraw", "discontinue", "expel", "convict"),
    "COERCE": (
        "confiscate",
        "restrict",
        "ban",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "censor",
        "withhold",
    ),
    "ASSAULT": (
        "firearms",
        "heavy-weapons",
        "aerial",
        "explosives",
        "abduct",
        "beat",
        "torture",
        "assassinate",
        "destroy",
        "cleansing",
        "execute",
        "sexual",
        "primitive",
        "suicide-attack",
        "massacre",
        "unconventional",
        "sideAB",
    ),
}
CLAIM_KINDS = ("direct", "indirect", "according_to", "headline", "document")

Actor = str | list[str] | None


@dataclass
class Truth:
    """Ground truth gathered while the documents are generated."""

    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)

    def event(
        self,
        id: str,
        category: str,
        *,
        mode: str = "",
        actor: Actor,
        target: Actor,
        place: str | None,
        date: str,
        doc: str,
        quote: str,
        negated: bool = False,
        hypothetical: bool = False,
        **extra: Any,
    ) -> str:
        """Record a PLOVER event; ``quote`` must be a sentence of ``doc``'s text.

        ``actor`` and ``target`` are entity ids, a list of ids for joint actors ("the two
        sides"), or None where the text names nobody the scenario knows.
        """
        assert category in QUADS, (id, category)
        assert not mode or mode in MODES.get(category, ()), (id, category, mode)
        self.events.append(
            {
                "id": id,
                "category": category,
                "mode": mode,
                "quad": QUADS[category],
                "actor": actor,
                "target": target,
                "place": place,
                "date": date,
                "negated": negated,
                "hypothetical": hypothetical,
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
        source: str | None,
        cue: str,
        content: str,
        doc: str,
        quote: str,
        about_event: str | None,
        stance: str,
        kind: str,
        hedged: bool = False,
        source_text: str | None = None,
        **extra: Any,
    ) -> str:
        """Record a claim; ``quote`` must be a sentence of ``doc``'s text.

        ``source`` is an entity id, or None for a speaker the scenario does not know
        ("defectors"); ``source_text`` is how the text names the speaker, where it does.
        """
        assert stance in ("asserts", "denies", "hedged"), stance
        assert kind in CLAIM_KINDS, (id, kind)
        assert source is not None or source_text, id
        self.claims.append(
            {
                "id": id,
                "source": source,
                "source_text": source_text,
                "cue": cue,
                "content": content,
                "kind": kind,
                "hedged": hedged,
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
