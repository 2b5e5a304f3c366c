"""Resolution of mentions to entities: keys, acronyms, short forms, majority types, judgements."""

from __future__ import annotations

from casegraph.nlp.resolve import MentionRow, acronyms, name_key, resolve


def _entities(rows, defined=None, **judgements):
    assignment, entities = resolve(rows, defined or {}, None, **judgements)
    by_alias = {alias: e for e in entities.values() for alias in e.aliases}
    return assignment, entities, by_alias


def test_name_keys_ignore_titles_articles_case_accents_and_possessives() -> None:
    assert name_key("Dr. Martin Keller", "person") == name_key("martin keller", "person")
    assert name_key("the Port of Bahran", "place") == name_key("Port of Bahran", "place")
    assert name_key("Zarqān's", "place") == name_key("Zarqan", "place")


def test_acronyms_defined_in_text() -> None:
    defined = acronyms(
        ["The Free Dawn Front (FDF) denied it.", "the Kurdistan Workers' Party (PKK) and (XYZ)"]
    )
    assert defined == {"FDF": "Free Dawn Front", "PKK": "Kurdistan Workers' Party"}
    rows = [
        MentionRow(1, "a", "Free Dawn Front", "organization"),
        MentionRow(2, "b", "FDF", "organization"),
        MentionRow(3, "b", "the Free Dawn Front", "organization"),
    ]
    _, entities, by_alias = _entities(rows, defined)
    assert len(entities) == 1 and by_alias["FDF"].name == "Free Dawn Front"


def test_a_surname_after_the_full_name_in_one_document() -> None:
    rows = [
        MentionRow(1, "a", "Samir Rashed", "person"),
        MentionRow(2, "a", "Rashed", "person"),
        MentionRow(3, "b", "Rashed", "person"),  # alone in another document: not assumed
    ]
    assignment, _, by_alias = _entities(rows)
    assert assignment[1] == assignment[2] != assignment[3]
    assert by_alias["Samir Rashed"].name == "Samir Rashed"


def test_the_majority_of_mentions_types_a_name() -> None:
    rows = [MentionRow(i, "a", "Ras Kadir", "place") for i in range(3)]
    rows.append(MentionRow(9, "b", "Ras Kadir", "person"))
    _, entities, _ = _entities(rows)
    (entity,) = entities.values()
    assert entity.type == "place" and sum(entity.aliases.values()) == 4


def test_merges_and_splits_are_applied() -> None:
    rows = [
        MentionRow(1, "a", "Southern Valley Brigades", "organization"),
        MentionRow(2, "c", "the Brigades", "organization"),
        MentionRow(3, "b", "Brigades", "organization"),
    ]
    _, entities, by_alias = _entities(rows)
    assert len(entities) == 2
    svb = by_alias["Southern Valley Brigades"]
    brigades = by_alias["Brigades"]
    merged_assignment, merged, _ = _entities(rows, merges=[(svb.key, brigades.key)])
    assert len(merged) == 1
    (one,) = merged.values()
    assert one.name == "Southern Valley Brigades"
    _, split, by_alias = _entities(
        rows,
        merges=[(svb.key, brigades.key)],
        splits=[(one.key, "the Brigades")],
    )
    assert len(split) == 2  # only the mentions written "the Brigades" left
    assert by_alias["the Brigades"] is not by_alias["Brigades"]
    assert by_alias["Southern Valley Brigades"] is by_alias["Brigades"]


def test_an_organisation_s_last_word_alone_is_that_organisation_in_its_document() -> None:
    rows = [
        MentionRow(1, "a", "Southern Valley Brigades", "organization"),
        MentionRow(2, "a", "the Brigades", "organization"),
        MentionRow(3, "b", "Brigades", "organization"),
        MentionRow(4, "c", "Northern Brigades", "organization"),
        MentionRow(5, "c", "Southern Valley Brigades", "organization"),
        MentionRow(6, "c", "Brigades", "organization"),
    ]
    assignment, _, _ = _entities(rows)
    assert assignment[1] == assignment[2] == assignment[5]
    # alone in its document, or with two organisations it could be, it stays apart
    assert assignment[3] != assignment[1] and assignment[6] != assignment[1]


def test_near_spellings_of_a_name_meet_and_different_names_do_not() -> None:
    rows = [
        MentionRow(1, "a", "Samir Rashed", "person"),
        MentionRow(2, "b", "Samir Rasheed", "person"),
        MentionRow(3, "c", "Samir Rashid", "person"),
        MentionRow(4, "d", "Omar Faisal", "person"),
        MentionRow(5, "e", "Omar Fadel", "person"),
    ]
    assignment, _, _ = _entities(rows)
    assert assignment[1] == assignment[2] == assignment[3]
    assert assignment[4] != assignment[5]
