"""The workbench in a real Chromium: search, open a hit, see the passage; follow evidence to
its characters; hostile documents run nothing; the keyboard alone gets a reader through."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx

from tests.conftest import cli_json
from tests.web.conftest import snapshot

# the text the evidence highlight covers, read from the page by the browser
HIGHLIGHTED = "[...CSS.highlights.get('evidence') || []].map(r => r.toString()).join('|')"


def _page_text(site: str, doc_id: str, number: int) -> str:
    detail = httpx.get(f"{site}/api/documents/{doc_id}").json()
    return next(page["text"] for page in detail["pages"] if page["number"] == number)


def test_search_then_open_a_hit_at_its_page_with_the_words_marked(
    demo_site: str, page: object
) -> None:
    page.goto(demo_site + "/")  # type: ignore[attr-defined]
    snapshot(page, "case")
    page.fill("input[name=q]", "convoy")  # type: ignore[attr-defined]
    page.press("input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("li.hit")  # type: ignore[attr-defined]
    snapshot(page, "search")
    assert page.locator("li.hit mark").first.inner_text().lower() == "convoy"  # type: ignore[attr-defined]
    page.locator("a.hit-title").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    snapshot(page, "document")
    first = page.locator("#hit-1")  # type: ignore[attr-defined]
    assert first.inner_text().lower() == "convoy"
    assert first.is_visible()
    doc_id, number = (
        page.url.split("/documents/")[1].split("?")[0],
        int(  # type: ignore[attr-defined]
            page.url.split("page=")[1].split("&")[0]  # type: ignore[attr-defined]
        ),
    )
    shown = page.evaluate("document.getElementById('page-text').textContent")  # type: ignore[attr-defined]
    assert shown == _page_text(demo_site, doc_id, number)


def test_evidence_of_an_event_opens_at_its_characters(
    demo_site: str, demo_summary: dict, page: object
) -> None:
    events = cli_json("events", demo_summary["case"], "--category", "COOPERATE")
    assert isinstance(events, list) and events
    for event in events[:3]:
        evidence = event["evidence"]
        span = f"#span-{evidence['start']}-{evidence['end']}"
        page.goto(  # type: ignore[attr-defined]
            f"{demo_site}/documents/{evidence['doc_id']}?page={evidence['page']}{span}"
        )
        page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
        assert page.evaluate(HIGHLIGHTED) == evidence["text"]  # type: ignore[attr-defined]
    snapshot(page, "evidence")


def test_a_finding_opens_each_of_its_passages_at_its_characters(
    demo_site: str, page: object
) -> None:
    page.goto(demo_site + "/findings")  # type: ignore[attr-defined]
    snapshot(page, "findings")
    page.locator("a.finding-title").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("a.passage")  # type: ignore[attr-defined]
    snapshot(page, "finding")
    finding_id = page.url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    finding = httpx.get(f"{demo_site}/api/findings/{finding_id}").json()
    for number, passage in enumerate(finding["evidence"][:4]):
        page.goto(f"{demo_site}/findings/{finding_id}")  # type: ignore[attr-defined]
        page.locator("a.passage").nth(number).click()  # type: ignore[attr-defined]
        page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
        assert page.evaluate(HIGHLIGHTED) == passage["text"]  # type: ignore[attr-defined]


def test_an_entity_page_leads_to_each_mention(demo_site: str, page: object) -> None:
    page.goto(demo_site + "/entities?type=person")  # type: ignore[attr-defined]
    page.locator("a.entity-name").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("a.mention")  # type: ignore[attr-defined]
    snapshot(page, "entity")
    marked = page.locator("a.mention mark").first.inner_text()  # type: ignore[attr-defined]
    page.locator("a.mention").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == marked  # type: ignore[attr-defined]


def test_a_passage_on_a_scan_is_boxed_on_its_picture(
    demo_site: str, demo_summary: dict, page: object
) -> None:
    from tests.web.test_pages import _ocr_page

    doc_id, number, text = _ocr_page(demo_site, demo_summary)
    word = max(text.split(), key=len)
    start = text.index(word)
    page.goto(f"{demo_site}/documents/{doc_id}?page={number}#span-{start}-{start + len(word)}")  # type: ignore[attr-defined]
    # decoded once loaded (a waiting function would be evaluated text, which the CSP forbids)
    page.locator("#page-picture img").evaluate("img => img.decode()")  # type: ignore[attr-defined]
    assert page.locator("#page-picture img").evaluate("img => img.naturalWidth") > 0  # type: ignore[attr-defined]
    snapshot(page, "scan")
    figure = page.locator("#page-picture")  # type: ignore[attr-defined]
    boxes = json.loads(figure.get_attribute("data-boxes"))
    width = int(figure.get_attribute("data-width"))
    expected = [b for b in boxes if b[0] < start + len(word) and b[1] > start]
    drawn = page.locator("#page-picture .box.evidence")  # type: ignore[attr-defined]
    assert drawn.count() == len(expected) >= 1
    left = drawn.first.evaluate("box => box.style.left")
    assert abs(float(left.rstrip("%")) - 100 * expected[0][2] / width) < 0.01
    assert page.evaluate(HIGHLIGHTED) == word  # type: ignore[attr-defined]


def test_the_timeline_of_two_actors_opens_each_passage(demo_site: str, page: object) -> None:
    actors = "actor=Southern+Valley+Brigades&actor=Zarqani+National+Army"
    events = httpx.get(f"{demo_site}/api/timeline?{actors}").json()
    page.goto(f"{demo_site}/timeline?{actors}")  # type: ignore[attr-defined]
    snapshot(page, "timeline")
    page.locator("a.passage").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == events[0]["evidence"]["text"]  # type: ignore[attr-defined]


def test_the_graph_of_an_actor_opens_an_edges_passages(demo_site: str, page: object) -> None:
    view = httpx.get(f"{demo_site}/api/graph", params={"actor": "Southern Valley Brigades"}).json()
    page.goto(f"{demo_site}/graph?actor={view['actor']['id']}")  # type: ignore[attr-defined]
    page.locator("#graph canvas").first.wait_for()  # type: ignore[attr-defined]
    snapshot(page, "graph")
    drawn = page.locator("#graph").evaluate("g => [g.cy.nodes().length, g.cy.edges().length]")  # type: ignore[attr-defined]
    others = {link["other"]["id"] for link in view["relations"]}
    assert drawn[1] >= len(view["relations"]) and drawn[0] >= len(others) + 1
    page.locator("#graph").evaluate("g => g.cy.$('#link-0').emit('tap')")  # type: ignore[attr-defined]
    assert page.locator("#link-0").evaluate("details => details.open")  # type: ignore[attr-defined]
    page.locator("#link-0 a.passage").first.click()  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == view["relations"][0]["evidence"][0]["text"]  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_passage_after_characters_beyond_the_bmp_is_found_by_its_offsets(
    hostile_site: str, page: object
) -> None:
    hit = httpx.get(f"{hostile_site}/api/search", params={"q": "next"}).json()["hits"][0]
    text = _page_text(hostile_site, hit["doc_id"], hit["page"])
    assert "😀" in text  # two units in a browser's strings, one character in the store
    start = text.index("next")
    page.goto(f"{hostile_site}/documents/{hit['doc_id']}#span-{start}-{start + 4}")  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == "next"  # type: ignore[attr-defined]
    assert page.evaluate("document.getElementById('page-text').textContent") == text  # type: ignore[attr-defined]
    page.goto(f"{hostile_site}/documents/{hit['doc_id']}#span-{start - 5}-{start - 1}")  # type: ignore[attr-defined]
    assert page.evaluate(HIGHLIGHTED) == text[start - 5 : start - 1]  # type: ignore[attr-defined]


def test_hostile_names_titles_texts_and_headers_run_nothing(
    hostile_site: str, page: object
) -> None:
    found = httpx.get(f"{hostile_site}/api/search", params={"q": "fuel"}).json()
    assert found["total"] == 3, "the text, the HTML page and the e-mail"
    addresses = ["/", "/search?q=fuel", "/search?q=" + quote("<script>")]
    addresses += [f"/documents/{hit['doc_id']}?q=fuel" for hit in found["hits"]]
    for address in addresses:
        page.goto(hostile_site + address)  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert page.evaluate("window.xss") is None, address  # type: ignore[attr-defined]
        assert page.locator("img").count() == 0, address  # type: ignore[attr-defined]
        assert page.locator("script:not([src='/static/viewer.js'])").count() == 0, address  # type: ignore[attr-defined]
    assert "window.xss=1" in page.inner_text("body")  # type: ignore[attr-defined]
    snapshot(page, "hostile")
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]


def _tab_to(page: object, check: str, most: int = 15) -> bool:
    """Press Tab until the focused element passes the check (a JS expression on `e`)."""
    for _ in range(most):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate(f"(e => {check})(document.activeElement)"):  # type: ignore[attr-defined]
            return True
    return False


def test_the_keyboard_alone_searches_and_opens_a_hit(demo_site: str, page: object) -> None:
    page.goto(demo_site + "/")  # type: ignore[attr-defined]
    assert _tab_to(page, "e.name === 'q'")
    page.keyboard.type("fuel")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("li.hit")  # type: ignore[attr-defined]
    assert _tab_to(page, "e.className === 'hit-title'")
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("#page-text")  # type: ignore[attr-defined]
    assert "/documents/" in page.url  # type: ignore[attr-defined]
    assert page.locator("#hit-1").inner_text().lower() == "fuel"  # type: ignore[attr-defined]
