"""The PLOVER table: 16 categories in their quads, modes, intensities, and the CAMEO mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.nlp.plover import (
    CAMEO_ROOTS,
    CATEGORIES,
    MODE_INTENSITY,
    PLAIN,
    PLAIN_MODES,
    QUADS,
    Category,
    cameo_to_plover,
    canonical,
    in_words,
    mode_intensity,
    quad_of,
)

# The quads as issue 5 lists them.
ISSUE_QUADS = {
    "verbal_cooperation": {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    "material_cooperation": {"COOPERATE", "AID", "RETREAT"},
    "verbal_conflict": {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    "material_conflict": {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}


def test_sixteen_categories_each_named_by_its_key() -> None:
    assert len(CATEGORIES) == 16
    for name, category in CATEGORIES.items():
        assert isinstance(category, Category)
        assert category.name == name
        assert category.quad in QUADS
        assert category.description and category.description.endswith(".")
        assert len(set(category.modes)) == len(category.modes)
        assert all(mode and mode == mode.strip() and " " not in mode for mode in category.modes)


def test_each_quad_has_the_members_the_issue_lists() -> None:
    assert set(QUADS) == set(ISSUE_QUADS)
    for quad, members in ISSUE_QUADS.items():
        assert {n for n, c in CATEGORIES.items() if c.quad == quad} == members
        for name in members:
            assert quad_of(name) == quad


def test_old_names_and_any_case_resolve_to_the_current_category() -> None:
    assert canonical("demand") == "REQUEST"
    assert quad_of("DEMAND") == "verbal_conflict"
    assert canonical("Disapprove") == "ACCUSE"
    assert canonical("fight") == "ASSAULT"
    with pytest.raises(KeyError):
        quad_of("CRIME")


def test_intensity_signs_match_the_quad() -> None:
    for category in CATEGORIES.values():
        assert -10 <= category.intensity <= 10
        if category.quad.endswith("cooperation"):
            assert category.intensity > 0, category.name
        else:
            assert category.intensity < 0, category.name
    assert CATEGORIES["ASSAULT"].intensity == min(c.intensity for c in CATEGORIES.values())


def test_mode_overrides_are_known_modes_and_keep_the_sign() -> None:
    for name, overrides in MODE_INTENSITY.items():
        category = CATEGORIES[name]
        for mode, value in overrides.items():
            assert mode in category.modes
            assert -10 <= value <= 10
            assert (value > 0) == (category.intensity > 0)
    assert mode_intensity("ASSAULT", "cleansing") == -10.0
    assert mode_intensity("ASSAULT", "firearms") == CATEGORIES["ASSAULT"].intensity
    assert mode_intensity("AGREE") == CATEGORIES["AGREE"].intensity


def test_every_cameo_root_from_02_to_20_maps_to_a_category() -> None:
    for root in range(2, 21):
        code = f"{root:02d}"
        category, mode = cameo_to_plover(code)
        assert category in CATEGORIES, code
        assert mode == "" or mode in CATEGORIES[category].modes
    assert cameo_to_plover("01") == ("", "")
    assert cameo_to_plover("010") == ("", "")


def test_every_listed_code_names_a_category_and_one_of_its_modes() -> None:
    for code, (category, mode) in CAMEO_ROOTS.items():
        assert code.isdigit() and 2 <= len(code) <= 4
        assert code[:2] in CAMEO_ROOTS, code
        if code == "01":
            continue
        assert category in CATEGORIES, code
        assert mode == "" or mode in CATEGORIES[category].modes, code
    used = {category for category, _ in CAMEO_ROOTS.values() if category}
    assert used == set(CATEGORIES)


def test_the_longest_listed_prefix_wins() -> None:
    assert cameo_to_plover("087") == ("RETREAT", "disarm")
    assert cameo_to_plover("0873") == ("RETREAT", "disarm")
    assert cameo_to_plover("0874") == ("RETREAT", "withdraw")
    assert cameo_to_plover("0871") == ("RETREAT", "ceasefire")
    assert cameo_to_plover("0863") == ("RETREAT", "access")
    assert cameo_to_plover("081") == ("CONCEDE", "")
    assert cameo_to_plover("0841") == ("RETREAT", "release")
    assert cameo_to_plover("171") == ("COERCE", "confiscate")
    assert cameo_to_plover("1711") == ("COERCE", "confiscate")
    assert cameo_to_plover("1712") == ("ASSAULT", "destroy")
    assert cameo_to_plover("163") == ("COERCE", "restrict")
    assert cameo_to_plover("1621") == ("SANCTION", "discontinue")
    assert cameo_to_plover("191") == ("COERCE", "restrict")
    assert cameo_to_plover("195") == ("ASSAULT", "aerial")
    assert cameo_to_plover("2042") == ("ASSAULT", "unconventional")
    assert cameo_to_plover("0231") == ("REQUEST", "assist")
    assert cameo_to_plover("1056") == ("REQUEST", "yield")
    assert cameo_to_plover(" 1384 ") == ("THREATEN", "violence")


def test_splits_of_a_root_land_in_the_documented_categories() -> None:
    assert {cameo_to_plover(c)[0] for c in ("080", "081", "082", "083")} == {"CONCEDE"}
    assert {cameo_to_plover(c)[0] for c in ("084", "085", "086", "087")} == {"RETREAT"}
    assert {cameo_to_plover(c)[0] for c in ("170", "172", "173", "174")} == {"COERCE"}
    assert cameo_to_plover("175")[0] == "ASSAULT"
    assert {cameo_to_plover(c)[0] for c in ("190", "193", "194", "196")} == {"ASSAULT"}
    assert cameo_to_plover("192") == ("COERCE", "confiscate")
    assert cameo_to_plover("116") == ("SANCTION", "convict")


@pytest.mark.parametrize("code", ["", "1", "x12", "08a", "1.2"])
def test_a_malformed_code_is_refused(code: str) -> None:
    with pytest.raises(ValueError):
        cameo_to_plover(code)


def test_an_unknown_root_has_no_category() -> None:
    assert cameo_to_plover("21") == ("", "")
    assert cameo_to_plover("99") == ("", "")


def test_the_docs_show_the_table_in_the_code() -> None:
    text = (Path(__file__).parents[2] / "docs" / "events.md").read_text(encoding="utf-8")
    categories = text.split("## The 16 categories")[1].split("## Modes")[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in categories.splitlines()
        if line.startswith("|")
    ]
    mapping = text.split("## From CAMEO")[1].split("### Where casegraph differs")[0]
    documented = {}
    for line in mapping.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].strip("*").isdigit():
            category = "" if cells[2].startswith("—") else cells[2]
            documented[cells[0].strip("*")] = (category, cells[3])
    assert documented == CAMEO_ROOTS
    for name, category in CATEGORIES.items():
        (row,) = [cells for cells in rows if len(cells) == 4 and cells[0] == name]
        assert row[1] == category.description
        assert row[2] == (", ".join(category.modes) or "—")
        assert float(row[3].replace("−", "-")) == category.intensity


def test_every_category_and_mode_has_words_a_reader_knows() -> None:
    assert set(PLAIN) == set(CATEGORIES)
    for category, mode in PLAIN_MODES:
        assert mode in CATEGORIES[category].modes, (category, mode)
    assert in_words("retreat", "withdraw") == "withdrew forces"
    assert in_words("DEMAND") == PLAIN["REQUEST"]  # older names are understood
