"""The sign-off box's "Publish…": the publication step in the window.

The final gate runs first (in the worker). If it finds anything, the box lists it and nothing
is written. If it finds nothing, the reviewer says when and where the report is published and
where to save the file; the accessible publication PDF is written through the Report page's
export (`ui.report.page.ReportActions`, `exporters.report.service.ReportService`, for
publication: never over the anonymisation check) in the worker, with its stage shown as the
Report page shows it; then the publication is recorded as one undoable step, which marks the
timetable's publication milestone done. Undo takes the record back and puts the milestone as it
was; it does not delete the PDF written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from exporters.api import ExportBlockedError, ExportResult
from reviewer_app.drafts.sign_off import Publication
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.problems import Problem
from reviewer_app.services.sign_off import SignOffService
from reviewer_app.timetable.schedule import MilestoneRecord
from ui.errors import show_error
from ui.operations import Change, Operation, push
from ui.report.page import POLL_MS, PUBLICATION_NAME, ReportActions, ask_for_path
from ui.report.page import _Stage as Stage
from ui.style import inline_error_label, show_inline
from ui.tasks import TaskRunner
from ui.timetable.forms import stack_form
from ui.uk_dates import parse_day, uk

#: When and where the report is published, as the reviewer gave them.
Details = tuple[dt.date, str]


class RecordPublication(Operation):
    """Record the publication (the service runs the final gate again); undo takes the record
    back and puts the publication milestone as it was. The written file stays."""

    def __init__(
        self,
        service: SignOffService,
        publication: Publication,
        *,
        changed: Callable[[Change], None] | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__("Record the publication", changed=changed, resync=resync)
        self.service = service
        self.publication = publication
        self.before: MilestoneRecord | None = None

    def apply(self) -> object:
        self.before = self.service.publication_milestone()
        return self.service.publish(self.publication)

    def revert(self) -> object:
        self.service.withdraw_publication(self.before)
        return None


class PublishDialog(QDialog):
    """When and where the report is published."""

    def __init__(self, today_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish the report")
        self.details: Details | None = None
        self.published_on = QLineEdit(today_text)
        self.published_on.setAccessibleName("Date of publication (dd/mm/yyyy)")
        self.where = QLineEdit()
        self.where.setAccessibleName("Where it is published")
        self.where.setPlaceholderText("The partnership's website, say")
        self.error = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Published &on:", self.published_on)
        form.addRow("&Where:", self.where)
        stack_form(self, form, self.error, buttons)

    def _save(self) -> None:
        try:
            day = parse_day(self.published_on.text(), "date of publication")
            if day is None:
                raise InvalidInputError("Please give the date of publication.")
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        self.details = (day, self.where.text().strip())
        self.accept()


class PublishAction(QWidget):
    """The "Publish…" button and its progress; what it finds goes to `tell`."""

    #: Emitted with the export's result once the file is written (its version is in the log).
    written = Signal(object)

    def __init__(
        self,
        service: SignOffService,
        report: ReportActions,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        today_text: str,
        tell: Callable[[str], None],
        show_problems: Callable[[list[Problem]], None],
        changed: Callable[[Change], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.report = report
        self.undo_stack = undo_stack
        self.runner = runner
        self.today_text = today_text
        self._tell = tell
        self._show_problems = show_problems
        self._changed = changed
        self.stage: Stage | None = None
        #: Replaced in tests; the real ones ask with a dialog and a save dialog.
        self.ask_details: Callable[[], Details | None] = self._ask_details
        self.choose_path: Callable[[], Path | None] = lambda: ask_for_path(
            self, "pdf", PUBLICATION_NAME
        )
        self.button = QPushButton("&Publish…")
        self.button.setToolTip(
            "Run the final gate; if nothing is in the way, write the accessible PDF for "
            "publication and record the publication"
        )
        self.button.clicked.connect(self.begin)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Publication export progress")
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(200)
        self.bar.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.bar)
        layout.addStretch(1)

    def _ask_details(self) -> Details | None:
        dialog = PublishDialog(self.today_text, self)
        return dialog.details if dialog.exec() else None

    def begin(self) -> None:
        if self.stage is not None:
            return
        self._tell("Running the final gate…")
        self.runner.start(self.service.final_gate, self._gated, self._failed)

    def _gated(self, problems: list[Problem]) -> None:
        if problems:
            self._show_problems(problems)
            return
        details = self.ask_details()
        path = self.choose_path() if details is not None else None
        if details is None or path is None:
            self._tell("The final gate finds nothing: the report may be published. Not published.")
            return
        on, where = details
        stage = Stage()
        self._busy(stage)
        report = self.report
        self.runner.start(
            lambda: report.export(
                report.suggested_template().id,
                "pdf",
                path,
                overwrite=True,  # the save dialog has already asked about replacing
                progress=stage,
                for_publication=True,
            ),
            lambda result: self._written(result, on, where),
            self._export_failed,
        )

    def _busy(self, stage: Stage | None) -> None:
        self.stage = stage
        self.button.setEnabled(stage is None)
        self.bar.setVisible(stage is not None)
        if stage is not None:
            self._tell("Writing the report for publication…")
            self.timer.start()
        else:
            self.timer.stop()

    def _poll(self) -> None:
        if self.stage is not None and self.stage.seen():
            self._tell(f"Writing the report for publication: {self.stage.seen().lower()}…")

    def _written(self, result: ExportResult, on: dt.date, where: str) -> None:
        self._busy(None)
        self.written.emit(result)
        publication = Publication(on, result.path.name, where, result.version)
        recorded = push(
            self.undo_stack,
            RecordPublication(self.service, publication, changed=self._changed),
        )
        version = f", version {result.version}" if result.version else ""
        if not recorded:
            self._tell(
                f"'{result.path.name}' was written{version}, but the publication was not "
                "recorded: see the message, put it right and publish again."
            )
            return
        self._tell(
            f"Published on {uk(on)}: '{result.path.name}'{version}, an accessible, tagged PDF"
            + (f" ({where})" if where else "")
            + ". The timetable's publication milestone is marked done. Undo takes the record "
            "back; it does not delete the file."
        )

    def _export_failed(self, error: Exception) -> None:
        self._busy(None)
        if isinstance(error, ExportBlockedError):
            count = len(error.hits)
            self._tell(
                f"Not published: the anonymisation check found {count} identifying "
                f"detail{'' if count == 1 else 's'}, and a report for publication is never "
                "exported over them. Fix them on the Report page, then publish again."
            )
            return
        self._failed(error)

    def _failed(self, error: Exception) -> None:
        self._tell("Not published.")
        show_error(self, error)
