"""One paint of the timeline view, and the tooltip for a point on it.

Only the visible range is touched: lanes outside the viewport are skipped, and inside a lane
`plan_points` / `plan_spans` bisect for what is on screen and fold crowded columns into
density ticks. Significant entries are drawn again on top so aggregation never hides them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea

from ui.timeline import describe
from ui.timeline.axis import build_axis
from ui.timeline.colours import TimelineColours
from ui.timeline.lanes import Lane, Mark, Timeline
from ui.timeline.layout import (
    LaneBox,
    LaneMetrics,
    Silence,
    TimeScale,
    bin_step,
    density_bins,
    hit_test,
    lane_at,
    plan_points,
    plan_spans,
    span_extent,
)
from ui.timeline.painting import (
    draw_axis,
    draw_birth,
    draw_crowded_points,
    draw_crowded_spans,
    draw_density,
    draw_grid,
    draw_point,
    draw_selection,
    draw_silence,
    draw_span,
)
from ui.timeline.units import Step, Unit

#: A column of this many pixels holding more than CROWD entries becomes a density tick.
BUCKET_PX = 3.0
CROWD = 3
#: Above one span per this many pixels in a lane, spans are drawn as coverage instead.
SPAN_DETAIL_PX = 12.0
SWATCH = 6.0


def mark_rect(mark: Mark, box: LaneBox, offset: float, scale: TimeScale, radius: float) -> QRectF:
    """Where a mark is drawn: `offset` moves the lane's box into viewport coordinates."""
    if mark.is_point:
        r = radius * (1.45 if mark.significant else 1.0)
        x, y = scale.x(mark.centre), box.point_middle + offset
        return QRectF(x - r, y - r, 2 * r, 2 * r)
    x0, x1 = span_extent(scale, mark, 2 * radius)
    top = box.span_row_top(min(mark.row, 2)) + offset + 2
    return QRectF(x0, top, x1 - x0, box.span_row - 4)


@dataclass(frozen=True)
class ViewState:
    timeline: Timeline | None
    message: str
    scale: TimeScale
    boxes: list[LaneBox]
    scroll: int
    silences: list[list[Silence]]
    selected: int | None
    current_lane: int
    focused: bool
    metrics: LaneMetrics


class ViewPainter:
    def __init__(self, view: QAbstractScrollArea) -> None:
        self.view = view
        self.label_width = 160.0
        self.header_height = 60.0
        self.density_height = 30.0
        self.context_height = 18.0
        self.axis_height = 18.0
        self.colours = TimelineColours.from_palette(view.palette(), 1)

    # -- sizes that follow the font and the width ---------------------------------------
    def palette_changed(self) -> None:
        timeline = getattr(self.view, "timeline", None)
        lanes = len(timeline.lanes) if isinstance(timeline, Timeline) else 1
        self.colours = TimelineColours.from_palette(self.view.palette(), lanes)

    def _fm(self) -> QFontMetricsF:
        return QFontMetricsF(self.view.font())

    def measure(self, lanes: list[Lane]) -> None:
        fm = self._fm()
        line = fm.lineSpacing()
        self.density_height = round(line * 2.4)
        self.context_height = round(line * 1.3)
        self.axis_height = round(line * 1.3)
        self.header_height = self.density_height + self.context_height + self.axis_height
        char = fm.averageCharWidth()
        widest = max((fm.horizontalAdvance(lane.title) for lane in lanes), default=0.0)
        corner = fm.horizontalAdvance(describe.bin_heading(Step(Unit.MONTH, 3)))
        room = max(char * 18, min(char * 30, self.view.viewport().width() * 0.22))
        self.label_width = round(max(min(widest + SWATCH + 24, room), corner + 20))

    def _text_room(self) -> float:
        return self.label_width - SWATCH - 18

    def label_heights(self, lanes: list[Lane]) -> list[float]:
        fm = self._fm()
        line = fm.lineSpacing()
        pad = LaneMetrics(line).pad
        heights = []
        for lane in lanes:
            wrapped = fm.boundingRect(
                QRectF(0, 0, self._text_room(), 1e6), Qt.TextFlag.TextWordWrap, lane.title
            )
            lines = min(2, max(1, round(wrapped.height() / line)))
            heights.append((lines + (1 if lane.undated else 0)) * line + 2 * pad + 4)
        return heights

    # -- painting ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, state: ViewState) -> None:
        started = time.perf_counter()
        rect = QRectF(self.view.viewport().rect())
        c = self.colours
        painter.fillRect(rect, c.background)
        t = state.timeline
        if t is None or t.dated_count == 0 or not state.boxes:
            self._message(painter, rect, state, t)
        else:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint_plot(painter, rect, state, t)
            self._paint_labels(painter, rect, state, t)
        if state.focused:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(c.highlight, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        self.view.last_paint_seconds = time.perf_counter() - started  # type: ignore[attr-defined]

    def _message(
        self, painter: QPainter, rect: QRectF, state: ViewState, t: Timeline | None
    ) -> None:
        text = state.message
        if not text and t is not None:
            text = describe.empty_text(t)
        painter.setPen(self.colours.faint_text)
        margin = min(48.0, rect.width() / 8)
        painter.drawText(
            rect.adjusted(margin, 0, -margin, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text,
        )

    def _paint_plot(self, painter: QPainter, rect: QRectF, state: ViewState, t: Timeline) -> None:
        c, scale = self.colours, state.scale
        left, right = self.label_width, rect.right() + 1
        first, stop = scale.day(left), scale.day(right)
        fm = self._fm()
        axis = build_axis(scale, left, right, fm.horizontalAdvance)
        lanes_top = self.header_height
        painter.save()
        painter.setClipRect(QRectF(left, 0, right - left, rect.height()))
        step = bin_step(scale.px_per_day, max(4.0, fm.averageCharWidth() * 0.6))
        density = QRectF(left, 2, right - left, self.density_height - 4)
        draw_density(painter, density_bins(t.starts, first, stop, step), scale, density, c)
        context_row = QRectF(left, self.density_height, right - left, self.context_height)
        axis_row = QRectF(left, context_row.bottom(), right - left, self.axis_height)
        draw_axis(painter, axis, context_row, axis_row, c)
        painter.setClipRect(QRectF(left, lanes_top, right - left, rect.height() - lanes_top))
        offset = lanes_top - state.scroll
        for index, box in enumerate(state.boxes):
            top, bottom = box.top + offset, box.bottom + offset
            if bottom < lanes_top or top > rect.bottom():
                continue
            if index % 2:
                painter.fillRect(QRectF(left, top, right - left, box.height), c.lane_alternate)
            for silence in state.silences[index] if index < len(state.silences) else []:
                x0, x1 = max(scale.x(silence.start), left - 2), min(scale.x(silence.stop), right)
                if x1 > x0:
                    draw_silence(painter, QRectF(x0, top + 1, x1 - x0, box.height - 2), c)
        draw_grid(painter, axis, lanes_top, rect.bottom(), c)
        for index, (lane, box) in enumerate(zip(t.lanes, state.boxes, strict=True)):
            if box.bottom + offset < lanes_top or box.top + offset > rect.bottom():
                continue
            self._paint_lane(painter, lane, box, offset, c.lanes[index % len(c.lanes)], state)
            painter.setPen(QPen(c.grid, 1))
            y = box.bottom + offset
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        if t.birth is not None:
            painter.setClipRect(QRectF(left, 0, right - left, rect.height()))
            x = scale.x(t.birth.toordinal())
            draw_birth(painter, x, 2, min(rect.bottom(), state.boxes[-1].bottom + offset), c)
        painter.restore()

    def _paint_lane(
        self,
        painter: QPainter,
        lane: Lane,
        box: LaneBox,
        offset: float,
        colour: QColor,
        state: ViewState,
    ) -> None:
        c, scale, radius = self.colours, state.scale, state.metrics.radius
        left, right = self.label_width - 2 * radius, self.view.viewport().width() + 2 * radius
        limit = max(40, int((right - left) / SPAN_DETAIL_PX))
        spans = plan_spans(lane, scale, left, right, BUCKET_PX, limit)
        if spans.crowded:
            rows = max(min(lane.span_rows, 3), 1)
            draw_crowded_spans(
                painter, spans.crowded, box.span_top + offset, rows * box.span_row, colour
            )
        for mark in spans.marks:
            draw_span(painter, mark, scale, box, radius, colour, c, offset)
        detail = int((right - left) / (2 * radius))
        points = plan_points(lane, scale, left, right, BUCKET_PX, CROWD, detail)
        middle = box.point_middle + offset
        if points.crowded:
            draw_crowded_points(painter, points.crowded, middle, box.point_height, colour)
        for mark in points.marks:
            draw_point(painter, mark, scale.x(mark.centre), middle, radius, colour, c)
        if points.crowded or spans.crowded:  # never let aggregation hide what matters
            for mark in lane.flagged_between(scale.day(left), scale.day(right)):
                self._draw_mark(painter, mark, box, offset, colour, state)
        if state.selected is not None and state.selected in lane.position:
            mark = lane.order[lane.position[state.selected]]
            self._draw_mark(painter, mark, box, offset, colour, state)
            draw_selection(
                painter, mark_rect(mark, box, offset, state.scale, state.metrics.radius), c
            )

    def _draw_mark(
        self,
        painter: QPainter,
        mark: Mark,
        box: LaneBox,
        offset: float,
        colour: QColor,
        state: ViewState,
    ) -> None:
        radius = state.metrics.radius
        if mark.is_point:
            x = state.scale.x(mark.centre)
            draw_point(painter, mark, x, box.point_middle + offset, radius, colour, self.colours)
        else:
            draw_span(painter, mark, state.scale, box, radius, colour, self.colours, offset)

    def _paint_labels(self, painter: QPainter, rect: QRectF, state: ViewState, t: Timeline) -> None:
        c, fm = self.colours, self._fm()
        width = self.label_width
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(QRectF(0, 0, width, rect.height()), c.label_background)
        painter.setPen(c.faint_text)
        step = bin_step(state.scale.px_per_day, max(4.0, fm.averageCharWidth() * 0.6))
        corner = QRectF(8, 0, width - 16, self.density_height)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(corner, align | Qt.TextFlag.TextWordWrap, describe.bin_heading(step))
        painter.save()
        painter.setClipRect(QRectF(0, self.header_height, width, rect.height()))
        offset = self.header_height - state.scroll
        room = self._text_room()
        for index, (lane, box) in enumerate(zip(t.lanes, state.boxes, strict=True)):
            top = box.top + offset
            if box.bottom + offset < self.header_height or top > rect.bottom():
                continue
            current = index == state.current_lane and state.focused
            if current:
                painter.fillRect(QRectF(0, top, width, box.height), c.highlight)
            colour = c.lanes[index % len(c.lanes)]
            painter.fillRect(QRectF(4, top + 4, SWATCH, box.height - 8), colour)
            text_colour = self.view.palette().highlightedText().color() if current else c.text
            painter.setPen(text_colour)
            undated_h = fm.lineSpacing() if lane.undated else 0.0
            title_rect = QRectF(SWATCH + 10, top + 2, room, box.height - 4 - undated_h)
            title = self._two_lines(lane.title, room)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(title_rect, flags | Qt.TextFlag.TextWordWrap, title)
            if lane.undated:
                small = QFont(painter.font())
                small.setPointSizeF(small.pointSizeF() * 0.9)
                painter.save()
                painter.setFont(small)
                painter.setPen(text_colour if current else c.faint_text)
                under = QRectF(SWATCH + 10, title_rect.bottom(), room, undated_h)
                painter.drawText(under, flags, describe.undated_text(len(lane.undated)))
                painter.restore()
            painter.setPen(QPen(c.grid, 1))
            painter.drawLine(QPointF(0, box.bottom + offset), QPointF(width, box.bottom + offset))
        painter.restore()
        painter.setPen(QPen(self.view.palette().mid().color(), 1))
        painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, rect.height()))

    def _two_lines(self, text: str, room: float) -> str:
        """`text` as it fits in two wrapped lines, elided at the end if it does not."""
        fm = self._fm()
        line = fm.lineSpacing()
        bounds = fm.boundingRect(QRectF(0, 0, room, 1e6), Qt.TextFlag.TextWordWrap, text)
        if bounds.height() <= 2 * line + 1:
            return text
        words, first = text.split(), ""
        while words and fm.horizontalAdvance((first + " " + words[0]).strip()) <= room:
            first = (first + " " + words.pop(0)).strip()
        rest = fm.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, room)
        if not first:
            return fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
        return f"{first}\n{rest}"

    # -- tooltips ---------------------------------------------------------------------------
    def tooltip_at(self, pos: QPointF, state: ViewState) -> str:
        t = state.timeline
        if t is None or t.dated_count == 0:
            return ""
        fm = self._fm()
        scale = state.scale
        near_birth = t.birth is not None and abs(scale.x(t.birth.toordinal()) - pos.x()) <= 4
        if pos.y() < self.density_height and pos.x() >= self.label_width and not near_birth:
            step = bin_step(scale.px_per_day, max(4.0, fm.averageCharWidth() * 0.6))
            day = scale.day(pos.x())
            for b in density_bins(t.starts, day, day + 1e-6, step):
                return describe.bin_text(b, step)
            return ""
        if pos.y() < self.header_height:
            if t.birth is not None and abs(scale.x(t.birth.toordinal()) - pos.x()) <= 4:
                return describe.birth_text(t.birth)
            return ""
        y = pos.y() - self.header_height + state.scroll
        index = lane_at(state.boxes, y)
        if index is None:
            return ""
        lane, box = t.lanes[index], state.boxes[index]
        if pos.x() < self.label_width:
            return describe.lane_summary(lane)
        radius = state.metrics.radius
        mark = hit_test(lane, box, scale, pos.x(), y, radius)
        if mark is not None:
            crowd = lane.points_between(
                scale.day(pos.x() - BUCKET_PX), scale.day(pos.x() + BUCKET_PX)
            )
            if mark.is_point and len(crowd) > CROWD:
                return describe.crowded_text(
                    len(crowd), scale.day(pos.x() - BUCKET_PX), scale.day(pos.x() + BUCKET_PX)
                )
            return describe.entry_tooltip(t, mark.entry_id, lane.title)
        day = scale.day(pos.x())
        for silence in state.silences[index] if index < len(state.silences) else []:
            if silence.start <= day < silence.stop:
                return describe.silence_text(lane.title, silence)
        return ""
