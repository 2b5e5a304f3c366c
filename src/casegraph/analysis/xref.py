"""Cross-reference two cases: the entities they share, scored, with evidence on both sides.

Entities are compared with the keys each case resolved them by (``casegraph.nlp.resolve``):
the knowledge-base actor or gazetteer place, the name key of every written form
(``name_key``: no titles, leading articles, case or accents; other scripts
transliterated), and, for people, organisations and places, resolve's own test for a name
spelt slightly differently (same consonant skeleton, same number of words, a rapidfuzz
ratio of at least 90). Pairs are only looked for among entities that share such a key
(blocking), so the work grows with the number of entities, not with their product.

Two entities never match when their types differ, when both have a country and the
countries differ, or when both have coordinates more than ``MAX_PLACE_KM`` apart (Tripoli
in Lebanon is not Tripoli in Libya). Otherwise a pair scores by its strongest reason:

* ``kb_id``, 1.0: the same knowledge-base actor, or the same gazetteer place;
* ``name``, 0.9 + 0.1·J: the same normalised display name;
* ``alias``, 0.8 + 0.1·J: another written form in common ("FDF" alone on one side, an
  acronym resolved to "Free Dawn Front" on the other);
* ``fuzzy``, 0.7·r + 0.1·c: names spelt nearly alike, r being the best rapidfuzz ratio of
  two written forms (0.9 to 1) and c 1 when both sides give the same country, else 0.

J is the Jaccard overlap of the two sides' sets of name keys: a name met with all its
variants ranks above one that shares only its main spelling, and an entity compared with
itself scores 1.0. Matches are ordered by score, then by the mentions on both sides.

Reads: both cases' entities, their aliases and mentions. Writes: nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz.fuzz import ratio

from ..case.store import Case
from ..listings import EntitySummary
from ..nlp.resolve import NAMED, NAMED_TYPES, name_key, near_spellings

MAX_PLACE_KM = 50.0  # a city and its suburbs; further apart, two places of one name
EARTH_KM = 6371.0
EVIDENCE_MENTIONS = 3
# dates, sums and quantities recur by coincidence: they are not something two cases share
DEFAULT_TYPES = frozenset({*NAMED_TYPES, "email", "phone", "url", "iban", "coordinates"})
SHOWN = ("id", "name", "type", "aliases", "documents", "mentions")
EVIDENCE_FIELDS = ("doc_id", "page", "start", "end", "text", "context")


@dataclass(frozen=True)
class Side:
    """One case's entity as matching sees it."""

    row: EntitySummary  # as case.entities.select gives it
    external: str | None  # "kb:<actor id>", or the gazetteer id of a located place
    main: str  # the name key of its display name
    keys: frozenset[str]  # the name keys of every written form


def cross_reference(
    left: Case, right: Case, limit: int = 50, offset: int = 0, type_name: str | None = None
) -> dict[str, Any]:
    """The entities two cases share, best match first: one page of them with their evidence."""
    lefts, rights = entities_of(left, type_name), entities_of(right, type_name)
    matches = sorted(_matches(lefts, rights), key=_rank)
    evidence = (_evidence_reader(left), _evidence_reader(right))
    return {
        "total": len(matches),
        "limit": limit,
        "offset": offset,
        "matches": [
            {
                "score": round(score, 3),
                "left": _shown(one, evidence[0]),
                "right": _shown(other, evidence[1]),
                "reason": reason,
            }
            for score, reason, one, other in matches[offset : offset + limit]
        ],
    }


def entities_of(case: Case, type_name: str | None) -> list[Side]:
    """A case's entities of one type (by default, those two cases can meaningfully share)."""
    keys = case.entities.keys()
    rows = case.entities.select(type_name)
    if type_name is None:
        rows = [row for row in rows if row["type"] in DEFAULT_TYPES]
    return [_side(row, keys[row["id"]]) for row in rows]


def _side(row: EntitySummary, resolved: tuple[str, str]) -> Side:
    key_type, key = resolved
    # a place resolved without the knowledge base was resolved to its gazetteer entry
    external = key if key.startswith("kb:") or key_type == "place" else None
    forms = {row["name"], *row["aliases"]}
    written = frozenset(name_key(form, row["type"]) for form in forms)
    return Side(row, external, name_key(row["name"], row["type"]), written)


Match = tuple[float, str, Side, Side]


def _matches(lefts: list[Side], rights: list[Side]) -> Iterable[Match]:
    """Every pair of entities, one from each side, that match, with its score and reason."""
    fuzzy = _near_pairs(lefts, rights)
    pairs = _exact_pairs(lefts, rights) | set(fuzzy)
    for i, j in pairs:
        judged = judge(lefts[i], rights[j], fuzzy.get((i, j)))
        if judged is not None:
            yield (*judged, lefts[i], rights[j])


def _exact_pairs(lefts: list[Side], rights: list[Side]) -> set[tuple[int, int]]:
    """Index pairs sharing a knowledge-base or gazetteer id, or a name key."""
    by_external = _index(rights, lambda side: [side.external] if side.external else [])
    by_key = _index(rights, lambda side: side.keys)
    pairs: set[tuple[int, int]] = set()
    for i, side in enumerate(lefts):
        pairs.update((i, j) for j in by_external.get(side.external or "", []))
        pairs.update((i, j) for key in side.keys for j in by_key.get(key, []))
    return pairs


def _near_pairs(lefts: list[Side], rights: list[Side]) -> dict[tuple[int, int], float]:
    """Index pairs whose names are spelt nearly alike, each with its best ratio (0..1)."""
    left_keys, right_keys = _index(lefts, _name_keys), _index(rights, _name_keys)
    keys = {(NAMED, key) for key in (*left_keys, *right_keys)}
    found: dict[tuple[int, int], float] = {}
    for (_, one), (_, other) in near_spellings(keys):
        similarity = ratio(one, other) / 100
        for a, b in ((one, other), (other, one)):
            for i in left_keys.get(a, []):
                for j in right_keys.get(b, []):
                    found[i, j] = max(found.get((i, j), 0.0), similarity)
    return found


def _name_keys(side: Side) -> Iterable[str]:
    return side.keys if side.row["type"] in NAMED_TYPES else ()


def _index(sides: list[Side], keys_of: Callable[[Side], Iterable[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, side in enumerate(sides):
        for key in keys_of(side):
            index[key].append(position)
    return index


def judge(one: Side, other: Side, similarity: float | None = None) -> tuple[float, str] | None:
    """(score, reason) when the two entities match, None when they do not."""
    a, b = one.row, other.row
    if a["type"] != b["type"] or _apart(a, b):
        return None
    overlap = len(one.keys & other.keys) / len(one.keys | other.keys)
    if one.external is not None and one.external == other.external:
        return 1.0, "kb_id"
    if one.main == other.main:
        return 0.9 + 0.1 * overlap, "name"
    if overlap:
        return 0.8 + 0.1 * overlap, "alias"
    if similarity is not None:
        same_country = bool(a["country"]) and a["country"] == b["country"]
        return 0.7 * similarity + 0.1 * same_country, "fuzzy"
    return None


def _apart(a: EntitySummary, b: EntitySummary) -> bool:
    """Whether two entities are in different countries, or too far apart to be one place."""
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return True
    lat_a, lon_a, lat_b, lon_b = a["lat"], a["lon"], b["lat"], b["lon"]
    if lat_a is None or lon_a is None or lat_b is None or lon_b is None:
        return False
    return _km((lat_a, lon_a), (lat_b, lon_b)) > MAX_PLACE_KM


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _rank(match: Match) -> tuple[float, int, str, str, str, str]:
    score, _, one, other = match
    mentions = one.row["mentions"] + other.row["mentions"]
    return (-score, -mentions, one.row["name"], other.row["name"], one.row["id"], other.row["id"])


def _evidence_reader(case: Case) -> Callable[[str], list[dict[str, Any]]]:
    """Reads an entity's first mentions, each in context, once per entity."""

    @cache
    def first_mentions(entity_id: str) -> list[dict[str, Any]]:
        mentions = case.entities.mentions(entity_id, EVIDENCE_MENTIONS)
        rows: list[Mapping[str, Any]] = list(mentions)
        return [{field: m[field] for field in EVIDENCE_FIELDS} for m in rows]

    return first_mentions


def _shown(side: Side, evidence: Callable[[str], list[dict[str, Any]]]) -> dict[str, Any]:
    row: Mapping[str, Any] = side.row
    return {**{field: row[field] for field in SHOWN}, "evidence": evidence(row["id"])}
