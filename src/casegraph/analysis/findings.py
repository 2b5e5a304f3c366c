"""Findings: what the trove reveals, best first, each with every passage behind it.

Kinds:

* ``unexpected_cooperation``: two sides that are adversaries (the knowledge base says so,
  or two pieces of evidence do: conflict events between them, which do not count against
  a monitor, mediator or outlet, and sentences calling them enemies) also have
  cooperative events between them.
* ``contradiction``: one source says an act did not happen that another reports.
* ``single_source_claim``: a claim whose events no other independent source reports.
* ``syndicated_copies``: documents carrying the same story (one source, many outlets).

``corroborate`` gives, for any event, the reports of the same act, the independent sources
behind them and the denials of it, by the same rules.

Reads: events, claims, entities, document authors and texts, the actor knowledge base.
Writes: nothing; findings are computed on demand, with every event and claim of the case in
memory (each kind compares them across the whole case).
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeAlias

from ..case.store import Case
from ..nlp.dates import MONTHS, parse_date
from ..nlp.extract import case_actors_file
from ..nlp.kb import Actor, are_adversaries, lineage, load_actors
from ..nlp.plover import in_words, shown_by
from ..records import actor_ids, actor_list, content_id, rejected, standing
from .corroboration import Copies, Sources, syndicated_groups
from .provenance import PRIMARY, Provenance, act_date, document_provenance

COOPERATION = ("verbal_cooperation", "material_cooperation")
CONFLICT = ("verbal_conflict", "material_conflict")
# words by which a sentence says two sides are enemies
HOSTILITY = re.compile(
    r"\b(?:enem(?:y|ies)|foes?|rivals?|adversar(?:y|ies)|at war|fighting|fought|battles?|"
    r"clashe[sd]|hostilit(?:y|ies))\b",
    re.IGNORECASE,
)
# knowledge-base kinds of actor that watch, mediate or report a conflict rather than fight it
THIRD_PARTY_KINDS = frozenset({"igo", "ngo", "media"})
# pieces of evidence that make two sides adversaries when the knowledge base does not
ADVERSITY_EVIDENCE = 2
# the version of the rules that make findings, as the investigate stages name it
FINDER = "casegraph-findings 1"
_EARLIEST = "0001-01-01"
NEVER = re.compile(r"\bnever\b", re.IGNORECASE)
# words by which a denial with no one done to reaches everyone: "did not negotiate with anyone"
_UNIVERSAL = re.compile(r"\b(?:never|anyone|anybody|any one)\b", re.IGNORECASE)
# the time a denial speaks of, counted back from the day it was said ("did not shell this
# week"), or the days it names ("between 1 and 3 August")
_BOUNDED = re.compile(
    r"\b(?:(?P<week>this week|this past week|the past week|this period)|(?P<month>this month)|"
    r"(?P<today>today|tonight|this morning)|(?P<yesterday>yesterday|last night)|"
    r"since (?P<since>(?:[\w-]+ ?){1,4})|"
    rf"(?:between|from) (?P<span>\d{{1,2}} (?:and|to|-|\u2013) \d{{1,2}} {MONTHS}))",
    re.IGNORECASE,
)
_BACK_DAYS = {"week": 6, "today": 0}
_PRESENT_NEGATION = re.compile(r"\b(?:does|do)(?: not|n['\u2019]t)\s+(?:\w+ly\s+)?$", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")

# where a passage is: (doc_id, page, start, end)
PassageKey: TypeAlias = tuple[str, int, int, int]
# two sides in sorted order
DyadKey: TypeAlias = tuple[str, str]
# an act's category and the sides it involves
Signature: TypeAlias = tuple[str, frozenset[str]]
# an act told: the event, the sides it involves, the key of its source
Telling: TypeAlias = tuple[Mapping[str, Any], frozenset[str], str]


@dataclass
class Dyad:
    """Two sides and what the trove holds between them."""

    sides: tuple[str, str]
    cooperative: list[Mapping[str, Any]] = field(default_factory=list)
    conflict: list[Mapping[str, Any]] = field(default_factory=list)
    known_enemies: bool = False
    said_enemies: list[Mapping[str, Any]] = field(default_factory=list)
    third_party: bool = False

    @property
    def adversarial(self) -> bool:
        """The knowledge base holds them hostile, or two pieces of evidence do: conflict
        events in separate passages and sentences calling them enemies. Against a third
        party (a monitor, a mediator, an outlet) conflict events count for nothing: shots
        fired at a monitors' patrol make the monitors no side of the war."""
        if self.known_enemies:
            return True
        fights = 0 if self.third_party else len({_passage(e) for e in self.conflict})
        return fights + len(self.said_enemies) >= ADVERSITY_EVIDENCE


class Sides:
    """The side an entity acts for: the top of its knowledge-base parent chain, or itself."""

    def __init__(self, entities: Mapping[str, Mapping[str, Any]], actors: dict[str, Actor]):
        self.entities = entities
        self.actors = actors
        by_kb = {e["kb_id"]: e for e in entities.values() if e["kb_id"]}
        self.by_kb = by_kb
        self._of_event: dict[str, tuple[set[str], set[str]]] = {}

    def of(self, entity_id: str | None) -> str | None:
        """A side key for an entity id (None for unresolved words)."""
        if not entity_id or entity_id not in self.entities:
            return None
        if self.entities[entity_id]["type"] not in ("person", "organization"):
            return None  # places and things are where and what, not who
        kb_id = self.entities[entity_id]["kb_id"]
        if kb_id in self.actors:
            return "kb:" + lineage(self.actors[kb_id], self.actors)[-1].id
        return entity_id

    def name(self, side: str) -> dict[str, Any]:
        """The entity that stands for a side, as {"id", "name"}."""
        if side.startswith("kb:"):
            kb_id = side[3:]
            entity = self.by_kb.get(kb_id)
            if entity is not None:
                return {"id": entity["id"], "name": entity["name"]}
            return {"id": None, "name": self.actors[kb_id].name}
        return {"id": side, "name": self.entities[side]["name"]}

    def of_event(self, event: Mapping[str, Any]) -> tuple[set[str], set[str]]:
        """(source sides, target sides) of an event, worked out once per event."""
        found = self._of_event.get(event["id"])
        if found is None:
            found = self._of_event[event["id"]] = _event_sides(event, self)
        return found

    def third_party(self, side: str) -> bool:
        """Whether the knowledge base knows a side as a watcher, mediator or outlet."""
        return side.startswith("kb:") and self.actors[side[3:]].type in THIRD_PARTY_KINDS

    def enemies(self, a: str, b: str) -> bool:
        """Whether the knowledge base holds the two sides hostile."""
        if not (a.startswith("kb:") and b.startswith("kb:")):
            return False
        return are_adversaries(a[3:], b[3:], actors=self.actors)


def find(case: Case) -> list[dict[str, Any]]:
    """Every finding of the case, best first, each with a person's verdict on it (``review``).

    Events and claims a person rejected (``casegraph judge``) count for nothing; a finding a
    person rejected is listed after every other one."""
    events = list(standing(case.events.select()))
    claims = list(standing(case.claims.select()))
    sides, groups, sources = _judges(case)
    found = unexpected_cooperation(case, events, sides, sources)
    found += contradictions(events, sides, sources, case.documents.dates())
    found += single_source_claims(events, claims, sides, sources)
    found += syndicated_copies(case, groups, sources)
    verdicts = case.reviews.all()
    for finding in found:
        finding["review"] = verdicts.get(finding["id"])
    found.sort(key=lambda f: (rejected(f), -f["score"], f["id"]))
    return found


def _judges(case: Case) -> tuple[Sides, list[Copies], Sources]:
    """Who acts for which side, the groups of copies, and who stands behind what."""
    entities = {e["id"]: e for e in case.entities.select()}
    sides = Sides(entities, load_actors(case_actors_file(case)))
    groups = syndicated_groups(case)
    titles = {
        d["doc_id"]: d["title"] or Path(d["path"] or d["doc_id"]).name
        for d in case.documents.each_label()
    }
    sources = Sources(groups, case.documents.authors(), document_provenance(case), titles)
    return sides, groups, sources


def corroborate(case: Case, event_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every event (or these) with the reports that the same act was done, the independent
    sources behind them, and the denials of it (an order or a plan is no report).

    Reports of the same kind of act between the same sides can be the same act when their
    days can be the same and, if both name a place, they share it. They are ``reports`` when
    both are dated or both name the place, and only ``possible`` when one says neither when
    nor where. Copies of one story count as one source. Denials are matched to acts as
    ``contradictions`` matches them (``DeniedActs``): a denial's ``reports`` are the acts it
    stands against, and an act's ``denials`` the denials that stand against it.
    Events a person rejected are left out, as ``find`` leaves them out.
    """
    events = list(standing(case.events.select()))
    sides, _, sources = _judges(case)
    said: dict[Signature, list[Mapping[str, Any]]] = defaultdict(list)
    for event in events:
        signature = _signature(event, sides)
        if signature[1]:
            said[signature].append(event)
    denied = DeniedActs(events, sides, case.documents.dates())
    denials: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for denial in denied.denials:
        for report in denied.reports(denial):
            denials[report["id"]].append(denial)
    wanted = None if event_ids is None else set(event_ids)
    rows = []
    possible: list[Mapping[str, Any]]
    for event in events:
        if wanted is None or event["id"] in wanted:
            if event["negated"]:
                reports, possible = denied.reports(event), []
            else:
                reports, possible = _same_acts(event, said, sides)
            rows.append(
                _corroboration(event, reports, possible, denials[event["id"]], sides, sources)
            )
    return rows


def _same_acts(
    event: Mapping[str, Any], said: dict[Signature, list[Mapping[str, Any]]], sides: Sides
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """(reports, possible reports) of the act an event tells was done."""
    places = _places(event, sides)
    reports: list[Mapping[str, Any]] = []
    possible: list[Mapping[str, Any]] = []
    for other in said.get(_signature(event, sides), [event]):
        if other["hypothetical"] or other["negated"]:
            continue
        if not _same_time(other["date"], event["date"]) or not _same_where(other, event, sides):
            continue
        if other is event or (other["date"] and event["date"]) or places & _places(other, sides):
            reports.append(other)
        else:
            possible.append(other)
    return reports, possible


def _corroboration(
    event: Mapping[str, Any],
    reports: list[Mapping[str, Any]],
    possible: list[Mapping[str, Any]],
    denials: list[Mapping[str, Any]],
    sides: Sides,
    sources: Sources,
) -> dict[str, Any]:
    signature = _signature(event, sides)
    behind = sources.independent(reports)
    return {
        "event": event["id"],
        "category": event["category"],
        "actors": [sides.name(s) for s in sorted(signature[1])],
        "independent_sources": len(behind),
        "sources": behind,
        "reports": [e["id"] for e in reports],
        "possible": [e["id"] for e in possible],
        "possible_sources": len(sources.independent(reports + possible)),
        "denials": [e["id"] for e in denials],
        "evidence": event["evidence"],
    }


def _event_sides(event: Mapping[str, Any], sides: Sides) -> tuple[set[str], set[str]]:
    """(source sides, target sides); joint sources face each other when there is no target."""
    left = {s for s in map(sides.of, actor_ids(event["source"])) if s}
    right = {s for s in map(sides.of, actor_ids(event["target"])) if s}
    if not right and len(left) > 1:
        first = sorted(left)[0]
        return {first}, left - {first}
    return left, right


def _dyad_key(a: str, b: str) -> DyadKey:
    return (a, b) if a <= b else (b, a)


def _dyads(case: Case, events: Sequence[Mapping[str, Any]], sides: Sides) -> dict[DyadKey, Dyad]:
    dyads: dict[DyadKey, Dyad] = {}

    def dyad(a: str, b: str) -> Dyad:
        key = _dyad_key(a, b)
        if key not in dyads:
            third = any(map(sides.third_party, key))
            dyads[key] = Dyad(key, known_enemies=sides.enemies(*key), third_party=third)
        return dyads[key]

    for event in events:
        if event["negated"]:
            continue
        left, right = sides.of_event(event)
        for a in left:
            for b in right - {a}:
                if event["quad"] in COOPERATION:
                    dyad(a, b).cooperative.append(event)
                elif not event["hypothetical"]:
                    dyad(a, b).conflict.append(event)
    cooperating = {key for key, d in dyads.items() if d.cooperative}
    for (a, b), evidence in _said_enemies(case, sides, cooperating).items():
        dyad(a, b).said_enemies.extend(evidence)
    return dyads


def _said_enemies(
    case: Case, sides: Sides, wanted: set[DyadKey]
) -> dict[DyadKey, list[Mapping[str, Any]]]:
    """Sentences that name both sides of a cooperating dyad with a word of hostility."""
    found: dict[DyadKey, list[Mapping[str, Any]]] = defaultdict(list)
    if not wanted:
        return found
    for doc_id, page, text, mentions in case.mentions.pages_naming_several():
        for match in _SENTENCE.finditer(text):
            if not HOSTILITY.search(match.group(0)):
                continue
            inside = {
                side
                for start, end, entity_id in mentions
                if match.start() <= start
                and end <= match.end()
                and (side := sides.of(entity_id)) is not None
            }
            for key in {_dyad_key(a, b) for a in inside for b in inside if a < b} & wanted:
                found[key].append(_span(doc_id, page, text, match.start(), match.end()))
    return found


def unexpected_cooperation(
    case: Case, events: Sequence[Mapping[str, Any]], sides: Sides, sources: Sources
) -> list[dict[str, Any]]:
    """Adversaries found cooperating, scored by events, documents and independent sources."""
    found = []
    unattributed = Unattributed([e for e in events if _unattributed(e, sides)])
    for dyad in _dyads(case, events, sides).values():
        if not (dyad.adversarial and any(not e["hypothetical"] for e in dyad.cooperative)):
            continue  # a plan or an order alone is no cooperation: one act must be done
        cooperative = dyad.cooperative
        alike = _alike(dyad, unattributed, sides)
        behind = sources.independent(cooperative)
        documents = {e["evidence"]["doc_id"] for e in cooperative}
        actors = [sides.name(s) for s in dyad.sides]
        why = _why_adversaries(dyad)
        summary = (
            f"{actors[0]['name']} and {actors[1]['name']}, adversaries ({why}), are recorded "
            f"cooperating{_months(cooperative, sources.provenance)}: {_deeds(cooperative)}; "
            f"{_count(len(cooperative), 'event')} across "
            f"{_count(len(documents), 'document')} from "
            f"{_count(len(behind), 'independent source')}{_papers(behind)}"
            f"{_alike_clause(alike)}."
        )
        found.append(
            {
                "id": content_id("f", "unexpected_cooperation", *dyad.sides),
                "kind": "unexpected_cooperation",
                "title": f"{actors[0]['name']} and {actors[1]['name']}",
                "actors": actors,
                "score": round(_cooperation_score(cooperative, behind, documents), 2),
                "summary": summary,
                "events": [e["id"] for e in cooperative],
                "sources": behind,
                "evidence": [e["evidence"] for e in cooperative]
                + [{**e["evidence"], "sides_named": False} for e in alike],
                "unattributed_events": [e["id"] for e in alike],
                "adversity": {
                    "knowledge_base": dyad.known_enemies,
                    "conflict_events": [e["id"] for e in dyad.conflict],
                    "sentences": dyad.said_enemies[:10],
                },
            }
        )
    return found


def _unattributed(event: Mapping[str, Any], sides: Sides) -> bool:
    """A cooperative act that happened, written without any side: "Third exchange of fuel
    for grain at Ras Kadir" in a row of a shipment list."""
    if event["quad"] not in COOPERATION or event["negated"] or event["hypothetical"]:
        return False
    return not any(sides.of_event(event)) and bool(event["location"])


class Unattributed:
    """Acts naming no side, found by place: the same place, or one whose name starts with
    the other's ("Ras Kadir refinery" is at "Ras Kadir")."""

    def __init__(self, events: Sequence[Mapping[str, Any]]):
        self.events = events
        self.starting: dict[str, list[int]] = defaultdict(list)
        self.named: dict[str, list[int]] = defaultdict(list)
        for index, event in enumerate(events):
            words = event["location"]["name"].casefold().split()
            self.named[" ".join(words)].append(index)
            for end in range(1, len(words) + 1):
                self.starting[" ".join(words[:end])].append(index)

    def at(self, place: str) -> set[int]:
        """The acts at a place, by their index."""
        words = place.split()
        found = set(self.starting.get(" ".join(words), []))
        for end in range(1, len(words)):
            found.update(self.named.get(" ".join(words[:end]), []))
        return found


def _alike(dyad: Dyad, unattributed: Unattributed, sides: Sides) -> list[Mapping[str, Any]]:
    """Acts naming no side, of a kind the dyad's cooperation holds, at one of its places, in
    its time: what an investigator reads next, though nothing ties them to the sides."""
    places = {p for e in dyad.cooperative for p in _places(e, sides)}
    kinds = {e["category"] for e in dyad.cooperative}
    dates = sorted(e["date"][:7] for e in dyad.cooperative if e["date"])
    seen = {_passage(e) for e in dyad.cooperative}
    alike = []
    for index in sorted(set().union(*map(unattributed.at, places))):
        e = unattributed.events[index]
        if e["category"] not in kinds or _passage(e) in seen:
            continue
        if not dates or not e["date"] or dates[0] <= e["date"][:7] <= dates[-1]:
            seen.add(_passage(e))
            alike.append(e)
    return alike


def _passage(event: Mapping[str, Any]) -> PassageKey:
    where = event["evidence"]
    return where["doc_id"], where["page"], where["start"], where["end"]


def _deeds(events: Sequence[Mapping[str, Any]]) -> str:
    """What events did, in a reader's words, commonest first, each with where it happened
    most: "withdrew forces 9 times (at Wadi Sirr), gave aid or supplies twice"."""
    done = Counter(in_words(e["category"], e["mode"]) for e in events)
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event["location"]:
            where[in_words(event["category"], event["mode"])][event["location"]["name"]] += 1
    parts = []
    for words, count in done.most_common():
        places = ", ".join(name for name, _ in where[words].most_common(2))
        parts.append(f"{words} {_times(count)}" + (f" (at {places})" if places else ""))
    return ", ".join(parts)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _months(events: Sequence[Mapping[str, Any]], provenance: dict[str, Provenance]) -> str:
    """The stretch of months the events' acts fall in, as a clause: " between March and
    September 2015"; nothing when none is dated."""
    dates = sorted(d for d in (act_date(e, provenance) for e in events) if d and len(d) >= 7)
    if not dates:
        return ""
    first, last = (date(int(d[:4]), int(d[5:7]), 1) for d in (dates[0], dates[-1]))
    if first == last:
        return f" in {first:%B %Y}"
    return (
        f" between {first:%B}{'' if first.year == last.year else f' {first.year}'} and {last:%B %Y}"
    )


def _alike_clause(alike: Sequence[Mapping[str, Any]]) -> str:
    if not alike:
        return ""
    return (
        f"; {_count(len(alike), 'more passage')} tell of such acts there and then without "
        "naming the sides (not counted)"
    )


def _cooperation_score(
    events: Sequence[Mapping[str, Any]], behind: Sequence[Mapping[str, Any]], documents: set[str]
) -> float:
    """Events weigh 1 (half if only intended or ordered); more documents and sources add.

    Support from a single independent source counts half: one voice may be wrong.
    """
    weight = sum(0.5 if e["hypothetical"] else 1.0 for e in events)
    score = weight + 0.25 * (len(documents) - 1) + 0.5 * (len(behind) - 1)
    return score if len(behind) > 1 else score / 2


def _papers(behind: Sequence[Mapping[str, Any]]) -> str:
    """How many of the sources speak through the trove's own papers, as a clause."""
    own = sum(1 for source in behind if source["provenance"] == PRIMARY)
    if own == len(behind):
        return ", all in the trove's own papers" if own > 1 else ", in the trove's own papers"
    if own == 0:
        return ", all in reports about the trove" if len(behind) > 1 else ", in a report"
    return f" ({own} in the trove's own papers, {len(behind) - own} in reports)"


def _why_adversaries(dyad: Dyad) -> str:
    reasons = []
    if dyad.known_enemies:
        reasons.append("known enemies")
    if dyad.conflict:
        reasons.append(f"{_count(len(dyad.conflict), 'conflict event')} in the trove")
    if dyad.said_enemies:
        reasons.append(f"called enemies in {_count(len(dyad.said_enemies), 'sentence')}")
    return "; ".join(reasons)


def contradictions(
    events: Sequence[Mapping[str, Any]],
    sides: Sides,
    sources: Sources,
    said_on: dict[str, str | None],
) -> list[dict[str, Any]]:
    """An act one source says did not happen, reported as done by another source in the
    time the denial speaks of (``said_on``: each document's date)."""
    found = []
    denied = DeniedActs(events, sides, said_on)
    for denial in denied.denials:
        involved = set().union(*sides.of_event(denial))
        denier = sources.of_event(denial)
        # a source does not contradict itself in one breath, but its own papers elsewhere can
        reports = [e for e in denied.reports(denial) if not _same_breath(e, denier, sources)]
        if not reports:
            continue
        behind = sources.independent(reports)
        others = [b for b in behind if not _same_side(b, denier, sides)]
        actors = [sides.name(s) for s in sorted(involved)]
        summary = (
            f"{denier['name']} denies that {' and '.join(a['name'] for a in actors)} "
            f"{in_words(denial['category'], denial['mode'])} ({_quote(denial)}), but "
            f"{reported_by(len(others) < len(behind), len(others))}."
        )
        found.append(
            {
                "id": content_id("f", "contradiction", denial["id"]),
                "kind": "contradiction",
                "title": f"{denier['name']}: {_quote(denial, 90)}",
                "actors": actors,
                "score": round(0.75 + 0.5 * len(behind), 2),
                "summary": summary,
                "events": [denial["id"]] + [e["id"] for e in reports],
                "sources": [sources.entry(denier, denier["document"])] + behind,
                "evidence": [denial["evidence"]] + [e["evidence"] for e in reports],
            }
        )
    return found


def reported_by(own_papers: bool, others: int) -> str:
    """Who reports a denied act, in words: "its own papers and 2 other sources report it"."""
    tellers = _count(others, "other source")
    if own_papers:
        return "its own papers" + (f" and {tellers}" if others else "") + " report it"
    return f"{tellers} report{'s' if others == 1 else ''} it"


def _same_side(source: Mapping[str, Any], denier: Mapping[str, Any], sides: Sides) -> bool:
    """Whether a source is the denier or speaks for the denier's side."""
    if (source["id"] or source["name"]) == denier["key"]:
        return True
    side = sides.of(source["id"]) if source["id"] else None
    return side is not None and side == (sides.of(denier["id"]) if denier["id"] else None)


def _same_breath(report: Mapping[str, Any], denier: Mapping[str, Any], sources: Sources) -> bool:
    """Whether a report is the denier's own, in the document of the denial."""
    source = sources.of_event(report)
    own: bool = source["key"] == denier["key"] and source["document"] == denier["document"]
    return own


class DeniedActs:
    """The acts reported done that each denial says did not happen: one rule for
    ``contradictions`` and ``corroborate``.

    An order not to fire is not a denial, nor is a habit or a policy in the present ("does
    not discuss operations"), nor an act with no one named as doing it, nor one with a
    doer and no one done to unless it says "never" or "anyone": only acts said not to have happened
    count, and not those of one side's own business ("the police did not coordinate with the
    ministry"). A report can be the act denied when it involves the denial's sides (see
    ``_same_act``) and falls in the time the denial speaks of (see ``denied_period``).
    """

    def __init__(
        self, events: Sequence[Mapping[str, Any]], sides: Sides, said_on: dict[str, str | None]
    ):
        self.sides = sides
        self.said_on = said_on
        # acts done, by category and by each side they involve, in event order
        self.done: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for event in events:
            if not event["negated"] and not event["hypothetical"]:
                for side in set().union(*sides.of_event(event)):
                    self.done[(event["category"], side)].append(event)
        self.denials = [e for e in events if self._denies(e)]

    def _denies(self, event: Mapping[str, Any]) -> bool:
        if not event["negated"] or event["hypothetical"] or _habitual(event):
            return False
        left, right = self.sides.of_event(event)
        if not left:
            return False  # no one named as doing it: "no contacts with the Front"
        # one side and no one it was done to ("the Legion did not fire") is an act without
        # its other half: only a place or a thing it was done to ("did not withdraw our
        # tanks from Brasko"), "never" or "anyone" make it stand against the side's acts
        return bool(
            right - left
            or _places(event, self.sides)
            or _UNIVERSAL.search(event["evidence"]["text"])
        )

    def reports(self, denial: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The reports of acts done that a denial stands against: of each category that
        shows the act denied (``plover.shown_by``), in event order."""
        if not self._denies(denial):
            return []
        involved = set().union(*self.sides.of_event(denial))
        period = denied_period(denial, self.said_on.get(denial["evidence"]["doc_id"]))
        found = []
        for category in shown_by(denial["category"]):
            # every report involves all the sides: the shortest of their lists holds them all
            candidates = min((self.done.get((category, s), []) for s in involved), key=len)
            found += [
                e
                for e in candidates
                if _during(e["date"], period) and _same_act(denial, e, involved, self.sides)
            ]
        return found


def _habitual(event: Mapping[str, Any]) -> bool:
    """A negation in the simple present ("the army does not discuss operational matters"):
    a habit or a policy, not a denial that an act took place."""
    evidence = event["evidence"]
    before = evidence["text"][: max(0, event["trigger"]["start"] - evidence["start"])]
    return bool(_PRESENT_NEGATION.search(before))


def denied_period(denial: Mapping[str, Any], said_on: str | None) -> tuple[str, str] | None:
    """(first, last day) of the time a denial speaks of; None for all time.

    "Has never traded" denies every time. A denial bounded in time ("did not shell this
    week", "today", "yesterday", "since Monday", "since 3 August") speaks of the days up to
    the day it was said (its document's date), one naming days ("between 1 and 3 August")
    of those days, one the text dates of that date, and one dated only by its document of
    any time up to it ("we did not withdraw our tanks from Brasko").
    """
    text = denial["evidence"]["text"]
    if NEVER.search(text):
        return None
    bound = _BOUNDED.search(text)
    if bound and said_on:
        period = _bounded_period(bound, said_on[:10])
        if period is not None:
            return period
    if denial["date"] and denial["date_from"] == "document":
        # dated only by when it was said: it speaks of any time up to that day
        return _EARLIEST, _days(denial["date"])[1]
    return _days(denial["date"]) if denial["date"] else None


def _bounded_period(bound: re.Match[str], said_on: str) -> tuple[str, str] | None:
    """The days a "this week", "today", "yesterday" or "since ..." reaches, up to ``said_on``."""
    day = date.fromisoformat(said_on)
    kind = next(k for k, v in bound.groupdict().items() if v)
    if kind in _BACK_DAYS:
        return (day - timedelta(days=_BACK_DAYS[kind])).isoformat(), said_on
    if kind == "month":
        return said_on[:8] + "01", said_on
    if kind == "span":  # "between 1 and 3 August"
        first, _, last, month = bound.group("span").split()
        begins, ends = (parse_date(f"{d} {month}", said_on) for d in (first, last))
        return (begins, ends) if begins and ends else None
    if kind == "yesterday":
        return (day - timedelta(days=1)).isoformat(), (day - timedelta(days=1)).isoformat()
    words = bound.group("since").split()
    for count in range(len(words), 0, -1):
        start = parse_date(" ".join(words[:count]), said_on)
        if start is not None and start <= said_on:
            return _days(start)[0], said_on
    return None


def _days(when: str) -> tuple[str, str]:
    """(first, last day) of a date written YYYY, YYYY-MM or YYYY-MM-DD."""
    if len(when) == 4:
        return f"{when}-01-01", f"{when}-12-31"
    if len(when) == 7:
        last = calendar.monthrange(int(when[:4]), int(when[5:7]))[1]
        return f"{when}-01", f"{when}-{last:02d}"
    return when[:10], when[:10]


def _during(when: str | None, period: tuple[str, str] | None) -> bool:
    """Whether a date can fall in a period: unknown dates and periods can."""
    if not when or period is None:
        return True
    first, last = _days(when)
    return first <= period[1] and period[0] <= last


def _same_act(
    denial: Mapping[str, Any], report: Mapping[str, Any], involved: set[str], sides: Sides
) -> bool:
    """Whether a report can be the act denied: the same sides, and the same place if known.

    A denial naming one side only ("the government never traded with terrorists") stands
    against that side's acts of the kind with anyone; when both name where or what the act
    was done to ("did not shell Khirbet Nasr"), they must share one of those.
    """
    reported = set().union(*sides.of_event(report))
    if not (involved <= reported if len(involved) < 2 else involved == reported):
        return False
    return _same_where(denial, report, sides)


def _same_where(a: Mapping[str, Any], b: Mapping[str, Any], sides: Sides) -> bool:
    """Whether two acts can have been done at one place, or to one thing: yes unless both
    name some and share none."""
    here, there = _places(a, sides), _places(b, sides)
    return not (here and there) or bool(here & there)


def _places(event: Mapping[str, Any], sides: Sides) -> set[str]:
    """Where an act happened or what it was done to: its place and targets that are no side."""
    targets = actor_list(event["target"])
    # resolved entities that are no side: places and things ("terrorists" is neither)
    names = [t["name"] for t in targets if t and t["id"] and sides.of(t["id"]) is None]
    if event["location"]:
        names.append(event["location"]["name"])
    return {name.casefold() for name in names if name}


def _same_time(a: str | None, b: str | None) -> bool:
    """Whether two dates (YYYY[-MM[-DD]]) can name the same day: unknown dates can."""
    if not a or not b:
        return True
    common = min(len(a), len(b))
    return a[:common] == b[:common]


def single_source_claims(
    events: Sequence[Mapping[str, Any]],
    claims: Sequence[Mapping[str, Any]],
    sides: Sides,
    sources: Sources,
) -> list[dict[str, Any]]:
    """Claims about acts between named actors that no other independent source reports."""
    by_id = {e["id"]: e for e in events}
    # (category, side) -> (event, its sides, its source), for each side an act involves
    told: dict[tuple[str, str], list[Telling]] = defaultdict(list)
    for event in events:
        if not event["negated"]:
            category, involved = _signature(event, sides)
            for side in involved:
                told[(category, side)].append((event, involved, sources.of_event(event)["key"]))
    found = []
    for claim in claims:
        inside = [by_id[i] for i in claim["events"] if i in by_id and not by_id[i]["negated"]]
        named = [e for e in inside if _signature(e, sides)[1]]
        if not named or any(len(_telling(e, sides, told)) > 1 for e in named):
            continue
        # the source its events rest on, by the rule corroboration counts with
        behind = sources.independent(named)
        if len(behind) != 1:
            continue
        # words given to no one known ("military sources") are the printing document's
        citing = "" if claim["speaker"] or not claim["speaker_text"] else claim["speaker_text"]
        actors = [
            sides.name(s) for s in sorted(set().union(*(_signature(e, sides)[1] for e in named)))
        ]
        hedge = " (hedged)" if claim["hedged"] else ""
        found.append(
            {
                "id": content_id("f", "single_source_claim", claim["id"]),
                "kind": "single_source_claim",
                "title": f"{behind[0]['name']}: \u201c{_short(claim['content'], 90)}\u201d",
                "actors": actors,
                "score": round(0.4 if claim["hedged"] else 0.6, 2),
                "summary": f"One source only, {behind[0]['name']}"
                f"{f' (citing {citing})' if citing else ''}, says{hedge}: "
                f"\u201c{_short(claim['content'])}\u201d; no other independent source reports it.",
                "events": [e["id"] for e in named],
                "sources": behind,
                "evidence": [claim["evidence"]],
            }
        )
    return found


def _telling(
    event: Mapping[str, Any], sides: Sides, told: dict[tuple[str, str], list[Telling]]
) -> set[str]:
    """The sources that tell an event's act: of its kind between the same sides, or among
    more sides at a time and in a manner that can be the same ("exchanges of army diesel"
    in April, naming the army only, is told again by whoever tells the army trading with
    the Brigades in April)."""
    category, involved = _signature(event, sides)
    # every act telling it involves all its sides: the shortest of their lists holds them all
    candidates = min((told.get((category, side), []) for side in involved), key=len)
    return {
        source
        for other, others, source in candidates
        if others == involved
        or (
            involved < others
            and _same_time(event["date"], other["date"])
            and (not event["mode"] or not other["mode"] or event["mode"] == other["mode"])
        )
    }


def _signature(event: Mapping[str, Any], sides: Sides) -> Signature:
    left, right = sides.of_event(event)
    return event["category"], frozenset(left | right)


def syndicated_copies(case: Case, groups: list[Copies], sources: Sources) -> list[dict[str, Any]]:
    """Groups of documents carrying one story, with the passage they share."""
    found = []
    first_pages = _first_pages(case, {d for group in groups for d in group.doc_ids})
    for group in groups:
        first = first_pages[group.doc_ids[0]]
        evidence = [_span(group.doc_ids[0], *first, 0, len(first[1]))]  # all of it is shared
        for doc_id in group.doc_ids[1:]:
            page, text = first_pages[doc_id]
            block = difflib.SequenceMatcher(
                None, first[1], text, autojunk=False
            ).find_longest_match(0, len(first[1]), 0, len(text))
            evidence.append(_span(doc_id, page, text, block.b, block.b + block.size))
        voices = [sources.voice(d) for d in group.doc_ids]
        names = ", ".join(dict.fromkeys(v["name"] for v in voices))
        found.append(
            {
                "id": content_id("f", "syndicated_copies", *group.doc_ids),
                "kind": "syndicated_copies",
                "title": f"\u201c{_short(sources.titles[group.doc_ids[0]], 90)}\u201d in {names}",
                "actors": [{"id": v["id"], "name": v["name"]} for v in voices if v["id"]],
                "score": round(0.3 + 0.1 * len(group.doc_ids), 2),
                "summary": f"{_count(len(group.doc_ids), 'document')} carry the same story "
                f"(similarity {group.similarity:.2f}) from {names}; they count as one source, "
                f"the earliest being {group.doc_ids[0]}.",
                "events": [],
                "sources": [
                    sources.entry(v, d) for v, d in zip(voices, group.doc_ids, strict=True)
                ],
                "evidence": evidence,
            }
        )
    return found


def _first_pages(case: Case, doc_ids: set[str]) -> dict[str, tuple[int, str]]:
    """Doc id -> (number, text) of its first page, for the given documents."""
    found: dict[str, tuple[int, str]] = {}
    for (doc_id, number), text in case.pages.texts_of(doc_ids).items():
        if doc_id not in found or number < found[doc_id][0]:
            found[doc_id] = (number, text)
    return found


def _span(doc_id: str, page: int, text: str, start: int, end: int) -> dict[str, Any]:
    return {"doc_id": doc_id, "page": page, "start": start, "end": end, "text": text[start:end]}


def _quote(event: Mapping[str, Any], limit: int = 160) -> str:
    return f"\u201c{_short(event['evidence']['text'], limit)}\u201d"


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "\u2026"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
