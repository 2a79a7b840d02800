"""The request pack sent to one agency: a letter, a template workbook and a Word table version.

Everything in it comes from `PackDetails` (the agency's name, the review's title as it may be
shown outside the review, the period, the deadline, the reference) and from the app's own
wording; nothing from the chronology or the people in the review. The files are new,
owner-only and whole (`reviewer_app/new_files.py`), and none is written if any name is taken.
The workbook and the Word table carry the reference (a defined name and the identifier
property), so the file the agency sends back is recognised and read with these columns.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from exporters.docx_template import template_bytes
from reviewer_app.chronology.requests import (
    EXAMPLE_MARK,
    INSTRUCTIONS_SHEET,
    REFERENCE_NAME,
    TEMPLATE_COLUMNS,
    TEMPLATE_SHEET,
    PackDetails,
    uk_date,
)
from reviewer_app.errors import FileAlreadyThereError
from reviewer_app.new_files import write_new_atomic

#: Template rows with data validation and date formats (agencies rarely send more).
TEMPLATE_ROWS = 5000
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "03/02/2015",
        "14:30",
        f"{EXAMPLE_MARK} - case note (delete this row)",
        "Health visitor",
        f"{EXAMPLE_MARK}: Home visit. Child seen and weighed; parent said feeding was going well.",
        "Next visit booked for four weeks' time.",
        "",
    ),
    (
        "approx 05/2014",
        "",
        f"{EXAMPLE_MARK} - referral form (delete this row)",
        "Duty social worker",
        f"{EXAMPLE_MARK}: Referral received from the school about the child's attendance.",
        "Passed to the early help team.",
        "The exact date is not recorded in the file.",
    ),
)

UNCERTAIN_DATES: tuple[tuple[str, str], ...] = (
    ("05/2014", "some time in May 2014"),
    ("approx 05/2014", "around May 2014"),
    ("w/c 12/01/2015", "the week beginning 12 January 2015"),
    ("Spring 2015", "some time in spring 2015"),
    ("2014", "some time in 2014"),
    ("01/07/2015 - 03/07/2015", "between 1 and 3 July 2015"),
)

INCLUDE = (
    "every contact your agency had with the child and with the adults in the household, "
    "including telephone calls, letters, missed appointments and contacts that did not happen",
    "referrals, assessments, meetings and decisions, and who took part in them",
    "information shared with or received from other agencies",
    "what was done or decided as a result of each contact",
)
LEAVE_OUT = (
    "your agency's later views on what should have happened (put any comment in the "
    "'Agency comment' column, not in the record of the event)",
    "contacts outside the period under review, unless they explain something within it",
    "practitioners' names: give their role instead",
    "copies of whole records or reports: summarise each contact in its row",
)
SECURE_RETURN = (
    "Please send the completed workbook (or the Word table) back through your organisation's "
    "secure email or secure file transfer service, never by ordinary email. Do not add a "
    "password to the file itself, and keep the file's name and the reference above: the "
    "reference lets the review read your chronology straight in. Delete any copies you no "
    "longer need once it has been received."
)


@dataclass(frozen=True, slots=True)
class WrittenPack:
    letter: Path
    workbook: Path
    word_table: Path

    @property
    def paths(self) -> tuple[Path, Path, Path]:
        return (self.letter, self.workbook, self.word_table)


def pack_paths(pack: PackDetails, folder: Path) -> WrittenPack:
    agency = " ".join(_UNSAFE_NAME.sub(" ", pack.agency).split())[:80] or "Agency"
    stem = f"{agency} - chronology request {pack.reference}"
    return WrittenPack(
        folder / f"{stem} - letter.docx",
        folder / f"{stem} - template.xlsx",
        folder / f"{stem} - template (Word).docx",
    )


def write_request_pack(pack: PackDetails, folder: Path) -> WrittenPack:
    """Write the three files into `folder`; none if any of their names is already taken."""
    paths = pack_paths(pack, folder)
    for path in paths.paths:
        if os.path.lexists(path):
            raise FileAlreadyThereError(
                f"There is already a file called '{path.name}' in that folder. Choose another "
                "folder: nothing was written."
            )
    contents = (letter_bytes(pack), workbook_bytes(pack), word_table_bytes(pack))
    written: list[Path] = []
    try:
        for path, content in zip(paths.paths, contents, strict=True):
            write_new_atomic(path, content)
            written.append(path)
    except BaseException:
        for path in written:  # all three or none: a half pack would only confuse the agency
            path.unlink(missing_ok=True)
        raise
    return paths


# -- what every part says -------------------------------------------------------------------------
def period_text(pack: PackDetails) -> str:
    if pack.period is None:
        return "the period set out in the review's terms of reference"
    start, end = pack.period
    return f"{uk_date(start)} to {uk_date(end)}"


def deadline_text(pack: PackDetails) -> str:
    if pack.due_on is None:
        return "by the date agreed with the review's business manager"
    return f"by {pack.due_on:%A} {uk_date(pack.due_on)}"


def review_line(pack: PackDetails) -> str:
    board = f", commissioned by {pack.board}" if pack.board else ""
    return f"{pack.review_kind}: {pack.review_title}{board}"


# -- the letter -----------------------------------------------------------------------------------
def _document() -> Any:
    document = docx.Document(io.BytesIO(template_bytes()))
    properties = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for name in ("author", "last_modified_by", "comments", "subject", "keywords", "category"):
        setattr(properties, name, "")
    properties.revision = 1
    properties.created = now
    properties.modified = now
    return document


def _bullets(document: Any, items: tuple[str, ...]) -> None:
    for item in items:
        document.add_paragraph(item[0].upper() + item[1:] + ".", style="List Bullet")


def _repeat_as_header(row: Any) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _table(document: Any, rows: list[tuple[str, ...]], widths: list[float]) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])
            cell.text = value
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    _repeat_as_header(table.rows[0])
    return table


def letter_bytes(pack: PackDetails) -> bytes:
    document = _document()
    document.core_properties.title = f"Request for a chronology ({pack.reference})"
    document.add_heading("Request for a chronology", level=1)
    document.add_paragraph(f"Reference: {pack.reference}\nDate: {uk_date(pack.requested_on)}")
    document.add_paragraph(f"To: {pack.agency}")
    document.add_paragraph(f"Review: {review_line(pack)}")
    document.add_paragraph(
        "Thank you for taking part in this review. It is about learning how local services can "
        "work together better to keep children safe; it is not about blame. I am asking each "
        "agency involved for a chronology of its contact with the family, using the template "
        "sent with this letter."
    )
    document.add_heading("The period under review", level=2)
    document.add_paragraph(
        f"Please include contacts from {period_text(pack)}. If something earlier explains a "
        "contact within the period, include it and say so in the 'Agency comment' column."
    )
    document.add_heading("What to include", level=2)
    _bullets(document, INCLUDE)
    document.add_heading("What to leave out", level=2)
    _bullets(document, LEAVE_OUT)
    document.add_heading("The columns", level=2)
    document.add_paragraph(
        "Please use the template workbook (or the Word table, if you prefer) and keep its "
        "columns and headings as they are, one row for each contact:"
    )
    _table(
        document,
        [("Column", "What to write"), *((c.heading, c.guidance) for c in TEMPLATE_COLUMNS)],
        [4.0, 12.5],
    )
    document.add_paragraph(
        "The first rows of the template are examples, marked EXAMPLE. Delete them or leave "
        "them: they are never read into the review."
    )
    document.add_heading("Dates you are not sure of", level=2)
    document.add_paragraph(
        "Write dates day first (03/02/2015 is 3 February 2015). If the record does not give "
        "the exact day, write what it does say rather than guessing a day:"
    )
    _table(document, [("Write", "Meaning"), *UNCERTAIN_DATES], [5.0, 11.5])
    document.add_heading("When it is needed", level=2)
    document.add_paragraph(
        f"Please return your chronology {deadline_text(pack)}. If you cannot meet this date, "
        "please say so as soon as you can."
    )
    document.add_heading("Returning it securely", level=2)
    document.add_paragraph(SECURE_RETURN)
    document.add_paragraph(
        "If anything here is unclear, please ask before you start. Thank you for your help."
    )
    document.add_paragraph("Lead reviewer")
    return _saved(document)


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- the Word table version ----------------------------------------------------------------------
def word_table_bytes(pack: PackDetails) -> bytes:
    document = _document()
    document.core_properties.title = f"Chronology template ({pack.reference})"
    document.core_properties.identifier = pack.reference
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(f"Chronology for {pack.agency}", level=1)
    document.add_paragraph(
        f"Template reference: {pack.reference}. Review: {review_line(pack)}. "
        f"Period: {period_text(pack)}. "
        f"Please return it {deadline_text(pack)}. One row per contact; add rows as you need "
        "them and keep the headings as they are. The rows marked EXAMPLE are not read."
    )
    blank = ("",) * len(TEMPLATE_COLUMNS)
    rows = [tuple(c.heading for c in TEMPLATE_COLUMNS), *EXAMPLE_ROWS, *([blank] * 8)]
    table = _table(document, rows, [2.4, 1.4, 3.2, 3.0, 7.0, 4.5, 3.5])
    for cell in table.rows[1].cells + table.rows[2].cells:
        for run in cell.paragraphs[0].runs:
            run.italic = True
            run.font.size = Pt(9)
    return _saved(document)


# -- the template workbook -----------------------------------------------------------------------
def workbook_bytes(pack: PackDetails) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    sheet = book.create_sheet(TEMPLATE_SHEET)
    book.properties.title = f"Chronology template ({pack.reference})"
    book.properties.identifier = pack.reference
    book.properties.creator = ""
    book.defined_names[REFERENCE_NAME] = DefinedName(
        REFERENCE_NAME, attr_text=f'"{pack.reference}"'
    )

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[str, str]] = [
        ("Chronology template", ""),
        ("Reference", pack.reference),
        ("For", pack.agency),
        ("Review", review_line(pack)),
        ("Period under review", period_text(pack)),
        ("Please return it", deadline_text(pack)),
        ("", ""),
        ("How to fill it in", f"Write one row for each contact on the '{TEMPLATE_SHEET}' sheet. "
         "Keep the headings in row 1 as they are, and do not add or move columns."),
        ("Examples", "Rows 2 and 3 are examples marked EXAMPLE. Delete them or leave them: "
         "they are never read into the review."),
        ("", ""),
        ("Column", "What to write"),
        *((c.heading, c.guidance) for c in TEMPLATE_COLUMNS),
        ("", ""),
        ("Dates you are not sure of", "Write what the record says rather than guessing a day:"),
        *UNCERTAIN_DATES,
        ("", ""),
        ("Returning it", SECURE_RETURN),
    ]  # fmt: skip
    for row, (label, text) in enumerate(lines, start=1):
        instructions.cell(row, 1, label).font = bold
        instructions.cell(row, 2, text).alignment = wrap
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 28
    instructions.column_dimensions["B"].width = 100

    header_fill = PatternFill("solid", fgColor="1F3B5C")
    example_fill = PatternFill("solid", fgColor="EDEDED")
    for column, spec in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(1, column, spec.heading)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = wrap
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = spec.width
    for row, values in enumerate(EXAMPLE_ROWS, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.font = Font(italic=True, color="595959")
            cell.fill = example_fill
            cell.alignment = wrap
    last = TEMPLATE_ROWS + 1
    # Formats for the whole column, not cell by cell: the sheet stays two rows long, so an
    # agency's rows (typed, pasted or appended by a script) follow the examples.
    sheet.column_dimensions["A"].number_format = "dd/mm/yyyy"
    sheet.column_dimensions["B"].number_format = "hh:mm"
    dates = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(1900,1,1)",
        formula2="DATE(2100,12,31)",
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle="Not a full date",
        error=(
            "This is not a full date (dd/mm/yyyy). If the record does not give the day, that "
            "is fine: write what it says (05/2014, approx 05/2014, Spring 2015) and choose "
            "Yes to keep it."
        ),
        showInputMessage=True,
        promptTitle="Date",
        prompt="dd/mm/yyyy, or what the record says: 05/2014, approx 05/2014, w/c 12/01/2015.",
    )
    times = DataValidation(
        type="time",
        operator="between",
        formula1="0",
        formula2="0.999988426",
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle="Not a time",
        error="Write the time as HH:MM on the 24-hour clock, for example 14:30.",
    )
    sheet.add_data_validation(dates)
    sheet.add_data_validation(times)
    dates.add(f"A2:A{last}")
    times.add(f"B2:B{last}")
    sheet.freeze_panes = "A2"
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
