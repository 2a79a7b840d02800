"""Correcting rows in the wizard's preview, and the source for a file that gives none."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from reviewer_app.chronology.dates import Precision
from reviewer_app.chronology.importing import CORRECTED_PREFIX, Field
from reviewer_app.services.chronology import ChronologyService
from tests.ui.importing.conftest import MakeWizard
from tests.ui.importing.steps import FINISH, NEXT, choose_file, name_agency, press
from ui.importing import ImportWizard
from ui.importing.models import PreviewRowsModel
from ui.importing.widgets import Tone

ROWS = PreviewRowsModel


def school_csv(folder: Path) -> Path:
    path = folder / "Northtown school.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Setting", "What happened", "Action taken"])
        writer.writerow(["03/02/2015", "Nursery", "Child M arrived late.", "Noted."])
        writer.writerow(["31/02/2015", "Reception", "Child M upset at pick-up.", ""])
        writer.writerow(["", "Office", "", "Letter home."])
    return path


def _at_preview(make_wizard: MakeWizard, agency_files: Path) -> ImportWizard:
    wizard = make_wizard()
    choose_file(wizard, school_csv(agency_files))
    name_agency(wizard, "Northtown School")
    press(wizard, NEXT)
    return wizard


def test_a_problem_cell_is_corrected_in_the_preview_and_kept_with_the_entry(
    make_wizard: MakeWizard, service: ChronologyService, agency_files: Path
) -> None:
    wizard = _at_preview(make_wizard, agency_files)
    page = wizard.preview_page
    model = page.model
    assert page.source_row.isVisible()
    assert model.data(model.index(0, ROWS.SOURCE)) == "Northtown school.csv, row 2"
    assert "no source" in str(model.data(model.index(0, ROWS.SOURCE), Qt.ItemDataRole.ToolTipRole))
    assert [model.is_left_out(row) for row in range(3)] == [False, True, True]
    assert "2 will be left out" in page.counts.text()

    page.source_default.setText("School welfare log")
    page.source_default.editingFinished.emit()
    assert model.data(model.index(1, ROWS.SOURCE)) == "School welfare log"

    date_cell = model.index(1, ROWS.WRITTEN)
    assert model.flags(date_cell) & Qt.ItemFlag.ItemIsEditable
    assert model.data(date_cell, Qt.ItemDataRole.EditRole) == "31/02/2015"
    assert model.setData(date_cell, "30/02/2015")
    assert model.is_left_out(1) and page.message.tone is Tone.PROBLEM
    assert "does not exist" in page.message.text.text()
    assert model.setData(date_cell, "?/02/2015")
    assert not model.is_left_out(1) and page.message.tone is Tone.DONE
    assert model.data(model.index(1, ROWS.DATE)) == "Feb 2015"
    assert model.data(model.index(1, ROWS.STATUS)) == "Corrected"  # in words, not only italics
    assert model.data(date_cell, Qt.ItemDataRole.FontRole).italic()
    assert "The agency wrote '31/02/2015'" in str(
        model.data(date_cell, Qt.ItemDataRole.ToolTipRole)
    )
    assert model.setData(model.index(2, ROWS.EVENT), "Letter about attendance.")
    assert "3 can be imported" in page.counts.text()

    press(wizard, NEXT)  # the problems page
    press(wizard, NEXT)  # the import page
    wizard.import_page.start.click()
    assert wizard.import_page.outcome.tone is Tone.DONE
    press(wizard, FINISH)
    entries = sorted(service.entries(), key=lambda e: e.provenance.row_number or 0)
    assert [e.source for e in entries] == ["School welfare log"] * 3
    corrected = entries[1]
    assert corrected.date.precision is Precision.MONTH and corrected.date.original == "?/02/2015"
    assert ("Date", "31/02/2015") in corrected.provenance.original
    assert (f"{CORRECTED_PREFIX}Date", "?/02/2015") in corrected.provenance.original
    assert entries[2].date.precision is Precision.UNKNOWN
    assert entries[2].event == "Letter about attendance."


def test_corrections_outlive_a_change_of_column(
    make_wizard: MakeWizard, agency_files: Path
) -> None:
    page = _at_preview(make_wizard, agency_files).preview_page
    model = page.model
    assert model.setData(model.index(1, ROWS.DATE), "c. Feb 2015")
    setting = page.mapping.combos[1]
    setting.setCurrentIndex(setting.findData(Field.SOURCE))
    assert model.data(model.index(0, ROWS.SOURCE)) == "Nursery"
    assert not model.is_left_out(1)
    assert model.data(model.index(1, ROWS.WRITTEN), Qt.ItemDataRole.EditRole) == "c. Feb 2015"
