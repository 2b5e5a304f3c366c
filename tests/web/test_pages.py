"""The workbench's pages over real HTTP: each answers, its JSON twin is the command line's
--json, errors have one shape, and originals never come back as something to render."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import httpx
import pytest

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.settings import Settings
from casegraph.web.html import page_html, snippet_html
from tests.conftest import cli_json
from tests.web.conftest import serving

PAGES = [
    "/",
    "/api",
    "/search?q=convoy",
    "/api/search?q=convoy",
    "/notes",
    "/api/notes",
    "/map",
    "/api/map",
]


def _first_hit(site: str, query: str) -> dict:
    hits = httpx.get(f"{site}/api/search", params={"q": query}).json()["hits"]
    assert hits, f"the demo has {query}"
    return hits[0]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_allows_this_origin_only(demo_site: str, path: str) -> None:
    answer = httpx.get(demo_site + path)
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_case_page_is_the_status_of_the_command_line(
    demo_site: str, demo_summary: dict
) -> None:
    twin = httpx.get(f"{demo_site}/api").json()
    assert twin == cli_json("status", demo_summary["case"])
    best = httpx.get(f"{demo_site}/api/findings").json()[0]
    page = httpx.get(demo_site + "/").text
    assert f'id="count-documents">{twin["documents"]:,}<' in page
    assert f'href="/findings/{best["id"]}"' in page
    most = httpx.get(f"{demo_site}/api/entities", params={"limit": 1}).json()[0]
    assert f'href="/entities/{most["id"]}"' in page


def test_the_case_page_does_not_wait_for_the_findings(demo_summary: dict) -> None:
    with serving(Path(demo_summary["case"])) as site:
        first = httpx.get(site + "/").text
        assert "The findings are being worked out" in first
        assert 'id="count-documents"' in first and 'class="finding-title"' not in first
        best = httpx.get(f"{site}/api/findings").json()[0]
        after = httpx.get(site + "/").text
        assert f'href="/findings/{best["id"]}"' in after and "being worked out" not in after


def test_search_twin_is_the_command_lines_search(demo_site: str, demo_summary: dict) -> None:
    twin = httpx.get(f"{demo_site}/api/search", params={"q": "fuel NOT grain"}).json()
    assert twin == cli_json("search", demo_summary["case"], "fuel NOT grain", "--facets")
    assert twin["total"] > 0


def test_facets_count_what_was_found_and_narrow_it(demo_site: str) -> None:
    found = httpx.get(f"{demo_site}/api/search", params={"q": "convoy"}).json()
    facets = found["facets"]
    assert sum(value["documents"] for value in facets["type"]) == found["total"]
    assert facets["language"] and facets["year"] and facets["entity"]
    filters = (
        ("type", "type:"),
        ("language", "lang:"),
        ("folder", "path:"),
        ("year", "date:"),
        ("entity", "entity:"),
    )
    for name, prefix in filters:
        for value in facets[name][:3]:
            narrowed = f"convoy {prefix}{value['value']}"
            total = httpx.get(f"{demo_site}/api/search", params={"q": narrowed}).json()["total"]
            assert total == value["documents"], narrowed
    page = httpx.get(f"{demo_site}/search", params={"q": "convoy"}).text
    first = facets["type"][0]["value"]
    assert f'href="/search?q=convoy%20type%3A%22{first}%22"' in page


def test_search_page_marks_matches_and_opens_each_hit_at_its_page(demo_site: str) -> None:
    page = httpx.get(f"{demo_site}/search", params={"q": "convoy"}).text
    marks = re.findall(r"<mark>([^<]*)</mark>", page)
    assert marks and {mark.lower() for mark in marks} == {"convoy"}
    hit = _first_hit(demo_site, "convoy")
    assert f'href="/documents/{hit["doc_id"]}?page={hit["page"]}&amp;q=convoy#hit-1"' in page


def test_search_pages_through_every_hit(demo_site: str) -> None:
    query = "fuel OR convoy OR army"
    total = httpx.get(f"{demo_site}/api/search", params={"q": query}).json()["total"]
    assert total > 20, "the query finds more than a page of documents"
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = httpx.get(f"{demo_site}/search", params={"q": query, "offset": offset}).text
        seen += re.findall(r'class="hit-title" href="/documents/([0-9a-f]+)', page)
        following = re.search(r'rel="next" href="[^"]*offset=(\d+)"', page)
        offset = int(following[1]) if following else None
    assert len(seen) == total == len(set(seen))


def test_viewer_shows_the_page_with_the_query_marked(demo_site: str) -> None:
    hit = _first_hit(demo_site, "convoy")
    detail = httpx.get(f"{demo_site}/api/documents/{hit['doc_id']}").json()
    text = next(p["text"] for p in detail["pages"] if p["number"] == hit["page"])
    page = httpx.get(
        f"{demo_site}/documents/{hit['doc_id']}", params={"page": hit["page"], "q": "convoy"}
    ).text
    body = re.search(r'<div id="page-text"[^>]*>(.*?)</div>', page, re.S)
    assert body is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", body[1])) == text
    assert 'id="hit-1"' in body[1]
    for path in detail["paths"]:
        assert html.escape(path) in page


def test_document_twin_is_show(demo_site: str, demo_summary: dict) -> None:
    hit = _first_hit(demo_site, "convoy")
    twin = httpx.get(f"{demo_site}/api/documents/{hit['doc_id']}").json()
    assert twin == cli_json("show", demo_summary["case"], hit["doc_id"])


def test_an_original_is_a_download_of_its_bytes(demo_site: str) -> None:
    hit = _first_hit(demo_site, "convoy")
    answer = httpx.get(f"{demo_site}/documents/{hit['doc_id']}/original")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert Path(hit["path"]).name in answer.headers["content-disposition"]
    twin = httpx.get(f"{demo_site}/api/documents/{hit['doc_id']}").json()
    assert hashlib.sha256(answer.content).hexdigest() == twin["sha256"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/documents/0000000000000000", 404, "E005"),
        ("/api/documents/0000000000000000/pages", 404, "E404"),
        ("/api/search?q=%22unclosed", 400, "E004"),
        ("/api/nowhere", 404, "E404"),
        ("/api/search?q=convoy%20starred:maybe", 400, "E004"),
    ],
)
def test_errors_have_the_command_lines_shape(
    demo_site: str, path: str, status: int, code: str
) -> None:
    answer = httpx.get(demo_site + path)
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["message"]


def test_map_twin_is_every_place_with_a_point(demo_site: str, demo_summary: dict) -> None:
    places = httpx.get(f"{demo_site}/api/map").json()
    listed = cli_json("entities", demo_summary["case"], "--type", "place")
    assert isinstance(listed, list)
    pointed = [(e["id"], e["lat"], e["lon"]) for e in listed if e["lat"] is not None]
    assert sorted((p["id"], p["lat"], p["lon"]) for p in places) == sorted(pointed)
    page = httpx.get(f"{demo_site}/map").text
    assert all(f'href="/entities/{place["id"]}"' in page for place in places)


def test_a_bad_note_or_mark_is_refused_with_its_code(demo_site: str) -> None:
    hit = _first_hit(demo_site, "convoy")
    viewer = httpx.get(f"{demo_site}/documents/{hit['doc_id']}").text
    token = re.search(r'name="token" value="([^"]+)"', viewer)
    assert token
    answer = httpx.post(
        f"{demo_site}/documents/{hit['doc_id']}/notes",
        data={"token": token[1], "page": "1", "start": "5", "end": "2", "text": "x"},
    )
    assert answer.status_code == 400 and "E017" in answer.text
    answer = httpx.post(
        f"{demo_site}/documents/{hit['doc_id']}/marks",
        data={"token": token[1], "mark": "hidden", "on": "1"},
    )
    assert answer.status_code == 400 and "E017" in answer.text
    gone = httpx.post(f"{demo_site}/notes/0000000000000000/delete", data={"token": token[1]})
    assert gone.status_code == 404 and "E018" in gone.text
    assert httpx.get(f"{demo_site}/api/notes").json() == []


def test_error_pages_are_pages(demo_site: str) -> None:
    answer = httpx.get(f"{demo_site}/documents/0000000000000000")
    assert answer.status_code == 404
    assert "no document with id" in answer.text and "<html" in answer.text
    hit = _first_hit(demo_site, "convoy")
    missing = httpx.get(f"{demo_site}/documents/{hit['doc_id']}", params={"page": 999})
    assert missing.status_code == 404


def test_page_html_keeps_the_text_character_for_character() -> None:
    text = 'a <b> & "c"\r\nline\rtwo\u202e سلام'
    marked = str(page_html(text, [(3, 6), (20, 24)]))
    assert "<b>" not in marked and marked.count('<mark class="hit"') == 2
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == text
    assert "\r" not in marked  # a raw carriage return would become a line feed


def test_snippet_pieces_are_escaped_and_marked() -> None:
    shown = str(snippet_html([("«<i>» ", False), ("fuel", True), ("…", False)]))
    assert shown == "«&lt;i&gt;» <mark>fuel</mark>…"


def test_entity_pages_and_twins_are_the_command_lines(demo_site: str, demo_summary: dict) -> None:
    listed = httpx.get(f"{demo_site}/api/entities", params={"type": "person"}).json()
    assert listed == cli_json("entities", demo_summary["case"], "--type", "person")
    one = httpx.get(f"{demo_site}/api/entities/{listed[0]['id']}").json()
    assert one == cli_json("entity", demo_summary["case"], listed[0]["id"])
    page = httpx.get(f"{demo_site}/entities/{listed[0]['id']}").text
    first = one["mentions"][0]
    link = f"/documents/{first['doc_id']}?page={first['page']}#span-{first['start']}-{first['end']}"
    assert f'href="{link}"' in page
    assert f"<mark>{html.escape(first['text'])}</mark>" in page
    named = httpx.get(f"{demo_site}/entities", params={"type": "person"}).text
    assert re.findall(r'class="entity-name" href="/entities/(\w+)"', named)[0] == listed[0]["id"]


def test_finding_pages_and_twins_are_the_command_lines(demo_site: str, demo_summary: dict) -> None:
    findings = httpx.get(f"{demo_site}/api/findings").json()
    assert findings == cli_json("findings", demo_summary["case"])
    best = findings[0]
    assert httpx.get(f"{demo_site}/api/findings/{best['id']}").json() == best
    page = httpx.get(f"{demo_site}/findings/{best['id']}").text
    links = re.findall(r'class="passage" href="([^"]+)"', page)
    assert len(links) == len(best["evidence"])
    passage = best["evidence"][0]
    assert links[0] == (
        f"/documents/{passage['doc_id']}?page={passage['page']}"
        f"#span-{passage['start']}-{passage['end']}"
    )
    listing = httpx.get(f"{demo_site}/findings").text
    assert re.findall(r'class="finding-title" href="/findings/(\w+)"', listing) == [
        finding["id"] for finding in findings
    ]
    missing = httpx.get(f"{demo_site}/api/findings/0000")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E015"


def test_what_an_ingest_adds_shows_on_the_next_page_asked_for(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False))
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(f"The {name} memo about barley.\n")
    ingest(case, [tmp_path / "first"], progress=False)
    with serving(tmp_path / "case") as site:
        assert httpx.get(f"{site}/api/search", params={"q": "barley"}).json()["total"] == 1
        ingest(case, [tmp_path / "second"], progress=False)
        found = httpx.get(f"{site}/api/search", params={"q": "barley"}).json()
        assert found["total"] == 2
        assert httpx.get(f"{site}/api").json()["documents"] == 2
    case.close()


def test_an_original_whose_name_is_not_utf8_is_still_a_download(hostile_site: str) -> None:
    hit = httpx.get(f"{hostile_site}/api/search", params={"q": "latin"}).json()["hits"][0]
    assert hit["path"].endswith("caf\\xe9 latin.txt")
    answer = httpx.get(f"{hostile_site}/documents/{hit['doc_id']}/original")
    assert answer.status_code == 200 and answer.content == b"A latin name.\n"
    assert answer.headers["content-disposition"].startswith("attachment;")
    page = httpx.get(f"{hostile_site}/documents/{hit['doc_id']}")
    assert page.status_code == 200 and "caf\\xe9 latin.txt" in page.text


def _ocr_page(site: str, summary: dict) -> tuple[str, int, str]:
    """A page of the demo whose text is OCR's: (doc id, page, its text)."""
    for row in cli_json("ls", summary["case"]):  # type: ignore[union-attr]
        if (row["mime"] or "").startswith("image/"):
            detail = httpx.get(f"{site}/api/documents/{row['doc_id']}").json()
            for page in detail["pages"]:
                if page["source"] == "ocr" and len(page["text"].split()) > 5:
                    return detail["doc_id"], page["number"], page["text"]
    raise AssertionError("the demo has OCR'd scans")


def test_a_scan_is_shown_as_its_picture_with_where_each_word_stands(
    demo_site: str, demo_summary: dict
) -> None:
    doc_id, number, text = _ocr_page(demo_site, demo_summary)
    picture = httpx.get(f"{demo_site}/documents/{doc_id}/pages/{number}/picture")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG")
    page = httpx.get(f"{demo_site}/documents/{doc_id}", params={"page": number}).text
    boxes = json.loads(html.unescape(re.search(r"data-boxes='([^']*)'", page)[1]))
    assert boxes and all(len(box) == 6 and box[0] < box[1] <= len(text) for box in boxes)
    assert f'src="/documents/{doc_id}/pages/{number}/picture"' in page


def test_a_page_of_text_has_no_picture(demo_site: str) -> None:
    hit = _first_hit(demo_site, "convoy")
    answer = httpx.get(f"{demo_site}/api/documents/{hit['doc_id']}/pages/{hit['page']}/picture")
    assert answer.status_code == 404
    shown = httpx.get(f"{demo_site}/documents/{hit['doc_id']}/pages/{hit['page']}/picture")
    assert shown.status_code == 404 and "is text, not a picture" in shown.text
    page = httpx.get(f"{demo_site}/documents/{hit['doc_id']}").text
    assert 'id="page-picture"' not in page


def test_timeline_of_two_actors_is_the_command_lines(demo_site: str, demo_summary: dict) -> None:
    finding = httpx.get(f"{demo_site}/api/findings").json()[0]
    actors = ["Southern Valley Brigades", "Zarqani National Army"]  # the README's tour
    asked = [("actor", actor) for actor in actors]
    twin = httpx.get(f"{demo_site}/api/timeline", params=asked).json()
    given = [flag for actor in actors for flag in ("--actor", actor)]
    assert twin == cli_json("timeline", demo_summary["case"], *given)
    assert twin and [event["date"] for event in twin] == sorted(event["date"] for event in twin)
    page = httpx.get(f"{demo_site}/timeline", params=asked).text
    links = re.findall(r'class="passage" href="([^"]+)"', page)
    first = twin[0]["evidence"]
    assert links[0] == (
        f"/documents/{first['doc_id']}?page={first['page']}#span-{first['start']}-{first['end']}"
    )
    finding_page = httpx.get(f"{demo_site}/findings/{finding['id']}").text
    assert "/timeline?actor=" in finding_page


def test_graph_twin_is_the_command_lines(demo_site: str, demo_summary: dict) -> None:
    actor = "Southern Valley Brigades"
    twin = httpx.get(f"{demo_site}/api/graph", params={"actor": actor}).json()
    assert twin == cli_json("graph", demo_summary["case"], "--actor", actor)
    page = httpx.get(f"{demo_site}/graph", params={"actor": actor}).text
    assert 'src="/static/vendor/cytoscape-3.35.0.min.js"' in page
    listed = re.findall(r'<details id="link-\d+">', page)
    assert len(listed) == len(twin["relations"]) + min(len(twin["weak_links"]), 20)
    more = httpx.get(f"{demo_site}/graph", params={"actor": actor, "weak": 1000}).text
    every = re.findall(r'<details id="link-\d+">', more)
    assert len(every) == len(twin["relations"]) + len(twin["weak_links"]) > len(listed)
    assert "draw" not in more.split("</h1>")[1].split("</p>")[0]
    assert "weak=40" in page


def test_filters_and_the_page_may_be_their_own_parameters(demo_site: str) -> None:
    asked = httpx.get(
        f"{demo_site}/api/search", params={"q": "fuel", "type": "text/plain", "page": "2"}
    ).json()
    written = httpx.get(
        f"{demo_site}/api/search", params={"q": 'fuel type:"text/plain"', "offset": "20"}
    ).json()
    assert asked == written and asked["offset"] == 20
    entity = httpx.get(f"{demo_site}/api/entities", params={"type": "person", "limit": 1}).json()[0]
    named = httpx.get(f"{demo_site}/api/search", params={"entity": entity["name"]}).json()
    assert named["total"] == entity["documents"]


def test_the_viewer_lists_what_was_read_on_the_page(demo_site: str, demo_summary: dict) -> None:
    events = cli_json("events", demo_summary["case"])
    assert isinstance(events, list) and events
    evidence = events[0]["evidence"]
    page = httpx.get(
        f"{demo_site}/documents/{evidence['doc_id']}", params={"page": evidence["page"]}
    ).text
    assert f'href="#span-{evidence["start"]}-{evidence["end"]}"' in page
    assert 'class="page-entities"' in page and events[0]["category"] in page
