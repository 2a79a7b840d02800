"""The import wizard: an agency's chronology file into the review, as one batch.

Four pages share one `ImportSession`: the file and the agency; the preview and the column
mapping; the problems and the validation report for the agency; the import itself. Reading
the file, writing the report and committing the batch all run through the `TaskRunner`, so
the window stays responsive; tests hand in an `ImmediateTaskRunner`.

`choose_file` and `choose_report_path` are attributes so tests (and scripted screenshots) can
replace the file dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from reviewer_app.chronology.entry import Agency
from reviewer_app.services.chronology import ChronologyService, ImportResult
from ui.importing.file_page import FilePage
from ui.importing.import_page import ImportPage
from ui.importing.preview_page import PreviewPage
from ui.importing.problems_page import ProblemsPage, report_path
from ui.importing.session import ImportSession
from ui.tasks import TaskRunner

FILE_FILTERS = (
    "Chronology files (*.xlsx *.docx *.csv *.pdf);;Excel workbooks (*.xlsx);;"
    "Word documents (*.docx);;CSV files (*.csv);;PDF files with a table (*.pdf)"
)
WORD_REPORT = "Word document (*.docx)"
CSV_REPORT = "CSV file for a spreadsheet (*.csv)"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ImportWizard(QWizard):
    """Import an agency's chronology file; emits `imported(batch_id)` once it is in the review."""

    imported = Signal(int)

    FILE_PAGE, PREVIEW_PAGE, PROBLEMS_PAGE, IMPORT_PAGE = range(4)

    def __init__(
        self, service: ChronologyService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = ImportSession(service)
        self.runner = runner
        self.import_result: ImportResult | None = None
        self.choose_file: Callable[[], Path | None] = self._ask_for_file
        self.choose_report_path: Callable[[str], Path | None] = self._ask_for_report_path

        self.setWindowTitle("Import an agency's chronology")
        self.setObjectName("importWizard")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.BackButton, "&Back")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Next")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Cancel")
        for which, name in (
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.FinishButton, "Finish"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
        ):
            self.button(which).setAccessibleName(name)

        self.file_page = FilePage(self.session, runner, lambda: self.choose_file())
        self.preview_page = PreviewPage(self.session, runner)
        self.problems_page = ProblemsPage(
            self.session, runner, lambda name: self.choose_report_path(name)
        )
        self.import_page = ImportPage(self.session, runner)
        self.setPage(self.FILE_PAGE, self.file_page)
        self.setPage(self.PREVIEW_PAGE, self.preview_page)
        self.setPage(self.PROBLEMS_PAGE, self.problems_page)
        self.setPage(self.IMPORT_PAGE, self.import_page)
        self.import_page.running_changed.connect(self._running_changed)
        self.import_page.finished_import.connect(self._imported)
        self.setMinimumSize(860, 620)
        self.resize(980, 700)

    # -- the file dialogs (replaced in tests) --------------------------------------------------
    def _ask_for_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose the agency's chronology file", _documents(), FILE_FILTERS
        )
        return Path(chosen) if chosen else None

    def _ask_for_report_path(self, suggested: str) -> Path | None:
        chosen, kind = QFileDialog.getSaveFileName(
            self,
            "Save the validation report for the agency",
            str(Path(_documents()) / suggested),
            f"{WORD_REPORT};;{CSV_REPORT}",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if kind == CSV_REPORT and path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        return report_path(path)

    # -- state ---------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """True while the worker is reading, writing or importing for this wizard."""
        return (
            self.file_page.busy_now
            or self.preview_page.busy_now
            or self.problems_page.busy_now
            or self.import_page.running
        )

    def _running_changed(self, running: bool) -> None:
        # No going back while the batch is being written, nor once it is in the review.
        self.setOption(
            QWizard.WizardOption.DisabledBackButtonOnLastPage,
            running or self.import_page.result is not None,
        )

    def _imported(self, agency: Agency, result: ImportResult) -> None:
        self.import_result = result
        self._running_changed(False)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.button(QWizard.WizardButton.FinishButton).setFocus()
        assert result.batch.id is not None
        self.imported.emit(result.batch.id)

    # -- closing -------------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel cancels the import while it runs; closing waits for other work to end."""
        if self.import_page.running:
            self.import_page.request_cancel()
            return
        if self.is_busy():
            return
        if self.import_result is not None:
            self.accept()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)
