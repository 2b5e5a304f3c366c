"""People's notes, tags and marks through the repository's public methods, for every backend:
kept on a span of a page without changing it, found again by tag, star and read in search."""

from __future__ import annotations

import pytest

from casegraph.case.store import Case
from casegraph.errors import BadNote, UnknownDocument, UnknownNote
from casegraph.querytree import Filter, Term
from casegraph.records import PageReading
from tests.case.test_repositories import ORDER, REPORT, add_document, mention, read_page, resolve


def test_a_note_on_a_span_keeps_its_quote_and_leaves_the_page_as_it_was(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER, REPORT])
    start = ORDER.index("withdrew")
    note = store.notes.add(
        doc_id[:8], 1, (start, start + 8), " check the date ", "  Heavy  Weapons", "ed"
    )
    assert note["doc_id"] == doc_id and note["quote"] == "withdrew"
    assert (note["text"], note["tag"], note["author"], note["changed"]) == (
        "check the date",
        "heavy weapons",
        "ed",
        False,
    )
    assert store.documents.get(doc_id)["pages"][0]["text"] == ORDER
    assert store.notes.get(note["id"]) == note
    assert store.notes.on_page(doc_id, 1) == [note] and store.notes.on_page(doc_id, 2) == []
    assert store.notes.select(tag="HEAVY weapons") == [note] and store.notes.select(tag="x") == []
    assert store.notes.tags() == [{"tag": "heavy weapons", "notes": 1, "documents": 1}]


@pytest.mark.parametrize(
    ("page", "span", "text", "tag", "message"),
    [
        (1, (0, 3), "", "  ", "needs a text or a tag"),
        (1, (3, 3), "x", "", "not on page 1"),
        (1, (5, 2), "x", "", "not on page 1"),
        (1, (0, len(ORDER) + 1), "x", "", "not on page 1"),
        (3, (0, 1), "x", "", "has no page 3"),
        (1, (0, 1), "x" * 10_001, "", "at most"),
        (1, (0, 1), "", "t" * 101, "at most"),
    ],
)
def test_a_note_with_nothing_to_say_or_off_the_page_is_refused(
    store: Case, page: int, span: tuple[int, int], text: str, tag: str, message: str
) -> None:
    doc_id = add_document(store, "order.txt", [ORDER, REPORT])
    with pytest.raises(BadNote, match=message):
        store.notes.add(doc_id, page, span, text, tag, "ed")
    assert store.notes.select() == []


def test_a_note_says_when_a_transcription_changed_its_characters(store: Case) -> None:
    doc_id = add_document(store, "scan.txt", ["Th3 arny w1thdrew"])
    note = store.notes.add(doc_id, 1, (4, 8), "", "misread", "ed")
    store.pages.transcribe(doc_id, 1, "The army withdrew", "editor")
    [after] = store.notes.select()
    assert after["id"] == note["id"] and after["quote"] == "arny" and after["changed"]


def test_notes_are_listed_newest_first_and_deleted_by_id(store: Case) -> None:
    first_doc = add_document(store, "order.txt", [ORDER])
    second_doc = add_document(store, "report.txt", [REPORT])
    first = store.notes.add(first_doc, 1, (0, 3), "one", "", "ed")
    second = store.notes.add(second_doc, 1, (0, 9), "two", "convoy", "ed")
    listed = store.notes.select()
    assert {n["id"] for n in listed} == {first["id"], second["id"]}
    assert listed[0]["created_at"] >= listed[1]["created_at"]
    assert store.notes.select(doc_id=second_doc) == [second]
    assert store.notes.remove(first["id"]) == first
    assert store.notes.select() == [second]
    with pytest.raises(UnknownNote):
        store.notes.remove(first["id"])
    with pytest.raises(UnknownDocument):
        store.notes.add("ffffffffffff", 1, (0, 1), "x", "", "ed")


def test_tags_stars_and_reads_filter_a_search(store: Case) -> None:
    ids = [add_document(store, f"memo-{n}.txt", [f"Convoy number {n} crossed."]) for n in range(4)]
    store.notes.add(ids[0], 1, (0, 6), "", "convoy", "ed")
    store.notes.add(ids[1], 1, (0, 6), "", "convoy", "ed")
    assert store.notes.set_mark(ids[1], "starred", True, "ed") == {
        "doc_id": ids[1],
        "starred": True,
        "read": False,
    }
    store.notes.set_mark(ids[2], "read", True, "ed")

    def found(*filters: Filter) -> set[str]:
        with_words = {
            h["doc_id"] for h in store.index.search(Term("convoy"), list(filters), 10, 0).hits
        }
        alone = {h["doc_id"] for h in store.index.search(None, list(filters), 10, 0).hits}
        assert with_words == alone, "the index and the filters alone agree"
        return with_words

    assert found(Filter("tag", "convoy")) == {ids[0], ids[1]}
    assert found(Filter("tag", "other")) == set()
    assert found(Filter("starred", "yes")) == {ids[1]}
    assert found(Filter("starred", "no")) == {ids[0], ids[2], ids[3]}
    assert found(Filter("unread", "yes")) == {ids[0], ids[1], ids[3]}
    assert found(Filter("unread", "no")) == {ids[2]}
    assert found(Filter("tag", "convoy"), Filter("unread", "yes"), Filter("starred", "no")) == {
        ids[0]
    }
    facets = store.index.facets(Term("convoy"), [])
    assert facets["tag"] == [{"value": "convoy", "documents": 2}]
    assert facets["mark"] == [
        {"value": "read", "documents": 1},
        {"value": "starred", "documents": 1},
    ]
    with pytest.raises(BadNote, match="one of: starred, read"):
        store.notes.set_mark(ids[1], "hidden", True, "ed")
    store.notes.set_mark(ids[1], "starred", False, "ed")
    assert found(Filter("starred", "yes")) == set()
    assert store.notes.marks() == [
        {
            "doc_id": ids[2],
            "mark": "read",
            "author": "ed",
            "set_at": store.notes.marks()[0]["set_at"],
        }
    ]


def test_an_entity_filters_a_search_by_its_id_or_name_and_is_a_facet(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    read_page(
        store, doc_id, PageReading(doc_id, 1, [mention(doc_id, 0, "The army", "organization")])
    )
    army = resolve(store, doc_id)
    add_document(store, "report.txt", [REPORT + " The army too."])  # the name, no mention
    for value in (army.id, "National Army"):
        hits = store.index.search(Term("army"), [Filter("entity", value)], 10, 0).hits
        assert [hit["doc_id"] for hit in hits] == [doc_id]
        assert [
            h["doc_id"] for h in store.index.search(None, [Filter("entity", value)], 10, 0).hits
        ] == [doc_id]
    assert store.index.search(Term("army"), [Filter("entity", "nobody")], 10, 0).total == 0
    assert store.index.search(Term("army"), [], 10, 0).total == 2
    facet = store.index.facets(Term("army"), [])["entity"]
    assert facet == [{"value": army.id, "documents": 1, "label": "National Army"}]


def test_a_private_note_is_seen_by_its_author_alone_until_shared(store: Case) -> None:
    doc_id = add_document(store, "order.txt", [ORDER])
    start = ORDER.index("withdrew")
    private = store.notes.add(doc_id, 1, (start, start + 8), "mine", "hunch", "rita", True)
    shared = store.notes.add(doc_id, 1, (0, 5), "for all", "", "ed")
    assert private["private"] and not shared["private"]
    assert [n["id"] for n in store.notes.on_page(doc_id, 1, viewer="ed")] == [shared["id"]]
    assert {n["id"] for n in store.notes.select(viewer="rita")} == {private["id"], shared["id"]}
    assert len(store.notes.select()) == 2  # the command line sees every note
    assert store.notes.tags(viewer="ed") == [] and store.notes.tags(viewer="rita")
    with pytest.raises(UnknownNote):
        store.notes.get(private["id"], viewer="ed")
    with pytest.raises(UnknownNote):
        store.notes.remove(private["id"], viewer="ed")
    # a search does not know who asks: a private tag finds nothing
    assert store.index.search(None, [Filter("tag", "hunch")], 10, 0).hits == []
    assert not store.notes.share(private["id"], viewer="rita")["private"]
    assert len(store.index.search(None, [Filter("tag", "hunch")], 10, 0).hits) == 1
    assert [n["id"] for n in store.notes.select(tag="hunch", viewer="ed")] == [private["id"]]
    assert store.notes.remove(private["id"], viewer="ed")["id"] == private["id"]
