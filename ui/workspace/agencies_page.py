"""People and agencies: the agencies in the review, their entries, every import batch, and
the chronologies asked of agencies (request packs) with whether each came back.

An import batch is one agency submission; removing it takes out every entry it brought in (the
reviewer's own entries stay). Replacing it with the agency's corrected file keeps the
reviewer's comments and links on the rows that did not change.
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
from reviewer_app.chronology.requests import RequestStatus
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.requests import RequestRow, RequestService
from ui.empty_message import EmptyMessage
from ui.errors import show_error
from ui.style import heading, plain_label
from ui.tasks import TaskRunner
from ui.uk_dates import uk
from ui.workspace.request_dialog import RequestDialog

NO_AGENCIES = (
    "No agencies yet: Import an agency chronology… (below, or Ctrl+I) adds the agency and its "
    "entries."
)
NO_IMPORTS = (
    "No imports yet: each agency chronology you import is listed here, and can be removed "
    "again if the agency sends a corrected one."
)


NO_REQUESTS = (
    "No chronologies requested yet: Request chronology… writes a letter and a template for "
    "an agency, and the completed template is recognised when you import it."
)

Loaded = tuple[list[Agency], list[ImportBatch], Counter[int], Counter[int], list[RequestRow]]


def request_status(row: RequestRow) -> str:
    """'Requested', 'Received 12/03/2026' or 'Overdue (due 01/03/2026)'."""
    request = row.request
    if row.status is RequestStatus.RECEIVED and request.received_on is not None:
        return f"Received {uk(request.received_on)}"
    if row.status is RequestStatus.OVERDUE and request.due_on is not None:
        return f"Overdue (due {uk(request.due_on)})"
    return row.status.label


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
    #: The reviewer asked to replace this import (an `ImportBatch`) with a corrected file.
    replace_requested = Signal(object)

    def __init__(
        self,
        service: ChronologyService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        requests: RequestService | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.requests = requests
        self._batches: list[ImportBatch] = []
        self._request_rows: list[RequestRow] = []

        self.agency_table = _table(
            ["Agency", "Type", "Entries", "Imports", "Chronology requested"], "Agencies"
        )
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
        self.replace_button = QPushButton("Re&place this import…")
        self.replace_button.setAccessibleName(
            "Replace the selected import with the agency's corrected file"
        )
        self.replace_button.setToolTip(
            "Import the agency's corrected file in place of this one; your comments and links "
            "stay on the rows that have not changed"
        )
        self.replace_button.setEnabled(False)
        self.replace_button.clicked.connect(self.replace_selected)
        self.request_button = QPushButton("Re&quest chronology…")
        self.request_button.setAccessibleName("Request a chronology from an agency")
        self.request_button.setToolTip(
            "Write a letter and a template for an agency; the completed template is imported "
            "exactly as it was filled in"
        )
        self.request_button.clicked.connect(self.request_chronology)
        self.request_button.setVisible(requests is not None)
        self.request_table = _table(
            ["Agency", "Reference", "Requested", "Due", "Status"], "Chronology requests"
        )
        self.no_requests = EmptyMessage(self.request_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading("Agencies and imports", 1.5))
        layout.addWidget(self.agency_table, 1)
        layout.addWidget(heading("Imports", 1.2))
        layout.addWidget(
            plain_label(
                "Each import is one agency's submission. Replacing it with the agency's "
                "corrected file keeps your comments and links on the rows that have not "
                "changed. Removing it takes out every entry it brought in; your own entries and "
                "other agencies' stay."
            )
        )
        layout.addWidget(self.batch_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if requests is not None:
            layout.addWidget(heading("Chronology requests", 1.2))
            layout.addWidget(self.request_table, 1)
            asking = QHBoxLayout()
            asking.addWidget(self.request_button)
            asking.addStretch(1)
            layout.addLayout(asking)
        else:
            self.request_table.hide()

    def reload(self) -> None:
        requests = self.requests

        def work() -> Loaded:
            batches = self.service.batches()
            return (
                self.service.agencies(),
                batches,
                Counter(self.service.entries_per_agency()),
                Counter(b.agency_id for b in batches),
                requests.requests() if requests is not None else [],
            )

        self.runner.start(work, self._fill, self._failed)

    def _fill(self, loaded: Loaded) -> None:
        agencies, batches, entry_counts, batch_counts, request_rows = loaded
        names = {a.id: a.name for a in agencies}
        latest = {row.request.agency_id: row for row in request_rows}  # oldest first: newest wins
        self._fill_requests(request_rows)
        self.agency_table.setRowCount(len(agencies))
        for row, agency in enumerate(agencies):
            asked = latest.get(agency.id or 0)
            for column, text in enumerate(
                (
                    agency.name,
                    agency.agency_type.label,
                    str(entry_counts.get(agency.id or 0, 0)),
                    str(batch_counts.get(agency.id or 0, 0)),
                    request_status(asked) if asked is not None else "",
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

    def _fill_requests(self, rows: list[RequestRow]) -> None:
        self._request_rows = rows
        self.request_table.setRowCount(len(rows))
        for row, shown in enumerate(rows):
            request = shown.request
            for column, text in enumerate(
                (
                    shown.agency,
                    request.reference,
                    uk(request.requested_on),
                    uk(request.due_on) or "not set",
                    request_status(shown),
                )
            ):
                self.request_table.setItem(row, column, QTableWidgetItem(text))
        self.no_requests.say("" if rows else NO_REQUESTS)

    def _selection_changed(self) -> None:
        chosen = bool(self.batch_table.selectionModel().selectedRows())
        self.remove_button.setEnabled(chosen)
        self.replace_button.setEnabled(chosen)

    def selected_batch(self) -> ImportBatch | None:
        rows = self.batch_table.selectionModel().selectedRows()
        return self._batches[rows[0].row()] if rows else None

    def replace_selected(self) -> None:
        batch = self.selected_batch()
        if batch is not None:
            self.replace_requested.emit(batch)

    def request_chronology(self) -> RequestDialog | None:
        """Ask for the agency, deadline and folder, then write the pack (Agencies › Request
        chronology…)."""
        if self.requests is None:
            return None
        agencies = [(a.name, a.agency_type) for a in self.service.agencies()]
        dialog = RequestDialog(self.requests, agencies, self.runner, self)

        def written() -> None:
            self.reload()
            self.changed.emit()

        dialog.accepted.connect(written)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

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
        self.request_table.setRowCount(0)
        self._batches = []
        self._request_rows = []
        self.no_requests.say("")
        self.no_agencies.say("")
        self.no_imports.say("")
