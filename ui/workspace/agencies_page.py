"""People and agencies: the agencies in the review, their entries, and every import batch.

An import batch is one agency submission; removing it takes out every entry it brought in (the
reviewer's own entries stay), which is how a corrected file from an agency replaces a bad one.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.services.chronology import ChronologyService
from ui.empty_message import EmptyMessage
from ui.errors import show_error
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

NO_AGENCIES = (
    "No agencies yet: Import an agency chronology… (below, or Ctrl+I) adds the agency and its "
    "entries."
)
NO_IMPORTS = (
    "No imports yet: each agency chronology you import is listed here, and can be removed "
    "again if the agency sends a corrected one."
)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


class AgenciesPage(QWidget):
    changed = Signal()  # a batch was removed: other pages should reload
    import_requested = Signal()

    def __init__(
        self, service: ChronologyService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self._batches: list[ImportBatch] = []

        self.agency_table = _table(["Agency", "Type", "Entries", "Imports"], "Agencies")
        self.batch_table = _table(
            ["File", "Agency", "Imported", "Rows read", "Left out"], "Imports from agencies"
        )
        self.batch_table.itemSelectionChanged.connect(self._selection_changed)
        self.no_agencies = EmptyMessage(self.agency_table)
        self.no_imports = EmptyMessage(self.batch_table)
        self.import_button = QPushButton("&Import an agency chronology…")
        self.import_button.setAccessibleName("Import an agency chronology")
        self.import_button.clicked.connect(self.import_requested)
        self.remove_button = QPushButton("&Remove this import…")
        self.remove_button.setAccessibleName("Remove the selected import and its entries")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading("Agencies and imports", 1.5))
        layout.addWidget(self.agency_table, 1)
        layout.addWidget(heading("Imports", 1.2))
        layout.addWidget(
            plain_label(
                "Each import is one agency's submission. Removing it takes out every entry it "
                "brought in; your own entries and other agencies' stay."
            )
        )
        layout.addWidget(self.batch_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        def work() -> tuple[list[Agency], list[ImportBatch], Counter[int], Counter[int]]:
            entries = self.service.entries()
            batches = self.service.batches()
            return (
                self.service.agencies(),
                batches,
                Counter(e.agency_id for e in entries),
                Counter(b.agency_id for b in batches),
            )

        self.runner.start(work, self._fill, self._failed)

    def _fill(
        self, loaded: tuple[list[Agency], list[ImportBatch], Counter[int], Counter[int]]
    ) -> None:
        agencies, batches, entry_counts, batch_counts = loaded
        names = {a.id: a.name for a in agencies}
        self.agency_table.setRowCount(len(agencies))
        for row, agency in enumerate(agencies):
            for column, text in enumerate(
                (
                    agency.name,
                    agency.agency_type.label,
                    str(entry_counts.get(agency.id or 0, 0)),
                    str(batch_counts.get(agency.id or 0, 0)),
                )
            ):
                self.agency_table.setItem(row, column, QTableWidgetItem(text))
        self._batches = batches
        self.batch_table.setRowCount(len(batches))
        for row, batch in enumerate(batches):
            imported = batch.imported_at.astimezone().strftime("%d/%m/%Y %H:%M")
            for column, text in enumerate(
                (
                    batch.file_name,
                    names.get(batch.agency_id, ""),
                    imported,
                    str(batch.row_count),
                    str(batch.left_out),
                )
            ):
                self.batch_table.setItem(row, column, QTableWidgetItem(text))
        self.no_agencies.say("" if agencies else NO_AGENCIES)
        self.no_imports.say("" if batches else NO_IMPORTS)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.batch_table.selectionModel().selectedRows()))

    def remove_selected(self) -> None:
        rows = self.batch_table.selectionModel().selectedRows()
        if not rows:
            return
        batch = self._batches[rows[0].row()]
        answer = QMessageBox.question(
            self,
            "Remove this import?",
            f"Remove the import of '{batch.file_name}' and every entry it brought in? Your "
            "comments on those entries go too. This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes or batch.id is None:
            return
        batch_id = batch.id

        def removed(_count: object) -> None:
            self.reload()
            self.changed.emit()

        self.runner.start(
            lambda: self.service.remove_batch(batch_id),
            removed,
            lambda error: show_error(self, error),
        )

    def _failed(self, error: Exception) -> None:
        show_error(self, error)

    def clear(self) -> None:
        self.agency_table.setRowCount(0)
        self.batch_table.setRowCount(0)
        self._batches = []
        self.no_agencies.say("")
        self.no_imports.say("")
