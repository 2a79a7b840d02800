"""Item models for the import wizard's tables: the previewed rows and the problems found.

Both are pure models over an `ImportPreview`, tested without a window. They work out what
they need once (which rows have which problems) and format each cell only when a view asks
for it, so a preview of tens of thousands of rows opens at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from exporters.api import MUST_CORRECT, PLEASE_CHECK, report_lines
from reviewer_app.chronology.dates import format_uk_date
from reviewer_app.chronology.importing import DraftEntry, Field, ImportPreview
from reviewer_app.importers.corrections import agency_values

ObjectRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex

LEFT_OUT = "Left out"
CHECK = "Check"
CORRECTED = "Corrected"
NOT_READ = "not readable"


def _one_line(text: str) -> str:
    """Cells with several paragraphs are shown on one line in a table (in full in a tip)."""
    return " ".join(text.split())


class _Icons:
    """The two problem icons, made once per model when a view first asks (needs a QApplication)."""

    def __init__(self) -> None:
        self._made: dict[bool, QIcon] = {}

    def __call__(self, blocking: bool) -> QIcon:
        if blocking not in self._made:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if blocking
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self._made[blocking] = QApplication.style().standardIcon(pixmap)
        return self._made[blocking]


class PreviewRowsModel(QAbstractTableModel):
    """The mapped rows: row number, status, date (as read and as written), source, event and
    action/outcome. Rows with a problem that leaves them out say so in words and an icon.

    The date, source, event and action/outcome cells can be edited: an edit is not applied
    here but emitted as `correction(row_number, field, text)`; the page corrects the preview
    and hands the new one back through `update_row`. Corrected cells are shown in italics,
    sources made for rows the agency gave none for in a paler colour.
    """

    correction = Signal(int, str, str)  # row number, field (a `Field` value), text

    ROW, STATUS, DATE, WRITTEN, SOURCE, EVENT, OUTCOME = range(7)
    HEADINGS = (
        "Row",
        "Status",
        "Date",
        "Date as written",
        "Source",
        "Event",
        "Action / outcome",
    )

    def __init__(self, preview: ImportPreview | None = None) -> None:
        super().__init__()
        self._rows: Sequence[DraftEntry] = ()
        self._problems: dict[int, list[str]] = {}
        self._blocked: set[int] = set()
        self._date_column: int | None = None
        self._preview: ImportPreview | None = None
        self._icon = _Icons()
        if preview is not None:
            self.set_preview(preview)

    # The date and the date as written both edit the date as written.
    _EDITABLE: ClassVar[dict[int, Field]] = {
        DATE: Field.DATE,
        WRITTEN: Field.DATE,
        SOURCE: Field.SOURCE,
        EVENT: Field.EVENT,
        OUTCOME: Field.OUTCOME,
    }

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._preview = preview
        self._rows = preview.rows if preview is not None else ()
        self._problems = {}
        self._blocked = set()
        self._date_column = None
        if preview is not None:
            for problem in preview.problems:
                self._problems.setdefault(problem.row_number, []).append(problem.message)
                if problem.blocking:
                    self._blocked.add(problem.row_number)
            dates = [i for i, field in preview.mapping.items() if field is Field.DATE]
            self._date_column = dates[0] if dates else None
        self.endResetModel()

    def is_left_out(self, row: int) -> bool:
        return self._rows[row].row_number in self._blocked

    def update_row(self, preview: ImportPreview, row_number: int) -> None:
        """Take `preview`, in which only row `row_number` differs, and redraw that row."""
        self._preview = preview
        self._rows = preview.rows
        self._problems.pop(row_number, None)
        self._blocked.discard(row_number)
        for problem in preview.problems:
            if problem.row_number == row_number:
                self._problems.setdefault(row_number, []).append(problem.message)
                if problem.blocking:
                    self._blocked.add(row_number)
        row = self.row_of(row_number)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADINGS) - 1))

    def row_of(self, row_number: int) -> int | None:
        for row, draft in enumerate(self._rows):
            if draft.row_number == row_number:
                return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self._EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        target = self._EDITABLE.get(index.column())
        if target is None:
            return False
        draft = self._rows[index.row()]
        text = str(value).strip()
        if text == self._edit_text(draft, target):
            return False
        self.correction.emit(draft.row_number, target.value, text)
        return True

    def _edit_text(self, draft: DraftEntry, target: Field) -> str:
        if target is Field.DATE:
            fixed = self._corrected(draft, Field.DATE)
            return fixed if fixed is not None else self._written_date(draft)
        if target is Field.SOURCE:
            return "" if draft.source_made else draft.source
        return draft.event if target is Field.EVENT else draft.outcome

    def _corrected(self, draft: DraftEntry, target: Field) -> str | None:
        if self._preview is None:
            return None
        return self._preview.corrections.get(draft.row_number, {}).get(target)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        draft = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(draft, column)
        if role == Qt.ItemDataRole.EditRole and column in self._EDITABLE:
            return self._edit_text(draft, self._EDITABLE[column])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._corrected_tip(draft, column) or self._tip(draft, column)
        if role == Qt.ItemDataRole.FontRole and self._is_corrected(draft, column):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SOURCE and draft.source_made:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            if draft.row_number in self._problems:
                return self._icon(draft.row_number in self._blocked)
            return None
        if role == ObjectRole:
            return draft
        if role == SortRole:
            return draft.row_number
        return None

    def _text(self, draft: DraftEntry, column: int) -> str:
        if column == self.ROW:
            return str(draft.row_number)
        if column == self.STATUS:
            if draft.row_number in self._blocked:
                return LEFT_OUT
            if draft.row_number in self._problems:
                return CHECK
            corrected = self._preview is not None and draft.row_number in self._preview.corrections
            return CORRECTED if corrected else ""
        if column == self.DATE:
            if draft.date is None:
                return NOT_READ
            shown = format_uk_date(draft.date)
            return f"{shown} {draft.date.time:%H:%M}" if draft.date.time else shown
        if column == self.WRITTEN:
            return _one_line(self._written_date(draft))
        if column == self.SOURCE:
            return _one_line(draft.source)
        if column == self.EVENT:
            return _one_line(draft.event)
        return _one_line(draft.outcome)

    def _is_corrected(self, draft: DraftEntry, column: int) -> bool:
        target = self._EDITABLE.get(column)
        return target is not None and self._corrected(draft, target) is not None

    def _corrected_tip(self, draft: DraftEntry, column: int) -> str | None:
        target = self._EDITABLE.get(column)
        if target is None or self._preview is None:
            return None
        if self._corrected(draft, target) is not None:
            wrote = agency_values(self._preview, draft).get(target, "")
            said = f"'{_one_line(wrote)}'" if wrote else "nothing here"
            return f"You corrected this. The agency wrote {said}; that is kept with the entry."
        if target is Field.SOURCE and draft.source_made:
            return (
                "The agency gave no source for this row, so this source is used. "
                "Double-click to give the row its own."
            )
        return None

    def _tip(self, draft: DraftEntry, column: int) -> str | None:
        if column in (self.ROW, self.STATUS, self.DATE):
            messages = self._problems.get(draft.row_number)
            return "\n".join(messages) if messages else None
        full = {self.SOURCE: draft.source, self.EVENT: draft.event, self.OUTCOME: draft.outcome}
        text = full.get(column, "")
        return text if "\n" in text or len(text) > 60 else None

    def _written_date(self, draft: DraftEntry) -> str:
        if draft.date is not None:
            return draft.date.original
        column = self._date_column
        if column is not None and column < len(draft.original):
            return draft.original[column][1]
        return ""


class ProblemsModel(QAbstractTableModel):
    """Every row-level problem in row order, worded as in the agency's validation report."""

    ROW, KIND, PROBLEM = range(3)
    HEADINGS = ("Row", "What happens", "Problem")
    BLOCKING_TEXT = f"Left out: {MUST_CORRECT.lower()}"
    WARNING_TEXT = f"Imported: {PLEASE_CHECK.lower()}"

    def __init__(self, preview: ImportPreview | None = None) -> None:
        super().__init__()
        self._lines: list[tuple[int, bool, str]] = []
        self._icon = _Icons()
        if preview is not None:
            self.set_preview(preview)

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self._lines = (
            [
                (line.row_number, line.action == MUST_CORRECT, line.problem)
                for line in report_lines(preview)
            ]
            if preview is not None
            else []
        )
        self.endResetModel()

    def is_blocking(self, row: int) -> bool:
        return self._lines[row][1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADINGS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_number, blocking, problem = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.ROW:
                return str(row_number)
            if column == self.KIND:
                return self.BLOCKING_TEXT if blocking else self.WARNING_TEXT
            return problem
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PROBLEM:
            return problem
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            return self._icon(blocking)
        if role == ObjectRole:
            return self._lines[index.row()]
        if role == SortRole:
            return row_number
        return None
