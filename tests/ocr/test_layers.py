"""OCR layers, word boxes, review, transcription and re-OCR, through a real case and Tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest, run_ocr
from casegraph.ocr.arabic import normalise_ocr_text
from casegraph.ocr.engine import recognise
from casegraph.search.engine import search_case
from casegraph.settings import Settings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = [
    "MEMO 14 May 2015",
    "The convoy leaves the northern checkpoint at dawn.",
    "Fuel for grain: three trucks to the refinery.",
]


def page(lines: list[str] = LINES, at: tuple[int, int] = (120, 140)) -> Image.Image:
    """A clean white page with the lines typed on it at 300 dpi."""
    image = Image.new("L", (1700, 1100), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    for number, line in enumerate(lines):
        draw.text((at[0], at[1] + number * 80), line, font=font, fill=0)
    return image


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    page().save(folder / "memo.png")
    return folder


def _only_doc(case: Case) -> str:
    (row,) = case.documents.select()
    return row["doc_id"]


def test_ocr_during_ingest_makes_images_searchable(tmp_path: Path, scans: Path) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1))
    report = ingest(case, [scans], progress=False)
    assert report.pages_ocred == 1
    doc = case.documents.get(_only_doc(case))
    assert doc["state"] == "done"
    assert doc["pages"][0]["source"] == "ocr" and doc["pages"][0]["confidence"] > 80
    assert search_case(case, '"northern checkpoint"')["total"] == 1


def test_word_boxes_map_characters_to_the_page(tmp_path: Path, scans: Path) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [scans], progress=False)
    doc_id = _only_doc(case)
    text = case.documents.get(doc_id)["pages"][0]["text"]
    (layer,) = case.pages.layers(doc_id, 1)
    assert layer["source"] == "ocr" and layer["image"]["width"] == 1700
    word = next(w for w in layer["words"] if text[w["start"] : w["end"]] == "convoy")
    x0, y0, x1, y1 = word["box"]
    # "convoy" is the second word of the second line, typed at y = 220
    assert 150 < x0 < 400 and 200 < y0 < 240 and y1 < 290 and x1 > x0


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_pages_are_read_upright_and_boxes_point_into_the_original(turn: int) -> None:
    upright = page()
    turned = upright.rotate(turn, expand=True, fillcolor=255)
    result = recognise(turned, "eng", 300, 75.0)
    # turned upright, unless Tesseract's layout analysis already read the sideways lines well
    assert result.rotation == (360 - turn) % 360 or (result.rotation == 0 and turn != 180)
    assert "northern checkpoint" in result.text and result.confidence > 85
    word = next(w for w in result.words if result.text[w.start : w.end] == "convoy")
    inked = turned.crop(word.box).histogram()
    assert sum(inked[:128]) > 50  # the box lies on the word's ink in the turned image


def test_skewed_page_is_straightened() -> None:
    skewed = page().rotate(3, expand=True, fillcolor=255, resample=Image.BICUBIC)
    result = recognise(skewed, "eng", 300, 75.0)
    assert abs(result.skew + 3) < 1.5 or abs(result.skew - 3) < 1.5
    assert "Fuel for grain" in result.text


def test_blank_and_scribbled_pages_go_to_review() -> None:
    blank = Image.new("L", (1200, 900), 255)
    assert recognise(blank, "eng", 300, 75.0).review is None
    scribble = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(scribble)
    for row in range(8):
        points = [(60 + x * 9, 100 + row * 90 + ((x * 37) % 23) - 11) for x in range(120)]
        draw.line(points, fill=0, width=5)
    assert recognise(scribble, "eng", 300, 75.0).review in {
        "no_text",
        "handwriting_or_image",
        "low_confidence",
    }


def test_transcription_replaces_the_text_and_keeps_the_ocr_layer(
    tmp_path: Path, scans: Path
) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [scans], progress=False)
    doc_id = _only_doc(case)
    case.pages.transcribe(doc_id, 1, "Handwritten note: the harbour master agreed.", "Rana")
    doc = case.documents.get(doc_id)
    assert doc["pages"][0]["source"] == "transcription"
    assert search_case(case, "harbour master")["total"] == 1
    assert search_case(case, "convoy")["total"] == 0
    layers = case.pages.layers(doc_id, 1)
    assert [layer["source"] for layer in layers] == ["ocr", "transcription"]
    assert layers[1]["by"] == "Rana" and "convoy" in layers[0]["text"]
    # OCR run again never overwrites what a person transcribed
    run_ocr(case, redo=True, progress=False)
    assert case.documents.get(doc_id)["pages"][0]["source"] == "transcription"


def test_ocr_can_wait_and_failures_stay_on_the_page(tmp_path: Path, scans: Path) -> None:
    case = Case.create(tmp_path / "case", Settings(workers=1, ocr=False))
    ingest(case, [scans], progress=False)
    assert case.status()["pages_needing_ocr"] == 1
    assert search_case(case, "convoy")["total"] == 0
    settings = case.load_settings()
    settings.file_timeout_s = 0.01
    case.save_settings(settings)
    report = run_ocr(case, progress=False)
    assert report.ocr_failures == 1
    (queued,) = case.pages.review_queue()
    assert queued["reason"] == "ocr_failed" and queued["detail"].startswith("timeout")
    settings.file_timeout_s = 120
    case.save_settings(settings)
    assert run_ocr(case, progress=False).pages_ocred == 1
    assert search_case(case, "convoy")["total"] == 1
    assert case.pages.review_queue() == []


def test_arabic_ocr_confusions_are_evened_out() -> None:
    assert normalise_ocr_text("کتاب") == "كتاب"
    assert normalise_ocr_text("یوم فی") == "يوم فى"
    assert normalise_ocr_text("الجـيش") == "الجيش"


def test_pictures_inside_office_files_are_ocrd_as_children(tmp_path: Path) -> None:
    import docx

    picture = tmp_path / "scan.png"
    page().save(picture)
    folder = tmp_path / "in"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("Attached: the scanned memo.")
    document.add_picture(str(picture))
    document.save(folder / "report.docx")
    case = Case.create(tmp_path / "case", Settings(workers=1))
    ingest(case, [folder], progress=False)
    child = next(r for r in case.documents.select() if r["path"].startswith("in/report.docx!/"))
    assert child["path"] == "in/report.docx!/word/media/image1.png"
    assert child["state"] == "done"
    assert "northern checkpoint" in case.documents.get(child["doc_id"])["pages"][0]["text"]
