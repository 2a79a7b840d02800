"""A long appendix table is streamed into the DOCX as WordprocessingML rows (issue 16): the
document says exactly what the table built in python-docx's tree said. (The PDF's tables:
test_pdf_table.py.)"""

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
