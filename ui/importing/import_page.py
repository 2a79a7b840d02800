"""Page 4 of the import wizard: the import itself, with progress and a Cancel that rolls back.

The commit runs in the worker. Its progress reaches this page through an `ImportProgress`
(a lock-guarded counter) that a timer on the GUI thread polls; Cancel sets a flag there that
makes the worker's next progress call raise, and the whole batch rolls back.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from reviewer_app.chronology.entry import Agency
from reviewer_app.errors import OperationCancelled
from reviewer_app.services.chronology import ImportResult
from reviewer_app.wording import plural
from ui.errors import show_error
from ui.importing.session import CANCELLED_MESSAGE, ImportProgress, ImportSession, commit
from ui.importing.widgets import MessageStrip, Tone
from ui.importing.wording import batch_label, left_out, sheet_kind
from ui.style import plain_label
from ui.tasks import TaskRunner

POLL_MS = 100


def done_message(agency: Agency, result: ImportResult) -> str:
    entries = plural(result.imported, "entry", "entries")
    rows = plural(result.left_out, "row")
    return f"Imported {entries} for {agency.name}; {rows} left out."


class ImportPage(QWizardPage):
    #: (agency, result) once the batch is in the review.
    finished_import = Signal(object, object)
    #: True while the commit runs, False once it has ended either way.
    running_changed = Signal(bool)

    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.result: ImportResult | None = None
        self.progress: ImportProgress | None = None
        self.setTitle("Import into the review")
        self.setSubTitle("The rows are added as one import, which you can replace or remove later.")

        self.summary = plain_label()
        self.summary.setObjectName("importSummary")

        self.start = QPushButton("&Import")
        self.start.setObjectName("startImport")
        self.start.clicked.connect(self.begin)

        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setAccessibleName("Import progress")
        self.bar.setFormat("%v of %m entries")
        self.bar.hide()
        self.cancel = QPushButton("Cancel i&mport")
        self.cancel.setObjectName("cancelImport")
        self.cancel.setAccessibleName("Cancel the import")
        self.cancel.clicked.connect(self.request_cancel)
        self.cancel.hide()
        self.status = plain_label()
        self.status.setObjectName("importStatus")
        self.status.hide()

        self.outcome = MessageStrip()

        start_row = QHBoxLayout()
        start_row.addWidget(self.start)
        start_row.addStretch(1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.summary)
        layout.addLayout(start_row)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.outcome)
        layout.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    # -- QWizardPage ---------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.outcome.clear()
        preview = self.session.preview
        if preview is None:
            return
        count = len(preview.importable)
        existing = self.session.existing_agency()
        if existing is not None:
            agency = existing.name
        else:
            agency = (
                f"{self.session.agency_name} (a new agency: "
                f"{self.session.agency_type.label.lower()})"
            )
        where = f" ({sheet_kind(preview)} '{preview.sheet}')" if len(preview.sheets) > 1 else ""
        lines = [
            f"Ready to import {plural(count, 'entry', 'entries')} from "
            f"'{preview.file_name}'{where} for {agency}."
        ]
        blocked = left_out(preview)
        if blocked:
            lines.append(
                f"{plural(blocked, 'row')} with problems will be left out; the validation "
                "report lists them for the agency."
            )
        if self.session.replaces is not None:
            lines.append(
                f"This replaces the earlier import {batch_label(self.session.replaces)}: its "
                "entries are removed in the same step, keeping your comments on rows that "
                "have not changed."
            )
        if count == 0:
            lines = [
                "None of the rows can be imported: every row has a problem that stops it. "
                "Go back to save the validation report, and send it to the agency."
            ]
        self.summary.setText("\n\n".join(lines))
        self.summary.show()
        self.start.setText(f"&Import {plural(count, 'entry', 'entries')}")
        self.start.setAccessibleName(f"Import {plural(count, 'entry', 'entries')}")
        self.start.setEnabled(count > 0)
        self.start.show()

    def isComplete(self) -> bool:
        return self.result is not None

    @property
    def running(self) -> bool:
        return self.progress is not None

    # -- importing -----------------------------------------------------------------------------
    def begin(self) -> None:
        preview = self.session.preview
        if preview is None or self.running or self.result is not None:
            return
        progress = ImportProgress()
        self.progress = progress
        service, name = self.session.service, self.session.agency_name
        kind = self.session.agency_type
        replaces = self.session.replaces.id if self.session.replaces is not None else None
        self.outcome.clear()
        self.start.hide()
        self.bar.setRange(0, max(1, len(preview.importable)))
        self.bar.setValue(0)
        self.bar.show()
        self.cancel.setEnabled(True)
        self.cancel.show()
        self.cancel.setFocus()
        self._set_status("Importing…")
        self.timer.start()
        self.running_changed.emit(True)
        self.runner.start(
            lambda: commit(service, preview, name, kind, replaces, progress),
            self._committed,
            self._failed,
        )

    def request_cancel(self) -> None:
        if self.progress is None:
            return
        self.progress.cancel()
        self.cancel.setEnabled(False)
        self._set_status("Cancelling: undoing what was started…")

    def _poll(self) -> None:
        if self.progress is not None:
            done, total = self.progress.seen()
            if total:
                self.bar.setRange(0, total)
                self.bar.setValue(done)

    def _stopped(self) -> None:
        self._poll()
        self.timer.stop()
        self.progress = None
        self.cancel.hide()
        self.status.hide()
        self.running_changed.emit(False)

    def _committed(self, outcome: tuple[Agency, ImportResult]) -> None:
        agency, result = outcome
        self.bar.setValue(self.bar.maximum())
        self._stopped()
        self.result = result
        self.summary.hide()  # it said what was about to happen; the outcome says what did
        message = done_message(agency, result)
        detail = (
            f"The earlier import '{self.session.replaces.file_name}' was replaced."
            if self.session.replaces is not None
            else ""
        )
        self.outcome.show_message(Tone.DONE, message, detail)
        self.completeChanged.emit()
        self.finished_import.emit(agency, result)

    def _failed(self, error: Exception) -> None:
        self._stopped()
        self.bar.hide()
        self.start.show()
        if isinstance(error, OperationCancelled):
            self.outcome.show_message(Tone.INFORMATION, "Nothing was imported.", CANCELLED_MESSAGE)
        else:
            self.outcome.show_message(
                Tone.PROBLEM,
                "Nothing was imported.",
                "The import did not finish, so none of its rows were added.",
            )
            show_error(self, error)
        self.start.setFocus()

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.status.show()
