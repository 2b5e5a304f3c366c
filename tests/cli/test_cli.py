"""The command line as a user meets it: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.conftest import cli_json, run_cli, write_small_trove


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    trove = write_small_trove(root)
    assert run_cli("init", str(root / "case")).returncode == 0
    report = cli_json("ingest", str(root / "case"), str(trove))
    assert set(report) >= {"files_seen", "documents_added", "duplicates", "failures", "by_type"}
    assert report["files_seen"] == 15 and report["duplicates"] == 1 and report["failures"] == 1
    assert report["by_type"] == {"text/plain": 13, "text/csv": 1, "application/zip": 1}
    return root / "case"


def test_status_json(ingested: Path) -> None:
    status = cli_json("status", str(ingested))
    assert set(status) >= {"documents", "pages", "failures", "by_type", "failures_by_reason"}
    assert status["failures_by_reason"] == {"empty": 1}


def test_failures_json(ingested: Path) -> None:
    rows = cli_json("failures", str(ingested))
    assert [(r["path"], r["reason"]) for r in rows] == [("trove/empty.txt", "empty")]
    assert all(set(r) >= {"path", "reason", "detail"} for r in rows)


def test_ls_json_and_filters(ingested: Path) -> None:
    rows = cli_json("ls", str(ingested))
    keys = {"doc_id", "path", "paths", "mime", "pages", "chars", "parent_id", "state"}
    assert all(set(r) >= keys for r in rows)
    member = next(r for r in rows if r["path"] == "trove/bundle.zip!/inner/ledger.csv")
    assert member["parent_id"] is not None
    assert [r["path"] for r in cli_json("ls", str(ingested), "--failed")] == ["trove/empty.txt"]
    zips = cli_json("ls", str(ingested), "--type", "zip")
    assert [r["path"] for r in zips] == ["trove/bundle.zip"]


def test_show_json(ingested: Path) -> None:
    rows = cli_json("ls", str(ingested))
    memo = next(r for r in rows if r["path"].endswith("memo-003.txt"))
    doc = cli_json("show", str(ingested), memo["doc_id"][:8])
    keys = {"doc_id", "sha256", "mime", "title", "language", "parent_id", "paths", "metadata"}
    assert set(doc) >= keys | {"pages"}
    assert doc["language"] == "en"
    assert doc["pages"][0]["number"] == 1
    assert "day 3" in doc["pages"][0]["text"]


def test_search_json(ingested: Path) -> None:
    result = cli_json("search", str(ingested), '"fuel for grain" day -armour')
    assert result["total"] == 12
    hit = result["hits"][0]
    assert set(hit) >= {"doc_id", "title", "path", "page", "score", "snippet"}
    assert "fuel for grain" in hit["snippet"].replace("«", "").replace("»", "")


def test_search_facets_count_the_documents_found(ingested: Path) -> None:
    result = cli_json("search", str(ingested), "fuel OR armour", "--facets")
    types = {value["value"]: value["documents"] for value in result["facets"]["type"]}
    assert types == {"text/plain": 13, "text/csv": 1}
    assert result["total"] == sum(types.values())
    assert result["facets"]["language"][0]["value"] == "en"
    folders = {value["value"]: value["documents"] for value in result["facets"]["folder"]}
    assert folders == {
        "trove/": 14,
        "trove/memos/": 12,
        "trove/bundle.zip!/": 2,
        "trove/bundle.zip!/inner/": 2,
    }
    shown = run_cli("search", str(ingested), "fuel OR armour", "--facets").stdout
    assert "type: text/plain 13, text/csv 1" in shown


@pytest.mark.parametrize(
    "args",
    [
        ("status", "/nonexistent/case"),
        ("show", "{case}", "ffffffffffff"),
        ("search", "{case}", '"unclosed phrase'),
        ("search", "{case}", "(convoy"),
        ("ingest", "{case}", "/nonexistent/input"),
        ("config", "{case}", "no_such_setting", "3"),
        ("config", "{case}", "ocr_languages", "eng+klingon"),
        ("ls", "{case}", "--bogus-flag"),
    ],
)
def test_user_errors_are_one_line_exit_1(ingested: Path, args: tuple[str, ...]) -> None:
    done = run_cli(*(a.format(case=ingested) for a in args))
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_json_errors_have_one_shape(ingested: Path) -> None:
    done = run_cli("search", str(ingested), "convoy AND", "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert set(error) == {"code", "message"}


def test_init_refuses_an_existing_case(ingested: Path) -> None:
    done = run_cli("init", str(ingested))
    assert done.returncode == 1
    assert "already holds a case" in done.stderr


# the product's commands with the demo extra's packages made unimportable, as after
# `pip install .` without `[demo]`
WITHOUT_EXTRA = (
    "import sys; sys.modules.update(fpdf=None, xlwt=None, yaml=None); "
    "from casegraph.cli import main; sys.argv[0] = 'casegraph'; main()"
)


def _without_extra(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA, *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_casegraph_runs_without_the_demo_extra(tmp_path: Path) -> None:
    trove = write_small_trove(tmp_path)
    case = str(tmp_path / "case")
    for args in (("--help",), ("init", case), ("ingest", case, str(trove)), ("extract", case)):
        done = _without_extra(*args)
        assert done.returncode == 0, (args, done.stderr)
    listed = _without_extra("findings", case, "--json")
    assert listed.returncode == 0 and isinstance(json.loads(listed.stdout), list)
    refused = _without_extra("demo", str(tmp_path / "demo"))
    assert refused.returncode != 0 and "pip install 'casegraph[demo]'" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


HEAVY = ("spacy", "matplotlib", "scipy")


def _loaded_after(args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of modules a fresh process has imported after running casegraph with args."""
    probe = (
        "import sys; from casegraph.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {modules!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


@pytest.mark.parametrize("command", ["status", "ls", "failures", "search", "--help"])
def test_quick_commands_load_no_language_model_and_no_plotting(
    ingested: Path, command: str
) -> None:
    args = [command] if command.startswith("-") else [command, str(ingested)]
    if command == "search":
        args.append("convoy")
    assert _loaded_after(args, HEAVY) == []


def test_help_loads_no_command_and_no_database() -> None:
    store = ("sqlite3", "casegraph.case.store", "casegraph.cli.documents", "casegraph.records")
    assert _loaded_after(["--help"], store) == []
    assert "casegraph.cli.documents" in _loaded_after(["status", "--help"], store)


def test_the_command_table_lists_every_command_with_its_own_summary() -> None:
    import importlib
    import pkgutil

    import casegraph.cli as package
    from casegraph.cli import COMMANDS, every_command

    loaded = every_command()
    for name, (_, summary) in COMMANDS.items():
        assert loaded[name].get_short_help_str(limit=1000) == summary, name
    defined = [
        command
        for info in pkgutil.iter_modules(package.__path__)
        for command in vars(importlib.import_module(f"casegraph.cli.{info.name}")).values()
        if isinstance(command, click.Command)
    ]
    subcommands = {
        sub for group in defined if isinstance(group, click.Group) for sub in group.commands
    }
    assert {command.name for command in defined} - subcommands == set(COMMANDS)
