"""The demo's renderer: data entries to documents, ground truth recorded where it stands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from casegraph.demo.model import Doc, Truth
from casegraph.demo.render import render_doc, resolve

EVENT = {
    "id": "ev_test",
    "category": "ASSAULT",
    "actor": "zna",
    "target": "svb",
    "place": None,
    "date": "2015-03-09",
}
CLAIM = {
    "id": "cl_test",
    "source": "zna",
    "cue": "said",
    "content": "The army attacked.",
    "about_event": "ev_test",
    "stance": "asserts",
    "kind": "indirect",
}


def _lines(lines: Sequence[str]) -> bytes:
    return "\n".join(lines).encode()


def _dated(title: str, *, when: datetime) -> bytes:
    return f"{title} {when.isoformat()}".encode()


def _container(*, members: Sequence[Doc]) -> bytes:
    return b"|".join(doc.path.encode() for doc in members)


WRITERS: dict[str, Any] = {"lines": _lines, "dated": _dated, "container": _container}


def test_a_quote_with_ground_truth_is_recorded_for_its_document_and_replaced_by_its_text() -> None:
    t = Truth()
    paragraphs = [
        "Before.",
        {"quote": "The army attacked.", "event": EVENT, "claim": CLAIM},
        {"join": ["1. ", {"quote": "Second.", "claim": {**CLAIM, "id": "cl_second"}}, " After."]},
    ]
    assert resolve(paragraphs, t, "a.txt") == ["Before.", "The army attacked.", "1. Second. After."]
    assert [(e["id"], e["doc"], e["quote"]) for e in t.events] == [
        ("ev_test", "a.txt", "The army attacked.")
    ]
    assert [(c["id"], c["quote"]) for c in t.claims] == [
        ("cl_test", "The army attacked."),
        ("cl_second", "Second."),
    ]


def test_blocks_are_the_tuples_the_writers_take() -> None:
    blocks = [{"h": "Title"}, "Text.", {"page": None}, {"table": [["a", 1]]}]
    assert resolve(blocks, Truth(), "a.pdf") == [
        ("h", "Title"),
        "Text.",
        ("page",),
        ("table", [["a", 1]]),
    ]


def test_a_writer_that_takes_when_gets_the_documents_time_unless_the_entry_gives_one() -> None:
    entry = {"path": "a.txt", "format": "txt", "time": "2015-05-12 07:00", "writer": "dated"}
    doc = render_doc({**entry, "args": {"title": "T"}}, Truth(), WRITERS)
    assert doc.when == datetime(2015, 5, 12, 7, tzinfo=UTC)
    assert doc.data == b"T 2015-05-12T07:00:00+00:00"
    later = render_doc(
        {**entry, "args": {"title": "T", "when": "2015-05-13 08:30"}}, Truth(), WRITERS
    )
    assert later.data == b"T 2015-05-13T08:30:00+00:00" and later.when == doc.when


def test_members_are_rendered_first_under_their_container_and_handed_to_its_writer() -> None:
    t = Truth()
    inner = {
        "path": "dir/inner.txt",
        "format": "txt",
        "time": "2015-01-01 09:00",
        "writer": "lines",
        "args": {"lines": [{"quote": "Inside.", "event": EVENT}]},
    }
    entry = {
        "path": "box.zip",
        "format": "zip",
        "time": "2015-01-02 09:00",
        "writer": "container",
        "members": [inner],
        "language": None,
        "story": {"outlet": "observer"},
    }
    doc = render_doc(entry, t, WRITERS)
    assert [child.path for child in doc.children] == ["box.zip!/dir/inner.txt"]
    assert doc.data == b"box.zip!/dir/inner.txt" and doc.language is None
    assert t.events[0]["doc"] == "box.zip!/dir/inner.txt"
    assert t.stories == [{"doc": "box.zip", "outlet": "observer", "copied_from": None}]
