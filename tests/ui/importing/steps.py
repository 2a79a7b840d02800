"""Steps a reviewer takes in the import wizard, shared by its tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from reviewer_app.chronology.entry import AgencyType
from ui.importing import ImportWizard

NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


def can_press(wizard: ImportWizard, which: QWizard.WizardButton) -> bool:
    button = wizard.button(which)
    return button.isVisible() and button.isEnabled()


def press(wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    assert can_press(wizard, which), f"{wizard.button(which).text()} cannot be pressed"
    wizard.button(which).click()


def choose_file(wizard: ImportWizard, path: Path) -> None:
    wizard.choose_file = lambda: path
    wizard.file_page.choose.click()


def name_agency(wizard: ImportWizard, name: str, kind: AgencyType | None = None) -> None:
    page = wizard.file_page
    page.agency.setEditText(name)
    if kind is not None:
        page.agency_type.setCurrentIndex(page.agency_type.findData(kind))


def to_import_page(wizard: ImportWizard) -> None:
    """From the file page (file read, agency named) straight on to the last page."""
    for page in (wizard.FILE_PAGE, wizard.PREVIEW_PAGE, wizard.PROBLEMS_PAGE):
        assert wizard.currentId() == page
        press(wizard, NEXT)
    assert wizard.currentId() == wizard.IMPORT_PAGE
