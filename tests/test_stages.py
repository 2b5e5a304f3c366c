"""The stage registries: what each stage declares, and work decided by a stage's version."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.case.repository import Repository
from casegraph.case.store import Case
from casegraph.investigate import STAGES
from casegraph.nlp import readers
from casegraph.nlp.extract import EXTRACT_STAGES, STAGE, extract, recognise_version
from casegraph.nlp.readers import EventReader
from casegraph.settings import Settings
from tests.conftest import write_small_trove

OUTSIDE_THE_CASE = {"files", "report"}


def test_every_stage_has_a_version_and_reads_and_writes_what_the_case_holds(
    tmp_path: Path,
) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1))
    repositories = {name for name, value in vars(case).items() if isinstance(value, Repository)}
    for registry in (STAGES, EXTRACT_STAGES):
        assert len({stage.name for stage in registry}) == len(registry)
        for stage in registry:
            assert stage.version(case), stage.name
            assert stage.reads, stage.name
            declared = set(stage.reads) | set(stage.writes)
            assert declared <= repositories | OUTSIDE_THE_CASE, (stage.name, declared)


def test_a_new_page_reader_version_reads_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casegraph.ingest.pipeline import ingest

    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [write_small_trove(tmp_path, count=3)], progress=False)
    first = extract(case, progress=False)
    assert first["pages"] > 0
    assert extract(case, progress=False)["pages"] == 0  # nothing new: nothing read
    before = recognise_version(case)
    extra = EventReader("test-reader 1", lambda piece: [])
    monkeypatch.setattr(readers, "EVENT_READERS", (*readers.EVENT_READERS, extra))
    monkeypatch.setattr("casegraph.nlp.recognize.EVENT_READERS", readers.EVENT_READERS)
    assert recognise_version(case) != before and "test-reader 1" in recognise_version(case)
    assert case.readings.todo_size(STAGE, recognise_version(case))[0] == first["pages"]
    assert extract(case, progress=False)["pages"] == first["pages"]
