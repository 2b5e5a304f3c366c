"""Tie events and claims to resolved entities, to each other, to their authors and to dates.

Run after resolution, over the whole case: a role's span becomes the entity of the mention
inside it; generic references ("the army", "the two sides", "he") become the entity the
document last named that fits; an order with no subject is issued by the document's author.
An event inside a claim is reported by the claim's speaker, then by the document's author.

Reads: events, claims, roles, mentions and entities of the case.
Writes: roles' entity ids, reported_by roles, claim_events, event dates.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from ..case.store import UNDATED, Case
from .syntax import word_list

DOCUMENT_NOUNS = word_list("document_nouns")
LINKED_ROLES = ("source", "target", "speaker", "location", "issuer")
JOINT = re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:sides|parties|groups|forces)\b", re.I)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "it", "them"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "my", "me"})
# generic heads and the knowledge-base kinds of actor they refer to
KIND_OF_HEAD = {
    "army": "military",
    "military": "military",
    "troops": "military",
    "forces": "military",
    "soldiers": "military",
    "government": "government",
    "regime": "government",
    "authorities": "government",
    "ministry": "government",
    "militia": "armed_group",
    "rebels": "armed_group",
    "insurgents": "armed_group",
    "fighters": "armed_group",
    "group": "armed_group",
}
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our"]
)
# an extra entity of a joint reference ("the two sides") is stored from this ordinal on
EXTRA_ORDINAL = 100


@dataclass(frozen=True)
class Named:
    """An entity a mention points to, where it is written."""

    entity_id: str
    name: str
    kind: str | None
    type: str
    page: int
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, m: dict[str, Any]) -> Named:
        """From a mention row of the case."""
        return cls(
            m["entity_id"],
            m["name"],
            m["kind"],
            m["type"],
            m["page"],
            m["start"],
            m["end"],
            m["text"],
        )


def link_case(case: Case) -> dict[str, int]:
    """Link every event and claim of the case; returns how many of each there are."""
    data = case.reading_rows()
    named = _named_by_doc(data["mentions"])
    case_names = _case_names(data["mentions"])
    # bodies the knowledge base knows, for letterheads that name one of their offices
    bodies = list(
        {n.entity_id: n for n in case_names.values() if n.kind and len(n.name.split()) > 1}.values()
    )
    authors = {
        d["doc_id"]: _author(d, named.get(d["doc_id"], []), bodies) for d in data["documents"]
    }
    indexes = {doc_id: Names(found) for doc_id, found in named.items()}
    role_entities: list[tuple[str, str, int, str | None]] = []
    extra_roles: list[tuple[str, str, int, str]] = []
    speakers: dict[str, tuple[str | None, str]] = {}
    for role in data["roles"]:
        if role["role"] not in LINKED_ROLES:
            continue
        doc_names = indexes.get(role["doc_id"]) or Names([])
        if role["role"] == "issuer":
            found = [authors.get(role["doc_id"])] if authors.get(role["doc_id"]) else []
        else:
            found = _entities_for(role, doc_names, case_names, authors.get(role["doc_id"]))
        if not found:
            continue
        first = found[0]
        role_entities.append((role["owner_id"], role["role"], role["ordinal"], first.entity_id))
        for extra, entity in enumerate(found[1:]):
            extra_roles.append(
                (role["owner_id"], role["role"], EXTRA_ORDINAL + extra, entity.entity_id)
            )
        if role["role"] == "speaker":
            speakers[role["owner_id"]] = (first.entity_id, first.name)
    for role in data["roles"]:
        if role["role"] == "speaker" and role["owner_id"] not in speakers:
            speakers[role["owner_id"]] = (None, role["text"])
    contents = {r["owner_id"]: r for r in data["roles"] if r["role"] == "content"}
    claim_events, reporters = _reports(data["events"], data["claims"], contents, speakers, authors)
    doc_dates = {d["doc_id"]: d["doc_date"] for d in data["documents"]}
    phrases: dict[str, list[str]] = defaultdict(list)
    for role in data["roles"]:
        if role["role"] == "date":
            phrases[role["owner_id"]].append(role["text"])
    # dates do not depend on resolution: only events not yet dated are read
    dates = [
        _date_of(e["id"], phrases[e["id"]], doc_dates.get(e["doc_id"]))
        for e in data["events"]
        if e["date_from"] is None
    ]
    written_by = [(d, a.entity_id, a.name) for d, a in authors.items() if a is not None]
    case.save_links(role_entities, extra_roles, reporters, claim_events, dates, written_by)
    return {"events": len(data["events"]), "claims": len(data["claims"])}


def _named_by_doc(mentions: list[dict[str, Any]]) -> dict[str, list[Named]]:
    found: dict[str, list[Named]] = defaultdict(list)
    for m in mentions:
        found[m["doc_id"]].append(Named.of(m))
    for items in found.values():
        items.sort(key=lambda n: (n.page, n.start))
    return found


def _case_names(mentions: list[dict[str, Any]]) -> dict[str, Named]:
    """Word of a name (or "kind:military") -> the most mentioned entity of the case with it."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, Named] = {}
    for m in mentions:
        counts[m["entity_id"]] += 1
        if m["entity_id"] not in first:
            first[m["entity_id"]] = Named.of(m)
    found: dict[str, Named] = {}
    for entity_id in sorted(first, key=lambda e: counts[e]):
        named = first[entity_id]
        if named.type in ("organization", "person"):
            for word in _name_words(named) | ({f"kind:{named.kind}"} if named.kind else set()):
                found[word] = named  # the most mentioned comes last and stays
    return found


class Names:
    """The entities some text names, indexed by page, by word of their names and by kind."""

    def __init__(self, named: list[Named]):
        self.named = named  # in reading order
        self.positions = [(n.page, n.start) for n in named]
        self.by_page: dict[int, list[Named]] = defaultdict(list)
        self.by_word: dict[str, list[Named]] = defaultdict(list)
        for n in named:
            self.by_page[n.page].append(n)
            if n.type in ("organization", "person"):
                for word in _name_words(n):
                    self.by_word[word].append(n)
                if n.kind:
                    self.by_word[f"kind:{n.kind}"].append(n)

    def before(self, page: int, start: int) -> Iterator[Named]:
        """The names written before a point, nearest first."""
        index = bisect_left(self.positions, (page, start))
        return (self.named[i] for i in range(index - 1, -1, -1))


def _name_words(n: Named) -> set[str]:
    return {_singular(w) for w in re.findall(r"[\w'-]+", f"{n.name} {n.text}".lower())}


def _entities_for(
    role: dict[str, Any], names: Names, case_names: dict[str, Named], author: Named | None
) -> list[Named]:
    """The entities a role's span names: a mention inside it, else what a generic word refers to."""
    page, start, end = role["page"], role["start"], role["end"]
    wanted = ("place",) if role["role"] == "location" else ("person", "organization", "place")
    inside = [
        n
        for n in names.by_page.get(page, [])
        if n.start < end and start < n.end and n.type in wanted
    ]
    if inside:
        return [max(inside, key=lambda n: min(end, n.end) - max(start, n.start))]
    if role["role"] == "location":
        return []
    text = role["text"].strip()
    if JOINT.search(text):
        return _last_distinct(names.before(page, start), ("organization",), 2)
    words = [w for w in re.findall(r"[\w'-]+", text.lower()) if w not in _DETERMINERS]
    if not words:
        return []
    head = words[-1]
    if _singular(head) in DOCUMENT_NOUNS:
        return []  # "the files" speak for whoever holds them, not for a namesake
    if words[0] in FIRST_PERSON:
        return [author] if author is not None else []  # "our units": the document's author
    if len(words) == 1 and head in PERSON_PRONOUNS:
        return _last_distinct(names.before(page, start), ("person",), 1)
    if len(words) == 1 and head in GROUP_PRONOUNS:
        return _last_distinct(names.before(page, start), ("organization",), 1)
    return _by_head(head, (page, start), names, case_names)


def _last_distinct(before: Iterator[Named], types: tuple[str, ...], count: int) -> list[Named]:
    """The last ``count`` different entities of these types written before a point."""
    found: list[Named] = []
    for n in before:
        if n.type in types and all(f.entity_id != n.entity_id for f in found):
            found.append(n)
            if len(found) == count:
                break
    return found if len(found) == count else []


def _by_head(
    head: str, at: tuple[int, int], names: Names, case_names: dict[str, Named]
) -> list[Named]:
    """The entity whose name holds the head word ("the Brigades", "the captain"), or whose kind
    it names (the army: a military).

    Looked for before the words in the document, then in the whole document, then in the
    whole case (the most named entity with that word or kind).
    """
    keys = [_singular(head)] + ([f"kind:{KIND_OF_HEAD[head]}"] if head in KIND_OF_HEAD else [])
    candidates = sorted(
        {id(n): n for key in keys for n in names.by_word.get(key, [])}.values(),
        key=lambda n: (n.page, n.start),
    )
    if candidates:
        earlier = [n for n in candidates if (n.page, n.start) < at]
        return [earlier[-1] if earlier else _most_named(candidates)]
    for key in keys:
        if key in case_names:
            return [case_names[key]]
    return []


def _most_named(candidates: list[Named]) -> Named:
    counts: dict[str, int] = defaultdict(int)
    for n in candidates:
        counts[n.entity_id] += 1
    best = max(counts, key=lambda e: counts[e])
    return next(n for n in candidates if n.entity_id == best)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _author(document: dict[str, Any], named: list[Named], bodies: list[Named]) -> Named | None:
    """Who a document speaks for: its metadata author, or its letterhead or sender.

    A letterhead naming a part of a known body ("SOUTHERN VALLEY BRIGADES - GENERAL
    COMMAND") speaks for that body when the name is not known on its own.
    """
    metadata = json.loads(document.get("metadata") or "{}")
    author = str(metadata.get("author") or "").strip().lower()
    if author:
        match = next((n for n in named if n.name.lower() == author), None)
        if match is not None:
            return match
    opening = [
        n for n in named if n.page == 1 and n.start < 300 and n.type in ("person", "organization")
    ]
    if not opening:
        return None
    first = opening[0]
    if first.kind is None:
        written = first.name.lower()
        body = [n for n in bodies if written.startswith(n.name.lower() + " ")]
        if body:
            return max(body, key=lambda n: len(n.name))
    return first


def _reports(
    events: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    contents: dict[str, dict[str, Any]],
    speakers: dict[str, tuple[str | None, str]],
    authors: dict[str, Named | None],
) -> tuple[list[tuple[str, str]], list[tuple[str, int, str, str | None]]]:
    """(claim, event) pairs of events inside claims, and who reports each event, innermost first."""
    claims_on: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        if claim["id"] in contents:
            claims_on[(claim["doc_id"], claim["page"])].append(claim)
    pairs: list[tuple[str, str]] = []
    reporters: list[tuple[str, int, str, str | None]] = []
    for event in events:
        around = []
        for claim in claims_on[(event["doc_id"], event["page"])]:
            content = contents[claim["id"]]
            if content["start"] <= event["trigger_start"] < content["end"]:
                around.append((content["end"] - content["start"], claim["id"]))
        chain: list[tuple[str | None, str]] = []
        for _, claim_id in sorted(around):
            pairs.append((claim_id, event["id"]))
            chain.append(speakers.get(claim_id, (None, "")))
        author = authors.get(event["doc_id"])
        if author is not None:
            chain.append((author.entity_id, author.name))
        seen: set[str] = set()
        for entity_id, name in chain:
            key = entity_id or name
            if key and key not in seen:
                seen.add(key)
                reporters.append((event["id"], len(seen) - 1, name, entity_id))
    return pairs, reporters


def _date_of(
    event_id: str, phrases: list[str], doc_date: str | None
) -> tuple[str, str | None, str | None]:
    """(event id, YYYY[-MM[-DD]], "text" or "document") for an event."""
    for phrase in phrases:
        parsed = parse_date(phrase, doc_date)
        if parsed:
            return event_id, parsed, "text"
    if doc_date:
        return event_id, doc_date[:10], "document"
    return event_id, None, UNDATED


def parse_date(text: str, relative_to: str | None) -> str | None:
    """A date phrase as YYYY, YYYY-MM or YYYY-MM-DD, read against the document's date."""
    if relative_to is None and not re.search(r"\b\d{4}\b", text):
        return None  # no year written and none to read it against: no date rather than a guess
    data = _date_parser(relative_to[:19] if relative_to else None).get_date_data(text)
    if data.date_obj is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{data.date_obj:%Y}"
    if period == "month":
        return f"{data.date_obj:%Y-%m}"
    return f"{data.date_obj:%Y-%m-%d}"


@cache
def _date_parser(relative_to: str | None):
    """dateparser's reader, set to read relative dates against a document's date."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if relative_to:
        with suppress(ValueError):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(relative_to).replace(tzinfo=None)
    return DateDataParser(languages=["en"], settings=settings)
