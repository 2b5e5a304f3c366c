"""Images: no text layer, so one empty page per frame, flagged for OCR."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..errors import CorruptFile, LimitExceeded
from ..records import Extraction
from .context import ExtractContext
from .text import iso_date, labelled, put

MIMES = frozenset({"image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp", "image/webp"})

_EXIF_IFD, _DATE_TAKEN, _ARTIST = 0x8769, 0x9003, 0x013B


def extract(path: Path, ctx: ExtractContext, mime: str) -> Extraction:
    """Size, format and EXIF author/date; one OCR page per frame (TIFF) or one page."""
    extraction = Extraction(mime=mime, extractor=labelled("image", "pillow"))
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
            exif = image.getexif()
            taken = exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN)
            put(
                extraction.metadata,
                width=image.width,
                height=image.height,
                format=image.format,
                author=exif.get(_ARTIST),
                created=iso_date(taken.replace(":", "-", 2)) if isinstance(taken, str) else None,
            )
    except Image.DecompressionBombError as error:
        raise LimitExceeded(str(error)) from None
    except UnidentifiedImageError as error:
        raise CorruptFile(str(error)) from None
    for _ in range(frames):
        extraction.add_page("", needs_ocr=True)
    if frames > 1:
        extraction.metadata["page_count"] = frames
    return extraction
