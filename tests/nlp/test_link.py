"""Events and claims in a real case: linked to entities, authors, claims and dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.dates import opening_date, parse_date
from casegraph.nlp.extract import extract, import_actors
from casegraph.nlp.link import link_case
from casegraph.settings import Settings
from tests.conftest import cli_json, run_cli

REPORT = """The Zarqan Observer

Army and rebels traded fuel for grain, files show

Files obtained by the Zarqan Observer show that the Zarqani National Army let a convoy of \
the Southern Valley Brigades through the Qasr Hamid checkpoint. According to the files, \
the Brigades pulled their heavy guns out of Wadi Sirr a day before the army moved in.

"We never cooperated with the Brigades," government spokesman Yusuf Karam told reporters. \
The two sides swapped fuel for grain, the ministry allegedly admitted.
"""
ORDER = """Southern Valley Brigades

To: Omar Fadel
Move all armour out of the district by Friday.
"""
FORWARD = """From: Karim Haddad <k.haddad@example.org>
To: Omar Fadel <o.fadel@example.net>
Subject: Fw: Bahran

Omar, see below from the captain.

---------- Forwarded message ----------
From: Nizar Awad <n.awad@example.com>
To: Karim Haddad <k.haddad@example.org>

Our last units will leave the Port of Bahran at 03:30 on 20 September 2015.
"""
MEMO = """Memo: convoy to the coast
From the quartermaster of the Southern Valley Brigades to the commander, 30 June 2015.

Karim Haddad says the general will agree between 1 and 3 July.
"""
TABLE = """Date\tPlace\tFuel received\tTonnes\tGrain delivered\tTonnes\tRemarks
2015-02-16\tRas Kadir\tdiesel\t300\twheat\t450\tThe army traded fuel for grain with us.
"""
LEDGER = """Southern Valley Brigades - fuel ledger

Date\tPlace\tBroker\tRemarks
2015-03-14\tRas Kadir\tACT\tSecond exchange of fuel for grain: 420 tonnes of diesel from army \
stocks against 600 tonnes of wheat.
"""
SITREP = """Southern Valley Brigades

Army units left the Port of Bahran before our fighters entered it.
Two trucks of medicine from army stores reached our clinic in Tell Hamra.
"""


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Case:
    root = tmp_path_factory.mktemp("link")
    folder = root / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT)
    (folder / "order.txt").write_text(ORDER)
    (folder / "sitrep.txt").write_text(SITREP)
    (folder / "forward.txt").write_text(FORWARD)
    (folder / "memo.txt").write_text(MEMO)
    (folder / "table.txt").write_text(TABLE)
    (folder / "ledger.txt").write_text(LEDGER)
    opened = Case.create(root / "case", Settings(workers=1))
    ingest(opened, [folder], progress=False)
    report = extract(opened, progress=False)
    assert report["events"] >= 5 and report["claims"] >= 4
    return opened


def _entity_id(case: Case, name: str) -> str:
    return next(e["id"] for e in case.entities.select() if e["name"] == name)


def _event(case: Case, words: str) -> dict:
    return next(e for e in case.events.select() if words in e["evidence"]["text"])


def test_every_event_and_claim_quotes_its_page(case: Case) -> None:
    rows = case.events.select() + case.claims.select()
    assert rows
    for row in rows:
        evidence = row["evidence"]
        page = case.db.execute(
            "SELECT text FROM pages WHERE doc_id = ? AND number = ?",
            (evidence["doc_id"], evidence["page"]),
        ).fetchone()[0]
        assert page[evidence["start"] : evidence["end"]] == evidence["text"]


def test_generic_references_become_the_entities_the_document_named(case: Case) -> None:
    brigades = _entity_id(case, "Southern Valley Brigades")
    pulled = _event(case, "pulled their heavy guns")
    assert pulled["category"] == "RETREAT" and pulled["source"]["id"] == brigades
    swapped = _event(case, "The two sides swapped")
    assert isinstance(swapped["source"], list) and len(swapped["source"]) == 2
    assert brigades in {actor["id"] for actor in swapped["source"]}


def test_an_unsigned_order_is_issued_by_the_letterhead(case: Case) -> None:
    order = _event(case, "Move all armour")
    assert order["source"]["id"] == _entity_id(case, "Southern Valley Brigades")
    assert order["hypothetical"]


def test_events_inside_claims_are_reported_by_the_speaker_then_the_outlet(case: Case) -> None:
    pulled = _event(case, "pulled their heavy guns")
    # "the files" are no speaker: the outlet that shows them is
    assert [r["name"] for r in pulled["reported_by"]] == ["Zarqan Observer"]
    shown = next(c for c in case.claims.select() if c["speaker_text"] == "the files")
    assert "Zarqan Observer" in shown["speaker"]["name"]
    claim = next(c for c in case.claims.select() if c["cue"] == "admitted")
    assert claim["hedged"] and _event(case, "The two sides swapped")["id"] in claim["events"]
    quote = next(c for c in case.claims.select() if c["kind"] == "direct")
    assert quote["speaker"]["id"] == _entity_id(case, "Yusuf Karam")


def test_our_side_and_the_army_of_a_report_are_its_author_and_the_army_named(case: Case) -> None:
    brigades = _entity_id(case, "Southern Valley Brigades")
    army = _entity_id(case, "Zarqani National Army")
    for words, category in (("units left", "RETREAT"), ("trucks of medicine", "AID")):
        event = _event(case, words)
        assert event["category"] == category, event
        assert event["source"]["id"] == army and event["target"]["id"] == brigades


def test_a_ledger_row_s_other_side_is_its_keeper(case: Case) -> None:
    event = _event(case, "420 tonnes")
    assert event["category"] == "COOPERATE"
    assert event["source"]["id"] == _entity_id(case, "Zarqani National Army")
    assert event["target"]["id"] == _entity_id(case, "Southern Valley Brigades")


def _one_file_case(tmp_path: Path, text: str, actor_rows: str) -> Case:
    """A case of one document, read with an actor list of these rows."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(text)
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name,type,country,aliases,parent,adversaries\n" + actor_rows)
    opened = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(opened, [folder], progress=False)
    import_actors(opened, actors)
    extract(opened, progress=False)
    return opened


def test_a_convoy_with_no_owner_is_the_armed_author_s(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "Southern Valley Brigades\n\n"
        "The convoy crossed the army checkpoint at Qasr Hamid and was not searched.\n"
        "The Zarqani National Army has thinned its posts on the road.\n",
        "t-army,Zarqani National Army,military,,,,t-svb\n"
        "t-svb,Southern Valley Brigades,armed_group,,Brigades,,t-army\n",
    )
    passage = _event(opened, "not searched")
    assert (passage["category"], passage["mode"]) == ("RETREAT", "access")
    assert passage["source"]["id"] == _entity_id(opened, "Zarqani National Army")
    assert passage["target"]["id"] == _entity_id(opened, "Southern Valley Brigades")


def test_a_title_names_the_person_who_bears_it(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "Note on the meeting\n\nGeneral Rashed met Karim Haddad in Sadiya on Monday.\n"
        "The Southern Valley Brigades - General Command said the general agreed to the exchange.\n",
        "t-rashed,Samir Rashed,person,,General Rashed,,\n",
    )
    agreed = _event(opened, "the general agreed")
    assert agreed["category"] == "AGREE"
    assert agreed["source"]["id"] == _entity_id(opened, "Samir Rashed")


def test_dates_are_read_against_the_document_date() -> None:
    assert parse_date("29 February", "2015-03-12T09:00:00+00:00") is None
    assert parse_date("29 February", "2016-03-12T09:00:00+00:00") == "2016-02-29"
    assert parse_date("3 March", "2015-03-12T09:00:00+00:00") == "2015-03-03"
    assert parse_date("March 2015", None) == "2015-03"
    assert parse_date("3 March", None) is None  # no year to read it with
    written = "2015-08-05T10:00:00"  # a Wednesday
    assert parse_date("between 1 and 3 August", written) == "2015-08-01"
    assert parse_date("the night of 19 September", written) == "2015-09-19"  # same year
    assert parse_date("on Sunday", written) == "2015-08-02"
    assert parse_date("this week", written) == "2015"  # 30 July to 5 August
    assert parse_date("this week", "2015-08-20") == "2015-08"


def test_arabic_dates_by_either_month_name_and_in_a_dateline() -> None:
    assert parse_date("16 تشرين الأول/أكتوبر 2015", None) == "2015-10-16"
    assert parse_date("1 كانون الثاني 2016", None) == "2016-01-01"
    assert parse_date("5 أغسطس 2015", None) == "2015-08-05"
    assert parse_date("30 شباط 2015", None) is None  # no such day
    assert opening_date("المرصاد - الصادية\n16 تشرين الأول/أكتوبر 2015\nوبحسب وثائق") == (
        "2015-10-16"
    )


def test_a_dateline_dates_a_document_that_stores_none(case: Case) -> None:
    assert opening_date("Army and rebels swapped fuel\nStaff\n14 October 2015\n") == "2015-10-14"
    assert opening_date("Date\tPlace\n2015-02-16\tRas Kadir\n") is None  # a table's row
    dates = {
        case.documents.first_path(d).rsplit("/", 1)[-1]: v
        for d, v in case.documents.dates().items()
    }
    assert dates["memo.txt"] == "2015-06-30" and dates["order.txt"] is None
    agree = _event(case, "the general will agree")
    assert agree["date"] == "2015-07-01"


def test_a_sender_line_a_forwarded_sender_and_no_table_heading_write(case: Case) -> None:
    authors = {
        case.documents.first_path(d).rsplit("/", 1)[-1]: a["name"]
        for d, a in case.documents.authors().items()
    }
    assert authors["memo.txt"] == "Southern Valley Brigades"  # not Karim Haddad, named below
    assert "\t" not in authors.get("table.txt", "")  # a heading row is no author
    leave = _event(case, "Our last units")
    assert leave["source"]["name"] == "Nizar Awad"
    assert [r["name"] for r in leave["reported_by"]][:2] == ["Nizar Awad", "Karim Haddad"]


def test_events_and_claims_commands(case: Case) -> None:
    root = str(case.root)
    events = cli_json("events", root)
    assert len(events) == len(case.events.select())
    cooperation = cli_json("events", root, "--category", "cooperate")
    assert cooperation and all(e["category"] == "COOPERATE" for e in cooperation)
    brigades = cli_json("events", root, "--actor", "Southern Valley Brigades")
    assert brigades and len(brigades) < len(events)
    by_karam = cli_json("claims", root, "--source", "Yusuf Karam")
    assert [c["kind"] for c in by_karam] == ["direct"]
    wrong = run_cli("events", root, "--category", "HUG")
    assert wrong.returncode == 1 and "unknown category" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def _links(case: Case) -> dict[str, list[tuple]]:
    """Everything linking stores, in a fixed order."""
    queries = {
        "roles": "SELECT owner_id, page_id, role, ordinal, start, end, text, entity_id FROM roles",
        "claim_events": "SELECT claim_id, event_id FROM claim_events",
        "dates": "SELECT id, date, date_from FROM events",
        "authors": "SELECT doc_id, entity_id, name FROM document_authors",
        "text_dates": "SELECT * FROM document_text_dates",
    }
    return {
        name: sorted(map(tuple, case.db.execute(sql)), key=repr) for name, sql in queries.items()
    }


def test_linking_again_or_one_document_at_a_time_stores_the_same(case: Case) -> None:
    before = _links(case)
    assert any(role[2] == "reported_by" for role in before["roles"])
    assert any(role[3] >= 100 for role in before["roles"])  # a joint reference's extra entity
    assert before["claim_events"] and before["authors"]
    assert link_case(case) == link_case(case, docs_at_once=1)
    assert _links(case) == before


def test_a_changed_page_loses_its_events_until_read_again(case: Case, tmp_path: Path) -> None:
    before = len(case.events.select())
    doc_id = _event(case, "Move all armour")["evidence"]["doc_id"]
    case.pages.transcribe(doc_id, 1, "Southern Valley Brigades\n\nNothing happened.\n", by="test")
    case.db.commit()
    assert len(case.events.select()) == before - 1
    extract(case, progress=False)
    assert len(case.events.select()) == before - 1


def test_weapons_with_no_owner_are_the_armed_author_s_not_a_namesake(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "Southern Valley Brigades - weekly report\n\n"
        "Tank farm repairs are finished.\n\n"
        "All tanks reached Tell Hamra two days before the Zarqani National Army entered Wadi "
        "Sirr.\n",
        "t-army,Zarqani National Army,military,,,,t-svb\n"
        "t-svb,Southern Valley Brigades,armed_group,,Brigades,,t-army\n",
    )
    (moved,) = [e for e in opened.events.select() if e["category"] == "RETREAT"]
    assert moved["mode"] == "withdraw" and "All tanks reached" in moved["evidence"]["text"]
    assert moved["source"]["id"] == _entity_id(opened, "Southern Valley Brigades")
    assert moved["target"]["id"] == _entity_id(opened, "Zarqani National Army")


def test_our_in_a_quotation_is_not_the_paper_that_prints_it(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "The Zarqan Observer\n\n"
        '"The road will stay closed for as long as the army shells our villages," the '
        "Brigades' General Command said in a statement.\n",
        "t-obs,The Zarqan Observer,media,,,,\n"
        "t-army,Zarqani National Army,military,,,,t-svb\n"
        "t-svb,Southern Valley Brigades,armed_group,,Brigades,,t-army\n",
    )
    shelling = _event(opened, "shells our villages")
    paper = _entity_id(opened, "The Zarqan Observer")
    assert shelling["category"] == "ASSAULT"
    assert paper not in {a["id"] for key in ("source", "target") for a in _actors(shelling[key])}


def _actors(value) -> list[dict]:
    return value if isinstance(value, list) else [value] if value else []


def test_a_four_digit_time_of_day_is_no_year() -> None:
    assert parse_date("0350", "2019-05-02") is None
    assert parse_date("by 2200", None) is None
    assert parse_date("in 1990", None) == "1990"


def test_a_dateline_with_commas_is_no_table_row() -> None:
    briefing = "OFFICE OF THE SPOKESMAN\n\nPress briefing, Velmora, 21 June 2019 - remarks\n"
    assert opening_date(briefing) == "2019-06-21"
    assert opening_date("date,item,tonnes\n2019-03-05,diesel,400\n") is None


def test_capital_letterheads_signature_titles_and_sides_name_the_bodies(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "KESTRAVAN ARMED FORCES\nOFFICE OF THE ARMY SPOKESMAN\n\n"
        "Statement, Velmora, 7 May 2019\n\n"
        "We did not withdraw our tanks from Brasko.\n\n"
        "Residents said that the army's tanks had left days before the Legion arrived.\n\n"
        "On 5 March the Front received 400 tonnes of diesel from the government side.\n\n"
        "ARMY SPOKESMAN\nDistribution: Government of Kestrava\n",
        "t-gov,Government of Kestrava,government,,government side,,t-fhf\n"
        "t-army,Kestravan Armed Forces,military,,the army,t-gov,t-pll\n"
        "t-pll,People's Lowland Legion,armed_group,,the Legion,,t-army\n"
        "t-fhf,Free Highlands Front,armed_group,,the Front,,t-gov\n",
    )
    army = _entity_id(opened, "Kestravan Armed Forces")
    denied = _event(opened, "did not withdraw")
    assert denied["negated"] and denied["source"]["id"] == army
    left = _event(opened, "had left days")
    assert (left["category"], left["source"]["id"]) == ("RETREAT", army)
    assert left["target"]["id"] == _entity_id(opened, "People's Lowland Legion")
    received = _event(opened, "received 400 tonnes")
    assert received["category"] == "AID"
    assert received["source"]["id"] == _entity_id(opened, "Government of Kestrava")
    assert received["target"]["id"] == _entity_id(opened, "Free Highlands Front")


def test_an_organ_and_an_office_speak_for_their_bodies(tmp_path: Path) -> None:
    opened = _one_file_case(
        tmp_path,
        "FREE HIGHLANDS FRONT - GENERAL COMMAND\nMINUTES\n\n"
        "The Council said that the army had shelled Vessa on 2 March.\n\n"
        "The Head of Mission said that the army had shelled Dorota on 3 March.\n\n"
        "Copy to the Free Highlands Front and the Inland Monitoring Mission.\n",
        "t-fhf,Free Highlands Front,armed_group,,the Front,,t-army\n"
        "t-army,Kestravan Armed Forces,military,,the army,,t-fhf\n"
        "t-ism,Inland Monitoring Mission,igo,,the Mission,,\n",
    )
    speakers = {
        c["evidence"]["text"].split(" said")[0]: (c["speaker"] or {}).get("id")
        for c in opened.claims.select()
    }
    assert speakers["The Council"] == _entity_id(opened, "Free Highlands Front")
    assert speakers["The Head of Mission"] == _entity_id(opened, "Inland Monitoring Mission")


MONTH_FORMS = ["January", "Feb", "Feb.", "March", "May", "June", "Jul.", "Sept", "Sept.", "Dec"]


def test_full_dates_are_read_as_dateparser_reads_them() -> None:
    from casegraph.nlp.dates import FULL_DATE, full_date, read_by_dateparser

    phrases = [
        form.format(day=day, month=month, year=year)
        for month in MONTH_FORMS
        for day in ("1", "09", "28", "29", "30", "31", "32")
        for year in ("2015", "2016", "0999")
        for form in ("{day} {month} {year}", "{month} {day}, {year}", "{day} {month}, {year}")
    ] + [f"2016-{month}-{day}" for month in ("01", "02", "12", "13") for day in ("01", "29", "30")]
    phrases = [phrase for phrase in phrases if FULL_DATE.fullmatch(phrase)]
    assert len(phrases) > 500
    for phrase in phrases:
        read = read_by_dateparser(phrase, "2017-05-04")
        assert parse_date(phrase, "2017-05-04") == read, phrase
        assert full_date(phrase) in (read, None), phrase
    # the plain forms are read without dateparser
    assert full_date("05 February 2015") == "2015-02-05" == full_date("Feb. 5, 2015")
    assert full_date("Sept 30 2016") == "2016-09-30" and full_date("2016-12-31") == "2016-12-31"
    assert full_date("29 Feb 2016") == "2016-02-29" and full_date("29 Feb 2015") is None
