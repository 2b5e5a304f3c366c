"""`casegraph demo`: build the sample trove, ingest it, and summarise what came out."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from ..case.store import Case
from ..errors import BadSetting
from ..investigate import REPORT_NAME, investigate, open_or_create
from ..listings import EventListing
from ..nlp.kb import Actor, parse_adversary, write_actors_csv
from ..search.engine import search_case
from ..settings import Settings
from .scenario import ENTITIES
from .trove import build_trove

# what the demo's writers need beyond casegraph itself (the "demo" extra): module -> package
DEMO_MODULES = {"fpdf": "fpdf2", "xlwt": "xlwt", "yaml": "pyyaml"}
DEMO_OCR_LANGUAGES = "eng+ara"
# the invented country has no ISO code; ZZ is the code ISO leaves for such use
DEMO_COUNTRY = "zz"
KB_TYPES = {"government", "military", "armed_group", "company", "media", "igo"}
TOP_ENTITIES = 12
TOP_FINDINGS = 5
EXAMPLE_QUERIES = (
    '"fuel for grain"',
    "convoy -draft date:2015-01..2015-12",
    "type:pdf NEAR(armour district, 10)",
)


def check_extra(modules: dict[str, str] = DEMO_MODULES) -> None:
    """Refuse, in one line, to write the demo without the packages its writers need."""
    missing = [package for module, package in modules.items() if not _importable(module)]
    if missing:
        raise BadSetting(
            f"the demo needs {', '.join(missing)}: pip install 'casegraph[demo]' (make demo does)"
        )


def _importable(module: str) -> bool:
    try:
        import_module(module)
    except ImportError:
        return False
    return True


def run_demo(
    folder: Path, workers: int | None = None, progress: bool = True, case_actors: bool = True
) -> dict[str, Any]:
    """Write the trove under folder, ingest it into folder/case, and return a summary.

    ``case_actors``: import the investigator's list of the case's actors (the default, as a
    user would); without it only the shipped knowledge base is known.
    """
    check_extra()
    trove = build_trove(folder)
    # the trove mixes English and Arabic scans
    case = open_or_create(folder / "case", Settings(ocr_languages=DEMO_OCR_LANGUAGES))
    if workers:
        settings = case.load_settings()
        settings.workers = workers
        case.save_settings(settings)
    # an investigator's list of the actors in this case, as `casegraph actors import` takes it
    actors_csv = write_case_actors(folder / "actors.csv")
    done = investigate(
        case,
        [trove],
        report=folder / REPORT_NAME,
        actors=actors_csv if case_actors else None,
        progress=progress,
    )
    findings = done["findings"]
    named = [e for e in case.entities.select() if e["type"] in ("person", "organization", "place")]
    searches = []
    for query in EXAMPLE_QUERIES:
        result = search_case(case, query, limit=3)
        searches.append({"query": query, "total": result["total"], "hits": result["hits"]})
    return {
        "trove": str(trove),
        "case": str(case.root),
        "ground_truth": str(folder / "ground_truth.json"),
        "ingest": done["ingest"],
        "status": case.status(),
        "searches": searches,
        "review": case.pages.review_queue(),
        "extract": done["extract"],
        "top_entities": named[:TOP_ENTITIES],
        "actors_file": str(actors_csv),
        "cooperation": _cooperation(case, findings),
        "findings": findings[:TOP_FINDINGS],
        "findings_total": len(findings),
        "report": done["report"],
    }


def _cooperation(case: Case, findings: list[dict[str, Any]]) -> list[EventListing]:
    """The events of the best cooperation-between-adversaries finding, if there is one."""
    best = next((f for f in findings if f["kind"] == "unexpected_cooperation"), None)
    return case.events.select(ids=best["events"]) if best else []


def write_case_actors(path: Path) -> Path:
    """The demo's actors (its government, army, armed group, outlets, people, places) as CSV."""
    actors = []
    for entity in ENTITIES:
        kind = entity["kind"] if entity["kind"] in KB_TYPES else "ngo"
        names = [n for n in entity["aliases"] if n != entity["name"] and not _generic(n)]
        parent = entity.get("part_of") or entity.get("affiliation")
        actors.append(
            Actor(
                id=_kb_id(entity["id"]),
                name=entity["name"],
                type=entity["type"] if entity["type"] in ("person", "place") else kind,
                country=DEMO_COUNTRY if entity.get("country") else "",
                aliases=tuple(names),
                parent=_kb_id(parent) if parent else None,
                adversaries=tuple(parse_adversary(_kb_id(a)) for a in entity["adversaries"]),
            )
        )
    write_actors_csv(actors, path)
    return path


def _kb_id(scenario_id: str) -> str:
    return "demo-" + scenario_id.replace("_", "-")


def _generic(name: str) -> bool:
    """ "the army", "the commander": words any document may use for someone else too."""
    return name.split()[0] in ("the", "The") or name.islower()
