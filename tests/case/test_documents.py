"""A container's members are named under every path the container was found at, whatever
the order its copies, members and nested containers are recorded in; on a server, by
workers whose transactions overlap too."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casegraph.case import documents
from casegraph.case.store import Case
from casegraph.querytree import Filter, Term
from casegraph.records import ChildRef, Extraction
from tests.conftest import BACKENDS, new_case

MAIL, ZIP, NOTE, DEEP = (b"an e-mail", b"an attachment", b"The convoy, noted.", b"a memo")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc(data: bytes) -> str:
    return sha(data)[:16]


def copy_at(path: str, data: bytes) -> Callable[[Case], object]:
    """Record an input file of these bytes at a path."""
    return lambda case: case.documents.add_source(sha(data), len(data), path, Path(path), 1)


def members(data: bytes, children: dict[str, bytes]) -> Callable[[Case], object]:
    """Record what the container of these bytes holds, as its extraction does."""
    refs = [ChildRef(name, sha(member), len(member)) for name, member in children.items()]
    return lambda case: case.documents.add_children(doc(data), 0, refs)


# an e-mail at a/ and b/, holding a note and a zip that holds a memo; the zip also lies at c/
STEPS = {
    "a": copy_at("a/mail.eml", MAIL),
    "b": copy_at("b/mail.eml", MAIL),
    "c": copy_at("c/docs.zip", ZIP),
    "mail": members(MAIL, {"docs.zip": ZIP, "note.txt": NOTE}),
    "zip": members(ZIP, {"inner/memo.txt": DEEP}),
}
# orders a laptop's workers or a server's could record them in
ORDERS = [
    "a mail zip b c",
    "b a mail zip c",
    "a mail b c zip",
    "c zip b mail a",
    "c a zip mail b",
    "a c mail b zip",
]
EVERY_PATH = {
    ("a/mail.eml", doc(MAIL)),
    ("b/mail.eml", doc(MAIL)),
    ("c/docs.zip", doc(ZIP)),
    ("a/mail.eml!/note.txt", doc(NOTE)),
    ("b/mail.eml!/note.txt", doc(NOTE)),
    ("a/mail.eml!/docs.zip", doc(ZIP)),
    ("b/mail.eml!/docs.zip", doc(ZIP)),
    ("c/docs.zip!/inner/memo.txt", doc(DEEP)),
    ("a/mail.eml!/docs.zip!/inner/memo.txt", doc(DEEP)),
    ("b/mail.eml!/docs.zip!/inner/memo.txt", doc(DEEP)),
}


@pytest.fixture(params=BACKENDS)
def make_case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Case]]:
    """New empty cases of one backend, closed at the end."""
    made: list[Case] = []

    def make() -> Case:
        made.append(new_case(request.param, tmp_path / str(len(made)), request))
        return made[-1]

    yield make
    for case in made:
        case.close()


def recorded(case: Case, order: str, steps: dict[str, Callable[[Case], object]]) -> set:
    for step in order.split():
        with case.transaction():
            steps[step](case)
    return set(case.documents.all_paths())


def test_members_are_named_under_every_path_of_their_container_in_any_order(
    make_case: Callable[[], Case],
) -> None:
    for order in ORDERS:
        assert recorded(make_case(), order, STEPS) == EVERY_PATH, order


def test_a_member_read_before_its_container_was_copied_is_found_under_the_copy(
    make_case: Callable[[], Case],
) -> None:
    case = make_case()
    recorded(case, "a mail", STEPS)
    with case.transaction():
        extraction = Extraction(mime="text/plain", title="note", extractor="test 1")
        extraction.add_page(NOTE.decode())
        case.documents.save_extraction(doc(NOTE), extraction, None)
        STEPS["b"](case)
    hits = case.index.search(Term("convoy"), [Filter("path", "b/mail.eml!/")], 10, 0).hits
    assert [hit["doc_id"] for hit in hits] == [doc(NOTE)]


def test_a_container_that_holds_itself_is_named_inside_itself_once(
    make_case: Callable[[], Case],
) -> None:
    steps = {
        "q": copy_at("q.zip", ZIP),
        "r": copy_at("r/q.zip", ZIP),
        "zip": members(ZIP, {"q.zip": ZIP, "note.txt": NOTE}),
    }
    expected = {
        (f"{base}{name}", doc(data))
        for base in ("q.zip", "r/q.zip")
        for name, data in (("", ZIP), ("!/q.zip", ZIP), ("!/note.txt", NOTE))
    }
    for order in ("q zip r", "q r zip", "r zip q"):
        assert recorded(make_case(), order, steps) == expected, order


def test_members_are_named_under_a_bounded_number_of_copies(
    make_case: Callable[[], Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "NAMED_COPIES", 2)
    steps = {
        "a": copy_at("a/mail.eml", MAIL),
        "b": copy_at("b/mail.eml", MAIL),
        "c": copy_at("c/mail.eml", MAIL),
        "mail": members(MAIL, {"note.txt": NOTE}),
    }
    for order in ("a mail b c", "a b c mail"):
        case = make_case()
        recorded(case, order, steps)
        assert len(case.documents.paths_of(doc(NOTE))) == 2, order


@pytest.mark.parametrize("first", ["members", "copy"])
def test_overlapping_workers_name_members_under_the_copy_either_one_adds(
    request: pytest.FixtureRequest, tmp_path: Path, first: str
) -> None:
    """Two workers of a server case, each in its own transaction: one records the e-mail's
    members, the other a new copy of it; whichever writes first, the second waits for it
    and then reads what it wrote."""
    case = new_case("postgresql", tmp_path, request)
    other = Case.open(case.address)  # type: ignore[arg-type]
    with case.db:
        STEPS["a"](case)
    steps = [STEPS["mail"], STEPS["b"]]
    if first == "copy":
        steps.reverse()
    steps[0](case)  # its transaction stays open
    second = threading.Thread(target=lambda: _in_transaction(other, steps[1]))
    second.start()
    second.join(timeout=1.0)
    assert second.is_alive()  # waiting for the first one's row lock
    case.db.commit()
    second.join(timeout=10.0)
    assert set(case.documents.paths_of(doc(NOTE))) == {
        "a/mail.eml!/note.txt",
        "b/mail.eml!/note.txt",
    }
    other.close()
    case.close()


def _in_transaction(case: Case, step: Callable[[Case], object]) -> None:
    with case.db:
        step(case)
