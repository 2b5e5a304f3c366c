"""Names on public data (issue 13): casegraph's recogniser on an excerpt of WikiGold.

``gold/wikigold_excerpt.conll`` holds 11 documents of the held-out part of WikiGold
(Balasuriya et al. 2009, "Named entity recognition in Wikipedia"; CC BY 4.0, as published
with Nothman et al. 2013), copied unchanged from the corpus file. The whole set is scored
by bench/eval_ner.py (figures in docs/benchmarks.md); this test only makes a regression
fail: casegraph's recogniser must stay above a floor and above raw spaCy on the same text.
"""

from __future__ import annotations

from pathlib import Path

import spacy

from casegraph.nlp.recognize import read_pages
from casegraph.nlp.versions import pipeline_folder
from casegraph.settings import Settings
from evaluation.ner import (
    CASEGRAPH_TYPES,
    SPACY_CONLL,
    mention_f1,
    read_conll,
    spacy_spans,
)

EXCERPT = Path(__file__).with_name("gold") / "wikigold_excerpt.conll"
MODEL = Settings().nlp_model
# measured 2026-12-05, en_core_web_sm 3.8.0: casegraph micro F1 0.538, raw spaCy 0.461
FLOOR = 0.50


def test_the_recogniser_holds_its_floor_and_beats_raw_spacy() -> None:
    documents = read_conll(EXCERPT)
    assert len(documents) == 11 and all(d.split == "heldout" for d in documents)
    found: dict[str, dict] = {d.id: {} for d in documents}
    for reading in read_pages([(d.id, 1, d.text) for d in documents], MODEL):
        for m in reading.mentions:
            if m.type in CASEGRAPH_TYPES:
                found[m.doc_id][(m.start, m.end)] = m.type
    ours = mention_f1(documents, found)["micro"].f1
    nlp = spacy.load(pipeline_folder(MODEL))
    raw = {d.id: spacy_spans(nlp(d.text), SPACY_CONLL) for d in documents}
    assert ours >= FLOOR
    assert ours > mention_f1(documents, raw)["micro"].f1
