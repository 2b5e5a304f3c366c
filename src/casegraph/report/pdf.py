"""The report as PDF: the same HTML, laid out in pages by WeasyPrint (Pango draws the text)."""

from __future__ import annotations

from pathlib import Path

from ..errors import MissingSystemLibrary


def write_pdf(html: str, out: Path) -> int:
    """Render the report's HTML to a PDF file; returns how many pages it has."""
    try:
        from weasyprint import HTML
    except OSError as error:  # WeasyPrint loads Pango from the system when imported
        raise MissingSystemLibrary(
            f"PDF reports need Pango (run: make setup, or apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {error}"
        ) from error
    document = HTML(string=html).render()
    document.write_pdf(out)
    return len(document.pages)
