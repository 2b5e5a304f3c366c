"""The image of one page: for OCR, a PDF page rendered at the case's resolution or an image
frame; for a person, the same page in colour at the width a screen needs."""

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


def page_picture(path: Path, mime: str, number: int, width: int) -> Image.Image:
    """The page in colour, as OCR saw it (EXIF orientation applied), at most width wide."""
    if mime == "application/pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path))
        try:
            page = document[number - 1]
            scale = min(width / page.get_width(), 200 / 72)
            picture: Image.Image = page.render(scale=scale).to_pil()
        finally:
            document.close()
        return picture.convert("RGB")
    with Image.open(path) as image:
        image.seek(number - 1)
        picture = ImageOps.exif_transpose(image).convert("RGB")
    if picture.width > width:
        picture.thumbnail((width, round(picture.height * width / picture.width)))
    return picture
