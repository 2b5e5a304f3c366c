"""Scanned and photographed pages of the demo trove, drawn from known text.

``render_page`` types lines on a white page at 300 dpi with a DejaVu font
(Arabic is shaped and laid out right to left by Pillow's raqm layout), then
degrades it as a scanner or a phone camera would: skew, a turn by a multiple of
90 degrees, blur, specks and grain, and a loss of contrast. With
``handwriting=True`` it draws looping pen strokes shaped like cursive words
instead of letters: a page no OCR can read, which should go to a person.

Every random choice comes from a generator seeded by ``seed``, so the same
arguments always give the same pixels, and ``build`` the same bytes.

``build`` returns the quartermaster's scanned and photographed papers, whose text
and capture are read from ``data/scans.yaml``. Each
carries its ground truth in ``flags``: ``image_only``, ``ocr_text`` (the lines
drawn, joined with newlines; pages of a multi-page file joined the same way,
with ``ocr_pages`` holding each page's text; empty for the handwritten page)
and ``scan``: ``language``, ``rotation`` (degrees the page was turned
counter-clockwise: OCR must turn it ``(360 - rotation) % 360`` further to read
it), ``skew`` (degrees, counter-clockwise), ``degraded`` (blur, specks, grain
and faded contrast) and ``handwriting``.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from . import render
from .model import Doc

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"en": "DejaVuSerif.ttf", "ar": "DejaVuSans.ttf"}
DPI = 300
PAGE_SIZE = (1700, 2200)
MARGIN = 150
# about 10.5 pt at 300 dpi; Arabic a size larger, as Arabic type usually is set
FONT_PX = {"en": 44, "ar": 48}
LINE_PX = {"en": 76, "ar": 84}
HANDWRITING_LINE_PX = 110
PAPER = 255
INK = 0
# a degraded page: greys instead of black on white, as from a tired scanner or a dim room
FADED_PAPER = 236
FADED_INK = 52

_TRANSPOSE = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def font_path(language: str) -> Path:
    """The DejaVu font file used for a language's text."""
    return FONT_DIR / FONTS[language]


def render_page(
    lines: list[str],
    *,
    language: str = "en",
    rotation: int = 0,
    skew_degrees: float = 0.0,
    blur: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
    handwriting: bool = False,
) -> Image.Image:
    """A greyscale page image (300 dpi) with the lines typed on it, degraded as asked.

    ``rotation`` (0, 90, 180, 270) turns the finished page counter-clockwise, as
    a page fed into the scanner sideways or upside down; turning it clockwise by
    the same angle makes it upright again. ``skew_degrees`` turns the page
    counter-clockwise by a few degrees before that. ``blur`` is the radius of a
    Gaussian blur in pixels; ``noise`` is the number of specks of dust (dark) or
    dropped toner (light) per pixel, 0.001 for a dusty glass, and also sets how
    much grain the paper gets. Any degradation also lowers the contrast a little.
    """
    if language not in FONTS:
        raise ValueError(f"language must be one of {sorted(FONTS)}, got {language!r}")
    if rotation not in (0, 90, 180, 270):
        raise ValueError(f"rotation must be 0, 90, 180 or 270, got {rotation!r}")
    rng = random.Random(seed)
    page = Image.new("L", PAGE_SIZE, PAPER)
    if handwriting:
        _scribble(page, lines, rng, rtl=language == "ar")
    else:
        _type(page, lines, language)
    degraded = bool(skew_degrees or blur or noise)
    if degraded:
        page = page.point(_fade_table())
    paper = FADED_PAPER if degraded else PAPER
    if skew_degrees:
        page = page.rotate(skew_degrees, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        page = _add_noise(page, noise, rng)
    if rotation:
        page = page.transpose(_TRANSPOSE[rotation])
    return page


def _type(page: Image.Image, lines: list[str], language: str) -> None:
    """Typed text, left-aligned (English) or right-aligned and right to left (Arabic)."""
    font = ImageFont.truetype(str(font_path(language)), FONT_PX[language])
    pen = ImageDraw.Draw(page)
    width = PAGE_SIZE[0] - 2 * MARGIN
    if len(lines) * LINE_PX[language] > PAGE_SIZE[1] - 2 * MARGIN:
        raise ValueError(f"{len(lines)} lines do not fit on one page")
    for number, line in enumerate(lines):
        if not line:
            continue
        y = MARGIN + number * LINE_PX[language]
        if language == "ar":
            direction, x, anchor = "rtl", PAGE_SIZE[0] - MARGIN, "ra"
        else:
            direction, x, anchor = "ltr", MARGIN, "la"
        length = pen.textlength(line, font=font, direction=direction, language=language)
        if length > width:
            raise ValueError(f"line too long for the page: {line!r}")
        pen.text(
            (x, y),
            line,
            font=font,
            fill=INK,
            anchor=anchor,
            direction=direction,
            language=language,
        )


def _scribble(page: Image.Image, lines: list[str], rng: random.Random, rtl: bool) -> None:
    """Rows of joined-up pen strokes, one per word of each line, no letter drawn."""
    if len(lines) * HANDWRITING_LINE_PX > PAGE_SIZE[1] - 2 * MARGIN:
        raise ValueError(f"{len(lines)} lines do not fit on one page")
    pen = ImageDraw.Draw(page)
    slant = rng.uniform(0.15, 0.35)
    for number, line in enumerate(lines):
        baseline = MARGIN + 70 + number * HANDWRITING_LINE_PX + rng.uniform(-8, 8)
        x = float(PAGE_SIZE[0] - MARGIN if rtl else MARGIN) + rng.uniform(-15, 15)
        for word in line.split():
            points = _cursive_word(word, baseline + rng.uniform(-5, 5), slant, rng)
            length = points[-1][0] - points[0][0]
            if (x - length < MARGIN) if rtl else (x + length > PAGE_SIZE[0] - MARGIN):
                break
            shift = x - length if rtl else x
            placed = [(round(px + shift, 1), py) for px, py in points]
            pen.line(placed, fill=rng.choice((25, 35, 45)), width=rng.choice((4, 5)), joint="curve")
            gap = rng.uniform(28, 48)
            x = x - length - gap if rtl else x + length + gap


_ASCENDERS = set("bdfhklt")
_DESCENDERS = set("gjpqy")


def _cursive_word(
    word: str, baseline: float, slant: float, rng: random.Random
) -> list[tuple[float, float]]:
    """A looping stroke from x = 0 with one arch or loop per letter of the word.

    Tall loops stand where the word has ascenders, long ones hang where it has
    descenders, so the row has the outline of writing without its letters.
    """
    points: list[tuple[float, float]] = []
    x = 0.0
    drift = rng.uniform(-0.05, 0.05)

    def put(px: float, py: float) -> None:
        points.append((round(px + (baseline - py) * slant, 1), round(py, 1)))

    for letter in word:
        width = rng.uniform(18, 27)
        if letter.lower() in _ASCENDERS or letter.isupper() or letter.isdigit():
            height, down = rng.uniform(44, 58), False
        elif letter.lower() in _DESCENDERS:
            height, down = rng.uniform(36, 48), True
        else:
            height, down = rng.uniform(16, 24), False
        loop = rng.uniform(5, 9)
        for step in range(12):
            t = step / 12
            turn = 2 * math.pi * t
            lift = height * (1 - math.cos(turn)) / 2
            put(
                x + width * t - loop * math.sin(turn),
                baseline + x * drift + (lift if down else -lift),
            )
        x += width
    put(x, baseline + x * drift)
    return points


def _fade_table() -> list[int]:
    """Black to dark grey and white to light grey: the contrast of a poor scan."""
    return [round(FADED_INK + (FADED_PAPER - FADED_INK) * v / 255) for v in range(256)]


def _add_noise(page: Image.Image, noise: float, rng: random.Random) -> Image.Image:
    """Grain over the whole page, then specks of dust (dark) and dropouts (light)."""
    size = page.size
    count = size[0] * size[1]
    grain = round(min(32.0, 3000 * noise))
    if grain:
        scale = [v * grain // 255 for v in range(256)]
        lift = Image.frombytes("L", size, rng.randbytes(count)).point(scale)
        dim = Image.frombytes("L", size, rng.randbytes(count)).point(scale)
        page = ImageChops.subtract(ImageChops.add(page, lift), dim)
    pen = ImageDraw.Draw(page)
    for _ in range(round(noise * count)):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        radius = rng.choice((0, 0, 1, 1, 2))
        shade = rng.choice((FADED_INK, FADED_INK, FADED_PAPER))
        pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=shade)
    return page


# -- files ----------------------------------------------------------------------------


def png(page: Image.Image) -> bytes:
    """A lossless scan, with its resolution recorded."""
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=False, compress_level=9)
    return buffer.getvalue()


def jpeg(page: Image.Image, quality: int = 80) -> bytes:
    """A photograph or a scanner's JPEG, with its resolution recorded."""
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", dpi=(DPI, DPI), quality=quality)
    return buffer.getvalue()


def tiff(pages: list[Image.Image]) -> bytes:
    """A multi-page TIFF (deflate), one frame per page, as a document feeder makes."""
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="tiff_deflate",
        dpi=(DPI, DPI),
    )
    return buffer.getvalue()


def scanned_pdf(page: Image.Image, *, title: str, when: datetime) -> bytes:
    """A PDF whose one page is the image at its scanned size: no text layer at all."""
    from fpdf import FPDF

    width, height = (px * 72 / DPI for px in page.size)
    document = FPDF(unit="pt", format=(width, height))
    document.set_creation_date(when)
    document.set_title(title)
    document.set_creator("Scanner")
    document.set_margin(0)
    document.add_page()
    document.image(page, x=0, y=0, w=width, h=height)
    return bytes(document.output())


# -- the quartermaster's papers -------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    """One scanned or photographed file: its pages of text and how they were captured."""

    path: str
    fmt: str
    when: datetime
    pages: tuple[tuple[str, ...], ...]
    language: str = "en"
    rotation: int = 0
    skew: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    seed: int = 0
    handwriting: bool = False
    quality: int = 80

    def images(self) -> list[Image.Image]:
        return [
            render_page(
                list(lines),
                language=self.language,
                rotation=self.rotation,
                skew_degrees=self.skew,
                blur=self.blur,
                noise=self.noise,
                seed=self.seed + number,
                handwriting=self.handwriting,
            )
            for number, lines in enumerate(self.pages)
        ]

    def data(self) -> bytes:
        images = self.images()
        if self.fmt == "tif":
            return tiff(images)
        (image,) = images
        if self.fmt == "jpg":
            return jpeg(image, self.quality)
        if self.fmt == "pdf":
            return scanned_pdf(image, title=Path(self.path).stem, when=self.when)
        return png(image)

    def flags(self) -> dict[str, Any]:
        texts = [] if self.handwriting else ["\n".join(lines) for lines in self.pages]
        flags = {
            "image_only": True,
            "ocr_text": "\n".join(texts),
            "scan": {
                "language": self.language,
                "rotation": self.rotation,
                "skew": self.skew,
                "degraded": bool(self.blur or self.noise or self.skew),
                "handwriting": self.handwriting,
            },
        }
        if len(self.pages) > 1:
            flags["ocr_pages"] = texts
        return flags

    def doc(self) -> Doc:
        language = None if self.handwriting else self.language
        return Doc(self.path, self.fmt, self.data(), self.when, language, flags=self.flags())


def build() -> list[Doc]:
    """The scanned and photographed pages, as documents with their ground truth."""
    return [scan_of(entry).doc() for entry in render.load("scans")]


def scan_of(entry: dict[str, Any]) -> Scan:
    """A scan from its entry in ``data/scans.yaml``: the fields of ``Scan``, with ``format``
    and ``time`` as in every data file."""
    capture = {k: v for k, v in entry.items() if k not in ("format", "time", "pages")}
    pages = tuple(tuple(lines) for lines in entry["pages"])
    return Scan(fmt=entry["format"], when=render.parse_time(entry["time"]), pages=pages, **capture)
