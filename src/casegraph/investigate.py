"""`casegraph investigate`: ingest, extract, find and report in one go.

The stages are ``STAGES`` (ingest, extract, findings, report), each the one its own command
runs, so a second investigate over the same case only does what is new: unchanged files are
skipped, pages already read are not read again, and findings and the report are made afresh
from everything the case holds.

Reads: the files given, the case's settings and actor list.
Writes: the case (documents, pages, readings, entities) and the report file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis.findings import FINDER, find
from .case.store import DB_NAME, Case
from .ingest.pipeline import INGESTER, ingest
from .nlp.extract import extract, import_actors, recognise_version
from .report.html import REPORTER, report_format, write_report
from .settings import Settings
from .stages import Run, Stage, fixed

REPORT_NAME = "report.html"


def open_or_create(case_dir: Path, settings: Settings | None = None) -> Case:
    """The case at case_dir, made with the given settings if there is none yet."""
    if (case_dir / DB_NAME).exists():
        return Case.open(case_dir)
    return Case.create(case_dir, settings or Settings())


def investigate(
    case: Case,
    inputs: list[Path],
    report: Path | None = None,
    actors: Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Ingest inputs, extract, find and write the report (default CASE/report.html)."""
    report = report or case.root / REPORT_NAME
    report_format(report)  # a wrong report path fails now, not after the long stages
    run = Run(inputs=inputs, report=report, progress=progress)
    if actors is not None:
        import_actors(case, actors)
    for stage in STAGES:
        run.results[stage.name] = stage.run(case, run)
    return {"case": str(case.root), **run.results}


def _ingest(case: Case, run: Run) -> dict[str, Any]:
    return ingest(case, run.inputs, progress=run.progress).as_dict()


def _report(case: Case, run: Run) -> dict[str, Any]:
    report = run.report or case.root / REPORT_NAME
    return write_report(case, report, findings=run.results["findings"])


STAGES: tuple[Stage, ...] = (
    Stage(
        "ingest",
        fixed(INGESTER),
        reads=("files",),
        writes=("documents", "pages", "index"),
        run=_ingest,
    ),
    Stage(
        "extract",
        recognise_version,
        reads=("pages", "reviews"),
        writes=("readings", "mentions", "entities", "events", "claims", "links"),
        run=lambda case, run: extract(case, progress=run.progress),
    ),
    Stage(
        "findings",
        fixed(FINDER),
        reads=("documents", "entities", "events", "claims", "reviews"),
        writes=(),
        run=lambda case, _run: find(case),
    ),
    Stage(
        "report",
        fixed(REPORTER),
        reads=("documents", "entities", "events", "claims", "reviews"),
        writes=("report",),
        run=_report,
    ),
)
