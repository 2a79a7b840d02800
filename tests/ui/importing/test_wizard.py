"""The import wizard end to end, over a real encrypted review and real agency files."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest

from reviewer_app.chronology.entry import AgencyType
from reviewer_app.chronology.importing import Field
from reviewer_app.importers import ImportRefusedError, preview_file
from reviewer_app.services.chronology import ChronologyService
from tests.reviewer_app.importers.fixtures import write_csv
from tests.ui.importing.agency_files import (
    LEFT_OUT_ROW,
    OUT_OF_ORDER_ROW,
    multi_sheet_xlsx,
    small_csv,
    truncated_xlsx,
)
from tests.ui.importing.conftest import MakeWizard
from tests.ui.importing.steps import (
    BACK,
    FINISH,
    NEXT,
    can_press,
    choose_file,
    name_agency,
    press,
    to_import_page,
)
from tests.ui.support import Shown
from ui.importing.models import PreviewRowsModel, ProblemsModel
from ui.importing.widgets import Tone

ROWS = PreviewRowsModel


def cell(model: PreviewRowsModel, row: int, column: int) -> object:
    return model.data(model.index(row, column))


def test_a_multi_sheet_workbook_is_checked_reported_and_imported(
    make_wizard: MakeWizard,
    service: ChronologyService,
    agency_files: Path,
    tmp_path: Path,
    message_boxes: list[Shown],
) -> None:
    workbook = multi_sheet_xlsx(agency_files)
    wizard = make_wizard()
    emitted: list[int] = []
    wizard.imported.connect(emitted.append)

    # 1. The file and the agency.
    assert not can_press(wizard, NEXT)
    choose_file(wizard, workbook)
    page1 = wizard.file_page
    assert page1.file.text() == str(workbook)
    assert "Read 3 rows from 'Chronology 2015'" in page1.read_summary.text()
    assert not can_press(wizard, NEXT), "the agency is not named yet"
    name_agency(wizard, "Northtown Police", AgencyType.POLICE)
    assert not page1.replaces.isEnabled()
    press(wizard, NEXT)

    # 2. The preview: another sheet, then the event and outcome columns swapped.
    page2 = wizard.preview_page
    model = page2.model
    assert page2.sheet_row.isVisible()
    assert [page2.sheet.itemText(i) for i in range(page2.sheet.count())] == [
        "Cover",
        "Chronology 2015",
        "Chronology 2016",
    ]
    assert model.rowCount() == 3
    page2.sheet.setCurrentText("Chronology 2016")
    assert model.rowCount() == 5
    assert page2.counts.text() == (
        "5 rows read, 4 can be imported, 2 have problems (1 will be left out), "
        "3 title or blank rows skipped."
    )
    assert [cell(model, 0, c) for c in (ROWS.ROW, ROWS.DATE, ROWS.WRITTEN)] == [
        "5",
        "4 Jan 2016",
        "04/01/2016",
    ]
    left_out = LEFT_OUT_ROW - 5
    assert cell(model, left_out, ROWS.STATUS) == "Left out"  # in words, with an icon
    assert model.data(model.index(left_out, ROWS.STATUS), role=1) is not None
    assert cell(model, left_out, ROWS.DATE) == "not readable"
    assert cell(model, left_out, ROWS.WRITTEN) == "31/02/2016"
    assert cell(model, OUT_OF_ORDER_ROW - 5, ROWS.STATUS) == "Check"
    assert "read from sheet 'Chronology 2016'" in page2.notes.text()
    assert cell(model, 0, ROWS.EVENT) == "Child M seen at school."

    details, outcome = page2.mapping.combos[2], page2.mapping.combos[3]
    assert details.currentData() == Field.EVENT and outcome.currentData() == Field.OUTCOME
    details.setCurrentIndex(details.findData(Field.OUTCOME))
    # No event column: every row is said to lack one, and none can come in (every entry needs
    # a description of what happened: importing them once failed the whole file).
    assert page2.counts.text().startswith("5 rows read, 0 can be imported, 5 have problems")
    outcome.setCurrentIndex(outcome.findData(Field.EVENT))
    assert cell(model, 0, ROWS.EVENT) == "Referred to school nurse."
    assert cell(model, 0, ROWS.OUTCOME) == "Child M seen at school."
    assert page2.counts.text().startswith("5 rows read, 4 can be imported")
    press(wizard, NEXT)

    # 3. The problems, and the validation report for the agency as CSV.
    page3 = wizard.problems_page
    problems = page3.model
    assert problems.rowCount() == 2
    assert problems.data(problems.index(0, ProblemsModel.ROW)) == str(LEFT_OUT_ROW)
    assert problems.data(problems.index(0, ProblemsModel.KIND)) == "Left out: must be corrected"
    assert problems.data(problems.index(1, ProblemsModel.KIND)) == "Imported: please check"
    assert "left out of the review" in page3.explanation.text()
    assert "replace this import" in page3.explanation.text()
    suggested: list[str] = []
    report = tmp_path / "for the agency" / "validation.csv"
    report.parent.mkdir()

    def choose_report(name: str) -> Path:
        suggested.append(name)
        return report

    wizard.choose_report_path = choose_report
    page3.save.click()
    assert suggested == ["Validation report for Northtown police chronology.docx"]
    assert page3.saved.tone is Tone.DONE and "validation.csv" in page3.saved.message()
    with report.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0] == ["Chronology validation report"]
    assert ["Sheet", "Chronology 2016"] in lines
    assert ["Rows read", "5"] in lines and ["Rows that can be imported", "4"] in lines
    assert [str(LEFT_OUT_ROW), "Date '31/02/2016' does not exist: February 2016 has 29 days.",
            "Must be corrected"] in lines  # fmt: skip
    assert any(line[:1] == [str(OUT_OF_ORDER_ROW)] and line[2] == "Please check" for line in lines)
    press(wizard, NEXT)

    # 4. The import.
    page4 = wizard.import_page
    assert "Ready to import 4 entries from 'Northtown police chronology.xlsx'" in (
        page4.summary.text()
    )
    assert "a new agency: police" in page4.summary.text()
    assert not can_press(wizard, FINISH)
    page4.start.click()
    assert page4.outcome.tone is Tone.DONE
    assert page4.outcome.message() == "Imported 4 entries for Northtown Police; 1 row left out."
    assert can_press(wizard, FINISH) and not can_press(wizard, BACK)

    [batch] = service.batches()
    assert emitted == [batch.id]
    assert (batch.file_name, batch.sheet, batch.row_count, batch.left_out) == (
        "Northtown police chronology.xlsx",
        "Chronology 2016",
        5,
        1,
    )
    [agency] = service.agencies()
    assert (agency.name, agency.agency_type) == ("Northtown Police", AgencyType.POLICE)
    entries = service.entries()
    assert len(entries) == 4
    first = next(e for e in entries if e.provenance.row_number == 5)
    assert (first.event, first.outcome) == ("Referred to school nurse.", "Child M seen at school.")
    assert first.date.original == "04/01/2016"
    assert LEFT_OUT_ROW not in {e.provenance.row_number for e in entries}

    press(wizard, FINISH)
    assert not wizard.isVisible() and wizard.result() == 1
    assert message_boxes == []


def test_a_refused_file_says_why_and_goes_no_further(
    make_wizard: MakeWizard,
    service: ChronologyService,
    agency_files: Path,
    message_boxes: list[Shown],
) -> None:
    damaged = truncated_xlsx(agency_files)
    with pytest.raises(ImportRefusedError) as refused:
        preview_file(damaged)
    wizard = make_wizard()
    name_agency(wizard, "Northtown Police")
    choose_file(wizard, damaged)

    page = wizard.file_page
    assert page.message.isVisible() and page.message.tone is Tone.PROBLEM
    assert str(refused.value) in page.message.message()
    assert not page.read_summary.isVisible()
    assert not can_press(wizard, NEXT)
    wizard.next()
    assert wizard.currentId() == wizard.FILE_PAGE
    assert message_boxes == []  # the message is on the page; nothing else happens
    assert service.agencies() == [] and service.batches() == [] and service.entries() == []


def test_a_good_file_after_a_refused_one_clears_the_message(
    make_wizard: MakeWizard, agency_files: Path
) -> None:
    wizard = make_wizard()
    name_agency(wizard, "Northtown Police")
    choose_file(wizard, truncated_xlsx(agency_files))
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    assert not wizard.file_page.message.isVisible()
    assert can_press(wizard, NEXT)


def test_a_sheet_that_is_not_a_chronology_is_explained_and_another_can_be_chosen(
    make_wizard: MakeWizard, agency_files: Path
) -> None:
    wizard = make_wizard()
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    name_agency(wizard, "Northtown Police")
    press(wizard, NEXT)
    page = wizard.preview_page
    page.sheet.setCurrentText("Cover")
    assert page.message.tone is Tone.PROBLEM
    assert "No column that looks like dates was found in sheet 'Cover'" in page.message.message()
    assert page.model.rowCount() == 0 and not page.counts.isVisible()
    assert not can_press(wizard, NEXT)
    page.sheet.setCurrentText("Chronology 2015")
    assert not page.message.isVisible() and page.model.rowCount() == 3
    assert can_press(wizard, NEXT)


def test_an_impossible_mapping_is_refused_on_the_page(
    make_wizard: MakeWizard, agency_files: Path
) -> None:
    wizard = make_wizard()
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    name_agency(wizard, "Northtown Police")
    press(wizard, NEXT)
    page = wizard.preview_page
    source = page.mapping.combos[1]
    source.setCurrentIndex(source.findData(Field.DATE))
    assert "More than one column is set as the date" in page.message.message()
    assert not can_press(wizard, NEXT)
    assert page.mapping.isVisible(), "the reviewer can put it right where it went wrong"
    source.setCurrentIndex(source.findData(Field.SOURCE))
    assert can_press(wizard, NEXT) and page.model.rowCount() == 3


def test_a_corrected_file_replaces_the_earlier_import(
    make_wizard: MakeWizard, service: ChronologyService, agency_files: Path
) -> None:
    first_file = small_csv(agency_files, "csc.csv", ["Visit A", "Visit B", "Visit C"])
    wizard = make_wizard()
    choose_file(wizard, first_file)
    name_agency(wizard, "Northtown Children's Social Care", AgencyType.CHILDRENS_SOCIAL_CARE)
    to_import_page(wizard)
    wizard.import_page.start.click()
    press(wizard, FINISH)
    assert len(service.batches()) == 1
    visit_a = next(e for e in service.entries() if e.event == "Visit A")
    service.update_entry(visit_a.with_changes(comment="Reviewer: first sign of neglect."))

    corrected = small_csv(
        agency_files, "csc corrected.csv", ["Visit A", "Visit B (corrected)", "Visit C", "Visit D"]
    )
    wizard = make_wizard()
    emitted: list[int] = []
    wizard.imported.connect(emitted.append)
    page = wizard.file_page
    assert page.agency.findText("Northtown Children's Social Care") == 0
    name_agency(wizard, "northtown children's social care")  # typed, in other case
    assert not page.agency_type.isEnabled()
    assert page.agency_type.currentData() == AgencyType.CHILDRENS_SOCIAL_CARE
    assert page.replaces.isEnabled() and page.replaces.count() == 2
    assert page.replaces.itemText(1).startswith("csc.csv, imported ")
    assert page.replaces.itemText(1).endswith("(3 entries)")
    choose_file(wizard, corrected)
    page.replaces.setCurrentIndex(1)
    assert "will be removed" in page.replaces_hint.text()
    to_import_page(wizard)
    assert "This replaces the earlier import csc.csv" in wizard.import_page.summary.text()
    wizard.import_page.start.click()

    [new_batch] = service.batches()
    assert emitted == [new_batch.id]
    assert new_batch.file_name == "csc corrected.csv"
    assert len(service.agencies()) == 1
    entries = {e.event: e for e in service.entries()}
    assert sorted(entries) == ["Visit A", "Visit B (corrected)", "Visit C", "Visit D"]
    assert entries["Visit A"].comment == "Reviewer: first sign of neglect."
    assert "The earlier import 'csc.csv' was replaced." in wizard.import_page.outcome.message()


def test_an_earlier_file_of_the_same_name_is_pointed_out(
    make_wizard: MakeWizard, service: ChronologyService, agency_files: Path
) -> None:
    path = small_csv(agency_files, "gp.csv", ["Appointment"])
    wizard = make_wizard()
    choose_file(wizard, path)
    name_agency(wizard, "Northtown GP")
    to_import_page(wizard)
    wizard.import_page.start.click()

    again = make_wizard()
    choose_file(again, path)
    name_agency(again, "Northtown GP")
    assert "A file called 'gp.csv' was imported from this agency before" in (
        again.file_page.replaces_hint.text()
    )


def test_the_report_can_be_a_word_document_and_never_overwrites(
    make_wizard: MakeWizard,
    agency_files: Path,
    tmp_path: Path,
    message_boxes: list[Shown],
) -> None:
    wizard = make_wizard()
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    name_agency(wizard, "Northtown Police")
    press(wizard, NEXT)
    wizard.preview_page.sheet.setCurrentText("Chronology 2016")
    press(wizard, NEXT)
    report = tmp_path / "validation"  # no suffix: a Word document
    wizard.choose_report_path = lambda name: report
    wizard.problems_page.save.click()
    written = report.with_name("validation.docx")
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "Agency: Northtown Police" in text
    assert message_boxes == []

    wizard.choose_report_path = lambda name: written
    wizard.problems_page.save.click()
    assert [box.title for box in message_boxes] == ["The report was not written"]
    assert "already exists" in message_boxes[0].text


def test_nothing_to_import_is_said_plainly(make_wizard: MakeWizard, agency_files: Path) -> None:
    path = write_csv(  # sources, but no dates and no events at all
        agency_files / "school.csv",
        [["Date", "Source", "Details of contact"], ["", "Case note 1", ""], ["", "Log 2", ""]],
    )
    wizard = make_wizard()
    choose_file(wizard, path)
    name_agency(wizard, "Northtown Primary School")
    to_import_page(wizard)
    assert "None of the rows can be imported" in wizard.import_page.summary.text()
    assert not wizard.import_page.start.isEnabled()
    assert not can_press(wizard, FINISH)
