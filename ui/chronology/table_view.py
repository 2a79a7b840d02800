"""The chronology table: one line per entry, keyboard first, with in-cell editors.

Enter or F2 edits the current cell, Delete asks to delete the selected entries, Tab leaves the
table (rather than walking 50,000 × 9 cells), and the menu key opens the same menu as a right
click. Long cells are cut short on screen; their tooltips hold the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.chronology.table_model import TITLES, Column

AnyIndex = QModelIndex | QPersistentModelIndex

MULTILINE = frozenset({Column.EVENT, Column.OUTCOME, Column.COMMENT})
DATE_HINT = "For example 03/02/2015, Feb 2015, approx 03/2015 or w/c 12/01/2015"
TIME_HINT = "For example 14:30; leave blank for no time"
TEXT_HINT = "Enter saves, Shift+Enter starts a new line, Esc cancels"

#: Widths in average characters; the date and age columns are measured on real text instead.
_CHARACTERS = {
    Column.AGENCY: 28,
    Column.SOURCE: 22,
    Column.EVENT: 52,
    Column.OUTCOME: 40,
    Column.COMMENT: 28,
    Column.FLAGS: 18,
}
_SAMPLES = {
    Column.DATE: "c. 28 Sep – 3 Oct 2015",
    Column.TIME: "00:00",
    Column.AGE: "2 years 11 months",
}


class ChronologyDelegate(QStyledItemDelegate):
    """One-line editors for dates, times and sources; a roomier one for the agency's words."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = Column(index.column())
        name = f"Edit {TITLES[column].lower()}"
        if column in MULTILINE:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            text.setToolTip(TEXT_HINT)
            text.setAccessibleName(name)
            text.setAccessibleDescription(TEXT_HINT)
            return text
        line = QLineEdit(parent)
        line.setFrame(False)
        line.setAccessibleName(name)
        if column is Column.DATE:
            line.setPlaceholderText("dd/mm/yyyy")
            line.setToolTip(DATE_HINT)
            line.setAccessibleDescription(DATE_HINT)
        elif column is Column.TIME:
            line.setPlaceholderText("hh:mm")
            line.setToolTip(TIME_HINT)
            line.setAccessibleDescription(TIME_HINT)
        return line

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole)
        value = text if isinstance(text, str) else ""
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        cell = QRect(option.rect)
        rect = QRect(cell)
        holder = editor.parentWidget()
        if isinstance(editor, QPlainTextEdit) and holder is not None:
            metrics = editor.fontMetrics()
            rect.setHeight(max(rect.height(), metrics.lineSpacing() * 5 + 12))
            rect.setWidth(max(rect.width(), metrics.averageCharWidth() * 48))
            area = holder.rect()
            if rect.bottom() > area.bottom():  # open upwards near the foot of the table
                rect.moveBottom(max(area.top() + rect.height() - 1, cell.bottom()))
            if rect.right() > area.right():
                rect.moveRight(max(area.right(), rect.left() + 1))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                editor.insertPlainText("\n")
            else:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class ChronologyTableView(QTableView):
    delete_requested = Signal()
    new_entry_requested = Signal()
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chronologyTable")
        self.setAccessibleName("Chronology entries")
        self.setAccessibleDescription(
            "One row per entry. Enter or F2 edits a cell, Delete deletes the selected entries, "
            "the menu key opens more actions."
        )
        self.setItemDelegate(ChronologyDelegate(self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda point: self.context_menu_requested.emit(self.viewport().mapToGlobal(point))
        )
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: fast to scroll
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setAccessibleName("Columns (click to sort)")
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.AscendingOrder)

    def size_columns(self) -> None:
        """Widths from the font in use, so a large system font still fits."""
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        padding = 28
        for column in Column:
            if column in _SAMPLES:
                width = metrics.horizontalAdvance(_SAMPLES[column])
            else:
                width = metrics.averageCharWidth() * _CHARACTERS[column]
            title = header_metrics.horizontalAdvance(TITLES[column]) + 20  # room for the arrow
            self.setColumnWidth(column, max(width, title) + padding)

    def _open_editor(self) -> QLineEdit | QPlainTextEdit | None:
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        holder = self.viewport()
        for editor in holder.findChildren(QWidget):
            if isinstance(editor, QLineEdit | QPlainTextEdit) and editor.parent() is holder:
                return editor
        return None

    def editing_text(self) -> str | None:
        """What the open cell editor holds, or None if no cell is being edited."""
        editor = self._open_editor()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text() if editor is not None else None

    def edit_with_text(self, index: QModelIndex, text: str, note: str = "") -> None:
        """Open the editor on `index` holding `text` (typing given back after a lock), with
        `note` as its tooltip and description (what still needs correcting)."""
        self.setCurrentIndex(index)
        self.edit(index)
        editor = self._open_editor()
        if editor is None:
            return
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setText(text)
        editor.setToolTip(note)
        editor.setAccessibleDescription(note)
        editor.setFocus()

    def commit_editing(self) -> None:
        """Save the cell being edited, if any, as Enter would (before the review locks)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        holder = self.viewport()
        for editor in holder.findChildren(QWidget):
            if isinstance(editor, QLineEdit | QPlainTextEdit) and editor.parent() is holder:
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return

    def event(self, event: QEvent) -> bool:
        # Ctrl+N adds an entry here even though the window's Ctrl+N makes a new review.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_new_entry_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and _is_new_entry_key(event):
            self.new_entry_requested.emit()
            return
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        if not editing and (
            event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete
        ):
            self.delete_requested.emit()
            return
        if not editing and event.key() == Qt.Key.Key_Menu:
            rect = self.visualRect(self.currentIndex())
            self.context_menu_requested.emit(self.viewport().mapToGlobal(rect.center()))
            return
        super().keyPressEvent(event)


def _is_new_entry_key(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_N and event.modifiers() == Qt.KeyboardModifier.ControlModifier
