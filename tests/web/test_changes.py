"""What a person changes from the workbench, on a copy of the demo: a transcription that
search then finds, a merge and a split kept as judgements; and no change without the
workbench's own token."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.web.conftest import snapshot
from tests.web.test_browser import HIGHLIGHTED


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


# selects the first place the page text reads the words, as a person's mouse would
SELECT = """(text, words) => {
  const at = text.textContent.indexOf(words);
  const range = textRange(text, at, at + words.length);
  document.getSelection().removeAllRanges();
  document.getSelection().addRange(range);
}"""
NOTED = "[...CSS.highlights.get('note') || []].map(r => r.toString())"


def test_a_note_on_selected_words_is_found_again_by_its_tag(copy_site: str, page: object) -> None:
    from playwright.sync_api import expect

    hit = httpx.get(f"{copy_site}/api/search", params={"q": '"fuel for grain"'}).json()["hits"][0]
    page.goto(f"{copy_site}/documents/{hit['doc_id']}?page={hit['page']}")  # type: ignore[attr-defined]
    text = page.locator("#page-text")  # type: ignore[attr-defined]
    text.evaluate(SELECT, "fuel for grain")
    start = text.evaluate("t => t.textContent.indexOf('fuel for grain')")
    expect(page.locator("#note-form input[name=start]")).to_have_value(str(start))  # type: ignore[attr-defined]
    expect(page.locator("#note-form input[name=end]")).to_have_value(str(start + 14))  # type: ignore[attr-defined]
    assert page.inner_text("#note-quote") == "“fuel for grain”"  # type: ignore[attr-defined]
    page.fill("#note-form textarea[name=text]", "the exchange the memo names")  # type: ignore[attr-defined]
    page.fill("#note-form input[name=tag]", "Trade Route")  # type: ignore[attr-defined]
    page.click("text=Keep the note")  # type: ignore[attr-defined]
    page.wait_for_selector("li.person-note")  # type: ignore[attr-defined]
    assert page.url.endswith(f"#span-{start}-{start + 14}")  # type: ignore[attr-defined]
    assert page.evaluate(NOTED) == ["fuel for grain"]  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == "fuel for grain"  # type: ignore[attr-defined]
    snapshot(page, "note")
    page.click("li.person-note a.tag")  # type: ignore[attr-defined]
    page.wait_for_selector("li.hit")  # type: ignore[attr-defined]
    assert page.input_value("input[name=q]") == 'tag:"trade route"'  # type: ignore[attr-defined]
    assert [page.locator("a.hit-title").count()] == [1]  # type: ignore[attr-defined]
    assert hit["doc_id"] in page.get_attribute("a.hit-title", "href")  # type: ignore[attr-defined]
    page.goto(copy_site + "/notes")  # type: ignore[attr-defined]
    snapshot(page, "notes")
    assert "the exchange the memo names" in page.inner_text("ol.all-notes")  # type: ignore[attr-defined]
    page.locator("ol.all-notes a.hit-title").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == "fuel for grain"  # type: ignore[attr-defined]
    page.click("li.person-note >> text=Delete")  # type: ignore[attr-defined]
    page.wait_for_selector("#note-form")  # type: ignore[attr-defined]
    assert page.locator("li.person-note").count() == 0  # type: ignore[attr-defined]
    assert httpx.get(f"{copy_site}/api/notes").json() == []
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_star_and_a_read_mark_from_the_viewer_narrow_the_search(
    copy_site: str, page: object
) -> None:
    hit = httpx.get(f"{copy_site}/api/search", params={"q": "convoy"}).json()["hits"][0]
    page.goto(f"{copy_site}/documents/{hit['doc_id']}")  # type: ignore[attr-defined]
    page.click("button.mark-starred")  # type: ignore[attr-defined]
    page.wait_for_selector("button.mark-starred[aria-pressed=true]")  # type: ignore[attr-defined]
    page.click("button.mark-read")  # type: ignore[attr-defined]
    page.wait_for_selector("button.mark-read[aria-pressed=true]")  # type: ignore[attr-defined]
    page.goto(f"{copy_site}/search?q=convoy")  # type: ignore[attr-defined]
    marked = page.locator("#facet-mark")  # type: ignore[attr-defined]
    assert "starred" in marked.inner_text() and "read" in marked.inner_text()
    assert page.locator("li.hit .star").count() == 1  # type: ignore[attr-defined]
    marked.locator("a", has_text="starred").click()
    page.wait_for_selector("li.hit")  # type: ignore[attr-defined]
    assert page.input_value("input[name=q]") == "convoy starred:yes"  # type: ignore[attr-defined]
    assert page.locator("li.hit").count() == 1  # type: ignore[attr-defined]
    everything = httpx.get(f"{copy_site}/api/search", params={"q": "convoy"}).json()["total"]
    unread = httpx.get(f"{copy_site}/api/search", params={"q": "convoy unread:yes"}).json()
    assert unread["total"] == everything - 1
    page.goto(copy_site + "/notes")  # type: ignore[attr-defined]
    assert page.locator("#starred li").count() == 1  # type: ignore[attr-defined]
