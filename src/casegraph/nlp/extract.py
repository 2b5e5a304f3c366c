"""`casegraph extract`: read new pages (mentions, events, claims), then resolve and link."""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeAlias

from tqdm import tqdm

from ..case.sql import LAST_PAGE_ID
from ..case.store import Case
from ..errors import one_line
from ..records import PageReading
from ..stages import READ_PAGES, Run, Stage, fixed
from . import propagate
from .kb import (
    Actor,
    alias_index,
    alias_key,
    distinctive,
    load_actors,
    own_actor_ids,
    shipped_digest,
)
from .places import GAZETTEER_VERSION, Context, Gazetteer, Place, gazetteer
from .readers import readers_version
from .resolve import RESOLVER, KeyedName, MentionGroup, acronyms, document_keys, resolve
from .versions import LINKER, recognizer_name

STAGE = READ_PAGES
ACTORS_FILE = "actors.csv"
# the knowledge base's kinds of actor, as entity types
ENTITY_TYPE = {"person": "person", "place": "place"}
BATCH_PAGES = 200
PARALLEL_MIN_CHARS = 200_000
# worker processes start once per batch: bigger batches make them worth starting
PARALLEL_BATCH_PAGES = 1_000
# (doc id, page number, text) of pages to read; (model, actors file) of the pipeline to read with
PageTexts: TypeAlias = list[tuple[str, int, str]]
Pipeline: TypeAlias = tuple[str, str | None]
# a batch's pages are cut into this many parts a process, so that none waits long for another
PARTS_PER_PROCESS = 4
PROPAGATE_PAGES = 500  # pages whose text and mention spans are held at once
ALL_PAGES = (0, LAST_PAGE_ID)
# spaCy's pipelines are not made to be shared by threads (a server's worker runs two jobs at
# once): a process reads one batch at a time; workers read more at once by processes
_PIPELINE_IN_USE = threading.Lock()
# the name under which propagate, resolve and link record what they last saw and found
CASE_WIDE = "extract"


def extract(case: Case, progress: bool = True) -> dict[str, Any]:
    """Run the extract stages in order: read new pages, then spread names, resolve and link
    across the case, unless nothing they read has changed since they last ran."""
    run = Run(progress=progress)
    reading, *case_wide = EXTRACT_STAGES
    with case.writer_lock():
        run.results[reading.name] = reading.run(case, run)
        case.refresh_statistics()
        seen = _case_state(case)
        last = json.loads(case.readings.last_run(CASE_WIDE) or "{}")
        if run.results[reading.name]["pages"] or last.get("seen") != seen:
            for stage in case_wide:
                run.results[stage.name] = stage.run(case, run)
                case.refresh_statistics()  # the next stage reads what this one wrote
            found = {stage.name: run.results[stage.name] for stage in case_wide}
            with case.transaction():
                case.readings.save_last_run(CASE_WIDE, json.dumps({"seen": seen, "found": found}))
        else:
            run.results.update(last["found"])
    return {
        **run.results["recognise"],
        "mentions_propagated": run.results["propagate"],
        "entities": run.results["resolve"],
        **run.results["link"],
    }


def _case_state(case: Case) -> dict[str, Any]:
    """What the case-wide stages read, in brief: the versions of every stage and of the
    knowledge they use, how many pages were read, and people's merge and split judgements."""
    merges, splits = case.reviews.judgements()
    return {
        "versions": [stage.version(case) for stage in EXTRACT_STAGES],
        "knowledge": [shipped_digest(), GAZETTEER_VERSION],
        "pages_read": case.readings.done_count(STAGE),
        "judgements": len(merges) + len(splits),
    }


def recognise_version(case: Case) -> str:
    """The version of the reading of pages in this case: the recogniser (its model and the
    case's own actors) and every page reader."""
    actors = case_actors_file(case)
    recogniser = recognizer_name(case.load_settings().nlp_model, str(actors) if actors else None)
    return f"{recogniser}; {readers_version()}"


def _recognise(case: Case, run: Run) -> dict[str, int]:
    """Read every page this version has not read: names, events and claims."""
    return recognise_pages(case, ALL_PAGES, run.progress)


def recognise_pages(
    case: Case, within: tuple[int, int] = ALL_PAGES, progress: bool = False
) -> dict[str, int]:
    """Read the pages whose ids lie ``within`` (first, last) that this version has not
    read. Run beside other processes reading other pages of the case (server jobs), it takes
    no writer lock: each page's reading is written whole, in its batch's transaction."""
    settings = case.load_settings()
    actors = case_actors_file(case)
    pipeline = (settings.nlp_model, str(actors) if actors else None)
    label = recognise_version(case)
    pages, chars = case.readings.todo_size(STAGE, label, within)
    # worker processes pay for themselves only on a good amount of text
    processes = settings.workers if chars > PARALLEL_MIN_CHARS else 1
    bar = tqdm(
        total=chars,
        unit="char",
        unit_scale=True,
        desc="entities",
        file=sys.stderr,
        disable=None if progress else True,
    )
    found: Counter[str] = Counter()
    size = BATCH_PAGES if processes == 1 else PARALLEL_BATCH_PAGES
    for batch in _batches(case, (STAGE, label), size, within) if pages else ():
        found += _recognise_batch(case, batch, pipeline, label, processes)
        bar.update(sum(len(text) for *_, text in batch))
    bar.close()
    return {
        "pages": pages,
        "pages_failed": found["failed_pages"],
        "mentions_found": found["mentions"],
        "events_found": found["events"],
        "claims_found": found["claims"],
    }


def unread_page_ranges(case: Case, chars: int, pages: int) -> list[tuple[int, int]]:
    """The pages this version of the reading has not read, as (first id, last id) ranges
    that end once they hold ``chars`` characters or ``pages`` pages: work to share out in
    parts of about the same reading time (a page's reading takes time by its length)."""
    ranges: list[tuple[int, int]] = []
    held, count = 0, 0
    for page_id, length in case.readings.todo_lengths(STAGE, recognise_version(case)):
        if not count:
            ranges.append((page_id, page_id))
        held, count = held + length, count + 1
        ranges[-1] = (ranges[-1][0], page_id)
        if held >= chars or count == pages:
            held, count = 0, 0
    return ranges


def _propagate(case: Case, run: Run) -> int:
    # acronyms defined in brackets, read once from every page for this step and the next
    run.results["acronyms"] = acronyms(case.pages.texts())
    return propagate_names(case, run.results["acronyms"])


def _link(case: Case, _run: Run) -> dict[str, int]:
    from .link import link_case

    link_case(case)
    return case.readings.counts()


EXTRACT_STAGES: tuple[Stage, ...] = (
    Stage(
        "recognise",
        recognise_version,
        reads=("pages",),
        writes=("readings", "mentions", "events", "claims"),
        run=_recognise,
    ),
    Stage(
        "propagate",
        fixed(propagate.VERSION),
        reads=("pages", "mentions"),
        writes=("mentions",),
        run=_propagate,
    ),
    Stage(
        "resolve",
        fixed(RESOLVER),
        reads=("mentions", "reviews"),
        writes=("mentions", "entities"),
        run=lambda case, run: resolve_entities(case, run.results["acronyms"]),
    ),
    Stage(
        "link",
        fixed(LINKER),
        reads=("documents", "pages", "mentions", "entities", "events", "claims"),
        writes=("links",),
        run=_link,
    ),
)


def propagate_names(
    case: Case, defined: dict[str, str], pages_at_once: int = PROPAGATE_PAGES
) -> int:
    """Find every occurrence of the case's recognised names on every page; returns how many."""
    names = propagate.gazetteer(case.mentions.names_besides(besides=propagate.RECOGNIZER))
    # an acronym defined once in brackets is a name everywhere in the case
    names.update({short: "organization" for short in defined})
    found = 0
    # one transaction: a run killed half-way leaves the previous propagation whole, and the
    # next extract does it again (the case-wide stages record that they ran only at the end)
    with case.transaction():
        case.mentions.delete_by(propagate.RECOGNIZER)
        for pages in case.pages.readable_chunks(pages_at_once):
            taken = case.mentions.spans_besides(propagate.RECOGNIZER, pages[0][0], pages[-1][0])
            chunk = list(propagate.find(names, pages, taken))
            case.mentions.add(chunk)
            found += len(chunk)
    return found


def _recognise_batch(
    case: Case,
    batch: list[tuple[int, str, int, str]],
    pipeline: Pipeline,
    label: str,
    processes: int,
) -> Counter[str]:
    by_page: dict[tuple[str, int], PageReading] = {}
    pages = [(doc_id, number, text) for _, doc_id, number, text in batch]
    pieces, failed = _read_guarded(pages, pipeline, processes)
    for piece in pieces:
        reading = by_page.setdefault(
            (piece.doc_id, piece.page), PageReading(piece.doc_id, piece.page)
        )
        reading.mentions += piece.mentions
        reading.events += piece.events
        reading.claims += piece.claims
    found: Counter[str] = Counter()
    with case.transaction():
        for page_id, doc_id, number, _ in batch:
            if (doc_id, number) in failed:
                case.readings.save_failure(STAGE, doc_id, number, label, failed[doc_id, number])
                found["failed_pages"] += 1
                continue
            reading = by_page.get((doc_id, number), PageReading(doc_id, number))
            case.readings.save(page_id, reading, STAGE, label)
            found.update(
                mentions=len(reading.mentions),
                events=len(reading.events),
                claims=len(reading.claims),
            )
    return found


def _read_guarded(
    pages: PageTexts, pipeline: Pipeline, processes: int
) -> tuple[list[PageReading], dict[tuple[str, int], str]]:
    """Read a batch of pages; if that fails, each page alone: a failing page is set apart."""
    with _PIPELINE_IN_USE:
        try:
            return _read(pages, pipeline, processes), {}
        except Exception:  # one bad page must not cost the batch: read each alone
            return _read_each(pages, pipeline)


def _read_each(
    pages: PageTexts, pipeline: Pipeline
) -> tuple[list[PageReading], dict[tuple[str, int], str]]:
    """Read pages one at a time; the error of each page that fails, by (doc_id, page)."""
    readings: list[PageReading] = []
    failed: dict[tuple[str, int], str] = {}
    for page in pages:
        try:
            readings += _read([page], pipeline)
        except Exception as error:  # this page's failure, recorded; the run goes on
            failed[page[0], page[1]] = one_line(error)
    return readings, failed


def _read(pages: PageTexts, pipeline: Pipeline, processes: int = 1) -> list[PageReading]:
    """Every page's reading, in page order; with several processes, each reads whole pages
    (parse, patterns, places, events, claims), as many at once as there are processes."""
    # spaCy is imported when there are pages to read, not to learn that there are none
    from .recognize import load_pipeline

    if processes == 1 or len(pages) < processes:
        return _read_part((pages, pipeline))
    # loaded before the fork: every process reads with the parent's pipeline, not its own
    load_pipeline(*pipeline)
    parts = _parts(pages, processes * PARTS_PER_PROCESS)
    # a process that dies breaks the pool with an error (not a wait without end): the batch
    # is then read again page by page
    forked = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=forked) as pool:
        read = list(pool.map(_read_part, [(part, pipeline) for part in parts]))
    return [reading for part in read for reading in part]


def _parts(pages: PageTexts, count: int) -> list[PageTexts]:
    """Pages in ``count`` runs of consecutive pages holding about as many characters each."""
    share = sum(len(text) for *_, text in pages) / count
    parts: list[PageTexts] = [[]]
    held = 0
    for page in pages:
        if held >= share and len(parts) < count:
            parts.append([])
            held = 0
        parts[-1].append(page)
        held += len(page[2])
    return parts


def _read_part(
    work: tuple[PageTexts, Pipeline],
) -> list[PageReading]:
    from .recognize import read_pages

    pages, (model, actors_file) = work
    return list(read_pages(pages, model, actors_file=actors_file))


def resolve_case(case: Case, defined: dict[str, str] | None = None) -> int:
    """Resolve mentions to entities (people's judgements win), then link events; entity count."""
    from .link import link_case

    resolved = resolve_entities(case, defined)
    # events and claims point at entities: every resolution links them anew
    link_case(case)
    return resolved


def resolve_entities(case: Case, defined: dict[str, str] | None = None) -> int:
    """Resolve mentions to entities, people's judgements winning; how many entities."""
    merges, splits = case.reviews.judgements()
    own_file = case_actors_file(case)
    actors = load_actors(own_file)
    if defined is None:
        defined = acronyms(case.pages.texts())
    located = _key_documents(case, defined, KnownActors(actors, own_actor_ids(own_file)))
    names = [
        KeyedName((kt, key), text, kind, n)
        for kt, key, text, kind, n in case.mentions.keyed_names()
    ]
    assignment, entities = resolve(names, merges, splits)
    for entity in entities.values():
        if entity.kb_id in actors:
            actor = actors[entity.kb_id]
            entity.name, entity.kind, entity.country = actor.name, actor.type, actor.country or None
        elif entity.key[1] in located:
            place = located[entity.key[1]]
            entity.kind, entity.country = "place", place.country
            entity.lat, entity.lon, entity.feature = place.lat, place.lon, place.feature
    case.entities.save_resolution(assignment, entities)
    return len(entities)


def _key_documents(case: Case, defined: dict[str, str], known: KnownActors) -> dict[str, Place]:
    """Record the name key of each document's mentions, one document at a time; places found."""
    places = gazetteer()
    located: dict[str, Place] = {}
    case.mentions.start_name_keys()
    for doc_id, rows in case.mentions.each_document_groups():
        groups = [MentionGroup(doc_id, *row) for row in rows]
        context = document_context(groups, known, places)
        locate = _locator(places, context, located, _ordinary_words(case, doc_id))
        keys = document_keys(groups, defined, known, locate)
        case.mentions.add_name_keys(
            doc_id, [(g.text, g.type, *key) for g, key in zip(groups, keys, strict=True)]
        )
    return located


def _locator(
    places: Gazetteer,
    context: Context,
    located: dict[str, Place],
    ordinary: Callable[[str], bool],
) -> Callable[[MentionGroup], str | None]:
    """A mention's gazetteer place in its document's context, kept in located; or None. A
    name the recogniser did not call a place is none when the document uses it as an
    ordinary word ("Time" heading a table where "time" is written too)."""

    def locate(mention: MentionGroup) -> str | None:
        place = places.resolve(mention.text, context)
        if place is None:
            return None
        if mention.type != "place" and (not _named_place(place) or ordinary(mention.text)):
            return None
        located[place.id] = place
        return place.id

    return locate


# a word in lower case in running text, not part of an address ("gov.bc.ca", "@time")
_LOWER_WORD = re.compile(r"(?<![\w.\-/@])[a-z]+(?![\w\-/@]|\.\w)")


def _ordinary_words(case: Case, doc_id: str) -> Callable[[str], bool]:
    """Whether a one-word name is written in lower case somewhere in the document: its pages
    are read only when a name asks."""
    words: set[str] = set()
    read = False

    def ordinary(name: str) -> bool:
        nonlocal read
        if " " in name.strip():
            return False
        if not read:
            for text in case.pages.texts_of([doc_id]).values():
                words.update(_LOWER_WORD.findall(text))
            read = True
        return name.strip().lower() in words

    return ordinary


# a name the recogniser did not call a place is one only if it names a country, a subdivision,
# a region or a town of this size ("Smith" the person is not Smith, Alberta)
ORGANISATION_AS_TOWN = 15_000


def _named_place(place: Place) -> bool:
    return place.feature != "city" or place.population >= ORGANISATION_AS_TOWN


def document_context(groups: list[MentionGroup], known: KnownActors, places: Gazetteer) -> Context:
    """What a document is about: the countries and subdivisions it names, and its actors'
    countries."""
    named = [g for g in groups if g.type in ("place", "organization")]
    found = places.context(g.text for g in named)
    for group in named:
        if places.country_of(group.text) is not None:
            continue
        if (hit := known(group.text, group.type)) and (country := known.actors[hit[1]].country):
            found.add(country, group.text)
    return found


def place_context(names: list[str]) -> Context:
    """A document's context from the names of its places and organisations, as extract reads it."""
    groups = [MentionGroup("", name, "place") for name in names]
    return document_context(groups, KnownActors(load_actors(None)), gazetteer())


def case_actors_file(case: Case) -> Path | None:
    """The case's own actors CSV, if one was imported."""
    path = case.root / ACTORS_FILE
    return path if path.exists() else None


def import_actors(case: Case, source: Path) -> int:
    """Check a CSV of actors against the knowledge base and keep it with the case."""
    load_actors(source)  # raises BadSetting naming the first bad row
    shutil.copyfile(source, case.root / ACTORS_FILE)
    return sum(1 for line in source.read_text(encoding="utf-8").splitlines()[1:] if line.strip())


class KnownActors:
    """Looks mentions up in the actor knowledge base: (entity type, actor id) or None."""

    def __init__(self, actors: dict[str, Actor], own: frozenset[str] = frozenset()):
        self.actors = actors
        self.own = own
        self.index = alias_index(actors)

    def __call__(self, text: str, kind: str) -> tuple[str, str] | None:
        ids = self.index.get(alias_key(text), [])
        if kind == "person" and distinctive(text):
            # the recogniser finds such a name as the knowledge base types it: a person here
            # is one by context ("an official named Abu Sayyaf"), no namesake group or place
            ids = [i for i in ids if self._type(i) == "person"]
        # the case's own list knows its trove: its "National News Agency" is the one meant
        for pool in ([i for i in ids if i in self.own], ids):
            fitting = [i for i in pool if self._type(i) == kind]
            # an ambiguous name (RSF: a militia, a press NGO) is only taken when its type decides
            chosen = fitting if len(fitting) == 1 else pool if len(pool) == 1 else []
            if chosen:
                return self._type(chosen[0]), chosen[0]
        return None

    def _type(self, actor_id: str) -> str:
        return ENTITY_TYPE.get(self.actors[actor_id].type, "organization")


def _batches(
    case: Case, stage: tuple[str, str], size: int, within: tuple[int, int]
) -> Iterator[list[tuple[int, str, int, str]]]:
    """The pages a stage has not done (of those whose ids lie ``within``), ``size`` at a
    time, in page order."""
    after, through = within[0] - 1, within[1]
    while batch := case.readings.todo_after(*stage, after, size, through):
        yield batch
        after = batch[-1][0]
