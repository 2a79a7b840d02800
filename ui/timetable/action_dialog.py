"""Add or change an action in the action plan: the finding it answers, what will be done, who
owns it, when it is due, where it has got to, and the evidence that it made a difference."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from reviewer_app.actions.model import Action, ActionStatus
from reviewer_app.analysis.finding import Finding
from reviewer_app.errors import UserFacingError
from ui.analysis.fields import combo, date_field, read_date, select, show_date, text_box
from ui.style import inline_error_label, show_inline
from ui.timetable.forms import stack_form

NO_FINDING = "Not tied to one finding"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ActionDialog(QDialog):
    def __init__(
        self,
        findings: Sequence[Finding],
        agencies: Sequence[str],
        parent: QWidget | None = None,
        *,
        action: Action | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change an action" if action else "Add an action")
        self.result_action: Action | None = None
        self._id = action.id if action else None
        self.finding = combo("The finding it answers", [(NO_FINDING, None)])
        for n, finding in enumerate(findings, start=1):
            self.finding.addItem(f"Finding {n}: {_short(finding.statement)}", finding.id)
        self.improvement = text_box("The improvement wanted, from the finding", 2)
        self.action = text_box("What will be done", 3)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setAccessibleName("The agency that owns it")
        self.owner.addItems(list(agencies))
        self.owner.setCurrentText("")
        self.due = date_field("Due date")
        self.status = combo("Where it has got to", [(s.label, s.value) for s in ActionStatus])
        self.completed_on = date_field("Date it was completed")
        self.evidence = text_box("Evidence of impact: what changed for children", 3)
        if action is not None:
            select(self.finding, action.finding_id)
            self.improvement.setPlainText(action.improvement)
            self.action.setPlainText(action.action)
            self.owner.setCurrentText(action.owner_agency)
            show_date(self.due, action.due)
            select(self.status, action.status.value)
            show_date(self.completed_on, action.completed_on)
            self.evidence.setPlainText(action.evidence_of_impact)
        self.error = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Finding:", self.finding)
        form.addRow("&Improvement:", self.improvement)
        form.addRow("&Action:", self.action)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        form.addRow("&Status:", self.status)
        form.addRow("Co&mpleted on:", self.completed_on)
        form.addRow("&Evidence of impact:", self.evidence)
        stack_form(self, form, self.error, buttons, 620)

    def entered(self) -> Action:
        """The action as entered; raises a user-facing error if something is not right."""
        finding = self.finding.currentData()
        return Action(
            improvement=self.improvement.toPlainText().strip(),
            action=self.action.toPlainText().strip(),
            owner_agency=self.owner.currentText().strip(),
            due=read_date(self.due),
            status=ActionStatus(self.status.currentData()),
            evidence_of_impact=self.evidence.toPlainText().strip(),
            finding_id=int(finding) if finding is not None else None,
            completed_on=read_date(self.completed_on),
            id=self._id,
        )

    def _save(self) -> None:
        try:
            self.result_action = self.entered()
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        self.accept()
