"""A long appendix table is streamed into the DOCX as WordprocessingML rows (issue 16): the
document says exactly what the table built in python-docx's tree said."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from exporters import docx_renderer
from exporters.report import ReportOptions, build_report
from exporters.report_model import Table
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.demo import build_demo
from reviewer_app.reporting.inputs import ReportInputs, register_for


def _document(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_a_streamed_appendix_is_the_same_document(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    snapshot = build_demo(600)
    register = register_for(snapshot, PseudonymRegister())
    report = build_report(ReportInputs(snapshot), None, register, ReportOptions(chronology="full"))
    tables = [b for b in report.blocks() if isinstance(b, Table)]
    assert any(len(t.rows) > docx_renderer.STREAMED_ROWS for t in tables)
    streamed = docx_renderer.docx_bytes(report)
    monkeypatch.setattr(docx_renderer, "STREAMED_ROWS", 10**9)
    built = docx_renderer.docx_bytes(report)
    assert _document(streamed) == _document(built)
    assert docx_renderer._PLACEHOLDER.encode() not in _document(streamed)
    with zipfile.ZipFile(io.BytesIO(streamed)) as archive:
        assert archive.testzip() is None


def _page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_long_pdf_table_handed_over_a_page_at_a_time_sets_the_same_pages(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Long rows set in pieces too: a piece opening a page shows its date and agency."""
    from dataclasses import replace

    from exporters import pdf_renderer

    snapshot = build_demo(300)
    entries = list(snapshot.entries)
    entries[40] = entries[40].with_changes(
        event="The social worker recorded the home conditions at length. " * 200
    )
    snapshot = replace(snapshot, entries=tuple(entries))
    register = register_for(snapshot, PseudonymRegister())
    report = build_report(ReportInputs(snapshot), None, register, ReportOptions(chronology="full"))
    monkeypatch.setattr(pdf_renderer, "STREAMED_ROWS", 10)
    streamed = _page_texts(pdf_renderer.pdf_bytes(report))
    monkeypatch.setattr(pdf_renderer, "STREAMED_ROWS", 10**9)
    whole = _page_texts(pdf_renderer.pdf_bytes(report))
    assert streamed == whole
    assert sum("(cont.)" in text for text in streamed) >= 2
