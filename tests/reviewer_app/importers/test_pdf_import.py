"""PDF chronologies: tables read like any other file's, scanned and hostile PDFs refused."""

from __future__ import annotations

import io
import time
import zlib
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas
from reportlab.platypus import SimpleDocTemplate, Table

from reviewer_app.chronology.importing import PAGE_HEADING, Field, ProblemKind
from reviewer_app.importers import ImportRefusedError, Limits, preview_file
from tests.reviewer_app.importers.pdf_files import (
    PDF_HEADINGS,
    pdf_rows,
    scanned_pdf,
    table_pdf,
    text_only_pdf,
)


def test_a_table_over_four_pages_is_one_table_with_pages_kept(tmp_path: Path) -> None:
    preview = preview_file(table_pdf(tmp_path))
    assert preview.file_format == "pdf" and preview.sheets == ("Table 1",)
    assert preview.headers == (*PDF_HEADINGS, PAGE_HEADING)
    assert preview.mapping[5] is Field.IGNORE and preview.mapping[3] is Field.EVENT
    expected = pdf_rows(70)
    assert [row.event for row in preview.rows] == [values[3] for values in expected]
    assert len({row.row_number for row in preview.rows}) == 70  # repeated headings passed over
    pages = [dict(row.original)[PAGE_HEADING] for row in preview.rows]
    assert pages[0] == "1" and pages[-1] == "4" and pages == sorted(pages)
    assert any("runs over pages 1 to 4" in note for note in preview.notes)
    assert not any("Columns not imported" in note for note in preview.notes)
    first = preview.rows[0]
    assert first.date is not None and first.date.time is not None
    assert (first.source, first.outcome) == ("Case note 1", "Referred to children's social care.")
    # The one row without a source comes in, with the file's name and row as its source.
    [problem] = preview.problems
    assert problem.kind is ProblemKind.MISSING_SOURCE and not problem.blocking
    assert len(preview.importable) == 70


def test_a_pdf_without_a_source_column_takes_the_batch_source(tmp_path: Path) -> None:
    rows = [[r[0], r[3], r[4]] for r in pdf_rows(5)]
    path = table_pdf(tmp_path, "school.pdf", rows, ["Date", "What happened", "Action taken"])
    preview = preview_file(path, source_default="School welfare log")
    assert not preview.source_column
    assert {row.source for row in preview.rows} == {"School welfare log"}
    assert preview.problems == ()


def test_a_scanned_pdf_is_refused_saying_so(tmp_path: Path) -> None:
    with pytest.raises(ImportRefusedError, match="no text in it: it looks like a scanned"):
        preview_file(scanned_pdf(tmp_path))


def test_a_pdf_with_no_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefusedError, match="No table was found in this PDF"):
        preview_file(text_only_pdf(tmp_path))


def test_a_table_without_lines_is_refused_not_read_wrongly(tmp_path: Path) -> None:
    """Lined up by eye only: read by word positions, sentences were split into columns."""
    buffer = io.BytesIO()
    table = Table([PDF_HEADINGS, *pdf_rows(30)], repeatRows=1)
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build([table])
    path = tmp_path / "spaced.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportRefusedError, match="with lines between its cells"):
        preview_file(path)


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt="not-the-real-one")
    page.drawString(72, 700, "Date Source Event")
    page.showPage()
    page.save()
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportRefusedError, match="protected with a password"):
        preview_file(path)


def _pdf_with_stream(stream: bytes) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>"
        b"\nstream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def test_a_compression_bomb_inside_a_pdf_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    bomb = zlib.compress(b"\0" * (80 * 1024 * 1024), 9)  # 80 MB from about 80 KB
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(bomb))
    with pytest.raises(ImportRefusedError, match="would unpack to more than 64 MB"):
        preview_file(path)


def test_too_many_pages_and_too_long_are_refused(tmp_path: Path) -> None:
    path = table_pdf(tmp_path)
    with pytest.raises(ImportRefusedError, match="has 4 pages, more than the 3"):
        preview_file(path, limits=Limits(max_pdf_pages=3))
    with pytest.raises(ImportRefusedError, match="took longer than 0 seconds"):
        preview_file(path, limits=Limits(max_pdf_seconds=0, max_pdf_seconds_per_page=0))
    with pytest.raises(ImportRefusedError, match="page 1 holds more than 100 letters"):
        preview_file(path, limits=Limits(max_pdf_page_chars=100))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%binary",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        b"%PDF-1.4\n" + b"[" * 100_000,
        b"%PDF-1.4\n1 0 obj\n<< /Length 99999999 >>\nstream\nabc",
    ],
    ids=["header-only", "page-tree-loop", "deep-nesting", "stream-past-the-end"],
)
def test_broken_pdfs_are_refused_cleanly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError):
        preview_file(path)


def test_the_report_for_a_pdf_names_the_page_of_each_problem(tmp_path: Path) -> None:
    from exporters.validation_report import report_lines

    [line] = report_lines(preview_file(table_pdf(tmp_path)))
    assert line.row_number == 8
    assert line.problem.startswith("Page 1: No source was given")


def test_a_page_crammed_with_letters_is_stopped_as_it_is_read(tmp_path: Path) -> None:
    """80,000 letters on one page: the watch stops the layout at the limit (50,000), so the
    refusal comes in a few seconds, not the half-minute laying it all out would take."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 2)
    for line in range(800):
        page.drawString(5, 5 + line, "x" * 100)
    page.showPage()
    page.save()
    path = tmp_path / "crammed.pdf"
    path.write_bytes(buffer.getvalue())
    began = time.monotonic()
    with pytest.raises(ImportRefusedError, match="page 1 holds more than 50,000 letters"):
        preview_file(path)
    assert time.monotonic() - began < 10
