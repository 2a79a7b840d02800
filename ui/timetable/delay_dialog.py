"""Record a delay: when, to what, why, the revised date, and whether the board was told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord
from ui.style import inline_error_label, show_inline
from ui.timetable.forms import stack_form
from ui.uk_dates import parse_day, uk

WHOLE_REVIEW = "The review as a whole"


class DelayDialog(QDialog):
    def __init__(
        self,
        milestones: Sequence[MilestoneKind],
        today: dt.date,
        parent: QWidget | None = None,
        *,
        delay: DelayRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change a delay" if delay else "Record a delay")
        self.result_delay: DelayRecord | None = None
        self._id = delay.id if delay else None
        self.recorded_on = QLineEdit(uk(delay.recorded_on if delay else today))
        self.recorded_on.setAccessibleName("Date the delay was recorded (dd/mm/yyyy)")
        self.milestone = QComboBox()
        self.milestone.setAccessibleName("Milestone delayed")
        self.milestone.addItem(WHOLE_REVIEW, None)
        for kind in milestones:
            self.milestone.addItem(kind.label, kind.value)
        if delay and delay.milestone:
            self.milestone.setCurrentIndex(self.milestone.findData(delay.milestone.value))
        self.reason = QPlainTextEdit(delay.reason if delay else "")
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName("Reason for the delay")
        self.reason.setMaximumHeight(90)
        self.revised = QLineEdit(uk(delay.revised_date) if delay else "")
        self.revised.setAccessibleName("Revised date (dd/mm/yyyy), if known")
        self.board_told = QCheckBox("The &board has been told")
        self.board_told.setChecked(bool(delay and delay.board_told))
        self.board_told.setAccessibleName("The board has been told")
        self.told_on = QLineEdit(uk(delay.board_told_on) if delay else "")
        self.told_on.setAccessibleName("Date the board was told (dd/mm/yyyy)")
        self.panel_told_on = QLineEdit(uk(delay.panel_told_on) if delay else "")
        self.panel_told_on.setAccessibleName(
            "Date the national Panel was told (dd/mm/yyyy), if it was"
        )
        self.error = inline_error_label()
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Recorded on:", self.recorded_on)
        form.addRow("&Delay to:", self.milestone)
        form.addRow("Re&ason:", self.reason)
        form.addRow("Re&vised date:", self.revised)
        form.addRow("", self.board_told)
        form.addRow("Board &told on:", self.told_on)
        form.addRow("National &Panel told on:", self.panel_told_on)
        stack_form(self, form, self.error, buttons)

    def delay(self) -> DelayRecord:
        """The delay as entered; raises a user-facing error if something does not parse."""
        recorded = parse_day(self.recorded_on.text(), "date recorded")
        if recorded is None:
            raise InvalidInputError("Please give the date the delay was recorded.")
        kind = self.milestone.currentData()
        told_on = parse_day(self.told_on.text(), "date the board was told")
        return DelayRecord(
            recorded_on=recorded,
            reason=self.reason.toPlainText().strip(),
            milestone=MilestoneKind(kind) if kind else None,
            revised_date=parse_day(self.revised.text(), "revised date"),
            board_told=self.board_told.isChecked() or told_on is not None,
            board_told_on=told_on,
            id=self._id,
            panel_told_on=parse_day(self.panel_told_on.text(), "date the Panel was told"),
        )

    def _save(self) -> None:
        try:
            self.result_delay = self.delay()
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        self.accept()
