"""Entity quality on the demo trove's ground truth: floors just under the measured figures.

The figures themselves are printed by bench/eval_entities.py and kept in docs/benchmarks.md;
these floors only make a regression fail. Dev and held-out parts are scored separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.demo.run import run_demo
from casegraph.nlp.evaluate import evaluate
from casegraph.nlp.extract import extract

# measured 2026-11-26 with en_core_web_sm 3.8.0 and the knowledge base's names: exact mention
# F1 0.573 dev / 0.544 held out, pairwise resolution F1 0.697 dev / 0.805 held out
FLOORS = {
    "dev": {"mentions": 0.52, "resolution": 0.65},
    "heldout": {"mentions": 0.50, "resolution": 0.75},
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict:
    summary = run_demo(tmp_path_factory.mktemp("quality"), workers=2, progress=False)
    case = Case.open(Path(summary["case"]))
    extract(case, progress=False)
    truth = json.loads(Path(summary["ground_truth"]).read_text())
    return {split: evaluate(case, truth, split) for split in FLOORS}


@pytest.mark.parametrize("split", list(FLOORS))
def test_mention_and_resolution_floors(scored: dict, split: str) -> None:
    result = scored[split]
    assert result["mentions"]["overall"]["f1"] >= FLOORS[split]["mentions"]
    assert result["resolution"]["f1"] >= FLOORS[split]["resolution"]
    assert result["resolution"]["precision"] >= 0.95
