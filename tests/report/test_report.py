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
from casegraph.report import write_report
from casegraph.report.charts import network_svg, timeline_svg

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
            assert str(escape(passage["text"])) in html, passage
    assert str(escape(findings[TOP]["summary"])) not in html
    pictured = [
        f for f in findings[:TOP] if f["kind"] in ("unexpected_cooperation", "contradiction")
    ]
    assert html.count("<svg") >= len(pictured) > 0
    assert not re.search(r"https?://", NAMESPACE.sub("", html))
    assert not re.search(r"<(?:script|link|img|iframe)\b", html)


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
