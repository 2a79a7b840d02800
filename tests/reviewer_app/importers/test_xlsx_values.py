"""Every kind of cell an Excel workbook holds reads as openpyxl reads it.

The workbook reader (`xlsx_tables`) streams the XML itself, for speed; what a reviewer sees must
stay what openpyxl's `load_workbook(read_only=True, data_only=True)` gives. The workbook here
is written part by part, so it holds what Excel and other exporters really write: shared and
inline strings (with formatted runs, phonetic guides and `_xHHHH_` escapes), booleans, errors,
formula results, ISO dates, numbers in date, time, duration and plain styles, serials beyond any
calendar, cells without references or out of order, rows missing or out of order, and both the
1900 and the 1904 calendars. Each sheet is read both ways and compared value by value, type too.
"""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reviewer_app.importers import ImportRefusedError, preview_file
from reviewer_app.importers.limits import Limits
from reviewer_app.importers.tables import Cell
from reviewer_app.importers.xlsx_tables import XlsxSource

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

SHARED = [
    "<si><t>Date</t></si>",
    "<si><t>Event</t></si>",
    '<si><t xml:space="preserve">  Home visit; Child M seen  </t></si>',
    # formatted runs, with a phonetic guide that is not part of the text
    "<si><r><t>Strategy </t></r><r><rPr><b/></rPr><t>meeting</t></r>"
    '<rPh sb="0" eb="1"><t>ignored</t></rPh></si>',
    "<si><t>Line one_x000D_\nline two</t></si>",
    "<si><t>file_x005F_x0041_.doc and _x0041_</t></si>",  # _x005F_ is an escaped "_"
    "<si><t/></si>",
    "<si><t>Police \u2013 \u201cNFA\u201d \u00a35</t></si>",
]

STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="4">'
    '<numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="[h]:mm:ss"/>'
    '<numFmt numFmtId="166" formatCode="0.00"/>'
    '<numFmt numFmtId="167" formatCode="d mmmm yyyy;@"/>'
    "</numFmts>"
    '<fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="9">'
    '<xf numFmtId="0"/>'  # 0 general
    '<xf numFmtId="14" applyNumberFormat="1"/>'  # 1 built-in date
    '<xf numFmtId="164" applyNumberFormat="1"/>'  # 2 custom date and time
    '<xf numFmtId="165" applyNumberFormat="1"/>'  # 3 custom duration
    '<xf numFmtId="21" applyNumberFormat="1"/>'  # 4 built-in time h:mm:ss
    '<xf numFmtId="166" applyNumberFormat="1"/>'  # 5 a number, not a date
    '<xf numFmtId="46" applyNumberFormat="1"/>'  # 6 built-in duration [h]:mm:ss
    '<xf numFmtId="167" applyNumberFormat="1"/>'  # 7 custom date with a text section
    '<xf numFmtId="20" applyNumberFormat="1"/>'  # 8 built-in time h:mm
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _cells(*cells: str) -> str:
    return "".join(cells)


# Row 1 is the header; later rows cover one kind of cell each, with rows 6, 9 and 13 missing.
VALUES_SHEET_ROWS = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
    '<row r="2"><c r="A2" s="1"><v>42009</v></c><c r="B2" t="s"><v>2</v></c>'
    '<c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c>'
    '<c r="F2" t="s"><v>6</v></c><c r="G2" t="s"><v>7</v></c></row>',
    # numbers: int, float, exponent, negative, a number style that is not a date
    '<row r="3"><c r="A3"><v>15042</v></c><c r="B3"><v>3.5</v></c><c r="C3"><v>1E3</v></c>'
    '<c r="D3"><v>-7</v></c><c r="E3" s="5"><v>2.25</v></c><c r="F3" t="n"><v>12</v></c>'
    '<c r="G3" s="0"><v>0.1</v></c></row>',
    # dates and times in each style, and durations
    '<row r="4"><c r="A4" s="2"><v>42009.5</v></c><c r="B4" s="4"><v>0.25</v></c>'
    '<c r="C4" s="3"><v>1.5</v></c><c r="D4" s="6"><v>0.75</v></c><c r="E4" s="7"><v>42370</v></c>'
    '<c r="F4" s="8"><v>0.9604166666666667</v></c><c r="G4" s="1"><v>60</v></c></row>',
    # booleans, errors, a formula's text result, an ISO date, an inline string
    '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="b"><v>0</v></c>'
    '<c r="C5" t="e"><v>#N/A</v></c><c r="D5" t="e"><v>#DIV/0!</v></c>'
    '<c r="E5" t="str"><f>A1&amp;B1</f><v>DateEvent_x000D_</v></c>'
    '<c r="F5" t="d"><v>2015-01-05T09:15:00</v></c>'
    '<c r="G5" t="inlineStr"><is><r><t>Inline </t></r><r><t>runs_x0041_</t></r>'
    '<rPh sb="0" eb="1"><t>no</t></rPh></is></c></row>',
    # cells without references follow the one before; an empty value and an empty cell
    '<row r="7"><c t="s"><v>1</v></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c>'
    '<c r="H7" t="s"><v></v></c><c r="I7"/></row>',
    # cells out of order: each goes to its column; the row ends at the last cell's column, so
    # C8, written first, is dropped (as openpyxl drops it)
    '<row r="8"><c r="C8"><v>3</v></c><c r="A8"><v>1</v></c><c r="B8" t="s"><v>7</v></c></row>',
    # a row without a number follows the one before
    '<row><c r="A9"><v>9</v></c></row>',
    '<row r="10"><c r="AB10" t="s"><v>0</v></c><c r="A10"><v>10</v></c></row>',
    # a serial far beyond any calendar in a date style
    '<row r="11"><c r="A11" s="1"><v>99999999</v></c><c r="B11" s="1"><v>-5</v></c></row>',
    # a row out of order (openpyxl passes it over), then row 12, then 14 after a gap
    '<row r="3"><c r="A3"><v>999</v></c></row>',
    '<row r="12"><c r="A12" t="e"><v>#VALUE!</v></c><c r="B12" t="inlineStr"/></row>',
    '<row r="14"><c r="A14" t="s"><v>2</v></c></row>',
]


def _sheet(rows: list[str]) -> str:
    return (
        f'<worksheet xmlns="{_MAIN}"><dimension ref="A1"/><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>"
    )


def workbook(path: Path, *, date1904: bool, chart: bool = True) -> Path:
    """A workbook of a values sheet, a hidden copy of it and a chart sheet (not a table);
    openpyxl cannot read a chart sheet without its drawing, so it is left out for openpyxl."""
    workbook_pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/chartsheets/sheet3.xml" '
            f'ContentType="{_CT}.chartsheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_CT}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">{workbook_pr}<sheets>'
            '<sheet name="Values" sheetId="1" r:id="rId1"/>'
            '<sheet name="Kept out of sight" sheetId="2" state="hidden" r:id="rId2"/>'
            + ('<sheet name="Chart" sheetId="3" r:id="rId3"/>' if chart else "")
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/chartsheet" Target="chartsheets/sheet3.xml"/>'
            f'<Relationship Id="rId4" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId5" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{_MAIN}" count="{len(SHARED)}" uniqueCount="{len(SHARED)}">'
            + "".join(SHARED)
            + "</sst>"
        ),
        "xl/worksheets/sheet1.xml": _sheet(VALUES_SHEET_ROWS),
        "xl/worksheets/sheet2.xml": _sheet(VALUES_SHEET_ROWS[:5]),
        "xl/chartsheets/sheet3.xml": f'<chartsheet xmlns="{_MAIN}"><sheetPr/></chartsheet>',
        "xl/chartsheets/_rels/sheet3.xml.rels": f'<Relationships xmlns="{_PACKAGE_REL}"/>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def _trimmed(cells: list[Cell] | tuple[Cell, ...]) -> list[Cell]:
    values = list(cells)
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


def openpyxl_rows(path: Path, sheet: str) -> list[list[Cell]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = book[sheet]
        worksheet.reset_dimensions()  # type: ignore[union-attr]  # a read-only sheet has it
        with warnings.catch_warnings():  # "the serial value is outside the limits for dates"
            warnings.simplefilter("ignore", UserWarning)
            return [_trimmed(row) for row in worksheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    finally:
        book.close()


def our_rows(path: Path, sheet: str) -> list[list[Cell]]:
    source = XlsxSource(path.read_bytes(), Limits())
    try:
        numbered = list(source.stream(sheet))
    finally:
        source.close()
    assert [number for number, _ in numbered] == list(range(1, len(numbered) + 1))
    return [_trimmed(cells) for _, cells in numbered]


def _typed(rows: list[list[Cell]], escaped: set[tuple[int, int]]) -> list[list[tuple[str, Cell]]]:
    """Each value with its type, but for the cells in `escaped`."""
    return [
        [
            ("escaped", None) if (r, c) in escaped else (type(value).__name__, value)
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]


def assert_as_openpyxl(ours: list[list[Cell]], theirs: list[list[Cell]]) -> None:
    """The same rows, values and types; text with Excel's `_xHHHH_` escapes is left out, because
    openpyxl leaves them in while this reader undoes them (checked on their own)."""
    escaped = {
        (r, c)
        for r, row in enumerate(theirs)
        for c, value in enumerate(row)
        if isinstance(value, str) and "_x" in value
    }
    assert _typed(ours, escaped) == _typed(theirs, escaped)


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path, date1904: bool) -> None:
    path = workbook(tmp_path / "values.xlsx", date1904=date1904, chart=False)
    for sheet in ("Values", "Kept out of sight"):
        expected = openpyxl_rows(path, sheet)
        assert_as_openpyxl(our_rows(path, sheet), expected)
    assert len(expected) == 5


def test_the_values_are_the_ones_a_reviewer_expects(tmp_path: Path) -> None:
    """Not only the same as openpyxl: right (so a change in openpyxl would show here too)."""
    rows = our_rows(workbook(tmp_path / "values.xlsx", date1904=False), "Values")
    assert rows[1][0] == datetime.datetime(2015, 1, 5)
    assert rows[1][1:] == [
        "  Home visit; Child M seen  ",
        "Strategy meeting",
        "Line one\r\nline two",
        "file_x0041_.doc and A",
        "",
        "Police \u2013 \u201cNFA\u201d \u00a35",
    ]
    assert rows[2] == [15042, 3.5, 1000.0, -7, 2.25, 12, 0.1]
    assert [type(value) for value in rows[2]] == [int, float, float, int, float, int, float]
    assert rows[3] == [
        datetime.datetime(2015, 1, 5, 12, 0),
        datetime.time(6, 0),
        datetime.timedelta(days=1, hours=12),
        datetime.timedelta(hours=18),
        datetime.datetime(2016, 1, 1),
        datetime.time(23, 3),
        datetime.datetime(1900, 2, 28),
    ]
    assert rows[4] == [
        True,
        False,
        "#N/A",
        "#DIV/0!",
        "DateEvent\r",
        datetime.datetime(2015, 1, 5, 9, 15),
        "Inline runsA",
    ]
    assert rows[5] == []  # row 6 is missing from the file
    assert rows[6] == ["Event", 2, None, None, 5, 6]
    assert rows[7] == [1, "Police \u2013 \u201cNFA\u201d \u00a35"]  # C8 came before the last cell
    assert rows[8] == [9]
    assert rows[9] == [10]  # the same with AB10 written before A10
    assert rows[10] == ["#VALUE!", datetime.datetime(1899, 12, 25)]  # as openpyxl has it
    assert rows[11] == ["#VALUE!"]
    assert rows[12] == [] and rows[13] == ["  Home visit; Child M seen  "]


def test_the_1904_calendar_moves_dates_four_years_on(tmp_path: Path) -> None:
    rows = our_rows(workbook(tmp_path / "mac.xlsx", date1904=True), "Values")
    assert rows[1][0] == datetime.datetime(2019, 1, 6)
    assert rows[3][2] == datetime.timedelta(days=1, hours=12)  # durations have no calendar


def test_hidden_sheets_are_offered_and_chart_sheets_are_not(tmp_path: Path) -> None:
    source = XlsxSource(workbook(tmp_path / "sheets.xlsx", date1904=False).read_bytes(), Limits())
    try:
        assert source.names == ("Values", "Kept out of sight")
        assert source.is_hidden("Kept out of sight") and not source.is_hidden("Values")
    finally:
        source.close()


def _with_sheet(path: Path, rows: list[str]) -> Path:
    damaged = path.with_name("damaged.xlsx")
    with (
        zipfile.ZipFile(path) as original,
        zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _sheet(rows).encode()
            copy.writestr(info.filename, data)
    return damaged


@pytest.mark.parametrize(
    "bad_row",
    [
        '<row r="2.5"><c r="A2"><v>1</v></c></row>',  # not a row number
        '<row r="2"><c r="2A"><v>1</v></c></row>',  # not a cell reference
        '<row r="2"><c r="A2" t="s"><v>99</v></c></row>',  # no such shared string
        '<row r="2"><c r="A2" t="s"><v>one</v></c></row>',
        '<row r="2"><c r="A2"><v>12abc</v></c></row>',  # not a number
        '<row r="2"><c r="A2" s="x"><v>1</v></c></row>',  # not a style
        '<row r="2"><c r="A2" t="b"><v>yes</v></c></row>',
        '<row r="2"><c r="A2" t="d"><v>5 January</v></c></row>',
    ],
)
def test_a_damaged_cell_refuses_the_workbook_plainly(tmp_path: Path, bad_row: str) -> None:
    path = workbook(tmp_path / "values.xlsx", date1904=False)
    damaged = _with_sheet(path, [VALUES_SHEET_ROWS[0], bad_row])
    with pytest.raises(ImportRefusedError, match="damaged"):
        preview_file(damaged, sheet="Values")


def test_the_reader_stops_at_the_rows_asked_for(tmp_path: Path) -> None:
    path = workbook(tmp_path / "values.xlsx", date1904=False)
    source = XlsxSource(path.read_bytes(), Limits())
    try:
        head = source.head("Values", 3)
        assert [number for number, _ in head.rows] == [1, 2, 3]
        assert head.rows[2][1][0] == 15042
    finally:
        source.close()


def test_shared_strings_are_read_whole_across_chunks(tmp_path: Path) -> None:
    """Strings far beyond one chunk of XML, many of them, each kept whole and in order."""
    path = workbook(tmp_path / "values.xlsx", date1904=False, chart=False)
    many = [f"<si><t>Entry {n} {'x' * (n % 300)}</t></si>" for n in range(20_000)]
    long_one = "<si><r><t>" + "y" * 90_000 + "</t></r><r><t>end</t></r></si>"
    strings = [*SHARED, *many, long_one]
    rows = [
        VALUES_SHEET_ROWS[0],
        '<row r="2"><c r="A2" t="s"><v>8</v></c><c r="B2" t="s"><v>20007</v></c>'
        f'<c r="C2" t="s"><v>{len(strings) - 1}</v></c></row>',
    ]
    rebuilt = tmp_path / "many strings.xlsx"
    with (
        zipfile.ZipFile(_with_sheet(path, rows)) as original,
        zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = (f'<sst xmlns="{_MAIN}">' + "".join(strings) + "</sst>").encode()
            copy.writestr(info.filename, data)
    read = our_rows(rebuilt, "Values")
    assert read[1][:2] == ["Entry 0 ", f"Entry 19999 {'x' * (19999 % 300)}"]
    assert read[1][2] == "y" * 90_000 + "end"
    assert_as_openpyxl(read, openpyxl_rows(rebuilt, "Values"))
