"""`casegraph demo`: build the sample trove, ingest it, and summarise what came out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..case.store import DB_NAME, Case
from ..ingest.pipeline import ingest
from ..nlp.extract import extract
from ..search.engine import search_case
from ..settings import Settings
from .trove import build_trove

DEMO_OCR_LANGUAGES = "eng+ara"
TOP_ENTITIES = 12
EXAMPLE_QUERIES = (
    '"fuel for grain"',
    "convoy -draft date:2015-01..2015-12",
    "type:pdf NEAR(armour district, 10)",
)


def run_demo(folder: Path, workers: int | None = None, progress: bool = True) -> dict[str, Any]:
    """Write the trove under folder, ingest it into folder/case, and return a summary."""
    trove = build_trove(folder)
    case_dir = folder / "case"
    if (case_dir / DB_NAME).exists():
        case = Case.open(case_dir)
    else:
        # the trove mixes English and Arabic scans
        case = Case.create(case_dir, Settings(ocr_languages=DEMO_OCR_LANGUAGES))
    if workers:
        settings = case.load_settings()
        settings.workers = workers
        case.save_settings(settings)
    report = ingest(case, [trove], progress=progress)
    extracted = extract(case, progress=progress)
    named = [e for e in case.list_entities() if e["type"] in ("person", "organization", "place")]
    searches = []
    for query in EXAMPLE_QUERIES:
        result = search_case(case, query, limit=3)
        searches.append({"query": query, "total": result["total"], "hits": result["hits"]})
    return {
        "trove": str(trove),
        "case": str(case_dir),
        "ground_truth": str(folder / "ground_truth.json"),
        "ingest": report.as_dict(),
        "status": case.status(),
        "searches": searches,
        "review": case.review_queue(),
        "extract": extracted,
        "top_entities": named[:TOP_ENTITIES],
    }
