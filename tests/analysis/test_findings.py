"""Findings on the demo trove and on a control trove where the same sides only fight."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casegraph.analysis.corroboration import Sources, syndicated_groups
from casegraph.analysis.findings import Dyad, denied_period, find, reported_by
from casegraph.case.store import Case
from casegraph.demo.run import write_case_actors
from casegraph.demo.trove import build_control_trove
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract, import_actors
from casegraph.settings import Settings
from tests.conftest import cli_json, run_cli

GOVERNMENT_SIDE = {"gov", "mod", "zna", "zna_south", "rashed", "awad", "qasimi", "karam"}
# measured 2026-11-26: all 19 planted cooperative events between the sides are among the
# finding's evidence (2 before the event coding was fixed, 15 before withdrawals ahead of an
# advance, pull-backs announced at a meeting, acts naming no side and Arabic were read)
PLANTED_RECALL_FLOOR = 1.0


@pytest.fixture(scope="module")
def demo(demo_summary: dict) -> tuple[Case, dict, list[dict]]:
    case = Case.open(Path(demo_summary["case"]))
    truth = json.loads(Path(demo_summary["ground_truth"]).read_text())
    return case, truth, find(case)


def _as_list(value) -> list[dict]:
    return value if isinstance(value, list) else [value] if value else []


def _sides(event: dict) -> set[str]:
    targets = event["target"] if isinstance(event["target"], list) else [event["target"]]
    return {event["actor"], *targets}


def test_the_planted_cooperation_is_the_first_finding(demo) -> None:
    _, _, findings = demo
    first = findings[0]
    assert first["kind"] == "unexpected_cooperation"
    names = {actor["name"] for actor in first["actors"]}
    assert names == {"Government of Zarqan", "Southern Valley Brigades"}
    assert first["adversity"]["knowledge_base"] and first["adversity"]["conflict_events"]
    assert len(first["sources"]) > 1 and first["summary"].endswith(".")
    # the trove's own papers show it, and the press reported it
    assert {source["provenance"] for source in first["sources"]} == {"primary", "report"}
    assert all(e["text"] for e in first["evidence"])


def test_the_planted_cooperative_events_are_its_evidence(demo) -> None:
    case, truth, findings = demo
    planted = [
        e
        for e in truth["events"]
        if e["quad"].endswith("cooperation")
        and not e["negated"]
        and "svb" in _sides(e)
        and (_sides(e) & GOVERNMENT_SIDE)
    ]
    quotes = [" ".join(e["quote"].split()) for e in planted]
    evidence = [" ".join(x["text"].split()) for x in findings[0]["evidence"]]
    found = [q for q in quotes if any(q in text or text in q for text in evidence)]
    assert len(found) / len(planted) >= PLANTED_RECALL_FLOOR, (len(found), len(planted))


def test_copied_stories_are_detected_as_one_source(demo) -> None:
    case, truth, findings = demo
    copies = [s for s in truth["stories"] if s["copied_from"]]
    assert copies
    doc_of = dict(case.documents.all_paths())
    groups = [set(g.doc_ids) for g in syndicated_groups(case)]
    for story in copies:
        pair = {doc_of[f"trove/{story['doc']}"], doc_of[f"trove/{story['copied_from']}"]}
        assert any(pair <= group for group in groups), story
    assert any(f["kind"] == "syndicated_copies" for f in findings)


def test_every_finding_points_at_its_passages(demo) -> None:
    case, _, findings = demo
    kinds = {f["kind"] for f in findings}
    assert {"unexpected_cooperation", "syndicated_copies"} <= kinds
    for finding in findings:
        assert finding["evidence"] and finding["summary"]
        for passage in finding["evidence"]:
            text = case.pages.texts_of({passage["doc_id"]})[(passage["doc_id"], passage["page"])]
            assert text[passage["start"] : passage["end"]] == passage["text"]


def test_a_trove_where_the_sides_only_fight_raises_no_cooperation(tmp_path: Path) -> None:
    trove = build_control_trove(tmp_path / "control")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [trove], progress=False)
    import_actors(case, write_case_actors(tmp_path / "actors.csv"))
    extract(case, progress=False)
    assert case.events.select(), "the control trove has events"
    cooperation = [f for f in find(case) if f["kind"] == "unexpected_cooperation"]
    assert cooperation == [], [f["summary"] for f in cooperation]


def test_findings_graph_and_timeline_commands(demo) -> None:
    case, _, findings = demo
    root = str(case.root)
    listed = cli_json("findings", root)
    assert [f["id"] for f in listed] == [f["id"] for f in findings]
    view = cli_json("graph", root, "--actor", "Southern Valley Brigades")
    others = {r["other"]["name"] for r in view["relations"]}
    assert "Zarqani National Army" in others or "Government of Zarqan" in others
    assert all(r["evidence"] for r in view["relations"] + view["weak_links"])
    both = cli_json(
        "timeline", root, "--actor", "Southern Valley Brigades", "--actor", "Zarqani National Army"
    )
    assert both and [e["date"] for e in both] == sorted(e["date"] for e in both)


def test_denials_of_planted_acts_are_contradicted(demo) -> None:
    _, truth, findings = demo
    denials = [" ".join(c["quote"].split()) for c in truth["claims"] if c["stance"] == "denies"]
    contradicted = [
        " ".join(f["evidence"][0]["text"].split()) for f in findings if f["kind"] == "contradiction"
    ]
    found = [d for d in denials if any(d in text for text in contradicted)]
    # measured 2026-11-26: 2 of the 7 denials (the others deny reports or documents, not
    # an act, or are in Arabic); the floor keeps these two
    assert len(found) >= 2, found


def test_acts_naming_no_side_are_shown_apart_and_not_counted(demo) -> None:
    case, truth, findings = demo
    first = findings[0]
    unnamed = [p for p in first["evidence"] if p.get("sides_named") is False]
    assert unnamed and len(unnamed) == len(first["unattributed_events"])
    assert not set(first["unattributed_events"]) & set(first["events"])
    (row,) = [e for e in truth["events"] if e["id"] == "ev_trade_3"]
    quote = " ".join(row["quote"].split())
    assert any(quote in " ".join(p["text"].split()) for p in unnamed)
    actors = {e["id"] for e in case.entities.select() if e["type"] in ("person", "organization")}
    for event in case.events.select(ids=first["unattributed_events"]):
        named = [r for key in ("source", "target") for r in _as_list(event[key])]
        assert not {r["id"] for r in named} & actors and not event["negated"]
    assert "without naming the sides (not counted)" in first["summary"]


def test_corroboration_counts_the_sources_of_each_act_and_its_denials(demo) -> None:
    case, truth, _ = demo
    rows = cli_json("corroboration", str(case.root))
    assert len(rows) == len(case.events.select())
    by_text = {" ".join(r["evidence"]["text"].split()): r for r in rows}
    (payment,) = [e for e in truth["events"] if e["id"] == "ev_payment_rashed"]
    paid = by_text[" ".join(payment["quote"].split())]
    # one leader of the Brigades told one paper: other trades between the sides are only
    # possibly the same act, as it says neither when nor where
    assert paid["independent_sources"] == 1 and paid["possible_sources"] > 1
    denied = {e["id"] for e in case.events.select() if e["negated"]}
    handed = [
        r
        for r in rows
        if "Bahran" in r["evidence"]["text"]
        and r["category"] == "RETREAT"
        and r["event"] not in denied
    ]
    best = max(handed, key=lambda r: r["independent_sources"])
    assert best["independent_sources"] >= 3 and best["denials"]
    assert len({s["name"] for s in best["sources"]}) == best["independent_sources"]
    claim = next(c for c in case.claims.select() if c["events"])
    of_claim = cli_json("corroboration", str(case.root), "--claim", claim["id"])
    assert {r["event"] for r in of_claim} == set(claim["events"])
    for wrong in (("--event", "e-none"), ("--claim", "c-none")):
        refused = run_cli("corroboration", str(case.root), *wrong)
        assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1


def _conflict(n: int) -> dict:
    passage = {"doc_id": f"d{n}", "page": 1, "start": 0, "end": 10, "text": "shots"}
    return {"id": f"ev{n}", "evidence": passage}


def test_one_conflict_event_does_not_make_adversaries() -> None:
    assert not Dyad(("a", "b"), conflict=[_conflict(1)]).adversarial
    assert Dyad(("a", "b"), conflict=[_conflict(1), _conflict(2)]).adversarial
    assert Dyad(("a", "b"), known_enemies=True).adversarial
    # two readings of one passage are one piece of evidence
    assert not Dyad(("a", "b"), conflict=[_conflict(1), _conflict(1)]).adversarial


def test_monitors_are_no_side_of_the_war_they_watch() -> None:
    fired_on = Dyad(("a", "b"), conflict=[_conflict(1), _conflict(2)], third_party=True)
    assert not fired_on.adversarial
    said = [{"text": "the monitors are enemies of the state"}] * 2
    assert Dyad(("a", "b"), said_enemies=said, third_party=True).adversarial


def test_the_monitoring_mission_is_no_adversary_of_the_government(demo) -> None:
    _, _, findings = demo
    cooperation = [f for f in findings if f["kind"] == "unexpected_cooperation"]
    assert all(
        "Joint Monitoring Mission" not in {a["name"] for a in f["actors"]} for f in cooperation
    )


def _denial(text: str, date: str | None = None, date_from: str = "text") -> dict:
    return {"evidence": {"text": text}, "date": date, "date_from": date_from if date else None}


def test_a_denial_bounded_in_time_speaks_of_that_time_only() -> None:
    said = "2015-08-24"
    week = denied_period(_denial("The army did not shell the village this week.", "2015-08"), said)
    assert week == ("2015-08-18", "2015-08-24")
    assert denied_period(_denial("No shots were fired today."), said) == (said, said)
    since = denied_period(_denial("They have not fired since Monday."), said)
    assert since is not None and since[1] == said and "2015-08-17" <= since[0] < said
    assert denied_period(_denial("We did not fire on 3 August.", "2015-08-03"), said) == (
        "2015-08-03",
        "2015-08-03",
    )
    assert denied_period(_denial("The army has never shelled the village."), said) is None
    span = _denial("Army artillery did not fire on Tell Hamra between 1 and 3 August.", said)
    assert denied_period(span, said) == ("2015-08-01", "2015-08-03")
    assert denied_period(_denial("No army shelling this period."), said)[0] == "2015-08-18"
    # dated only by the statement: any time before it
    undated = _denial("We did not withdraw our tanks from Brasko.", said, "document")
    first, last = denied_period(undated, said)
    assert first < "2000-01-01" and last == said


def test_a_denial_of_this_week_is_not_contradicted_by_a_shelling_weeks_before(demo) -> None:
    _, _, findings = demo
    contradicted = [f["evidence"][0]["text"] for f in findings if f["kind"] == "contradiction"]
    assert not [text for text in contradicted if "this week" in text], contradicted


def test_sources_are_known_speakers_or_documents_by_their_title(demo) -> None:
    _, _, findings = demo
    for finding in findings:
        for source in finding["sources"]:
            assert source["id"] or source["name"].startswith("document \u201c"), source


def test_words_that_name_no_one_are_no_source() -> None:
    sources = Sources([], {"d1": {"id": "e-paper", "name": "Meridian Daily"}}, {}, {"d2": "Memo"})
    passage = {"doc_id": "d1", "page": 1, "start": 0, "end": 5, "text": "..."}
    residents = {"reported_by": [{"id": None, "name": "residents"}], "evidence": passage}
    assert sources.of_event(residents)["name"] == "Meridian Daily"
    untitled = {
        "reported_by": [{"id": None, "name": "papers"}],
        "evidence": {**passage, "doc_id": "d2"},
    }
    assert sources.of_event(untitled)["name"] == "document \u201cMemo\u201d"


def test_findings_and_corroboration_count_the_same_sources(demo) -> None:
    case, _, findings = demo
    rows = {r["event"]: r for r in cli_json("corroboration", str(case.root))}
    events = {e["id"]: e for e in case.events.select()}

    def names(row: dict) -> set[str]:
        return {s["name"] for s in row["sources"]}

    for finding in findings:
        listed = {s["name"] for s in finding["sources"]}
        if finding["kind"] == "contradiction":
            denier, *others = finding["sources"]
            row = rows[finding["events"][0]]
            # the finding's other sources are corroboration's, less the denier
            assert {s["name"] for s in others} == names(row) - {denier["name"]}, finding["id"]
            assert len(others) == row["independent_sources"] - (denier["name"] in names(row))
        elif finding["kind"] == "single_source_claim":
            for event_id in finding["events"]:
                assert names(rows[event_id]) <= listed, finding["id"]
                assert rows[event_id]["independent_sources"] <= 1
        elif finding["kind"] == "unexpected_cooperation":
            for event_id in finding["events"]:
                if events[event_id]["hypothetical"]:
                    continue  # an order or a plan reports nothing
                row, document = rows[event_id], events[event_id]["evidence"]["doc_id"]
                # the act is among its own reports, and the source behind it is the finding's
                assert event_id in row["reports"]
                assert any(
                    document in s["documents"] and s["name"] in listed for s in row["sources"]
                )


@pytest.mark.parametrize(
    ("own", "others", "words"),
    [
        (False, 1, "1 other source reports it"),
        (False, 3, "3 other sources report it"),
        (True, 0, "its own papers report it"),
        (True, 1, "its own papers and 1 other source report it"),
    ],
)
def test_a_contradiction_says_who_reports_the_act(own: bool, others: int, words: str) -> None:
    assert reported_by(own, others) == words
