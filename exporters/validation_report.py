"""The validation report a reviewer sends back to an agency about its chronology file.

It says which file was checked, how many rows were read and can be imported, and lists every
problem by the row number the agency sees in its own file, in plain British English, so the
agency can correct the file and send it again. Two forms: CSV (for the agency's own
spreadsheet) and DOCX (to attach to a letter), both built from the same lines.

Both are written as new files readable only by the user (0o600), never over an existing
file, and the DOCX carries no author or machine details in its properties.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reviewer_app.chronology.importing import PAGE_HEADING, ImportPreview
from reviewer_app.errors import FileAlreadyThereError, InvalidInputError, UserFacingError
from reviewer_app.new_files import write_new_atomic

TITLE = "Chronology validation report"
MUST_CORRECT = "Must be corrected"
PLEASE_CHECK = "Please check"
NO_SOURCE = (
    "Your file gives no source for its entries (the record each one comes from, such as "
    "'Case note' or 'Incident log 14/123'). Please add a Source column when you next send it."
)
_ROW_PREFIX = re.compile(r"^row \d+:\s*")
# Cells a spreadsheet would run as a formula; quoted so the agency's Excel shows them as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReportExistsError(FileExistsError, UserFacingError):
    """The report was not written because a file of that name exists (it is left alone)."""

    title = "The report was not written"


@dataclass(frozen=True, slots=True)
class ReportLine:
    row_number: int
    problem: str
    action: str


@dataclass(frozen=True, slots=True)
class ReportSummary:
    rows_read: int
    importable: int
    rows_with_problems: int
    rows_blocked: int


def summarise(preview: ImportPreview) -> ReportSummary:
    rows_read = len(preview.rows)
    importable = len(preview.importable)
    return ReportSummary(
        rows_read=rows_read,
        importable=importable,
        rows_with_problems=len({problem.row_number for problem in preview.problems}),
        rows_blocked=rows_read - importable,
    )


def report_lines(preview: ImportPreview) -> list[ReportLine]:
    """Every problem in row order, without the "row N:" its message starts with."""
    ordered = sorted(preview.problems, key=lambda problem: problem.row_number)
    pages = _pages(preview)
    lines = []
    for problem in ordered:
        text = _ROW_PREFIX.sub("", problem.message)
        text = text[:1].upper() + text[1:]
        if problem.row_number in pages:  # a PDF's rows are found by page
            text = f"Page {pages[problem.row_number]}: {text}"
        action = MUST_CORRECT if problem.blocking else PLEASE_CHECK
        lines.append(ReportLine(problem.row_number, text, action))
    return lines


def _pages(preview: ImportPreview) -> dict[int, str]:
    """The page of each row of a PDF (none for other files)."""
    if preview.file_format != "pdf":
        return {}
    pages = {}
    for row in preview.rows:
        for heading, text in row.original:
            if heading == PAGE_HEADING and text:
                pages[row.row_number] = text
    return pages


def summary_lines(preview: ImportPreview) -> list[tuple[str, str]]:
    summary = summarise(preview)
    lines = [("File", preview.file_name)]
    if preview.sheet:
        label = "Sheet" if preview.file_format == "xlsx" else "Table"
        lines.append((label, preview.sheet))
    lines += [
        ("Headings found in row", str(preview.header_row)),
        ("Rows read", str(summary.rows_read)),
        ("Rows that can be imported", str(summary.importable)),
        ("Rows with problems", str(summary.rows_with_problems)),
        ("Rows that must be corrected before they can be imported", str(summary.rows_blocked)),
    ]
    if not preview.source_column:
        lines.append(("Source", NO_SOURCE))
    return lines


def write_validation_report(preview: ImportPreview, path: Path, agency_name: str) -> Path:
    """The validation report as CSV or Word, by the file name's suffix (.csv or .docx)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_validation_csv(preview, path)
    elif suffix == ".docx":
        write_validation_docx(preview, path, agency_name)
    else:
        raise InvalidInputError("The validation report can be a .docx or a .csv file.")
    return path


def write_validation_csv(preview: ImportPreview, path: Path) -> None:
    """The report as CSV (UTF-8 with a byte-order mark, so Excel shows '£' and accents)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([TITLE])
    for label, value in summary_lines(preview):
        writer.writerow([label, _safe_cell(value)])
    writer.writerow([])
    writer.writerow(["Row", "Problem", "What is needed"])
    for line in report_lines(preview):
        writer.writerow([line.row_number, _safe_cell(line.problem), line.action])
    _create_private(path, buffer.getvalue().encode("utf-8-sig"))


def write_validation_docx(preview: ImportPreview, path: Path, agency_name: str) -> None:
    """The report as a Word document with built-in heading styles and a problems table."""
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(f"Agency: {agency_name}")
    document.add_paragraph(f"Checked on {_uk_day(datetime.date.today())}.")

    document.add_heading("Summary", level=2)
    summary = document.add_table(rows=0, cols=2)
    summary.style = "Table Grid"
    for label, value in summary_lines(preview):
        cells = summary.add_row().cells
        cells[0].text = label
        cells[1].text = value

    document.add_heading("Problems", level=2)
    lines = report_lines(preview)
    if not lines:
        document.add_paragraph("No problems were found. Thank you.")
    else:
        document.add_paragraph(
            "Row numbers are those in your file. Rows marked 'Must be corrected' cannot be "
            "added to the review until they are; please correct them and send the file again. "
            "Rows marked 'Please check' can be imported, but may be wrong."
        )
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        header = table.rows[0]
        for cell, heading in zip(header.cells, ("Row", "Problem", "What is needed"), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(heading).bold = True
        _repeat_as_header(header)
        for line in lines:
            cells = table.add_row().cells
            cells[0].text = str(line.row_number)
            cells[1].text = line.problem
            cells[2].text = line.action

    if preview.notes:
        document.add_heading("Notes on reading the file", level=2)
        for note in preview.notes:
            document.add_paragraph(note, style="List Bullet")

    _clear_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    _create_private(path, buffer.getvalue())


def _safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uk_day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _repeat_as_header(row: Any) -> None:
    """Mark a table row as a header: repeated on each page and announced by screen readers."""
    tr_pr = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    tr_pr.append(marker)


def _clear_properties(document: Any) -> None:
    """No author, editor or tool name in the file's properties; just the title."""
    properties = document.core_properties
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.title = TITLE
    properties.revision = 1
    properties.created = now
    properties.modified = now


def _create_private(path: Path, content: bytes) -> None:
    """Write a new file only the user can read, whole or not at all; raise `ReportExistsError`
    if `path` exists."""
    try:
        write_new_atomic(path, content)
    except FileAlreadyThereError as error:
        if not os.path.lexists(path):
            raise
        raise ReportExistsError(
            f"A file called '{path.name}' already exists there, so the report was not "
            "written. Choose another name or folder."
        ) from error
