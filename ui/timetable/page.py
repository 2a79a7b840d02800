"""The Timetable page: milestones with due dates from the review type's rules, warnings about
what is late or due soon, and the delay log the board must hear about (one tab); the rapid
review record sent to the national Panel (another tab, `ui.timetable.rapid_review_form`); and
the drafts sent out with the response log (`ui.timetable.drafts_tab`); and the action plan
(`ui.timetable.action_plan_tab`).

Dates are typed dd/mm/yyyy and committed when the field is left (each through an undo command).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import UserFacingError
from reviewer_app.services.drafts import DraftsService
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.rapid_review import RapidReviewService
from reviewer_app.services.timetable import TimetableService, TimetableView
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord, State
from ui.errors import show_error
from ui.operations import Operation, push
from ui.style import heading, plain_label
from ui.tasks import TaskRunner
from ui.timetable.action_plan_tab import ActionPlanTab
from ui.timetable.commands import (
    AddDelayCommand,
    RemoveDelayCommand,
    edit_delay_command,
    save_milestone_command,
)
from ui.timetable.delay_dialog import DelayDialog
from ui.timetable.drafts_tab import DraftsTab
from ui.timetable.rapid_review_actions import RapidReviewActions
from ui.timetable.rapid_review_form import RapidReviewForm
from ui.timetable.sign_off_box import SignOffBox
from ui.timetable.tables import table
from ui.uk_dates import parse_day, uk

if TYPE_CHECKING:
    from ui.report.page import ReportActions

NOTHING_LATE = "Nothing is late or due soon."
LOADING = "Reading the timetable…"
NOT_READ = (
    "The timetable could not be read. Go to another part of the review and back to try again."
)
NO_DELAYS = (
    "No delays recorded. When a milestone will be missed, record the delay and its reason "
    "with Record a delay…, then when the board was told."
)


class TimetablePage(QWidget):
    def __init__(
        self,
        service: TimetableService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        rapid_review: RapidReviewService | None = None,
        drafts: DraftsService | None = None,
        action_plan: ReviewServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.runner = runner
        self.view: TimetableView | None = None
        self.current_kind = MilestoneKind.BECAME_AWARE

        self.rules_note = plain_label(LOADING)
        self.rules_note.setAccessibleName("How due dates are worked out")
        self.warnings = QListWidget()
        self.warnings.setAccessibleName("Timetable warnings")
        self.warnings.setMaximumHeight(self.warnings.fontMetrics().height() * 4 + 12)
        self.table = table(
            ["Milestone", "Due", "Done", "State", "Why this date"], "Milestones", (4,)
        )
        self.table.itemSelectionChanged.connect(self._row_selected)

        self.done_on = QLineEdit()
        self.done_on.setAccessibleName("Date this milestone happened (dd/mm/yyyy)")
        self.done_on.setPlaceholderText("dd/mm/yyyy")
        self.due_override = QLineEdit()
        self.due_override.setAccessibleName("Your own due date (dd/mm/yyyy), instead of the rule's")
        self.due_override.setPlaceholderText("leave empty to use the rule's date")
        self.not_applicable = QCheckBox("Does &not apply to this review")
        self.not_applicable.setAccessibleName("This milestone does not apply to this review")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note on this milestone")
        for field in (self.done_on, self.due_override, self.note):
            field.editingFinished.connect(self.commit_milestone)
        self.not_applicable.toggled.connect(self.commit_milestone)

        self.delays = table(
            ["Recorded", "Delay to", "Reason", "Revised date", "Board told", "Panel told"],
            "Delay log",
            (2,),
        )
        self.delays.itemSelectionChanged.connect(self._delay_selected)
        self.no_delays = plain_label(NO_DELAYS)
        self.no_delays.setAccessibleName("About the delay log")
        self.no_delays.hide()  # until the log has been read
        self.add_delay_button = QPushButton("Record a &delay…")
        self.add_delay_button.setAccessibleName("Record a delay and its reason")
        self.add_delay_button.clicked.connect(self.open_delay_dialog)
        self.edit_delay_button = QPushButton("&Change delay…")
        self.edit_delay_button.setAccessibleName("Change the selected delay")
        self.edit_delay_button.clicked.connect(self.open_edit_dialog)
        self.told_button = QPushButton("Board told &today")
        self.told_button.setAccessibleName(
            "Record that the board was told of the selected delay today"
        )
        self.told_button.clicked.connect(self.mark_board_told)
        self.remove_delay_button = QPushButton("&Remove delay")
        self.remove_delay_button.setAccessibleName("Remove the selected delay")
        self.remove_delay_button.clicked.connect(self.remove_selected_delay)

        editor = QFormLayout()
        editor.addRow("Happened &on:", self.done_on)
        editor.addRow("Your own d&ue date:", self.due_override)
        editor.addRow("", self.not_applicable)
        editor.addRow("Not&e:", self.note)
        self.editor_title = heading("", 1.05)

        milestones = QWidget()
        layout = QVBoxLayout(milestones)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.rules_note)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 4)
        layout.addWidget(self.editor_title)
        layout.addLayout(editor)
        layout.addWidget(heading("Delay log", 1.2))
        layout.addWidget(
            plain_label("The board must be told of every delay and why; record when it was.")
        )
        layout.addWidget(self.delays, 1)
        layout.addWidget(self.no_delays)
        buttons = QHBoxLayout()
        for button in (
            self.add_delay_button,
            self.edit_delay_button,
            self.told_button,
            self.remove_delay_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the timetable")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setAccessibleName(
            "Timetable tabs: milestones and delays, rapid review, drafts and comments, action plan"
        )
        self.tabs.addTab(milestones, "&Milestones and delays")
        self.rapid_review: RapidReviewForm | None = None
        if rapid_review is not None:
            self.rapid_review = RapidReviewForm(rapid_review, undo_stack, runner)
            self.tabs.addTab(self.rapid_review, "Rap&id review")
        self.rapid_review_actions: RapidReviewActions | None = None
        if self.rapid_review is not None and action_plan is not None:
            form = self.rapid_review
            self.rapid_review_actions = RapidReviewActions(
                action_plan, undo_stack, runner, form.flush
            )
            form.footer.insertWidget(0, self.rapid_review_actions)
        self.drafts: DraftsTab | None = None
        if drafts is not None:
            self.drafts = DraftsTab(drafts, undo_stack, runner)
            self.tabs.addTab(self.drafts, "Drafts and &comments")
        self.sign_off: SignOffBox | None = None
        if self.drafts is not None and action_plan is not None:
            today = uk(action_plan.timetable.today())
            exports = action_plan.exports
            # The composition root gives `exporters.report.service.ReportService`, which is the
            # Report page's `ReportActions`; the service set names it loosely (as for that page).
            report = cast("ReportActions", exports.report) if exports is not None else None
            self.sign_off = SignOffBox(
                action_plan.sign_off,
                action_plan.drafts.versions,
                undo_stack,
                runner,
                today,
                report=report,
            )
            self.drafts.add_below(self.sign_off)
            if self.sign_off.publish is not None:  # the export is a new version of the report
                self.sign_off.publish.written.connect(self.drafts.reload)
        self.action_plan: ActionPlanTab | None = None
        if action_plan is not None:
            self.action_plan = ActionPlanTab(action_plan, undo_stack, runner)
            self.tabs.addTab(self.action_plan, "Action &plan")
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 16, 24, 16)
        page.addWidget(heading("Timetable", 1.5))
        page.addWidget(self.tabs, 1)
        self._delay_selected()
        self._show_editor()
        self._shown_before = False
        self.reload()  # made by whoever: the page loads what it shows, so none can forget

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.start(self.service.view, self._fill, self._failed)
        if self.rapid_review is not None:
            self.rapid_review.reload()
        if self.drafts is not None:
            self.drafts.reload()
        if self.sign_off is not None:
            self.sign_off.reload()
        if self.action_plan is not None:
            self.action_plan.reload()

    def show_rapid_review(self) -> None:
        if self.rapid_review is not None:
            self.tabs.setCurrentWidget(self.rapid_review)

    def show_action_plan(self) -> None:
        if self.action_plan is not None:
            self.tabs.setCurrentWidget(self.action_plan)

    def show_drafts(self) -> None:
        if self.drafts is not None:
            self.tabs.setCurrentWidget(self.drafts)

    def flush(self) -> bool:
        """Save what is typed in the rapid review and not yet saved; True if nothing waits."""
        return self.rapid_review.flush() if self.rapid_review is not None else True

    def showEvent(self, event: QShowEvent) -> None:
        """Read again whenever the reviewer comes back: other parts of the review (its details,
        the chronology, the analysis) may have changed what this page shows."""
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.reload()
        self._shown_before = True

    def _fill(self, view: TimetableView) -> None:
        self.view = view
        self.rules_note.setText(
            f"Due dates follow the rules for a {view.review_type.label} (statutory where marked; "
            "otherwise defaults you can change). Working days skip weekends and English bank "
            f"holidays. Today is {uk(view.today)}."
        )
        self.warnings.clear()
        for warning in view.warnings:
            self.warnings.addItem(f"⚠ {warning.message}")
        if not view.warnings:
            self.warnings.addItem(NOTHING_LATE)
        self._fill_milestones(view)
        self._fill_delays(view)

    def _fill_milestones(self, view: TimetableView) -> None:
        alert = self.palette().color(QPalette.ColorRole.Highlight)
        self.table.blockSignals(True)
        self.table.setRowCount(len(view.schedule))
        if view.schedule and self.current_kind not in [s.kind for s in view.schedule]:
            self.current_kind = view.schedule[0].kind  # the first row, where ours is not there
        current = 0
        for row, item in enumerate(view.schedule):
            cells = (
                item.label,
                uk(item.due),
                uk(item.done_on),
                item.state.label,
                item.why,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.kind.value)
                if column == 4:
                    cell.setToolTip(text)  # the guidance it cites, when the column cuts it off
                if item.state in (State.OVERDUE, State.DUE_SOON) and column == 3:
                    cell.setForeground(QBrush(alert))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
            if item.kind is self.current_kind:
                current = row
        self.table.selectRow(current)
        self.table.blockSignals(False)
        self._show_editor()

    def _fill_delays(self, view: TimetableView) -> None:
        self.delays.blockSignals(True)
        self.delays.setRowCount(len(view.delays))
        for row, delay in enumerate(view.delays):
            told = "Not yet"
            if delay.board_told:
                told = f"Yes, {uk(delay.board_told_on)}" if delay.board_told_on else "Yes"
            cells = (
                uk(delay.recorded_on),
                delay.milestone.label if delay.milestone else "The review as a whole",
                delay.reason,
                uk(delay.revised_date),
                told,
                f"Yes, {uk(delay.panel_told_on)}" if delay.panel_told_on else "Not recorded",
            )
            for column, text in enumerate(cells):
                self.delays.setItem(row, column, QTableWidgetItem(text))
        self.delays.blockSignals(False)
        self.no_delays.setVisible(not view.delays)
        self._delay_selected()

    # -- milestones ----------------------------------------------------------------------------
    def _record(self) -> MilestoneRecord:
        if self.view is not None:
            for item in self.view.schedule:
                if item.kind is self.current_kind:
                    return item.record
        return MilestoneRecord(self.current_kind)

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.view is None:
            return
        self.select_milestone(self.view.schedule[rows[0].row()].kind)

    def select_milestone(self, kind: MilestoneKind) -> None:
        self.current_kind = kind
        if self.view is not None:
            rows = [s.kind for s in self.view.schedule]
            if kind in rows and self.table.currentRow() != rows.index(kind):
                self.table.blockSignals(True)
                self.table.selectRow(rows.index(kind))
                self.table.blockSignals(False)
        self._show_editor()

    def _show_editor(self) -> None:
        # Nothing to edit until the schedule is read: a date typed then has no milestone to go to.
        ready = self.view is not None and bool(self.view.schedule)
        for widget in (self.done_on, self.due_override, self.not_applicable, self.note):
            widget.setEnabled(ready)
        record = self._record()
        if ready:
            self.editor_title.setText(record.kind.label)
        elif self.view is None:
            self.editor_title.setText(LOADING)
        else:
            self.editor_title.setText("This type of review has no milestones to track.")
        for field, text in (
            (self.done_on, uk(record.done_on)),
            (self.due_override, uk(record.due_override)),
            (self.note, record.note),
        ):
            field.blockSignals(True)
            field.setText(text)
            field.blockSignals(False)
        self.not_applicable.blockSignals(True)
        self.not_applicable.setChecked(record.not_applicable)
        self.not_applicable.blockSignals(False)

    def commit_milestone(self) -> None:
        if self.view is None or self.current_kind not in self._milestones():
            return  # not read yet: there is no milestone to save to
        before = self._record()
        try:
            after = replace(
                before,
                done_on=parse_day(self.done_on.text(), "date it happened"),
                due_override=parse_day(self.due_override.text(), "due date"),
                not_applicable=self.not_applicable.isChecked(),
                note=self.note.text().strip(),
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        if after != before:
            self._push(save_milestone_command(self.service, before, after, self.reload))

    # -- delays --------------------------------------------------------------------------------
    def _selected_delay(self) -> DelayRecord | None:
        rows = self.delays.selectionModel().selectedRows()
        if not rows or self.view is None:
            return None
        return self.view.delays[rows[0].row()]

    def _delay_selected(self) -> None:
        chosen = self._selected_delay()
        self.add_delay_button.setEnabled(self.view is not None)
        self.edit_delay_button.setEnabled(chosen is not None)
        self.remove_delay_button.setEnabled(chosen is not None)
        self.told_button.setEnabled(chosen is not None and not chosen.board_told)

    def _milestones(self) -> list[MilestoneKind]:
        return [s.kind for s in self.view.schedule] if self.view else []

    def open_delay_dialog(self) -> DelayDialog:
        dialog = DelayDialog(self._milestones(), self.service.today(), self)
        self._open(dialog)
        return dialog

    def open_edit_dialog(self) -> DelayDialog | None:
        chosen = self._selected_delay()
        if chosen is None:
            return None
        dialog = DelayDialog(self._milestones(), self.service.today(), self, delay=chosen)
        self._open(dialog)
        return dialog

    def _open(self, dialog: DelayDialog) -> None:
        def accepted() -> None:
            delay = dialog.result_delay
            if delay is None:
                return
            if delay.id is None:
                self.add_delay(delay)
            else:
                before = (
                    next(d for d in self.view.delays if d.id == delay.id) if self.view else delay
                )
                if before != delay:
                    self._push(edit_delay_command(self.service, before, delay, self.reload))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_delay(self, delay: DelayRecord) -> None:
        self._push(AddDelayCommand(self.service, delay, self.reload))

    def mark_board_told(self) -> None:
        chosen = self._selected_delay()
        if chosen is None or chosen.board_told:
            return
        after = replace(chosen, board_told=True, board_told_on=self.service.today())
        self._push(edit_delay_command(self.service, chosen, after, self.reload))

    def remove_selected_delay(self) -> None:
        chosen = self._selected_delay()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self, "Remove this delay?", "Remove this delay from the log? You can undo this."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(RemoveDelayCommand(self.service, chosen, self.reload))

    # -- shared --------------------------------------------------------------------------------
    def _push(self, command: Operation) -> None:
        """Do the step through the one undo path; if it is refused, the reviewer is told and the
        page shows the file as it is."""
        if not push(self.undo_stack, command):
            self.reload()

    def _failed(self, error: Exception) -> None:
        if self.view is None:
            self.rules_note.setText(NOT_READ)
            self.editor_title.setText(NOT_READ)
        show_error(self, error)

    def clear(self) -> None:
        if self.rapid_review is not None:
            self.rapid_review.clear()
        self.view = None
        self.table.setRowCount(0)
        self.delays.setRowCount(0)
        self.warnings.clear()
        self.rules_note.clear()
        for field in (self.done_on, self.due_override, self.note):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
