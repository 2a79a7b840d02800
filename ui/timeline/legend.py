"""The key under the timeline: each kind of mark, drawn by the same code as the marks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from reviewer_app.chronology.dates import Precision, Qualifier
from ui.style import plain_label
from ui.timeline.colours import TimelineColours
from ui.timeline.lanes import Mark
from ui.timeline.layout import Column, LaneBox, TimeScale
from ui.timeline.painting import (
    draw_crowded_points,
    draw_point,
    draw_silence,
    draw_span,
)

Sample = Callable[[QPainter, QRectF, TimelineColours], None]
_DAY = dt.date(2015, 3, 1).toordinal()


def _mark(stop: int = 1, qualifier: Qualifier = Qualifier.ON, significant: bool = False) -> Mark:
    precision = Precision.DAY if stop == 1 else Precision.MONTH
    return Mark(0, _DAY, _DAY + stop, _DAY + stop / 2, precision, qualifier, significant)


def _radius(rect: QRectF) -> float:
    return max(3.0, round(rect.height() * 0.28))


def _point(**kwargs: object) -> Sample:
    def draw(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
        mark = _mark(**kwargs)  # type: ignore[arg-type]
        c = rect.center()
        draw_point(painter, mark, c.x(), c.y(), _radius(rect), colours.lanes[0], colours)

    return draw


def _span(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
    scale = TimeScale(_DAY, (rect.width() - 6) / 31, rect.left() + 3)
    box = LaneBox(rect.top(), rect.height(), rect.top(), 0, rect.top(), rect.height())
    draw_span(painter, _mark(31), scale, box, _radius(rect), colours.lanes[0], colours)


def _crowded(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
    columns = [Column(rect.left() + 4 + 3 * i, 3, n, 0) for i, n in enumerate((4, 9, 30, 12, 5))]
    draw_crowded_points(painter, columns, rect.center().y(), rect.height(), colours.lanes[0])


def _silence(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
    draw_silence(painter, rect.adjusted(2, 1, -2, -1), colours)


SAMPLES: tuple[tuple[str, Sample], ...] = (
    ("Exact day", _point()),
    ("Week, month or longer", _span),
    ("Approximate date", _point(qualifier=Qualifier.AROUND)),
    ("Significant", _point(significant=True)),
    ("Many entries close together", _crowded),
    ("No entries for a while", _silence),
)


class TimelineLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineLegend")
        self.setAccessibleName("Key to the timeline")
        self.setAccessibleDescription(
            "Exact days are dots; weeks, months and longer are bars from first to last day; "
            "approximate dates have dashed outlines; significant entries are diamonds; "
            "crowded stretches show one tick; hatching marks an agency's silent period."
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.icons: list[QLabel] = []
        for text, _sample in SAMPLES:
            icon = QLabel()
            icon.setAccessibleName(text)
            self.icons.append(icon)
            layout.addWidget(icon)
            layout.addWidget(plain_label(text, wrap=False))
            layout.addSpacing(10)
        layout.addStretch(1)
        self._draw()

    def _draw(self) -> None:
        line = QFontMetricsF(self.font()).lineSpacing()
        height, width = round(line * 1.1), round(line * 2.4)
        ratio = self.devicePixelRatioF()
        colours = TimelineColours.from_palette(self.palette(), 1)
        for icon, (_text, sample) in zip(self.icons, SAMPLES, strict=True):
            pixmap = QPixmap(round(width * ratio), round(height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(colours.background)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            sample(painter, QRectF(0, 0, width, height), colours)
            painter.end()
            icon.setPixmap(pixmap)
            icon.setFixedSize(width, height)
            icon.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
        ):
            self._draw()
