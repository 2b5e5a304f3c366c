"""Names on a public NER set (WikiGold by default): mention F1 of raw spaCy and of casegraph.

    .venv/bin/python bench/eval_ner.py [DATA] [--model NAME_OR_PATH ...] [--out .bench/ner.md]
                                       [--limit N] [--errors]

DATA is a CoNLL NER file (default /work/data/public/ner/wikigold/wikigold.conll.txt: WikiGold,
Balasuriya et al. 2009, CC BY 4.0; see docs/benchmarks.md for where to get it). Its
documents are split in two by a hash of each document's text (`split_of`): a dev part, looked
at and tuned on, and a held-out part, only measured. Three readers are scored on each part,
exact span and type, per type and micro-averaged over person, organisation and place:

- spaCy: the model's own `nlp.pipe`, its labels mapped to casegraph's types (PERSON; ORG;
  GPE, LOC, FAC), and again to the set's four types (MISC: NORP, EVENT, WORK_OF_ART, LAW,
  LANGUAGE, PRODUCT), the figure to set beside other NER results on the set;
- recogniser: casegraph's reading of each page (`read_pages`: the model with the knowledge
  base's names, line breaks, patterns);
- case: what `casegraph extract` leaves in a case after resolution (each name's type agreed
  across the document, knowledge-base types, propagation of names over the text).

`--errors` lists the case's misses and false alarms on the dev part only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from casegraph.nlp.recognize import load_pipeline, read_pages
from casegraph.nlp.versions import pipeline_folder
from casegraph.settings import Settings
from evaluation.entities import case_mentions
from evaluation.ner import (
    CASEGRAPH_TYPES,
    SPACY_CONLL,
    NerDocument,
    mention_f1,
    read_conll,
    spacy_spans,
)

DATA = Path("/work/data/public/ner/wikigold/wikigold.conll.txt")
SPLITS = ("dev", "heldout")
BENCH = Path(__file__).resolve().parent


def _eval_gold():
    spec = importlib.util.spec_from_file_location("eval_gold", BENCH / "eval_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def raw_spacy(documents: list[NerDocument], model: str) -> dict[str, dict]:
    """The model's own entities, with its labels mapped to the set's four types."""
    import spacy

    nlp = spacy.load(pipeline_folder(model))
    docs = nlp.pipe((d.text for d in documents), batch_size=32)
    return {d.id: spacy_spans(doc, SPACY_CONLL) for d, doc in zip(documents, docs, strict=True)}


def recogniser(documents: list[NerDocument], model: str) -> dict[str, dict]:
    """casegraph's mentions of each page, as read before resolution."""
    found: dict[str, dict] = {d.id: {} for d in documents}
    pages = [(d.id, 1, d.text) for d in documents]
    for reading in read_pages(pages, model):
        for m in reading.mentions:
            if m.type in CASEGRAPH_TYPES:
                found[m.doc_id][(m.start, m.end)] = m.type
    return found


def case(documents: list[NerDocument], model: str) -> dict[str, dict]:
    """The resolved mentions a case keeps after `casegraph extract`."""
    records = [{"id": d.id, "text": d.text} for d in documents]
    with tempfile.TemporaryDirectory(prefix="casegraph-ner-") as work:
        built, doc_of = _eval_gold().run_case(records, Path(work), model)
        try:
            mentions = case_mentions(built, set(CASEGRAPH_TYPES))
        finally:
            built.close()
    ids = {doc_id: record for record, doc_id in doc_of.items()}
    found: dict[str, dict] = {d.id: {} for d in documents}
    for (doc_id, _, start, end), (kind, _) in mentions.items():
        found[ids[doc_id]][(start, end)] = kind
    return found


def score(documents: list[NerDocument], found: dict[str, dict], types) -> dict[str, dict]:
    """Per split: the F1 table of the given types."""
    return {
        split: {
            k: vars(v)
            for k, v in mention_f1([d for d in documents if d.split == split], found, types).items()
        }
        for split in SPLITS
    }


def evaluate(documents: list[NerDocument], model: str) -> dict[str, dict]:
    """Every reader's scores on both parts, and its seconds."""
    results: dict[str, dict] = {}
    for name, reader in (("spaCy", raw_spacy), ("recogniser", recogniser), ("case", case)):
        began = time.perf_counter()
        found = reader(documents, model)
        results[name] = {
            "seconds": time.perf_counter() - began,
            "scores": score(documents, found, CASEGRAPH_TYPES),
            "found": found,
        }
        if name == "spaCy":
            results[name]["conll4"] = score(documents, found, (*CASEGRAPH_TYPES, "misc"))
    return results


def published(model: str) -> float | None:
    """The model's own NER F on its test data (OntoNotes 5, all 18 labels), from its meta."""
    meta = load_pipeline(model).meta
    return (meta.get("performance") or {}).get("ents_f")


def report(documents: list[NerDocument], by_model: dict[str, dict], data: Path) -> str:
    """Markdown tables: per model and reader, dev and held-out."""
    parts = Counter(d.split for d in documents)
    gold = {
        s: Counter(t for d in documents if d.split == s for t in d.gold.values()) for s in SPLITS
    }
    lines = [
        f"# Names on a public NER set: {data.name}",
        "",
        f"{len(documents)} documents: dev {parts['dev']}, held-out {parts['heldout']}."
        " Gold mentions:"
        + "; ".join(
            f" {s} " + ", ".join(f"{k} {n}" for k, n in sorted(gold[s].items())) for s in SPLITS
        )
        + ".",
        "",
        "| model | reader | split | person F1 | organization F1 | place F1 | micro P | micro R "
        "| micro F1 | 4-type F1 (with MISC) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for model, results in by_model.items():
        for reader, result in results.items():
            for split in SPLITS:
                s = result["scores"][split]
                four = result.get("conll4", {}).get(split, {}).get("micro")
                four_f1 = f"{four['f1']:.3f}" if four else "—"
                lines.append(
                    f"| {model} | {reader} | {split} | {s['person']['f1']:.3f} "
                    f"| {s['organization']['f1']:.3f} | {s['place']['f1']:.3f} "
                    f"| {s['micro']['precision']:.3f} | {s['micro']['recall']:.3f} "
                    f"| {s['micro']['f1']:.3f} | {four_f1} |"
                )
    lines += ["", "Published NER F of each model (OntoNotes 5, its own test data, 18 labels):"]
    for model in by_model:
        figure = published(model)
        lines.append(f"- {model}: {figure:.3f}" if figure else f"- {model}: not in its meta")
    lines += [
        "",
        "Seconds per reader (all documents): "
        + "; ".join(
            f"{m} {r} {res['seconds']:.0f}" for m, rs in by_model.items() for r, res in rs.items()
        )
        + ".",
    ]
    return "\n".join(lines)


def errors(documents: list[NerDocument], found: dict[str, dict]) -> str:
    """The case's misses and false alarms on the dev part (never the held-out one)."""
    lines = ["## Errors of the case on dev", ""]
    for doc in documents:
        if doc.split != "dev":
            continue
        gold = {s: t for s, t in doc.gold.items() if t in CASEGRAPH_TYPES}
        have = found.get(doc.id, {})
        for span in sorted(set(gold) | set(have)):
            if gold.get(span) != have.get(span):
                text = doc.text[span[0] : span[1]]
                lines.append(f"- {doc.id} {text!r}: gold {gold.get(span)}, found {have.get(span)}")
    return "\n".join(lines)


def main() -> None:
    """Read, run each model's readers, score, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DATA)
    parser.add_argument("--model", nargs="+", default=[Settings().nlp_model])
    parser.add_argument("--out", type=Path, default=Path(".bench") / "ner.md")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--errors", action="store_true", help="list the case's errors on dev")
    args = parser.parse_args()
    documents = read_conll(args.data)[: args.limit]
    by_model = {model: evaluate(documents, model) for model in args.model}
    text = report(documents, by_model, args.data)
    if args.errors:
        text += "\n\n" + errors(documents, by_model[args.model[0]]["case"]["found"])
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    summary = {m: {r: res["scores"] for r, res in rs.items()} for m, rs in by_model.items()}
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
