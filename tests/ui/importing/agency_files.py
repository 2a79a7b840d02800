"""Small synthetic agency chronologies for the import wizard's tests and screenshots.

Every person and place is made up ("Child M", "PC 1234", "Northtown"). Each builder writes a
file under the folder it is given and returns its path.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

from tests.reviewer_app.importers.fixtures import write_csv

HEADINGS = ["Date", "Source", "Details of contact", "Action / Outcome"]

ROWS_2015 = [
    [
        "05/01/2015",
        "Incident log 15/0042",
        "Call from neighbour about shouting.",
        "PC 1234 attended.",
    ],
    ["12/01/2015", "Case note", "Strategy discussion held.", "Section 47 enquiry agreed."],
    ["03/02/2015", "Case note 0231", "Home visit; Child M seen.", "No further action."],
]

# The sheet the reviewer chooses: title rows, a blank row, then the header in row 4.
# Row 7 has a date that does not exist (left out); row 9 is earlier than row 8 (a warning).
ROWS_2016: list[list[object]] = [
    [
        datetime.datetime(2016, 1, 4),
        "Case note",
        "Child M seen at school.",
        "Referred to school nurse.",
    ],
    ["w/c 11/01/2016", "GP record", "Mother brought Child M with a cough.", "Prescription given."],
    ["31/02/2016", "Case note", "Visit recorded.", "Letter sent."],
    [
        "01/06/2016",
        "Incident log 16/0977",
        "Domestic incident; Child M present.",
        "DASH: medium risk.",
    ],
    ["01/03/2016", "Case note", "Case closed to children's social care.", "Closure letter."],
]
ROWS_2016_FIRST = 5  # spreadsheet row of ROWS_2016[0]
LEFT_OUT_ROW = 7
OUT_OF_ORDER_ROW = 9


def multi_sheet_xlsx(folder: Path, name: str = "Northtown police chronology.xlsx") -> Path:
    """A cover sheet, a clean 2015 chronology (read by default) and a messier 2016 one."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "Northtown Police: records held about Child M"
    cover["A2"] = "Searched by the safeguarding team."
    first = book.create_sheet("Chronology 2015")
    first.append(HEADINGS)
    for values in ROWS_2015:
        first.append(values)
    second = book.create_sheet("Chronology 2016")
    second["A1"] = "Northtown Police – chronology of involvement with Child M"
    second["A2"] = "Period under review: 01/01/2016 to 31/12/2016"
    for column, heading in enumerate(HEADINGS, start=1):
        second.cell(row=4, column=column, value=heading)
    for offset, row in enumerate(ROWS_2016):
        for column, value in enumerate(row, start=1):
            second.cell(row=ROWS_2016_FIRST + offset, column=column, value=value)
    second.cell(row=ROWS_2016_FIRST, column=1).number_format = "dd/mm/yyyy"
    path = folder / name
    book.save(path)
    return path


def long_csv(folder: Path, rows: int, name: str = "Northtown health visiting.csv") -> Path:
    """A clean chronology of `rows` visits, long enough for several progress reports."""
    start = datetime.date(2014, 1, 1)
    lines = [["Date", "Source", "Details of contact", "Action / Outcome"]]
    for n in range(rows):
        day = start + datetime.timedelta(days=n // 3)
        lines.append([f"{day:%d/%m/%Y}", f"HV record {n}", f"Visit {n}: Child M seen.", "NFA"])
    return write_csv(folder / name, lines)


def small_csv(folder: Path, name: str, events: list[str]) -> Path:
    """One entry per event, a day apart, from 'Case note N'."""
    lines = [["Date", "Source", "Details of contact", "Action / Outcome"]]
    for n, event in enumerate(events):
        lines.append([f"{n + 1:02d}/03/2016", f"Case note {n + 1}", event, ""])
    return write_csv(folder / name, lines)


def truncated_xlsx(folder: Path) -> Path:
    """A workbook cut off half way, as an interrupted download leaves it."""
    whole = multi_sheet_xlsx(folder, "whole.xlsx").read_bytes()
    path = folder / "Northtown police chronology (damaged).xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path
