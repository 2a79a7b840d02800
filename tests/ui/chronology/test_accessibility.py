"""Keyboard and screen reader use: names for every control, Tab reaches every one of them."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from tests.ui.chronology.conftest import strategy_pair
from ui.chronology.page import ChronologyPage

MNEMONIC = re.compile(r"&([^&\s])")
#: Alt+F and Alt+E open the main window's File and Edit menus.
RESERVED = {"f", "e"}
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit)


def buddied(page: QWidget) -> set[int]:
    return {id(label.buddy()) for label in page.findChildren(QLabel) if label.buddy() is not None}


def focusable(page: QWidget) -> list[QWidget]:
    """Controls Tab should stop at: visible, enabled, taking focus by Tab (not scroll bars)."""
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisibleTo(page)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w, QScrollBar)
        and not isinstance(w.parentWidget(), QAbstractScrollArea | QScrollBar)
    ]


def test_every_control_has_an_accessible_name_or_a_label(page: ChronologyPage) -> None:
    csc, _ = strategy_pair(page.service)
    page.show()
    page.select_entry(csc.id)
    labelled = buddied(page)
    nameless = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in page.findChildren(QWidget)
        if w.isVisibleTo(page)
        and (isinstance(w, CONTROLS) or w.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and not isinstance(w, QScrollBar)
        and not w.objectName().startswith("qt_")
        and not w.accessibleName()
        and id(w) not in labelled
    ]
    assert not nameless
    assert page.table.accessibleName() == "Chronology entries"
    assert page.filter_bar.search.accessibleName() == "Search the chronology"


def test_tab_reaches_every_control_in_order(qtbot, page: ChronologyPage) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    page.show()
    page.select_entry(csc.id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    controls = focusable(page)
    page.new_button.setFocus(Qt.FocusReason.TabFocusReason)

    order: list[QWidget] = []
    for _ in range(len(controls) * 2 + 5):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused not in order:
            order.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    missing = [f"{type(w).__name__} {w.accessibleName()!r}" for w in controls if w not in order]
    assert not missing
    # Tab leaves the table (it does not walk 300 × 9 cells) and goes on to the details.
    assert order.index(page.table) + 1 == order.index(next(iter(page.detail.flag_boxes.values())))
    assert order.index(page.filter_bar.search) < order.index(page.table)


def test_mnemonics_are_unique_and_labels_have_buddies(page: ChronologyPage) -> None:
    csc, _ = strategy_pair(page.service)
    page.show()
    page.select_entry(csc.id)
    letters: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLabel) and (found := MNEMONIC.search(widget.text())):
            assert widget.buddy() is not None, widget.text()
            letters.append(found.group(1).lower())
        elif isinstance(widget, QAbstractButton) and (found := MNEMONIC.search(widget.text())):
            letters.append(found.group(1).lower())
    assert letters and len(letters) == len(set(letters)), letters
    assert not RESERVED & set(letters)


def test_the_new_entry_form_is_named_and_labelled(page: ChronologyPage) -> None:
    dialog = page.new_entry()
    labelled = buddied(dialog)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, CONTROLS) and widget.isVisibleTo(dialog):
            if isinstance(widget.parentWidget(), QComboBox):
                continue  # the combo box's own line edit
            assert widget.accessibleName() or id(widget) in labelled, type(widget).__name__
    dialog.reject()


def test_text_follows_the_system_font(qapp, service, undo_stack) -> None:  # type: ignore[no-untyped-def]
    from ui.tasks import ImmediateTaskRunner

    font = QApplication.font()
    bigger = font.__class__(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    QApplication.setFont(bigger)
    try:
        page = ChronologyPage(service, undo_stack, ImmediateTaskRunner())
        row_height = page.table.verticalHeader().defaultSectionSize()
        assert row_height >= page.table.fontMetrics().height()
        assert page.table.font().pointSizeF() == bigger.pointSizeF()
        date_width = page.table.columnWidth(0)
        assert date_width > page.table.fontMetrics().horizontalAdvance("c. 28 Sep – 3 Oct 2015")
        page.deleteLater()
    finally:
        QApplication.setFont(font)
