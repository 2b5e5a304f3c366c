"""The evidence graph and the timeline on the demo: who acts, and when."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.analysis.graph import build_graph
from casegraph.case.store import Case


@pytest.fixture(scope="module")
def demo(demo_summary: dict) -> Case:
    return Case.open(Path(demo_summary["case"]))


def test_places_are_kept_off_the_actor_graph(demo) -> None:
    graph = build_graph(demo)
    places = {f"entity:{e['id']}" for e in demo.list_entities(type_name="place")}
    assert places, "the demo names places"
    assert not places & set(graph.nodes)
    actors = {n for n, data in graph.nodes(data=True) if data["kind"] == "actor"}
    assert {graph.nodes[n]["type"] for n in actors} <= {"person", "organization"}
