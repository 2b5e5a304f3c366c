"""Tesseract through its C API (tesserocr): orientation, deskew, words with boxes and confidence."""

from __future__ import annotations

import math
import os
import statistics
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, Protocol

from PIL import Image, ImageFilter, ImageOps

from ..errors import BadSetting
from ..records import OcrPage, OcrWord
from .arabic import normalise_ocr_text
from .geometry import Rotation, rotate, undo_box

TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tessdata")
# below this OSD confidence a page is left as it is: a wrong turn costs more than none
MIN_ORIENTATION_CONFIDENCE = 1.5
# an upright read below this confidence makes the page a candidate for turning
ORIENTATION_RETRY_CONFIDENCE = 60.0
# skew smaller than this is not worth resampling the image for
MIN_SKEW_DEGREES = 0.3
LOW_WORD_CONFIDENCE = 50.0
# a "word" of punctuation only, read this unsurely, is a speck of dirt, not text
MIN_SYMBOL_WORD_CONFIDENCE = 60.0
# Tesseract drops rows of small blobs as noise; Arabic lines with many dots are such rows
TESSERACT_VARIABLES = {"textord_noise_rejrows": "0"}
MIN_BASELINE_PIXELS = 100
MAX_SKEW_DEGREES = 15.0

# a text line's baseline as its two end points
_BaselineEnds = tuple[tuple[int, int], tuple[int, int]]


class _LayoutIterator(Protocol):
    """The part of tesserocr's PageIterator read here (tesserocr ships no types)."""

    def Baseline(self, level: int) -> _BaselineEnds | None: ...

    def Next(self, level: int) -> bool: ...


class _TesseractApi(Protocol):
    """The part of tesserocr's PyTessBaseAPI used here (tesserocr ships no types)."""

    def SetVariable(self, name: str, value: str) -> bool: ...

    def SetImage(self, image: Image.Image) -> None: ...

    def SetSourceResolution(self, ppi: int) -> None: ...

    def DetectOrientationScript(self) -> dict[str, Any] | None: ...

    def AnalyseLayout(self) -> _LayoutIterator | None: ...

    def Recognize(self) -> bool: ...

    # the result iterator only goes to tesserocr.iterate_level
    def GetIterator(self) -> object | None: ...


def tessdata_dir() -> str:
    """Where Tesseract's language data lives (TESSDATA_PREFIX wins)."""
    configured = os.environ.get("TESSDATA_PREFIX")
    if configured:
        return configured
    return next((d for d in TESSDATA_DIRS if os.path.isdir(d)), TESSDATA_DIRS[0])


def check_languages(languages: str) -> str:
    """The languages as Tesseract takes them ("eng+ara"), or BadSetting naming what is missing."""
    wanted = [part.strip() for part in languages.replace(",", "+").split("+") if part.strip()]
    installed = available_languages()
    missing = [lang for lang in wanted if lang not in installed]
    if not wanted or missing:
        raise BadSetting(
            f"OCR language {'+'.join(missing) or languages!r} is not installed; "
            f"installed: {'+'.join(installed)} (Debian: apt-get install tesseract-ocr-LANG)"
        )
    return "+".join(wanted)


def available_languages() -> list[str]:
    """The Tesseract languages installed on this machine."""
    import tesserocr

    return sorted(tesserocr.get_languages(tessdata_dir())[1])


@cache
def _api(languages: str) -> _TesseractApi:
    """One Tesseract instance per process and language set (loading models is the slow part)."""
    from tesserocr import OEM, PSM, PyTessBaseAPI

    api: _TesseractApi = PyTessBaseAPI(
        path=tessdata_dir(), lang=languages, psm=PSM.AUTO, oem=OEM.LSTM_ONLY
    )
    for name, value in TESSERACT_VARIABLES.items():
        api.SetVariable(name, value)
    return api


@cache
def _osd_api() -> _TesseractApi:
    from tesserocr import PSM, PyTessBaseAPI

    api: _TesseractApi = PyTessBaseAPI(path=tessdata_dir(), lang="osd", psm=PSM.OSD_ONLY)
    return api


def warm_up_ocr(languages: str) -> None:
    """Load Tesseract's models for these languages and for orientation detection."""
    _api(languages)
    _osd_api()


def engine_name() -> str:
    """The OCR engine and its version, stored on every OCR layer."""
    import tesserocr

    version: str = tesserocr.tesseract_version()
    return "tesseract " + version.split()[1]


def recognise(image: Image.Image, languages: str, dpi: int, min_confidence: float) -> OcrPage:
    """OCR one page image: straighten it, read it, and turn it upright if it reads badly."""
    original = ImageOps.grayscale(image)
    # a 3x3 median removes specks of dust and toner; strokes of text at 300 dpi survive it
    cleaned = original.filter(ImageFilter.MedianFilter(3))
    page = _read_turned(cleaned, 0, languages, dpi)
    # most pages stand upright: orientation detection is only worth its cost on a poor read,
    # or where Tesseract took sideways lines for vertical writing (it reads those well, unturned)
    vertical = _reads_vertically(languages)
    if vertical or page.confidence < ORIENTATION_RETRY_CONFIDENCE:
        turn = _orientation(original, dpi)
        if turn:
            turned = _read_turned(cleaned, turn, languages, dpi)
            if vertical or turned.confidence > page.confidence:
                page = turned
    page.review = review_reason(page, original, min_confidence)
    return page


def _reads_vertically(languages: str) -> bool:
    """Whether the last read found a block of top-to-bottom writing (no such script is read)."""
    from tesserocr import RIL, iterate_level

    iterator = _api(languages).GetIterator()
    if iterator is None:
        return False
    return any(block.Orientation()[1] == 2 for block in iterate_level(iterator, RIL.BLOCK))


def _read_turned(original: Image.Image, turn: int, languages: str, dpi: int) -> OcrPage:
    """Read the page turned by `turn` degrees and straightened; boxes point into the original."""
    rotations: list[Rotation] = []
    upright = original
    if turn:
        upright, rotation = rotate(upright, turn)
        rotations.append(rotation)
    skew = _skew(upright, languages, dpi)
    straighten = abs(skew) >= MIN_SKEW_DEGREES
    if straighten:
        upright, rotation = rotate(upright, skew)
        rotations.append(rotation)
    text, words = _read(upright, languages, dpi, rotations)
    return OcrPage(
        text=text,
        words=words,
        confidence=_page_confidence(words, text),
        width=original.width,
        height=original.height,
        dpi=dpi,
        rotation=turn,
        skew=round(skew, 2) if straighten else 0.0,
        engine=f"{engine_name()} ({languages})",
    )


def _orientation(image: Image.Image, dpi: int) -> int:
    """Degrees (0, 90, 180, 270) to turn the image counter-clockwise so text stands upright."""
    api = _osd_api()
    api.SetImage(image)
    api.SetSourceResolution(dpi)
    result = api.DetectOrientationScript()
    if not result or result.get("orient_conf", 0) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(result["orient_deg"]) % 360


def _skew(image: Image.Image, languages: str, dpi: int) -> float:
    """Degrees to turn the image counter-clockwise so its text lines are level.

    The median slope of the text lines' baselines, from Tesseract's layout analysis.
    """
    from tesserocr import RIL

    api = _api(languages)
    api.SetImage(image)
    api.SetSourceResolution(dpi)
    layout = api.AnalyseLayout()
    slopes = []
    while layout is not None:
        baseline = layout.Baseline(RIL.TEXTLINE)
        if baseline:
            (x0, y0), (x1, y1) = baseline
            if x1 - x0 > MIN_BASELINE_PIXELS:
                slopes.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
        if not layout.Next(RIL.TEXTLINE):
            break
    slopes = [s for s in slopes if abs(s) <= MAX_SKEW_DEGREES]
    return statistics.median(slopes) if slopes else 0.0


def _read(
    image: Image.Image, languages: str, dpi: int, rotations: list[Rotation]
) -> tuple[str, list[OcrWord]]:
    """Recognise the image; build page text in reading order and each word's character range."""
    api = _api(languages)
    api.SetImage(image)
    api.SetSourceResolution(dpi)
    api.Recognize()
    parts: list[str] = []
    words: list[OcrWord] = []
    length = 0
    for separator, word, box, confidence in _words(api):
        if parts:
            parts.append(separator)
            length += len(separator)
        parts.append(word)
        words.append(OcrWord(length, length + len(word), undo_box(box, rotations), confidence))
        length += len(word)
    return "".join(parts), words


def _words(api: _TesseractApi) -> Iterator[tuple[str, str, tuple[int, int, int, int], float]]:
    """(separator before, word, box, confidence) for each word, in reading order."""
    from tesserocr import DIR, RIL, iterate_level

    iterator = api.GetIterator()
    if iterator is None:
        return
    for item in iterate_level(iterator, RIL.WORD):
        try:
            raw = item.GetUTF8Text(RIL.WORD)
        except RuntimeError:  # tesserocr's way of saying the word has no text
            continue
        box = item.BoundingBox(RIL.WORD)
        if not raw or not raw.strip() or box is None:
            continue
        if item.IsAtBeginningOf(RIL.PARA):
            separator = "\n\n"
        elif item.IsAtBeginningOf(RIL.TEXTLINE):
            separator = "\n"
        else:
            separator = " "
        word, confidence = raw.strip(), item.Confidence(RIL.WORD)
        if confidence < MIN_SYMBOL_WORD_CONFIDENCE and not any(c.isalnum() for c in word):
            continue
        if item.WordDirection() in (DIR.RIGHT_TO_LEFT, DIR.MIX):
            word = visual_to_logical(word)
        yield separator, normalise_ocr_text(word), box, round(confidence, 1)


_LEFT_TO_RIGHT = {"L", "EN", "AN"}
_NUMBER_SEPARATORS = {"CS", "ES", "ET"}


def visual_to_logical(word: str) -> str:
    """A right-to-left word, as Tesseract's word iterator spells it, put in reading order."""
    # letters reverse, each with its combining marks; digit and Latin runs keep their order
    clusters: list[str] = []
    for char in word:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    kinds = [unicodedata.bidirectional(c[0]) for c in clusters]
    ltr = [kind in _LEFT_TO_RIGHT for kind in kinds]
    for i in range(1, len(clusters) - 1):
        if kinds[i] in _NUMBER_SEPARATORS and ltr[i - 1] and ltr[i + 1]:
            ltr[i] = True
    runs: list[list[str]] = []
    for i, cluster in enumerate(clusters):
        if runs and ltr[i] and ltr[i - 1]:
            runs[-1].append(cluster)
        else:
            runs.append([cluster])
    return "".join("".join(run) for run in reversed(runs))


def _page_confidence(words: list[OcrWord], text: str) -> float:
    """Mean word confidence, weighted by word length (0 when nothing was read)."""
    total = sum(w.end - w.start for w in words)
    if not total:
        return 0.0
    return round(sum(w.confidence * (w.end - w.start) for w in words) / total, 1)


def review_reason(page: OcrPage, image: Image.Image, min_confidence: float) -> str | None:
    """Why a person should read this page, or None: no text found, handwriting, low confidence."""
    ink = _ink_share(image)
    if not page.words:
        return "no_text" if ink > 0.002 else None
    doubtful = sum(1 for w in page.words if w.confidence < LOW_WORD_CONFIDENCE)
    if doubtful / len(page.words) > 0.4:
        return "handwriting_or_image"
    if page.confidence < min_confidence:
        return "low_confidence"
    return None


def _ink_share(image: Image.Image) -> float:
    """Share of dark pixels on a small copy of the page."""
    small = ImageOps.grayscale(image).reduce(4) if min(image.size) > 400 else image
    histogram = small.histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))
