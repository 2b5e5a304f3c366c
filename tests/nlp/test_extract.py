"""`casegraph extract` on a real case: incremental, sourced, judgements kept across runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import (
    ALL_PAGES,
    STAGE,
    _batches,
    extract,
    propagate_names,
    recognise_pages,
    recognise_version,
    resolve_case,
    unread_page_ranges,
)
from casegraph.nlp.propagate import gazetteer
from casegraph.nlp.resolve import acronyms
from casegraph.settings import Settings
from tests.conftest import cli_json, run_cli

MEMOS = {
    "a.txt": "Mr. John Smith of the Free Dawn Front (FDF) met Omar Fadel in Damascus.\n"
    "On Monday, Smith wrote to k.haddad@example.org about the convoy.\n",
    "b.txt": "The FDF said Omar Fadel left Damascus on 4 July 2015.\n",
    "c.txt": "Nothing to see here but the Port of Bahran.\n",
}
# short forms, an acronym found again by the case gazetteer, a place told apart by its country
MORE_MEMOS = {
    "d.txt": "Leila Mansour crossed the Wadi Saqra checkpoint near Tripoli, Libya, with Fadel.\n"
    "Mansour said the Southern Valley Brigades (SVB) had left. SVB fighters and Omar Fadel"
    " stayed.\n",
    "e.txt": "Seen in Tripoli: Leila Mansour, the Brigades and the Port of Bahran."
    " Fadel was absent.\n",
}


def _ingested(root: Path, memos: dict[str, str]) -> Case:
    folder = root / "in"
    folder.mkdir()
    for name, text in memos.items():
        (folder / name).write_text(text)
    opened = Case.create(root / "case", Settings(workers=1))
    ingest(opened, [folder], progress=False)
    return opened


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return _ingested(tmp_path, MEMOS)


@pytest.fixture
def larger_case(tmp_path: Path) -> Case:
    return _ingested(tmp_path, MEMOS | MORE_MEMOS)


def _by_name(case: Case) -> dict[str, dict]:
    return {row["name"]: row for row in case.entities.select()}


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
    detail = case.entities.get(fadel["id"])
    for mention in detail["mentions"]:
        text = case.documents.get(mention["doc_id"])["pages"][mention["page"] - 1]["text"]
        assert text[mention["start"] : mention["end"]] == "Omar Fadel"
        assert "Omar Fadel" in mention["context"] and mention["recognizer"].startswith("spacy:")
    assert "Damascus" in {r["name"] for r in detail["related"]}


def test_extract_is_incremental_and_redoes_changed_pages(case: Case) -> None:
    extract(case, progress=False)
    assert extract(case, progress=False)["pages"] == 0
    doc_id = next(r["doc_id"] for r in case.documents.select() if r["path"] == "in/c.txt")
    case.pages.transcribe(doc_id, 1, "Corrected: Leila Mansour visited Sadiya.", "tester")
    again = extract(case, progress=False)
    assert again["pages"] == 1
    names = set(_by_name(case))
    assert "Port of Bahran" not in names and "Leila Mansour" in names


def test_unread_pages_come_in_batches_once_each_in_order(case: Case) -> None:
    extract(case, progress=False)
    assert case.readings.todo_size(STAGE, "another reader")[0] == 3
    doc_id = next(r["doc_id"] for r in case.documents.select() if r["path"] == "in/c.txt")
    case.pages.transcribe(doc_id, 1, "Corrected: Leila Mansour visited Sadiya.", "tester")
    pages, chars = case.readings.todo_size(STAGE, "another reader")
    every = (STAGE, "another reader")
    walked = [row for batch in _batches(case, every, 2, ALL_PAGES) for row in batch]
    assert [row[0] for row in walked] == sorted({row[0] for row in walked})
    assert (len(walked), sum(len(row[3]) for row in walked)) == (pages, chars)
    assert pages == 3 and any("Sadiya" in row[3] for row in walked)
    # a range of page ids holds those pages only, first and last included
    ids = [page_id for page_id, _ in case.readings.todo_lengths(*every)]
    assert ids == [row[0] for row in walked]
    within = (ids[1], ids[2])
    assert [row[0] for batch in _batches(case, every, 1, within) for row in batch] == ids[1:]
    assert case.readings.todo_size(*every, within) == (2, sum(len(r[3]) for r in walked[1:]))


def test_unread_pages_are_shared_out_in_ranges_that_cover_each_once(case: Case) -> None:
    unread = case.readings.todo_lengths(STAGE, recognise_version(case))
    ids, lengths = [page_id for page_id, _ in unread], [length for _, length in unread]
    assert unread_page_ranges(case, 10**9, 2) == [(ids[0], ids[1]), (ids[2], ids[2])]
    # a range ends once it holds enough characters, whatever its pages
    by_length = unread_page_ranges(case, lengths[0] + 1, 500)
    assert by_length == [(ids[0], ids[1]), (ids[2], ids[2])]
    assert unread_page_ranges(case, 1, 500) == [(i, i) for i in ids]
    # a range that holds exactly the characters asked for ends there
    assert unread_page_ranges(case, lengths[0], 500)[0] == (ids[0], ids[0])
    ranges = unread_page_ranges(case, sum(lengths), 500)
    assert ranges == [(ids[0], ids[2])]
    found = [recognise_pages(case, within)["pages"] for within in unread_page_ranges(case, 1, 2)]
    assert found == [1, 1, 1] and unread_page_ranges(case, 1, 2) == []
    assert recognise_pages(case, ranges[0])["pages"] == 0  # read once: a retried job skips


def test_entities_of_one_document(case: Case) -> None:
    extract(case, progress=False)
    doc_id = next(r["doc_id"] for r in case.documents.select() if r["path"] == "in/b.txt")
    names = {row["name"] for row in case.entities.select(doc_id=doc_id)}
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


# what resolution stored for larger_case before it worked on groups of mentions: each entity
# (id, type, mentions, documents, name = aliases by count), and each mention's entity
STORED_ENTITIES = """
e69bd1efe2de9 date 1 1 4 July 2015 = 4 July 2015
e0d2f2269f460 organization 1 1 Brigades = Brigades
e6d9dd2f26d0f place 2 2 Damascus = Damascus
ee6e67bf72325 organization 3 2 Free Dawn Front = FDF; Free Dawn Front
eacb914e7f233 person 2 1 John Smith = John Smith; Smith
e9df32bb4d53f person 3 2 Leila Mansour = Leila Mansour; Mansour
e3e61437be0cf place 1 1 Libya = Libya
ec53c3f78cd4d date 1 1 Monday = Monday
e0606b49933c2 person 4 3 Omar Fadel = Omar Fadel; Fadel
ea7d738b8ca1a place 2 2 Port of Bahran = Port of Bahran
e33e26deb359a organization 3 1 Southern Valley Brigades = SVB; Southern Valley Brigades
ec6151413fdea place 2 2 Tripoli = Tripoli
e72624e3777ee place 1 1 Wadi Saqra = Wadi Saqra
e208c65eb5aaa email 1 1 k.haddad@example.org = k.haddad@example.org
"""
STORED_MENTIONS = """
a.txt 22 37 spacy ee6e67bf72325
a.txt 39 42 spacy ee6e67bf72325
a.txt 4 14 spacy eacb914e7f233
a.txt 48 58 spacy e0606b49933c2
a.txt 62 70 spacy e6d9dd2f26d0f
a.txt 75 81 spacy ec53c3f78cd4d
a.txt 83 88 spacy eacb914e7f233
a.txt 98 118 pattern e208c65eb5aaa
b.txt 13 23 spacy e0606b49933c2
b.txt 29 37 spacy e6d9dd2f26d0f
b.txt 4 7 spacy ee6e67bf72325
b.txt 41 52 spacy e69bd1efe2de9
c.txt 28 42 spacy ea7d738b8ca1a
d.txt 0 13 spacy e9df32bb4d53f
d.txt 124 127 spacy e33e26deb359a
d.txt 139 142 case-gazetteer e33e26deb359a
d.txt 156 166 spacy e0606b49933c2
d.txt 26 36 spacy e72624e3777ee
d.txt 53 60 spacy ec6151413fdea
d.txt 62 67 spacy e3e61437be0cf
d.txt 74 79 spacy e0606b49933c2
d.txt 81 88 spacy e9df32bb4d53f
d.txt 98 122 spacy e33e26deb359a
e.txt 17 30 spacy e9df32bb4d53f
e.txt 36 44 spacy e0d2f2269f460
e.txt 53 67 spacy ea7d738b8ca1a
e.txt 8 15 spacy ec6151413fdea
"""


def _stored(case: Case) -> tuple[str, str]:
    """What a resolution stored, in the form of STORED_ENTITIES and STORED_MENTIONS."""
    files = {row["doc_id"]: Path(row["path"]).name for row in case.documents.select()}
    entities, mentions = [], []
    for row in sorted(case.entities.select(), key=lambda row: row["name"]):
        facts = (row["id"], row["type"], row["mentions"], row["documents"], row["name"])
        entities.append(" ".join(map(str, facts)) + " = " + "; ".join(row["aliases"]))
        for m in case.entities.get(row["id"])["mentions"]:
            recognizer = m["recognizer"].split(":")[0]
            mentions.append(
                f"{files[m['doc_id']]} {m['start']} {m['end']} {recognizer} {row['id']}"
            )
    return "\n".join(entities), "\n".join(sorted(mentions))


def test_resolution_stores_what_it_stored_before(larger_case: Case) -> None:
    report = extract(larger_case, progress=False)
    assert report["mentions_propagated"] == 1
    expected = (STORED_ENTITIES.strip(), STORED_MENTIONS.strip())
    assert _stored(larger_case) == expected
    resolve_case(larger_case)  # a second resolution changes nothing
    assert _stored(larger_case) == expected


def test_propagation_page_by_page_finds_the_same_and_duplicates_nothing(
    larger_case: Case,
) -> None:
    extract(larger_case, progress=False)
    expected = _stored(larger_case)
    defined = acronyms(larger_case.pages.texts())
    for _ in range(2):
        assert propagate_names(larger_case, defined, pages_at_once=1) == 1
    resolve_case(larger_case, defined)
    assert _stored(larger_case) == expected


# an extract with nothing new, in a process of its own: what it imported, and what it printed
IDLE_EXTRACT = (
    "import json, sys; from casegraph.case.store import Case;"
    " from casegraph.nlp.extract import extract;"
    " done = extract(Case.open(__import__('pathlib').Path(sys.argv[1])), progress=False);"
    " print(json.dumps({'done': done, 'spacy': 'spacy' in sys.modules}))"
)


def _idle_extract(case: Case) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", IDLE_EXTRACT, str(case.root)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)


def test_an_extract_with_nothing_new_reads_nothing_and_resolves_nothing(case: Case) -> None:
    first = extract(case, progress=False)
    again = _idle_extract(case)
    assert not again["spacy"]  # no model loaded to learn that there is nothing to read
    nothing_read = {"pages": 0, "mentions_found": 0, "events_found": 0, "claims_found": 0}
    assert again["done"] == {**first, **nothing_read}
    # a person's merge is new to resolution: the next extract resolves again
    smith, fadel = (_by_name(case)[name]["id"] for name in ("John Smith", "Omar Fadel"))
    assert run_cli("merge", str(case.root), smith, fadel).returncode == 0
    merged = _idle_extract(case)["done"]
    assert merged["entities"] == first["entities"] - 1
    assert _idle_extract(case)["done"] == merged


def test_pages_read_in_several_processes_read_as_in_one() -> None:
    from casegraph.nlp.extract import _read

    pipeline = (Settings().nlp_model, None)
    pages = [(f"d{n}", 1, text) for n, text in enumerate([*MEMOS.values(), *MORE_MEMOS.values()])]
    assert _read(pages, pipeline, processes=2) == _read(pages, pipeline)


def test_a_name_typed_as_often_one_way_as_another_is_looked_for_alike_in_any_order() -> None:
    votes = [("Checkpoint 14", "organization", 2), ("Checkpoint 14", "person", 2)]
    assert gazetteer(votes) == gazetteer(votes[::-1]) == {"Checkpoint 14": "person"}
