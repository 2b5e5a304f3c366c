"""`casegraph investigate`: one command from files to findings and a report."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli_json, run_cli

STORY = (
    "Rebels and army swap prisoners\n"
    "By Ana Duarte\n"
    "The Northern Front and the Kivani Army, who fought each other for years, exchanged "
    "prisoners at the Lumo bridge on 4 May 2019, the Kivani Army said."
)
MEMO = (
    "MEMO\nFrom: the Northern Front command\n"
    "The Kivani Army attacked our positions at Lumo on 2 May 2019. "
    "The Northern Front agreed with the Kivani Army to exchange prisoners on 4 May 2019."
)


def _trove(root: Path) -> Path:
    trove = root / "files"
    trove.mkdir()
    (trove / "story.txt").write_text(STORY, encoding="utf-8")
    (trove / "memo.txt").write_text(MEMO, encoding="utf-8")
    return trove


def test_investigate_makes_the_case_and_the_report(tmp_path: Path) -> None:
    trove, case = _trove(tmp_path), tmp_path / "case"
    done = cli_json("investigate", str(case), str(trove))
    assert done["ingest"]["documents_added"] == 2
    assert done["extract"]["pages"] == 2 and done["extract"]["entities"] > 0
    report = Path(done["report"]["path"])
    assert report == case / "report.html" and report.stat().st_size > 0
    assert isinstance(done["findings"], list)
    again = cli_json("investigate", str(case), str(trove))
    assert again["ingest"]["documents_added"] == 0 and again["extract"]["pages"] == 0
    assert [f["id"] for f in again["findings"]] == [f["id"] for f in done["findings"]]
    shared = cli_json("xref", str(case), str(case), "--limit", "2")
    assert shared["total"] >= 2 and len(shared["matches"]) == 2
    assert all(m["left"]["id"] == m["right"]["id"] for m in shared["matches"])


def test_investigate_a_missing_path_is_one_line(tmp_path: Path) -> None:
    done = run_cli("investigate", str(tmp_path / "case"), str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "nowhere" in done.stderr
