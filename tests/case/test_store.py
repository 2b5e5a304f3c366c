"""The case store's own guarantees, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings


def test_asking_for_more_ids_than_a_query_may_carry_works(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The army withdrew from the port.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    (doc_id,) = [d for _, d in case.document_paths()]
    # more than the 250,000 parameters this SQLite build takes (32,766 in many others)
    many = [f"x{n}" for n in range(300_000)]
    labels = case.document_labels([*many, doc_id])
    assert list(labels) == [doc_id]
    assert case.list_events(ids=many) == []
    # a lazy reader of every document is not disturbed by a question asked in between
    every = case.each_document_label()
    assert case.document_labels(many) == {}
    assert [d["doc_id"] for d in every] == [doc_id]
