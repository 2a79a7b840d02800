"""Showing only the entries a search or filter picked, by id, without re-sorting anything.

The search itself runs in the review file (`ChronologyService.search`); this proxy only keeps
the ids it returned. Sorting is handed back to the table model, which sorts on Python keys far
faster than a proxy comparing cells one `data()` call at a time.

Filtering is Qt's own, on the model's `Role.SHOWN`: with no search or filter the pattern is
empty, which Qt accepts without asking Python about any row, so filling the table with 50,000
entries makes no Python call per row.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from ui.chronology.table_model import SHOWN, ChronologyTableModel, Role


class EntryFilterProxy(QSortFilterProxyModel):
    def __init__(self, model: ChronologyTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._ids: frozenset[int] | None = None
        self._added: set[int] = set()  # entries added since the filter was set stay visible
        self.setSourceModel(model)
        self.setFilterRole(Role.SHOWN)
        self.setFilterKeyColumn(0)
        model.shown = self._shown
        model.entry_about_to_be_inserted.connect(self._added.add)

    def set_ids(self, ids: Collection[int] | None) -> None:
        """Show only these entries (`None` shows every entry)."""
        modern = hasattr(QSortFilterProxyModel, "endFilterChange")  # Qt 6.10 and later
        if modern:
            self.beginFilterChange()
        self._ids = frozenset(ids) if ids is not None else None
        self._added.clear()
        # An empty pattern lets every row through in C++; otherwise Qt asks `Role.SHOWN`.
        self.setFilterFixedString("" if ids is None else SHOWN)
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    @property
    def filtering(self) -> bool:
        return self._ids is not None

    def _shown(self, entry_id: int) -> bool:
        return self._ids is None or entry_id in self._ids or entry_id in self._added

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)

    def source_row(self, proxy_row: int) -> int:
        return self.mapToSource(self.index(proxy_row, 0)).row()

    def proxy_row_of(self, entry_id: int) -> int | None:
        """The visible row of an entry, or None when it is filtered out or not there."""
        row = self._model.row_of(entry_id)
        if row is None:
            return None
        mapped = self.mapFromSource(self._model.index(row, 0))
        return mapped.row() if mapped.isValid() else None
