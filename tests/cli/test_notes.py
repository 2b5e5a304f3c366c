"""Notes, tags and marks from the command line: written on a span, found again by search,
listed, exported and deleted; bad spans are one-line errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import cli_json, run_cli, write_small_trove


@pytest.fixture(scope="module")
def memo_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small case and the id of memo 3 in it."""
    root = tmp_path_factory.mktemp("notes")
    assert run_cli("init", str(root / "case")).returncode == 0
    cli_json("ingest", str(root / "case"), str(write_small_trove(root)))
    rows = cli_json("ls", str(root / "case"))
    memo = next(r for r in rows if r["path"].endswith("memo-003.txt"))
    return root / "case", memo["doc_id"]


def test_a_note_by_its_quote_is_found_by_its_tag_and_exported(
    memo_case: tuple[Path, str], tmp_path: Path
) -> None:
    case, doc_id = memo_case
    note = cli_json(
        "note", str(case), doc_id[:8], "--quote", "fuel for grain", "--tag", "Trade", "--by", "ed"
    )
    text = cli_json("show", str(case), doc_id)["pages"][0]["text"]
    assert text[note["start"] : note["end"]] == "fuel for grain" == note["quote"]
    assert (note["tag"], note["author"], note["page"]) == ("trade", "ed", 1)
    found = cli_json("search", str(case), "convoy tag:trade")
    assert [hit["doc_id"] for hit in found["hits"]] == [doc_id]
    assert cli_json("notes", str(case), "--tag", "TRADE") == [note]
    shown = run_cli("notes", str(case)).stdout
    assert note["id"] in shown and "“fuel for grain”" in shown and "#trade" in shown
    cli_json("export", str(case), "--format", "csv", "--out", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "notes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["quote"], r["tag"]) for r in rows] == [
        (note["id"], "fuel for grain", "trade")
    ]
    assert cli_json("notes", str(case), "--delete", note["id"])["id"] == note["id"]
    assert cli_json("notes", str(case)) == []


def test_a_star_and_a_read_mark_filter_the_search(memo_case: tuple[Path, str]) -> None:
    case, doc_id = memo_case
    marks = cli_json("mark", str(case), doc_id, "--star", "--read")
    assert marks == {"doc_id": doc_id, "starred": True, "read": True}
    assert [h["doc_id"] for h in cli_json("search", str(case), "convoy starred:yes")["hits"]] == [
        doc_id
    ]
    unread = cli_json("search", str(case), "convoy unread:yes")
    everything = cli_json("search", str(case), "convoy")
    assert unread["total"] == everything["total"] - 1
    assert doc_id not in {hit["doc_id"] for hit in unread["hits"]}
    assert cli_json("mark", str(case), doc_id, "--unstar")["starred"] is False
    assert cli_json("search", str(case), "convoy starred:yes")["total"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "5", "--end", "3", "--text", "x"), "E017: characters 5..3 are not on page 1"),
        (("--quote", "no such words", "--tag", "x"), "E017: page 1 of"),
        (("--tag", "x"), "E017: say where the note goes"),
        (("--quote", "convoy"), "E017: a note needs a text or a tag"),
        (("--page", "9", "--quote", "convoy", "--tag", "x"), "E008: document"),
    ],
)
def test_a_bad_note_is_a_one_line_error(
    memo_case: tuple[Path, str], args: tuple[str, ...], message: str
) -> None:
    case, doc_id = memo_case
    done = run_cli("note", str(case), doc_id, *args)
    assert done.returncode == 1 and done.stdout == ""
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
