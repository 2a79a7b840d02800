"""The whole chronology as a table: one row per entry, no widgets, constant-time `data()`.

The model holds `ChronologyEntry` values and an index from entry id to row. Filled from the
service's `EntryRows`, a row holds only its place in those rows until it is first drawn or
asked for, when its entry is made (so a 50,000-entry table is filled and painted without making
50,000 entries). Each row's display strings are made the first time the row is drawn and kept,
so scrolling through 50,000 entries costs a dictionary lookup per cell. Sorting happens here,
on Python keys, because a proxy that asked `data()` for every comparison would be far slower on
a big chronology.

Editing never writes to the file from here: `setData` works out the new entry and hands
(old, new) to the edit handler, which pushes an undo command; the command calls the service
and then `replace_entry`, which refreshes just that row.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from reviewer_app.chronology.entry import ChronologyEntry, age_at
from reviewer_app.chronology.rows import EntryRows
from reviewer_app.errors import DamagedReviewError, UserFacingError
from ui.chronology.columns import (
    EDIT_NAMES,
    EDITABLE,
    HEADER_TIPS,
    TEXT_FIELDS,
    TITLES,
    Column,
    Role,
    date_sort_key,
    edited,
    is_single_day,
)
from ui.chronology.text import (
    date_span_text,
    date_text,
    escape,
    flags_text,
    one_line,
    rich_paragraph,
    time_text,
)
from ui.errors import show_error

AnyIndex = QModelIndex | QPersistentModelIndex
#: Called with (old entry, new entry, what changed) when a cell is edited; pushes a command.
EditHandler = Callable[[ChronologyEntry, ChronologyEntry, str], None]


_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole)
_EDIT: Final = int(Qt.ItemDataRole.EditRole)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE: Final = int(Qt.ItemDataRole.AccessibleTextRole)
_SORT: Final = int(Role.SORT)
_OBJECT: Final = int(Role.OBJECT)
_ENTRY_ID: Final = int(Role.ENTRY_ID)
_COLUMNS: Final = len(Column)
UNKNOWN_AGENCY: Final = "Unknown agency"


class ChronologyTableModel(QAbstractTableModel):
    """Every entry of the chronology; filtering is left to `EntryFilterProxy`."""

    #: A refused edit (an `InvalidInputError` with a message for the reviewer).
    edit_refused = Signal(object)
    #: Emitted with an entry's id just before its row is inserted, so a filter can let it in.
    entry_about_to_be_inserted = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Each row's entry, or (until it is first needed) its index in `_lazy`.
        self._entries: list[ChronologyEntry | int] = []
        self._lazy: EntryRows | None = None
        self._row_of: dict[int, int] = {}
        self._agency_names: dict[int, str] = {}
        self._date_of_birth: dt.date | None = None
        self._display: dict[int, tuple[str, ...]] = {}
        self._date_keys: dict[int, str] = {}
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._edit_handler: EditHandler | None = None
        self._damage_told = False

    # -- filling ------------------------------------------------------------------------------
    def set_chronology(
        self,
        entries: Iterable[ChronologyEntry],
        agency_names: Mapping[int, str],
        date_of_birth: dt.date | None,
    ) -> None:
        """Show these entries (in the order given: chronological, as the service returns them)."""
        self.beginResetModel()
        numbers: list[int] = []
        if isinstance(entries, EntryRows):  # made into entries row by row, when needed
            self._lazy = entries
            numbers = list(range(len(entries)))
            self._entries = list[ChronologyEntry | int](numbers)
        else:
            self._lazy = None
            self._entries = list(entries)
            if any(e.id is None for e in self._all()):
                raise ValueError("the chronology table shows saved entries only")
        self._agency_names = dict(agency_names)
        self._date_of_birth = date_of_birth
        self._display.clear()
        self._date_keys.clear()
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        if self._lazy is not None:  # row i holds entry i: the ids are known in order
            # (the rows' numbers shared with `_entries`, not 50,000 more of them made)
            self._row_of = dict(zip(self._lazy.ids, numbers, strict=True))
        else:
            self._reindex()
        self.endResetModel()

    def clear(self) -> None:
        self.set_chronology((), {}, None)

    def set_edit_handler(self, handler: EditHandler | None) -> None:
        """Who turns an edited cell into an undo command; without one edits change the model."""
        self._edit_handler = handler

    def set_agency_name(self, agency_id: int, name: str) -> None:
        self._agency_names[agency_id] = name
        self._display.clear()
        if self._entries:
            self.dataChanged.emit(
                self.index(0, Column.AGENCY), self.index(len(self._entries) - 1, Column.AGENCY)
            )

    # -- lookups ------------------------------------------------------------------------------
    def _at(self, row: int) -> ChronologyEntry:
        """The entry of `row`, made from its stored row the first time it is needed."""
        held = self._entries[row]
        if isinstance(held, int):
            assert self._lazy is not None
            made = self._entries[row] = self._lazy[held]
            return made
        return held

    def _all(self) -> list[ChronologyEntry]:
        """Every row's entry (all made now), in row order."""
        return [self._at(row) for row in range(len(self._entries))]

    def _id_at(self, row: int) -> int:
        held = self._entries[row]
        if isinstance(held, int):
            assert self._lazy is not None
            return self._lazy.ids[held]
        assert held.id is not None
        return held.id

    def entry_at(self, row: int) -> ChronologyEntry:
        return self._at(row)

    def entry(self, entry_id: int) -> ChronologyEntry | None:
        row = self._row_of.get(entry_id)
        return self._at(row) if row is not None else None

    def row_of(self, entry_id: int) -> int | None:
        return self._row_of.get(entry_id)

    def rows_of(self, entry_ids: Iterable[int]) -> list[int]:
        """The rows of these entries, ascending; ids the table does not have are left out.
        One pass in C over tens of thousands of ids (a search's), not a call per id."""
        rows = list(map(self._row_of.get, entry_ids, repeat(-1)))
        rows.sort()
        del rows[: bisect.bisect_right(rows, -1)]
        return rows

    def entry_ids(self) -> list[int]:
        return list(self._row_of)

    def entries(self) -> Sequence[ChronologyEntry]:
        return tuple(self._all())

    def agency_name(self, agency_id: int) -> str:
        return self._agency_names.get(agency_id, UNKNOWN_AGENCY)

    def agency_names(self) -> dict[int, str]:
        return dict(self._agency_names)

    @property
    def date_of_birth(self) -> dt.date | None:
        return self._date_of_birth

    def child_age(self, entry: ChronologyEntry) -> str:
        return age_at(self._date_of_birth, entry.date) if self._date_of_birth else ""

    # -- changes made by undo commands ----------------------------------------------------------
    def replace_entry(self, entry: ChronologyEntry, *, old_id: int | None = None) -> None:
        """Show `entry` in place of the row that had its id (or `old_id`); refreshes that row."""
        key = old_id if old_id is not None else entry.id
        row = self._row_of.get(key) if key is not None else None
        if row is None or key is None or entry.id is None:
            return
        self._forget(key)
        self._entries[row] = entry
        if key != entry.id:
            del self._row_of[key]
        self._row_of[entry.id] = row
        self.dataChanged.emit(self.index(row, 0), self.index(row, _COLUMNS - 1))

    def insert_entry(self, entry: ChronologyEntry, row: int | None = None) -> int:
        """Add a row for `entry`, at `row` or where the current sort puts it; returns the row."""
        if entry.id is None:
            raise ValueError("only saved entries can be shown")
        if row is None:
            row = self._position_for(entry)
        row = max(0, min(row, len(self._entries)))
        self.entry_about_to_be_inserted.emit(entry.id)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._reindex(start=row)
        self.endInsertRows()
        return row

    def remove_entry(self, entry_id: int) -> int | None:
        """Remove the entry's row; returns the row it had (or None if it was not shown)."""
        row = self._row_of.get(entry_id)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[row]
        del self._row_of[entry_id]
        self._forget(entry_id)
        self._reindex(start=row)
        self.endRemoveRows()
        return row

    def _forget(self, entry_id: int) -> None:
        self._display.pop(entry_id, None)
        self._date_keys.pop(entry_id, None)

    def _reindex(self, start: int = 0) -> None:
        row_of = self._row_of
        if start == 0:
            row_of.clear()
        id_at = self._id_at
        for row in range(start, len(self._entries)):
            row_of[id_at(row)] = row

    def _position_for(self, entry: ChronologyEntry) -> int:
        """Where the current sort puts `entry`: found by bisecting the rows' keys, each worked
        out when the search looks at it (about 17 rows of 50,000 made into entries, not all)."""
        key = self._sort_key_function(self._sort_column)
        wanted = key(entry)
        count = len(self._entries)
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            backwards = _RowKeys(lambda i: key(self._at(count - 1 - i)), count)
            return count - bisect.bisect_left(backwards, wanted)
        return bisect.bisect_right(_RowKeys(lambda row: key(self._at(row)), count), wanted)

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return TITLES[Column(section)]
        if role == _TOOLTIP:
            return HEADER_TIPS[Column(section)]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == _ENTRY_ID:
            return self._id_at(index.row())
        try:
            entry = self._at(index.row())  # (its texts are read from the file when first shown)
        except DamagedReviewError as error:
            self._met_damage(error)
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._row_text(entry)[column]
        if role == _EDIT:
            return self._edit_text(entry, column)
        if role == _TOOLTIP:
            return self._tooltip(entry, column)
        if role == _ACCESSIBLE:
            return self._accessible_text(entry, column)
        if role == _SORT:
            return self._sort_text(entry, column)
        if role == _OBJECT:
            return entry
        return None

    def _met_damage(self, error: DamagedReviewError) -> None:
        """Damage met while a cell was being drawn: said once, after the painting, the way
        damage met anywhere is (the window stops using the review); the cell stays empty."""
        if not self._damage_told:
            self._damage_told = True
            QTimer.singleShot(0, self, lambda: show_error(None, error))

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() not in EDITABLE:
            return False
        column = Column(index.column())
        old = self._at(index.row())
        try:
            new = edited(old, column, "" if value is None else str(value))
        except UserFacingError as error:
            self.edit_refused.emit(error)
            return False
        if new == old:
            return True
        if self._edit_handler is not None:
            self._edit_handler(old, new, EDIT_NAMES[column])
        else:
            self.replace_entry(new)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < _COLUMNS:
            return
        self._sort_column, self._sort_order = Column(column), order
        key = self._sort_key_function(Column(column))
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._id_at(i.row()), i.column()) for i in persistent]
        # Python's sort is stable in both directions, so equal keys keep their order.
        entries = self._all()
        entries.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._entries = list(entries)
        self._reindex()
        moved = [
            self.index(self._row_of[i], c) if i is not None else QModelIndex() for i, c in held
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # -- cell text ----------------------------------------------------------------------------
    def _row_text(self, entry: ChronologyEntry) -> tuple[str, ...]:
        assert entry.id is not None
        found = self._display.get(entry.id)
        if found is None:
            found = (
                date_text(entry.date),
                time_text(entry.date.time),
                self.agency_name(entry.agency_id),
                one_line(entry.source),
                one_line(entry.event),
                one_line(entry.outcome),
                one_line(entry.comment),
                flags_text(entry.flags),
                self.child_age(entry),
            )
            self._display[entry.id] = found
        return found

    def _edit_text(self, entry: ChronologyEntry, column: int) -> str:
        if column == Column.DATE:
            return date_text(entry.date)
        field = TEXT_FIELDS.get(Column(column))
        if field is not None:
            text: str = getattr(entry, field)
            return text
        return self._row_text(entry)[column]

    def _full_text(self, entry: ChronologyEntry, column: int) -> str:
        field = TEXT_FIELDS.get(Column(column))
        if field is not None:
            text: str = getattr(entry, field)
            return text
        return self._row_text(entry)[column]

    def _tooltip(self, entry: ChronologyEntry, column: int) -> str | None:
        if column == Column.DATE:
            original = entry.date.original.strip()
            lines = [f"<b>{escape(date_text(entry.date))}</b>", escape(date_span_text(entry.date))]
            if original:
                lines.append(f"The agency wrote: <i>{escape(original)}</i>")
            return "<p>" + "<br>".join(lines) + "</p>"
        if column == Column.AGE and self._date_of_birth is None:
            return "<p>The child's date of birth is not recorded for this review.</p>"
        text = self._full_text(entry, column)
        return rich_paragraph(text) if text else None

    def _accessible_text(self, entry: ChronologyEntry, column: int) -> str:
        if column == Column.DATE:
            original = entry.date.original.strip()
            shown = date_text(entry.date)
            return f"{shown} (the agency wrote {original})" if original else shown
        text = self._full_text(entry, column)
        return text if text else f"No {TITLES[Column(column)].lower()}"

    def _date_key(self, entry: ChronologyEntry) -> str:
        assert entry.id is not None
        found = self._date_keys.get(entry.id)
        if found is None:
            found = self._date_keys[entry.id] = date_sort_key(entry)
        return found

    def _sort_text(self, entry: ChronologyEntry, column: int) -> str:
        if column in (Column.DATE, Column.AGE):
            return self._date_key(entry)
        return f"{self._row_text(entry)[column].casefold()}\x1f{self._date_key(entry)}"

    def _sort_key_function(self, column: Column) -> Callable[[ChronologyEntry], Any]:
        if column in (Column.DATE, Column.AGE):
            return self._date_key
        if column is Column.FLAGS:
            # Entries with more flags first is less useful than grouping by the flags' names.
            return lambda e: (flags_text(e.flags).casefold(), self._date_key(e))
        index = int(column)
        return lambda e: (self._row_text(e)[index].casefold(), self._date_key(e))


class _RowKeys(Sequence[Any]):
    """The rows' sort keys as a sequence for `bisect`, each worked out when it is looked at."""

    __slots__ = ("_count", "_key")

    def __init__(self, key: Callable[[int], Any], count: int) -> None:
        self._key = key
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, int) or not 0 <= index < self._count:
            raise IndexError(index)
        return self._key(index)


__all__ = [
    "EDITABLE",
    "TITLES",
    "ChronologyTableModel",
    "Column",
    "EditHandler",
    "Role",
    "date_sort_key",
    "is_single_day",
]
