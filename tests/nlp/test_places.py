"""Places get coordinates and a country from the offline gazetteer, by the document's countries."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.derived import keep
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract
from casegraph.nlp.places import gazetteer
from casegraph.settings import Settings


def test_a_name_is_located_by_the_countries_around_it() -> None:
    places = gazetteer()
    assert places.locate("Tripoli", {"lb"}).country == "lb"
    assert places.locate("Tripoli", {"ly"}).country == "ly"
    assert places.locate("Tripoli", set()).country == "ly"  # the larger one, with no context
    assert places.locate("Syria", set()).id == "geonames:163843"
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
    places = {(e["name"], e["country"]): e for e in case.entities.select(type_name="place")}
    assert ("Tripoli", "lb") in places and ("Tripoli", "ly") in places
    damascus = places[("Damascus", "sy")]
    assert abs(damascus["lat"] - 33.5) < 0.2 and abs(damascus["lon"] - 36.3) < 0.2


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_a_country_is_at_its_own_point_not_its_capital() -> None:
    places = gazetteer()
    usa = places.resolve("United States")
    assert usa.feature == "country" and usa.country == "us"
    assert _km((usa.lat, usa.lon), (39.76, -98.5)) < 161  # GeoNames' point, in Kansas
    for name in ("U.S.", "USA", "America"):
        assert places.resolve(name).id == usa.id
    uk = places.resolve("UK")
    assert uk.country == "gb" and uk.feature == "country"
    assert _km((uk.lat, uk.lon), (54.76, -2.70)) < 161


def test_subdivisions_continents_and_demonyms_are_places() -> None:
    places = gazetteer()
    texas = places.resolve("Texas")
    assert texas.feature == "admin1" and texas.country == "us"
    assert _km((texas.lat, texas.lon), (31.25, -99.25)) < 161
    assert places.resolve("England").feature == "admin1"
    assert places.resolve("Queensland").country == "au"
    assert places.resolve("Africa").feature == "region"
    assert places.resolve("Syrian").id == places.resolve("Syria").id
    assert places.resolve("Idlib province").feature == "admin1"
    assert places.resolve("the province of Idlib").country == "sy"


def test_the_document_decides_between_places_of_one_name() -> None:
    places = gazetteer()
    assert places.resolve("Alexandria").country == "eg"  # the largest, with no context
    louisiana = places.context(["Louisiana", "Alexandria"])
    alexandria = places.resolve("Alexandria", louisiana)
    assert alexandria.country == "us" and alexandria.admin1 == "iso3166-2:US-LA"
    assert places.resolve("Tripoli", places.context(["Lebanon"])).country == "lb"
    # a name that is both a country and a US state is the country unless asked for a state
    assert places.resolve("Georgia").country == "ge"
    assert places.resolve("state of Georgia").id == "iso3166-2:US-GA"


def test_counties_and_news_abbreviations_of_states() -> None:
    places = gazetteer()
    county = places.resolve("Laurel County")
    assert county.feature == "admin2" and county.admin1 == "iso3166-2:US-KY"
    assert _km((county.lat, county.lon), (37.11, -84.12)) < 50
    assert places.resolve("Laurel") is None or places.resolve("Laurel").feature != "admin2"
    # the document's state picks among the thirty Washington Counties
    ohio = places.resolve("Washington County", places.context(["Ohio", "Marietta"]))
    assert ohio.admin1 == "iso3166-2:US-OH"
    assert places.resolve("Ky.").id == places.resolve("Kentucky").id
    assert places.resolve("W. Va.").id == "iso3166-2:US-WV"
    assert places.resolve("B.C.").id == "iso3166-2:CA-BC"


def test_a_name_is_no_evidence_for_itself() -> None:
    places = gazetteer()
    # alone, Georgia is the country; in a story that names other American places, the state
    assert places.resolve("Georgia", places.context(["Georgia"])).feature == "country"
    in_america = places.context(["Georgia", "Texas", "Atlanta"])
    assert places.resolve("Georgia", in_america).id == "iso3166-2:US-GA"
    in_caucasus = places.context(["Georgia", "Russia", "Tbilisi"])
    assert places.resolve("Georgia", in_caucasus).country == "ge"


def test_the_other_names_of_a_story_lean_towards_one_state() -> None:
    places = gazetteer()
    assert places.resolve("Columbus").admin1 == "iso3166-2:US-OH"  # the largest, alone
    nebraska = places.context(["Columbus", "Colfax County", "Platte County"])
    assert places.resolve("Columbus", nebraska).admin1 == "iso3166-2:US-NE"
    # towns outside the United States know their subdivision too: London in Ontario
    ontario = places.context(["London", "Ontario"])
    assert places.resolve("London", ontario).admin1 == "iso3166-2:CA-ON"
    # one small town's vote does not move a capital
    assert places.resolve("Rome", places.context(["Rome", "Lenox"])).country == "it"


def test_peoples_and_their_plurals_name_their_country_or_continent() -> None:
    places = gazetteer()
    assert places.resolve("Americans").country == "us"
    assert places.resolve("Palestinians").country == "ps"
    assert places.resolve("European").feature == "region"
    assert "syrian" in places.demonyms and "syria" not in places.demonyms


def test_countries_at_geonames_points_and_regions_of_their_own() -> None:
    places = gazetteer()
    canada, japan = places.resolve("Canada"), places.resolve("Japanese")
    assert _km((canada.lat, canada.lon), (60.11, -113.64)) < 20  # GeoNames' point, not 60 N 95 W
    assert japan.country == "jp" and _km((japan.lat, japan.lon), (35.69, 139.75)) < 20
    middle_east = places.resolve("Middle East")
    assert middle_east.feature == "region" and middle_east.country == ""  # no village in Maryland
    assert places.resolve("Middle Eastern").id == middle_east.id
    assert places.resolve("Central American").id == places.resolve("Central America").id
    assert places.resolve("South Ossetia").country == "ge"
    assert places.resolve("Korea").country == "kr"


def test_a_capital_and_a_saint_are_read_as_news_writes_them() -> None:
    places = gazetteer()
    # only the capital is the capital: Washington, Georgia is not the seat of government
    in_georgia = places.context(["United States", "Georgia", "Atlanta", "Gainesville"])
    assert places.resolve("Washington", in_georgia).admin1 == "iso3166-2:US-DC"
    # "St. Petersburg" is Saint Petersburg's own name as much as the Florida city's
    assert places.resolve("St. Petersburg", places.context(["Russia", "Moscow"])).country == "ru"
    florida = places.resolve("St. Petersburg", places.context(["Florida", "Tampa"]))
    assert florida.admin1 == "iso3166-2:US-FL"


EXCERPT = Path(__file__).parent / "places" / "excerpt.jsonl"
# acc@161 of the real pipeline on the committed held-out excerpt (see tests/nlp/places/README.md)
ACC161_FLOOR = 0.50  # measured 0.547 (41 of 75), 2026-12-06


def test_places_found_and_placed_on_real_news(tmp_path: Path) -> None:
    articles = [json.loads(line) for line in EXCERPT.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path / "in"
    folder.mkdir()
    for n, article in enumerate(articles):
        (folder / f"a{n:02d}.txt").write_text(article["text"], encoding="utf-8")
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False))
    ingest(case, [folder], progress=False)
    extract(case, progress=False)
    entities = {e["id"]: e for e in case.entities.select(type_name="place")}
    paths = {d["doc_id"]: Path(d["path"]).stem for d in case.documents.select()}
    found: dict[int, list] = {}
    for m in case.mentions.resolved():
        if (entity := entities.get(m["entity_id"])) and entity["lat"] is not None:
            found.setdefault(int(paths[m["doc_id"]][1:]), []).append((m["start"], m["end"], entity))
    gold = placed = 0
    for n, article in enumerate(articles):
        for top in article["toponyms"]:
            gold += 1
            placed += any(
                s < top["end"]
                and top["start"] < e
                and _km((p["lat"], p["lon"]), (top["lat"], top["lon"])) <= 161
                for s, e, p in found.get(n, [])
            )
    print(f"acc@161 {placed / gold:.3f} of {gold}")
    assert placed / gold >= ACC161_FLOOR
    assert any(e["feature"] == "country" and e["gazetteer_id"] for e in entities.values())


def test_the_cached_table_gives_back_the_places_it_was_made_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casegraph.nlp import places

    tripoli_ly = places.Place("geonames:2210247", "Tripoli", "ly", 32.9, 13.2, 1_150_989)
    tripoli_lb = places.Place("geonames:266826", "Tripoli", "lb", 34.4, 35.8, 229_398)
    made = places.Gazetteer(
        [(tripoli_ly, ("Tarabulus", "طرابلس")), (tripoli_lb, ("Trablous",)), (tripoli_ly, ())],
        ["Libyan"],
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = (made.index.rows, made.index.keys, made.demonyms)
    keep(table, "gazetteer", places.GAZETTEER_VERSION)
    places.gazetteer.cache_clear()
    try:
        read = places.gazetteer()
        assert read.candidates("Tripoli") == ([tripoli_ly, tripoli_lb], None)
        assert read.candidates("طرابلس")[0] == [tripoli_ly]
        assert read.index.get("trablous") == [tripoli_lb] and read.index.get("nowhere") == []
        assert read.demonyms == made.demonyms and len(read.index.rows) == 2
    finally:
        places.gazetteer.cache_clear()


def test_an_organisation_s_one_word_name_used_as_a_word_gets_no_point(tmp_path: Path) -> None:
    from casegraph.nlp.extract import _locator, _ordinary_words
    from casegraph.nlp.resolve import MentionGroup

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "order.txt").write_text("Report from the front. The tank crossed at dawn.\n")
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False))
    ingest(case, [folder], progress=False)
    (doc_id,) = [d["doc_id"] for d in case.documents.select()]
    places = gazetteer()
    located: dict = {}
    locate = _locator(places, places.context([]), located, _ordinary_words(case, doc_id))
    # "Tank" typed an organisation is a word of this text, not Tank in Pakistan; a place
    # typed so by the recogniser, or a name the text does not use as a word, keeps its point
    assert locate(MentionGroup(doc_id, "Tank", "organization")) is None
    assert locate(MentionGroup(doc_id, "Tank", "place")) == "geonames:1163905"
    assert locate(MentionGroup(doc_id, "Kabul", "organization")) is not None
