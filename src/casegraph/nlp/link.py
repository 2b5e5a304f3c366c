"""Tie events and claims to resolved entities, to each other, to their authors and to dates.

Run after resolution, over the whole case: a role's span becomes the entity of the mention
inside it; generic references ("the army", "the two sides", "he", "the general") become the
entity the document last named that fits; "our units" are the document's author's (outside
quotations, which are someone else's words), "army stores" the army's, "the convoy" the
armed body last named (else an armed author's); an order with no subject is issued by the
document's author, and a side written as no words (a ledger's keeper) is the author.
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
from dataclasses import dataclass
from typing import Any

from ..case.store import EXTRA_ORDINAL, UNDATED, Case
from ..errors import one_line
from ..records import Links
from .claims import quote_spans
from .dates import opening_date, parse_date
from .syntax import ACTOR_NOUNS, word_list
from .versions import LINKER

DOCUMENT_NOUNS = word_list("document_nouns")
# "the general", "the captain": a person, named elsewhere with the title
PERSON_TITLES = word_list("person_titles")
# "the battery", "the convoy": a part of an armed body, which is whoever the text last named
FORCE_NOUNS = word_list("force_nouns")
MATERIEL = word_list("materiel")
ARMED_KINDS = frozenset({"military", "armed_group"})
STAGE = "link"
LINKED_ROLES = ("source", "target", "speaker", "location", "issuer")
JOINT = re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:sides|parties|groups|forces)\b", re.I)
# "From: Karim Haddad <...>", "From the quartermaster to the commander, 30 June 2015."
SENDER_LINE = re.compile(r"^[ \t>]*From\b:?[ \t]*(?P<who>[^\n<,;]*)", re.M)
ADDRESSEE_LINE = re.compile(r"^[ \t>]*To:[ \t]*(?P<who>[^\n<,;]*)", re.M)
FORWARDED = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded|Original)\s+message\s*-{2,}|Begin forwarded message:)",
    re.I | re.M,
)
# how far into its first page a document names its sender or letterhead
OPENING = 300
# a forwarded message's own "From:" line follows its marker within a few header lines
FORWARD_HEADER = 300
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "it", "them"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "my", "me"})
SECOND_PERSON = frozenset({"you", "your"})
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
_SIDE_WORDS = frozenset({"side", "camp"})
# authors whose papers speak of no council or command of their own: "the Council" in a
# newspaper is someone else's
_NO_ORGANS = frozenset({None, "media", "person", "place"})
# words of an office that are no actor on their own: "Head of Mission"
_OFFICE_WORDS = frozenset({"head", "chief", "director", "office", "deputy"})
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our"]
)
# how far into a document its dateline stands
DATELINE = 400
# documents whose events, claims, roles and mentions are held at once
DOCS_AT_ONCE = 100


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


def link_case(case: Case, docs_at_once: int = DOCS_AT_ONCE) -> dict[str, int]:
    """Link every event and claim of the case; returns how many of each there are."""
    case_names = _case_names(case.mentions.first_of_each_entity())
    # bodies the knowledge base knows, for letterheads that name one of their offices
    bodies = list(
        {n.entity_id: n for n in case_names.values() if n.kind and len(n.name.split()) > 1}.values()
    )
    context = Context(bodies, case_names, _known_names(case.mentions.first_of_each_actor_name()))
    text_dates = {
        doc_id: found
        for doc_id, opening in case.documents.openings(DATELINE, undated_only=True)
        if (found := opening_date(opening))
    }
    counts = {"events": 0, "claims": 0}
    documents = case.readings.documents_with_readings()
    # one transaction: a run killed half-way leaves the previous linking whole
    with case.transaction():
        case.documents.save_text_dates(text_dates)
        case.links.clear()
        for first in range(0, len(documents), docs_at_once):
            chunk = documents[first : first + docs_at_once]
            for data in _linked_rows(case, chunk, context, text_dates):
                counts["events"] += len(data["events"])
                counts["claims"] += len(data["claims"])
    return counts


def _linked_rows(
    case: Case, documents: list[str], context: Context, text_dates: dict[str, str]
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Link some documents' rows; if that fails, each alone: a failing one is recorded."""
    data = case.readings.rows_for_linking(documents)
    try:
        links = _links(case, data, context, text_dates)
    except Exception as error:  # one bad document must not cost the others
        if len(documents) == 1:
            case.readings.save_failure(STAGE, documents[0], 0, LINKER, one_line(error))
            return
        for doc_id in documents:
            yield from _linked_rows(case, [doc_id], context, text_dates)
        return
    case.links.add(links)
    yield data


def _links(
    case: Case, data: dict[str, list[dict[str, Any]]], context: Context, text_dates: dict[str, str]
) -> Links:
    """The links of some documents."""
    named = _named_by_doc(data["mentions"])
    indexes = {doc_id: Names(found) for doc_id, found in named.items()}
    pages: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    for (doc_id, number), text in case.pages.texts_of(
        d["doc_id"] for d in data["documents"]
    ).items():
        pages[doc_id][(doc_id, number)] = text
    readers = {
        d["doc_id"]: _authorship(
            d, indexes.get(d["doc_id"]) or Names([]), context, pages[d["doc_id"]]
        )
        for d in data["documents"]
    }
    authors = {doc_id: r.main for doc_id, r in readers.items()}
    quotes: dict[tuple[str, int], list[tuple[int, int]]] = {}
    role_entities: list[tuple[str, str, int, str | None]] = []
    extra_roles: list[tuple[str, str, int, str]] = []
    speakers: dict[str, tuple[str | None, str]] = {}
    for role in data["roles"]:
        if role["role"] not in LINKED_ROLES:
            continue
        doc_names = indexes.get(role["doc_id"]) or Names([])
        if role["role"] == "issuer":
            found = [author] if (author := authors.get(role["doc_id"])) else []
        else:
            reader = readers.get(role["doc_id"])
            if _quoted(role, pages[role["doc_id"]], quotes):
                reader = None  # "our" in a quotation is not the writer's
            found = _entities_for(role, doc_names, context.case_names, reader)
            found = [_body_of(n, context.bodies) for n in found]
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
    claim_events, reporters = _reports(data["events"], data["claims"], contents, speakers, readers)
    doc_dates = {
        d["doc_id"]: d["doc_date"] or text_dates.get(d["doc_id"]) for d in data["documents"]
    }
    phrases: dict[str, list[str]] = defaultdict(list)
    for role in data["roles"]:
        if role["role"] == "date":
            phrases[role["owner_id"]].append(role["text"])
    # a date read in the sentence stays; the others follow the document's date, which a
    # dateline read again may have given since
    dates = [
        _date_of(e["id"], phrases[e["id"]], doc_dates.get(e["doc_id"]))
        for e in data["events"]
        if e["date_from"] != "text"
    ]
    written_by: list[tuple[str, str | None, str]] = [
        (d, a.entity_id, a.name) for d, a in authors.items() if a is not None
    ]
    return Links(role_entities, extra_roles, reporters, claim_events, dates, written_by)


def _quoted(
    role: dict[str, Any],
    pages: dict[tuple[str, int], str],
    quotes: dict[tuple[str, int], list[tuple[int, int]]],
) -> bool:
    """Whether a role's words stand inside a quotation (its page's spans are kept in
    ``quotes`` once read)."""
    key = (role["doc_id"], role["page"])
    if key not in quotes:
        quotes[key] = quote_spans(pages.get(key, ""))
    return any(start <= role["start"] < end for start, end in quotes[key])


def _named_by_doc(mentions: list[dict[str, Any]]) -> dict[str, list[Named]]:
    found: dict[str, list[Named]] = defaultdict(list)
    for m in mentions:
        found[m["doc_id"]].append(Named.of(m))
    for items in found.values():
        items.sort(key=lambda n: (n.page, n.start))
    return found


def _case_names(first_mentions: list[dict[str, Any]]) -> dict[str, Named]:
    """Word of a name (or "kind:military") -> the most mentioned entity of the case with it."""
    found: dict[str, Named] = {}
    # the most mentioned comes last and stays; among equals, the first mentioned comes first
    for m in sorted(first_mentions, key=lambda m: m["count"]):
        named = Named.of(m)
        if named.type in ("organization", "person"):
            for word in _keys_of(named):
                found[word] = named
    return found


def _keys_of(n: Named) -> set[str]:
    """The words an entity is looked up by: its names' words, "kind:military", "person:general".

    An unknown "Army" (a common word the recogniser took for a name) is looked up by none.
    """
    if _generic(n):
        return set()
    words = _name_words(n)
    keys = words | ({f"kind:{n.kind}"} if n.kind else set())
    return keys | ({f"person:{w}" for w in words} if n.type == "person" else set())


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
                for word in _keys_of(n):
                    self.by_word[word].append(n)

    def before(self, page: int, start: int) -> Iterator[Named]:
        """The names written before a point, nearest first."""
        index = bisect_left(self.positions, (page, start))
        return (self.named[i] for i in range(index - 1, -1, -1))


def _generic(n: Named) -> bool:
    """Whether an unknown name is common words the recogniser took: "Army", "Government",
    a signature's "ARMY SPOKESMAN"."""
    words = n.name.lower().split()
    return n.kind is None and bool(words) and all(map(_names_actor, words))


def _name_words(n: Named) -> set[str]:
    return {_singular(w) for w in re.findall(r"[\w'-]+", f"{n.name} {n.text}".lower())}


def _entities_for(
    role: dict[str, Any], names: Names, case_names: dict[str, Named], reader: Authorship | None
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
        named = max(inside, key=lambda n: min(end, n.end) - max(start, n.start))
        known = [n for n in inside if n.kind not in (None, "place")]
        if named.kind is None and named.type == "organization" and known:
            return known[:1]  # "the Brigades' General Command" is the Brigades'
        if _generic(named):
            # "Army units", "Army: dozens killed", "ARMY SPOKESMAN": the army the case knows
            heads = dict.fromkeys(reversed(named.name.lower().split()))
            found = (_by_head(h, (page, start), names, case_names) for h in heads)
            # else the writer's own organ: "The Council decided" in a body's minutes
            author = reader.at(page, start) if reader else None
            own = [author] if author is not None and author.kind not in _NO_ORGANS else []
            return next((f for f in found if f), own or [named])
        return _office_holder(named, (page, start), names, case_names) or [named]
    if role["role"] == "location":
        return []
    text = role["text"].strip()
    author = reader.at(page, start) if reader else None
    if not text:
        # a side written as no words: the keeper of the ledger whose row it is
        return [author] if author is not None else []
    if JOINT.search(text):
        return _last_distinct(names.before(page, start), ("organization",), 2)
    written = re.findall(r"[\w'-]+", text)
    if written and written[0].lower() in FIRST_PERSON:
        return [author] if author is not None else []  # "our units": the document's author
    # "your units" are the addressee's; "your client's quartermaster" is the client's
    if written and written[0].lower() in SECOND_PERSON and "'s" not in text:
        addressee = reader.to(page, start) if reader else None
        return [addressee] if addressee is not None else []
    # "the army's tanks" are held by the army
    words = [w.removesuffix("'s") for w in (w.lower() for w in written) if w not in _DETERMINERS]
    if not words:
        return []
    head = words[-1]
    if head in _SIDE_WORDS and len(words) > 1:
        head = words[-2]  # "the government side" is the government
    if _singular(head) in DOCUMENT_NOUNS:
        # "the files" speak for whoever holds and shows them, not for a namesake
        return [author] if author is not None and role["role"] == "speaker" else []
    if len(words) == 1 and head in PERSON_PRONOUNS:
        return _last_distinct(names.before(page, start), ("person",), 1)
    if len(words) == 1 and head in GROUP_PRONOUNS:
        return _last_distinct(names.before(page, start), ("organization",), 1)
    if _singular(head) in MATERIEL:
        # "all fourteen tanks" are some armed body's, never a namesake called "Tank"; "the
        # army's tanks" are the army's
        owners = [w for w in words[:-1] if _names_actor(w)]
        if not owners:
            return _armed_before(names.before(page, start), author)
        head = owners[-1]
    elif not (_names_actor(head) or written[-1][:1].isupper()):
        # "army stores", "the army checkpoint": a thing, held by the actor its words name
        held_by = [w for w in words[:-1] if _names_actor(w)]
        if not held_by and _singular(head) in FORCE_NOUNS:
            return _armed_before(names.before(page, start), author)
        if not held_by:
            return []  # "the gates" is no namesake of a "GATE LOG"
        head = held_by[-1]
    return _by_head(head, (page, start), names, case_names)


def _office_holder(
    named: Named, at: tuple[int, int], names: Names, case_names: dict[str, Named]
) -> list[Named]:
    """The known body an unknown office names: "Head of Mission" is the mission's."""
    title, _, body = named.name.lower().partition(" of ")
    if named.kind is not None or not body or not all(map(_office_word, title.split())):
        return []
    found = _by_head(body.split()[-1], at, names, case_names)
    return found if found and found[0].kind not in (None, "place") else []


def _office_word(word: str) -> bool:
    return _names_actor(word) or word in _OFFICE_WORDS


def _armed_before(before: Iterator[Named], author: Named | None) -> list[Named]:
    """The armed body a unit with no owner belongs to: the last one named, else the author."""
    found = next((n for n in before if n.kind in ARMED_KINDS), author)
    return [found] if found is not None and found.kind in ARMED_KINDS else []


def _names_actor(word: str) -> bool:
    """Whether a common noun names someone who acts: "army", "the captain", "rebels"."""
    return word in KIND_OF_HEAD or _singular(word) in ACTOR_NOUNS or word in PERSON_TITLES


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
    """The entity whose name holds the head word ("the Brigades"), else one of the kind it
    names (the army: a military); a title ("the general") names a person first."""
    keys = [_singular(head)] + ([f"kind:{KIND_OF_HEAD[head]}"] if head in KIND_OF_HEAD else [])
    if head in PERSON_TITLES:
        # "the general" is a person: "General Command" is no namesake while a general is named
        person = _by_keys([f"person:{head}"], at, names, case_names)
        if person:
            return person
    return _by_keys(keys, at, names, case_names)


def _by_keys(
    keys: list[str], at: tuple[int, int], names: Names, case_names: dict[str, Named]
) -> list[Named]:
    """The entity filed under the first key that has one: named before the words, else (a
    name's word before a kind) named anywhere in the document, else the case's most named.

    "the army" in a report that names its Southern Command only later is the army the case
    knows, not that command.
    """
    for key in keys:
        earlier = [n for n in names.by_word.get(key, []) if (n.page, n.start) < at]
        if earlier:
            return [earlier[-1]]
    for key in sorted(keys, key=lambda k: k.startswith("kind:")):
        if names.by_word.get(key):
            return [_most_named(names.by_word[key])]
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


@dataclass(frozen=True)
class Context:
    """What the case knows beyond one document: its bodies, name words and full names."""

    bodies: list[Named]
    case_names: dict[str, Named]
    known: dict[str, Named]


@dataclass(frozen=True)
class Authorship:
    """Who a document speaks for, and where forwarded messages of other senders begin."""

    main: Named | None
    addressee: Named | None = None
    # (page, start of the forwarded part, its sender, its addressee), in reading order
    forwarded: tuple[tuple[int, int, Named | None, Named | None], ...] = ()

    def at(self, page: int, start: int | None) -> Named | None:
        """Who writes at a point: the sender of the forwarded message it is in, else the author."""
        return self._part(page, start)[0]

    def to(self, page: int, start: int | None) -> Named | None:
        """Whom the words at a point are written to."""
        return self._part(page, start)[1]

    def _part(self, page: int, start: int | None) -> tuple[Named | None, Named | None]:
        found = (self.main, self.addressee)
        for fwd_page, fwd_start, sender, addressee in self.forwarded:
            if (fwd_page, fwd_start) <= (page, start or 0):
                found = (sender, addressee)
        return found


def _known_names(first_mentions: list[dict[str, Any]]) -> dict[str, Named]:
    """A person's or organisation's full name (lower case) -> that entity, for the whole case."""
    known: dict[str, Named] = {}
    for m in first_mentions:
        known.setdefault(m["name"].lower(), Named.of(m))
    return known


def _authorship(
    document: dict[str, Any], names: Names, context: Context, pages: dict[tuple[str, int], str]
) -> Authorship:
    """A document's author, and the senders of the messages it forwards."""
    forwarded = []
    for (_, page), text in sorted(pages.items()):
        for marker in FORWARDED.finditer(text):
            header = (marker.end(), marker.end() + FORWARD_HEADER)
            sender = _named_on(SENDER_LINE.search(text, *header), page, names, context)
            addressee = _named_on(ADDRESSEE_LINE.search(text, *header), page, names, context)
            forwarded.append((page, marker.start(), sender, addressee))
    first = next((text for (_, page), text in sorted(pages.items()) if page == 1), "")
    if forwarded and forwarded[0][0] == 1:
        first = first[: forwarded[0][1]]
    line = ADDRESSEE_LINE.search(first, 0, OPENING)
    return Authorship(
        _author(document, first, names, context),
        _named_on(line, 1, names, context),
        tuple(forwarded),
    )


def _author(document: dict[str, Any], opening: str, names: Names, context: Context) -> Named | None:
    """Who a document speaks for: its metadata author, its sender line, or its letterhead.

    The metadata author counts when the case names that person or body anywhere; an office
    no actor list knows ("General Command") yields to a sender line or letterhead that names
    someone. A letterhead naming a part of a known body ("SOUTHERN VALLEY BRIGADES - GENERAL
    COMMAND") speaks for that body when the name is not known on its own.
    """
    metadata = json.loads(document.get("metadata") or "{}")
    author = str(metadata.get("author") or "").strip().lower()
    match = None
    if author:
        match = next((n for n in names.named if n.name.lower() == author), None)
        match = match or context.known.get(author)
        match = _body_of(match, context.bodies) if match is not None else None
        if match is not None and (match.kind is not None or match.type == "person"):
            return match
    return _header_author(opening, names, context) or match


def _header_author(opening: str, names: Names, context: Context) -> Named | None:
    """Who a document's sender line or letterhead names."""
    line = SENDER_LINE.search(opening)
    line = line if line is not None and line.start() < OPENING else None
    sender = _named_on(line, 1, names, context)
    if sender is not None:
        return sender
    # above a sender line only a letterhead can stand; a heading of a table is no author
    before = line.start() if line else OPENING
    actors = [n for n in names.by_page.get(1, []) if n.type in ("person", "organization")]
    head = next((n for n in actors if n.start < before), None)
    head = _body_of(head, context.bodies) if head is not None else None
    return head if head is not None and _credible(head) else None


def _named_on(
    line: re.Match[str] | None, page: int, names: Names, context: Context
) -> Named | None:
    """The person or body a "From" or "To" line names, or the one its title or actor noun
    means ("From the quartermaster to the commander")."""
    if line is None:
        return None
    start, end = line.span("who")
    named = [
        n
        for n in names.by_page.get(page, [])
        if start <= n.start < end and n.type in ("person", "organization")
    ]
    if named:
        return _body_of(named[0], context.bodies)
    words = [w for w in re.findall(r"[\w'-]+", line.group("who").lower()) if w not in _DETERMINERS]
    head = next((w for w in words if w == "to"), None)
    words = words[: words.index(head)] if head else words
    if not words or not _names_actor(words[-1]):
        return None
    found = _by_head(words[-1], (page, start), names, context.case_names)
    return _body_of(found[0], context.bodies) if found else None


def _credible(n: Named) -> bool:
    """Whether a name at the top of a document can be its author, not a table heading or
    a file's label ("Tonnes Grain", "shipment_id", "DRAFT - Commission", "Keys")."""
    if re.search(r"[\t\n_\d]", n.name) or n.kind == "place":
        return False  # a place known to the actor list heads a form ("Ras Kadir refinery")
    return n.kind is not None or (len(n.name.split()) > 1 and " - " not in n.name)


def _body_of(named: Named, bodies: list[Named]) -> Named:
    """The known body an unknown name is a part of ("SOUTHERN VALLEY BRIGADES - GENERAL
    COMMAND", "Southern Valley Brigades quartermaster"), else the name itself."""
    if named.kind is not None:
        return named
    written = named.name.lower()
    body = [n for n in bodies if written.startswith(n.name.lower() + " ")]
    return max(body, key=lambda n: len(n.name)) if body else named


def _reports(
    events: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    contents: dict[str, dict[str, Any]],
    speakers: dict[str, tuple[str | None, str]],
    readers: dict[str, Authorship],
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
        reader = readers.get(event["doc_id"])
        writers = [reader.at(event["page"], event["trigger_start"]), reader.main] if reader else []
        chain += [(w.entity_id, w.name) for w in writers if w is not None]
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
