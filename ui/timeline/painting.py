"""Drawing the timeline's pieces with a QPainter; where things go is decided in `layout`.

How a mark looks says how precise its date is:

* an exact day: a small solid dot (a significant one: a larger diamond with a dark outline);
* a week, month, season, year or range: a see-through bar from its first to its last day,
  with end caps, in its own row below the dots, so "a whole month" never looks like "a day";
* approximate (around, before, after): a dashed outline and a paler fill; "before" and
  "after" also get a small arrow pointing the way the date is open;
* many entries in one pixel column: one solid density tick, taller the more there are.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from reviewer_app.chronology.dates import Qualifier
from ui.timeline.axis import Axis
from ui.timeline.colours import TimelineColours, translucent
from ui.timeline.lanes import Mark
from ui.timeline.layout import Bin, Column, LaneBox, TimeScale, span_extent

SPAN_FILL = 0.28
APPROXIMATE_FILL = 0.22


_PENS: dict[tuple[int, float, bool], QPen] = {}


def _pen(colour: QColor, width: float, dashed: bool = False) -> QPen:
    """Pens are made once per colour and style: a paint asks for thousands."""
    key = (colour.rgba(), width, dashed)
    pen = _PENS.get(key)
    if pen is None:
        if len(_PENS) > 512:
            _PENS.clear()
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        _PENS[key] = pen
    return pen


def _arrow(painter: QPainter, x: float, y: float, direction: int, size: float) -> None:
    """A small open arrow at `x` pointing left (-1) or right (+1): the open end of a date."""
    tip = x + direction * size * 1.6
    painter.drawLine(QPointF(x, y), QPointF(tip, y))
    back = tip - direction * size * 0.6
    painter.drawLine(QPointF(tip, y), QPointF(back, y - size * 0.5))
    painter.drawLine(QPointF(tip, y), QPointF(back, y + size * 0.5))


def draw_point(
    painter: QPainter,
    mark: Mark,
    x: float,
    y: float,
    radius: float,
    colour: QColor,
    colours: TimelineColours,
) -> None:
    approximate = mark.approximate
    if mark.significant:
        r = radius * 1.45
        outline = _pen(colours.emphasis, 2.0, approximate)
        fill = translucent(colour, 0.55) if approximate else colour
        painter.setPen(outline)
        painter.setBrush(fill)
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
        )
    else:
        r = radius
        if approximate:
            painter.setPen(_pen(colour, 1.5, True))
            painter.setBrush(translucent(colour, APPROXIMATE_FILL))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
        painter.drawEllipse(QPointF(x, y), r, r)
    if mark.qualifier in (Qualifier.BEFORE, Qualifier.AFTER):
        painter.setPen(_pen(colour, 1.5))
        direction = -1 if mark.qualifier is Qualifier.BEFORE else 1
        _arrow(painter, x + direction * r, y, direction, radius)


def draw_span(
    painter: QPainter,
    mark: Mark,
    scale: TimeScale,
    box: LaneBox,
    radius: float,
    colour: QColor,
    colours: TimelineColours,
    y_offset: float = 0.0,
) -> QRectF:
    x0, x1 = span_extent(scale, mark, 2 * radius)
    top = box.span_row_top(min(mark.row, 2)) + y_offset + 2
    height = box.span_row - 4
    rect = QRectF(x0, top, x1 - x0, height)
    approximate = mark.approximate
    painter.setBrush(translucent(colour, APPROXIMATE_FILL if approximate else SPAN_FILL))
    if mark.significant:
        painter.setPen(_pen(colours.emphasis, 2.0, approximate))
    else:
        painter.setPen(_pen(colour, 1.2, approximate))
    painter.drawRect(rect)
    # End caps, a little taller than the bar, so its first and last days read at a glance.
    painter.setPen(_pen(colour, 2.0))
    painter.drawLine(QPointF(x0, top - 1.5), QPointF(x0, top + height + 1.5))
    painter.drawLine(QPointF(x1, top - 1.5), QPointF(x1, top + height + 1.5))
    if mark.qualifier in (Qualifier.BEFORE, Qualifier.AFTER):
        painter.setPen(_pen(colour, 1.5))
        direction = -1 if mark.qualifier is Qualifier.BEFORE else 1
        _arrow(painter, x0 if direction < 0 else x1, top + height / 2, direction, radius)
    return rect


def _crisp(painter: QPainter) -> None:
    """Plain filled rectangles need no antialiasing, and fill many times faster without."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def draw_crowded_points(
    painter: QPainter, columns: Sequence[Column], middle: float, row: float, colour: QColor
) -> None:
    """Density ticks for crowded columns, taller (to the row's height) the more entries."""
    rects = []
    for column in columns:
        height = round(row * min(1.0, 0.35 + 0.16 * math.log2(column.count)))
        width = max(round(column.width) - 1, 1)
        rects.append(QRectF(round(column.x), round(middle - height / 2), width, height))
    painter.save()
    _crisp(painter)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRects(rects)
    painter.restore()


def draw_crowded_spans(
    painter: QPainter, columns: Sequence[Column], top: float, height: float, colour: QColor
) -> None:
    """Coverage of many overlapping spans: shade deepens with how many cover a column.
    Neighbouring columns of the same depth are merged into one rectangle."""
    levels: dict[int, list[QRectF]] = {}
    run: list[float] = []  # x0, x1, level of the rectangle being extended
    for column in columns:
        level = min(4, int(math.log2(column.count)))
        x0, x1 = round(column.x), round(column.x + max(column.width, 1.0))
        if run and run[2] == level and x0 <= run[1]:
            run[1] = x1
            continue
        if run:
            levels.setdefault(int(run[2]), []).append(
                QRectF(run[0], top + 2, run[1] - run[0], height - 4)
            )
        run = [x0, x1, level]
    if run:
        levels.setdefault(int(run[2]), []).append(
            QRectF(run[0], top + 2, run[1] - run[0], height - 4)
        )
    painter.save()
    _crisp(painter)
    painter.setPen(Qt.PenStyle.NoPen)
    for level, rects in levels.items():
        painter.setBrush(translucent(colour, 0.18 + 0.12 * level))
        painter.drawRects(rects)
    painter.restore()


def draw_silence(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(translucent(colours.silence, 0.25))
    painter.drawRect(rect)
    painter.setBrush(QBrush(colours.silence, Qt.BrushStyle.BDiagPattern))
    painter.drawRect(rect)


def draw_density(
    painter: QPainter,
    bins: Sequence[Bin],
    scale: TimeScale,
    rect: QRectF,
    colours: TimelineColours,
) -> None:
    """The activity strip: one bar per bin, scaled to the busiest bin on screen."""
    busiest = max((b.count for b in bins), default=0)
    painter.setPen(_pen(colours.grid, 1.0))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    if busiest == 0:
        return
    bars = []
    for b in bins:
        if b.count == 0:
            continue
        x0, x1 = scale.x(b.start), scale.x(b.stop)
        gap = 1.0 if x1 - x0 > 4 else 0.0
        height = max(2.0, (rect.height() - 4) * b.count / busiest)
        bars.append(QRectF(x0, rect.bottom() - height, max(x1 - x0 - gap, 1.0), height))
    painter.save()
    _crisp(painter)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(translucent(colours.density, 0.75))
    painter.drawRects(bars)
    painter.restore()


def draw_axis(
    painter: QPainter,
    axis: Axis,
    context_rect: QRectF,
    label_rect: QRectF,
    colours: TimelineColours,
) -> None:
    painter.setPen(_pen(colours.grid, 1.0))
    bottom = label_rect.bottom()
    for x in axis.minor:
        painter.drawLine(QPointF(x, bottom - label_rect.height() * 0.22), QPointF(x, bottom))
    painter.setPen(_pen(colours.faint_text, 1.0))
    for tick in axis.labelled:
        painter.drawLine(QPointF(tick.x, label_rect.top() + 2), QPointF(tick.x, bottom))
    painter.setPen(colours.text)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for tick in axis.labelled:
        text_rect = QRectF(tick.x + 4, label_rect.top(), 400, label_rect.height())
        painter.drawText(text_rect, flags, tick.label)
    font = painter.font()
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    for tick in axis.context:
        text_rect = QRectF(tick.x + 4, context_rect.top(), 400, context_rect.height())
        painter.drawText(text_rect, flags, tick.label)
    painter.restore()
    painter.setPen(_pen(colours.grid, 1.0))
    painter.drawLine(label_rect.bottomLeft(), label_rect.bottomRight())


def draw_grid(
    painter: QPainter, axis: Axis, top: float, bottom: float, colours: TimelineColours
) -> None:
    painter.setPen(_pen(colours.grid, 1.0))
    for tick in axis.labelled:
        painter.drawLine(QPointF(tick.x, top), QPointF(tick.x, bottom))


def draw_selection(painter: QPainter, rect: QRectF, colours: TimelineColours) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(colours.highlight, 2.5))
    painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 3, 3)


def draw_birth(
    painter: QPainter, x: float, top: float, bottom: float, colours: TimelineColours
) -> None:
    """The child's date of birth: a dotted line through every lane, labelled at the top."""
    pen = QPen(colours.text, 1.5, Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    label = painter.boundingRect(QRectF(x + 3, top, 200, 100), flags, "Birth")
    painter.fillRect(label.adjusted(-2, 0, 2, 0), colours.background)
    painter.setPen(colours.text)
    painter.drawText(label, flags, "Birth")
