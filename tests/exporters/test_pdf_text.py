"""The second stage's own reading of a written PDF (`exporters.report.pdf_text`).

It must read every text a PDF draws, as pypdf's `extract_text` does (the same characters, in
the same order, whatever the spacing), far faster; and where it cannot follow a page with
certainty it must hand the page to pypdf rather than skip anything.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import exporters.report.pdf_text as pdf_text
from exporters.pdf_renderer import pdf_bytes
from exporters.report.build import build_report
from exporters.report.export import check_written
from exporters.report_model import Heading, Paragraph, Report, Section
from reviewer_app.anonymisation import HitKind
from tests.exporters.report_fixtures import REGISTER, demo_inputs


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _both(data: bytes) -> tuple[list[str], list[str]]:
    mine = pdf_text.pages_text(PdfReader(io.BytesIO(data)).pages)
    theirs = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return mine, theirs


def _with(report: Report, *texts: str) -> Report:
    extra = Section(
        "extra",
        "Extra",
        (Heading("More", 2, anchor="extra"), *(Paragraph(text) for text in texts)),
    )
    return replace(report, sections=(*report.sections, extra))


def test_a_report_reads_as_pypdf_reads_it_page_by_page() -> None:
    report = _with(
        build_report(demo_inputs(60)),
        "Zoë Wójcik and Gráinne Ní Bhriain met Philippa Quartermaine (née Smith-Jones) – twice.",
        "Brackets (nested (twice)) and a backslash \\ and “quotes” £5.",
    )
    mine, theirs = _both(pdf_bytes(report))
    assert len(mine) == len(theirs) > 3
    for n, (a, b) in enumerate(zip(mine, theirs, strict=True), start=1):
        assert _squeezed(a) == _squeezed(b), f"page {n}"
    assert "Philippa Quartermaine" in " ".join(mine[-1].split())


def test_the_fast_reading_is_the_one_used_for_reportlab_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's own PDFs never need pypdf's slow reading (else the gate would be slow)."""

    def refuse(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("fell back to pypdf")

    monkeypatch.setattr("pypdf.PageObject.extract_text", refuse)
    data = pdf_bytes(_with(build_report(demo_inputs(60)), "Zoë Wójcik – Philippa"))
    assert any(
        "Zoë Wójcik" in page for page in pdf_text.pages_text(PdfReader(io.BytesIO(data)).pages)
    )


def _canvas_pdf(raw_operators: bytes, form: bytes = b"") -> bytes:
    """One page drawn by the canvas (Helvetica, a standard encoding), with raw operators."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 800, "Plain text first")
    if form:
        canvas.beginForm("inner")
        canvas.setFont("Helvetica", 10)
        canvas.drawString(0, 0, form.decode("latin-1"))
        canvas.endForm()
        canvas.beginForm("outer")
        canvas.doForm("inner")
        canvas.endForm()
        canvas.doForm("outer")
    canvas._code.append(raw_operators.decode("latin-1"))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize(
    "operators",
    [
        b"BT /F1 12 Tf 72 700 Td [(Phil) -20 (ippa) -600 (Quarter) 10 (maine)] TJ ET",
        b"BT /F1 12 Tf 72 700 Td <5068696C69707061> Tj ( Quartermaine) ' ET",
        b"BT /F1 12 Tf 72 700 Td (Phil\\151ppa\\\n Quarter\\(maine\\)) Tj ET",
        b'BT /F1 12 Tf 72 700 Td 0 0 (Philippa Quartermaine) " ET',
        b"BT /F1 12 Tf 72 700 Td (Philippa) Tj 0 -14 Td (Quartermaine) Tj ET",
    ],
)
def test_every_way_of_showing_text_is_read(operators: bytes) -> None:
    mine, theirs = _both(_canvas_pdf(operators))
    assert _squeezed(mine[0]) == _squeezed(theirs[0])
    assert "Philippa" in mine[0] and "Quarter" in mine[0]


def test_text_inside_nested_form_objects_is_read() -> None:
    mine, theirs = _both(_canvas_pdf(b"", form=b"Tobias Quartermaine"))
    assert "Tobias Quartermaine" in mine[0]
    assert _squeezed(mine[0]) == _squeezed(theirs[0])


@pytest.mark.parametrize(
    "operators",
    [
        # a string with parentheses nested deeper than the pattern follows
        b"BT /F1 12 Tf 72 700 Td (Philippa (Quarter(ma(i)ne))) Tj ET",
        # a move along the line, where a space depends on widths
        b"BT /F1 12 Tf 72 700 Td (Philippa) Tj 40 0 Td (Quartermaine) Tj ET",
        # text before any font in its text object
        b"BT 72 700 Td (Philippa Quartermaine) Tj ET",
    ],
)
def test_what_the_reader_cannot_follow_goes_to_pypdf(
    operators: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []
    real = pdf_text.PageObject.extract_text

    def counted(page: pdf_text.PageObject, *args: object, **kwargs: object) -> str:
        used.append(1)
        return str(real(page, *args, **kwargs))

    monkeypatch.setattr(pdf_text.PageObject, "extract_text", counted)
    data = _canvas_pdf(operators)
    mine = pdf_text.pages_text(PdfReader(io.BytesIO(data)).pages)
    assert used == [1]
    assert "Philippa" in mine[0]


def test_a_name_split_into_pieces_in_the_file_is_still_caught() -> None:
    data = _canvas_pdf(b"BT /F1 12 Tf 72 700 Td [(Phil) -20 (ippa Quarter) 10 (maine)] TJ ET")
    hits = check_written(data, "pdf", REGISTER)
    assert hits and all(h.kind is HitKind.NAME for h in hits)
    assert any("Philippa Quartermaine" in h.found for h in hits)
