"""A document of the review's for people outside it (the Panel, the partners) written as Word
through the anonymisation gate, with no override: the report model is scanned, then the file
as rendered is read back and scanned again, and only then written (`reviewer_app.new_files`:
never half-written, never over a file unless asked)."""

from __future__ import annotations

from pathlib import Path

from exporters.docx_renderer import docx_bytes
from exporters.report.export import (
    ExportBlockedError,
    _write_new,
    check_report,
    check_written,
    model_lines,
)
from exporters.report_model import Report, text_pieces
from reviewer_app.anonymisation.register import PseudonymRegister


def gated_docx(report: Report, register: PseudonymRegister) -> bytes:
    """The DOCX of `report`, or `ExportBlockedError` if anything could identify the family."""
    pieces = list(text_pieces(report))
    hits = check_report(report, register, pieces)
    if hits:
        raise ExportBlockedError(hits)
    data = docx_bytes(report)
    rendered = check_written(data, "docx", register, model_lines(pieces))
    if rendered:
        raise ExportBlockedError(rendered)
    return data


def check_model(report: Report, register: PseudonymRegister) -> None:
    """The first stage only, for a file that is not Word (the action plan's Excel workbook)."""
    hits = check_report(report, register, list(text_pieces(report)))
    if hits:
        raise ExportBlockedError(hits)


def write_new(path: Path, data: bytes, *, overwrite: bool) -> None:
    _write_new(path, data, overwrite=overwrite)
