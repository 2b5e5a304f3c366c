"""`casegraph copy`: the demo case onto a server and back into a folder; each copy finds,
lists and searches what the original does, and opens with no server once back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casegraph.case.address import ServerAddress
from tests.conftest import run_cli


def _read(case: str) -> dict[str, Any]:
    """What a reader sees of a case: its findings, entities, events and a search."""
    seen = {}
    for command in (["status"], ["findings"], ["entities"], ["events"], ["search", "convoy"]):
        done = run_cli(command[0], case, *command[1:], "--json")
        assert done.returncode == 0, done.stderr
        seen[command[0]] = json.loads(done.stdout)
    # events in the order of their pages: documents are numbered as they were stored
    seen["events"] = sorted(seen["events"], key=lambda event: event["id"])
    # a server case's status also counts its jobs (none here): the rest is compared
    assert seen["status"].pop("queued", {}) == {}
    return seen


def test_a_case_copied_onto_a_server_and_back_reads_the_same(
    demo_summary: dict[str, Any], server_database: str, tmp_path: Path
) -> None:
    original = demo_summary["case"]
    on_server = str(ServerAddress(server_database, "copied-demo"))
    done = run_cli("copy", original, on_server, "--blobs", str(tmp_path / "server-files"))
    assert done.returncode == 0, done.stderr
    back = tmp_path / "back"
    done = run_cli("copy", on_server, str(back), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"]["documents"] > 0
    expected = _read(original)
    assert expected["findings"] and expected["search"]["total"] > 0
    status = json.loads(run_cli("status", on_server, "--json").stdout)
    assert status["queued"] == {} and "queued" not in expected["status"]
    assert _read(on_server) == expected
    assert _read(str(back)) == expected
    check = run_cli("check", str(back))  # every original came along
    assert check.returncode == 0, check.stdout
