"""A plain horizontal bar chart drawn with QPainter, in the palette's colours.

Screen readers get the same figures as text (`accessibleDescription`); the table beside the
chart holds them too. Clicking a bar selects its group.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 22
GAP = 8
MARGIN = 10
LABEL_SHARE = 0.42


class BarChart(QWidget):
    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, int]] = []
        self._selected = -1
        self.setAccessibleName("Chart of findings")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: list[tuple[str, int]], title: str = "") -> None:
        self._bars = bars
        self._selected = -1
        text = "; ".join(f"{label}: {count}" for label, count in bars)
        self.setAccessibleDescription(f"{title}. {text}" if title else text)
        self.updateGeometry()
        self.update()

    def select(self, index: int) -> None:
        self._selected = index
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        return QSize(420, 2 * MARGIN + rows * (BAR_HEIGHT + GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 2 * MARGIN + BAR_HEIGHT + GAP)

    def _bar_at(self, y: float) -> int:
        index = int((y - MARGIN) // (BAR_HEIGHT + GAP))
        return index if 0 <= index < len(self._bars) else -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._bar_at(event.position().y())
        if index >= 0:
            self.bar_clicked.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        chosen_colour = palette.color(QPalette.ColorRole.Link)
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        label_width = int(width * LABEL_SHARE)
        count_width = metrics.horizontalAdvance("0000") + GAP
        bar_space = max(10, width - label_width - count_width - GAP)
        biggest = max((count for _, count in self._bars), default=0) or 1
        for n, (label, count) in enumerate(self._bars):
            top = MARGIN + n * (BAR_HEIGHT + GAP)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - GAP)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(MARGIN, top, label_width - GAP, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                shown,
            )
            length = bar_space * count / biggest
            painter.fillRect(
                QRectF(MARGIN + label_width, top + 2, max(2.0, length), BAR_HEIGHT - 4),
                chosen_colour if n == self._selected else bar_colour,
            )
            painter.drawText(
                QRectF(MARGIN + label_width + length + GAP / 2, top, count_width, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(count),
            )
        painter.end()
