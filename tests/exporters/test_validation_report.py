"""The validation report a reviewer sends back to an agency."""

from __future__ import annotations

import csv
import stat
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from exporters.validation_report import (
    MUST_CORRECT,
    PLEASE_CHECK,
    TITLE,
    write_validation_csv,
    write_validation_docx,
)
from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.errors import UserFacingError
from reviewer_app.importers import preview_file
from tests.reviewer_app.importers import fixtures


@pytest.fixture
def preview(tmp_path: Path) -> ImportPreview:
    return preview_file(fixtures.messy_xlsx(tmp_path))


def test_csv_report_has_counts_and_every_problem(preview: ImportPreview, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    write_validation_csv(preview, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [TITLE]
    summary = {row[0]: row[1] for row in rows[1:] if len(row) == 2}
    assert summary["File"] == "Northtown police chronology.xlsx"
    assert summary["Sheet"] == "Chronology"
    assert summary["Rows read"] == "12"
    assert summary["Rows that can be imported"] == "11"
    assert summary["Rows with problems"] == "3"
    assert summary["Rows that must be corrected before they can be imported"] == "1"
    assert "Source" not in summary  # the file has a source column
    table = rows[rows.index(["Row", "Problem", "What is needed"]) + 1 :]
    assert table == [
        ["13", "Date '31/02/2015' does not exist: February 2015 has 28 days.", MUST_CORRECT],
        [
            "15",
            "No source was given (the record this entry comes from, such as 'Case note' or "
            "'Incident log 14/123'); the source for the whole file is used.",
            PLEASE_CHECK,
        ],
        [
            "17",
            "The date '01/03/2016' is earlier than '01/06/2016' in row 16; the rows may be out "
            "of order, or one of the dates mistyped.",
            PLEASE_CHECK,
        ],
    ]


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    path = fixtures.write_csv(
        tmp_path / "=HYPERLINK(1).csv",
        [["Date", "Source", "Event"], ["=1+1", "Case note", "Visit."]],
    )
    out = tmp_path / "report.csv"
    write_validation_csv(preview_file(path), out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert ["File", "'=HYPERLINK(1).csv"] in rows
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_docx_report_shows_the_problems_table(preview: ImportPreview, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write_validation_docx(preview, out, "Northtown Police")
    document = docx.Document(str(out))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[:3] == [
        ("Heading 1", TITLE),
        ("Heading 2", "Summary"),
        ("Heading 2", "Problems"),
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Agency: Northtown Police" in text
    summary, problems = document.tables
    assert ["File", "Northtown police chronology.xlsx"] in [
        [cell.text for cell in row.cells] for row in summary.rows
    ]
    grid = [[cell.text for cell in row.cells] for row in problems.rows]
    assert grid[0] == ["Row", "Problem", "What is needed"]
    assert [row[0] for row in grid[1:]] == ["13", "15", "17"]
    assert grid[1][1] == "Date '31/02/2015' does not exist: February 2015 has 28 days."
    assert [row[2] for row in grid[1:]] == [MUST_CORRECT, PLEASE_CHECK, PLEASE_CHECK]
    header_xml = problems.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml  # repeats on each page; read as a header


def test_docx_carries_no_author_or_tool_name(preview: ImportPreview, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write_validation_docx(preview, out, "Northtown Police")
    properties = docx.Document(str(out)).core_properties
    assert properties.author == ""
    assert properties.last_modified_by == ""
    assert properties.comments == ""
    assert properties.title == TITLE
    with zipfile.ZipFile(out) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "python-docx" not in core


def test_a_clean_file_says_so(tmp_path: Path) -> None:
    preview = preview_file(fixtures.windows_csv(tmp_path))
    out = tmp_path / "report.docx"
    write_validation_docx(preview, out, "Northtown Health")
    document = docx.Document(str(out))
    assert "No problems were found. Thank you." in [p.text for p in document.paragraphs]
    assert len(document.tables) == 1  # the summary only


@pytest.mark.parametrize("kind", ["csv", "docx"])
def test_reports_are_private_and_never_overwrite(
    preview: ImportPreview, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"report.{kind}"
    out.write_bytes(b"the reviewer's earlier report")
    with pytest.raises(FileExistsError) as refused:
        if kind == "csv":
            write_validation_csv(preview, out)
        else:
            write_validation_docx(preview, out, "Northtown Police")
    assert out.read_bytes() == b"the reviewer's earlier report"
    assert isinstance(refused.value, UserFacingError)  # shown as a message, not a crash
    assert f"'report.{kind}' already exists" in str(refused.value)

    fresh = tmp_path / f"fresh.{kind}"
    if kind == "csv":
        write_validation_csv(preview, fresh)
    else:
        write_validation_docx(preview, fresh, "Northtown Police")
    if sys.platform != "win32":
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_the_report_says_when_the_agency_gave_no_source(tmp_path: Path) -> None:
    path = fixtures.write_csv(
        tmp_path / "school.csv",
        [
            ["Date", "Setting", "What happened", "Action taken"],
            ["03/02/2015", "Nursery", "Seen.", ""],
        ],
    )
    out = tmp_path / "report.csv"
    write_validation_csv(preview_file(path), out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    summary = {row[0]: row[1] for row in rows[1:] if len(row) == 2}
    assert summary["Source"].startswith("Your file gives no source")
    assert summary["Rows that can be imported"] == "1"
