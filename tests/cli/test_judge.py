"""A person's verdict on what the machine found: kept across re-runs, shown, exported."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tests.conftest import cli_json, run_cli


@pytest.fixture
def case(demo_summary: dict, tmp_path: Path) -> str:
    copy = tmp_path / "case"
    shutil.copytree(demo_summary["case"], copy)
    return str(copy)


def test_a_rejected_event_stays_rejected_and_shows_everywhere(case: str, tmp_path: Path) -> None:
    event = cli_json("events", case, "--limit", "1")[0]
    assert event["review"] is None
    note = "a menu line, not an act"
    done = cli_json("judge", case, event["id"], "--reject", "--note", note, "--by", "desk")
    assert (done["item_kind"], done["verdict"], done["reviewer"]) == ("event", "rejected", "desk")
    # kept when extraction runs again and the event is found again under its id
    assert run_cli("extract", case).returncode == 0
    again = next(e for e in cli_json("events", case) if e["id"] == event["id"])
    assert again["review"]["verdict"] == "rejected" and again["review"]["note"] == note
    text = run_cli("events", case, "--limit", "1").stdout
    assert f"rejected by desk on {done['reviewed_at'][:10]}: {note}" in text
    out = tmp_path / "tables"
    assert run_cli("export", case, "--format", "csv", "--out", str(out)).returncode == 0
    with (out / "events.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert (rows[event["id"]]["verdict"], rows[event["id"]]["verdict_note"]) == ("rejected", note)


def test_claims_and_findings_can_be_judged_and_the_last_verdict_stands(case: str) -> None:
    claim = cli_json("claims", case, "--limit", "1")[0]
    cli_json("judge", case, claim["id"], "--reject")
    assert cli_json("judge", case, claim["id"], "--confirm")["verdict"] == "confirmed"
    assert cli_json("claims", case, "--limit", "1")[0]["review"]["verdict"] == "confirmed"
    finding = cli_json("findings", case)[0]
    assert cli_json("judge", case, finding["id"], "--confirm")["item_kind"] == "finding"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["nope0000", "--reject"], "no event, claim or finding"), (["x"], "--confirm or --reject")],
)
def test_a_verdict_needs_a_known_item_and_a_decision(case: str, args, message: str) -> None:
    done = run_cli("judge", case, *args)
    assert done.returncode == 1 and message in done.stderr


def test_a_rejected_event_counts_for_nothing_in_findings_timeline_and_graph(case: str) -> None:
    top = cli_json("findings", case)[0]
    dated = {e["id"] for e in cli_json("timeline", case)}
    event = next(i for i in top["events"] if i in dated)
    cli_json("judge", case, event, "--reject", "--note", "misread")
    assert all(event not in f["events"] for f in cli_json("findings", case))
    assert event not in {e["id"] for e in cli_json("timeline", case)}
    assert all(row["event"] != event for row in cli_json("corroboration", case))


def test_a_rejected_finding_comes_last_and_the_report_says_why(case: str, tmp_path: Path) -> None:
    top = cli_json("findings", case)[0]
    cli_json("judge", case, top["id"], "--reject", "--note", "two readings of one memo")
    found = cli_json("findings", case)
    assert found[-1]["id"] == top["id"] and found[-1]["review"]["verdict"] == "rejected"
    assert found[0]["review"] is None
    out = tmp_path / "report.html"
    assert run_cli("report", case, "--out", str(out), "--limit", "50").returncode == 0
    assert "two readings of one memo" in out.read_text(encoding="utf-8")
