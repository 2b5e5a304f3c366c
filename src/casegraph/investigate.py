"""`casegraph investigate`: ingest, extract, find and report in one go.

Each stage is the one its own command runs, so a second investigate over the same case
only does what is new: unchanged files are skipped, pages already read are not read
again, and findings and the report are made afresh from everything the case holds.

Reads: the files given, the case's settings and actor list.
Writes: the case (documents, pages, readings, entities) and the report file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis.findings import find
from .case.store import DB_NAME, Case
from .ingest.pipeline import ingest
from .nlp.extract import extract, import_actors
from .settings import Settings

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
    from .report.html import report_format, write_report

    report = report or case.root / REPORT_NAME
    report_format(report)  # a wrong report path fails now, not after the long stages
    if actors is not None:
        import_actors(case, actors)
    ingested = ingest(case, inputs, progress=progress)
    extracted = extract(case, progress=progress)
    findings = find(case)
    written = write_report(case, report, findings=findings)
    return {
        "case": str(case.root),
        "ingest": ingested.as_dict(),
        "extract": extracted,
        "findings": findings,
        "report": written,
    }
