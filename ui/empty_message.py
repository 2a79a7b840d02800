"""A message shown inside an empty list or table, saying what to do next.

A page that has nothing yet never shows a blank pane: its list or table says what belongs
there and how to add it. The message sits over the view's viewport, so the view keeps its
place in the layout, its column headings and its keyboard focus; screen readers hear the
message as the view's description.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel


class EmptyMessage(QLabel):
    """Says what to do next while `view` has nothing to show (hidden otherwise)."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setObjectName("emptyMessage")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(24)
        # Clicks and the context menu still reach the view underneath.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._soften()
        view.viewport().installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        """Show `text` over the view ("" hides the message)."""
        if text == self.text() and self.isVisibleTo(self._view) == bool(text):
            return
        self.setText(text)
        self._view.setAccessibleDescription(text)
        if text:
            self.setGeometry(self._view.viewport().rect())
            self.raise_()
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._soften()
        super().changeEvent(event)

    def _soften(self) -> None:
        """Text a little quieter than the view's own, and still easy to read."""
        palette = self._view.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        quiet = QColor(
            round(text.red() * 0.72 + base.red() * 0.28),
            round(text.green() * 0.72 + base.green() * 0.28),
            round(text.blue() * 0.72 + base.blue() * 0.28),
        )
        mine = self.palette()
        if mine.color(QPalette.ColorRole.WindowText) != quiet:
            mine.setColor(QPalette.ColorRole.WindowText, quiet)
            self.setPalette(mine)
