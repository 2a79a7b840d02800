"""Agencies › Request chronology…: write a request pack for one agency and keep its reference.

The pack (a letter, a template workbook and a Word table) is written in a worker; the request
is recorded only once its files are there. Nothing from the chronology goes into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import AgencyType
from reviewer_app.chronology.requests import ChronologyRequest
from reviewer_app.errors import InvalidInputError
from reviewer_app.services.requests import RequestService
from ui.errors import show_error
from ui.style import plain_label
from ui.tasks import TaskRunner
from ui.uk_dates import parse_day, uk

EXPLAINED = (
    "Writes a letter, a template workbook and a Word version of the template for the agency, "
    "with a reference that lets the completed template be imported exactly as it was filled "
    "in. The pack names the agency and the review's title (with pseudonyms); nothing from the "
    "chronology goes into it."
)


class RequestDialog(QDialog):
    """Emits `finished` with Accepted once the pack is written and the request recorded."""

    def __init__(
        self,
        requests: RequestService,
        agencies: list[tuple[str, AgencyType]],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestDialog")
        self.setWindowTitle("Request a chronology")
        self.requests = requests
        self.runner = runner
        self.recorded: ChronologyRequest | None = None
        self.written: tuple[Path, ...] = ()
        self.choose_folder: Callable[[], Path | None] = self._ask_for_folder
        self._types = dict(agencies)

        self.agency = QComboBox()
        self.agency.setEditable(True)
        self.agency.setAccessibleName("Agency")
        self.agency.addItems(sorted(self._types, key=str.casefold))
        self.agency.setCurrentIndex(-1)
        self.agency.currentTextChanged.connect(self._agency_changed)
        self.agency_type = QComboBox()
        self.agency_type.setAccessibleName("Type of agency")
        for kind in AgencyType:
            self.agency_type.addItem(kind.label, kind)
        self.agency_type.setCurrentIndex(self.agency_type.findData(AgencyType.OTHER))
        self.due = QLineEdit(uk(requests.due_date()))
        self.due.setAccessibleName("Return by (dd/mm/yyyy)")
        self.due.setPlaceholderText("dd/mm/yyyy (from the timetable when it can say)")
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.folder = QLineEdit(documents)
        self.folder.setAccessibleName("Folder to write the pack in")
        browse = QPushButton("C&hoose…")
        browse.setAccessibleName("Choose the folder")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)

        form = QFormLayout()
        form.addRow("&Agency", self.agency)
        form.addRow("&Type of agency", self.agency_type)
        form.addRow("&Return by", self.due)
        form.addRow("&Folder", where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Write the pack")
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(EXPLAINED))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(620, 300)

    def _agency_changed(self, text: str) -> None:
        known = self._types.get(text.strip())
        if known is not None:
            self.agency_type.setCurrentIndex(self.agency_type.findData(known))
        self.agency_type.setEnabled(known is None)

    def _ask_for_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose the folder for the request pack", self.folder.text()
        )
        return Path(chosen) if chosen else None

    def _browse(self) -> None:
        chosen = self.choose_folder()
        if chosen is not None:
            self.folder.setText(str(chosen))

    def write(self) -> None:
        """Check the form, then prepare, write and record the pack in the worker."""
        try:
            due = parse_day(self.due.text(), "return date")
            folder = Path(self.folder.text().strip())
            if not self.folder.text().strip() or not folder.is_dir():
                raise InvalidInputError(
                    f"There is no folder at '{folder}'. Choose the folder to write the pack in."
                )
            pack = self.requests.prepare(self.agency.currentText(), due)
        except Exception as error:
            show_error(self, error)
            return
        kind = AgencyType(self.agency_type.currentData())
        requests = self.requests

        def work() -> tuple[ChronologyRequest, tuple[Path, ...]]:
            # Imported here, in the worker: the Word and spreadsheet writers load only when a
            # pack is written, not when a review is opened (issue 16).
            from exporters.api import write_request_pack

            written = write_request_pack(pack, folder)
            return requests.record(pack, kind), written.paths

        self.buttons.setEnabled(False)
        self.runner.start(work, self._written, self._failed)

    def _written(self, result: object) -> None:
        assert isinstance(result, tuple)
        self.recorded, self.written = result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error)
