"""Primary documents of the trove against reports about them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.analysis.provenance import PRIMARY, REPORT, document_provenance, reads_as_report
from casegraph.case.store import Case

PRIMARY_FOLDERS = ("trove/command/", "trove/finance/", "trove/quartermaster/", "trove/mail/fadel/")


@pytest.mark.parametrize(
    "opening",
    [
        "Port strike ends\nBy Ana Duarte\n3 May 2021\nDock workers went back on Monday.",
        "Mombasa (KNA) - The county closed the market on Friday.",
        "Lagos (Reuters) - Two banks froze the accounts.",
        "Our correspondent in Goma\nAccording to internal documents, the mine paid the militia.",
        "Emails obtained by the Herald show the minister knew of the sale.",
        "The national broadcaster reported that the border was closed.",
    ],
)
def test_news_openings_read_as_reports(opening: str) -> None:
    assert reads_as_report(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "ORDER No. 12\nTo: the commander, 3rd Battalion\nWithdraw the guns by Friday.",
        "INVOICE ACT-7\nDescription Quantity Amount (USD)\nFuel 300 9,000",
        "Minutes of the meeting held in Bahran (the port office) on 17 September.",
        "From: Omar\nTo: Karim\nThe trucks leave at dawn. Delete this e-mail.",
    ],
)
def test_own_papers_read_as_primary(opening: str) -> None:
    assert not reads_as_report(opening)


def test_the_demo_trove_splits_into_its_papers_and_the_press(demo_summary: dict) -> None:
    case = Case.open(Path(demo_summary["case"]))
    truth = json.loads(Path(demo_summary["ground_truth"]).read_text())
    provenance = document_provenance(case)
    doc_of = {path: doc_id for path, doc_id in case.documents.all_paths()}
    stories = [doc_of[f"trove/{story['doc']}"] for story in truth["stories"]]
    own = [d for path, d in doc_of.items() if path.startswith(PRIMARY_FOLDERS) and d in provenance]
    assert stories and own
    assert [d for d in stories if provenance[d] != REPORT] == []
    assert [d for d in own if provenance[d] != PRIMARY] == []


def test_authors_are_people_or_bodies_never_places(demo_summary: dict) -> None:
    case = Case.open(Path(demo_summary["case"]))
    authors = case.documents.authors()
    assert len(authors) > 20
    # a place heading a form ("RAS KADIR REFINERY - GATE LOG") does not speak for it
    assert [a["name"] for a in authors.values() if a["kind"] == "place"] == []
