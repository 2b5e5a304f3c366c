"""Mention recognition with the real spaCy pipeline and the pattern recognisers."""

from __future__ import annotations

import pytest

from casegraph.errors import BadSetting
from casegraph.nlp.recognize import (
    load_pipeline,
    pattern_mentions,
    pieces,
    read_pages,
    recognise_pages,
)
from casegraph.nlp.syntax import menu_line
from casegraph.settings import Settings

MODEL = Settings().nlp_model
TEXT = (
    "Mr. John Smith met Omar Fadel in Damascus on 4 July 2015.\n"
    "They paid $40,000 for 300 tonnes of wheat.\n"
    "Write to k.haddad@example.org or call +44 20 7946 0958; see https://example.org/report.\n"
    "Pay to GB82 WEST 1234 5698 7654 32, not GB82 WEST 1234 5698 7654 33.\n"
    "The depot is at 33.5138, 36.2765.\n"
)


def _found(text: str = TEXT) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for mention in recognise_pages([("d1", 1, text)], MODEL):
        assert text[mention.start : mention.end] == mention.text  # offsets point at the text
        found.setdefault(mention.type, set()).add(mention.text)
    return found


def test_names_dates_money_and_patterns_with_exact_offsets() -> None:
    found = _found()
    assert "Omar Fadel" in found["person"]
    assert "Damascus" in found["place"]
    assert any("4 July 2015" in d for d in found["date"])
    assert found["email"] == {"k.haddad@example.org"}
    assert found["url"] == {"https://example.org/report"}
    assert found["phone"] == {"+44 20 7946 0958"}
    assert found["iban"] == {"GB82 WEST 1234 5698 7654 32"}  # the other fails its checksum
    assert found["coordinates"] == {"33.5138, 36.2765"}


def test_every_mention_names_its_recogniser() -> None:
    recognisers = {m.recognizer for m in recognise_pages([("d1", 1, TEXT)], MODEL)}
    assert any(r.startswith("spacy:en_core_web_sm") for r in recognisers)
    assert "pattern" in recognisers


def test_long_pages_are_cut_at_line_ends_and_offsets_still_hold() -> None:
    long_text = (TEXT * 400)[:60_000]
    cuts = list(pieces(long_text, size=5_000))
    assert "".join(piece for _, piece in cuts) == long_text
    assert all(piece.endswith("\n") for _, piece in cuts[:-1])
    mentions = [m for m in recognise_pages([("d1", 1, long_text)], MODEL) if m.type == "email"]
    assert len(mentions) == long_text.count("k.haddad@example.org")
    assert all(long_text[m.start : m.end] == m.text for m in mentions)


def test_names_do_not_run_over_line_ends() -> None:
    text = "Statement of the General Command\nClassification: SECRET\n"
    assert all("\n" not in m.text for m in recognise_pages([("d1", 1, text)], MODEL))


def test_each_row_of_a_table_is_a_sentence_of_its_own() -> None:
    rows = [
        "S-1,2015-02-16,Ras Kadir refinery,Tell Hamra,diesel,300,first exchange of the year",
        "S-2,2015-03-14,Jabal Umran silos,Sadiya,wheat,450,carried by the broker's trucks",
        "S-3,2015-04-11,Ras Kadir refinery,Tell Hamra,petrol,40,third exchange at the refinery",
    ]
    text = "\n".join(rows) + "\n"
    doc = load_pipeline(MODEL)(text)
    assert [s.text.strip() for s in doc.sents] == rows
    prose = "The convoy left at dawn, as planned, with the diesel, the wheat, and the drivers\n"
    prose += "who had been paid the day before by the broker.\n"
    assert len(list(load_pipeline(MODEL)(prose).sents)) == 1


def test_no_name_runs_from_one_cell_of_a_table_into_the_next() -> None:
    rows = "item,location,count,handed_over\nHarbour crane,Quay 3,1,2015-09-20 06:45\n"
    rows += (
        "Diesel tank,Tank farm,4,2015-09-20 07:10\nGrain silo,Grain terminal,6,2015-09-20 07:30\n"
    )
    sheet = rows.replace(",", "\t")
    for text in (rows, sheet):
        mentions = list(recognise_pages([("d1", 1, text)], MODEL))
        assert mentions, "the rows still hold dates"
        assert all("," not in m.text and "\t" not in m.text for m in mentions), text
    prose = "Omar Fadel, the quartermaster, met Karim Haddad, the broker, in Sadiya.\n"
    assert {"Omar Fadel", "Karim Haddad"} <= _found(prose)["person"]


def test_patterns_alone() -> None:
    kinds = {m.type for m in pattern_mentions("mail a@b.co now", "d", 1)}
    assert kinds == {"email"}


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(BadSetting, match="not installed"):
        load_pipeline("no_such_pipeline_xyz")


def test_email_headers_become_people_and_addresses() -> None:
    text = (
        "From: Karim Haddad <k.haddad@example.org>\n"
        "To: Doe, John <john@example.org>; bob@example.org\n"
        "Subject: Convoy\n\nKarim wrote this.\n"
    )
    mentions = list(recognise_pages([("d1", 1, text)], MODEL))
    header = {(m.type, m.text) for m in mentions if m.recognizer == "email-header"}
    assert header == {
        ("person", "Karim Haddad"),
        ("email", "k.haddad@example.org"),
        ("person", "Doe, John"),
        ("email", "john@example.org"),
        ("email", "bob@example.org"),
    }
    assert all(text[m.start : m.end] == m.text for m in mentions)
    # spaCy's reading of the same span gives way to the header's
    spans = [(m.start, m.end) for m in mentions if m.recognizer.startswith("spacy:")]
    from_line = (text.index("Karim"), text.index("\n"))
    assert not [s for s in spans if s[0] < from_line[1] and s[1] > from_line[0]]


def test_worker_processes_find_the_same_mentions() -> None:
    pages = [(f"d{n}", 1, TEXT.replace("Damascus", f"Damascus {n}")) for n in range(12)]
    alone = list(recognise_pages(pages, MODEL))
    shared = list(recognise_pages(pages, MODEL, processes=2))
    assert alone == shared and alone


MENU_PAGE = (
    "The Zarqan Observer | Zarqan | Region | Opinion\n"
    "Analysis: a war fought in public\n"
    "The army shelled Khirbet Nasr on Sunday, residents said.\n"
)


def test_a_sites_menu_names_the_site_and_nothing_else() -> None:
    (reading,) = read_pages([("d1", 1, MENU_PAGE)], MODEL)
    menu_end = MENU_PAGE.index("\n")
    on_menu = {m.text for m in reading.mentions if m.start < menu_end}
    assert not on_menu - {"The Zarqan Observer", "Zarqan Observer"}, on_menu
    assert all(e.trigger_start > menu_end for e in reading.events)
    assert any(e.category == "ASSAULT" for e in reading.events)


def test_menu_lines_are_short_title_case_items_between_bars() -> None:
    assert menu_line("Home | News | Sport | Arts & Culture", 0)
    assert menu_line("Al-Mirsad | \u0623\u062e\u0628\u0627\u0631 | \u062a\u0642\u0627\u0631", 0)
    assert not menu_line("The army | fired on | the village", 0)
    assert not menu_line("Karim Haddad | Southern Valley Brigades", 0)  # two cells: a table
