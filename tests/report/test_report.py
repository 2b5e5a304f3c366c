"""The report on the demo case: self-contained HTML with every top finding, and a PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from markupsafe import escape

from casegraph.analysis.findings import find
from casegraph.case.store import Case
from casegraph.errors import BadSetting
from casegraph.nlp.plover import CATEGORIES, QUADS
from casegraph.report import write_report
from casegraph.report.charts import network_svg, timeline_svg
from casegraph.report.html import QUOTE_CHARS, trimmed

TOP = 5
# the only web addresses allowed: XML namespace names, which are never fetched
NAMESPACE = re.compile(r'xmlns(?::\w+)?="http://www\.w3\.org/[^"]*"')


@pytest.fixture(scope="module")
def demo(demo_summary: dict) -> tuple[Case, list[dict]]:
    case = Case.open(Path(demo_summary["case"]))
    return case, find(case)


def test_the_html_report_carries_the_top_findings_and_needs_no_network(demo, tmp_path) -> None:
    case, findings = demo
    written = write_report(case, tmp_path / "report.html", limit=TOP)
    html = Path(written["path"]).read_text(encoding="utf-8")
    assert written["format"] == "html" and written["findings"] == TOP
    assert written["more"] == len(findings) - TOP > 0
    assert f"{len(findings) - TOP} more are not shown" in html
    for finding in findings[:TOP]:
        assert str(escape(finding["summary"])) in html
        for passage in finding["evidence"]:
            assert str(escape(trimmed(passage)["text"])) in html, passage
    assert str(escape(findings[TOP]["summary"])) not in html
    pictured = [
        f for f in findings[:TOP] if f["kind"] in ("unexpected_cooperation", "contradiction")
    ]
    assert html.count("<svg") >= len(pictured) > 0
    assert not re.search(r"https?://", NAMESPACE.sub("", html))
    assert not re.search(r"<(?:script|link|img|iframe)\b", html)


@pytest.fixture(scope="module")
def html(demo, tmp_path_factory) -> str:
    case, _ = demo
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(case, out)
    return out.read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_first_screen_says_what_the_top_finding_is_with_its_strongest_evidence(
    demo, html
) -> None:
    _, findings = demo
    top = html[html.index('class="top"') : html.index('class="howto"')]
    assert str(escape(findings[0]["summary"])) in top
    assert "between January and September 2015" in findings[0]["summary"]
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", top, re.S)
    assert len(quotes) == 3
    notes = _text(top)
    # acts done, told in the trove's own papers, dated: no order, no plan, no press report
    assert "only ordered or intended" not in notes.split("Its strongest evidence")[1]
    assert "trove/press/" not in top
    assert {"worked together or traded", "withdrew forces"} <= set(
        re.findall(r": ([a-z ]+), 2015", notes)
    )


def test_the_contents_tell_findings_apart(demo, html) -> None:
    contents = re.findall(r'<li><a href="#finding-[^"]+">(.*?)</a></li>', html)
    assert len(contents) == len(demo[1]) and len(set(contents)) == len(contents)


def test_the_prose_names_acts_in_words_and_leaves_the_codes_to_the_glossary(html) -> None:
    body, glossary = html.split('<section class="glossary"')
    prose = _text(re.sub(r"<(blockquote|svg)\b.*?</\1>", " ", body, flags=re.S))
    codes = [*CATEGORIES, *QUADS, *(q.replace("_", " ") for q in QUADS), "quad", "confidence"]
    assert not [c for c in codes if re.search(rf"\b{c}\b", prose)]
    assert "<code>RETREAT (withdraw)</code>" in glossary and "withdrew forces" in glossary


def test_quotes_are_trimmed_to_what_they_say_and_still_point_at_their_characters(demo) -> None:
    case, findings = demo
    copies = next(f for f in findings if f["kind"] == "syndicated_copies")
    for passage in copies["evidence"]:
        shown = trimmed(passage)
        assert len(shown["text"]) < min(len(passage["text"]), 2 * QUOTE_CHARS)
        assert " | " not in shown["text"] and "\u00a9" not in shown["text"]
        assert shown["text"].rstrip()[-1] in '.!?"\u201d'
        page = case.pages.texts_of({passage["doc_id"]})[(passage["doc_id"], passage["page"])]
        assert page[shown["start"] : shown["end"]] == shown["text"]


def test_the_pdf_report_has_pages_and_the_first_finding(demo, tmp_path) -> None:
    case, findings = demo
    written = write_report(case, tmp_path / "report.pdf", limit=2)
    data = Path(written["path"]).read_bytes()
    assert data.startswith(b"%PDF")
    document = pdfium.PdfDocument(data)
    assert len(document) == written["pages"] > 1
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    # a long summary may run over a page's foot, whose numbers the text then holds
    assert " ".join(findings[0]["summary"].split())[:120] in " ".join(text.split())


@pytest.mark.parametrize("name", ["report.docx", "missing/report.html"])
def test_a_bad_output_is_refused_in_one_line(demo, tmp_path, name: str) -> None:
    case, _ = demo
    with pytest.raises(BadSetting, match="cannot write") as refused:
        write_report(case, tmp_path / name)
    assert "\n" not in str(refused.value) and not (tmp_path / name).exists()


def _event(target: dict, category: str = "ASSAULT") -> dict:
    return {
        "source": {"id": "army", "name": "Zarqani National Army"},
        "target": target,
        "category": category,
        "mode": None,
        "quad": "material_conflict",
        "negated": False,
        "hypothetical": False,
        "date": "2015-08-02",
    }


def test_places_are_no_actors_in_the_pictures() -> None:
    events = [
        _event({"id": "place", "name": "Khirbet Nasr"}),
        _event({"id": "svb", "name": "Southern Valley Brigades"}),
    ]
    network = network_svg(events, "n", set(), {"place"})
    timeline = timeline_svg(events, "t", {"place"})
    assert network and timeline
    for svg in (network, timeline):
        assert "Khirbet Nasr" not in svg and "Southern Valley" in svg


def test_a_contradiction_counts_its_sources_as_its_summary_does(demo, html) -> None:
    _, findings = demo
    text = _text(html)
    for finding in (f for f in findings if f["kind"] == "contradiction"):
        others = len(finding["sources"]) - 1
        assert others >= 1 and str(escape(finding["summary"])) in html
        assert f"from {others} independent source" in text or (
            others == 1 and "from one independent source besides the denier" in text
        )
