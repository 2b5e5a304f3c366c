"""The report as PDF: the same HTML, laid out in pages by WeasyPrint (Pango draws the text)."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML


def write_pdf(html: str, out: Path) -> int:
    """Render the report's HTML to a PDF file; returns how many pages it has."""
    document = HTML(string=html).render()
    document.write_pdf(out)
    return len(document.pages)
