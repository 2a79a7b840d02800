"""The timeline itself: a custom-painted scroll area that draws only what is on screen.

Lanes (one per agency) run left to right under an activity strip and a time axis; the lane
labels stay put at the left while the time line pans beneath them. Painting, hovering and
clicking bisect the lanes' sorted arrays (`ui.timeline.lanes`), and crowded pixel columns are
drawn as density ticks, so a review of 50,000 entries pans as easily as one of 300.

Keys: Left/Right move between entries in a lane, Up/Down between lanes (keeping to about the
same date), Enter (or Space) shows the entry in the chronology, Home/End go to the lane's first
and last entries, Ctrl+Home/End to the start and end of the review, + and - zoom, Shift+Left/
Right and Page Up/Down move through time.

The behaviour lives in Qt-free modules: `time_window` (zoom and pan), `navigation` (the
keyboard's place), `layout` (geometry). This class turns events into calls on them.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from ui.timeline import describe, navigation
from ui.timeline.lanes import Mark, Timeline
from ui.timeline.layout import (
    LaneBox,
    LaneMetrics,
    Silence,
    TimeScale,
    hit_test,
    lane_at,
    padded,
    silences,
    stack_lanes,
)
from ui.timeline.navigation import Cursor
from ui.timeline.paint_view import ViewPainter, ViewState, mark_rect
from ui.timeline.time_window import TimeWindow

DEFAULT_SILENCE_DAYS = 90
ZOOM_STEP = 1.5
GROW_LIMIT = 1.5
KEYS_HELP = (
    "Left and Right arrows move between entries in an agency's lane, Up and Down move between "
    "agencies, Enter shows the entry in the chronology, Home and End go to the first and last "
    "entry (with Ctrl, the start and end of the review), plus and minus zoom, Shift with Left "
    "or Right and Page Up or Page Down move in time."
)


class TimelineView(QAbstractScrollArea):
    entry_activated = Signal(int)
    selection_changed = Signal(int)
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(KEYS_HELP)
        self.setWhatsThis(KEYS_HELP)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.horizontalScrollBar().setAccessibleName("Scroll through time")
        self.verticalScrollBar().setAccessibleName("Scroll through agencies")
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(self._horizontal_scrolled)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self.timeline: Timeline | None = None
        self.message = ""
        self.time = TimeWindow()
        self.threshold = DEFAULT_SILENCE_DAYS
        self.period: tuple[int, int] | None = None
        self.place = Cursor()
        self.silences: list[list[Silence]] = []
        self.boxes: list[LaneBox] = []
        self.last_paint_seconds = 0.0
        self._painter = ViewPainter(self)
        self._syncing = False
        self._press: tuple[QPointF, TimeScale, int] | None = None
        self._dragging = False

    # -- what is shown ----------------------------------------------------------------------
    @property
    def scale(self) -> TimeScale:
        return self.time.scale

    @property
    def selected(self) -> int | None:
        return self.place.entry

    @property
    def current_lane(self) -> int:
        return self.place.lane

    def shown_message(self) -> str:
        """The words shown in place of the timeline ("" while entries are drawn)."""
        t = self.timeline
        if self.message or t is None:
            return self.message
        return describe.empty_text(t) if t.dated_count == 0 or not self.boxes else ""

    def set_message(self, message: str) -> None:
        self.message = message
        self.viewport().update()

    def set_timeline(self, timeline: Timeline, *, keep_view: bool = False) -> None:
        had_view = self.timeline is not None and self.timeline.dated_count > 0
        self.timeline = timeline
        self.message = ""
        self._painter.palette_changed()
        self._restack()
        self._find_silences()
        lane = min(self.place.lane, max(len(timeline.lanes) - 1, 0))
        entry = self.place.entry
        self.place = Cursor(
            lane, entry if entry is not None and entry in timeline.entries else None
        )
        self._resize_window()
        if keep_view and had_view:
            self._changed(self.time.set, self.scale)
        else:
            self.fit_all()
        self._describe()

    def set_silence_threshold(self, days: int) -> None:
        self.threshold = days
        self._find_silences()
        self.viewport().update()

    def set_period(self, start: dt.date | None, end: dt.date | None) -> None:
        """The review's period (inclusive): silences are looked for inside it. Without one,
        the span of the dated entries is used."""
        self.period = (start.toordinal(), end.toordinal() + 1) if start and end else None
        self._find_silences()
        self._resize_window()
        self._changed(self.time.set, self.scale)

    def review_span(self) -> tuple[int, int] | None:
        if self.period is not None:
            return self.period
        t = self.timeline
        return (t.first, t.stop) if t and t.first is not None and t.stop is not None else None

    def _find_silences(self) -> None:
        span = self.review_span()
        lanes = self.timeline.lanes if self.timeline else []
        self.silences = [
            silences(lane.coverage, *span, self.threshold) if span else [] for lane in lanes
        ]

    def _restack(self) -> None:
        lanes = self.timeline.lanes if self.timeline else []
        self._painter.measure(lanes)
        room = self.viewport().height() - self.header_height
        minimums = self._painter.label_heights(lanes)
        self.boxes = stack_lanes(lanes, self.metrics, minimums, room, GROW_LIMIT)
        total = self.boxes[-1].bottom if self.boxes else 0.0
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, math.ceil(total - room)))
        bar.setPageStep(max(int(room), 1))
        bar.setSingleStep(max(int(self.metrics.line), 1))

    @property
    def metrics(self) -> LaneMetrics:
        return LaneMetrics(QFontMetricsF(self.font()).lineSpacing())

    # -- geometry ---------------------------------------------------------------------------
    @property
    def label_width(self) -> float:
        return self._painter.label_width

    @property
    def header_height(self) -> float:
        return self._painter.header_height

    @property
    def plot_width(self) -> float:
        return max(self.viewport().width() - self.label_width, 1.0)

    def domain(self) -> tuple[float, float] | None:
        span, t = self.review_span(), self.timeline
        if span is None or t is None or t.first is None or t.stop is None:
            return None
        return padded(min(span[0], t.first), max(span[1], t.stop))

    def visible_days(self) -> tuple[float, float]:
        return self.time.visible()

    def visible_range(self) -> tuple[dt.date, dt.date]:
        """The first and last day (at least partly) on screen."""
        return self.time.visible_dates()

    def lane_top(self, index: int) -> float:
        return self.header_height + self.boxes[index].top - self.verticalScrollBar().value()

    def _resize_window(self) -> None:
        self.time.domain = self.domain()
        self.time.resize(self.label_width, self.plot_width)

    def _changed(self, change: object, *args: object) -> None:
        """Apply a change to the time window, then bring the scroll bar and screen up to date."""
        assert callable(change)
        change(*args)
        maximum, value = self.time.scroll_range()
        bar = self.horizontalScrollBar()
        self._syncing = True
        bar.setRange(0, maximum)
        bar.setPageStep(max(int(self.plot_width), 1))
        bar.setSingleStep(max(int(self.plot_width / 20), 1))
        bar.setValue(value)
        self._syncing = False
        self.viewport().update()
        self.view_changed.emit()

    def _horizontal_scrolled(self, value: int) -> None:
        if not self._syncing:
            self.time.scroll_to(value)
            self.viewport().update()
            self.view_changed.emit()

    # -- zoom and pan -----------------------------------------------------------------------
    def fit_all(self) -> None:
        self._changed(self.time.fit)

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom about `anchor_x`, or the selected entry if on screen, or the middle."""
        self._changed(self.time.zoom, factor, anchor_x or self._selection_x())

    def show_days(self, days: float) -> None:
        """About `days` across, centred on the selected entry or the current middle."""
        self._changed(self.time.show_days, days, self._selection_day())

    def pan(self, dx: float) -> None:
        self._changed(self.time.pan, dx)

    def centre_on(self, day: float) -> None:
        self._changed(self.time.centre_on, day)

    # -- selection --------------------------------------------------------------------------
    def lane_mark(self, entry_id: int) -> tuple[int, Mark] | None:
        t = self.timeline
        return navigation.locate(t, entry_id, self.place.lane) if t else None

    def select(self, entry_id: int | None, *, reveal: bool = True) -> None:
        found = self.lane_mark(entry_id) if entry_id is not None else None
        self._move(Cursor(found[0], found[1].entry_id) if found else Cursor(self.place.lane))
        if found and reveal:
            self._reveal(*found)

    def show_entry(self, entry_id: int) -> None:
        """Select an entry and centre the view on it (zooming out if it is wider)."""
        found = self.lane_mark(entry_id)
        if found is None:
            return
        self.select(entry_id, reveal=False)
        lane_index, mark = found
        if (mark.stop - mark.start) * self.scale.px_per_day > self.plot_width * 0.8:
            self.show_days((mark.stop - mark.start) * 1.5)
        self.centre_on(mark.centre)
        self._reveal_lane(lane_index)

    def _move(self, cursor: Cursor) -> None:
        self.place = cursor
        self.viewport().update()
        self._describe()
        if cursor.entry is not None:
            self.selection_changed.emit(cursor.entry)

    def _reveal(self, lane_index: int, mark: Mark) -> None:
        first, stop = self.visible_days()
        margin = 24 / self.scale.px_per_day
        if not first + margin <= mark.centre <= stop - margin:
            self.centre_on(mark.centre)
        self._reveal_lane(lane_index)

    def _reveal_lane(self, lane_index: int) -> None:
        if not self.boxes:
            return
        box, bar = self.boxes[lane_index], self.verticalScrollBar()
        room = self.viewport().height() - self.header_height
        if box.top < bar.value():
            bar.setValue(int(box.top))
        elif box.bottom > bar.value() + room:
            bar.setValue(math.ceil(box.bottom - room))

    def _selection_day(self) -> float | None:
        return navigation.middle_of(self.timeline, self.place) if self.timeline else None

    def _selection_x(self) -> float | None:
        day = self._selection_day()
        x = self.scale.x(day) if day is not None else None
        return x if x is not None and self.label_width <= x <= self.viewport().width() else None

    def _describe(self) -> None:
        """What a screen reader says about the view: the selected entry, or the lane."""
        t = self.timeline
        if t is None:
            return
        if self.selected is not None and self.selected in t.entries:
            text = describe.entry_summary(t, self.selected, self.current_lane)
        elif t.dated_count == 0:
            text = describe.empty_text(t)
        elif t.lanes:
            text = describe.lane_summary(t.lanes[self.current_lane]) + ". " + KEYS_HELP
        else:
            text = describe.view_summary(t)
        self.setAccessibleDescription(text)
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
        )

    # -- where things are -------------------------------------------------------------------
    def entry_rect(self, entry_id: int) -> QRectF | None:
        """Where an entry is drawn, in viewport coordinates (None if it is not dated)."""
        found = self.lane_mark(entry_id)
        if found is None:
            return None
        lane_index, mark = found
        box = self.boxes[lane_index]
        offset = self.lane_top(lane_index) - box.top
        return mark_rect(mark, box, offset, self.scale, self.metrics.radius)

    def point_of(self, entry_id: int) -> QPoint | None:
        """The middle of an entry's mark, in viewport pixels (for tests and automation)."""
        rect = self.entry_rect(entry_id)
        return rect.center().toPoint() if rect is not None else None

    def rect_of_lane(self, index: int) -> QRect:
        box = self.boxes[index]
        return QRect(0, int(self.lane_top(index)), self.viewport().width(), int(box.height))

    def lane_titles(self) -> list[str]:
        return [lane.title for lane in self.timeline.lanes] if self.timeline else []

    def lane_index_at(self, pos: QPointF) -> int | None:
        if pos.y() < self.header_height:
            return None
        return lane_at(self.boxes, pos.y() - self.header_height + self.verticalScrollBar().value())

    def mark_at(self, pos: QPointF) -> tuple[int, Mark] | None:
        t, index = self.timeline, self.lane_index_at(pos)
        if t is None or index is None or pos.x() < self.label_width:
            return None
        box = self.boxes[index]
        y = pos.y() - self.lane_top(index) + box.top
        mark = hit_test(t.lanes[index], box, self.scale, pos.x(), y, self.metrics.radius)
        return (index, mark) if mark else None

    def tooltip_at(self, pos: QPointF) -> str:
        return self._painter.tooltip_at(pos, self._state())

    # -- events -----------------------------------------------------------------------------
    def _state(self) -> ViewState:
        return ViewState(
            timeline=self.timeline,
            message=self.message,
            scale=self.scale,
            boxes=self.boxes,
            scroll=self.verticalScrollBar().value(),
            silences=self.silences,
            selected=self.selected,
            current_lane=self.current_lane,
            focused=self.hasFocus(),
            metrics=self.metrics,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self._painter.paint(painter, self._state())
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restack()
        self._changed(self._resize_window)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._painter.palette_changed()
            self._restack()
            self._changed(self._resize_window)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta, modifiers = event.angleDelta(), event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 ** ((delta.y() or delta.x()) / 120), event.position().x())
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - int((delta.y() or delta.x()) / 120 * bar.singleStep() * 3))
        elif not (pixels := event.pixelDelta()).isNull():
            self.pan(pixels.x() or pixels.y())
        else:
            self.pan((delta.x() or delta.y()) / 120 * self.plot_width / 10)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self.scale, self.verticalScrollBar().value())
            self._dragging = False
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, scale, scroll = self._press
            moved = event.position() - start
            if moved.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                self._changed(self.time.set, scale.panned(moved.x()))
                self.verticalScrollBar().setValue(int(scroll - moved.y()))
            return
        over = self.mark_at(event.position())
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        dragged, self._press, self._dragging = self._dragging, None, False
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        if dragged:
            return
        hit = self.mark_at(event.position())
        if hit is not None:
            self._move(Cursor(hit[0], hit[1].entry_id))
            self.entry_activated.emit(hit[1].entry_id)
        elif (lane := self.lane_index_at(event.position())) is not None:
            self._move(Cursor(lane))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event.key(), event.modifiers()):
            super().keyPressEvent(event)

    def _key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        k, t = Qt.Key, self.timeline
        first, stop = self.visible_days()
        middle = (first + stop) / 2
        if key in (k.Key_Plus, k.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (k.Key_Minus, k.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key in (k.Key_Left, k.Key_Right) and modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.pan((1 if key == k.Key_Left else -1) * self.plot_width / 8)
        elif key in (k.Key_PageUp, k.Key_PageDown):
            self.pan((1 if key == k.Key_PageUp else -1) * self.plot_width * 0.9)
        elif key in (k.Key_Left, k.Key_Right) and t is not None:
            self._go(navigation.step(t, self.place, -1 if key == k.Key_Left else 1, middle))
        elif key in (k.Key_Up, k.Key_Down) and t is not None:
            delta = -1 if key == k.Key_Up else 1
            self._go(navigation.change_lane(t, self.place, delta, middle))
        elif key in (k.Key_Home, k.Key_End) and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.pan((1 if key == k.Key_Home else -1) * 1e12)  # to the start or the end
        elif key in (k.Key_Home, k.Key_End) and t is not None:
            self._go(navigation.to_end(t, self.place, key == k.Key_End))
        elif key in (k.Key_Return, k.Key_Enter, k.Key_Space) and self.selected is not None:
            self.entry_activated.emit(self.selected)
        else:
            return False
        return True

    def _go(self, cursor: Cursor) -> None:
        self._move(cursor)
        found = self.lane_mark(cursor.entry) if cursor.entry is not None else None
        if found is not None:
            self._reveal(*found)
        else:
            self._reveal_lane(cursor.lane)
