"""Search through a real ingested case: ranking per document, filters, paging, snippets."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from casegraph.case.store import Case
from casegraph.errors import QuerySyntaxError
from casegraph.ingest.pipeline import ingest
from casegraph.search.engine import search_case
from casegraph.settings import Settings
from tests.conftest import write_small_trove


def _email(subject: str, body: str, when: datetime) -> bytes:
    message = EmailMessage()
    message["From"] = "k.haddad@example.org"
    message["To"] = "desk@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message.set_content(body)
    return bytes(message)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    root = tmp_path_factory.mktemp("search")
    mail, notes = root / "trove" / "mail", root / "trove" / "notes"
    mail.mkdir(parents=True)
    notes.mkdir()
    for month in range(1, 13):
        body = f"Month {month}: the convoy moved fuel for grain across the line."
        if month == 6:
            body += " DRAFT, not sent."
        when = datetime(2015, month, 10, 9, 0, tzinfo=UTC)
        (mail / f"m{month:02}.eml").write_bytes(_email(f"Convoy {month}", body, when))
    (mail / "late.eml").write_bytes(
        _email("Convoy 2016", "The convoy again, fuel for grain.", datetime(2016, 2, 1, tzinfo=UTC))
    )
    (notes / "arabic.txt").write_text(
        "أعلنت الأُمَم المتحدة أنّ القافلة وصلت إلى المدرسة في الميناء.\n", encoding="utf-8"
    )
    (notes / "cafe.txt").write_text("Meeting at the CAFÉ near the port with the broker.\n")
    for n in range(60):
        (notes / f"filler-{n:02}.txt").write_text(f"Routine filler note {n} about the port.\n")
    opened = Case.create(root / "case", Settings(workers=2))
    ingest(opened, [root / "trove"], progress=False)
    return opened


def _paths(result: dict) -> set[str]:
    return {hit["path"] for hit in result["hits"]}


def test_words_phrases_and_exclusions(case: Case) -> None:
    assert search_case(case, '"fuel for grain"', limit=50)["total"] == 13
    assert search_case(case, '"fuel for grain" -draft', limit=50)["total"] == 12
    assert search_case(case, '"fuel for grain" NOT draft', limit=50)["total"] == 12
    assert search_case(case, "convoy OR broker", limit=50)["total"] == 14


def test_date_type_path_and_lang_filters(case: Case) -> None:
    in_2015 = search_case(case, "convoy date:2015-01..2015-12", limit=50)
    assert in_2015["total"] == 12
    assert "trove/mail/late.eml" not in _paths(in_2015)
    assert search_case(case, "convoy date:2015-03", limit=50)["total"] == 1
    assert search_case(case, "convoy date:2016..", limit=50)["total"] == 1
    assert search_case(case, "port type:email", limit=50)["total"] == 0
    assert search_case(case, "port path:notes/", limit=100)["total"] == 61
    assert _paths(search_case(case, "lang:ar")) == {"trove/notes/arabic.txt"}


def test_a_date_filter_says_how_many_undated_documents_it_left_out(case: Case) -> None:
    dated = search_case(case, "port date:2015..")
    assert dated["total"] == 0 and dated["undated_left_out"] == 61  # notes carry no date
    assert search_case(case, "convoy date:2015-03")["undated_left_out"] == 0
    assert search_case(case, "port path:notes/ date:..2016")["undated_left_out"] == 61
    assert "undated_left_out" not in search_case(case, "port")


def test_accents_case_and_arabic_variants(case: Case) -> None:
    assert _paths(search_case(case, "cafe")) == {"trove/notes/cafe.txt"}
    for spelling in ("الامم", "الأمم", "الأُمَم", "المدرسه", "المدرسة", "المـدرسة", "مدرسة", "أمم"):
        hits = search_case(case, spelling)["hits"]
        assert [h["path"] for h in hits] == ["trove/notes/arabic.txt"], spelling
    snippet = search_case(case, "الامم")["hits"][0]["snippet"]
    assert "«الأُمَم»" in snippet  # the original letters, marks and all


def test_paging_has_no_cap_and_no_overlap(case: Case) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = search_case(case, "port", limit=7, offset=offset)
        assert page["total"] == 61
        if not page["hits"]:
            break
        seen += [hit["doc_id"] for hit in page["hits"]]
        offset += 7
    assert len(seen) == len(set(seen)) == 61


def test_hits_name_their_best_page_and_mark_matches(case: Case) -> None:
    hit = search_case(case, "broker")["hits"][0]
    assert hit["page"] == 1 and hit["score"] > 0
    assert "«broker»" in hit["snippet"]
    assert hit["title"]


def test_malformed_queries_are_user_errors(case: Case) -> None:
    for query in ('"open', "(convoy", "convoy AND", "colour:red", "date:2015-13"):
        with pytest.raises(QuerySyntaxError):
            search_case(case, query)


def test_a_search_while_an_ingest_writes_answers_and_then_finds_everything(
    tmp_path: Path,
) -> None:
    trove = write_small_trove(tmp_path, count=1000)
    case_dir = tmp_path / "busy"
    Case.create(case_dir).close()
    casegraph = [sys.executable, "-m", "casegraph"]
    errors = tmp_path / "ingest-errors.txt"
    with errors.open("w") as stderr:
        writing = subprocess.Popen(
            [*casegraph, "ingest", str(case_dir), str(trove), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    search = [*casegraph, "search", str(case_dir), "convoy", "--json"]
    totals = []
    while writing.poll() is None:
        done = subprocess.run(search, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        totals.append(json.loads(done.stdout)["total"])
    assert writing.returncode == 0, errors.read_text()
    assert len(totals) >= 2 and all(0 <= total <= 1000 for total in totals)
    after = json.loads(subprocess.run(search, capture_output=True, text=True).stdout)
    assert after["total"] == 1000  # every memo, its copy counted with it
