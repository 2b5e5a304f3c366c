"""Place names the recogniser leaves out are found with the gazetteer, and only those."""

from __future__ import annotations

import pytest

from casegraph.nlp.recognize import read_pages
from casegraph.settings import Settings


def _places(text: str) -> dict[str, str]:
    """Each place mention's text -> its label, as extract reads the text."""
    (reading,) = read_pages([("d", 1, text)], Settings().nlp_model)
    found = {}
    for m in reading.mentions:
        assert text[m.start : m.end] == m.text  # offsets into the page as written
        if m.type == "place":
            found[m.text] = m.label
    return found


def test_a_country_named_by_its_people_is_a_place_labelled_norp() -> None:
    found = _places(
        "Russian troops crossed the border while Palestinians and European leaders met."
    )
    assert found.get("Russian") == found.get("Palestinians") == found.get("European") == "NORP"


def test_a_place_at_the_start_or_end_of_an_organisation_name() -> None:
    found = _places(
        "The Texas Rangers beat the visitors, according to a release from Gainesville Police. "
        "A professor at the University of Kentucky said the Southern Valley Brigades left."
    )
    assert {"Texas", "Gainesville", "Kentucky"} <= set(found)
    # a common word that is also a town's other name, or a direction, is not taken
    assert "University" not in found and "Southern" not in found


def test_an_untagged_place_and_a_town_by_its_wording() -> None:
    found = _places(
        'The crowd shouted: "Never forget Aleppo!" He moved to Hopkinton last year, then to '
        "Dalton, Georgia."
    )
    assert {"Aleppo", "Hopkinton", "Dalton"} <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "Man arrested after a chase. Mobile phones were seized.",
        "Leila Mansour crossed the Wadi Saqra checkpoint with Omar Fadel.",
    ],
)
def test_words_that_are_also_towns_are_not_places(text: str) -> None:
    found = _places(text)
    assert not {"Man", "Mobile", "Wadi"} & set(found)


def test_a_county_is_one_name_with_its_unit_word() -> None:
    found = _places("Deputies in Laurel County found the car near London, Kentucky.")
    assert "Laurel County" in found and "Laurel" not in found


def test_a_dateline_is_a_place() -> None:
    found = _places("Report\n\nTORRINGTON — A man was charged on Monday.\n")
    assert found.get("TORRINGTON") == "GPE"


def test_a_word_the_text_also_writes_in_lower_case_is_no_place() -> None:
    # the demo's movement order: a table heading "Time", and "time" in the text below it
    found = _places(
        "Unit Entry point Time\nBahran Battalion Gate 2 06:00\nCoast Company Fishing harbour "
        "06:30\nAll units keep to the time given. The coast road stays closed.\n"
    )
    assert "Time" not in found and "Coast" not in found
