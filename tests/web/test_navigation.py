"""Getting around the workbench in Chromium without getting lost: facets and pages of hits,
pages of a document, the way from an entity to its relations and timeline, the review
queue, a JSON twin, an error page, a download, and the notes by keyboard alone."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.web.conftest import snapshot
from tests.web.test_browser import HIGHLIGHTED


def test_a_year_facet_narrows_the_search_to_that_year(demo_site: str, page: object) -> None:
    page.goto(demo_site + "/search?q=fuel")  # type: ignore[attr-defined]
    year = page.locator("#facet-year li").first  # type: ignore[attr-defined]
    value, counted = year.locator("a").inner_text(), int(year.locator(".count").inner_text())
    year.locator("a").click()
    page.wait_for_selector("#summary")  # type: ignore[attr-defined]
    assert page.input_value("input[name=q]") == f'fuel date:"{value}"'  # type: ignore[attr-defined]
    found = httpx.get(f"{demo_site}/api/search", params={"q": f"fuel date:{value}"}).json()
    assert found["total"] == counted
    shown = page.locator("li.hit a.hit-title").count()  # type: ignore[attr-defined]
    assert shown == min(counted, 20)


def test_next_and_previous_page_through_every_hit(demo_site: str, page: object) -> None:
    total = httpx.get(f"{demo_site}/api/search", params={"q": "the"}).json()["total"]
    assert total > 20
    page.goto(demo_site + "/search?q=the")  # type: ignore[attr-defined]
    opened = "els => els.map(e => e.getAttribute('href').split('?')[0])"
    first = page.locator("a.hit-title").evaluate_all(opened)  # type: ignore[attr-defined]
    page.click("a[rel=next]")  # type: ignore[attr-defined]
    page.wait_for_selector("ol.hits[start='21']")  # type: ignore[attr-defined]
    second = page.locator("a.hit-title").evaluate_all(opened)  # type: ignore[attr-defined]
    assert len(first) == 20 and second and not set(first) & set(second)
    page.click("a[rel=prev]")  # type: ignore[attr-defined]
    page.wait_for_selector("ol.hits[start='1']")  # type: ignore[attr-defined]
    assert page.locator("a.hit-title").evaluate_all(opened) == first  # type: ignore[attr-defined]


def test_the_pages_of_a_document_are_read_one_after_another(demo_site: str, page: object) -> None:
    hit = httpx.get(f"{demo_site}/api/search", params={"q": '"Southern sector"'}).json()["hits"][0]
    detail = httpx.get(f"{demo_site}/api/documents/{hit['doc_id']}").json()
    assert len(detail["pages"]) > 1
    page.goto(f"{demo_site}/documents/{hit['doc_id']}?page=1")  # type: ignore[attr-defined]
    for number in range(2, len(detail["pages"]) + 1):
        page.click(f"nav.page-numbers a >> text='{number}'")  # type: ignore[attr-defined]
        page.wait_for_selector(f"#page-text[data-page='{number}']")  # type: ignore[attr-defined]
        shown = page.evaluate("document.getElementById('page-text').textContent")  # type: ignore[attr-defined]
        assert shown == detail["pages"][number - 1]["text"]
        assert page.inner_text("nav.page-numbers [aria-current]") == str(number)  # type: ignore[attr-defined]


def test_an_entity_leads_to_its_relations_and_its_timeline(demo_site: str, page: object) -> None:
    actor = httpx.get(
        f"{demo_site}/api/graph", params={"actor": "Southern Valley Brigades"}
    ).json()["actor"]
    page.goto(f"{demo_site}/entities/{actor['id']}")  # type: ignore[attr-defined]
    page.click("a.graph")  # type: ignore[attr-defined]
    page.locator("#graph canvas").first.wait_for()  # type: ignore[attr-defined]
    assert actor["name"] in page.inner_text("h1")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    page.click("a.timeline")  # type: ignore[attr-defined]
    page.wait_for_selector("table.timeline, p.summary")  # type: ignore[attr-defined]
    events = httpx.get(f"{demo_site}/api/timeline", params={"actor": actor["id"]}).json()
    assert page.locator("a.passage").count() == min(len(events), 100)  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_review_queue_opens_each_page_to_read(demo_site: str, page: object) -> None:
    queue = httpx.get(f"{demo_site}/api/review").json()
    page.goto(demo_site + "/review")  # type: ignore[attr-defined]
    assert page.locator("a.review-page").count() == len(queue) >= 1  # type: ignore[attr-defined]
    page.locator("a.review-page").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector(".page-source")  # type: ignore[attr-defined]
    assert f"Page {queue[0]['page']} of" in page.inner_text(".page-source")  # type: ignore[attr-defined]
    assert "to review" in page.inner_text(".page-source")  # type: ignore[attr-defined]


def test_a_json_twin_is_one_click_away_and_holds_the_same(demo_site: str, page: object) -> None:
    page.goto(demo_site + "/findings")  # type: ignore[attr-defined]
    with page.expect_response(lambda answer: "/api/findings" in answer.url) as answered:  # type: ignore[attr-defined]
        page.click("a.json-twin")  # type: ignore[attr-defined]
    assert answered.value.headers["content-type"].startswith("application/json")
    shown = [finding["id"] for finding in answered.value.json()]
    assert shown == [finding["id"] for finding in httpx.get(f"{demo_site}/api/findings").json()]
    assert len(shown) == page.locator("a.finding-title").count() or shown


def test_an_unknown_document_is_a_page_that_says_so(demo_site: str, page: object) -> None:
    answer = page.goto(demo_site + "/documents/ffffffffffffffff")  # type: ignore[attr-defined]
    assert answer.status == 404
    assert "E005" in page.inner_text("main") and "no document with id" in page.inner_text("main")  # type: ignore[attr-defined]
    page.click("a.home")  # type: ignore[attr-defined]
    page.wait_for_selector("#count-documents")  # type: ignore[attr-defined]


def test_an_original_is_downloaded_never_shown(demo_site: str, page: object) -> None:
    hit = httpx.get(f"{demo_site}/api/search", params={"q": "convoy"}).json()["hits"][0]
    page.goto(f"{demo_site}/documents/{hit['doc_id']}")  # type: ignore[attr-defined]
    with page.expect_download() as downloading:  # type: ignore[attr-defined]
        page.click("p.download a")  # type: ignore[attr-defined]
    saved = downloading.value.path()
    original = httpx.get(f"{demo_site}/documents/{hit['doc_id']}/original").content
    assert Path(saved).read_bytes() == original
    assert "/documents/" in page.url and "/original" not in page.url  # type: ignore[attr-defined]


def test_a_note_by_keyboard_alone(copy_site: str, page: object) -> None:
    hit = httpx.get(f"{copy_site}/api/search", params={"q": "convoy"}).json()["hits"][0]
    text = httpx.get(f"{copy_site}/api/documents/{hit['doc_id']}").json()["pages"][0]["text"]
    start = text.lower().index("convoy")
    page.goto(f"{copy_site}/documents/{hit['doc_id']}")  # type: ignore[attr-defined]
    page.focus("#note-form input[name=start]")  # type: ignore[attr-defined]
    page.keyboard.type(str(start))  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.type(str(start + 6))  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.type("typed, not selected")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.type("keyboard")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("li.person-note")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED).lower() == "convoy"  # type: ignore[attr-defined]
    snapshot(page, "note-keyboard")
    notes = httpx.get(f"{copy_site}/api/notes", params={"tag": "keyboard"}).json()
    assert [(n["start"], n["end"], n["text"]) for n in notes] == [
        (start, start + 6, "typed, not selected")
    ]
