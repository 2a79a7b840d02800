"""Sign-off and publication, under the drafts: who signed the report off and when, what the
final gate still finds before publication, the publication step (`Publish…`,
`ui.timetable.publish_action`) and the publication once recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.drafts.sign_off import Publication, Signatory, SignOff
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.problems import Problem
from reviewer_app.services.drafts import DraftVersion
from reviewer_app.services.sign_off import SignOffService
from reviewer_app.wording import plural
from ui.errors import show_error
from ui.operations import Add, Change, push, returning
from ui.report.page import ReportActions
from ui.style import heading, inline_error_label, plain_label, show_inline
from ui.tasks import TaskRunner
from ui.timetable.forms import stack_form
from ui.timetable.publish_action import PublishAction
from ui.timetable.tables import table
from ui.uk_dates import parse_day, uk


class SignOffDialog(QDialog):
    def __init__(
        self, versions: Sequence[DraftVersion], today_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a sign-off")
        self.result_sign_off: SignOff | None = None
        self.signatory = QComboBox()
        self.signatory.setAccessibleName("Who signed the report off")
        for who in Signatory:
            self.signatory.addItem(who.label, who.value)
        self.signed_on = QLineEdit(today_text)
        self.signed_on.setAccessibleName("Date signed off (dd/mm/yyyy)")
        self.name = QLineEdit()
        self.name.setAccessibleName("Who signed, by role")
        self.version = QComboBox()
        self.version.setAccessibleName("The draft version signed off")
        self.version.addItem("Not recorded", None)
        for version in reversed(versions):
            self.version.addItem(f"Version {version.number}", version.number)
        self.error = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Signed off by:", self.signatory)
        form.addRow("&On:", self.signed_on)
        form.addRow("&Name or role:", self.name)
        form.addRow("&Version:", self.version)
        stack_form(self, form, self.error, buttons)

    def _save(self) -> None:
        try:
            day = parse_day(self.signed_on.text(), "date signed off")
            if day is None:
                raise InvalidInputError("Please give the date it was signed off.")
            version = self.version.currentData()
            self.result_sign_off = SignOff(
                Signatory(self.signatory.currentData()),
                day,
                self.name.text().strip(),
                int(version) if version is not None else None,
            )
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        self.accept()


class SignOffBox(QWidget):
    def __init__(
        self,
        service: SignOffService,
        versions: Callable[[], list[DraftVersion]],
        undo_stack: QUndoStack,
        runner: TaskRunner,
        today_text: str,
        parent: QWidget | None = None,
        *,
        report: ReportActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._versions = versions
        self.versions: list[DraftVersion] = []
        self.undo_stack = undo_stack
        self.runner = runner
        self.today_text = today_text
        self.signed: list[SignOff] = []
        self.table = table(["Signed off by", "On", "Name or role", "Version"], "Sign-off", (0,))
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 8)
        self.gate = plain_label("")
        self.gate.setAccessibleName("The final gate before publication")
        self.add_button = QPushButton("Record a &sign-off…")
        self.add_button.clicked.connect(self.open_dialog)
        self.check_button = QPushButton("Run the &final gate")
        self.check_button.clicked.connect(self.run_gate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.check_button)
        #: The publication step (None: this window cannot export the report).
        self.publish: PublishAction | None = None
        if report is not None:
            self.publish = PublishAction(
                service,
                report,
                undo_stack,
                runner,
                today_text,
                self.gate.setText,
                self._show_gate,
                self._heard,
            )
            buttons.addWidget(self.publish)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Sign-off and publication", 1.2))
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.gate)

    def reload(self) -> None:
        self.runner.start(
            lambda: (self.service.sign_offs(), self.service.publication(), self._versions()),
            self._fill,
            lambda error: show_error(self, error),
        )

    def _fill(self, read: tuple[list[SignOff], Publication | None, list[DraftVersion]]) -> None:
        self.signed, published, self.versions = read
        self.table.setRowCount(len(self.signed))
        for row, signed in enumerate(self.signed):
            cells = (
                signed.signatory.label,
                uk(signed.signed_on),
                signed.name,
                str(signed.version) if signed.version else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if published is not None:
            self.gate.setText(
                f"Published on {uk(published.published_on)}: {published.file_name}"
                + (f" ({published.where})" if published.where else "")
            )
        elif not self.gate.text():
            self.gate.setText(
                "Before publication, run the final gate: every sign-off, and everything the "
                "readiness check finds."
            )

    def _heard(self, _change: Change) -> None:
        self.reload()

    def open_dialog(self) -> None:
        dialog = SignOffDialog(self.versions, self.today_text, self)
        if dialog.exec() and dialog.result_sign_off is not None:
            self.add(dialog.result_sign_off)

    def add(self, sign_off: SignOff) -> None:
        push(
            self.undo_stack,
            Add(
                "Record a sign-off",
                self.service.add_sign_off,
                returning(self.service.remove_sign_off),
                self.service.add_sign_off,
                sign_off,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def run_gate(self) -> None:
        self.gate.setText("Running the final gate…")
        self.runner.start(self.service.final_gate, self._show_gate, self._gate_failed)

    def _show_gate(self, problems: list[Problem]) -> None:
        if not problems:
            self.gate.setText(
                "The final gate finds nothing: the report may be published. Publish… writes "
                "the accessible PDF for publication and records it."
            )
            return
        shown = "\n".join(f"• {p.line()}" for p in problems[:8])
        more = f"\n… and {len(problems) - 8} more" if len(problems) > 8 else ""
        self.gate.setText(
            f"{plural(len(problems), 'thing')} to put right before publication:\n{shown}{more}"
        )

    def _gate_failed(self, error: Exception) -> None:
        self.gate.setText("")
        show_error(self, error)
