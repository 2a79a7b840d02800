"""Synthetic agency files, built in code, with the mess real chronologies have.

Every name is made up ("Child M", "PC 1234 Smith", "Northtown"). Each builder writes a file
under the folder it is given and returns its path; the expected results live in the tests.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CHRONOLOGY_HEADINGS = [
    "Date",
    "Time",
    "Source",
    "Practitioner / role",
    "Details of contact",
    "Action / Outcome",
    "Agency comment",
]
MULTI_LINE_EVENT = (
    "Home visit by HV.\nChild M seen alone in her bedroom.\n"
    "Mother said \u2018it\u2019s all fine now\u2019 \u2013 no concerns raised."
)
POUND_EVENT = (
    "Mother reported a \u00a3250 debt to a neighbour; said \u201cwe can\u2019t cope\u201d. "
    "Zo\u00eb (aunt) present."
)

# (row in Excel, date cell, time cell, source, practitioner, event, outcome, comment)
MESSY_ROWS: list[tuple[int, object, object, str, str, str, str, str]] = [
    (5, datetime.datetime(2015, 1, 5), datetime.time(9, 15), "Incident log 15/0042",
     "PC 1234 Smith", "Call from neighbour reporting shouting at the address.",
     "Officers attended; Child M seen.", ""),
    (6, "w/c 12/01/2015", "", "Case note", "Social worker", "Strategy discussion held.",
     "Section 47 enquiry agreed.", "Timely."),
    (7, "03/02/2015", "14:30", "Case note 0231", "HV 2", POUND_EVENT,
     "Referred to debt advice (\u00a30 cost).", ""),
    # row 8 is a blank spacer row
    (9, "approx 03/2015", "", "GP record", "GP 1", "Child M brought to surgery with a cough.",
     "", ""),
    (10, "Spring 2015", "", "School log", "Class teacher", "Child M arrived late often.", "",
     "Not shared with CSC."),
    (11, "early June 2015", "", "Nursery diary", "Key worker",
     "Bruise noted on Child M\u2019s arm.", "Body map completed.", ""),
    (12, "01/07/2015 - 03/07/2015", "", "Case notes 12\u201314", "Social worker",
     "Family away; visits not possible.", "", ""),
    (13, "31/02/2015", "", "Case note", "Social worker", "Visit recorded.", "", ""),
    (14, datetime.datetime(2015, 9, 14, 14, 30), "", "Incident log 15/0977", "PC 1234 Smith",
     "Domestic incident; Child M present.", "DASH completed: medium risk.", ""),
    (15, "?22/05/2016", "", "", "HV 2", "Telephone call with Mother.", "", ""),
    (16, datetime.datetime(2016, 6, 1), "", "Case note", "HV 2", MULTI_LINE_EVENT, "", ""),
    (17, datetime.datetime(2016, 3, 1), "", "Case note", "Social worker",
     "Case closed to CSC.", "", ""),
]  # fmt: skip


def messy_xlsx(folder: Path, name: str = "Northtown police chronology.xlsx") -> Path:
    """Two sheets: 'Notes' first, then the chronology under title rows and a blank row."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "Notes for the lead reviewer"
    notes["A2"] = "Records were searched on 01/03/2017 by the safeguarding team."
    sheet = book.create_sheet("Chronology")
    sheet["A1"] = "Northtown Police \u2013 chronology of involvement with Child M"
    sheet["A2"] = "Period under review: 01/01/2015 to 31/12/2016"
    sheet.append([])  # row 3 blank
    sheet.append(CHRONOLOGY_HEADINGS)  # row 4
    for excel_row, date, time, source, practitioner, event, outcome, comment in MESSY_ROWS:
        values = [date, time, source, practitioner, event, outcome, comment]
        for column, value in enumerate(values, start=1):
            if value != "":
                sheet.cell(row=excel_row, column=column, value=value)
    sheet.cell(row=5, column=1).number_format = "dd/mm/yyyy"
    sheet.cell(row=5, column=2).number_format = "hh:mm"
    path = folder / name
    book.save(path)
    return path


def big_xlsx(folder: Path, rows: int = 10_000) -> Path:
    """A long, clean chronology, for the timing check."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(["Date", "Time", "Source", "Practitioner", "Details", "Outcome", "Comment"])
    start = datetime.datetime(2010, 1, 1)
    for n in range(rows):
        when = start + datetime.timedelta(hours=6 * n)
        date: object = when if n % 2 else when.strftime("%d/%m/%Y")
        sheet.append(
            [date, when.strftime("%H:%M"), f"Case note {n}", "Social worker",
             f"Visit number {n} to Child M at home; \u00a3{n % 50} given for food.",
             "No further action.", ""]
        )  # fmt: skip
    path = folder / "big.xlsx"
    book.save(path)
    return path


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    line_end: str = "\r\n",
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def windows_csv(folder: Path) -> Path:
    """A European-Excel export: semicolons, Windows-1252, '£' and curly quotes."""
    return write_csv(
        folder / "health.csv",
        [
            ["Date", "Source", "Worker", "Summary", "Outcome"],
            ["03/02/2015", "HV record", "HV 2", "Mother spent \u00a340 on a cot; \u201cgood\u201d.",
             "Advice given"],
            ["3.2.15", "HV record", "HV 2", "Caf\u00e9 meeting \u2013 Child M unwell.", ""],
            ["Feb 2015", "GP record", "GP 1", "Immunisations missed.", "Letter sent"],
        ],
        delimiter=";",
        encoding="cp1252",
    )  # fmt: skip


def bom_tab_csv(folder: Path) -> Path:
    """UTF-8 with a byte-order mark and tabs, as Excel's 'Unicode text' users send."""
    return write_csv(
        folder / "school.txt",
        [
            ["When", "Record", "Staff member", "What happened", "Action taken"],
            ["12/01/2015", "CPOMS 14", "DSL", "Child M said \u201cI\u2019m hungry\u201d.",
             "Breakfast club offered"],
            ["2015", "CPOMS 15", "DSL", "Attendance 82% this year.", ""],
        ],
        delimiter="\t",
        encoding="utf-8-sig",
    )  # fmt: skip


def multiline_csv(folder: Path) -> Path:
    """Quoted cells over several lines: row numbers are the line each record starts on."""
    return write_csv(
        folder / "csc.csv",
        [
            ["Date", "Source", "Details", "Outcome"],  # line 1
            ["05/01/2015", "Case note", "Visit.\nChild M seen.\nHome warm.", "NFA"],  # 2-4
            ["06/01/2015", "Case note", "Phone call with school.", "Noted"],  # 5
            ["07/01/2015", "Case note", "Strategy meeting:\r\nall agencies", "S47"],  # 6-7
            ["", "", "", ""],  # 8 - a spacer row of empty cells
            ["08/01/2015", "Case note", "Review.", ""],  # 9
        ],
    )


def mapping_csv(folder: Path) -> Path:
    """Two event-like columns; automatic mapping takes 'Details', the reviewer wants 'Summary'."""
    return write_csv(
        folder / "mapping.csv",
        [
            ["Date", "Source", "Details", "Summary"],
            ["05/01/2015", "Case note", "Long narrative of the visit.", "Visit to Child M"],
        ],
    )


def _multi_paragraph_cell(cell: object, paragraphs: list[str]) -> None:
    cell.text = paragraphs[0]  # type: ignore[attr-defined]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)  # type: ignore[attr-defined]


DOCX_HEADINGS = ["Date", "Source", "Practitioner", "Summary", "Outcome"]


def chronology_docx(folder: Path) -> Path:
    """Prose around the table, a 'document control' table first, a header repeated mid-table,
    multi-paragraph cells and a cell merged across two columns."""
    document = docx.Document()
    document.add_heading("Agency report: Northtown Health Visiting", level=1)
    control = document.add_table(rows=2, cols=3)
    for cell, text in zip(control.rows[0].cells, ["Version", "Date", "Author"], strict=True):
        cell.text = text
    for cell, text in zip(control.rows[1].cells, ["0.3", "01/03/2017", "HV lead"], strict=True):
        cell.text = text
    document.add_paragraph(
        "This chronology covers the period 01/01/2015 to 31/12/2016. Dates are as recorded."
    )
    table = document.add_table(rows=0, cols=5)
    rows = [
        DOCX_HEADINGS,  # table row 1
        ["10/02/2015", "HV record", "HV 2", "New birth visit.", "Universal plus"],  # 2
        ["Mar 2015", "HV record", "HV 2", "", "Referred to GP"],  # 3 (multi-paragraph)
        DOCX_HEADINGS,  # 4: repeated header, as when a table runs over a page
        ["04/05/2015", "Clinic list", "Nursery nurse", "Weighed: 6.2kg.", ""],  # 5 (merged)
        ["", "", "", "", ""],  # 6 blank
        ["late June 2015", "", "HV 2", "Missed appointment.", "Letter sent"],  # 7
    ]
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    _multi_paragraph_cell(
        table.rows[2].cells[3],
        ["Developmental review at home.", "Child M seen with Mother.", "Home cluttered \u2013 "
         "Mother said \u201cwe\u2019re managing\u201d."],
    )  # fmt: skip
    merged = table.rows[4].cells[3].merge(table.rows[4].cells[4])
    merged.text = "Weighed: 6.2kg; growth on the 9th centile."
    # A line break inside a paragraph is a new line too.
    paragraph = table.rows[6].cells[3].paragraphs[0]
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("Second attempt planned.")
    document.add_paragraph("Signed: Named Nurse for Safeguarding, Northtown.")
    path = folder / "health visiting.docx"
    document.save(str(path))
    return path


def tracked_changes_docx(folder: Path) -> Path:
    """A cell whose text has a tracked insertion and a tracked deletion."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Date", "Source", "Event"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "05/01/2015"
    table.rows[1].cells[1].text = "Case note"
    p = table.rows[1].cells[2].paragraphs[0]
    p.add_run("Visit ")
    insert = OxmlElement("w:ins")
    insert.set(qn("w:id"), "1")
    insert.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "completed"
    run.append(text)
    insert.append(run)
    p._p.append(insert)
    delete = OxmlElement("w:del")
    delete.set(qn("w:id"), "2")
    delete.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.text = " cancelled"
    run.append(deleted)
    delete.append(run)
    p._p.append(delete)
    path = folder / "tracked.docx"
    document.save(str(path))
    return path


def prose_only_docx(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("On 03/02/2015 the health visitor saw Child M at home.")
    document.add_paragraph("On 10/02/2015 a referral was made to children's social care.")
    path = folder / "letter.docx"
    document.save(str(path))
    return path


def no_date_xlsx(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Staff"
    sheet.append(["Name", "Role", "Team"])
    sheet.append(["Worker A", "Social worker", "Assessment"])
    path = folder / "staff.xlsx"
    book.save(path)
    return path


def csv_rows(folder: Path, count: int) -> Path:
    rows = [["Date", "Source", "Event"]]
    rows += [[f"{1 + n % 28:02d}/01/2015", "Case note", f"Entry {n}"] for n in range(count)]
    return write_csv(folder / "rows.csv", rows)


def random_binary(folder: Path) -> Path:
    path = folder / "export.dat"
    path.write_bytes(random.Random(20150203).randbytes(4096))
    return path


def truncated_xlsx(folder: Path) -> Path:
    whole = messy_xlsx(folder, "whole.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def corrupt_docx(folder: Path) -> Path:
    """A real .docx whose main part is cut off mid-element."""
    source = chronology_docx(folder).read_bytes()
    path = folder / "corrupt.docx"
    _rewrite_zip(source, path, {"word/document.xml": b"<?xml version='1.0'?><w:document xmlns"})
    return path


def old_xls(folder: Path) -> Path:
    path = folder / "chronology.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040))
    return path


def zip_bomb_xlsx(folder: Path, size: int = 8 * 1024 * 1024) -> Path:
    """A workbook whose sheet would inflate from a few KB to `size` bytes of zeros."""
    source = no_date_xlsx(folder).read_bytes()
    path = folder / "bomb.xlsx"
    _rewrite_zip(source, path, {"xl/worksheets/sheet1.xml": b"0" * size})
    return path


LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def laughs_xlsx(folder: Path) -> Path:
    """'Billion laughs' entity expansion inside a worksheet."""
    sheet = LAUGHS + (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Date</t></is></c></row></sheetData></worksheet>'
    )
    source = no_date_xlsx(folder).read_bytes()
    path = folder / "laughs.xlsx"
    _rewrite_zip(source, path, {"xl/worksheets/sheet1.xml": sheet})
    return path


def laughs_docx(folder: Path) -> Path:
    source = prose_only_docx(folder).read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        original = archive.read("word/document.xml")
    body = original.split(b"?>", 1)[1]
    document = LAUGHS.replace(b"worksheet", b"w:document") + body.replace(
        b"On 03/02/2015", b"&lol9;", 1
    )
    path = folder / "laughs.docx"
    _rewrite_zip(source, path, {"word/document.xml": document})
    return path


def _rewrite_zip(source: bytes, path: Path, replace: dict[str, bytes]) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            data = replace.get(info.filename, original.read(info.filename))
            copy.writestr(info.filename, data)
