"""Entity quality on the demo trove's ground truth: mention F1 per type and pairwise resolution F1.

    .venv/bin/python bench/eval_entities.py [--work .bench] [--out .bench/entities.md]

Builds (or reuses) the demo case under --work, runs `casegraph extract`, and scores the
resolved mentions of people, organisations and places against the ground truth, for the
whole trove and for its dev and held-out parts separately: once as the demo runs, with the
investigator's list of the case's actors imported (`casegraph actors import`), and once with
the shipped knowledge base only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casegraph.case.store import Case
from casegraph.demo.run import run_demo
from casegraph.nlp.extract import extract
from evaluation.entities import evaluate


def main() -> None:
    """Build, extract, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    reports = []
    for case_actors in (True, False):
        folder = args.work / ("demo-entities" if case_actors else "demo-entities-kb-only")
        summary = run_demo(folder, workers=2, progress=False, case_actors=case_actors)
        case = Case.open(Path(summary["case"]))
        extract(case, progress=False)
        truth = json.loads(Path(summary["ground_truth"]).read_text())
        results = {split: evaluate(case, truth, split) for split in (None, "dev", "heldout")}
        title = "with the case's actor list" if case_actors else "shipped knowledge base only"
        reports.append(f"## {title}\n\n{_report(results)}")
    report = "\n\n".join(reports)
    print(report)
    (args.out or args.work / "entities.md").write_text(report + "\n")


def _report(results: dict) -> str:
    """A markdown table per part of the trove."""
    lines = ["# Entities on the demo ground truth", ""]
    for split, result in results.items():
        lines += [f"## {split or 'all'} documents ({result['documents']})", ""]
        lines += ["| type | gold | found | precision | recall | F1 |", "|---|---|---|---|---|---|"]
        for kind, s in result["mentions"].items():
            lines.append(
                f"| {kind} | {s['gold']} | {s['found']} | {s['precision']:.3f} "
                f"| {s['recall']:.3f} | {s['f1']:.3f} |"
            )
        r = result["resolution"]
        o = result["mentions_overlap"]
        lines += [
            "",
            f"Mentions counted by overlap with a gold mention of the same type: precision "
            f"{o['precision']:.3f}, recall {o['recall']:.3f}, F1 {o['f1']:.3f}.",
            "",
            f"Resolution, pairwise over matched mentions: precision {r['precision']:.3f}, "
            f"recall {r['recall']:.3f}, F1 {r['f1']:.3f} ({r['gold']} gold pairs).",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
