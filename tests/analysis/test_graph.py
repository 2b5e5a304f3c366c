"""The evidence graph and the timeline on the demo: who acts, and when."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.analysis.graph import build_graph, timeline
from casegraph.analysis.provenance import PRIMARY, document_provenance
from casegraph.case.store import Case
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo(demo_summary: dict) -> Case:
    return Case.open(Path(demo_summary["case"]))


def test_places_are_kept_off_the_actor_graph(demo) -> None:
    graph = build_graph(demo)
    places = {f"entity:{e['id']}" for e in demo.entities.select(type_name="place")}
    assert places, "the demo names places"
    assert not places & set(graph.nodes)
    actors = {n for n, data in graph.nodes(data=True) if data["kind"] == "actor"}
    assert {graph.nodes[n]["type"] for n in actors} <= {"person", "organization"}


def test_the_timeline_marks_negated_and_hypothetical_events_as_events_does(demo) -> None:
    done = run_cli("timeline", str(demo.root), "--limit", "5000")
    assert done.returncode == 0, done.stderr
    dated, _ = timeline(demo, [])
    for flag in ("negated", "hypothetical"):
        assert done.stdout.count(f"[{flag}]") == sum(e[flag] for e in dated) > 0
    listed = run_cli("events", str(demo.root), "--limit", "5000").stdout
    assert listed.count("[negated]") == sum(e["negated"] for e in demo.events.select())


def test_a_report_dates_no_act_by_its_publication_date(demo) -> None:
    rows, left_out = timeline(demo, [])
    provenance = document_provenance(demo)
    assert left_out > 0, "the demo's press tells acts without dating them"
    for row in rows:
        assert row["date_from"] == "text" or provenance[row["evidence"]["doc_id"]] == PRIMARY
    done = run_cli("timeline", str(demo.root))
    assert f"{left_out} events left out: told only in reports" in done.stderr


def test_a_relation_s_year_is_its_acts_not_a_report_s_publication(demo) -> None:
    graph = build_graph(demo)
    provenance = document_provenance(demo)
    events = {e["id"]: e for e in demo.events.select()}
    relations = [d for _, _, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert {d["year"] for d in relations} >= {"2015", "undated"}
    for data in relations:
        for event_id in data["events"]:
            event = events[event_id]
            reported = (
                event["date_from"] == "document"
                and provenance[event["evidence"]["doc_id"]] != PRIMARY
            )
            assert (data["year"] == "undated") == (reported or not event["date"]), event


def test_e_mail_headers_make_correspondence_between_their_people(demo) -> None:
    graph = build_graph(demo)
    letters = [(a, b, d) for a, b, d in graph.edges(data=True) if d["kind"] == "correspondence"]
    assert letters, "the demo's e-mails name their senders and recipients"
    pages = demo.pages.texts_of({p["doc_id"] for _, _, d in letters for p in d["evidence"]})
    for sender, recipient, data in letters:
        assert {graph.nodes[sender]["kind"], graph.nodes[recipient]["kind"]} == {"actor"}
        assert data["messages"] >= len(data["evidence"]) >= 1
        for line in data["evidence"]:
            assert line["text"].lower().startswith("from:")
            page = pages[(line["doc_id"], line["page"])]
            assert page[line["start"] : line["end"]] == line["text"]
