"""`casegraph extract` on a real case: incremental, sourced, judgements kept across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract
from casegraph.settings import Settings
from tests.conftest import cli_json, run_cli

MEMOS = {
    "a.txt": "Mr. John Smith of the Free Dawn Front (FDF) met Omar Fadel in Damascus.\n"
    "On Monday, Smith wrote to k.haddad@example.org about the convoy.\n",
    "b.txt": "The FDF said Omar Fadel left Damascus on 4 July 2015.\n",
    "c.txt": "Nothing to see here but the Port of Bahran.\n",
}


@pytest.fixture
def case(tmp_path: Path) -> Case:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in MEMOS.items():
        (folder / name).write_text(text)
    opened = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(opened, [folder], progress=False)
    return opened


def _by_name(case: Case) -> dict[str, dict]:
    return {row["name"]: row for row in case.list_entities()}


def test_mentions_point_at_their_text_and_resolve_across_documents(case: Case) -> None:
    report = extract(case, progress=False)
    assert report["pages"] == 3
    entities = _by_name(case)
    fadel = entities["Omar Fadel"]
    assert (fadel["type"], fadel["documents"], fadel["mentions"]) == ("person", 2, 2)
    assert set(entities["Free Dawn Front"]["aliases"]) == {"Free Dawn Front", "FDF"}
    assert entities["John Smith"]["aliases"] == ["John Smith", "Smith"] or set(
        entities["John Smith"]["aliases"]
    ) == {"John Smith", "Smith"}
    detail = case.get_entity(fadel["id"])
    for mention in detail["mentions"]:
        text = case.get_document(mention["doc_id"])["pages"][mention["page"] - 1]["text"]
        assert text[mention["start"] : mention["end"]] == "Omar Fadel"
        assert "Omar Fadel" in mention["context"] and mention["recognizer"].startswith("spacy:")
    assert "Damascus" in {r["name"] for r in detail["related"]}


def test_extract_is_incremental_and_redoes_changed_pages(case: Case) -> None:
    extract(case, progress=False)
    assert extract(case, progress=False)["pages"] == 0
    doc_id = next(r["doc_id"] for r in case.list_documents() if r["path"] == "in/c.txt")
    case.transcribe(doc_id, 1, "Corrected: Leila Mansour visited Sadiya.", "tester")
    again = extract(case, progress=False)
    assert again["pages"] == 1
    names = set(_by_name(case))
    assert "Port of Bahran" not in names and "Leila Mansour" in names


def test_entities_of_one_document(case: Case) -> None:
    extract(case, progress=False)
    doc_id = next(r["doc_id"] for r in case.list_documents() if r["path"] == "in/b.txt")
    names = {row["name"] for row in case.list_entities(doc_id=doc_id)}
    assert "Omar Fadel" in names and "John Smith" not in names


def test_cli_json_shapes_and_judgements_survive_reruns(case: Case) -> None:
    extract(case, progress=False)
    root = str(case.root)
    rows = cli_json("entities", root)
    keys = {"id", "name", "type", "aliases", "mentions", "documents", "country", "kb_id"}
    assert all(set(row) >= keys | {"lat", "lon"} for row in rows)
    people = cli_json("entities", root, "--type", "person")
    assert {row["type"] for row in people} == {"person"}
    fadel = next(row for row in rows if row["name"] == "Omar Fadel")
    detail = cli_json("entity", root, fadel["id"])
    assert set(detail) >= {"id", "name", "type", "aliases", "mentions", "related"}
    assert set(detail["mentions"][0]) >= {"doc_id", "page", "start", "end", "text", "context"}
    smith = next(row for row in rows if row["name"] == "John Smith")
    assert run_cli("merge", root, fadel["id"], smith["id"]).returncode == 0
    extract(case, progress=False)
    merged = [row for row in cli_json("entities", root) if "Smith" in row["aliases"]]
    assert len(merged) == 1 and "Omar Fadel" in merged[0]["aliases"]
    assert run_cli("split", root, merged[0]["id"], "--alias", "Smith").returncode == 0
    extract(case, progress=False)
    after = cli_json("entities", root)
    assert [row for row in after if row["aliases"] == ["Smith"]]
    assert run_cli("entity", root, "e000000000000").returncode == 1
