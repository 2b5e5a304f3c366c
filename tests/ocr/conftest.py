"""The demo trove ingested once with English and Arabic OCR, and how to score OCR text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz.distance import Levenshtein

from casegraph.case.store import Case
from casegraph.demo.run import run_demo
from casegraph.demo.trove import ground_truth
from casegraph.settings import Settings

OCR_LANGUAGES = "eng+ara"
_SPACES = re.compile(r"\s+")


def edits(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edits, reference characters), white space runs counted as one space as in quality.py."""
    truth = _SPACES.sub(" ", reference).strip()
    guess = _SPACES.sub(" ", hypothesis).strip()
    return Levenshtein.distance(truth, guess), len(truth)


@dataclass
class ScanResult:
    """A scanned document of the ground truth and what the ingest made of it."""

    truth: dict[str, Any]
    doc_id: str
    pages: list[dict[str, Any]]

    @property
    def scan(self) -> dict[str, Any]:
        return self.truth["scan"]

    @property
    def text(self) -> str:
        return "\n".join(page["text"] for page in self.pages)

    @property
    def cer(self) -> float:
        wrong, total = edits(self.truth["ocr_text"], self.text)
        return wrong / max(1, total)


@dataclass
class OcrDemo:
    """The ingested demo case and its scanned documents, by trove path."""

    case: Case
    scans: dict[str, ScanResult]
    report: dict[str, Any]


@pytest.fixture(scope="module")
def ocr_demo(tmp_path_factory: pytest.TempPathFactory) -> OcrDemo:
    """The demo trove ingested into a case that OCRs English and Arabic.

    The case is made here first, so these tests do not depend on the languages
    run_demo would choose: it opens a case that exists as it is.
    """
    folder = tmp_path_factory.mktemp("ocr-demo")
    Case.create(folder / "case", Settings(workers=2, ocr_languages=OCR_LANGUAGES)).close()
    summary = run_demo(folder, workers=2, progress=False)
    case = Case.open(Path(summary["case"]))
    assert case.load_settings().ocr_languages == OCR_LANGUAGES
    rows = {path: row for row in case.documents.select() for path in row["paths"]}
    scans = {}
    for item in ground_truth()["documents"]:
        if "scan" not in item:
            continue
        row = rows["trove/" + item["path"]]
        pages = case.documents.get(row["doc_id"])["pages"]
        scans[item["path"]] = ScanResult(item, row["doc_id"], pages)
    yield OcrDemo(case, scans, summary["ingest"])
    case.close()
