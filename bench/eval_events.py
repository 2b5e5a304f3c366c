"""Event quality on the hand-written gold set (tests/nlp/gold/events.jsonl).

    .venv/bin/python bench/eval_events.py [--model NAME] [--gold FILE] [--errors]
    .venv/bin/python bench/eval_events.py --demo [--work .bench]

Prints, for the dev and held-out parts and the whole set: trigger detection, PLOVER category
macro-F1, quad accuracy, dyad (source and target) accuracy, negation and hypothetical
accuracy. --errors lists the dev part's misses and false finds (never the held-out part's).
bench/eval_claims.py does the same for claims. See tests/nlp/gold/EVENTS.md for the rules.
--gold scores another file of the same format instead, such as the real-news set
(tests/nlp/gold/events_real.jsonl; with --polnear DIR its items from PolNeAR articles count
too, their text read from that copy of PolNeAR).
--demo scores instead the demo case (built as `casegraph demo` does, under --work) against
the demo's ground truth: events found in recorded sentences, category, source and target
accuracy; claim speaker and content F1.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from casegraph.settings import Settings
from evaluation import events as evaluate


def run(what: str) -> None:
    """Score events or claims on every split; list dev errors when asked."""
    parser = argparse.ArgumentParser(description=f"{what} quality on the gold set")
    parser.add_argument("--model", default=Settings().nlp_model)
    parser.add_argument("--gold", type=Path, default=evaluate.GOLD, help="a gold file")
    parser.add_argument(
        "--polnear", type=Path, help="PolNeAR's root, for the real set's items kept out of git"
    )
    parser.add_argument("--errors", action="store_true", help="list the dev part's errors")
    parser.add_argument("--demo", action="store_true", help="score the demo trove instead")
    parser.add_argument("--work", type=Path, default=Path(".bench"))
    args = parser.parse_args()
    if args.demo:
        print(json.dumps(_demo_report(args.work, what), indent=2))
        return
    score = evaluate.score_events if what == "events" else evaluate.score_claims
    report = {}
    for split in ("dev", "heldout", "all"):
        items = evaluate.load_gold(args.gold, split, args.polnear)
        report[split] = score(items, evaluate.read_items(items, args.model))
    print(json.dumps(report, indent=2))
    if args.errors:
        errors = evaluate.event_errors if what == "events" else evaluate.claim_errors
        items = evaluate.load_gold(args.gold, "dev", args.polnear)
        for line in errors(items, evaluate.read_items(items, args.model)):
            print(line)


def _demo_report(work: Path, what: str) -> dict:
    """The demo case's events or claims against its ground truth, per part of the trove."""
    from casegraph.case.store import Case
    from casegraph.demo.run import run_demo

    summary = run_demo(work / "demo-events", workers=2, progress=False)
    case = Case.open(Path(summary["case"]))
    truth = json.loads(Path(summary["ground_truth"]).read_text())
    return {
        split: evaluate.evaluate_demo(case, truth, split)[what]
        for split in ("dev", "heldout", "all")
    }


if __name__ == "__main__":
    run("events")
