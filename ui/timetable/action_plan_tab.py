"""The action plan, a tab of the Timetable page (Quality Markers 15, 16 and 18): actions that
answer the findings, with owner agency, due date, status and evidence of impact, overdue ones
marked; the partners' written response; and the plan as Word or Excel for the partners.
Every change is an undoable step (`ui.operations`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QBrush, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporters.api import PlanFormat, export_action_plan
from reviewer_app.actions.model import Action, ActionPlanView, PartnersResponse
from reviewer_app.errors import UserFacingError
from reviewer_app.services.action_plan import ActionPlanService
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.wording import plural
from ui.analysis.fields import date_field, read_date, show_date, text_box
from ui.errors import show_error
from ui.operations import Add, Change, Remove, Replace, push
from ui.style import heading, plain_label
from ui.tasks import TaskRunner
from ui.timetable.action_dialog import ActionDialog
from ui.timetable.tables import table
from ui.uk_dates import uk

INTRO = (
    "What the safeguarding partners will do about each finding, who owns it, when it is due, "
    "and how they will know it made a difference for children (Quality Markers 15, 16 and 18)."
)
NO_ACTIONS = "No actions yet: add one for each improvement a finding calls for."


class ActionPlanTab(QWidget):
    def __init__(
        self,
        review: ReviewServices,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.service: ActionPlanService = review.action_plan
        self.undo_stack = undo_stack
        self.runner = runner
        self.view: ActionPlanView | None = None

        self.summary = plain_label("")
        self.summary.setAccessibleName("The action plan at a glance")
        self.table = table(
            ["Finding", "Action", "Owner", "Due", "Status", "Evidence of impact"],
            "Actions",
            (1, 5),
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self.open_edit_dialog())
        self.add_button = QPushButton("&Add an action…")
        self.add_button.clicked.connect(self.open_add_dialog)
        self.edit_button = QPushButton("C&hange action…")
        self.edit_button.clicked.connect(self.open_edit_dialog)
        self.remove_button = QPushButton("&Remove action")
        self.remove_button.clicked.connect(self.remove_selected)
        self.word_button = QPushButton("Export as &Word…")
        self.word_button.clicked.connect(lambda: self.export("docx"))
        self.excel_button = QPushButton("Export as E&xcel…")
        self.excel_button.clicked.connect(lambda: self.export("xlsx"))
        self.response = text_box("The safeguarding partners' written response", 4)
        self.received_on = date_field("Date the response was received")
        self.save_response_button = QPushButton("&Save the response")
        self.save_response_button.clicked.connect(self.save_response)

        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.word_button,
            self.excel_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        received = QHBoxLayout()
        received.addWidget(plain_label("Received on:"))
        received.addWidget(self.received_on)
        received.addStretch(1)
        received.addWidget(self.save_response_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(plain_label(INTRO))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(heading("The partners' written response", 1.2))
        layout.addWidget(self.response, 1)
        layout.addLayout(received)
        self._selected()

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.start(self.service.view, self._fill, lambda error: show_error(self, error))

    def _fill(self, view: ActionPlanView) -> None:
        self.view = view
        numbers = {f.id: n for n, f in enumerate(view.findings, start=1)}
        alert = self.palette().color(QPalette.ColorRole.Highlight)
        self.table.setRowCount(len(view.actions))
        for row, action in enumerate(view.actions):
            overdue = action.overdue(view.today)
            status = action.status.label + (" (overdue)" if overdue else "")
            finding = numbers.get(action.finding_id)
            cells = (
                f"Finding {finding}" if finding else "—",
                " ".join(action.action.split()),
                action.owner_agency,
                uk(action.due),
                status,
                " ".join(action.evidence_of_impact.split()) or "Not recorded yet",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if overdue and column in (3, 4):
                    item.setForeground(QBrush(alert))
                self.table.setItem(row, column, item)
        overdue_count = len(view.overdue)
        self.summary.setText(
            f"{plural(len(view.actions), 'action')}; {overdue_count} overdue today "
            f"({uk(view.today)})."
            if view.actions
            else NO_ACTIONS
        )
        if not self.response.hasFocus():
            self.response.setPlainText(view.response.text)
            show_date(self.received_on, view.response.received_on)
        self._selected()

    def _chosen(self) -> Action | None:
        rows = self.table.selectionModel().selectedRows()
        if self.view is None or not rows or rows[0].row() >= len(self.view.actions):
            return None
        return self.view.actions[rows[0].row()]

    def _selected(self) -> None:
        chosen = self._chosen() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _agencies(self) -> list[str]:
        return [a.name for a in self.review.chronology.agencies()]

    # -- changing ------------------------------------------------------------------------------
    def _heard(self, _change: Change) -> None:
        self.reload()

    def open_add_dialog(self) -> None:
        findings = self.view.findings if self.view else ()
        dialog = ActionDialog(findings, self._agencies(), self)
        if dialog.exec() and dialog.result_action is not None:
            self.add(dialog.result_action)

    def add(self, action: Action) -> None:
        push(
            self.undo_stack,
            Add(
                "Add an action",
                self.service.save_action,
                self.service.remove_action,
                self.service.save_action,
                action,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def open_edit_dialog(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.view is None:
            return
        dialog = ActionDialog(self.view.findings, self._agencies(), self, action=chosen)
        if dialog.exec() and dialog.result_action is not None and dialog.result_action != chosen:
            self.change(chosen, dialog.result_action)

    def change(self, before: Action, after: Action) -> None:
        push(
            self.undo_stack,
            Replace(
                "Change an action",
                self.service.save_action,
                before,
                after,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def remove_selected(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        push(
            self.undo_stack,
            Remove(
                "Remove an action",
                self.service.remove_action,
                self.service.save_action,
                chosen,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def save_response(self) -> None:
        if self.view is None:
            return
        try:
            after = PartnersResponse(
                self.response.toPlainText().strip(), read_date(self.received_on)
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        before = self.view.response
        if after == before:
            return
        self.view = replace(self.view, response=after)
        push(
            self.undo_stack,
            Replace(
                "Record the partners' response",
                self.service.save_response,
                before,
                after,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def export(self, file_format: PlanFormat) -> None:
        kind = "Word documents (*.docx)" if file_format == "docx" else "Excel workbooks (*.xlsx)"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the action plan", f"Action plan.{file_format}", kind
        )
        if name:
            self.write(Path(name), file_format)

    def write(self, path: Path, file_format: PlanFormat) -> None:
        def work() -> object:
            return export_action_plan(
                self.service.view(),
                self.review.snapshot(),
                path,
                file_format,
                register=self.review.pseudonym_register(),
                overwrite=path.exists(),  # the save dialog has asked already
            )

        def done(_written: object) -> None:
            QMessageBox.information(
                self,
                "Action plan exported",
                f"The action plan was written to {path.name}. It is not encrypted: keep it "
                "safe, and delete it when it is no longer needed.",
            )

        self.runner.start(work, done, lambda error: show_error(self, error))
