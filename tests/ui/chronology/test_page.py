"""The page as a whole: loading in a real worker thread, sorting from the header, keyboard use,
deleting several entries at once, and leaving nothing of the case behind after `clear()`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWidget

from reviewer_app.chronology.entry import Flag
from reviewer_app.chronology.repository import EntryFilter
from tests.ui.chronology.conftest import stored_entries, strategy_pair
from tests.ui.support import Shown, every_string
from ui.chronology.page import ChronologyPage
from ui.chronology.table_model import Column, Role
from ui.tasks import ThreadTaskRunner


def test_loading_and_searching_in_a_worker_thread(qtbot, service, undo_stack) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadTaskRunner()
    page = ChronologyPage(service, undo_stack, runner)
    qtbot.addWidget(page)
    csc, _ = strategy_pair(service)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
        assert page.filter_bar.count.text() == "Loading the chronology…"
        assert page.select_entry(csc.id)  # remembered until the entries arrive
    assert page.current_entry_id() == csc.id
    qtbot.waitUntil(lambda: "Northshire Police" in page.detail.linked.toPlainText())
    qtbot.waitUntil(lambda: page.detail.confirm_button.isEnabled(), timeout=10_000)

    expected = service.search(EntryFilter(text="nursery"))
    page.filter_bar.search.setText("nursery")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(expected), timeout=10_000)
    assert page.filter_bar.count.text() == f"{len(expected)} of 300 entries"
    runner.wait_for_done()
    page.clear()


def test_sorting_from_the_header_and_back_to_chronological(page, service) -> None:  # type: ignore[no-untyped-def]
    chronological = [e.id for e in service.entries()]
    page.table.sortByColumn(Column.SOURCE, Qt.SortOrder.AscendingOrder)
    sources = [page.proxy.index(r, Column.SOURCE).data() for r in range(page.proxy.rowCount())]
    assert sources == sorted(sources, key=str.casefold)
    page.table.sortByColumn(Column.DATE, Qt.SortOrder.AscendingOrder)
    rows = range(page.proxy.rowCount())
    assert [page.proxy.index(r, 0).data(Role.ENTRY_ID) for r in rows] == chronological


def test_enter_edits_the_current_cell(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.show()
    qtbot.waitExposed(page)
    csc, _ = strategy_pair(page.service)
    page.select_entry(csc.id)
    row = page.proxy.proxy_row_of(csc.id)
    page.table.setCurrentIndex(page.proxy.index(row, Column.EVENT))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.table.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(page.table.viewport().focusWidget() or page.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)

    page.table.setCurrentIndex(page.proxy.index(row, Column.AGENCY))  # not editable here
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.table.state() != QAbstractItemView.State.EditingState


def test_deleting_several_entries_is_one_undo_step(  # type: ignore[no-untyped-def]
    page, review, undo_stack, monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]
) -> None:
    def yes(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        message_boxes.append(Shown("question", title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    chosen = [page.proxy.index(r, 0).data(Role.ENTRY_ID) for r in (3, 4, 5)]
    for r in (3, 4, 5):
        selection.select(page.proxy.index(r, 0), flags)
    assert page.delete_button.text() == "&Delete entries…"
    page.delete_button.click()

    assert message_boxes[-1].text.startswith("Delete these 3 entries?")
    assert not set(chosen) & set(stored_entries(review))
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Delete 3 entries"
    undo_stack.undo()
    assert len(stored_entries(review)) == 300
    assert page.filter_bar.count.text() == "300 of 300 entries"


def test_clear_leaves_no_case_text_on_screen(page, service) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(service)
    page.filter_bar.search.setText("strategy")
    page.filter_bar.flag_boxes[Flag.SIGNIFICANT].setChecked(True)
    page.select_entry(csc.id)
    assert any("Strategy discussion" in s for s in every_string(page))

    page.clear()
    strings = every_string(page)
    for case_text in ("Strategy", "Northshire", "Mr K", "Child M", "strategy"):
        assert not [s for s in strings if case_text in s], case_text
    assert page.model.rowCount() == 0 and page.detail.linked.toPlainText() == ""
    assert page.detail.original_row.toPlainText() == ""
    assert page.filter_bar.agency_menu.actions() == []


def test_a_cell_being_edited_is_saved_before_the_page_is_blanked(  # type: ignore[no-untyped-def]
    qtbot, page, review
) -> None:
    page.show()
    qtbot.waitExposed(page)
    csc, _ = strategy_pair(page.service)
    page.select_entry(csc.id)
    page.table.setCurrentIndex(page.proxy.index(page.proxy.proxy_row_of(csc.id), Column.COMMENT))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.table.viewport().focusWidget()
    assert page.table.state() == QAbstractItemView.State.EditingState and editor is not None
    qtbot.keyClicks(editor, "Typed, then the review locked")
    page.clear()  # the workspace blanks every page as the review locks
    assert stored_entries(review)[csc.id].comment == "Typed, then the review locked"
