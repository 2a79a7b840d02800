"""Record milestone dates, see due dates and warnings follow, keep the delay log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLineEdit, QTableWidget

from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from tests.helpers.reviews import new_review
from tests.reviewer_app.quality.reviews import demo, services
from tests.ui.runners import HeldRunner
from tests.ui.support import Shown
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import LOADING, NOTHING_LATE, TimetablePage

AWARE = "Safeguarding partners became aware of the serious incident"


def cell(table: QTableWidget, label: str, column: int) -> str:
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == label:
            return table.item(row, column).text()
    raise AssertionError(label)


def warnings(page: TimetablePage) -> list[str]:
    return [page.warnings.item(i).text() for i in range(page.warnings.count())]


def type_date(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_milestones_warnings_and_the_delay_log(
    qtbot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))  # an LCSPR; today is 20/05/2026
    stack = QUndoStack()
    page = TimetablePage(s.timetable, stack, ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    page.reload()
    assert "Local Child Safeguarding Practice Review" in page.rules_note.text()
    assert warnings(page) == [NOTHING_LATE]
    assert cell(page.table, "Rapid review", 3) == "No date yet"

    # becoming aware: every statutory date follows, in working days
    page.select_milestone(MilestoneKind.BECAME_AWARE)
    type_date(qtbot, page.done_on, "05/05/2026")
    assert cell(page.table, AWARE, 2) == "05/05/2026"
    assert cell(page.table, "Notification to the national Panel", 1) == "12/05/2026"
    # 15 working days from 05/05 too, skipping the late-May bank holiday (25/05/2026)
    assert cell(page.table, "Rapid review", 1) == "27/05/2026"
    assert cell(page.table, "Decision to review", 1) == "27/05/2026"  # with the rapid review
    assert cell(page.table, "Notification to the national Panel", 3) == "Overdue"
    assert warnings(page)[:2] == [
        "⚠ Notification to the national Panel was due on 12/05/2026 (8 days ago).",
        "⚠ Notification to the national Panel is late and the delay log gives no reason.",
    ]

    # a bad date is refused whole, with a plain message
    page.select_milestone(MilestoneKind.NOTIFICATION)
    type_date(qtbot, page.done_on, "31/02/2026")
    assert message_boxes[-1].text.startswith("The date it happened '31/02/2026' is not a date")
    assert cell(page.table, "Notification to the national Panel", 2) == ""

    # record a delay through the dialog, then tell the board
    dialog = page.open_delay_dialog()
    dialog.milestone.setCurrentIndex(dialog.milestone.findData("notification"))
    dialog.reason.setPlainText("Awaiting confirmation of the incident date from the police")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert page.delays.rowCount() == 1
    assert page.delays.item(0, 4).text() == "Not yet"
    assert any("board has not been told" in w for w in warnings(page))
    page.delays.selectRow(0)
    qtbot.mouseClick(page.told_button, Qt.MouseButton.LeftButton)
    assert page.delays.item(0, 4).text() == "Yes, 20/05/2026"
    assert s.timetable.delays()[0].board_told_on == dt.date(2026, 5, 20)
    assert not any("board has not been told" in w for w in warnings(page))
    assert not any("gives no reason" in w for w in warnings(page))

    # undo, step by step, back to an empty timetable
    stack.undo()
    assert page.delays.item(0, 4).text() == "Not yet"
    stack.undo()
    assert page.delays.rowCount() == 0
    stack.undo()
    assert cell(page.table, AWARE, 2) == ""
    assert warnings(page) == [NOTHING_LATE]


def test_a_delay_without_a_reason_is_refused_in_the_dialog(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))
    page = TimetablePage(s.timetable, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.reload()
    dialog = page.open_delay_dialog()
    dialog._save()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "needs a reason" in dialog.error.text()
    dialog.reject()
    assert s.timetable.delays() == []
    page.add_delay(DelayRecord(dt.date(2026, 5, 1), "Panel date moved"))
    page.delays.selectRow(0)
    assert page.remove_delay_button.isEnabled()


def test_every_control_has_an_accessible_name(qtbot, tmp_path: Path, app_paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))
    page = TimetablePage(s.timetable, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.reload()
    for kind in (QAbstractButton, QLineEdit, QTableWidget):
        for widget in page.findChildren(kind):
            if not widget.objectName().startswith("qt_") and widget.isVisibleTo(page):
                assert widget.accessibleName(), f"{kind.__name__} without a name"


def test_every_mnemonic_is_unique_on_the_page_and_in_the_dialog(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_keyboard import assert_unique, mnemonics

    s = demo(new_review(tmp_path / "x.review", app_paths))
    page = TimetablePage(s.timetable, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    assert_unique(mnemonics(page))
    dialog = page.open_delay_dialog()
    assert_unique(mnemonics(dialog))
    dialog.reject()


def test_a_new_review_shows_its_milestones_as_soon_as_the_page_is_made(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    page = TimetablePage(s.timetable, QUndoStack(), ImmediateTaskRunner())  # nobody reloads
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == len(s.timetable.schedule()) > 5
    assert page.table.currentRow() == 0
    assert page.editor_title.text() == AWARE
    assert cell(page.table, AWARE, 4) == "the clock starts here: record its date"
    assert page.rules_note.text().startswith("Due dates follow the rules")
    assert warnings(page) == [NOTHING_LATE]
    assert page.no_delays.isVisible() and page.delays.rowCount() == 0
    assert page.done_on.isEnabled()


def test_before_the_timetable_is_read_nothing_can_be_saved(
    qtbot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    stack = QUndoStack()
    runner = HeldRunner()
    page = TimetablePage(s.timetable, stack, runner)
    qtbot.addWidget(page)
    page.show()
    assert page.editor_title.text() == LOADING
    assert not page.done_on.isEnabled() and not page.not_applicable.isEnabled()
    page.done_on.setText("05/05/2026")
    page.commit_milestone()
    assert stack.count() == 0 and not message_boxes

    runner.release()
    assert page.done_on.isEnabled() and page.done_on.text() == ""
    assert page.editor_title.text() == AWARE
    assert s.timetable.record(MilestoneKind.BECAME_AWARE).done_on is None


def test_coming_back_to_the_page_shows_what_changed_meanwhile(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    page = TimetablePage(s.timetable, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.show()
    assert cell(page.table, AWARE, 2) == ""
    page.hide()
    s.timetable.save_milestone(MilestoneRecord(MilestoneKind.BECAME_AWARE, dt.date(2026, 5, 5)))
    page.show()
    assert cell(page.table, AWARE, 2) == "05/05/2026"
