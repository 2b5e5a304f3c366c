"""Attribution in PolNeAR's manner: the scorer, and floors on a small constructed excerpt.

PolNeAR itself (no licence stated) stays out of git; bench/eval_polnear.py measures the
claim reader on its train split (dev part) and its dev split (held out).
tests/nlp/gold/polnear_excerpt.jsonl holds twelve short texts written for casegraph in the
manner of PolNeAR's political news, one per kind of error found on the dev part (a quotation
going on after its cue, a parenthetical cue, stances, participles, polls, nouns, passives).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from casegraph.settings import Settings
from evaluation.attribution import load_excerpt, read_ann, read_claims, score

EXCERPT = Path(__file__).parent / "gold" / "polnear_excerpt.jsonl"
# measured 2026-12-06 with casegraph-claims 3: content F1 1.00, content + source F1 1.00
FLOORS = {"content": 0.9, "content_source": 0.9}

ANN = (
    "T1\tSource 0 3\tShe\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 20;25 30\tthe vote was ... late\n"
    "T4\tAttribution 4 8\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tDiscuss 0 8\tShe said\n"
)


@pytest.fixture(scope="module")
def excerpt():
    docs = load_excerpt(EXCERPT)
    return docs, read_claims([d.text for d in docs], Settings().nlp_model)


def test_the_excerpt_stays_above_its_floors(excerpt) -> None:
    docs, claims = excerpt
    scored = score(docs, claims)
    assert scored["content"]["f1"] >= FLOORS["content"], scored
    assert scored["content_source"]["f1"] >= FLOORS["content_source"], scored


def test_the_scorer_can_fail(excerpt) -> None:
    docs, claims = excerpt
    assert score(docs, [[] for _ in docs])["content"]["f1"] == 0.0
    # the right contents with the speakers taken away: content holds, content + source falls
    mute = [[replace(c, speaker=None) for c in found] for found in claims]
    assert score(docs, mute)["content"]["f1"] == score(docs, claims)["content"]["f1"]
    assert score(docs, mute)["content_source"]["f1"] < 0.2


def test_brat_relations_are_read_with_their_fragments() -> None:
    (relation,) = read_ann(ANN)
    assert relation.content == ((9, 20), (25, 30))
    assert relation.cue == ((4, 8),) and relation.source == ((0, 3),)
