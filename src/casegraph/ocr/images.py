"""The image of one page to OCR: a PDF page rendered at the case's resolution, or an image frame."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps

DEFAULT_IMAGE_DPI = 300
# photographs often claim 72 dpi; below this a claimed resolution is not believed
MIN_BELIEVABLE_DPI = 150


def page_image(path: Path, mime: str, number: int, dpi: int) -> tuple[Image.Image, int]:
    """The page as a greyscale image and the resolution to tell Tesseract."""
    if mime == "application/pdf":
        return _pdf_page(path, number, dpi), dpi
    return _image_frame(path, number)


def _pdf_page(path: Path, number: int, dpi: int) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        bitmap = document[number - 1].render(scale=dpi / 72, grayscale=True)
        rendered: Image.Image = bitmap.to_pil()
        return rendered.convert("L")
    finally:
        document.close()


def _image_frame(path: Path, number: int) -> tuple[Image.Image, int]:
    with Image.open(path) as image:
        image.seek(number - 1)
        claimed = image.info.get("dpi", (0, 0))[0] or 0
        # EXIF orientation first: phones store pictures sideways and say so
        frame = ImageOps.grayscale(ImageOps.exif_transpose(image).convert("RGB"))
    dpi = round(claimed) if claimed >= MIN_BELIEVABLE_DPI else DEFAULT_IMAGE_DPI
    return frame, dpi
