"""Cross-referencing two real cases: shared entities found and sourced, the rest left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.analysis.xref import DEFAULT_TYPES, Side, cross_reference, judge
from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract
from casegraph.settings import Settings
from tests.conftest import run_cli

LEFT = {
    "grain.txt": "On 3 March 2015 Leila Mansour, a trader, met officials of the Zarqani Grain "
    "Board (ZGB) in Damascus, Syria. The ZGB promised her fuel.\n",
    "fadel.txt": "Omar Fadel travelled from Damascus to Tripoli in Lebanon. "
    "Nadia Rahal stayed behind in Beirut, Lebanon.\n",
}
RIGHT = {
    "depot.txt": "Leila Mansour, a trader, was seen again in Damascus, Syria, where guards of "
    "the ZGB watched the depot, a spokesman for the ZGB said.\n",
    "flight.txt": "Omar Fadell flew to Tripoli in Libya. Yusuf Karam met him in Benghazi, Libya.\n",
}


def _build(root: Path, files: dict[str, str]) -> Case:
    folder = root / "in"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    case = Case.create(root / "case", Settings(workers=1, ocr=False))
    ingest(case, [folder], progress=False)
    extract(case, progress=False)
    return case


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, Case]:
    root = tmp_path_factory.mktemp("xref")
    return _build(root / "left", LEFT), _build(root / "right", RIGHT)


def _pairs(result: dict) -> dict[tuple[str, str], dict]:
    return {(m["left"]["name"], m["right"]["name"]): m for m in result["matches"]}


def test_shared_entities_are_found_with_evidence_on_both_sides(cases: tuple[Case, Case]) -> None:
    left, right = cases
    result = cross_reference(left, right, limit=100)
    pairs = _pairs(result)
    reasons = {pair: m["reason"] for pair, m in pairs.items()}
    assert reasons[("Leila Mansour", "Leila Mansour")] == "name"
    assert reasons[("Zarqani Grain Board", "ZGB")] == "alias"  # the acronym defined on one side
    assert reasons[("Omar Fadel", "Omar Fadell")] == "fuzzy"
    assert reasons[("Damascus", "Damascus")] == "kb_id"  # the same gazetteer entry
    scores = [m["score"] for m in result["matches"]]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert (
        pairs[("Omar Fadel", "Omar Fadell")]["score"]
        < pairs[("Zarqani Grain Board", "ZGB")]["score"]
    )
    for match in result["matches"]:
        for case, side in ((left, match["left"]), (right, match["right"])):
            assert side["evidence"], side["name"]
            for passage in side["evidence"]:
                page = case.documents.get(passage["doc_id"])["pages"][passage["page"] - 1]
                assert page["text"][passage["start"] : passage["end"]] == passage["text"]
                assert passage["text"] in passage["context"]


def test_entities_of_one_side_and_namesakes_far_apart_are_not_matched(
    cases: tuple[Case, Case],
) -> None:
    names = {name for pair in _pairs(cross_reference(*cases, limit=100)) for name in pair}
    for lone in ("Nadia Rahal", "Beirut", "Lebanon", "Yusuf Karam", "Benghazi", "Libya"):
        assert lone not in names
    assert "Tripoli" not in names  # in Lebanon on one side, in Libya on the other
    assert {"Leila Mansour", "ZGB", "Damascus"} <= names


def test_type_filter_keeps_one_type(cases: tuple[Case, Case]) -> None:
    result = cross_reference(*cases, type_name="person")
    assert {(m["left"]["type"], m["right"]["type"]) for m in result["matches"]} == {
        ("person", "person")
    }
    assert result["total"] == 2


def test_pages_are_disjoint_slices_of_one_total(cases: tuple[Case, Case]) -> None:
    whole = cross_reference(*cases, limit=100)
    assert whole["total"] == len(whole["matches"]) >= 4
    seen: list[tuple[str, str]] = []
    for offset in range(0, whole["total"], 2):
        page = cross_reference(*cases, limit=2, offset=offset)
        assert (page["total"], page["limit"], page["offset"]) == (whole["total"], 2, offset)
        seen += [(m["left"]["id"], m["right"]["id"]) for m in page["matches"]]
    assert seen == [(m["left"]["id"], m["right"]["id"]) for m in whole["matches"]]
    assert len(set(seen)) == len(seen)
    assert cross_reference(*cases, offset=whole["total"])["matches"] == []


def test_a_case_with_itself_matches_every_entity_to_itself(cases: tuple[Case, Case]) -> None:
    left, _ = cases
    again = Case.open(left.root)
    result = cross_reference(left, again, limit=1000)
    selves = {m["left"]["id"]: m["score"] for m in result["matches"] if m["left"] == m["right"]}
    expected = {e["id"] for e in left.entities.select() if e["type"] in DEFAULT_TYPES}
    assert selves == dict.fromkeys(expected, 1.0)


def _place(name: str, lat: float, lon: float) -> Side:
    row = {"id": name, "name": name, "type": "place", "country": "sy", "lat": lat, "lon": lon}
    return Side(row, None, name.lower(), frozenset({name.lower()}))


def test_places_of_one_name_far_apart_do_not_match() -> None:
    assert judge(_place("Tell", 36.20, 37.16), _place("Tell", 36.25, 37.20)) is not None
    assert judge(_place("Tell", 36.20, 37.16), _place("Tell", 33.51, 36.29)) is None


def test_a_folder_that_is_not_a_case_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    done = run_cli("xref", str(tmp_path / "case"), str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "E001" in done.stderr and str(tmp_path) in done.stderr
