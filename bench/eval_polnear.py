"""Attribution on PolNeAR: casegraph's claims against the corpus's attribution relations.

    .venv/bin/python bench/eval_polnear.py [DATA] [--limit 150] [--model NAME] [--errors]
        [--cache .bench/polnear]

DATA is PolNeAR's ``data`` folder (default /work/data/public/polnear/data; nothing is
downloaded). PolNeAR's own ``train`` split is the dev part (errors are read there, on a fixed
sample of ``--limit`` articles, SHA-1 order of their names); its ``dev`` split is the
held-out part, measured whole and never read for errors. The ``test`` split is not opened.
The metric is defined in ``bench/evaluation/attribution.py``. Parses are cached per split
and model under ``--cache`` so that only the claim reader runs again.
--errors prints the dev part's misses, false claims and wrong sources, counted by kind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from casegraph.nlp.claims import EXTRACTOR, find_claims
from casegraph.nlp.recognize import load_pipeline, pieces
from casegraph.records import Claim
from casegraph.settings import Settings
from evaluation.attribution import POLNEAR, Document, documents, errors, score


def parsed(nlp, docs: list[Document], cache: Path) -> list[list[tuple[int, object]]]:
    """Each article's (offset, parsed piece), from the cache when the texts are the same."""
    from spacy.tokens import DocBin

    cuts = [(i, offset, piece) for i, d in enumerate(docs) for offset, piece in pieces(d.text)]
    key = hashlib.sha1("\0".join(p for *_, p in cuts).encode()).hexdigest()[:12]
    path = cache / f"{nlp.meta['name']}-{key}.spacy"
    if path.exists():
        parses = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        parses = list(nlp.pipe((p for *_, p in cuts), batch_size=32))
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parses).to_disk(path)
    found: list[list[tuple[int, object]]] = [[] for _ in docs]
    for (i, offset, _), doc in zip(cuts, parses, strict=True):
        found[i].append((offset, doc))
    return found


def claims_of(docs: list[Document], parses) -> list[list[Claim]]:
    return [
        [c for offset, doc in pieces_ for c in find_claims(doc, d.name, 1, offset)]
        for d, pieces_ in zip(docs, parses, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=POLNEAR)
    parser.add_argument("--limit", type=int, default=150, help="dev-part (train) sample size")
    parser.add_argument("--model", default=Settings().nlp_model)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--dev-only", action="store_true", help="skip the held-out part")
    parser.add_argument("--cache", type=Path, default=Path(".bench/polnear"))
    args = parser.parse_args()
    nlp = load_pipeline(args.model)
    parts = {"dev (PolNeAR train sample)": ("train", args.limit)}
    if not (args.errors or args.dev_only):
        parts["held-out (PolNeAR dev, whole)"] = ("dev", None)
    print(f"{EXTRACTOR}, {args.model}")
    for label, (split, limit) in parts.items():
        docs = documents(args.data, split, limit)
        predictions = claims_of(docs, parsed(nlp, docs, args.cache))
        if args.errors:
            kinds: Counter = Counter()
            for doc, claims in zip(docs, predictions, strict=True):
                for line in errors(doc, claims):
                    kinds[line.split("\t")[0] + " " + line.split("\t")[1]] += 1
                    print(f"{doc.name}\t{line}")
            print(json.dumps(kinds.most_common(), indent=1))
        print(label, json.dumps(score(docs, predictions)))


if __name__ == "__main__":
    main()
