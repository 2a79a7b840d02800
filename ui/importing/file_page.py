"""Page 1 of the import wizard: the agency's file, the agency, and any import it replaces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from reviewer_app.chronology.entry import AgencyType
from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.importers import ImportRefusedError
from reviewer_app.wording import plural
from ui.errors import show_error
from ui.importing.session import ImportSession, LatestOnly, read_preview
from ui.importing.widgets import BusyIndicator, MessageStrip, Tone
from ui.importing.wording import batch_label
from ui.style import plain_label
from ui.tasks import TaskRunner

NO_REPLACEMENT = "No: add it alongside the earlier imports"


class FilePage(QWizardPage):
    """Choose the file (read in the worker), name the agency and say what it replaces.

    Complete once the file has been read into a preview and the agency has a name.
    """

    def __init__(
        self, session: ImportSession, runner: TaskRunner, choose_file: Callable[[], Path | None]
    ) -> None:
        super().__init__()
        self.session = session
        self.reading = LatestOnly(runner)
        self.choose_file = choose_file
        self.setTitle("Choose the file and the agency")
        self.setSubTitle(
            "Agencies send chronologies as Excel workbooks, Word tables, CSV files or PDFs "
            "with a table (not scans). Nothing is added to the review until the last step."
        )

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setObjectName("file")
        self.file.setAccessibleName("Agency's chronology file")
        self.file.setPlaceholderText("No file chosen yet")
        self.choose = QPushButton("Ch&oose file…")
        self.choose.setObjectName("chooseFile")
        self.choose.setAccessibleName("Choose the agency's chronology file")
        self.choose.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.setSpacing(8)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)

        self.busy = BusyIndicator()
        self.message = MessageStrip()
        self.read_summary = plain_label()
        self.read_summary.setObjectName("readSummary")
        self.read_summary.hide()

        self.agency = QComboBox()
        self.agency.setObjectName("agency")
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.setAccessibleName("Agency")
        self.agency.setAccessibleDescription(
            "Choose an agency already in the review, or type the name of a new one."
        )
        line = self.agency.lineEdit()
        assert line is not None  # the combo is editable
        line.setPlaceholderText("For example, Northtown Police")
        line.setAccessibleName("Agency")

        self.agency_type = QComboBox()
        self.agency_type.setObjectName("agencyType")
        self.agency_type.setAccessibleName("Type of agency")
        for kind in AgencyType:
            self.agency_type.addItem(kind.label, kind)
        self.agency_type.setCurrentIndex(self.agency_type.findData(AgencyType.OTHER))
        self.agency_hint = plain_label()
        self.agency_hint.setObjectName("agencyHint")

        self.replaces = QComboBox()
        self.replaces.setObjectName("replaces")
        self.replaces.setAccessibleName("Replace an earlier import from this agency")
        self.replaces_hint = plain_label()
        self.replaces_hint.setObjectName("replacesHint")

        # A grid, not a QFormLayout: a form row sizes wrapped text by its narrowest width and
        # leaves a tall empty box; a grid gives wrapped text the height it needs.
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        feedback = QVBoxLayout()
        feedback.setSpacing(6)
        for widget in (self.busy, self.message, self.read_summary):
            feedback.addWidget(widget)
        rows: list[tuple[str, QWidget | QHBoxLayout | QVBoxLayout, QWidget | None]] = [
            ("&File", file_row, self.file),
            ("", feedback, None),
            ("&Agency", self.agency, self.agency),
            ("&Type of agency", self.agency_type, self.agency_type),
            ("", self.agency_hint, None),
            ("&Replace an earlier import", self.replaces, self.replaces),
            ("", self.replaces_hint, None),
        ]
        for row, (text, field, buddy) in enumerate(rows):
            if buddy is not None:
                label = QLabel(text)
                label.setBuddy(buddy)
                grid.addWidget(label, row, 0)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, 1)
            else:
                grid.addLayout(field, row, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)

        QWidget.setTabOrder(self.file, self.choose)
        QWidget.setTabOrder(self.choose, self.agency)
        QWidget.setTabOrder(self.agency, self.agency_type)
        QWidget.setTabOrder(self.agency_type, self.replaces)

        self.agency.currentTextChanged.connect(self._agency_changed)
        self.agency_type.currentIndexChanged.connect(self._type_changed)
        self.replaces.currentIndexChanged.connect(self._replaces_changed)

    # -- QWizardPage ---------------------------------------------------------------------------
    def initializePage(self) -> None:
        typed = self.agency.currentText()
        self.agency.blockSignals(True)
        self.agency.clear()
        names = sorted((a.name for a in self.session.service.agencies()), key=str.casefold)
        self.agency.addItems(names)
        self.agency.setCurrentIndex(-1)
        self.agency.setEditText(typed)
        self.agency.blockSignals(False)
        self._agency_changed(typed)

    def validatePage(self) -> bool:
        return self.isComplete()  # also when Next is asked for in code, not by the button

    def isComplete(self) -> bool:
        return (
            self.session.preview is not None
            and bool(self.session.agency_name.strip())
            and not self.reading.busy
        )

    # -- the file ------------------------------------------------------------------------------
    def _choose(self) -> None:
        chosen = self.choose_file()
        if chosen is None:
            return
        self.read(chosen)

    def read(self, path: Path) -> None:
        """Read `path` into a preview in the worker; the page waits, then shows the outcome."""
        self.session.path = path
        self.session.preview = None
        self.file.setText(str(path))
        self.file.setToolTip(str(path))
        self.message.clear()
        self.read_summary.hide()
        self.busy.start(f"Reading '{path.name}'…")
        self.choose.setEnabled(False)
        self.reading.start(lambda: read_preview(path), self._read, self._refused)
        self.completeChanged.emit()

    def _read(self, preview: ImportPreview) -> None:
        self._finish_reading()
        self.session.preview = preview
        where = f" from {preview.sheet!r}" if preview.sheet else ""
        self.read_summary.setText(
            f"Read {plural(len(preview.rows), 'row')}{where}. You can check the columns and "
            "rows on the next page."
        )
        self.read_summary.show()
        self._update_replacement_hint()
        self.completeChanged.emit()

    def _refused(self, error: Exception) -> None:
        self._finish_reading()
        self.session.preview = None
        if isinstance(error, ImportRefusedError):
            self.message.show_message(Tone.PROBLEM, "This file cannot be imported.", str(error))
        else:
            self.message.show_message(Tone.PROBLEM, "This file could not be read.")
            show_error(self, error)
        self.completeChanged.emit()

    def _finish_reading(self) -> None:
        self.busy.stop()
        self.choose.setEnabled(True)

    # -- the agency ----------------------------------------------------------------------------
    def _agency_changed(self, text: str) -> None:
        self.session.agency_name = text.strip()
        existing = self.session.existing_agency()
        self.agency_type.blockSignals(True)
        if existing is not None:
            self.agency_type.setCurrentIndex(self.agency_type.findData(existing.agency_type))
            self.agency_type.setEnabled(False)
            self.agency_hint.setText(
                f"'{existing.name}' is already in the review; its entries will join theirs."
            )
        else:
            self.agency_type.setCurrentIndex(self.agency_type.findData(self.session.agency_type))
            self.agency_type.setEnabled(True)
            self.agency_hint.setText(
                "A new agency: choose its type." if text.strip() else "Name the agency."
            )
        self.agency_type.blockSignals(False)
        self._fill_replacements(self.session.batches_of(existing))
        self.completeChanged.emit()

    def _type_changed(self) -> None:
        if self.agency_type.isEnabled():
            self.session.agency_type = AgencyType(self.agency_type.currentData())

    def _fill_replacements(self, batches: list[ImportBatch]) -> None:
        previous = self.session.replaces
        self.replaces.blockSignals(True)
        self.replaces.clear()
        self.replaces.addItem(NO_REPLACEMENT, None)
        for batch in batches:
            self.replaces.addItem(batch_label(batch), batch)
        self.replaces.setEnabled(bool(batches))
        self.replaces.setCurrentIndex(0)
        if previous is not None:
            for row in range(1, self.replaces.count()):
                if self.replaces.itemData(row).id == previous.id:
                    self.replaces.setCurrentIndex(row)
        self.replaces.blockSignals(False)
        self._replaces_changed()

    def _replaces_changed(self) -> None:
        chosen = self.replaces.currentData()
        self.session.replaces = chosen if isinstance(chosen, ImportBatch) else None
        self._update_replacement_hint()

    def _update_replacement_hint(self) -> None:
        chosen = self.session.replaces
        if chosen is not None:
            self.replaces_hint.setText(
                f"The entries from '{chosen.file_name}' will be removed and this file's rows "
                "put in their place, in one step. Your comments and flags stay on rows whose "
                "date, source and event are unchanged."
            )
        elif not self.replaces.isEnabled():
            self.replaces_hint.setText("There are no earlier imports from this agency.")
        else:
            same = [
                self.replaces.itemData(row)
                for row in range(1, self.replaces.count())
                if self.session.path is not None
                and self.replaces.itemData(row).file_name == self.session.path.name
            ]
            self.replaces_hint.setText(
                f"A file called '{same[0].file_name}' was imported from this agency before. "
                "If this is a corrected copy, choose it above so it is replaced, not doubled."
                if same
                else "Choose an earlier import if this file is a corrected copy of it."
            )

    # -- for the wizard ------------------------------------------------------------------------
    @property
    def busy_now(self) -> bool:
        return self.reading.busy
