"""PDF text beyond the text layer: annotations, form fields, and owner-only encryption."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from tests.ingest.conftest import Run

# a one-page PDF whose only text is a filled form field beside an unticked box
# (pdfium rebuilds the missing xref)
_FORM_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 5 0 R] >> >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R 5 0 R] >> endobj
4 0 obj << /Type /Annot /Subtype /Widget /FT /Tx /T (applicant) /V (Jos\\351 Ortega)
  /Rect [10 10 150 30] /P 3 0 R >> endobj
5 0 obj << /Type /Annot /Subtype /Widget /FT /Btn /T (married) /V /Off /AS /Off
  /Rect [10 40 20 50] /P 3 0 R >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def test_annotations_follow_the_page_text(tmp_path: Path, run: Run):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Body line")
    pdf.text_annotation(x=10, y=50, text="Reviewer: check the dates")
    pdf.free_text_annotation("Boxed remark", x=20, y=80, w=60, h=10)
    source = tmp_path / "notes.pdf"
    pdf.output(str(source))
    extraction, _ = run(source)
    assert extraction.pages[0].text == "Body line\nReviewer: check the dates\nBoxed remark"
    assert "encrypted" not in extraction.metadata


def test_form_field_values_make_a_page_with_text(tmp_path: Path, run: Run):
    source = tmp_path / "form.pdf"
    source.write_bytes(_FORM_PDF)
    extraction, _ = run(source)
    assert extraction.pages[0].text == "applicant: José Ortega"
    assert not extraction.pages[0].needs_ocr


def test_owner_password_only_is_read_and_noted(tmp_path: Path, run: Run):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Open to all readers")
    pdf.set_encryption(owner_password="owner")
    source = tmp_path / "owner.pdf"
    pdf.output(str(source))
    extraction, _ = run(source)
    assert extraction.pages[0].text == "Open to all readers"
    assert extraction.metadata["encrypted"] is True
