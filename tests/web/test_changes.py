"""What a person changes from the workbench, on a copy of the demo: a transcription that
search then finds, a merge and a split kept as judgements; and no change without the
workbench's own token."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import serving, snapshot


@pytest.fixture(scope="module")
def copy_case(demo_summary: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo case, which these tests change."""
    copy = tmp_path_factory.mktemp("changed") / "case"
    shutil.copytree(demo_summary["case"], copy)
    return copy


@pytest.fixture(scope="module")
def copy_site(copy_case: Path) -> Iterator[str]:
    """The workbench of the copy."""
    with serving(copy_case) as address:
        yield address


def _token(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "a form that changes the case carries the token"
    return found[1]


def _review_item(site: str) -> dict:
    queue = httpx.get(f"{site}/api/review").json()
    assert queue, "the demo has pages to review"
    return queue[0]


def test_a_change_without_the_token_changes_nothing(copy_site: str) -> None:
    item = _review_item(copy_site)
    address = f"{copy_site}/documents/{item['doc_id']}/transcribe"
    before = httpx.get(f"{copy_site}/api/documents/{item['doc_id']}").json()["pages"]
    forged = httpx.post(address, data={"page": item["page"], "text": "forged", "token": "x"})
    assert forged.status_code == 403 and "E016" in forged.text
    form = httpx.get(address, params={"page": item["page"]}).text
    elsewhere = httpx.post(
        address,
        data={"page": item["page"], "text": "forged", "token": _token(form)},
        headers={"Origin": "http://evil.example"},
    )
    assert elsewhere.status_code == 403
    assert httpx.get(f"{copy_site}/api/documents/{item['doc_id']}").json()["pages"] == before


def test_transcribe_a_page_to_review_then_find_its_words(copy_site: str, page: object) -> None:
    page.goto(copy_site + "/review")  # type: ignore[attr-defined]
    snapshot(page, "review")
    page.locator("a.transcribe").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("textarea#text")  # type: ignore[attr-defined]
    snapshot(page, "transcribe")
    page.fill("textarea#text", "Handed over the keys of gate two to the zanzibarite clerk.")  # type: ignore[attr-defined]
    page.fill("input#by", "a tester")  # type: ignore[attr-defined]
    page.click("text=Save the transcription")  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert "zanzibarite clerk" in page.inner_text("#page-text")  # type: ignore[attr-defined]
    assert "transcription" in page.inner_text(".page-source")  # type: ignore[attr-defined]
    found = httpx.get(f"{copy_site}/api/search", params={"q": "zanzibarite"}).json()
    assert found["total"] == 1
    assert found["hits"][0]["doc_id"] in page.url  # type: ignore[attr-defined]


def test_merge_and_split_from_the_entity_page(copy_site: str, page: object) -> None:
    people = httpx.get(f"{copy_site}/api/entities", params={"type": "person"}).json()
    first, second = people[0], people[1]
    page.goto(f"{copy_site}/entities/{first['id']}")  # type: ignore[attr-defined]
    page.fill("input#other", second["name"])  # type: ignore[attr-defined]
    page.click("text=Merge")  # type: ignore[attr-defined]
    page.wait_for_selector("h1")  # type: ignore[attr-defined]
    merged = httpx.get(f"{copy_site}/api/entities/{page.url.rsplit('/', 1)[1]}").json()  # type: ignore[attr-defined]
    assert {first["name"], second["name"]} <= set(merged["aliases"])
    third = next(p for p in people[2:] if len(p["aliases"]) > 1)
    alias = next(a for a in third["aliases"] if a != third["name"])
    page.goto(f"{copy_site}/entities/{third['id']}")  # type: ignore[attr-defined]
    page.select_option("select#alias", alias)  # type: ignore[attr-defined]
    page.click("text=Split")  # type: ignore[attr-defined]
    page.wait_for_selector("h1")  # type: ignore[attr-defined]
    after = httpx.get(f"{copy_site}/api/entities/{page.url.rsplit('/', 1)[1]}").json()  # type: ignore[attr-defined]
    assert after["name"] == third["name"] and alias not in after["aliases"]


def test_a_lost_original_is_a_coded_error_and_the_page_still_opens(
    copy_site: str, copy_case: Path
) -> None:
    hit = httpx.get(f"{copy_site}/api/search", params={"q": "convoy"}).json()["hits"][0]
    sha = httpx.get(f"{copy_site}/api/documents/{hit['doc_id']}").json()["sha256"]
    blob = copy_case / "blobs" / sha[:2] / sha[2:4] / sha
    blob.chmod(0o644)
    blob.unlink()
    lost = httpx.get(f"{copy_site}/documents/{hit['doc_id']}/original")
    assert lost.status_code == 500 and "E011" in lost.text and "casegraph check" in lost.text
    assert httpx.get(f"{copy_site}/documents/{hit['doc_id']}").status_code == 200
