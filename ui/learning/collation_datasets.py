"""The collated datasets, one a row, with where each came from; the chosen ones can be removed
(their findings leave every count)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.learning.collation import HeldDataset
from ui.learning.collation_models import short_review_type
from ui.style import plain_label

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("File", "Type", "Year", "Region", "Findings", "Imported", "Look at")


class DatasetsDialog(QDialog):
    """Emits `remove` with the keys of the chosen datasets."""

    remove = Signal(list)

    def __init__(self, held: list[HeldDataset], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Collated datasets — SCR Reviewer")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Collated datasets")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_button = QPushButton("&Remove the chosen datasets")
        self.remove_button.setAccessibleName("Remove the chosen datasets")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Each learning dataset collated, with the file it came from. A flagged dataset "
                "reuses another's id with other findings: remove whichever is out of date."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.remove_button.clicked.connect(self._remove_chosen)
        self.table.itemSelectionChanged.connect(self._enable)
        self.set_held(held)
        self.resize(900, 480)

    def set_held(self, held: list[HeldDataset]) -> None:
        self.table.setRowCount(0)
        for h in held:
            row = self.table.rowCount()
            self.table.insertRow(row)
            d = h.dataset
            values = (
                h.file_name or "(made in this app)",
                short_review_type(d.review_type),
                "" if d.review_year is None else str(d.review_year),
                d.region,
                str(len(d.findings)),
                h.imported_at.replace("T", " ").removesuffix("+00:00"),
                h.flag,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(KEY_ROLE, h.key)
                self.table.setItem(row, column, item)
        self._enable()

    def chosen(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        items = [self.table.item(r, 0) for r in rows]
        return [str(item.data(KEY_ROLE)) for item in items if item is not None]

    def _remove_chosen(self) -> None:
        keys = self.chosen()
        if keys:
            self.remove.emit(keys)

    def _enable(self) -> None:
        self.remove_button.setEnabled(bool(self.chosen()))
