"""Event coding in Arabic sentences: triggers, sides by word order, flags and offsets."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from casegraph.nlp.events_ar import EXTRACTOR, find_arabic_events, is_arabic, ruler_names
from casegraph.nlp.recognize import load_pipeline, read_pages
from casegraph.settings import Settings

MODEL = Settings().nlp_model
ACTORS = """id,name,type,country,aliases,parent,adversaries
t-army,National Army,military,zz,الجيش|الجيش الوطني,,t-svb
t-svb,Southern Valley Brigades,armed_group,zz,ألوية الوادي الجنوبي|الألوية,,t-army
t-front,Northern Front,armed_group,zz,الجبهة الشمالية,,t-army
t-relief,Relief Committee,ngo,,لجنة الإغاثة,,
t-rashed,Samir Rashed,person,zz,سمير راشد|العميد سمير راشد,t-army,
t-mansour,Khalid Mansour,person,zz,خالد منصور,t-front,
t-bahran,Port of Bahran,place,zz,ميناء بحران|الميناء,,
t-zaytun,Tell al-Zaytun,place,zz,تل الزيتون,,
"""


@pytest.fixture(scope="module")
def actors_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("actors") / "actors.csv"
    path.write_text(ACTORS, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def read(actors_file: str):
    nlp = load_pipeline(MODEL, actors_file)
    names = ruler_names(nlp)

    def events(text: str, offset: int = 0):
        return find_arabic_events(nlp(text), "d1", 1, offset, names)

    return events


def _only(events) -> tuple:
    (event,) = events
    return event, _roles(event)


def _roles(event) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for role in event.roles:
        roles.setdefault(role.role, []).append(role.text)
    return roles


def test_every_listed_form_alone_triggers_its_own_coding(actors_file: str) -> None:
    path = resources.files("casegraph.nlp") / "lexicon" / "triggers_ar.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 100
    nlp = load_pipeline(MODEL, actors_file)
    docs = nlp.pipe(f"{row['word']}." for row in rows)
    for row, doc in zip(rows, docs, strict=True):
        (event,) = find_arabic_events(doc, "d1", 1, 0, ruler_names(nlp))
        assert (event.category, event.mode) == (row["category"], row["mode"]), row


def test_a_payment_is_coded_once_with_payer_and_payee(read) -> None:
    text = (
        "وقال قيادي في الألوية، طالباً عدم نشر اسمه، إن الألوية دفعت أربعين ألف دولار "
        "للعميد سمير راشد مقابل تسليم الميناء."
    )
    offset = 300
    event, roles = _only(read(text, offset))  # what was paid for is no hand-over of its own
    page = "x" * offset + text
    assert (event.category, event.mode, event.quad) == ("COOPERATE", "", "material_cooperation")
    assert roles == {"source": ["الألوية"], "target": ["سمير راشد"]}
    assert page[event.trigger_start : event.trigger_end] == "دفعت"
    assert page[event.start : event.end] == text
    assert all(page[r.start : r.end] == r.text for r in event.roles)
    assert not event.negated and not event.hypothetical and event.extractor == EXTRACTOR


def test_a_hand_over_in_verb_subject_object_order(read) -> None:
    event, roles = _only(read("سلّم الجيش ميناء بحران إلى ألوية الوادي الجنوبي في 20 أيلول 2015"))
    assert (event.category, event.mode) == ("RETREAT", "return")
    assert roles == {
        "source": ["الجيش"],
        "target": ["ألوية الوادي الجنوبي"],
        "date": ["20 أيلول 2015"],
    }
    event, roles = _only(read("وسلّمت الجبهة الشمالية تل الزيتون للجيش الوطني يوم الأحد."))
    assert roles == {"source": ["الجبهة الشمالية"]}  # "للجيش" is no name the ruler knows


def test_receiving_from_someone_is_their_hand_over(read) -> None:
    event, roles = _only(read("تسلّم خالد منصور الوقود من الجيش."))
    assert (event.category, event.mode) == ("RETREAT", "return")
    assert roles == {"source": ["الجيش"], "target": ["خالد منصور"]}


def test_a_withdrawal_with_one_side_and_where_from(read) -> None:
    event, roles = _only(read("وانسحبت الألوية من ميناء بحران فجر اليوم."))
    assert (event.category, event.mode) == ("RETREAT", "withdraw")
    assert roles == {"source": ["الألوية"], "location": ["ميناء بحران"]}


def test_negations_and_denials(read) -> None:
    event, roles = _only(read("الجيش لم ينسحب من ميناء بحران."))
    assert event.negated and not event.hypothetical
    assert roles == {"source": ["الجيش"], "location": ["ميناء بحران"]}
    assert _only(read("ونفى خالد منصور أن الجبهة الشمالية قصفت تل الزيتون."))[0].negated
    flags = {e.category: e.negated for e in read("انسحبت الألوية دون قتال.")}
    assert flags == {"RETREAT": False, "ASSAULT": True}  # withdrew "without a fight"
    assert _only(read("لم يتم الاتفاق."))[0].negated
    assert not _only(read("الجبهة الشمالية قصفت تل الزيتون."))[0].negated


def test_future_and_conditional_acts_are_hypothetical(read) -> None:
    assert _only(read("سينسحب الجيش من الميناء."))[0].hypothetical
    assert _only(read("سوف تدفع الألوية للعميد سمير راشد."))[0].hypothetical
    event = _only(read("لن تسلّم الألوية الميناء."))[0]
    assert event.hypothetical and event.negated
    assert _only(read("إذا هاجم الجيش الجبهة الشمالية فلا هدنة."))[0].hypothetical
    assert not _only(read("هاجم الجيش الجبهة الشمالية."))[0].hypothetical
    # "we will keep attacking the army": the act hangs from a verb said as a future
    assert _only(read("سنواصل مهاجمة الجيش في كل بلدة."))[0].hypothetical
    assert not _only(read("واصلت الألوية مهاجمة الجيش."))[0].hypothetical


def test_an_attack_has_its_object_as_target_either_way_round(read) -> None:
    event, roles = _only(read("قصف الجيش الجبهة الشمالية في تل الزيتون."))
    assert (event.category, event.mode) == ("ASSAULT", "heavy-weapons")
    assert roles == {"source": ["الجيش"], "target": ["الجبهة الشمالية"], "location": ["تل الزيتون"]}
    _, roles = _only(read("إن الجبهة الشمالية قد هاجمت الجيش."))
    assert roles == {"source": ["الجبهة الشمالية"], "target": ["الجيش"]}
    _, roles = _only(read("شنت الألوية هجوماً على الجيش."))
    assert roles == {"source": ["الألوية"], "target": ["الجيش"]}


def test_meeting_aid_and_what_an_agreement_promises(read) -> None:
    event, roles = _only(read("التقى خالد منصور مع سمير راشد في ميناء بحران."))
    assert event.category == "CONSULT"
    assert roles == {"source": ["خالد منصور"], "target": ["سمير راشد"], "location": ["ميناء بحران"]}
    event, roles = _only(read("أرسلت لجنة الإغاثة مساعدات إلى الجبهة الشمالية."))
    assert event.category == "AID"  # "الإغاثة" inside the committee's name is no trigger
    assert roles == {"source": ["لجنة الإغاثة"], "target": ["الجبهة الشمالية"]}
    event, roles = _only(read("اتفق الجيش مع الألوية على الانسحاب من الميناء."))
    assert event.category == "AGREE"  # the withdrawal agreed on is not yet done
    assert roles == {"source": ["الجيش"], "target": ["الألوية"]}
    _, roles = _only(read("وافقت الألوية على الانسحاب من الميناء."))
    assert roles == {"source": ["الألوية"]}  # the port belongs to the withdrawal


def test_sides_stay_in_their_clause(read) -> None:
    event, roles = _only(read("وقال خالد منصور، في مؤتمر صحفي، إن الجيش انسحب."))
    assert roles == {"source": ["الجيش"]}
    event, roles = _only(read("انسحب الجيش، وبقيت الألوية في الميناء."))
    assert roles == {"source": ["الجيش"]}


def test_no_trigger_no_event(read) -> None:
    assert read("وصل الوفد إلى الميناء صباح اليوم.") == []
    assert read("نظمت الجبهة الشمالية مظاهرة سلمية في تل الزيتون.") == []  # peaceful ≠ hand over
    assert read("The army withdrew from the port after talks.") == []


def test_script_of_a_text() -> None:
    assert is_arabic("انسحب الجيش (ZNA) من الميناء.")
    assert not is_arabic("The army (الجيش) withdrew.")


def test_pages_get_arabic_events_and_no_english_ones_in_arabic(actors_file: str) -> None:
    english = "The army withdrew from the port after talks with the Brigades."
    arabic = "وانسحب الجيش من ميناء بحران بعد اجتماع مع الألوية."
    text = f"{english}\n\n{arabic}\n"
    (reading,) = read_pages([("d1", 1, text)], MODEL, actors_file=actors_file)
    in_arabic = [e for e in reading.events if is_arabic(text[e.start : e.end])]
    assert {e.extractor for e in in_arabic} == {EXTRACTOR}
    assert {text[e.trigger_start : e.trigger_end] for e in in_arabic} == {"وانسحب", "اجتماع"}
    assert any(e.extractor != EXTRACTOR for e in reading.events)  # the English reader still reads
