"""Editing, adding and deleting entries: every step is in the file at once and can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from reviewer_app.chronology.dates import Precision, Qualifier
from reviewer_app.chronology.entry import ChronologyEntry, Flag
from tests.ui.chronology.conftest import stored_entries, strategy_pair
from tests.ui.support import Shown
from ui.chronology.entry_dialog import EntryDialog
from ui.chronology.page import ChronologyPage
from ui.chronology.table_model import Column


def open_editor(qtbot, page: ChronologyPage, entry_id: int, column: Column) -> QWidget:  # type: ignore[no-untyped-def]
    page.show()
    qtbot.waitExposed(page)
    assert page.select_entry(entry_id)
    row = page.proxy.proxy_row_of(entry_id)
    assert row is not None
    index = page.proxy.index(row, column)
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editors = [
        w
        for w in page.table.viewport().findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit) and w.isVisible()
    ]
    assert len(editors) == 1
    return editors[0]


def same_event_record(entry: ChronologyEntry, like: ChronologyEntry) -> bool:
    return entry.source == like.source and entry.date.start == like.date.start


def press_return(qtbot, page: ChronologyPage, editor: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Enter in an editor commits (Qt does it on the next turn of the event loop)."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)


@pytest.fixture
def say_yes(monkeypatch: pytest.MonkeyPatch, message_boxes: list[Shown]) -> list[Shown]:
    def yes(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        message_boxes.append(Shown("question", title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    return message_boxes


def test_a_cell_edited_in_the_table_is_stored_and_undoes(qtbot, page, review, undo_stack) -> None:  # type: ignore[no-untyped-def]
    csc, _police = strategy_pair(page.service)
    assert csc.id is not None
    editor = open_editor(qtbot, page, csc.id, Column.SOURCE)
    assert isinstance(editor, QLineEdit) and editor.text() == "Strategy discussion minutes"
    editor.setText("Strategy meeting minutes (ref SD/14/77)")
    press_return(qtbot, page, editor)

    assert stored_entries(review)[csc.id].source == "Strategy meeting minutes (ref SD/14/77)"
    row = page.model.row_of(csc.id)
    assert page.model.index(row, Column.SOURCE).data() == "Strategy meeting minutes (ref SD/14/77)"
    assert page.detail.values["source"].text() == "Strategy meeting minutes (ref SD/14/77)"
    assert undo_stack.undoText() == "Edit source"

    undo_stack.undo()
    assert stored_entries(review)[csc.id].source == "Strategy discussion minutes"
    assert page.model.index(row, Column.SOURCE).data() == "Strategy discussion minutes"
    undo_stack.redo()
    assert stored_entries(review)[csc.id].source == "Strategy meeting minutes (ref SD/14/77)"


def test_the_agencys_words_edit_across_lines(qtbot, page, review, undo_stack) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    assert csc.id is not None
    editor = open_editor(qtbot, page, csc.id, Column.COMMENT)
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText("First thought.")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "Second thought.")
    press_return(qtbot, page, editor)
    assert stored_entries(review)[csc.id].comment == "First thought.\nSecond thought."
    assert undo_stack.undoText() == "Edit reviewer comment"


def test_a_date_edit_keeps_the_agencys_text(qtbot, page, review, undo_stack) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    assert csc.id is not None
    editor = open_editor(qtbot, page, csc.id, Column.DATE)
    assert isinstance(editor, QLineEdit) and editor.text() == "23 Jun 2014"
    editor.setText("24/06/2014")
    press_return(qtbot, page, editor)

    stored = stored_entries(review)[csc.id]
    assert stored.date.start == dt.date(2014, 6, 24)
    assert stored.date.time == dt.time(14, 0)  # a one-day date keeps its time
    assert stored.date.original == "23/06/2014"  # what the agency wrote stays beside it
    undo_stack.undo()
    assert stored_entries(review)[csc.id].date == csc.date


def test_an_impossible_date_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    qtbot, page, review, undo_stack, message_boxes
) -> None:
    csc, _ = strategy_pair(page.service)
    assert csc.id is not None
    before = stored_entries(review)
    editor = open_editor(qtbot, page, csc.id, Column.DATE)
    editor.setText("31/02/2015")  # type: ignore[attr-defined]
    press_return(qtbot, page, editor)

    qtbot.waitUntil(lambda: bool(message_boxes))
    assert [m.kind for m in message_boxes] == ["warning"]
    assert "'31/02/2015' is not a real date" in message_boxes[0].text
    assert "February 2015 has 28 days" in message_boxes[0].text
    assert stored_entries(review) == before
    assert undo_stack.count() == 0
    row = page.model.row_of(csc.id)
    assert page.model.index(row, Column.DATE).data() == "23 Jun 2014"


def test_a_blank_source_and_a_time_on_a_month_are_refused(  # type: ignore[no-untyped-def]
    qtbot, page, review, message_boxes
) -> None:
    before = stored_entries(review)
    csc, _ = strategy_pair(page.service)
    row = page.proxy.proxy_row_of(csc.id)
    assert not page.proxy.setData(page.proxy.index(row, Column.SOURCE), "  ")
    month = next(e for e in page.model.entries() if e.date.original == "03/2015")
    row = page.proxy.proxy_row_of(month.id)
    assert not page.proxy.setData(page.proxy.index(row, Column.TIME), "10:00")
    qtbot.waitUntil(lambda: len(message_boxes) == 2)
    assert "needs a source" in message_boxes[0].text
    assert "single day" in message_boxes[1].text
    assert stored_entries(review) == before


def test_adding_an_entry_through_the_form(qtbot, page, review, undo_stack) -> None:  # type: ignore[no-untyped-def]
    page.show()
    page.table.setFocus()
    page.select_entry(page.model.entry_at(0).id)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in page.findChildren(EntryDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]

    dialog.buttons.accepted.emit()  # nothing filled in: refused with a plain message
    assert dialog.isVisible() and "Choose the agency" in dialog.problem.text()
    dialog.agency.setCurrentText("Northshire Police")
    dialog.date.setText("31/02/2015")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "not a real date" in dialog.problem.text()
    dialog.date.setText("approx 03/2015")
    dialog.buttons.accepted.emit()
    assert "needs a source" in dialog.problem.text()
    dialog.source.setText("Telephone log")
    dialog.event_text.setPlainText("Anonymous call about <shouting> & a baby crying.")
    dialog.comment.setPlainText("Not shared with children's social care.")
    dialog.flag_boxes[Flag.SIGNIFICANT].setChecked(True)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()

    added = [e for e in stored_entries(review).values() if e.source == "Telephone log"]
    assert len(added) == 1
    entry = added[0]
    assert entry.event == "Anonymous call about <shouting> & a baby crying."
    assert entry.flags == {Flag.SIGNIFICANT} and entry.date.original == "approx 03/2015"
    assert page.current_entry_id() == entry.id
    assert page.filter_bar.count.text() == "301 of 301 entries"
    assert undo_stack.undoText() == "Add entry"

    undo_stack.undo()
    assert not [e for e in stored_entries(review).values() if e.source == "Telephone log"]
    assert page.model.rowCount() == 300
    undo_stack.redo()
    again = [e for e in stored_entries(review).values() if e.source == "Telephone log"]
    assert len(again) == 1 and page.model.row_of(again[0].id) is not None


def test_a_new_agency_typed_in_the_form_is_made(qtbot, page, review) -> None:  # type: ignore[no-untyped-def]
    dialog = page.new_entry()
    dialog.agency.setCurrentText("Northshire Youth Offending Team")
    dialog.date.setText("2015")
    dialog.source.setText("Case record")
    dialog.event_text.setPlainText("Contact with Mr K.")
    dialog.buttons.accepted.emit()
    names = {a.name for a in page.service.agencies()}
    assert "Northshire Youth Offending Team" in names
    entry = next(e for e in stored_entries(review).values() if e.source == "Case record")
    row = page.model.row_of(entry.id)
    assert page.model.index(row, Column.AGENCY).data() == "Northshire Youth Offending Team"


def test_deleting_asks_and_undo_brings_back_the_entry_and_its_link(  # type: ignore[no-untyped-def]
    qtbot, page, review, undo_stack, say_yes
) -> None:
    csc, police = strategy_pair(page.service)
    assert csc.id is not None and police.id is not None
    page.show()
    page.select_entry(csc.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert say_yes[-1].title == "Delete entry"
    assert "23 Jun 2014 from Northshire Children's Social Care" in say_yes[-1].text
    assert csc.id not in stored_entries(review)
    assert page.model.row_of(csc.id) is None
    assert page.filter_bar.count.text() == "299 of 299 entries"

    undo_stack.undo()
    back = next(e for e in stored_entries(review).values() if same_event_record(e, csc))
    assert back == csc  # the same entry, under the same id
    assert [e.id for e in page.service.linked_entries(back.id)] == [police.id]
    assert page.model.row_of(back.id) is not None

    undo_stack.redo()
    assert not [e for e in stored_entries(review).values() if same_event_record(e, csc)]
    undo_stack.undo()
    assert [e for e in stored_entries(review).values() if same_event_record(e, csc)]


def test_declining_the_question_deletes_nothing(qtbot, page, review, message_boxes) -> None:  # type: ignore[no-untyped-def]
    before = stored_entries(review)
    page.select_entry(page.model.entry_at(5).id)
    page.delete_selected()
    assert message_boxes[-1].kind == "question"
    assert stored_entries(review) == before


def test_undo_follows_an_entry_through_delete_and_re_add(  # type: ignore[no-untyped-def]
    page, review, undo_stack, say_yes
) -> None:
    """Edit, delete, undo both: the edit's undo must reach the re-added entry's new id."""
    csc, _ = strategy_pair(page.service)
    assert csc.id is not None
    row = page.proxy.proxy_row_of(csc.id)
    page.proxy.setData(page.proxy.index(row, Column.OUTCOME), "Section 47 enquiry agreed.")
    page.set_flags(csc.id, frozenset({Flag.SIGNIFICANT, Flag.DISPUTED}))
    page.select_entry(csc.id)
    page.delete_selected()
    assert undo_stack.count() == 3

    undo_stack.undo()  # the entry comes back, under its own id
    undo_stack.undo()  # flags back
    undo_stack.undo()  # outcome back
    back = next(e for e in stored_entries(review).values() if same_event_record(e, csc))
    assert back.outcome == csc.outcome and back.flags == csc.flags

    undo_stack.redo()
    undo_stack.redo()
    undo_stack.redo()
    assert not [e for e in stored_entries(review).values() if same_event_record(e, csc)]
    undo_stack.undo()
    back = next(e for e in stored_entries(review).values() if same_event_record(e, csc))
    assert back.outcome == "Section 47 enquiry agreed."
    assert back.flags == {Flag.SIGNIFICANT, Flag.DISPUTED}


def test_a_failed_write_is_shown_and_leaves_no_undo_step(
    page, undo_stack, message_boxes, qtbot
) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)

    def broken(entry: object) -> None:
        raise OSError("disk full")

    page.service.update_entry = broken  # type: ignore[method-assign]
    row = page.proxy.proxy_row_of(csc.id)
    page.proxy.setData(page.proxy.index(row, Column.COMMENT), "A comment")
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert message_boxes[0].kind == "critical"
    assert undo_stack.count() == 0
    assert page.model.entry(csc.id).comment == ""
    QApplication.processEvents()


@pytest.mark.parametrize(
    ("typed", "precision", "qualifier"),
    [
        ("?/05/2014", Precision.MONTH, Qualifier.ON),
        ("05/2014?", Precision.MONTH, Qualifier.AROUND),
        ("c. May 2014", Precision.MONTH, Qualifier.AROUND),
        ("May 2014 (approx)", Precision.MONTH, Qualifier.AROUND),
        ("late 2014", Precision.RANGE, Qualifier.AROUND),
        ("between 3 and 9 March 2015", Precision.RANGE, Qualifier.BETWEEN),
    ],
)
def test_uncertain_dates_are_taken_as_written_in_the_new_entry_form(  # type: ignore[no-untyped-def]
    page, review, typed: str, precision: Precision, qualifier: Qualifier
) -> None:
    dialog = page.new_entry()
    dialog.agency.setCurrentText("Northshire Police")
    dialog.date.setText(typed)
    dialog.source.setText("Uncertain-date log")
    dialog.event_text.setPlainText("Contact with Child M.")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible(), dialog.problem.text()
    [entry] = [e for e in stored_entries(review).values() if e.source == "Uncertain-date log"]
    assert (entry.date.precision, entry.date.qualifier) == (precision, qualifier)
    assert entry.date.original == typed
