"""Showing only the entries a search or filter picked, by id, without asking Python per row.

The search itself runs in the review file (`ChronologyService.search_ids`); this proxy keeps
the rows of the ids it returned, as a sorted list of the table model's row numbers. Showing a
search is one pass over those ids (their rows, sorted), not a `data()` call for every row of the
table: Qt's own `QSortFilterProxyModel` asks Python once per row, which took 1.5–3.5 s of CPU
for a search at 200,000 entries (issue 16); this takes milliseconds.

With no search or filter the proxy maps every row to itself. Sorting is handed back to the table
model, which sorts on Python keys; the proxy then finds its rows again from the ids it shows.
An entry added while a filter is set stays in view, whatever the filter would say of it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ui.chronology.table_model import ChronologyTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class EntryFilterProxy(QAbstractProxyModel):
    def __init__(self, model: ChronologyTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._ids: frozenset[int] | None = None
        self._added: set[int] = set()  # entries added since the filter was set stay visible
        #: The model's rows shown, ascending; None while every row is shown.
        self._rows: list[int] | None = None
        self._removing: tuple[int, int] | None = None  # proxy rows of a removal under way
        self._held: tuple[list[QModelIndex], list[QPersistentModelIndex]] | None = None
        self.setSourceModel(model)
        model.entry_about_to_be_inserted.connect(self._added.add)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._model_reset)
        model.dataChanged.connect(self._data_changed)
        model.rowsAboutToBeInserted.connect(self._rows_about_to_be_inserted)
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._rows_about_to_be_removed)
        model.rowsRemoved.connect(self._rows_removed)
        model.layoutAboutToBeChanged.connect(self._hold_layout)
        model.layoutChanged.connect(self._layout_changed)

    # -- the filter ---------------------------------------------------------------------------
    def set_ids(self, ids: Collection[int] | None) -> None:
        """Show only these entries (`None` shows every entry), in the model's order. The rows
        that stay keep their selection (a layout change, as for a sort)."""
        self._hold_layout()
        self._ids = frozenset(ids) if ids is not None else None
        self._added.clear()
        self._rows = self._rows_of(self._ids)
        self._release_layout()

    @property
    def filtering(self) -> bool:
        return self._ids is not None

    def _rows_of(self, ids: Iterable[int] | None) -> list[int] | None:
        """The model's rows of these ids, ascending (ids it does not have are left out)."""
        return None if ids is None else self._model.rows_of(ids)

    def _shown_ids(self) -> set[int] | None:
        if self._ids is None:
            return None
        return set(self._ids) | self._added

    # -- mapping ------------------------------------------------------------------------------
    def mapToSource(self, proxyIndex: AnyIndex) -> QModelIndex:
        # Asked for every cell painted: the source index is made directly (the model's own
        # `index()` would ask Python for its row and column counts each time).
        row = proxyIndex.row()
        if row < 0:
            return QModelIndex()
        rows = self._rows
        if rows is not None:
            if row >= len(rows):
                return QModelIndex()
            row = rows[row]
        return self._model.createIndex(row, proxyIndex.column())

    def mapFromSource(self, sourceIndex: AnyIndex) -> QModelIndex:
        if not sourceIndex.isValid():
            return QModelIndex()
        row = sourceIndex.row()
        rows = self._rows
        if rows is not None:
            at = bisect_left(rows, row)
            if at == len(rows) or rows[at] != row:
                return QModelIndex()
            row = at
        return self.createIndex(row, sourceIndex.column())

    def source_row(self, proxy_row: int) -> int:
        return proxy_row if self._rows is None else self._rows[proxy_row]

    def proxy_row_of(self, entry_id: int) -> int | None:
        """The visible row of an entry, or None when it is filtered out or not there."""
        row = self._model.row_of(entry_id)
        if row is None:
            return None
        mapped = self.mapFromSource(self._model.index(row, 0))
        return mapped.row() if mapped.isValid() else None

    # -- the Qt model interface ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        inside = 0 <= row < self.rowCount() and 0 <= column < self.columnCount()
        return self.createIndex(row, column) if inside and not parent.isValid() else QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...
    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:  # QObject's parent
            return super().parent()
        return QModelIndex()  # a table: no row has children

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return self._model.rowCount() if self._rows is None else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._model.columnCount()

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.rowCount() > 0

    def sibling(self, row: int, column: int, idx: AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model.sort(column, order)

    # -- following the model ------------------------------------------------------------------
    def _model_reset(self) -> None:
        self._rows = self._rows_of(self._shown_ids())
        self.endResetModel()

    def _data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        first, last = self._proxy_span(top_left.row(), bottom_right.row())
        if first <= last:
            self.dataChanged.emit(
                self.index(first, top_left.column()),
                self.index(last, bottom_right.column()),
                list(roles),
            )

    def _proxy_span(self, first: int, last: int) -> tuple[int, int]:
        """The proxy rows showing the model's rows `first` to `last` (empty when first > last)."""
        if self._rows is None:
            return first, last
        return bisect_left(self._rows, first), bisect_right(self._rows, last) - 1

    def _rows_about_to_be_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        # New rows are always shown (`entry_about_to_be_inserted` has added their ids).
        at = first if self._rows is None else bisect_left(self._rows, first)
        self.beginInsertRows(QModelIndex(), at, at + last - first)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._rows
        if rows is not None:
            count = last - first + 1
            at = bisect_left(rows, first)
            self._rows = [*rows[:at], *range(first, last + 1), *(r + count for r in rows[at:])]
        self.endInsertRows()

    def _rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        start, end = self._proxy_span(first, last)
        self._removing = (start, end) if start <= end else None
        if self._removing is not None:
            self.beginRemoveRows(QModelIndex(), start, end)

    def _rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._rows
        if rows is not None:
            count = last - first + 1
            start, end = bisect_left(rows, first), bisect_right(rows, last)
            self._rows = [*rows[:start], *(r - count for r in rows[end:])]
        if self._removing is not None:
            self._removing = None
            self.endRemoveRows()

    def _hold_layout(self, *_args: Any) -> None:
        """Before the rows move (a sort, a new filter): note where every held index points."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        self._held = (persistent, [QPersistentModelIndex(self.mapToSource(i)) for i in persistent])

    def _layout_changed(self, *_args: Any) -> None:
        """The model's rows have moved (sorted): find the shown entries' rows again."""
        self._rows = self._rows_of(self._shown_ids())
        self._release_layout()

    def _release_layout(self) -> None:
        if self._held is None:  # pragma: no cover - Qt always says before it changes
            return
        persistent, sources = self._held
        self._held = None
        moved = [self.mapFromSource(s) for s in sources]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
