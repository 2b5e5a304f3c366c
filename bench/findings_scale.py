"""Findings and export at scale: wall time and peak memory as the case grows.

For each N, builds (or reuses, cached under --work) a case holding N documents' worth of
extracted records shaped like the demo's: news articles with a byline, memos with a
letterhead (some of two pages), e-mails with headers; people, groups and places named in
them; events between actors (PLOVER-coded, some denied, some only intended, some dated),
claims with a speaker that carry events, sentences calling two sides enemies, reprints of
earlier articles by other outlets (syndicated near-copies), and a small actor knowledge
base with hostile sides, so that adversaries are also recorded cooperating. Everything is
written through the store's own methods (``case.documents.add_source``, ``save_extraction``,
``save_reading``, the name keys and ``save_resolution``, ``add_links``), with no language
model: that is
generation, timed apart and not part of the figures.

Then, each in a fresh subprocess, it runs the work of ``casegraph findings --json``
(``analysis.findings.find`` and the JSON text) and of ``casegraph export`` in each format
(ftm, gexf, graphml, csv, json), and records the wall time of that work (after the
imports) and the child's peak RSS (``ru_maxrss``). Prints a markdown table and the growth
exponent between consecutive sizes, log(t2/t1)/log(n2/n1), next to n log n's.

    .venv/bin/python bench/findings_scale.py [--sizes 1000 10000 100000] [--work .bench]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from casegraph.case.store import UNDATED, Case, doc_id_for
from casegraph.nlp.kb import load_actors
from casegraph.nlp.plover import CATEGORIES
from casegraph.records import (
    Claim,
    Entity,
    Event,
    Extraction,
    Links,
    Mention,
    PageReading,
    Role,
    content_id,
)
from casegraph.settings import Settings
from troves import DEFAULT_WORK, facts_markdown, log, machine_facts, positive_int

GENERATOR_VERSION = 1
TASKS = ("findings", "ftm", "gexf", "graphml", "csv", "json")
RESULT_TAG = "BENCH-RESULT "
CHILD = "--child"  # first argument of the child processes this script starts
BATCH = 1000  # documents per transaction
STAGE = "entities"
EXTRACTOR = "bench/findings_scale.py generator"
BODY = "bench:generated"
HEADER = "email-header"
LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "date": "DATE"}
MIMES = {"news": "text/html", "memo": "text/plain", "email": "message/rfc822"}
EXTENSIONS = {"news": "html", "memo": "txt", "email": "eml"}
KINDS = (("news", 0.45), ("memo", 0.35), ("email", 0.20))
COPY_SHARE = 0.04  # of news articles: a reprint of a recent article by another outlet
FIRST_DAY = date(2014, 1, 1)
DAYS = 3 * 365

# the knowledge base of the generated case: two hostile camps, named often
ACTORS_CSV = """id,name,type,country,aliases,parent,adversaries
bench-gov,Government of Varenia,government,zz,,,bench-front|bench-legion
bench-army,Varenian Army,military,zz,,bench-gov,
bench-police,Varenian Police,government,zz,,bench-gov,
bench-front,Eastern Liberation Front,armed_group,zz,ELF,,bench-gov|bench-legion
bench-legion,Highland Legion,armed_group,zz,,,bench-gov|bench-front
bench-agency,Varenian News Agency,media,zz,VNA,bench-gov,
"""
GOVERNMENT_CAMP = ("bench-gov", "bench-army", "bench-police")
REBEL_CAMP = ("bench-front", "bench-legion")
PLANTED_SHARE = 0.03  # of events: cooperation between the two hostile camps
FRIENDLY_SHARE = 0.55  # of pairs of actors: mostly cooperate
CONSISTENCY = 0.95  # of a pair's events: in keeping with how the pair gets on

# category -> (past tense, base form) of the verb phrases that express it
VERBS = {
    "COOPERATE": [("worked with", "work with"), ("coordinated with", "coordinate with")],
    "AID": [("delivered fuel to", "deliver fuel to"), ("sent food to", "send food to")],
    "AGREE": [("agreed a ceasefire with", "agree a ceasefire with")],
    "CONSULT": [("met", "meet"), ("held talks with", "hold talks with")],
    "SUPPORT": [("praised", "praise")],
    "RETREAT": [("handed positions to", "hand positions to")],
    "ASSAULT": [("shelled", "shell"), ("attacked", "attack"), ("ambushed", "ambush")],
    "ACCUSE": [("accused", "accuse")],
    "COERCE": [("arrested members of", "arrest members of")],
    "THREATEN": [("threatened", "threaten")],
    "MOBILIZE": [("sent troops against", "send troops against")],
    "REQUEST": [("made demands of", "make demands of")],
}
COOPERATIVE = ("COOPERATE", "AID", "AGREE", "CONSULT", "SUPPORT", "RETREAT")
HOSTILE = ("ASSAULT", "ACCUSE", "COERCE", "THREATEN", "MOBILIZE", "REQUEST")
CARGO = ["fuel", "diesel", "grain", "flour", "cement", "medicine", "rice", "tyres"]
VEHICLES = ["trucks", "tankers", "lorries", "pickups", "buses", "trailers"]
SYLLABLES = [
    "ka", "ren", "dor", "mi", "sal", "tav", "ur", "bel", "qa", "zin", "ho", "lem", "far",
    "nu", "esh", "rad", "vo", "til", "gan", "as", "mer", "kol", "ib", "sha", "dun", "ry",
]  # fmt: skip
FIRST_NAMES = [
    "Amin", "Dalia", "Farid", "Hana", "Idris", "Jamal", "Lina", "Malik", "Nabil", "Rasha",
    "Sami", "Tala", "Yara", "Zaid", "Basma", "Kamal", "Noor", "Reem", "Wael", "Ziad",
]  # fmt: skip
ORG_KINDS = ["Brigade", "Battalion", "Council", "Trading Company", "Relief Society", "Guard"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


# -- the generated world ------------------------------------------------------------


class Thing(NamedTuple):
    """Someone or something the documents name: an entity as resolution would find it."""

    name: str
    type: str
    kb_id: str | None = None
    kind: str | None = None

    @property
    def id(self) -> str:
        """The entity id."""
        return content_id("e", self.type, self.name)

    @property
    def key(self) -> tuple[str, str]:
        """The (key type, key) resolution groups its names under."""
        return self.type, self.name


class World:
    """The actors, places and outlets of a generated case; actors drawn by Zipf's law."""

    def __init__(self, n: int, seed: int):
        rng = random.Random(f"world-{seed}")
        self.words: set[str] = set()
        kb = [
            Thing(row[1], "organization", row[0], row[2])
            for row in (line.split(",") for line in ACTORS_CSV.splitlines()[1:])
        ]
        self.by_kb = {thing.kb_id: thing for thing in kb}
        invented = [self._actor(rng) for _ in range(max(300, n // 5))]
        self.actors = kb[:5] + invented
        self.cumulative = list(_cumulative(len(self.actors)))
        self.places = [Thing(self._word(rng), "place") for _ in range(max(100, n // 50))]
        self.outlets = [self.by_kb["bench-agency"]] + [
            Thing(f"{self._word(rng)} {rng.choice(['Herald', 'Daily', 'News'])}", "organization")
            for _ in range(max(10, n // 500))
        ]

    def _word(self, rng: random.Random) -> str:
        while True:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if word not in self.words:
                self.words.add(word)
                return word

    def _actor(self, rng: random.Random) -> Thing:
        if rng.random() < 0.5:
            return Thing(f"{rng.choice(FIRST_NAMES)} {self._word(rng)}", "person")
        return Thing(f"{self._word(rng)} {rng.choice(ORG_KINDS)}", "organization")

    def actor(self, rng: random.Random) -> Thing:
        """An actor, the most named ones most often."""
        return rng.choices(self.actors, cum_weights=self.cumulative)[0]

    def camp(self, rng: random.Random, ids: tuple[str, ...]) -> Thing:
        """One actor of a knowledge-base camp."""
        return self.by_kb[rng.choice(ids)]


def _friends(a: Thing, b: Thing) -> bool:
    """Whether two actors mostly cooperate (else they mostly fight), the same in every run."""
    pair = "|".join(sorted((a.name, b.name)))
    return hashlib.sha1(pair.encode()).digest()[0] < 256 * FRIENDLY_SHARE


def _cumulative(count: int) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank
        out.append(total)
    return out


# -- writing one document's records -------------------------------------------------


@dataclass
class GatheredLinks:
    """What resolution and linking would store, gathered while writing the documents."""

    role_entities: list[tuple[str, str, int, str | None]] = field(default_factory=list)
    reporters: list[tuple[str, int, str, str | None]] = field(default_factory=list)
    claim_events: list[tuple[str, str]] = field(default_factory=list)
    dates: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    authors: list[tuple[str, str | None, str]] = field(default_factory=list)
    things: dict[tuple[str, str], Thing] = field(default_factory=dict)


class PageWriter:
    """One page's text, written piece by piece, and what is read on it."""

    def __init__(self, doc_id: str, number: int):
        self.parts: list[str] = []
        self.size = 0
        self.reading = PageReading(doc_id, number)

    def add(self, text: str) -> tuple[int, int]:
        """Append text; its (start, end)."""
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def name(self, thing: Thing, role: str, recognizer: str = BODY) -> Role:
        """Append a name as a mention; the span as a role."""
        start, end = self.add(thing.name)
        reading = self.reading
        reading.mentions.append(
            Mention(reading.doc_id, reading.page, start, end, thing.name, thing.type,
                    LABELS[thing.type], recognizer)
        )  # fmt: skip
        return Role(role, start, end, thing.name)

    @property
    def text(self) -> str:
        """The page text so far."""
        return "".join(self.parts)


class DocumentWriter:
    """Writes one generated document's pages and records, and what linking would find."""

    def __init__(self, doc_id: str, world: World, links: GatheredLinks, rng: random.Random):
        self.doc_id = doc_id
        self.world = world
        self.links = links
        self.rng = rng
        self.cast = list(dict.fromkeys(world.actor(rng) for _ in range(rng.randint(2, 4))))
        self.pages = [PageWriter(doc_id, 1)]
        self.author: Thing | None = None
        self.doc_date: str | None = None

    @property
    def page(self) -> PageWriter:
        """The page being written."""
        return self.pages[-1]

    def new_page(self) -> None:
        """Start the next page."""
        self.pages.append(PageWriter(self.doc_id, len(self.pages) + 1))

    def name(self, thing: Thing, role: str, recognizer: str = BODY) -> Role:
        """Write a name, remembering the entity it resolves to."""
        self.links.things[(thing.type, thing.name)] = thing
        return self.page.name(thing, role, recognizer)

    def someone(self, besides: Thing | None = None) -> Thing:
        """An actor of this document mostly, sometimes anyone."""
        while True:
            pick = (
                self.rng.choice(self.cast)
                if self.rng.random() < 0.85
                else self.world.actor(self.rng)
            )
            if pick != besides:
                return pick

    def a_date(self) -> tuple[str, str]:
        """A day as written and as ISO."""
        day = FIRST_DAY + timedelta(days=self.rng.randrange(DAYS))
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}", day.isoformat()

    # -- sentences ---------------------------------------------------------------

    def event_clause(self, hedged: bool = False) -> Event:
        """'A attacked B near P on D': an event with its roles; returns the Event."""
        rng, page = self.rng, self.page
        planted = rng.random() < PLANTED_SHARE
        if planted:
            a = self.world.camp(rng, GOVERNMENT_CAMP)
            b = self.world.camp(rng, REBEL_CAMP)
        else:
            a = self.someone()
            b = self.someone(besides=a)
        friendly = planted or (_friends(a, b) == (rng.random() < CONSISTENCY))
        category = rng.choice(COOPERATIVE if friendly else HOSTILE)
        past, base = rng.choice(VERBS[category])
        negated = not planted and rng.random() < 0.05
        hypothetical = not negated and rng.random() < 0.07
        start = page.size
        parts = [(self.name(a, "source"), a)]
        page.add(" reportedly " if hedged else " ")
        page.add("did not " if negated else "plans to " if hypothetical else "")
        trigger = page.add(base if negated or hypothetical else past)
        page.add(" ")
        parts.append((self.name(b, "target"), b))
        if rng.random() < 0.5:
            page.add(" near ")
            place = rng.choice(self.world.places)
            parts.append((self.name(place, "location"), place))
        when = None
        if rng.random() < 0.25:
            written, when = self.a_date()
            page.add(" on ")
            parts.append((self.name(Thing(written, "date"), "date"), None))
        reading = page.reading
        event = Event(
            self.doc_id, reading.page, start, page.size, trigger[0], trigger[1], category, "",
            CATEGORIES[category].quad, CATEGORIES[category].intensity, [r for r, _ in parts],
            negated, hypothetical, EXTRACTOR,
        )  # fmt: skip
        reading.events.append(event)
        self.links.role_entities += [(event.id, r.role, 0, t.id) for r, t in parts if t]
        self.links.dates.append(self._date_of(event.id, when))
        return event

    def _date_of(self, event_id: str, when: str | None) -> tuple[str, str | None, str | None]:
        if when:
            return event_id, when, "text"
        if self.doc_date:
            return event_id, self.doc_date[:10], "document"
        return event_id, None, UNDATED

    def event_sentence(self) -> None:
        """An event told by the document itself."""
        event = self.event_clause()
        self.page.add(". ")
        self._reported(event.id, [])

    def _reported(self, event_id: str, chain: list[Thing]) -> None:
        voices = chain + ([self.author] if self.author else [])
        seen: set[str] = set()
        for voice in voices:
            if voice.id not in seen:
                seen.add(voice.id)
                self.links.reporters.append((event_id, len(seen) - 1, voice.name, voice.id))

    def claim_sentence(self) -> None:
        """'S said that A attacked B.' (or a quotation), hedged now and then."""
        rng, page = self.rng, self.page
        speaker = self.someone() if rng.random() < 0.8 else rng.choice(self.world.outlets)
        hedged = rng.random() < 0.3
        cue_word = "claimed" if hedged else "said"
        start = page.size
        if rng.random() < 0.5:
            said = self.name(speaker, "speaker")
            page.add(" ")
            cue = Role("cue", *page.add(cue_word), cue_word)
            page.add(" that ")
            content, event = self._content(hedged)
            page.add(".")
            kind = "indirect"
        else:
            page.add("\u201c")
            content, event = self._content(hedged)
            page.add(",\u201d ")
            said = self.name(speaker, "speaker")
            page.add(" ")
            cue = Role("cue", *page.add(cue_word), cue_word)
            page.add(".")
            kind = "direct"
        page.add(" ")
        reading = page.reading
        claim = Claim(
            self.doc_id, reading.page, start, page.size - 1, kind, cue, content, said, hedged,
            EXTRACTOR,
        )  # fmt: skip
        reading.claims.append(claim)
        self.links.role_entities.append((claim.id, "speaker", 0, speaker.id))
        if event is not None:
            self.links.claim_events.append((claim.id, event.id))
            self._reported(event.id, [speaker])

    def _content(self, hedged: bool) -> tuple[Role, Event | None]:
        """What a claim says: mostly an event, sometimes how things are somewhere."""
        page = self.page
        start = page.size
        if self.rng.random() < 0.8:
            event = self.event_clause(hedged)
        else:
            event = None
            page.add("the roads to ")
            self.name(self.rng.choice(self.world.places), "place")
            page.add(" were calm")
        return Role("content", start, page.size, page.text[start:]), event

    def enemies_sentence(self) -> None:
        """Two sides called enemies in one sentence."""
        rng = self.rng
        if rng.random() < 0.5:
            a, b = self.world.camp(rng, GOVERNMENT_CAMP), self.world.camp(rng, REBEL_CAMP)
        else:
            a = self.someone()
            b = self.someone(besides=a)
        self.page.add(rng.choice(["Fighting between ", "The old rivalry between "]))
        self.name(a, "actor")
        self.page.add(" and ")
        self.name(b, "actor")
        self.page.add(rng.choice([" went on. ", " has not ended, and they remain enemies. "]))

    def filler_sentence(self) -> None:
        """A sentence with a place and numbers but no event."""
        rng, page = self.rng, self.page
        count = rng.randint(2, 90)
        if rng.random() < 0.5:
            page.add(f"{count} {rng.choice(VEHICLES)} carrying {rng.choice(CARGO)} were seen near ")
            self.name(rng.choice(self.world.places), "place")
        else:
            page.add(f"The price of {rng.choice(CARGO)} in ")
            self.name(rng.choice(self.world.places), "place")
            page.add(f" rose by {count} percent")
            if rng.random() < 0.3:
                written, _ = self.a_date()
                page.add(" by ")
                self.name(Thing(written, "date"), "date")
        page.add(". ")

    def body(self, sentences: int, pages: int) -> None:
        """The running text, in paragraphs, over one or more pages."""
        rng = self.rng
        writers = [
            (self.event_sentence, 0.25),
            (self.claim_sentence, 0.10),
            (self.enemies_sentence, 0.03),
            (self.filler_sentence, 0.62),
        ]
        calls = rng.choices([w for w, _ in writers], weights=[s for _, s in writers], k=sentences)
        for number, call in enumerate(calls):
            if pages > 1 and number == sentences // 2:
                self.new_page()
            elif number and number % 3 == 0:
                self.page.add("\n\n")
            call()
        self.page.add("\n")


@dataclass
class Generated:
    """One generated document: its text by page, what was read on it, its facts."""

    path: str
    kind: str
    title: str
    sha256: str
    doc_date: str | None
    pages: list[PageWriter]


def write_document(
    index: int, kind: str, origin: int, world: World, links: GatheredLinks, seed: int
) -> Generated:
    """Document number index; a reprint of document origin when origin != index."""
    # the notional original file's hash: the text is not known before it is written
    sha = hashlib.sha256(f"findings-scale-{seed}-{index}".encode()).hexdigest()
    doc_id = doc_id_for(sha)
    header = random.Random(f"{seed}-header-{index}")
    body = random.Random(f"{seed}-body-{origin}")
    writer = DocumentWriter(doc_id, world, links, body)
    title = f"{body.choice(CARGO).capitalize()} and the road to {body.choice(world.places).name}"
    page = writer.page
    if kind == "news":
        writer.author = header.choice(world.outlets)
        page.add(f"{title}\nBy ")
        writer.name(writer.author, "byline")
        page.add("\n\n")
    elif kind == "memo":
        writer.author = world.actor(header)
        while writer.author.type != "organization":
            writer.author = world.actor(header)
        writer.name(writer.author, "letterhead")
        page.add(f"\nInternal memorandum no. {header.randint(1, 999)}\n\n")
    else:
        writer.doc_date = email_header(writer, header, title)
    low, high = {"news": (6, 10), "memo": (5, 9), "email": (3, 6)}[kind]
    pages = 2 if kind == "memo" and body.random() < 0.2 else 1
    writer.body(body.randint(low, high), pages)
    if writer.author is not None:
        links.authors.append((doc_id, writer.author.id, writer.author.name))
    path = f"{kind}/{index // 100:04d}/{index:06d}.{EXTENSIONS[kind]}"
    return Generated(path, kind, title, sha, writer.doc_date, writer.pages)


def email_header(writer: DocumentWriter, rng: random.Random, subject: str) -> str:
    """From, To and Cc lines (people, as e-mail header mentions), Date, Subject; the date."""
    people = [t for t in writer.cast if t.type == "person"]
    while len(people) < 2:
        pick = writer.world.actor(rng)
        if pick.type == "person" and pick not in people:
            people.append(pick)
    writer.author = people[0]
    page = writer.page
    for field_name, person in zip(("From", "To", "Cc"), people, strict=False):
        page.add(f"{field_name}: ")
        writer.name(person, field_name.lower(), HEADER)
        page.add("\n")
    written, when = writer.a_date()
    page.add(f"Date: {written}\nSubject: {subject}\n\n")
    return when


def plan(n: int, seed: int) -> Iterator[tuple[int, str, int]]:
    """(index, kind, origin) of every document; a reprint's origin is the article it copies."""
    rng = random.Random(f"{seed}-plan")
    originals: deque[int] = deque(maxlen=300)
    names, weights = zip(*KINDS, strict=True)
    for index in range(n):
        kind = rng.choices(names, weights=weights)[0]
        origin = index
        if kind == "news" and originals and rng.random() < COPY_SHARE:
            origin = rng.choice(originals)
        elif kind == "news":
            originals.append(index)
        yield index, kind, origin


# -- building the case through the store --------------------------------------------


def store_document(case: Case, doc: Generated) -> None:
    """Record a generated document and its pages as ingest would have extracted them."""
    size = sum(len(page.text.encode()) for page in doc.pages)
    doc_id, _, _ = case.documents.add_source(doc.sha256, size, doc.path, Path(doc.path), 0)
    metadata = {"date": doc.doc_date, "subject": doc.title} if doc.doc_date else {}
    extraction = Extraction(MIMES[doc.kind], doc.title, metadata=metadata, language="en")
    extraction.extractor = EXTRACTOR
    for page in doc.pages:
        extraction.add_page(page.text)
    case.documents.save_extraction(doc_id, extraction, doc.doc_date)


def resolve_things(case: Case, things: dict[tuple[str, str], Thing]) -> int:
    """Every mention's entity, stored as resolution would store it; how many entities."""
    case.mentions.start_name_keys()
    for doc_id, names in case.mentions.each_document_groups():
        case.mentions.add_name_keys(
            doc_id, [(text, kind, *things[(kind, text)].key) for text, kind in names]
        )
    entities: dict[str, Entity] = {}
    assignment: dict[tuple[str, str, str], str] = {}
    for key_type, key, text, type_name, count in case.mentions.keyed_names():
        thing = things[(type_name, text)]
        entity = entities.get(thing.id)
        if entity is None:
            entity = entities[thing.id] = _entity(thing)
        entity.aliases[text] = entity.aliases.get(text, 0) + count
        assignment[(key_type, key, text)] = thing.id
    case.entities.save_resolution(assignment, entities)
    return len(entities)


def _entity(thing: Thing) -> Entity:
    entity = Entity(thing.id, thing.name, thing.type, thing.key)
    entity.kb_id, entity.kind = thing.kb_id, thing.kind
    if thing.type == "place":
        spot = random.Random(thing.name)
        entity.kind, entity.country = "place", "zz"
        entity.lat, entity.lon = round(spot.uniform(30, 36), 4), round(spot.uniform(35, 42), 4)
    return entity


def build_case(case_dir: Path, n: int, seed: int) -> dict[str, Any]:
    """Write n generated documents and their records into a new case; counts."""
    case = Case.create(case_dir, Settings(workers=2))
    (case_dir / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    load_actors(case_dir / "actors.csv")  # checked as `casegraph actors import` would
    world, links = World(n, seed), GatheredLinks()
    documents = plan(n, seed)
    while batch := list(islice(documents, BATCH)):
        written = [write_document(*item, world, links, seed) for item in batch]
        readings = {(p.reading.doc_id, p.reading.page): p.reading for d in written for p in d.pages}
        with case.transaction():
            for doc in written:
                store_document(case, doc)
            # LIMIT -1: every page not read yet, which is this batch's
            for page_id, doc_id, number, _ in case.readings.todo_after(STAGE, EXTRACTOR, 0, -1):
                case.readings.save(page_id, readings[(doc_id, number)], STAGE, EXTRACTOR)
    entities = resolve_things(case, links.things)
    with case.transaction():
        case.links.clear()
        case.links.add(
            Links(
                links.role_entities,
                [],
                links.reporters,
                links.claim_events,
                links.dates,
                links.authors,
            )
        )
    counts = {"documents": n, "entities": entities, **case.readings.counts()}
    case.close()
    return counts


def built_case(args: argparse.Namespace, n: int) -> tuple[Path, dict[str, Any]]:
    """The case for n, generated now (in a child process) or found in the cache; its counts."""
    case_dir = args.work / "cases" / f"findings-n{n}-s{args.seed}-v{GENERATOR_VERSION}"
    counts = case_dir / "generated.json"  # written last: a case without it is made again
    if counts.is_file() and not args.rebuild:
        return case_dir, json.loads(counts.read_text())
    shutil.rmtree(case_dir, ignore_errors=True)
    log(f"N={n:,}: generating records into {case_dir} through the store ...")
    # in a child, so that this process stays small: a child's ru_maxrss starts from its parent's
    info = run_child(["build", str(case_dir), str(n), str(args.seed)])
    counts.write_text(json.dumps(info) + "\n")
    log(f"  generated in {info['seconds']:.0f} s: {info}")
    return case_dir, info


# -- measuring, one fresh process per task --------------------------------------------


def child_main(argv: list[str]) -> None:
    """In a fresh process: build CASE N SEED, or do TASK CASE OUT; print seconds and memory."""
    what, case_dir = argv[0], Path(argv[1])
    if what == "build":
        imports_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        detail = build_case(case_dir, int(argv[2]), int(argv[3]))
    else:
        imports_kib, started, detail = _task(what, case_dir, Path(argv[2]))
    result = {
        "seconds": time.perf_counter() - started,
        "start_mb": imports_kib / 1024,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **detail,
    }
    print(RESULT_TAG + json.dumps(result), flush=True)


def _task(task: str, case_dir: Path, out: Path) -> tuple[int, float, dict[str, Any]]:
    """Do one task: (ru_maxrss after the imports, its start time, what it wrote)."""
    # the modules `casegraph findings` and `casegraph export` import
    if task == "findings":
        from casegraph.analysis.findings import find
    else:
        from casegraph.export.ftm import export_ftm
        from casegraph.export.graphs import export
    imports_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    case = Case.open(case_dir)
    if task == "findings":
        found = find(case)
        # what `casegraph findings --json` prints
        out.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written: dict[str, Any] = {"findings": len(found)}
    elif task == "ftm":
        written = export_ftm(case, out)["entities"]
    elif task == "csv":
        written = export(case, task, out)["rows"]
    else:
        written = {k: v for k, v in export(case, task, out).items() if k not in ("format", "path")}
    paths = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
    megabytes = sum(p.stat().st_size for p in paths) / 1024**2
    return imports_kib, started, {"output_mb": megabytes, "detail": written}


def run_child(argv: list[str], timeout: float | None = None) -> dict[str, Any] | None:
    """Run this script as a child; its result, or None when it ran out of time."""
    command = [sys.executable, str(Path(__file__).resolve()), CHILD, *argv]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if done.returncode != 0 or not lines:
        sys.exit(f"error: {' '.join(argv)} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(lines[-1][len(RESULT_TAG) :])


def run_task(task: str, case_dir: Path, out: Path, timeout: float) -> dict[str, Any]:
    """Run one task in a child process, removing what it wrote; or a note that it timed out."""
    try:
        result = run_child([task, str(case_dir), str(out)], timeout)
    finally:
        if out.is_dir():
            shutil.rmtree(out)
        else:
            out.unlink(missing_ok=True)
    return result if result is not None else {"timed_out": timeout}


# -- the report ---------------------------------------------------------------------


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float | None:
    """log(v2/v1) / log(n2/n1), or None when a value is missing or not positive."""
    (n1, v1), (n2, v2) = small, large
    if not v1 or not v2 or v1 <= 0 or v2 <= 0:
        return None
    return math.log(v2 / v1) / math.log(n2 / n1)


def n_log_n(n1: int, n2: int) -> float:
    """The exponent n log n shows between two sizes."""
    return exponent((n1, n1 * math.log(n1)), (n2, n2 * math.log(n2))) or 0.0


def results_table(
    sizes: list[int], tasks: list[str], results: dict[tuple[str, int], dict[str, Any]]
) -> str:
    """Seconds, peak RSS, output and the load at the start, per task and size."""
    lines = [
        "| task | N | seconds | peak RSS MB | RSS after imports MB | output MB | load (1 min) "
        "| written |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for task in tasks:
        for n in sizes:
            r = results[(task, n)]
            if "timed_out" in r:
                lines.append(f"| {task} | {n:,} | over {r['timed_out']:.0f} | | | | | timed out |")
                continue
            written = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                                for k, v in r["detail"].items())  # fmt: skip
            lines.append(
                f"| {task} | {n:,} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | "
                f"{r['start_mb']:.0f} | {r['output_mb']:.1f} | {r['load']:.1f} | {written} |"
            )
    return "\n".join(lines)


def growth_table(
    sizes: list[int], tasks: list[str], results: dict[tuple[str, int], dict[str, Any]]
) -> str:
    """Growth exponents of time and of memory above the imports, between consecutive sizes."""
    pairs = list(zip(sizes, sizes[1:], strict=False))
    header = " | ".join(f"time {a:,}->{b:,} | memory {a:,}->{b:,}" for a, b in pairs)
    lines = [f"| task | {header} |", "|---" * (1 + 2 * len(pairs)) + "|"]
    reference = " | ".join(f"{n_log_n(a, b):.2f} | {n_log_n(a, b):.2f}" for a, b in pairs)
    lines.append(f"| n log n | {reference} |")
    for task in tasks:
        cells = []
        for a, b in pairs:
            ra, rb = results.get((task, a), {}), results.get((task, b), {})
            times = exponent((a, ra.get("seconds")), (b, rb.get("seconds")))
            grown = [r.get("peak_mb", 0) - r.get("start_mb", 0) for r in (ra, rb)]
            memory = exponent((a, grown[0]), (b, grown[1]))
            cells += [_fmt(times), _fmt(memory)]
        lines.append(f"| {task} | {' | '.join(cells)} |")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def case_table(infos: dict[int, dict[str, Any]], loads: dict[int, str]) -> str:
    """What each generated case holds, how long it took to generate, the load meanwhile."""
    lines = [
        "| N | entities | events | claims | generated in s | generator's peak RSS MB "
        "| load average before the runs |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, info in infos.items():
        lines.append(
            f"| {n:,} | {info['entities']:,} | {info['events']:,} | {info['claims']:,} | "
            f"{info['seconds']:.0f} | {info['peak_mb']:.0f} | {loads[n]} |"
        )
    return "\n".join(lines)


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def parse_args() -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=positive_int, nargs="+", default=[1000, 10000, 100000],
        help="documents per case",
    )  # fmt: skip
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="cases and outputs")
    parser.add_argument("--out", type=Path, help="markdown report (default WORK/findings.md)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tasks", nargs="+", choices=TASKS, default=list(TASKS))
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per task")
    parser.add_argument("--rebuild", action="store_true", help="ignore cached cases")
    return parser.parse_args()


def main() -> None:
    """Build or reuse a case per size, run every task on each, print and write the report."""
    args = parse_args()
    args.work = args.work.resolve()
    sizes = sorted(set(args.sizes))
    facts = machine_facts()
    infos, loads, results = {}, {}, {}
    for n in sizes:
        case_dir, infos[n] = built_case(args, n)
        loads[n] = load_average()
        for task in args.tasks:
            log(f"N={n:,}: {task} ...")
            out = args.work / f"findings-out-n{n}-{task}"
            load = os.getloadavg()[0]
            results[(task, n)] = result = run_task(task, case_dir, out, args.timeout)
            result["load"] = load
            log(f"  {result.get('seconds', 0):.1f} s, peak {result.get('peak_mb', 0):.0f} MB")
    sections = [
        "# casegraph findings and export at scale",
        facts_markdown(facts),
        case_table(infos, loads),
        results_table(sizes, args.tasks, results),
    ]
    if len(sizes) > 1:
        sections += [
            "Growth exponents, log(v2/v1)/log(n2/n1): time, and peak RSS above the RSS after "
            "imports. Linear is 1.00; the n log n row is the reference.",
            growth_table(sizes, args.tasks, results),
        ]
    report = "\n\n".join(sections)
    out = args.out or args.work / "findings.md"
    out.write_text(report + "\n")
    print(report)
    log(f"written to {out}")


if __name__ == "__main__":
    if sys.argv[1:2] == [CHILD]:
        child_main(sys.argv[2:])
    else:
        main()
