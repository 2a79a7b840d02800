"""Keyboard and screen reader use of every page of the import wizard.

On each page: every control has an accessible name, Tab reaches every control, and no
Alt+letter is used twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reviewer_app.chronology.entry import AgencyType
from tests.ui.importing.agency_files import multi_sheet_xlsx
from tests.ui.importing.conftest import MakeWizard
from tests.ui.importing.steps import NEXT, choose_file, name_agency, press
from ui.importing import ImportWizard

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)
MNEMONIC = re.compile(r"&([^&\s])")


def controls(wizard: ImportWizard) -> list[QWidget]:
    """The controls a keyboard user can reach on the current page (and the wizard's buttons)."""
    found: list[QWidget] = []
    for widget in wizard.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # an editable combo's own line: part of the combo
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        found.append(widget)
    return found


def control_of(widget: QWidget | None, among: list[QWidget]) -> QWidget | None:
    while widget is not None and widget not in among:
        widget = widget.parentWidget()
    return widget


def reached_by_tab(qtbot: QtBot, wizard: ImportWizard, among: list[QWidget]) -> set[int]:
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    among[0].setFocus(Qt.FocusReason.TabFocusReason)
    reached: set[int] = set()
    for _ in range(len(among) * 3 + 10):
        focused = QApplication.focusWidget()
        assert focused is not None
        owner = control_of(focused, among)
        if owner is not None:
            reached.add(id(owner))
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    return reached


def pages(wizard: ImportWizard, agency_files: Path) -> Iterator[str]:
    yield "file (empty)"
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    name_agency(wizard, "Northtown Police", AgencyType.POLICE)
    yield "file"
    press(wizard, NEXT)
    wizard.preview_page.sheet.setCurrentText("Chronology 2016")
    yield "preview"
    press(wizard, NEXT)
    yield "problems"
    press(wizard, NEXT)
    yield "import"
    wizard.import_page.start.click()
    yield "imported"


@pytest.fixture
def wizard(make_wizard: MakeWizard) -> ImportWizard:
    return make_wizard()


def test_every_control_has_an_accessible_name(wizard: ImportWizard, agency_files: Path) -> None:
    for page in pages(wizard, agency_files):
        found = controls(wizard)
        assert found, page
        for widget in found:
            name = widget.accessibleName()
            if not name and isinstance(widget, QAbstractButton):
                name = widget.text().replace("&", "")
            assert name, f"{page}: {type(widget).__name__} {widget.objectName()!r} has no name"


def test_tab_reaches_every_control(qtbot: QtBot, wizard: ImportWizard, agency_files: Path) -> None:
    for page in pages(wizard, agency_files):
        found = controls(wizard)
        reached = reached_by_tab(qtbot, wizard, found)
        missed = [
            f"{type(w).__name__} {w.objectName() or w.accessibleName()!r}"
            for w in found
            if id(w) not in reached
        ]
        assert not missed, f"{page}: Tab never reaches {missed}"


def test_alt_letters_are_unique_and_labels_lead_to_their_fields(
    wizard: ImportWizard, agency_files: Path
) -> None:
    for page in pages(wizard, agency_files):
        letters = []
        for widget in wizard.findChildren(QWidget):
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel):
                found = MNEMONIC.search(widget.text())
                if found:
                    assert widget.buddy() is not None, f"{page}: {widget.text()!r} has no buddy"
                    letters.append(found.group(1).lower())
            elif isinstance(widget, QAbstractButton) and (found := MNEMONIC.search(widget.text())):
                letters.append(found.group(1).lower())
        duplicates = sorted({x for x in letters if letters.count(x) > 1})
        assert not duplicates, f"{page}: Alt+{duplicates} used twice"


def test_the_form_starts_at_the_top_and_tab_goes_down_it(
    qtbot: QtBot, wizard: ImportWizard
) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    page = wizard.file_page
    assert QApplication.focusWidget() is page.file
    order = []
    for _ in range(3):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        order.append(control_of(QApplication.focusWidget(), controls(wizard)))
    assert order == [page.choose, page.agency, page.agency_type]
