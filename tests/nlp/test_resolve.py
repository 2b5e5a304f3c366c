"""Resolution of mentions to entities: keys, acronyms, short forms, majority types, judgements."""

from __future__ import annotations

from collections import Counter

from casegraph.nlp.resolve import (
    KeyedName,
    MentionGroup,
    acronyms,
    document_keys,
    name_key,
    resolve,
)


def _entities(rows, defined=None, **judgements):
    """Resolve rows (one a mention) as a case does: keys by document, then names across it."""
    keys = {}
    for doc_id in dict.fromkeys(row.doc_id for row in rows):
        groups = [row for row in rows if row.doc_id == doc_id]
        found = document_keys(groups, defined or {})
        keys.update(zip((group.group for group in groups), found, strict=True))
    counts = Counter()  # the rows are in order of first mention, as the case gives them
    for row in rows:
        counts[(keys[row.group], row.text, row.type)] += 1
    names = [KeyedName(key, text, kind, n) for (key, text, kind), n in counts.items()]
    assignment, entities = resolve(names, **judgements)
    # each row's entity, in the order of the rows
    ids = [assignment[(*keys[row.group], row.text)] for row in rows]
    by_alias = {alias: e for e in entities.values() for alias in e.aliases}
    return ids, entities, by_alias


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
        MentionGroup("a", "Free Dawn Front", "organization"),
        MentionGroup("b", "FDF", "organization"),
        MentionGroup("b", "the Free Dawn Front", "organization"),
    ]
    _, entities, by_alias = _entities(rows, defined)
    assert len(entities) == 1 and by_alias["FDF"].name == "Free Dawn Front"


def test_a_surname_after_the_full_name_in_one_document() -> None:
    rows = [
        MentionGroup("a", "Samir Rashed", "person"),
        MentionGroup("a", "Rashed", "person"),
        MentionGroup("b", "Rashed", "person"),  # alone in another document: not assumed
    ]
    ids, _, by_alias = _entities(rows)
    assert ids[0] == ids[1] != ids[2]
    assert by_alias["Samir Rashed"].name == "Samir Rashed"


def test_the_majority_of_mentions_types_a_name() -> None:
    rows = [
        *[MentionGroup("a", "Ras Kadir", "place")] * 3,
        MentionGroup("b", "Ras Kadir", "person"),
    ]
    _, entities, _ = _entities(rows)
    (entity,) = entities.values()
    assert entity.type == "place" and sum(entity.aliases.values()) == 4


def test_merges_and_splits_are_applied() -> None:
    rows = [
        MentionGroup("a", "Southern Valley Brigades", "organization"),
        MentionGroup("c", "the Brigades", "organization"),
        MentionGroup("b", "Brigades", "organization"),
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
        MentionGroup("a", "Southern Valley Brigades", "organization"),
        MentionGroup("a", "the Brigades", "organization"),
        MentionGroup("b", "Brigades", "organization"),
        MentionGroup("c", "Northern Brigades", "organization"),
        MentionGroup("c", "Southern Valley Brigades", "organization"),
        MentionGroup("c", "Brigades", "organization"),
    ]
    ids, _, _ = _entities(rows)
    assert ids[0] == ids[1] == ids[4]
    # alone in its document, or with two organisations it could be, it stays apart
    assert ids[2] != ids[0] and ids[5] != ids[0]


def test_near_spellings_of_a_name_meet_and_different_names_do_not() -> None:
    names = ["Samir Rashed", "Samir Rasheed", "Samir Rashid", "Omar Faisal", "Omar Fadel"]
    rows = [MentionGroup(doc, name, "person") for doc, name in zip("abcde", names, strict=True)]
    ids, _, _ = _entities(rows)
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[4]
