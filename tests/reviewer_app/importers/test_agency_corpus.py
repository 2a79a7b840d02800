"""A corpus of agency files as they really arrive: each imports, or is refused with one clear
message, and nothing is left half-imported.

The files are synthetic (made-up names, "Child M", "Northtown"), built to have the mess real
chronologies have: no source column, title rows, merged headings, semicolons, Windows-1252,
UTF-16 without a byte-order mark, uncertain dates, a PDF table over several pages, a scan.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import openpyxl
import pytest

from reviewer_app.chronology.dates import Precision, Qualifier
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.chronology.importing import CORRECTED_PREFIX, PAGE_HEADING, Field
from reviewer_app.importers import ImportRefusedError, preview_file
from reviewer_app.importers.corrections import correct
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.transfer import fill_review, take_snapshot
from storage.library import StoredReview
from tests.helpers.files import sha256
from tests.helpers.reviews import new_review
from tests.reviewer_app.importers import fixtures
from tests.reviewer_app.importers.pdf_files import scanned_pdf, table_pdf


def school_semicolons_1252(folder: Path) -> Path:
    """No source column; Date; Setting; What happened; Action taken; Windows-1252."""
    return fixtures.write_csv(
        folder / "Northtown Primary chronology.csv",
        [
            ["Date", "Setting", "What happened", "Action taken"],
            [
                "?/05/2014",
                "Nursery",
                "Child M said Mum was \u201ccross\u201d; \u00a35 lunch debt.",
                "",
            ],
            ["05/2014?", "Reception", "Bruise on Child M\u2019s arm seen by TA.", "DSL told."],
            ["late 2014", "Year 1", "Attendance fell to 82%.", "Letter home."],
            ["", "Office", "", ""],  # neither date nor event: left out
        ],
        delimiter=";",
        encoding="cp1252",
    )


def police_title_rows_merged_xlsx(folder: Path) -> Path:
    """Title rows over the table, a merged title and a heading merged over two columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    sheet["A1"] = "NORTHTOWN POLICE - CHRONOLOGY FOR CHILD M"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Period: 01/01/2015 to 31/12/2015"
    sheet.append([])
    sheet.append(["Date", "Time", "Incident / contact", None, "Outcome/action", "Ref"])
    sheet.merge_cells("C4:D4")
    sheet.append(
        ["c. May 2015", "", "Call from neighbour about shouting.", None, "Attended.", "15/1"]
    )
    sheet.append(
        ["between 3 and 9 March 2015", "", "Child M missing from home.", None, "Found.", "15/2"]
    )
    sheet.append(["May 2015 (approx)", "", "Concern raised by school.", None, "NFA.", ""])
    path = folder / "Northtown police.xlsx"
    book.save(path)
    return path


def health_utf16_no_bom(folder: Path) -> Path:
    return fixtures.write_csv(
        folder / "Northtown health export.txt",
        [
            ["Date of contact", "Summary of contact", "Narrative", "Record"],
            ["03/02/2015", "HV visit", "Zo\u00eb (sister) present; \u00a340 on a cot.", "HV note"],
            ["04/02/2015", "GP", "Immunisations missed.", "GP record"],
        ],
        delimiter="\t",
        encoding="utf-16-le",
    )


def social_care_docx(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Children's social care chronology - Child M")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["Date", "Details of contact", "Outcome", "Source"], strict=True
    ):
        cell.text = text
    for values in (
        ["12/01/2015", "Strategy discussion.", "S47 agreed.", "Case note"],
        ["between 3 and 9 March 2015", "Child protection conference.", "CP plan.", "Minutes"],
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    path = folder / "Northtown CSC.docx"
    document.save(path)
    return path


ImportsTo = tuple[Callable[[Path], Path], int]
IMPORTED: dict[str, ImportsTo] = {
    "school-csv": (school_semicolons_1252, 3),
    "police-xlsx": (police_title_rows_merged_xlsx, 3),
    "health-utf16": (health_utf16_no_bom, 2),
    "csc-docx": (social_care_docx, 2),
    "police-pdf": (lambda folder: table_pdf(folder), 70),
}
REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "scanned-pdf": (scanned_pdf, "no text in it: it looks like a scanned paper document"),
    "letter-docx": (fixtures.prose_only_docx, "table"),
    "no-dates-xlsx": (fixtures.no_date_xlsx, "No column that looks like dates"),
}


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Iterator[StoredReview]:
    opened = new_review(tmp_path / "corpus.review", app_paths)
    yield opened
    opened.close()


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_each_file_imports(name: str, tmp_path: Path, review: StoredReview) -> None:
    make, expected = IMPORTED[name]
    path = make(tmp_path)
    preview = preview_file(path, source_default="" if name != "school-csv" else "School file")
    service = ChronologyService(review.chronology)
    _, result = service.import_for_agency(preview, name, AgencyType.OTHER)
    assert result.imported == expected
    entries = service.entries()
    assert len(entries) == expected
    assert all(entry.source for entry in entries)  # a source for every entry, given or made
    assert all(entry.provenance.batch_id == result.batch.id for entry in entries)


def test_the_school_file_without_sources_reads_its_uncertain_dates(tmp_path: Path) -> None:
    preview = preview_file(school_semicolons_1252(tmp_path))
    assert not preview.source_column
    assert [row.source for row in preview.importable] == [
        f"Northtown Primary chronology.csv, row {n}" for n in (2, 3, 4)
    ]
    dates = [row.date for row in preview.importable]
    assert [(d.precision, d.qualifier) for d in dates if d is not None] == [
        (Precision.MONTH, Qualifier.ON),
        (Precision.MONTH, Qualifier.AROUND),
        (Precision.RANGE, Qualifier.AROUND),
    ]
    assert "\u00a35" in preview.rows[0].event  # Windows-1252 read as such
    [left_out] = preview.blocking_problems
    assert left_out.row_number == 5 and "nothing to import" in left_out.message


def test_the_police_workbook_finds_its_header_under_the_titles(tmp_path: Path) -> None:
    preview = preview_file(police_title_rows_merged_xlsx(tmp_path))
    assert preview.header_row == 4
    assert preview.mapping[2] is Field.EVENT and preview.mapping[4] is Field.OUTCOME
    assert preview.mapping[5] is Field.SOURCE
    between = preview.rows[1].date
    assert between is not None and between.qualifier is Qualifier.BETWEEN
    assert between.start is not None and between.end is not None
    assert (between.start.day, between.end.day) == (3, 9)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_refused_file_says_one_clear_thing_and_changes_nothing(
    name: str, tmp_path: Path, review: StoredReview
) -> None:
    make, expected = REFUSED[name]
    path = make(tmp_path)
    before = sha256(path)
    service = ChronologyService(review.chronology)
    with pytest.raises(ImportRefusedError) as refused:
        preview_file(path)
    message = str(refused.value)
    assert expected in message and "Traceback" not in message and "\n" not in message
    assert sha256(path) == before
    assert service.entries() == [] and service.batches() == [] and service.agencies() == []


def test_a_corrected_pdf_row_keeps_page_correction_and_agency_text_through_json(
    tmp_path: Path, review: StoredReview, app_paths: AppPaths
) -> None:
    preview = preview_file(table_pdf(tmp_path))
    fixed = correct(preview, 8, Field.SOURCE, "Incident log 15/0099")
    ChronologyService(review.chronology).import_for_agency(fixed, "Police", AgencyType.POLICE)
    document = to_document(take_snapshot(review))
    [stored] = [e for e in document["chronology"] if e["source"] == "Incident log 15/0099"]
    cells = [tuple(pair) for pair in stored["provenance"]["original"]]
    assert ("Source", "") in cells and (PAGE_HEADING, "1") in cells
    assert cells[-1] == (f"{CORRECTED_PREFIX}Source", "Incident log 15/0099")
    again = new_review(tmp_path / "again.review", app_paths, title="placeholder")
    try:
        fill_review(again, from_document(json.loads(json.dumps(document))))
        assert to_document(take_snapshot(again))["chronology"] == document["chronology"]
    finally:
        again.close()
