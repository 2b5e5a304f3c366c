"""Entity quality on the hand-written gold set (tests/nlp/gold/news.jsonl), span by span.

    .venv/bin/python bench/eval_gold.py [--gold tests/nlp/gold/news.jsonl] [--out .bench/gold.md]
    .venv/bin/python bench/eval_gold.py --errors    # also list the dev part's errors

Writes each text to a temporary folder as <id>.txt, ingests the folder into a new case, runs
`casegraph extract`, and scores the resolved people, organisations and places against the
annotated spans (exact and overlapping mentions per type, pairwise resolution), for the whole
set and for its dev and held-out parts. Unlike bench/eval_entities.py the gold mentions are the
annotated spans themselves, not every occurrence of an alias. See tests/nlp/gold/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract
from casegraph.settings import Settings
from evaluation.entities import (
    Span,
    case_mentions,
    mention_scores,
    overlap_scores,
    pairwise_scores,
)

GOLD = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "gold" / "news.jsonl"
TYPES = ("person", "organization", "place")
SPLITS = (None, "dev", "heldout")


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold records, one per line of the JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def run_case(
    records: list[dict], work: Path, model: str | None = None
) -> tuple[Case, dict[str, str]]:
    """A new case under work with every text ingested and extracted; record id -> doc id.

    ``model``: the spaCy pipeline to read with (the default setting's if None).
    """
    folder = work / "gold"
    folder.mkdir(parents=True)
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    settings = Settings(workers=1, ocr=False)
    settings.nlp_model = model or settings.nlp_model
    case = Case.create(work / "case", settings)
    ingest(case, [folder], progress=False)
    extract(case, progress=False)
    doc_of = {Path(row["path"]).stem: row["doc_id"] for row in case.documents.select()}
    missing = [r["id"] for r in records if r["id"] not in doc_of]
    if missing:
        raise RuntimeError(f"texts not ingested: {missing}")
    pages = dict(case.db.execute("SELECT doc_id, text FROM pages WHERE number = 1"))
    changed = [r["id"] for r in records if pages.get(doc_of[r["id"]]) != r["text"]]
    if changed:  # the offsets are into the text as written: the page must be that text
        raise RuntimeError(f"page text differs from the gold text: {changed}")
    return case, doc_of


def gold_spans(records: list[dict], doc_of: dict[str, str]) -> dict[Span, tuple[str, str]]:
    """The annotated mentions: (doc id, page 1, start, end) -> (type, cluster)."""
    return {
        (doc_of[r["id"]], 1, e["start"], e["end"]): (e["type"], e["cluster"])
        for r in records
        for e in r["entities"]
    }


def score(records: list[dict], case: Case, doc_of: dict[str, str]) -> dict[str | None, dict]:
    """Per split (None for all): counts, exact and overlap mention scores, pairwise resolution."""
    found_all = case_mentions(case, set(TYPES))
    results: dict[str | None, dict] = {}
    for split in SPLITS:
        part = [r for r in records if split is None or r["split"] == split]
        docs = {doc_of[r["id"]] for r in part}
        gold = gold_spans(part, doc_of)
        found = {s: v for s, v in found_all.items() if s[0] in docs}
        results[split] = {
            "texts": len(part),
            "gold_mentions": dict(Counter(t for t, _ in gold.values())),
            "clusters": len({c for _, c in gold.values()}),
            "mentions": {k: vars(v) for k, v in mention_scores(gold, found).items()},
            "mentions_overlap": vars(overlap_scores(gold, found)),
            "resolution": vars(pairwise_scores(gold, found)),
        }
    return results


def evaluate_gold(records: list[dict], work: Path) -> dict[str | None, dict]:
    """Build the case under work, extract, score."""
    case, doc_of = run_case(records, work)
    try:
        return score(records, case, doc_of)
    finally:
        case.close()


def errors(records: list[dict], case: Case, doc_of: dict[str, str], split: str) -> str:
    """Missed gold mentions, false alarms and wrong merges/splits of one split, as markdown."""
    part = [r for r in records if r["split"] == split]
    text_of = {doc_of[r["id"]]: r["text"] for r in part}
    id_of = {doc_of[r["id"]]: r["id"] for r in part}
    gold = gold_spans(part, doc_of)
    found = {s: v for s, v in case_mentions(case, set(TYPES)).items() if s[0] in text_of}

    def order(span: Span) -> tuple:
        return (id_of[span[0]], span[2])

    def show(span: Span) -> str:
        return f"{id_of[span[0]]} {text_of[span[0]][span[2] : span[3]]!r}"

    lines = [f"## Errors on {split}", "", "### Missed (gold span not found with its type)", ""]
    for span in sorted(gold, key=order):
        kind, other = gold[span][0], found.get(span)
        if other is None or other[0] != kind:
            lines.append(f"- {show(span)} {kind}" + (f" (found as {other[0]})" if other else ""))
    lines += ["", "### False alarms (found span not in gold)", ""]
    lines += [
        f"- {show(span)} {found[span][0]}" for span in sorted(found, key=order) if span not in gold
    ]
    by_cluster: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    by_entity: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for span in sorted(set(gold) & set(found), key=order):
        by_cluster[gold[span][1]][found[span][1]].append(span)
        by_entity[found[span][1]][gold[span][1]].append(span)
    lines += ["", "### Resolution: a gold cluster split over several entities", ""]
    for cluster, parts in sorted(by_cluster.items()):
        if len(parts) > 1:
            shown = " | ".join(", ".join(show(s) for s in spans) for spans in parts.values())
            lines.append(f"- {cluster}: {shown}")
    lines += ["", "### Resolution: an entity joining several gold clusters", ""]
    for _, parts in sorted(by_entity.items()):
        if len(parts) > 1:
            lines.append("- " + " | ".join(f"{c}: {show(v[0])}" for c, v in parts.items()))
    return "\n".join(lines)


def report(results: dict[str | None, dict]) -> str:
    """A markdown table per part of the gold set."""
    lines = ["# Entities on the hand-written gold set", ""]
    for split, result in results.items():
        counts = ", ".join(f"{k} {v}" for k, v in sorted(result["gold_mentions"].items()))
        lines += [
            f"## {split or 'all'} texts ({result['texts']})",
            "",
            f"Gold mentions: {counts}; {result['clusters']} clusters.",
            "",
            "| type | gold | found | precision | recall | F1 |",
            "|---|---|---|---|---|---|",
        ]
        for kind, s in result["mentions"].items():
            lines.append(
                f"| {kind} | {s['gold']} | {s['found']} | {s['precision']:.3f} "
                f"| {s['recall']:.3f} | {s['f1']:.3f} |"
            )
        o, r = result["mentions_overlap"], result["resolution"]
        lines += [
            "",
            f"Mentions counted by overlap with a gold mention of the same type: precision "
            f"{o['precision']:.3f}, recall {o['recall']:.3f}, F1 {o['f1']:.3f}.",
            "",
            f"Resolution, pairwise over exactly matched mentions: precision {r['precision']:.3f}, "
            f"recall {r['recall']:.3f}, F1 {r['f1']:.3f} ({r['gold']} gold pairs).",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    """Build, extract, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--out", type=Path, default=Path(".bench") / "gold.md")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the setting's)")
    # errors are listed for the dev part only: the held-out part is for measuring, not tuning
    parser.add_argument("--errors", action="store_true", help="list the errors on the dev part")
    args = parser.parse_args()
    records = load_gold(args.gold)
    with tempfile.TemporaryDirectory(prefix="casegraph-gold-") as work:
        case, doc_of = run_case(records, Path(work), args.model)
        try:
            text = report(score(records, case, doc_of))
            if args.errors:
                text += "\n" + errors(records, case, doc_of, "dev") + "\n"
        finally:
            case.close()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
