"""OCR accuracy on the demo trove's scanned and photographed pages, with real Tesseract.

Each group's character error rate is its total edits over its total reference
characters (white space runs count as one space). The pages and their known
text are in casegraph.demo.scans; the case OCRs with eng+ara.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ocr.conftest import OcrDemo, ScanResult, edits

ENGLISH_CLEAN_CER = 0.02
ENGLISH_DEGRADED_CER = 0.08
ARABIC_CLEAN_CER = 0.10
MAX_SKEW_ERROR = 0.5
REVIEW_REASONS = {"handwriting_or_image", "no_text", "low_confidence"}


def _english_clean(scan: dict) -> bool:
    return scan["language"] == "en" and not (scan["degraded"] or scan["handwriting"])


GROUPS: dict[str, tuple[Callable[[dict], bool], float]] = {
    "English clean": (lambda s: _english_clean(s) and s["rotation"] == 0, ENGLISH_CLEAN_CER),
    "English degraded": (
        lambda s: s["language"] == "en" and s["degraded"] and not s["handwriting"],
        ENGLISH_DEGRADED_CER,
    ),
    "Arabic clean": (
        lambda s: s["language"] == "ar" and not (s["degraded"] or s["handwriting"]),
        ARABIC_CLEAN_CER,
    ),
}


def _members(demo: OcrDemo, wanted: Callable[[dict], bool]) -> list[ScanResult]:
    return [result for result in demo.scans.values() if wanted(result.scan)]


def _describe(results: list[ScanResult]) -> str:
    return "\n".join(f"  {r.truth['path']}: CER {r.cer:.3f}\n    OCR: {r.text!r}" for r in results)


def test_the_trove_has_every_kind_of_scan(ocr_demo: OcrDemo) -> None:
    scans = [r.scan for r in ocr_demo.scans.values()]
    pages = {path: len(r.pages) for path, r in ocr_demo.scans.items()}
    for name, (wanted, _) in GROUPS.items():
        members = _members(ocr_demo, wanted)
        assert sum(len(r.pages) for r in members) >= (3 if name.startswith("English") else 2)
    assert {s["rotation"] for s in scans} == {0, 90, 180, 270}
    assert any(s["handwriting"] for s in scans)
    assert max(pages.values()) >= 2, "no multi-page scan"
    assert ocr_demo.report["ocr_failures"] == 0


@pytest.mark.parametrize("group", list(GROUPS))
def test_character_error_rate(ocr_demo: OcrDemo, group: str) -> None:
    wanted, limit = GROUPS[group]
    members = _members(ocr_demo, wanted)
    assert members
    wrong = total = 0
    for result in members:
        assert all(page["source"] == "ocr" for page in result.pages), result.truth["path"]
        counted = edits(result.truth["ocr_text"], result.text)
        wrong, total = wrong + counted[0], total + counted[1]
    rate = wrong / total
    assert rate <= limit, f"{group}: CER {rate:.4f} ({wrong}/{total})\n{_describe(members)}"


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_turned_pages_are_read_upright(ocr_demo: OcrDemo, rotation: int) -> None:
    members = _members(ocr_demo, lambda s: _english_clean(s) and s["rotation"] == rotation)
    assert members
    for result in members:
        for page in result.pages:
            layer = ocr_demo.case.pages.layers(result.doc_id, page["number"])[-1]
            # the engine turns the page this much counter-clockwise to make it upright
            assert layer["image"]["rotation"] == (360 - rotation) % 360, result.truth["path"]
        assert result.cer <= ENGLISH_CLEAN_CER, _describe([result])


def test_skewed_pages_are_straightened(ocr_demo: OcrDemo) -> None:
    members = _members(ocr_demo, lambda s: bool(s["skew"]))
    assert members
    for result in members:
        layer = ocr_demo.case.pages.layers(result.doc_id, 1)[-1]
        # the page was turned skew degrees counter-clockwise: the engine turns it back
        found = layer["image"]["skew"]
        assert abs(found + result.scan["skew"]) <= MAX_SKEW_ERROR, (result.truth["path"], found)


def test_handwriting_goes_to_review(ocr_demo: OcrDemo) -> None:
    queue = {(item["doc_id"], item["page"]): item for item in ocr_demo.case.pages.review_queue()}
    members = _members(ocr_demo, lambda s: s["handwriting"])
    assert members
    for result in members:
        for page in result.pages:
            item = queue.get((result.doc_id, page["number"]))
            assert item is not None, (result.truth["path"], page)
            assert item["reason"] in REVIEW_REASONS, item
            assert page["review"] == item["reason"]


def test_clean_pages_are_not_sent_to_review(ocr_demo: OcrDemo) -> None:
    queue = {(item["doc_id"], item["page"]): item for item in ocr_demo.case.pages.review_queue()}
    clean = _members(ocr_demo, lambda s: not (s["degraded"] or s["handwriting"]))
    assert clean
    flagged = [
        (result.truth["path"], page["number"], queue[(result.doc_id, page["number"])]["reason"])
        for result in clean
        for page in result.pages
        if (result.doc_id, page["number"]) in queue
    ]
    assert not flagged


def test_multi_page_scans_are_read_page_by_page(ocr_demo: OcrDemo) -> None:
    members = [r for r in ocr_demo.scans.values() if "ocr_pages" in r.truth]
    assert members
    for result in members:
        assert len(result.pages) == len(result.truth["ocr_pages"])
        for page, expected in zip(result.pages, result.truth["ocr_pages"], strict=True):
            wrong, total = edits(expected, page["text"])
            assert wrong / total <= ENGLISH_CLEAN_CER, (result.truth["path"], page["number"])


def test_every_word_box_lies_on_the_page_and_covers_text(ocr_demo: OcrDemo) -> None:
    case = ocr_demo.case
    checked = 0
    rows = case.db.execute("SELECT doc_id, number FROM pages WHERE source = 'ocr'").fetchall()
    assert len(rows) >= sum(len(r.pages) for r in ocr_demo.scans.values())
    for doc_id, number in rows:
        layer = case.pages.layers(doc_id, number)[-1]
        assert layer["source"] == "ocr"
        page_text = next(
            p["text"] for p in case.documents.get(doc_id)["pages"] if p["number"] == number
        )
        assert page_text == layer["text"], (doc_id, number)
        width, height = layer["image"]["width"], layer["image"]["height"]
        end_of_last = 0
        for word in layer["words"]:
            x0, y0, x1, y1 = word["box"]
            where = (case.documents.first_path(doc_id), number, word)
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, where
            assert end_of_last <= word["start"] < word["end"] <= len(page_text), where
            assert page_text[word["start"] : word["end"]].strip(), where
            end_of_last = word["end"]
            checked += 1
    assert checked > 500
