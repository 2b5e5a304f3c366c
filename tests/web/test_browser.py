"""The workbench in a real Chromium: search, open a hit, see the passage; follow evidence to
its characters; hostile documents run nothing; the keyboard alone gets a reader through."""

from __future__ import annotations

import csv
import io
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
    httpx.get(f"{demo_site}/api/findings")  # worked out, so that the case's page lists them
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
    snapshot(page, "entities")
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
        assert page.locator("script:not([src^='/static/'])").count() == 0, address  # type: ignore[attr-defined]
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


def test_an_entity_facet_narrows_the_search_to_the_documents_naming_it(
    demo_site: str, page: object
) -> None:
    page.goto(demo_site + "/search?q=convoy")  # type: ignore[attr-defined]
    facet = page.locator("#facet-entity li").first  # type: ignore[attr-defined]
    name = facet.locator("a").inner_text()
    before = httpx.get(f"{demo_site}/api/search", params={"q": "convoy"}).json()["total"]
    facet.locator("a").click()
    page.wait_for_selector("li.hit")  # type: ignore[attr-defined]
    query = page.input_value("input[name=q]")  # type: ignore[attr-defined]
    assert query.startswith("convoy entity:")
    found = httpx.get(f"{demo_site}/api/search", params={"q": query}).json()
    entity = httpx.get(f"{demo_site}/api/entities/{query.split(':', 1)[1].strip(chr(34))}").json()
    assert entity["name"] == name and 0 < found["total"] <= before
    named = {mention["doc_id"] for mention in entity["mentions"]}
    assert {hit["doc_id"] for hit in found["hits"]} <= named


def test_the_map_draws_the_outlines_and_a_circle_for_each_place(
    demo_site: str, page: object
) -> None:
    places = httpx.get(f"{demo_site}/api/map").json()
    assert places and all(p["lat"] is not None and p["lon"] is not None for p in places)
    page.goto(demo_site + "/map")  # type: ignore[attr-defined]
    page.wait_for_selector("#map[data-drawn]")  # type: ignore[attr-defined]
    assert page.get_attribute("#map", "data-drawn") == str(len(places))  # type: ignore[attr-defined]
    assert page.locator("#map path.place-marker").count() == len(places)  # type: ignore[attr-defined]
    assert page.locator("#map .leaflet-overlay-pane path").count() > len(places) + 100  # type: ignore[attr-defined]
    assert page.locator("table.places tbody tr").count() == len(places)  # type: ignore[attr-defined]
    snapshot(page, "map")
    page.locator("#map path.place-marker").first.click(force=True)  # type: ignore[attr-defined]
    page.locator(".leaflet-popup-content a").click()  # type: ignore[attr-defined]
    page.wait_for_selector("h1")  # type: ignore[attr-defined]
    assert page.url.endswith("/entities/" + places[0]["id"])  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_an_email_lists_its_conversation_and_a_sheet_shows_a_table(
    demo_site: str, demo_summary: dict, page: object
) -> None:
    found = httpx.get(f"{demo_site}/api/search", params={"q": '"Re: Gate 2"'}).json()
    reply = next(h for h in found["hits"] if h["title"] == "Re: Gate 2")
    page.goto(f"{demo_site}/documents/{reply['doc_id']}")  # type: ignore[attr-defined]
    thread = page.locator("section.thread li")  # type: ignore[attr-defined]
    assert thread.count() == 2
    assert thread.nth(0).locator("a").inner_text() == "Gate 2"
    assert "Re: Gate 2" in thread.nth(1).locator("[aria-current]").inner_text()
    thread.nth(0).locator("a").click()
    page.wait_for_selector("section.thread")  # type: ignore[attr-defined]
    assert page.inner_text("h1") == "Gate 2"  # type: ignore[attr-defined]
    sheets = cli_json("ls", demo_summary["case"], "--type", "text/csv")
    assert isinstance(sheets, list) and sheets
    doc_id = sheets[0]["doc_id"]
    text = _page_text(demo_site, doc_id, 1)
    page.goto(f"{demo_site}/documents/{doc_id}")  # type: ignore[attr-defined]
    first_row = page.locator("table.sheet-table tr").first.locator("td").all_inner_texts()  # type: ignore[attr-defined]
    assert first_row == next(csv.reader(io.StringIO(text)))
    snapshot(page, "sheet")
    assert page.evaluate("document.getElementById('page-text').textContent") == text  # type: ignore[attr-defined]


def test_the_case_page_shows_how_far_each_stage_has_read(demo_site: str, page: object) -> None:
    status = httpx.get(f"{demo_site}/api").json()
    page.goto(demo_site + "/")  # type: ignore[attr-defined]
    bar = page.locator("#progress-extract")  # type: ignore[attr-defined]
    assert bar.evaluate("b => [b.value, b.max]") == [status["pages_extracted"], status["pages"]]
    ocr = page.locator("#progress-ocr").evaluate("b => b.value")  # type: ignore[attr-defined]
    assert ocr == status["pages_ocred"] > 0
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_passage_on_a_pdfs_text_layer_is_boxed_on_its_picture(
    demo_site: str, demo_summary: dict, page: object
) -> None:
    events = cli_json("events", demo_summary["case"])
    assert isinstance(events, list)
    pdfs = {row["doc_id"] for row in cli_json("ls", demo_summary["case"], "--type", "pdf")}  # type: ignore[union-attr]
    evidence = next(e["evidence"] for e in events if e["evidence"]["doc_id"] in pdfs)
    span = f"#span-{evidence['start']}-{evidence['end']}"
    page.goto(f"{demo_site}/documents/{evidence['doc_id']}?page={evidence['page']}{span}")  # type: ignore[attr-defined]
    page.locator("#page-picture img").evaluate("img => img.decode()")  # type: ignore[attr-defined]
    figure = page.locator("#page-picture")  # type: ignore[attr-defined]
    boxes = json.loads(figure.get_attribute("data-boxes"))
    text = _page_text(demo_site, evidence["doc_id"], evidence["page"])
    assert all(text[start:end] and not text[start:end].isspace() for start, end, *_ in boxes)
    inside = [b for b in boxes if b[0] < evidence["end"] and b[1] > evidence["start"]]
    drawn = page.locator("#page-picture .box.evidence")  # type: ignore[attr-defined]
    assert drawn.count() == len(inside) >= 1
    # the first word's box stands where the PDF puts it, as a share of the page
    top = float(drawn.first.evaluate("box => box.style.top").rstrip("%"))
    assert abs(top - 100 * inside[0][3] / float(figure.get_attribute("data-height"))) < 0.01
    snapshot(page, "pdf-evidence")
    assert page.evaluate(HIGHLIGHTED) == evidence["text"]  # type: ignore[attr-defined]
