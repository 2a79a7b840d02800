"""Small widgets the import pages share: a message strip and a busy indicator.

Both use the palette's colours only, and say what they mean in words (with an icon beside),
so nothing depends on telling colours apart.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.style import plain_label, scaled_font


class Tone(Enum):
    PROBLEM = "Problem"
    WARNING = "Please check"
    DONE = "Done"
    INFORMATION = "Note"


_ICONS = {
    Tone.PROBLEM: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Tone.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Tone.DONE: QStyle.StandardPixmap.SP_DialogApplyButton,
    Tone.INFORMATION: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class MessageStrip(QFrame):
    """A boxed message with an icon and a bold first line; hidden until there is a message.

    Showing one asks screen readers to announce it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#messageStrip { border: 1px solid palette(mid); border-radius: 4px; }")
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = plain_label()
        self.title.setFont(scaled_font(self.title, 1.0, bold=True))
        self.text = plain_label()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QWidget()
        stack = QVBoxLayout(words)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(self.title)
        stack.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(words, 1)
        self.tone: Tone | None = None
        self.hide()

    def show_message(self, tone: Tone, title: str, text: str = "") -> None:
        self.tone = tone
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) * 2
        self.icon.setPixmap(QApplication.style().standardIcon(_ICONS[tone]).pixmap(size, size))
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        spoken = f"{tone.value}: {title} {text}".strip()
        self.setAccessibleName(tone.value)
        self.setAccessibleDescription(spoken)
        self.title.setAccessibleName(title)
        self.text.setAccessibleName(text)
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        self.tone = None
        self.title.clear()
        self.text.clear()
        self.setAccessibleDescription("")
        self.hide()

    def message(self) -> str:
        """The whole message as one string (empty when hidden)."""
        if self.isHidden():
            return ""
        return f"{self.title.text()} {self.text.text()}".strip()


class BusyIndicator(QWidget):
    """An animated bar with a line saying what is being done; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.bar.setAccessibleName("Working")
        self.label = plain_label()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self._cursor_set = False
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)
        self.show()
        if not self._cursor_set:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_set = True
        QAccessible.updateAccessibility(QAccessibleEvent(self.label, QAccessible.Event.Alert))

    def stop(self) -> None:
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
            self._cursor_set = False
        self.hide()
