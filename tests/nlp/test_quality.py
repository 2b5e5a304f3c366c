"""Quality on the demo trove's ground truth: floors just under the measured figures.

Entities, events and claims, as the demo runs (with the investigator's actor list imported).
The figures are printed by bench/eval_entities.py, bench/eval_events.py --demo and
bench/eval_claims.py --demo and kept in docs/benchmarks.md; these floors only make a
regression fail. Dev and held-out parts are scored separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.nlp.extract import extract
from evaluation.entities import evaluate
from evaluation.events import evaluate_demo

# measured 2026-11-26 with en_core_web_sm 3.8.0, the knowledge base and the case's actor list:
# exact mention F1 0.885 dev / 0.892 held out, pairwise resolution F1 0.999 / 0.997;
# events: category accuracy 0.658 / 0.682, source accuracy 0.528 / 0.455;
# claims: speaker F1 0.500 / 0.476, content F1 0.750 / 0.857
FLOORS = {
    "dev": {"mentions": 0.85, "resolution": 0.96, "category": 0.62, "source": 0.48},
    "heldout": {"mentions": 0.85, "resolution": 0.96, "category": 0.63, "source": 0.40},
}
CLAIM_FLOORS = {"dev": (0.45, 0.70), "heldout": (0.42, 0.80)}


@pytest.fixture(scope="module")
def scored(demo_summary: dict) -> dict:
    summary = demo_summary
    case = Case.open(Path(summary["case"]))
    extract(case, progress=False)
    truth = json.loads(Path(summary["ground_truth"]).read_text())
    return {
        split: {**evaluate(case, truth, split), **evaluate_demo(case, truth, split)}
        for split in FLOORS
    }


@pytest.mark.parametrize("split", list(FLOORS))
def test_mention_and_resolution_floors(scored: dict, split: str) -> None:
    result = scored[split]
    assert result["mentions"]["overall"]["f1"] >= FLOORS[split]["mentions"]
    assert result["resolution"]["f1"] >= FLOORS[split]["resolution"]
    assert result["resolution"]["precision"] >= 0.95


@pytest.mark.parametrize("split", list(FLOORS))
def test_event_and_claim_floors(scored: dict, split: str) -> None:
    events, claims = scored[split]["events"], scored[split]["claims"]
    assert events["not_placed"] == 0 and events["events"] > 0
    assert events["category_accuracy"] >= FLOORS[split]["category"]
    assert events["source_accuracy"] >= FLOORS[split]["source"]
    speaker, content = CLAIM_FLOORS[split]
    assert claims["speaker_f1"] >= speaker and claims["content_f1"] >= content
