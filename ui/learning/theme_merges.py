"""Suggested theme merges: each shown as "variant → theme (why)", merged or dismissed from the
keyboard (Enter merges, Delete says they are not the same), best first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.learning.themes import MergeSuggestion

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 1
REASONS = {
    "another wording": "another wording of a common theme",
    "a slip": "a slip of the keyboard",
    "alike": "worded alike",
}


def suggestion_text(s: MergeSuggestion) -> str:
    """Two lines: the theme, then what it would count as and why."""
    return f"“{s.variant_label}”\n    → “{s.into_label}” ({REASONS.get(s.reason, s.reason)})"


class _Suggestions(QListWidget):
    def __init__(self, on_merge: Callable[[], None], on_dismiss: Callable[[], None]) -> None:
        super().__init__()
        self.on_merge, self.on_dismiss = on_merge, on_dismiss

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_merge()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.on_dismiss()
        else:
            super().keyPressEvent(event)


class MergePanel(QWidget):
    """Emits `merge` or `dismiss` with the chosen suggestion."""

    merge = Signal(object)
    dismiss = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Themes that look the &same")
        self.list = _Suggestions(self._merge_current, self._dismiss_current)
        self.list.setAccessibleName("Themes that look the same")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.setMinimumWidth(320)
        self.title.setBuddy(self.list)
        self.merge_button = QPushButton("&Merge")
        self.dismiss_button = QPushButton("&Not the same")
        self.merge_button.setAccessibleName("Merge")
        self.dismiss_button.setAccessibleName("Not the same")
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self._merge_current)
        self.dismiss_button.clicked.connect(self._dismiss_current)
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self._enable()

    def set_suggestions(self, suggestions: list[MergeSuggestion]) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(suggestion_text(suggestion))
            item.setData(SUGGESTION_ROLE, suggestion)
            item.setToolTip(suggestion_text(suggestion).replace("\n    ", " "))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.toolTip())
            self.list.addItem(item)
        self.title.setText(
            f"Themes that look the &same ({len(suggestions)})"
            if suggestions
            else "Themes that look the &same: none"
        )
        if suggestions:
            self.list.setCurrentRow(min(row, len(suggestions) - 1))
        self._enable()

    def current(self) -> MergeSuggestion | None:
        item = self.list.currentItem()
        found = item.data(SUGGESTION_ROLE) if item is not None else None
        return found if isinstance(found, MergeSuggestion) else None

    def _merge_current(self) -> None:
        if (chosen := self.current()) is not None:
            self.merge.emit(chosen)

    def _dismiss_current(self) -> None:
        if (chosen := self.current()) is not None:
            self.dismiss.emit(chosen)

    def _enable(self) -> None:
        has = self.current() is not None
        self.merge_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)
