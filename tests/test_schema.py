"""Every --json output of the demo has the shape casegraph.listings describes (issue 15)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, get_args, get_type_hints

import click
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from casegraph import listings
from casegraph.cli import cli, every_command, main
from casegraph.schema import COMMAND_OUTPUTS, command_schema, schema_of
from json_snapshot import listing_commands  # bench/, on the tests' path
from tests.conftest import write_small_trove

# what the before/after snapshot leaves out, after the case's folder; {case} is the case's
# folder again (xref of a case with itself matches every entity to itself)
MORE_READINGS = [
    ("config", []),
    ("config", ["ocr_languages"]),
    ("search", ['"Karim Haddad"', "--aliases"]),
    ("xref", ["{case}", "--limit", "10000"]),
]


def printed(*args: str) -> Any:
    """What a command prints with --json, run in this process; it must succeed."""
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_shape(output: Any, command: str, label: str = "") -> None:
    """The output validates against the command's schema; else say where and how not."""
    errors = Draft202012Validator(command_schema(command)).iter_errors(output)
    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors]
    assert not found, f"{label or command}: " + "\n".join(found[:5])


def test_every_listing_the_snapshot_takes_has_its_shape(demo_summary: dict) -> None:
    """status, check, failures, review, entities, events, claims, findings, corroboration,
    timeline, ls, the demo's searches, show of every document, entity and graph of actors."""
    for name, args in listing_commands(Path(demo_summary["case"])).items():
        assert_shape(printed(*args), args[0], name)


@pytest.mark.parametrize(
    ("command", "args"),
    MORE_READINGS,
    ids=[" ".join([command, *args]) for command, args in MORE_READINGS],
)
def test_the_other_readings_of_the_demo_have_their_shapes(
    demo_summary: dict, command: str, args: list[str]
) -> None:
    case = demo_summary["case"]
    given = [arg.format(case=case) for arg in args]
    assert_shape(printed(command, case, *given), command)


def test_the_demo_summary_and_the_reports_in_it_have_their_shapes(demo_summary: dict) -> None:
    assert_shape(demo_summary, "demo")
    for command in ("ingest", "extract", "report"):
        assert_shape(demo_summary[command], command)


@pytest.fixture
def demo_copy(demo_summary: dict, tmp_path: Path) -> str:
    """A copy of the demo's case that a test may write to."""
    copy = tmp_path / "case"
    shutil.copytree(demo_summary["case"], copy)
    return str(copy)


def test_verdicts_and_what_they_are_on_have_their_shapes(demo_copy: str) -> None:
    event = printed("events", demo_copy, "--limit", "1")[0]
    claim = printed("claims", demo_copy, "--limit", "1")[0]
    finding = printed("findings", demo_copy)[0]
    assert_shape(printed("judge", demo_copy, event["id"], "--reject", "--note", "a menu"), "judge")
    assert_shape(printed("judge", demo_copy, claim["id"], "--confirm", "--by", "desk"), "judge")
    assert_shape(printed("judge", demo_copy, finding["id"], "--confirm"), "judge")
    listed = {
        command: printed(command, demo_copy)
        for command in ("events", "claims", "findings", "corroboration", "timeline")
    }
    for command, output in listed.items():
        assert_shape(output, command)
    for judged in ("events", "claims", "findings"):
        assert any(row["review"] for row in listed[judged]), f"no verdict among the {judged}"


def test_notes_and_marks_have_their_shapes(demo_copy: str) -> None:
    event = printed("events", demo_copy, "--limit", "1")[0]
    doc_id, span = event["evidence"]["doc_id"], event["evidence"]
    note = printed(
        "note",
        demo_copy,
        doc_id,
        "--page",
        str(span["page"]),
        "--start",
        str(span["start"]),
        "--end",
        str(span["end"]),
        "--tag",
        "shape",
    )
    assert_shape(note, "note")
    assert_shape(printed("notes", demo_copy), "notes")
    assert_shape(printed("mark", demo_copy, doc_id, "--star"), "mark")
    assert_shape(printed("search", demo_copy, "tag:shape", "--facets"), "search")
    assert_shape(printed("notes", demo_copy, "--delete", note["id"]), "notes")


def test_what_ocr_report_and_export_wrote_has_its_shape(demo_copy: str, tmp_path: Path) -> None:
    assert_shape(printed("ocr", demo_copy), "ocr")
    for report in ("report.html", "report.pdf"):
        written = printed("report", demo_copy, "--out", str(tmp_path / report), "--limit", "1")
        assert_shape(written, "report")
    for form in ("gexf", "graphml", "json", "csv", "ftm"):
        out = str(tmp_path / f"export-{form}")
        assert_shape(printed("export", demo_copy, "--format", form, "--out", out), "export")


def test_the_writing_commands_on_a_small_trove_print_their_shapes(tmp_path: Path) -> None:
    trove, case = write_small_trove(tmp_path, count=3), str(tmp_path / "case")
    assert_shape(printed("investigate", case, str(trove)), "investigate")
    assert_shape(printed("ingest", case, str(trove)), "ingest")
    assert_shape(printed("extract", case), "extract")
    failed = printed("failures", case, "--retry")
    assert failed, "the small trove's empty file fails"
    assert_shape(failed, "failures")
    settings = printed("config", case, "workers", "1")
    assert_shape(settings, "config")
    # config prints every setting, or one: the full listing must be the whole of them
    Draft202012Validator(schema_of(listings.CaseSettings)).validate(settings)


def test_an_error_prints_its_one_shape(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["status", str(tmp_path / "no-case"), "--json"])
    error = json.loads(capsys.readouterr().out)
    Draft202012Validator(schema_of(listings.CommandError)).validate(error)


# -- the generator ------------------------------------------------------------------------

PASSAGE = {"doc_id": "3f2a9c", "page": 1, "start": 0, "end": 4, "text": "fuel"}


def _valid(shape: object, value: Any) -> bool:
    return Draft202012Validator(schema_of(shape)).is_valid(value)


def test_a_missing_an_extra_or_a_renamed_key_or_a_wrong_type_fails() -> None:
    assert _valid(listings.Passage, PASSAGE)
    missing = {key: value for key, value in PASSAGE.items() if key != "text"}
    for wrong in (
        missing,
        {**PASSAGE, "snippet": "fuel"},
        {**missing, "txt": "fuel"},
        {**PASSAGE, "page": "1"},
        {**PASSAGE, "page": True},
        {**PASSAGE, "text": None},
    ):
        assert not _valid(listings.Passage, wrong), wrong


def test_optional_keys_nullable_values_unions_and_words_are_checked() -> None:
    assert _valid(listings.FindingPassage, PASSAGE)
    assert _valid(listings.FindingPassage, {**PASSAGE, "sides_named": False})
    assert not _valid(listings.FindingPassage, {**PASSAGE, "sides_named": "no"})
    actor = {"id": None, "name": "the army"}
    sides = listings.EventListing.__annotations__["source"]
    for value in (None, actor, [actor, {"id": "e1", "name": "Brigades"}]):
        assert _valid(sides, value)
    assert not _valid(sides, "the army") and not _valid(sides, {"name": "the army"})
    assert not _valid(listings.EntityRef, actor)  # an entity's id is never null
    assert not _valid(listings.DocumentState, "lost")
    assert not _valid(dict[listings.DocumentState, int], {"lost": 1})
    assert _valid(list[listings.Finding], [])


def test_a_nested_object_is_checked_where_it_stands() -> None:
    claim = {
        "id": "c1",
        "speaker": None,
        "speaker_text": "residents",
        "cue": "said",
        "content": "fuel",
        "content_span": {"start": 0, "end": 4},
        "kind": "indirect",
        "hedged": False,
        "evidence": PASSAGE,
        "events": [],
        "extractor": "casegraph-claims 4",
        "review": None,
    }
    assert _valid(listings.ClaimListing, claim)
    pageless = {key: value for key, value in PASSAGE.items() if key != "page"}
    validator = Draft202012Validator(schema_of(listings.ClaimListing))
    errors = validator.iter_errors({**claim, "evidence": pageless})
    assert [list(error.absolute_path) for error in errors] == [["evidence"]]


def test_a_type_json_cannot_hold_and_an_unknown_command_are_refused() -> None:
    with pytest.raises(TypeError):
        schema_of(set[str])
    with pytest.raises(ValueError, match="no command 'init'"):
        command_schema("init")


@pytest.mark.parametrize("command", sorted(COMMAND_OUTPUTS))
def test_every_schema_is_a_valid_draft_2020_12_schema(command: str) -> None:
    Draft202012Validator.check_schema(command_schema(command))


def _commands_with_json(commands: dict[str, click.Command], prefix: str = "") -> set[str]:
    found = set()
    for name, command in commands.items():
        if isinstance(command, click.Group):
            found |= _commands_with_json(command.commands, f"{prefix}{name} ")
        elif any("--json" in param.opts for param in command.params):
            found.add(prefix + name)
    return found


def test_every_command_with_json_has_its_output_type_and_no_other() -> None:
    assert set(COMMAND_OUTPUTS) == _commands_with_json(every_command())


def test_the_closed_sets_of_words_are_the_code_s() -> None:
    from casegraph.analysis import provenance
    from casegraph.nlp.plover import CATEGORIES, QUADS
    from casegraph.records import DocState, FailureReason
    from casegraph.settings import Settings

    assert get_args(listings.DocumentState) == tuple(state.value for state in DocState)
    assert get_args(listings.FailureReasonName) == tuple(r.value for r in FailureReason)
    assert get_args(listings.PloverCategory) == tuple(CATEGORIES)
    assert get_args(listings.QuadClass) == QUADS
    assert get_args(listings.Provenance) == get_args(provenance.Provenance)
    assert get_type_hints(listings.CaseSettings) == get_type_hints(Settings)
