"""A terminal that helps: examples in every --help, what to run next, names for ids, pages."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from casegraph.cli import every_command
from tests.conftest import cli_json, run_cli, write_small_trove


@pytest.fixture(scope="module")
def unextracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("terminal")
    assert run_cli("init", str(root / "case")).returncode == 0
    assert run_cli("ingest", str(root / "case"), str(write_small_trove(root))).returncode == 0
    return root / "case"


def _commands(commands: dict[str, click.Command], prefix: str = "") -> list[str]:
    names = []
    for name, command in commands.items():
        names.append(prefix + name)
        if isinstance(command, click.Group):
            names += _commands(command.commands, f"{prefix}{name} ")
    return names


@pytest.mark.parametrize("command", _commands(every_command()))
def test_every_help_ends_with_an_example(command: str) -> None:
    done = run_cli(*command.split(), "--help")
    assert done.returncode == 0
    examples = done.stdout.split("Examples:")[-1]
    assert "Examples:" in done.stdout and f"casegraph {command.split()[0]}" in examples


def test_search_help_lists_its_filters() -> None:
    text = run_cli("search", "--help").stdout
    assert all(f in text for f in ("type:pdf", "path:", "lang:", "date:"))


@pytest.mark.parametrize("command", ["entities", "events", "claims", "findings", "timeline"])
def test_a_listing_before_extract_says_what_to_run(unextracted: Path, command: str) -> None:
    done = run_cli(command, str(unextracted))
    assert done.returncode == 0 and done.stdout == ""
    assert f"nothing extracted yet; run: casegraph extract {unextracted}" in done.stderr
    assert cli_json(command, str(unextracted)) == []


def test_status_says_whether_extract_ran(unextracted: Path, tmp_path: Path) -> None:
    assert "extract: not run yet" in run_cli("status", str(unextracted)).stdout
    assert cli_json("status", str(unextracted))["pages_extracted"] == 0
    case = tmp_path / "case"
    assert run_cli("investigate", str(case), str(write_small_trove(tmp_path, 3))).returncode == 0
    status = cli_json("status", str(case))
    assert status["pages_extracted"] == status["pages"] > 0
    assert f"extract: {status['pages']} pages read" in run_cli("status", str(case)).stdout


def test_a_folder_holding_a_case_is_named(unextracted: Path) -> None:
    done = run_cli("status", str(unextracted.parent))
    assert done.returncode == 1
    assert f"did you mean {unextracted}?" in done.stderr


def test_listings_page_with_limit_and_offset(unextracted: Path) -> None:
    every = cli_json("ls", str(unextracted))
    assert len(every) > 4  # --json gives every row unless --limit says otherwise
    done = run_cli("ls", str(unextracted), "--limit", "3")
    assert len(done.stdout.splitlines()) == 3
    assert f"showing 1-3 of {len(every)}; --offset 3 for more" in done.stderr
    last = run_cli("ls", str(unextracted), "--offset", str(len(every) - 1), "--json")
    assert [row["doc_id"] for row in __import__("json").loads(last.stdout)] == [every[-1]["doc_id"]]
    assert f"showing {len(every)}-{len(every)} of {len(every)}" in last.stderr
    assert "for more" not in last.stderr


def test_names_are_taken_where_ids_are_with_near_misses_named(demo_summary: dict) -> None:
    case = demo_summary["case"]
    top = next(e for e in cli_json("entities", case) if e["type"] == "person")
    by_name = cli_json("entity", case, top["name"])
    assert by_name["id"] == top["id"] == cli_json("entity", case, top["id"])["id"]
    typo = top["name"][:-1] + ("x" if top["name"][-1] != "x" else "y")
    done = run_cli("entity", case, typo)
    assert done.returncode == 1
    assert f"did you mean {top['name']!r}" in done.stderr


def test_long_passages_wrap_to_the_terminal(demo_summary: dict) -> None:
    done = run_cli("events", demo_summary["case"], "--limit", "30")
    assert done.returncode == 0 and done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 100


def test_the_demo_prints_its_tour(tmp_path: Path) -> None:
    done = run_cli("demo", str(tmp_path / "demo"), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "extract: " in done.stdout and "pages read" in done.stdout
    assert f"$ casegraph investigate {tmp_path / 'demo' / 'case'}" in done.stdout
    # it ends by saying how to open the workbench on what it built
    assert done.stdout.rstrip().endswith(f"casegraph serve {tmp_path / 'demo' / 'case'} --open")


def test_search_finds_a_name_under_its_other_spellings_when_asked(demo_summary: dict) -> None:
    case = demo_summary["case"]
    person = next(
        e for e in cli_json("entities", case, "--type", "person") if len(e["aliases"]) > 2
    )
    plain = cli_json("search", case, person["name"])
    widened = cli_json("search", case, person["name"], "--aliases")
    forms = widened["aliases"][person["name"]]
    assert person["name"] in forms and len(forms) > 1
    assert widened["total"] > plain["total"]
    quoted = cli_json("search", case, f'"{person["name"]}" -zzzz', "--aliases")
    assert quoted["total"] == widened["total"]
    assert "aliases" not in plain


def test_status_and_ls_count_the_same_documents(demo_summary: dict) -> None:
    case = demo_summary["case"]
    status = cli_json("status", case)
    listed = cli_json("ls", case)
    failed = status["by_state"].get("failed", 0)
    assert len(listed) == status["documents"] + failed
    line = run_cli("status", case).stdout.splitlines()[0]
    assert f"({len(listed)} in all)" in line or (not failed and str(len(listed)) in line)
