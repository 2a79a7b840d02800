"""Importing an Excel chronology: the messy workbook an agency actually sends."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reviewer_app.chronology.dates import Precision, Qualifier
from reviewer_app.chronology.importing import Field, ProblemKind
from reviewer_app.importers import ImportRefusedError, preview_file
from tests.reviewer_app.importers import fixtures

D = datetime.date
T = datetime.time
P = Precision
Q = Qualifier

# Excel row -> (start, end, precision, qualifier, time, original text kept)
EXPECTED_DATES = {
    5: (D(2015, 1, 5), D(2015, 1, 5), P.DAY, Q.ON, T(9, 15), "05/01/2015"),
    6: (D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None, "w/c 12/01/2015"),
    7: (D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(14, 30), "03/02/2015"),
    9: (D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.AROUND, None, "approx 03/2015"),
    10: (D(2015, 3, 1), D(2015, 5, 31), P.SEASON, Q.ON, None, "Spring 2015"),
    11: (D(2015, 6, 1), D(2015, 6, 10), P.RANGE, Q.AROUND, None, "early June 2015"),
    12: (D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None, "01/07/2015 - 03/07/2015"),
    14: (D(2015, 9, 14), D(2015, 9, 14), P.DAY, Q.ON, T(14, 30), "14/09/2015 14:30"),
    15: (D(2016, 5, 22), D(2016, 5, 22), P.DAY, Q.AROUND, None, "?22/05/2016"),
    16: (D(2016, 6, 1), D(2016, 6, 1), P.DAY, Q.ON, None, "01/06/2016"),
    17: (D(2016, 3, 1), D(2016, 3, 1), P.DAY, Q.ON, None, "01/03/2016"),
}


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return fixtures.messy_xlsx(tmp_path)


def test_the_chronology_sheet_is_found_behind_a_notes_sheet(messy: Path) -> None:
    preview = preview_file(messy)
    assert preview.file_format == "xlsx"
    assert preview.sheets == ("Notes", "Chronology")
    assert preview.sheet == "Chronology"
    assert preview.header_row == 4
    assert preview.headers == tuple(fixtures.CHRONOLOGY_HEADINGS)
    assert preview.mapping == {
        0: Field.DATE,
        1: Field.TIME,
        2: Field.SOURCE,
        3: Field.PRACTITIONER,
        4: Field.EVENT,
        5: Field.OUTCOME,
        6: Field.AGENCY_COMMENT,
    }


def test_title_and_blank_rows_are_passed_over_and_counted(messy: Path) -> None:
    preview = preview_file(messy)
    # Rows 1-3 (two title rows and a blank) above the header, and the blank row 8.
    assert preview.skipped_rows == 4
    assert [row.row_number for row in preview.rows] == [r[0] for r in fixtures.MESSY_ROWS]


def test_every_date_shape_is_read_as_a_span(messy: Path) -> None:
    rows = {row.row_number: row for row in preview_file(messy).rows}
    for number, (start, end, precision, qualifier, time, text) in EXPECTED_DATES.items():
        date = rows[number].date
        assert date is not None, number
        assert (date.start, date.end, date.precision, date.qualifier, date.time) == (
            start,
            end,
            precision,
            qualifier,
            time,
        ), number
        assert date.original == text, number
    assert rows[13].date is None  # 31/02/2015


def test_problems_name_the_rows_as_excel_numbers_them(messy: Path) -> None:
    preview = preview_file(messy)
    assert [(p.row_number, p.kind) for p in preview.problems] == [
        (13, ProblemKind.IMPOSSIBLE_DATE),
        (15, ProblemKind.MISSING_SOURCE),
        (17, ProblemKind.OUT_OF_ORDER),
    ]
    impossible = preview.problems[0]
    assert impossible.message == (
        "row 13: date '31/02/2015' does not exist: February 2015 has 28 days."
    )
    assert impossible.blocking
    assert not preview.problems[2].blocking  # out of order is a warning
    assert "row 16" in preview.problems[2].message
    importable = {row.row_number for row in preview.importable}
    # No source is a warning now: the row comes in with the file's source.
    assert 13 not in importable and 15 in importable and 17 in importable
    assert len(preview.importable) == len(preview.rows) - 1


def test_agency_text_is_kept_exactly(messy: Path) -> None:
    rows = {row.row_number: row for row in preview_file(messy).rows}
    assert rows[7].event == fixtures.POUND_EVENT
    assert rows[7].outcome == "Referred to debt advice (\u00a30 cost)."
    assert rows[16].event == fixtures.MULTI_LINE_EVENT
    assert rows[12].source == "Case notes 12\u201314"
    assert rows[6].agency_comment == "Timely."
    assert rows[5].practitioner == "PC 1234 Smith"


def test_the_original_row_keeps_every_heading_and_cell(messy: Path) -> None:
    rows = {row.row_number: row for row in preview_file(messy).rows}
    assert rows[5].original == (
        ("Date", "05/01/2015"),
        ("Time", "09:15"),
        ("Source", "Incident log 15/0042"),
        ("Practitioner / role", "PC 1234 Smith"),
        ("Details of contact", "Call from neighbour reporting shouting at the address."),
        ("Action / Outcome", "Officers attended; Child M seen."),
        ("Agency comment", ""),
    )
    assert dict(rows[13].original)["Date"] == "31/02/2015"


def test_a_sheet_can_be_chosen_by_name(messy: Path) -> None:
    with pytest.raises(ImportRefusedError, match="No column that looks like dates"):
        preview_file(messy, sheet="Notes")
    with pytest.raises(
        ImportRefusedError, match=r"no sheet called 'Sheet9'.*'Notes', 'Chronology'"
    ):
        preview_file(messy, sheet="Sheet9")


def test_a_wrong_size_declared_by_the_exporter_does_not_hide_rows(tmp_path: Path) -> None:
    """Some systems write <dimension ref="A1"/>; read-only mode would then read one row."""
    source = fixtures.messy_xlsx(tmp_path).read_bytes()
    target = tmp_path / "bad dimension.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                assert b'<dimension ref="A1:G17"/>' in data
                data = data.replace(b'<dimension ref="A1:G17"/>', b'<dimension ref="A1"/>')
            copy.writestr(info, data)
    assert len(preview_file(target).rows) == len(fixtures.MESSY_ROWS)


def test_excel_escapes_in_text_are_undone(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Source", "Event"])
    sheet.append(["05/01/2015", "Case note", "Line one_x000D_\nline two; file_x005F_x0041_.doc"])
    path = tmp_path / "escaped.xlsx"
    book.save(path)
    assert preview_file(path).rows[0].event == "Line one\nline two; file_x0041_.doc"


def test_numbers_and_time_cells_become_plain_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Time", "Source", "Event"])
    sheet.append([datetime.datetime(2015, 1, 5), datetime.time(23, 5), 15042, 3.5])
    sheet.append([2016, None, "Case note", "Year only"])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    first, second = preview_file(path).rows
    assert first.source == "15042"
    assert first.event == "3.5"
    assert first.date is not None and first.date.time == T(23, 5)
    assert dict(first.original)["Time"] == "23:05"
    assert second.date is not None and second.date.precision is P.YEAR
