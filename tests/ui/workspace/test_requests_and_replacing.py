"""Agencies page: asking an agency for its chronology (request pack), taking the completed
template back through the wizard, and replacing an import from the imports table."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWizard

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import demo_services
from ui.importing.wizard import ImportWizard
from ui.tasks import ImmediateTaskRunner
from ui.workspace.workspace import Workspace

NEXT = QWizard.WizardButton.NextButton


@pytest.fixture
def services(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    review = demo_services(tmp_path / "demo.review", app_paths)
    yield review
    review.close()


@pytest.fixture
def workspace(qtbot, services: ReviewServices) -> Workspace:  # type: ignore[no-untyped-def]
    made = Workspace(services, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.agencies_page.reload()
    return made


def _through_the_wizard(wizard) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        wizard.button(NEXT).click()
    assert wizard.currentId() == wizard.IMPORT_PAGE
    wizard.import_page.start.click()


def test_a_request_pack_is_written_listed_and_received_when_its_template_comes_back(
    workspace: Workspace, services: ReviewServices, tmp_path: Path
) -> None:
    page = workspace.agencies_page
    dialog = page.request_chronology()
    assert dialog is not None
    out = tmp_path / "packs"
    out.mkdir()
    dialog.agency.setEditText("Riverside Academy")
    dialog.folder.setText(str(out))
    dialog.due.setText("08/01/2099")
    dialog.write()
    assert dialog.recorded is not None
    assert sorted(p.suffix for p in dialog.written) == [".docx", ".docx", ".xlsx"]
    assert page.request_table.rowCount() == 1
    texts = [page.request_table.item(0, c).text() for c in range(5)]
    assert texts[0] == "Riverside Academy" and texts[3] == "08/01/2099"
    assert texts[4] == "Requested"
    agency_row = next(
        r for r in range(page.agency_table.rowCount())
        if page.agency_table.item(r, 0).text() == "Riverside Academy"
    )  # fmt: skip
    assert page.agency_table.item(agency_row, 4).text() == "Requested"

    template = next(p for p in dialog.written if p.suffix == ".xlsx")
    book = openpyxl.load_workbook(template)
    book["Chronology"].append(["04/09/2014", "", "Register", "Class teacher", "Started Reception."])
    filled = tmp_path / "returned.xlsx"
    book.save(filled)
    before = len(services.chronology.entries())
    wizard = workspace.import_chronology()
    wizard.choose_file = lambda: filled
    wizard.file_page.choose.click()
    wizard.file_page.agency.setEditText("Riverside Academy")
    assert wizard.session.preview is not None
    assert wizard.session.preview.problems == ()
    assert len(wizard.session.preview.rows) == 1  # the template's examples are left out
    _through_the_wizard(wizard)
    assert len(services.chronology.entries()) == before + 1
    assert page.request_table.item(0, 4).text().startswith("Received ")


def test_a_request_needs_a_folder_that_is_there(
    workspace: Workspace, services: ReviewServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.workspace.request_dialog.show_error", lambda _parent, error: shown.append(str(error))
    )
    dialog = workspace.agencies_page.request_chronology()
    assert dialog is not None
    dialog.agency.setEditText("Riverside Academy")
    dialog.folder.setText(str(tmp_path / "not there"))
    dialog.write()
    assert shown and "There is no folder" in shown[0]
    assert services.requests.requests() == []


def test_replace_an_import_from_the_imports_table_keeps_comments_on_unchanged_rows(
    workspace: Workspace, services: ReviewServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "nursery.csv"
    rows = [["Date", "Source", "Details"], ["01/10/2014", "Log 1", "Settling in."]]
    rows.append(["02/10/2014", "Log 2", "Arrived hungry."])
    with first.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    wizard = workspace.import_chronology()
    wizard.choose_file = lambda: first
    wizard.file_page.choose.click()
    wizard.file_page.agency.setEditText("Little Acorns Nursery")
    _through_the_wizard(wizard)
    settling = next(e for e in services.chronology.entries() if e.event == "Settling in.")
    services.chronology.update_entry(settling.with_changes(comment="Reviewer: good start."))

    corrected = tmp_path / "nursery corrected.csv"
    rows[2] = ["02/10/2014", "Log 2", "Arrived hungry; breakfast given."]
    with corrected.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    page = workspace.agencies_page
    page.reload()
    row = next(
        r for r in range(page.batch_table.rowCount())
        if page.batch_table.item(r, 0).text() == "nursery.csv"
    )  # fmt: skip
    page.batch_table.selectRow(row)
    assert page.replace_button.isEnabled()
    batch = page.selected_batch()
    assert batch is not None
    monkeypatch.setattr(ImportWizard, "_ask_for_file", lambda _self: corrected)
    page.replace_button.click()  # the agency's corrected file is chosen, the wizard opens on it
    wizard = workspace.findChildren(ImportWizard)[-1]
    assert wizard.session.replaces is not None and wizard.session.replaces.id == batch.id
    assert wizard.session.path == corrected
    assert wizard.file_page.agency.currentText() == "Little Acorns Nursery"
    _through_the_wizard(wizard)

    names = [b.file_name for b in services.chronology.batches()]
    assert "nursery.csv" not in names and "nursery corrected.csv" in names
    events = {e.event: e for e in services.chronology.entries() if e.source in ("Log 1", "Log 2")}
    assert sorted(events) == ["Arrived hungry; breakfast given.", "Settling in."]
    assert events["Settling in."].comment == "Reviewer: good start."
