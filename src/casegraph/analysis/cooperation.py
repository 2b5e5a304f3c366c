"""Cooperation between adversaries: cooperative events whose two sides are known enemies.

Reads: the case's events (with linked actors), its entities' knowledge-base ids, and the
actor knowledge base with the case's own actors (adversaries along parent chains).
Writes: nothing; returns the events, each with the adversary pair it joins.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from ..case.store import Case
from ..nlp.extract import case_actors_file
from ..nlp.kb import are_adversaries, load_actors

COOPERATION_QUADS = ("verbal_cooperation", "material_cooperation")


def cooperating_adversaries(case: Case) -> list[dict[str, Any]]:
    """Cooperative events between actors the knowledge base knows as adversaries."""
    actors = load_actors(case_actors_file(case))
    kb_of = {e["id"]: e["kb_id"] for e in case.list_entities() if e["kb_id"] in actors}
    found = []
    for event in case.list_events():
        if event["quad"] not in COOPERATION_QUADS or event["negated"]:
            continue
        pair = _adversary_pair(event, kb_of, actors)
        if pair is not None:
            found.append({**event, "adversaries": pair})
    return found


def _adversary_pair(
    event: dict[str, Any], kb_of: dict[str, str], actors: dict
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The first (source side, target side) pair of hostile actors an event joins."""
    sides = [_as_list(event["source"]), _as_list(event["target"])]
    if not sides[1] and len(sides[0]) > 1:
        sides = [sides[0][:1], sides[0][1:]]  # joint actors: "the two sides swapped ..."
    for left, right in product(*sides):
        a, b = kb_of.get(left.get("id") or ""), kb_of.get(right.get("id") or "")
        if a and b and a != b and are_adversaries(a, b, actors=actors):
            return left, right
    return None


def _as_list(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
