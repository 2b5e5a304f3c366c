"""Event coding on parsed sentences: categories, actors, flags and evidence offsets."""

from __future__ import annotations

import pytest

from casegraph.nlp.events import find_events, lexicon
from casegraph.nlp.plover import CATEGORIES
from casegraph.nlp.recognize import load_pipeline
from casegraph.settings import Settings

MODEL = Settings().nlp_model


def _events(text: str, offset: int = 0):
    return find_events(load_pipeline(MODEL)(text), "d1", 1, offset)


def _only(text: str):
    (event,) = _events(text)
    roles = {}
    for role in event.roles:
        roles.setdefault(role.role, []).append(role.text)
    return event, roles


def test_every_lexicon_row_codes_to_a_plover_category_and_mode() -> None:
    rows = [row for found in lexicon().values() for row in found]
    assert len(rows) > 300
    assert {row.category for row in rows} == set(CATEGORIES)
    for row in rows:
        assert not row.mode or row.mode in CATEGORIES[row.category].modes, row


def test_a_verb_gives_category_source_target_place_and_time() -> None:
    event, roles = _only("The militia attacked the army base in Homs on Tuesday.")
    assert (event.category, event.quad) == ("ASSAULT", "material_conflict")
    assert roles["source"] == ["The militia"] and roles["target"] == ["the army base"]
    assert roles["location"] == ["Homs"] and roles["date"] == ["Tuesday"]
    assert event.intensity == CATEGORIES["ASSAULT"].intensity < 0
    assert not event.negated and not event.hypothetical


def test_offsets_point_into_the_page_text() -> None:
    text = "The rebels released twelve prisoners."
    offset = 500
    (event,) = _events(text, offset)
    page = "x" * offset + text
    assert page[event.trigger_start : event.trigger_end] == "released"
    assert page[event.start : event.end] == text
    assert all(page[r.start : r.end] == r.text for r in event.roles)


@pytest.mark.parametrize(
    ("text", "category", "mode"),
    [
        ("The militia pulled its heavy guns out of the district.", "RETREAT", "withdraw"),
        ("The army let the convoy through the checkpoint.", "RETREAT", "access"),
        ("The two sides swapped fuel for grain.", "COOPERATE", ""),
        ("Both sides exchanged prisoners on Friday.", "RETREAT", "release"),
        ("Government jets bombed the market.", "ASSAULT", "aerial"),
        ("The ministry imposed a curfew on the city.", "COERCE", "curfew"),
    ],
)
def test_phrasal_and_object_rows_win_over_the_bare_verb(text: str, category: str, mode: str):
    event, _ = _only(text)
    assert (event.category, event.mode) == (category, mode)


def test_a_noun_with_its_actors_is_an_event_and_joint_actors_are_kept() -> None:
    event, roles = _only("A deal between the army and the Brigades was found in the files.")
    assert event.category == "AGREE"
    assert roles["source"] == ["the army", "the Brigades"]


def test_negation_and_hypotheticals_are_flagged_not_dropped() -> None:
    negated, _ = _only("The army did not shell the village.")
    assert negated.negated and not negated.hypothetical
    future, _ = _only("Turkey will send troops to Libya.")
    assert future.hypothetical and future.category == "MOBILIZE"


def test_an_act_under_a_threat_is_the_threat_only() -> None:
    event, roles = _only("The government threatened to bomb rebel positions.")
    assert event.category == "THREATEN" and roles["target"] == ["rebel positions"]


def test_an_order_without_a_subject_is_issued_by_the_document() -> None:
    event, roles = _only("Move all armour out of the district by Friday.")
    assert (event.category, event.mode) == ("RETREAT", "withdraw")
    assert "issuer" in roles and "source" not in roles
    assert event.hypothetical  # an order is not yet the act


def test_an_ordered_act_is_written_at_the_order_with_its_giver_as_source() -> None:
    text = "The commander ordered his battalions to pull their guns out of the town."
    event, roles = _only(text)
    assert text[event.trigger_start : event.trigger_end] == "ordered"
    assert event.category == "RETREAT"
    assert roles["source"] == ["The commander"] and roles["target"] == ["his battalions"]


def test_background_sentences_have_no_events() -> None:
    assert _events("The city lies on the river and its market opens at dawn.") == []
