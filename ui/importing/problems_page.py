"""Page 3 of the import wizard: every problem in the file, and the report for the agency."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWizardPage

from reviewer_app.wording import plural
from ui.errors import show_error
from ui.importing.models import ProblemsModel
from ui.importing.preview_page import rows_table
from ui.importing.session import ImportSession, LatestOnly, write_report
from ui.importing.widgets import BusyIndicator, MessageStrip, Tone
from ui.importing.wording import left_out
from ui.style import plain_label
from ui.tasks import TaskRunner

REPORT_SUFFIXES = (".docx", ".csv")
WRAPPED_PROBLEMS = 500


def report_path(chosen: Path) -> Path:
    """The chosen name, as a Word document unless it asks for CSV."""
    if chosen.suffix.lower() in REPORT_SUFFIXES:
        return chosen
    return chosen.with_name(chosen.name + ".docx")


def suggested_report_name(file_name: str) -> str:
    return f"Validation report for {Path(file_name).stem}.docx"


class ProblemsPage(QWizardPage):
    def __init__(
        self,
        session: ImportSession,
        runner: TaskRunner,
        choose_report_path: Callable[[str], Path | None],
    ) -> None:
        super().__init__()
        self.session = session
        self.writing = LatestOnly(runner)
        self.choose_report_path = choose_report_path
        self.setTitle("Problems found in the file")
        self.setSubTitle(
            "Row numbers are those in the agency's own file, so the agency can find each one."
        )

        self.explanation = plain_label()
        self.explanation.setObjectName("explanation")

        self.model = ProblemsModel()
        self.table = rows_table("Problems found in the file")
        self.table.setObjectName("problemsTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(ProblemsModel.ROW, metrics.averageCharWidth() * 6 + 16)
        self.table.setColumnWidth(
            ProblemsModel.KIND,
            metrics.horizontalAdvance(ProblemsModel.BLOCKING_TEXT) + 48,
        )
        header.setStretchLastSection(True)
        header.setSectionResizeMode(ProblemsModel.PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)

        self.save = QPushButton("&Save validation report for the agency…")
        self.save.setObjectName("saveReport")
        self.save.setAccessibleName("Save validation report for the agency")
        self.save.setToolTip(
            "A Word document to attach to a letter, or a CSV file for the agency's spreadsheet "
            "(choose by the file type)."
        )
        self.save.clicked.connect(self._save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save)
        save_row.addStretch(1)

        self.busy = BusyIndicator()
        self.saved = MessageStrip()

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(save_row)
        layout.addWidget(self.busy)
        layout.addWidget(self.saved)

    def initializePage(self) -> None:
        preview = self.session.preview
        self.model.set_preview(preview)
        # Whole messages, wrapped, while that stays quick; a very long list keeps one line
        # per problem (the full text is in each row's tip).
        wrap = self.model.rowCount() <= WRAPPED_PROBLEMS
        self.table.setWordWrap(wrap)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Fixed
        )
        self.saved.clear()
        if preview is None:
            return
        importable = len(preview.importable)
        blocked = left_out(preview)
        if not preview.problems:
            text = (
                f"No problems were found: all {plural(importable, 'row')} can be imported. "
                "You can still save the report, to tell the agency the file was read cleanly."
            )
        else:
            text = (
                f"Rows marked 'Left out' ({blocked:,} of {len(preview.rows):,}) have a problem "
                "that stops them being imported, such as a date that cannot be read, or neither "
                "a date nor an event. They will be left out of the review, unless you go Back "
                "and correct them in the table; the other "
                f"{plural(importable, 'row')} will be imported. Rows marked 'Imported' will "
                "come in, but are worth checking.\n\n"
                "Save the validation report and send it to the agency: it lists every problem "
                "by the row number in their file. When they send a corrected file, import it "
                "and choose to replace this import, so the corrected rows take its place."
            )
        self.explanation.setText(text)

    def validatePage(self) -> bool:
        return self.isComplete()  # also when Next is asked for in code, not by the button

    def isComplete(self) -> bool:
        return not self.writing.busy

    @property
    def busy_now(self) -> bool:
        return self.writing.busy

    def _save(self) -> None:
        preview = self.session.preview
        if preview is None:
            return
        chosen = self.choose_report_path(suggested_report_name(preview.file_name))
        if chosen is None:
            return
        path = report_path(chosen)
        existing = self.session.existing_agency()
        agency = existing.name if existing is not None else self.session.agency_name
        self.saved.clear()
        self.save.setEnabled(False)
        self.busy.start(f"Saving '{path.name}'…")
        self.writing.start(lambda: write_report(preview, path, agency), self._written, self._failed)
        self.completeChanged.emit()

    def _written(self, path: Path) -> None:
        self._finish()
        self.saved.show_message(
            Tone.DONE,
            "The validation report was saved.",
            f"It is in '{path.parent}' as '{path.name}'.",
        )

    def _failed(self, error: Exception) -> None:
        self._finish()
        show_error(self, error)

    def _finish(self) -> None:
        self.busy.stop()
        self.save.setEnabled(True)
        self.completeChanged.emit()
