"""Places get coordinates and a country from the offline gazetteer, by the document's countries."""

from __future__ import annotations

from pathlib import Path

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract
from casegraph.nlp.places import gazetteer
from casegraph.settings import Settings


def test_a_name_is_located_by_the_countries_around_it() -> None:
    places = gazetteer()
    assert places.locate("Tripoli", {"lb"}).country == "lb"
    assert places.locate("Tripoli", {"ly"}).country == "ly"
    assert places.locate("Tripoli", set()).country == "ly"  # the larger one, with no context
    assert places.locate("Syria", set()).id == "country:SY"
    assert places.locate("دمشق", set()).country == "sy"
    assert places.locate("Sadiya Zarqan Nowhere", set()) is None


def test_two_places_of_one_name_are_two_entities(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lebanon.txt").write_text(
        "Trucks left Beirut in Lebanon for Tripoli on Monday, officials in Lebanon said.\n"
    )
    (folder / "libya.txt").write_text(
        "Fighting resumed near Tripoli in Libya, and flights to Benghazi in Libya stopped.\n"
    )
    (folder / "syria.txt").write_text("The convoy reached Damascus in Syria at noon.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False))
    ingest(case, [folder], progress=False)
    extract(case, progress=False)
    places = {(e["name"], e["country"]): e for e in case.list_entities(type_name="place")}
    assert ("Tripoli", "lb") in places and ("Tripoli", "ly") in places
    damascus = places[("Damascus", "sy")]
    assert abs(damascus["lat"] - 33.5) < 0.2 and abs(damascus["lon"] - 36.3) < 0.2
