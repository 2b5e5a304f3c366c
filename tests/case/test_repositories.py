"""Each repository of a case through its public methods only, for every backend.

Nothing here runs the pipeline: documents, readings and links are written as the stages
write them, so a second backend is held to exactly what the stages rely on.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.errors import UnknownDocument, UnknownEntity, UnknownPage
from casegraph.querytree import Term
from casegraph.records import (
    ChildRef,
    Claim,
    Entity,
    Event,
    Extraction,
    FailureReason,
    Links,
    Mention,
    PageReading,
    Role,
)

ORDER = "The army withdrew from the port on 3 May. Brigades fighters entered it at dawn."
REPORT = "Officials said the convoy crossed the checkpoint."


def add_document(store: Case, path: str, pages: list[str], mime: str = "text/plain") -> str:
    """Store a file's bytes at a path and its extracted pages, as ingestion does."""
    data = "\f".join(pages).encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    with store.transaction():
        doc_id, _, _ = store.documents.add_source(sha, len(data), path, Path("/in") / path, 1)
        extraction = Extraction(mime=mime, title=path, language="en", extractor="test 1")
        for text in pages:
            extraction.add_page(text)
        store.documents.save_extraction(doc_id, extraction, "2015-05-03")
    return doc_id


def withdrawal(doc_id: str) -> Event:
    """The event of ORDER's first sentence: the army (source) left the port (location)."""
    return Event(
        doc_id=doc_id,
        page=1,
        start=0,
        end=41,
        trigger_start=9,
        trigger_end=17,
        category="RETREAT",
        mode="withdraw",
        quad="material_cooperation",
        intensity=1.0,
        roles=[Role("source", 0, 8, "The army"), Role("location", 23, 31, "the port")],
        extractor="events 1",
    )


def convoy_claim(doc_id: str) -> Claim:
    """REPORT as a claim: officials (speaker) said (cue) what follows (content)."""
    return Claim(
        doc_id=doc_id,
        page=1,
        start=0,
        end=len(REPORT),
        kind="indirect",
        cue=Role("cue", 10, 14, "said"),
        content=Role("content", 15, len(REPORT) - 1, REPORT[15:-1]),
        speaker=Role("speaker", 0, 9, "Officials"),
        extractor="claims 1",
    )


def mention(doc_id: str, start: int, text: str, type_: str) -> Mention:
    return Mention(doc_id, 1, start, start + len(text), text, type_, "ORG", "ner 1")


def read_page(store: Case, doc_id: str, reading: PageReading) -> None:
    """Save a page's reading as the extraction stage does, on the page's own id."""
    ((page_id, *_),) = store.readings.todo_after("entities", "ner 1", 0, 1_000)
    with store.transaction():
        store.readings.save(page_id, reading, "entities", "ner 1")


# -- documents ---------------------------------------------------------------------------


def test_a_document_is_stored_once_by_content_and_found_at_every_path(store: Case) -> None:
    first = add_document(store, "orders/withdraw.txt", [ORDER])
    data = ORDER.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    with store.transaction():
        again, new_doc, new_path = store.documents.add_source(
            sha, len(data), "copies/withdraw.txt", Path("/in/copies/withdraw.txt"), 2
        )
    assert (again, new_doc, new_path) == (first, False, True)
    assert first == sha[:16] and store.documents.id_for_sha(sha) == first
    assert store.documents.paths_of(first) == ["copies/withdraw.txt", "orders/withdraw.txt"]
    assert store.documents.first_path(first) == "copies/withdraw.txt"
    assert store.documents.known_sources()["/in/copies/withdraw.txt"] == (len(data), 2)
    document = store.documents.get(first[:8])
    assert document["doc_id"] == first and document["state"] == "done"
    assert [page["text"] for page in document["pages"]] == [ORDER]
    assert document["date"] == "2015-05-03"


def test_documents_are_selected_by_type_state_and_count(store: Case) -> None:
    text = add_document(store, "a.txt", [ORDER])
    html = add_document(store, "b.html", [REPORT], mime="text/html")
    with store.transaction():
        store.documents.save_failure(html, FailureReason.CORRUPT, "cut short")
    assert [d["doc_id"] for d in store.documents.select()] == [text, html]
    assert [d["doc_id"] for d in store.documents.select(type_name="html")] == [html]
    assert [d["doc_id"] for d in store.documents.select(failed=True)] == [html]
    assert [d["doc_id"] for d in store.documents.select(limit=1)] == [text]
    assert store.documents.failures() == [
        {"path": "b.html", "reason": "corrupt", "detail": "cut short", "doc_id": html}
    ]
    assert store.documents.state_of(html) == "failed"
    assert store.documents.failure_reason_of(html) == "corrupt"


def test_a_document_id_is_given_whole_or_by_a_unique_prefix(store: Case) -> None:
    doc_id = add_document(store, "a.txt", [ORDER])
    assert store.documents.resolve_id(doc_id[:6].upper()) == doc_id
    with pytest.raises(UnknownDocument):
        store.documents.resolve_id(doc_id[:5])
    with pytest.raises(UnknownDocument):
        store.documents.resolve_id("ffffffffffffffff" if doc_id[0] != "f" else "0000000000")


def test_a_containers_members_are_new_documents_or_counted_as_duplicates(store: Case) -> None:
    parent = add_document(store, "bundle.zip", [""], mime="application/zip")
    known = add_document(store, "a.txt", [ORDER])
    new_sha = hashlib.sha256(b"member").hexdigest()
    members = [
        ChildRef("inner/new.txt", new_sha, 6),
        ChildRef("inner/copy.txt", store.documents.sha_of(known), 10),
    ]
    with store.transaction():
        jobs, duplicates = store.documents.add_children(parent, 0, members)
    assert duplicates == 1
    assert [(job.name, job.depth) for job in jobs] == [("inner/new.txt", 1)]
    assert store.documents.paths_of(known) == ["a.txt", "bundle.zip!/inner/copy.txt"]
    assert [job.doc_id for job in store.documents.pending()] == [jobs[0].doc_id]
    child = store.documents.get(jobs[0].doc_id)
    assert child["parent_id"] == parent
    assert [link["doc_id"] for link in child["chain"]] == [parent]


def test_an_input_that_could_not_be_stored_is_a_failure_until_retried(store: Case) -> None:
    with store.transaction():
        store.documents.add_input_failure(
            Path("/in/big.bin"), "big.bin", (10, 5), FailureReason.TOO_LARGE, "over the limit"
        )
    assert store.documents.failures()[0]["reason"] == "too_large"
    assert store.documents.known_sources() == {"/in/big.bin": (10, 5)}
    assert store.documents.requeue_failures() == [("/in/big.bin", "big.bin")]


# -- pages and the index -------------------------------------------------------------------


def test_a_transcription_replaces_the_text_and_its_index_and_keeps_the_layers(
    store: Case,
) -> None:
    doc_id = add_document(store, "scan.txt", ["Th3 arny w1thdrew"])
    assert store.index.search(Term("arny"), [], 10, 0).total == 1
    store.pages.transcribe(doc_id, 1, "The army withdrew", "editor")
    assert store.documents.get(doc_id)["pages"][0]["text"] == "The army withdrew"
    assert [layer["source"] for layer in store.pages.layers(doc_id, 1)] == [
        "text_layer",
        "transcription",
    ]
    assert store.index.search(Term("arny"), [], 10, 0).total == 0
    total, estimated, hits = store.index.search(Term("army"), [], 10, 0)
    assert total == 1 and not estimated and hits[0]["doc_id"] == doc_id and hits[0]["page"] == 1
    with pytest.raises(UnknownPage):
        store.pages.transcribe(doc_id, 2, "no such page", "editor")


def test_search_pages_through_the_documents_that_match(store: Case) -> None:
    # equal scores, each document committed on its own: pages must still neither skip nor repeat
    ids = [add_document(store, f"memo-{n}.txt", [f"Convoy number {n} crossed."]) for n in range(7)]
    total, _, first = store.index.search(Term("convoy"), [], 2, 0)
    pages = [first] + [store.index.search(Term("convoy"), [], 2, at).hits for at in (2, 4, 6)]
    found = [hit["doc_id"] for page in pages for hit in page]
    assert total == 7
    assert sorted(found) == sorted(ids)
    assert all(hit["path"].startswith("memo-") for page in pages for hit in page)


def test_page_texts_come_whole_in_chunks(store: Case) -> None:
    doc_id = add_document(store, "long.txt", [ORDER, REPORT, "third page"])
    chunks = list(store.pages.readable_chunks(2))
    assert [len(chunk) for chunk in chunks] == [2, 1]
    assert [text for chunk in chunks for *_, text in chunk] == [ORDER, REPORT, "third page"]
    assert store.pages.texts_of([doc_id])[(doc_id, 2)] == REPORT


# -- readings, mentions, entities, links and reviews ---------------------------------------


def test_a_pages_reading_is_saved_replaced_and_listed(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    assert store.readings.todo_size("entities", "ner 1") == (1, len(ORDER))
    reading = PageReading(doc_id, 1, [mention(doc_id, 0, "The army", "organization")])
    reading.events.append(withdrawal(doc_id))
    read_page(store, doc_id, reading)
    assert store.readings.todo_size("entities", "ner 1") == (0, 0)
    assert store.readings.counts() == {"events": 1, "claims": 0}
    (event,) = store.events.select(category="retreat")
    assert event["id"] == withdrawal(doc_id).id
    assert event["source"] == {"id": None, "name": "The army"}
    assert event["evidence"]["text"] == ORDER[:41]
    assert store.events.select(category="ASSAULT") == []
    assert [label["id"] for label in store.events.each_label()] == [event["id"]]
    # a second reading of the page replaces the first, it is not added to it
    with store.transaction():
        page_id = store.readings.todo_after("other", "x", 0, 10)[0][0]
        store.readings.save(page_id, PageReading(doc_id, 1), "entities", "ner 1")
    assert store.events.select() == [] and store.readings.counts()["events"] == 0


def test_a_claim_is_listed_with_its_speaker_cue_and_content(store: Case) -> None:
    doc_id = add_document(store, "report.txt", [REPORT])
    read_page(store, doc_id, PageReading(doc_id, 1, claims=[convoy_claim(doc_id)]))
    (claim,) = store.claims.select()
    assert (claim["speaker_text"], claim["cue"]) == ("Officials", "said")
    assert claim["content"] == "the convoy crossed the checkpoint"
    passage = {"doc_id": doc_id, "page": 1, "start": 0, "end": len(REPORT)}
    assert [c["id"] for c in store.claims.at(passage)] == [claim["id"]]
    assert [c["id"] for c in store.claims.each()] == [claim["id"]]


def test_a_stage_failure_on_a_page_is_listed_and_the_page_is_not_tried_again(
    store: Case,
) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    with store.transaction():
        store.readings.save_failure("entities", doc_id, 1, "ner 1", "ValueError: boom")
    assert store.readings.todo_size("entities", "ner 1") == (0, 0)
    (failure,) = store.documents.failures()
    assert failure["path"] == "order.txt (page 1)" and "boom" in failure["detail"]


def resolve(store: Case, doc_id: str) -> Entity:
    """Resolve the page's one name to one entity, as the resolution stage does."""
    with store.transaction():
        store.mentions.start_name_keys()
        for document, names in store.mentions.each_document_groups():
            store.mentions.add_name_keys(
                document, [(text, kind, "org", text.lower()) for text, kind in names]
            )
    keyed = store.mentions.keyed_names()
    assert keyed == [("org", "the army", "The army", "organization", 1)]
    army = Entity("ent-army", "National Army", "organization", ("org", "the army"))
    army.aliases = {"The army": 1}
    store.entities.save_resolution({("org", "the army", "The army"): army.id}, {army.id: army})
    return army


def test_mentions_resolve_to_entities_that_are_found_by_id_name_or_alias(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    read_page(
        store, doc_id, PageReading(doc_id, 1, [mention(doc_id, 0, "The army", "organization")])
    )
    army = resolve(store, doc_id)
    assert store.entities.count() == 1
    assert store.entities.find("national army") == army.id
    assert store.entities.find("the ARMY") == army.id
    with pytest.raises(UnknownEntity, match="did you mean 'National Army'"):
        store.entities.find("National Armi")
    (listed,) = store.entities.select(doc_id=doc_id[:8])
    assert (listed["name"], listed["mentions"], listed["documents"]) == ("National Army", 1, 1)
    detail = store.entities.get(army.id)
    assert detail["mentions"][0]["context"].startswith("The army withdrew")
    assert store.entities.key(army.id) == ("org", "the army")
    assert [m["entity_id"] for m in store.mentions.resolved()] == [army.id]


def test_links_give_an_events_roles_their_entities_and_can_be_cleared(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    event = withdrawal(doc_id)
    reading = PageReading(doc_id, 1, [mention(doc_id, 0, "The army", "organization")], [event])
    read_page(store, doc_id, reading)
    army = resolve(store, doc_id)
    links = Links(
        role_entities=[(event.id, "source", 0, army.id)],
        extra_roles=[],
        reporters=[],
        claim_events=[],
        dates=[(event.id, "2015-05-03", "text")],
        authors=[(doc_id, army.id, "National Army")],
    )
    with store.transaction():
        store.links.clear()
        store.links.add(links)
    (linked,) = store.events.select(actor=army.id)
    assert linked["source"] == {"id": army.id, "name": "National Army"}
    assert (linked["date"], linked["date_from"]) == ("2015-05-03", "text")
    assert store.documents.authors()[doc_id]["id"] == army.id
    with store.transaction():
        store.links.clear()
    assert store.events.select(actor=army.id) == []
    assert store.documents.authors() == {}


def test_a_persons_verdict_and_judgements_are_kept(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    event = withdrawal(doc_id)
    read_page(store, doc_id, PageReading(doc_id, 1, events=[event]))
    assert store.reviews.kind_of_reading(event.id) == "event"
    assert store.reviews.kind_of_reading("nothing") is None
    store.reviews.add(event.id, "event", "rejected", "a drill, not a withdrawal", "editor")
    (listed,) = store.events.select()
    assert listed["review"]["verdict"] == "rejected"
    assert store.reviews.all()[event.id]["reviewer"] == "editor"
    store.reviews.add_judgement("merge", ("org", "a"), ("org", "b"), None)
    store.reviews.add_judgement("split", ("org", "a"), None, "The A")
    assert store.reviews.judgements() == ([(("org", "a"), ("org", "b"))], [(("org", "a"), "The A")])


def test_every_listing_gives_a_page_of_its_rows(store: Case) -> None:
    ids = [add_document(store, f"memo-{n}.txt", [ORDER + f" Memo {n}."]) for n in range(4)]
    page = [d["doc_id"] for d in store.documents.select(limit=2, offset=1)]
    assert page == ids[1:3]
    assert [d["doc_id"] for d in store.documents.select(offset=3)] == ids[3:]
    readings = store.readings.todo_after("entities", "ner 1", 0, 10)
    with store.transaction():
        for (page_id, doc_id, *_), claim_doc in zip(readings, ids, strict=True):
            reading = PageReading(doc_id, 1, events=[withdrawal(doc_id)])
            reading.claims.append(convoy_claim(claim_doc))
            store.readings.save(page_id, reading, "entities", "ner 1")
    events = [e["id"] for e in store.events.select()]
    assert [e["id"] for e in store.events.select(limit=2, offset=1)] == events[1:3]
    assert [e["id"] for e in store.events.select(category="RETREAT", offset=2)] == events[2:]
    claims = [c["id"] for c in store.claims.select()]
    assert len(claims) == 4
    assert [c["id"] for c in store.claims.select(limit=1, offset=3)] == claims[3:]
    assert store.entities.select(limit=5) == []


def test_entities_as_often_mentioned_under_one_name_are_listed_alike_on_every_backend(
    store: Case,
) -> None:
    doc_id = add_document(store, "farfar.txt", ["Farfar wrote to Farfar."])
    names = [mention(doc_id, 0, "Farfar", "person"), mention(doc_id, 16, "Farfar", "place")]
    read_page(store, doc_id, PageReading(doc_id, 1, names))
    with store.transaction():
        store.mentions.start_name_keys()
        for document, _ in store.mentions.each_document_groups():
            keys = [
                ("Farfar", "person", "person", "farfar"),
                ("Farfar", "place", "place", "farfar"),
            ]
            store.mentions.add_name_keys(document, keys)
    # made in the order a database might return them, the later id first
    found = {}
    for entity_id, kind in (("e-z", "person"), ("e-a", "place")):
        entity = Entity(entity_id, "Farfar", kind, (kind, "farfar"))
        entity.aliases = {"Farfar": 1}
        found[(kind, "farfar", "Farfar")] = entity
    store.entities.save_resolution(
        {key: entity.id for key, entity in found.items()},
        {entity.id: entity for entity in found.values()},
    )
    listed = store.entities.select()
    assert [(row["id"], row["mentions"]) for row in listed] == [("e-a", 1), ("e-z", 1)]
    assert store.entities.find("farfar") == "e-a"


def _statements_while(store: Case, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements the case's connection runs from now on (on either backend)."""
    seen: list[str] = []
    if isinstance(store.db, sqlite3.Connection):
        store.db.set_trace_callback(seen.append)
    else:
        execute = store.db.execute
        monkeypatch.setattr(store.db, "execute", lambda *a: seen.append(a[0]) or execute(*a))
    return seen


def test_listed_events_and_claims_read_their_roles_a_batch_at_a_time(
    store: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casegraph.case import passages

    for n in range(12):
        doc_id = add_document(store, f"report-{n}.txt", [REPORT + " " + ORDER + f" {n}"])
        reading = PageReading(doc_id, 1, claims=[convoy_claim(doc_id)])
        reading.events.append(withdrawal(doc_id))
        page_id = store.readings.todo_after("entities", "ner 1", 0, 1)[0][0]
        with store.transaction():
            store.readings.save(page_id, reading, "entities", "ner 1")
    monkeypatch.setattr(passages, "RECORDS_AT_ONCE", 5)
    seen = _statements_while(store, monkeypatch)
    events, claims = store.events.select(), store.claims.select()
    assert len(events) == len(claims) == 12
    assert all(event["source"] == {"id": None, "name": "The army"} for event in events)
    port = {"name": "the port", "lat": None, "lon": None}
    assert all(event["location"] == port for event in events)
    assert all((c["speaker_text"], c["cue"]) == ("Officials", "said") for c in claims)
    # a query for the roles of 5 records at a time (claims: and their events), not one each
    roles = [s for s in seen if "FROM roles" in s]
    assert len(roles) == 2 * 3 and len([s for s in seen if "claim_events" in s]) == 3


def test_a_server_cases_planner_statistics_follow_its_writes(store: Case) -> None:
    if isinstance(store.db, sqlite3.Connection):
        assert store.refresh_statistics() == []  # SQLite plans without them
        return
    store.refresh_statistics()
    for n in range(100):  # written within a second of the last look: counted all the same
        add_document(store, f"memo-{n}.txt", [f"{ORDER} {n}"])
    analysed = store.refresh_statistics()
    # analysed here, unless autovacuum (where it runs) came first
    assert {"documents", "pages", "paths"} <= set(analysed) or _autovacuum_on(store)
    assert store.refresh_statistics() == []  # nothing changed since
    schema = store.address.schema if store.address else ""
    (never,) = store.db.execute(  # by us, or by autovacuum where it runs
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?"
        " AND last_analyze IS NULL AND last_autoanalyze IS NULL",
        (schema, "pages"),
    ).fetchone()
    assert never == 0


def _autovacuum_on(store: Case) -> bool:
    return bool(store.db.execute("SELECT current_setting('autovacuum') = 'on'").fetchone()[0])
