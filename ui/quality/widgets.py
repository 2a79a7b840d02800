"""Small widgets the quality and timetable pages share."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from reviewer_app.quality.assessment import Status


class NotesEdit(QPlainTextEdit):
    """A notes box that reports when the reviewer has finished (focus left it)."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def status_combo(accessible_name: str) -> QComboBox:
    combo = QComboBox()
    for status in Status:
        combo.addItem(status.label, status.value)
    combo.setAccessibleName(accessible_name)
    return combo


def set_status(combo: QComboBox, status: Status) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(status.value))
    combo.blockSignals(False)


def combo_status(combo: QComboBox) -> Status:
    return Status(str(combo.currentData()))
