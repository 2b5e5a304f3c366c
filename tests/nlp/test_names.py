"""Names in context (issue 13), with the real spaCy pipeline: a person named like an armed
group is a person, one written name is one type per text, outlets are found, diseases are
no places; and in a case, a person never links to the namesake group of the knowledge base.

The texts are short news-style passages written for these tests after the kind of report
issue 13 names (a raid on an Islamic State official in Syria, reported by an outlet).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import KnownActors, extract
from casegraph.nlp.kb import load_actors
from casegraph.nlp.names import names_in_context
from casegraph.nlp.recognize import load_pipeline, recognise_pages
from casegraph.settings import Settings

MODEL = Settings().nlp_model

RAID = (
    "US special forces killed a senior Islamic State official named Abu Sayyaf in a raid in "
    "eastern Syria, Business Insider reported on Saturday. Abu Sayyaf said he had sold "
    "antiquities looted from Palmyra, according to documents seized in the raid. Abu Sayyaf's "
    "wife was captured. Islamic State fighters seized Palmyra in May, and experts fear for the "
    "ancient city of Palmyra.\n"
)
GROUP = (
    "The Abu Sayyaf group freed two hostages on Jolo island in the southern Philippines, the "
    "army said. Abu Sayyaf militants had held them for months.\n"
)
EBOLA = (
    "The Ebola outbreak in Guinea has spread to Liberia, the World Health Organization said. "
    "Ebola has killed more than 11,000 people, and health workers fighting Ebola in Monrovia "
    "said new cases were falling.\n"
)


def _types(text: str) -> dict[str, set[str]]:
    """Each written name's types in one text."""
    found: dict[str, set[str]] = {}
    for m in recognise_pages([("d1", 1, text)], MODEL):
        assert text[m.start : m.end] == m.text
        found.setdefault(m.text, set()).add(m.type)
    return found


def test_a_person_named_like_an_armed_group_is_a_person() -> None:
    found = _types(RAID)
    assert found["Abu Sayyaf"] == {"person"}


def test_the_group_of_that_name_stays_an_organisation() -> None:
    assert _types(GROUP)["Abu Sayyaf"] == {"organization"}


def test_one_written_name_is_one_type_in_a_text() -> None:
    found = _types(RAID)
    assert found["Palmyra"] == {"place"}
    assert all(len(types) == 1 for name, types in found.items() if name[:1].isupper())


LOCAL = (
    "Alexandria woman charged in connection with house fire. A Kansas City, Kan., police "
    "officer was dragged 50 feet. Maryland State Police say the locker held devices.\n"
)


def test_towns_by_the_wording_of_local_news() -> None:
    found = _types(LOCAL)
    assert found["Alexandria"] == {"place"}  # a town before its people, not a person
    assert found["Kansas City"] == {"place"} and found["Kan."] == {"place"}
    assert found["Maryland State Police"] == {"organization"}
    assert found["Maryland"] == {"place"}  # the place its name starts with
    # a surname before "family" stays a person; a country's name stays a place
    family = _types("Hillary Clinton spoke on Monday. The Clinton family said Clinton left.\n")
    assert family["Clinton"] == {"person"}
    assert _types("The Russian Federation rejected the claim.\n")["Russian Federation"] == {"place"}


def test_a_name_ending_in_an_institution_word_is_a_body_whatever_the_model_said() -> None:
    nlp = load_pipeline(MODEL)
    doc = nlp("They sued the Toronto Transit Commission on Monday.")
    doc.ents = [Span(doc, 3, 6, label="PERSON")]  # as the small model types it in longer texts
    assert [(e.text, e.label_) for e in names_in_context(doc).ents] == [
        ("Toronto Transit Commission", "ORG")
    ]


def test_an_outlet_is_an_organisation() -> None:
    assert _types(RAID)["Business Insider"] == {"organization"}


def test_a_disease_is_no_place() -> None:
    found = _types(EBOLA)
    assert not any("Ebola" in name for name in found)
    assert found["Liberia"] == {"place"} and found["Monrovia"] == {"place"}


def test_a_person_mention_takes_no_namesake_group_or_outlet() -> None:
    known = KnownActors(load_actors())
    assert known("Abu Sayyaf", "person") is None
    assert known("Abu Sayyaf", "organization") == ("organization", "ag-abu-sayyaf")
    assert known("Business Insider", "organization") == ("organization", "media-business-insider")
    # a one-word name the model may mistype keeps its knowledge-base correction
    assert known("Hezbollah", "person") == ("organization", "ag-hezbollah")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    root = tmp_path_factory.mktemp("names")
    folder = root / "in"
    folder.mkdir()
    for name, text in {"raid.txt": RAID, "group.txt": GROUP, "ebola.txt": EBOLA}.items():
        (folder / name).write_text(text, encoding="utf-8")
    opened = Case.create(root / "case", Settings(workers=1, ocr=False))
    ingest(opened, [folder], progress=False)
    extract(opened, progress=False)
    return opened


def _entities(case: Case, name: str) -> list[dict]:
    return [e for e in case.entities.select() if name in e["aliases"] or e["name"] == name]


def test_in_a_case_the_person_and_the_group_are_two_entities(case: Case) -> None:
    found = _entities(case, "Abu Sayyaf")
    by_type = {e["type"]: e for e in found}
    assert set(by_type) == {"person", "organization"}
    assert by_type["person"]["kb_id"] is None
    assert by_type["organization"]["kb_id"] == "ag-abu-sayyaf"


def test_in_a_case_names_keep_one_type_and_outlets_their_kind(case: Case) -> None:
    assert [e["type"] for e in _entities(case, "Palmyra")] == ["place"]
    outlet = _entities(case, "Business Insider")
    assert [(e["kind"], e["kb_id"]) for e in outlet] == [("media", "media-business-insider")]
    assert not [e for e in case.entities.select() if "Ebola" in e["name"]]


def test_letterheads_ordinals_and_list_marks_with_a_case_s_actors(tmp_path) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_text(
        "id,name,type,country,aliases,parent,adversaries\n"
        "t-fhf,Free Highlands Front,armed_group,,the Front,,\n"
        "t-7bde,7th Armoured Brigade,military,,,,\n"
    )
    nlp = load_pipeline(MODEL, str(actors))
    doc = nlp(
        "FREE HIGHLANDS FRONT - SUPPLY OFFICE\nSITUATION REPORT\n\n"
        "a. 7th Armoured Brigade: hold the bridge.\nb. Artillery Group: leave at night.\n"
        "He said the Front denied it.\n"
    )
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    # a known body in capitals before a dash heads a letter with its office: no dateline
    assert ents["FREE HIGHLANDS FRONT - SUPPLY OFFICE"] == ("ORG", "t-fhf")
    assert ents["7th Armoured Brigade"] == ("ORG", "t-7bde")
    assert ents["the Front"] == ("ORG", "t-fhf")
    assert not [name for name in ents if name[:2] in ("a.", "b.")]
    dateline = {e.text: e.label_ for e in nlp("KHARTOUM - The army said it had left.\n").ents}
    assert dateline["KHARTOUM"] == "GPE"
