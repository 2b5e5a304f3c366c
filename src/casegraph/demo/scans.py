"""Scanned and photographed pages of the demo trove, drawn from known text.

``render_page`` types lines on a white page at 300 dpi with a DejaVu font
(Arabic is shaped and laid out right to left by Pillow's raqm layout), then
degrades it as a scanner or a phone camera would: skew, a turn by a multiple of
90 degrees, blur, specks and grain, and a loss of contrast. With
``handwriting=True`` it draws looping pen strokes shaped like cursive words
instead of letters: a page no OCR can read, which should go to a person.

Every random choice comes from a generator seeded by ``seed``, so the same
arguments always give the same pixels, and ``build`` the same bytes.

``build`` returns the quartermaster's scanned and photographed papers. Each
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
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from .model import Doc, at

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
            options = {"direction": "rtl", "language": "ar"}
            x, anchor = PAGE_SIZE[0] - MARGIN, "ra"
        else:
            options = {"direction": "ltr", "language": "en"}
            x, anchor = MARGIN, "la"
        if pen.textlength(line, font=font, **options) > width:
            raise ValueError(f"line too long for the page: {line!r}")
        pen.text((x, y), line, font=font, fill=INK, anchor=anchor, **options)


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


def scanned_pdf(page: Image.Image, *, title: str, when) -> bytes:
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

SCANS = "quartermaster/scans"
PHOTOS = "quartermaster/photos"

GATE_LOG = f"{SCANS}/2015-02-16_ras_kadir_gate_log.png"
STOCK_REPORT = f"{SCANS}/2015-03-31_fuel_stock_report.tif"
TRANSFER_NOTE = f"{SCANS}/2015-04-02_jabal_umran_transfer_note.pdf"
MOVEMENT_FAX = f"{SCANS}/2015-05-14_armoured_battalion_movement_fax.jpg"
MANIFEST_PHOTO = f"{PHOTOS}/2015-07-04_convoy_manifest.jpg"
INVENTORY_COPY = f"{SCANS}/2015-09-19_bahran_inventory_copy.jpg"
WHEAT_RECEIPT_AR = f"{SCANS}/2015-04-03_wheat_receipt_ar.png"
DEPOT_INVENTORY_AR = f"{SCANS}/2015-06-30_tell_hamra_depot_inventory_ar.png"
PAYMENT_SLIP = f"{SCANS}/2015-04-21_payment_slip_sideways.png"
DELIVERY_NOTE = f"{SCANS}/2015-04-14_delivery_note_upside_down.png"
VEHICLE_COUNT = f"{SCANS}/2015-07-06_qasr_hamid_vehicle_count.png"
HANDWRITTEN_NOTE = f"{PHOTOS}/2015-09-20_handwritten_note.jpg"


@dataclass(frozen=True)
class Scan:
    """One scanned or photographed file: its pages of text and how they were captured."""

    path: str
    fmt: str
    when: tuple[int, ...]
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
            return scanned_pdf(image, title=Path(self.path).stem, when=at(*self.when))
        return png(image)

    def flags(self) -> dict:
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
        return Doc(self.path, self.fmt, self.data(), at(*self.when), language, flags=self.flags())


PAGES = (
    # -- English, clean ----------------------------------------------------------------
    Scan(
        GATE_LOG,
        "png",
        (2, 16, 18),
        (
            (
                "RAS KADIR REFINERY - GATE LOG",
                "Week of 16 February 2015",
                "",
                "16.02 06:10 10 trucks in, client ‘Valley’, diesel 300 t",
                "16.02 09:45 10 trucks out by the Al-Rashid road",
                "17.02 07:30 8 trucks in, grain from Jabal Umran",
                "17.02 11:15 8 trucks out empty, two army jeeps",
                "",
                "Broker on site: Mr Karim Haddad, Amber Coast",
                "Gate officer: duty sergeant, night shift",
            ),
        ),
    ),
    Scan(
        STOCK_REPORT,
        "tif",
        (3, 31, 17),
        (
            (
                "SOUTHERN VALLEY BRIGADES - QUARTERMASTER",
                "Fuel stock report, March 2015",
                "Page 1 of 2",
                "",
                "Diesel received from Ras Kadir: 410 t",
                "Petrol received from Ras Kadir: 15 t",
                "Issued to the Armoured Battalion: 180 t",
                "Issued to the Bahran Battalion: 95 t",
                "Held at the Tell Hamra depot: 150 t",
                "",
                "All fuel came through Amber Coast Trading.",
            ),
            (
                "Fuel stock report, March 2015",
                "Page 2 of 2",
                "",
                "Wheat and barley sent to the refinery: 520 t",
                "Amber Coast commission: four per cent",
                "Trucks lent by the refinery: 12",
                "",
                "Next exchange: 14 April 2015 at Ras Kadir",
                "Signed: O. Fadel, quartermaster",
            ),
        ),
    ),
    Scan(
        TRANSFER_NOTE,
        "pdf",
        (4, 2, 16),
        (
            (
                "JABAL UMRAN SILOS - TRANSFER NOTE No. 27",
                "Date: 2 April 2015",
                "",
                "Wheat: 300 t Barley: 150 t",
                "Loaded on 15 trucks for the Ras Kadir refinery",
                "Consignee: Amber Coast Trading Company",
                "Payment: fuel for grain, as agreed in February",
                "",
                "Silo manager: signature not legible",
                "Checked by the quartermaster, O. F.",
            ),
        ),
    ),
    # -- English, degraded: skewed, blurred, specked, faded ----------------------------------
    Scan(
        MOVEMENT_FAX,
        "jpg",
        (5, 14, 6),
        (
            (
                "ARMOURED BATTALION - MOVEMENT REPORT",
                "14 May 2015, 05:30",
                "",
                "Tanks moved to Tell Hamra: 14",
                "Heavy guns moved to Tell Hamra: 9",
                "Armoured vehicles still in Wadi Sirr: 6",
                "Expected to leave Wadi Sirr: 15 May",
                "",
                "Fuel used on the eastern track: 38 t",
                "Report to the General Command by radio.",
            ),
        ),
        skew=-3.0,
        blur=1.0,
        noise=0.001,
        seed=514,
    ),
    Scan(
        MANIFEST_PHOTO,
        "jpg",
        (7, 4, 19),
        (
            (
                "CONVOY MANIFEST - 4 JULY 2015",
                "",
                "Trucks 1 to 12: wheat, 20 t each",
                "Trucks 13 to 18: diesel drums",
                "Trucks 19 to 22: spare tyres and water",
                "Escort: 4 pickups, no heavy weapons",
                "Route: Al-Rashid road - Qasr Hamid",
                "",
                "Checked at the depot by the quartermaster",
            ),
        ),
        skew=2.0,
        blur=1.5,
        noise=0.0005,
        seed=704,
    ),
    Scan(
        INVENTORY_COPY,
        "jpg",
        (9, 19, 15),
        (
            (
                "PORT OF BAHRAN - INVENTORY BEFORE TRANSFER",
                "19 September 2015",
                "",
                "Cranes: 3, working",
                "Fuel tanks: 5, two of them full",
                "Warehouses: 7, keys with the harbour office",
                "Tugboats: 2, one without an engine",
                "",
                "Copy for the quartermaster",
                "Copy for Amber Coast Trading",
            ),
        ),
        skew=1.5,
        blur=1.2,
        noise=0.001,
        seed=919,
    ),
    # -- Arabic, clean -------------------------------------------------------------------
    Scan(
        WHEAT_RECEIPT_AR,
        "png",
        (4, 3, 10),
        (
            (
                "ألوية الوادي الجنوبي - مكتب التموين",
                "محضر استلام القمح",
                "",
                "استلمنا من صوامع جبل عمران أربعمئة طن من القمح",
                "مقابل شحنة وقود من مصفاة رأس كادر.",
                "الوسيط: شركة الساحل العنبري للتجارة",
                "",
                "أمين المستودع: عمر فاضل",
            ),
        ),
        language="ar",
    ),
    Scan(
        DEPOT_INVENTORY_AR,
        "png",
        (6, 30, 18),
        (
            (
                "ألوية الوادي الجنوبي - مستودع تل حمرا",
                "جرد المستودع في نهاية حزيران",
                "",
                "ديزل: مئة وعشرون طنا",
                "بنزين: خمسة عشر طنا",
                "قمح: ستون طنا",
                "إطارات: أربعون",
                "",
                "أمين المستودع: عمر فاضل",
            ),
        ),
        language="ar",
    ),
    # -- English, clean, fed into the scanner sideways or upside down ---------------------
    Scan(
        PAYMENT_SLIP,
        "png",
        (4, 21, 12),
        (
            (
                "AMBER COAST TRADING COMPANY",
                "Payment slip No. 2015-044",
                "",
                "Paid to: Southern Valley Brigades",
                "For: transport of wheat to Ras Kadir",
                "Amount: 18,000 dollars",
                "Date: 21 April 2015",
            ),
        ),
        rotation=90,
    ),
    Scan(
        DELIVERY_NOTE,
        "png",
        (4, 14, 15),
        (
            (
                "RAS KADIR REFINERY - DELIVERY NOTE",
                "Date: 14 April 2015",
                "",
                "Product: diesel, 260 t",
                "Trucks: 13",
                "Collected by: client ‘Valley’",
                "Broker: Amber Coast Trading",
            ),
        ),
        rotation=180,
    ),
    Scan(
        VEHICLE_COUNT,
        "png",
        (7, 6, 8),
        (
            (
                "QASR HAMID CHECKPOINT - VEHICLE COUNT",
                "Week of 6 July 2015",
                "",
                "Cars north: 412 Cars south: 398",
                "Trucks north: 57 Trucks south: 61",
                "Buses: 12",
                "Military vehicles: 9",
            ),
        ),
        rotation=270,
    ),
    # -- handwriting: strokes with the outline of words, no letters -------------------------
    Scan(
        HANDWRITTEN_NOTE,
        "jpg",
        (9, 20, 22),
        (
            (
                "Karim says the general wants the port list by Friday",
                "no copies, burn the old ledger after the audit",
                "ask Omar about the tyres and the water trucks",
                "",
                "the money comes through the usual bank in two parts",
                "keep the Bahran keys until the army signs",
            ),
        ),
        seed=920,
        handwriting=True,
        quality=85,
    ),
)


def build() -> list[Doc]:
    """The scanned and photographed pages, as documents with their ground truth."""
    return [scan.doc() for scan in PAGES]
