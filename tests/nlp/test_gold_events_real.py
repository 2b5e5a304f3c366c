"""The real-news event gold set (tests/nlp/gold/events_real.jsonl): its integrity and floors.

The set is news written and published by others (GeoWebNews, TR-News, LGL, PolNeAR), coded
to PLOVER by annotators who never saw the extractor (tests/nlp/gold/EVENTS_REAL.md). Items
from PolNeAR articles carry offsets instead of text, so only the others are scored here;
`bench/eval_events.py --gold tests/nlp/gold/events_real.jsonl --polnear DIR` scores it all.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from casegraph.nlp.plover import CATEGORIES
from casegraph.settings import Settings
from evaluation.events import (
    POLNEAR_SPLITS,
    REAL_GOLD,
    load_gold,
    read_items,
    score_events,
)

from .test_gold_events_file import EVENT_KEYS, _is_text, _occurrences

RECORDS = [json.loads(line) for line in REAL_GOLD.read_text(encoding="utf-8").splitlines()]
CORPORA = {"GWN", "TR-News", "LGL", *POLNEAR_SPLITS}
MIN_EVENTS = 400
MIN_PER_CATEGORY = 12

# measured 2026-12-07 (casegraph-events 16, en_core_web_sm 3.8.0) on the items with text
# (GeoWebNews, TR-News, LGL; bench/eval_events.py --gold tests/nlp/gold/events_real.jsonl);
# dev holds the second round of annotation (ids n....) since 2026-12-07:
#        category macro-F1  quad acc  dyad acc  detection F1
# dev    0.650              0.959     0.459     0.729
# held   0.640              0.937     0.476     0.710
# floors: measured - 0.03 (issue 13's targets, macro-F1 >= 0.75, are not met yet)
FLOORS = {
    "dev": {"macro": 0.62, "quad": 0.92, "dyad": 0.42, "detection": 0.69},
    "heldout": {"macro": 0.61, "quad": 0.90, "dyad": 0.44, "detection": 0.68},
}


def test_ids_splits_and_origins() -> None:
    ids = [r["id"] for r in RECORDS]
    assert len(set(ids)) == len(ids)
    for record in RECORDS:
        if first := re.fullmatch(r"r(\d{3})", record["id"]):
            assert record["split"] == ("dev" if int(first[1]) % 2 else "heldout"), record["id"]
        else:  # the second round of annotation is development data only
            assert re.fullmatch(r"n\d{4}", record["id"]) and record["split"] == "dev", record["id"]
        origin = record["origin"]
        assert origin["corpus"] in CORPORA and origin["article"], record["id"]
        if origin["corpus"] in POLNEAR_SPLITS:
            assert "text" not in record and 0 <= origin["start"] < origin["end"], record["id"]
        else:
            assert _is_text(record["text"].strip()), record["id"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_events_are_valid(record: dict) -> None:
    text = record.get("text")
    for event in record["events"]:
        where = (record["id"], event["trigger"])
        assert EVENT_KEYS <= set(event) <= EVENT_KEYS | {"nth"}, where
        category = CATEGORIES[event["category"]]
        assert event["mode"] == "" or event["mode"] in category.modes, where
        assert isinstance(event["negated"], bool) and isinstance(event["hypothetical"], bool)
        actors = event["source"] + event["target"]
        assert all(_is_text(actor) for actor in actors), where
        if text is None:
            continue
        found = _occurrences(text, event["trigger"])
        assert event.get("nth", 0) < len(found), where
        assert len(found) == 1 or "nth" in event, where
        assert all(actor in text for actor in actors), where


def test_sizes_and_coverage() -> None:
    events = [(r["split"], e["category"]) for r in RECORDS for e in r["events"]]
    assert len(events) >= MIN_EVENTS
    overall = Counter(category for _, category in events)
    assert all(overall[name] >= MIN_PER_CATEGORY for name in CATEGORIES), overall
    for split in ("dev", "heldout"):
        assert {c for s, c in events if s == split} == set(CATEGORIES), split


@pytest.fixture(scope="module")
def scored() -> dict[str, dict]:
    found = {}
    for split in FLOORS:
        items = load_gold(REAL_GOLD, split)
        found[split] = score_events(items, read_items(items, Settings().nlp_model))
    return found


@pytest.mark.parametrize("split", list(FLOORS))
def test_events_on_real_news_stay_above_their_floors(scored, split: str) -> None:
    events, floors = scored[split], FLOORS[split]
    assert events["category_macro_f1"] >= floors["macro"], events["per_category_f1"]
    assert events["quad_accuracy"] >= floors["quad"]
    assert events["dyad_accuracy"] >= floors["dyad"]
    assert events["detection"]["f1"] >= floors["detection"]


def test_items_without_text_take_it_from_polnear_when_given(tmp_path) -> None:
    kept = load_gold(REAL_GOLD)
    assert len(kept) < len(RECORDS) and all("text" in item for item in kept)
    offsets = [r for r in RECORDS if "text" not in r]
    for record in offsets:  # stand-in articles: each character is its own offset's digit
        origin = record["origin"]
        folder = tmp_path / "data" / POLNEAR_SPLITS[origin["corpus"]] / "text"
        folder.mkdir(parents=True, exist_ok=True)
        article = folder / origin["article"]
        length = max(origin["end"], len(article.read_text()) if article.exists() else 0)
        article.write_text("".join(str(k % 10) for k in range(length)), encoding="utf-8")
    loaded = {item["id"]: item for item in load_gold(REAL_GOLD, None, tmp_path)}
    assert len(loaded) == len(RECORDS)
    first = offsets[0]["origin"]
    assert loaded[offsets[0]["id"]]["text"][0] == str(first["start"] % 10)
    assert len(loaded[offsets[0]["id"]]["text"]) == first["end"] - first["start"]
