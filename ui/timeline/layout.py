"""Timeline geometry, free of Qt so it can be tested directly.

* `TimeScale` maps days to pixels and back, and zooms about a point that stays put.
* `silences` finds an agency's silent periods (`describe.silence_text` says them in words).
* `density_bins` counts entries per calendar bin for the activity strip.
* `LaneMetrics` / `stack_lanes` / `lane_at` place lanes vertically.
* `hit_test` finds the entry under the pointer; `plan_points` and `plan_spans` decide what to
  draw for the visible range, aggregating crowded pixel columns into density ticks.

Everything visible is found by bisecting the lanes' sorted arrays, so the cost of a paint or a
hover follows what is on screen, not the size of the review.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ui.timeline.lanes import Lane, Mark
from ui.timeline.units import Step, Unit

# -- mapping days to pixels ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeScale:
    """``x = left + (day - origin) * px_per_day``; day ``D`` covers ``[D, D + 1)``."""

    origin: float
    px_per_day: float
    left: float = 0.0

    def x(self, day: float) -> float:
        return self.left + (day - self.origin) * self.px_per_day

    def day(self, x: float) -> float:
        return self.origin + (x - self.left) / self.px_per_day

    def visible(self, width: float) -> tuple[float, float]:
        """The days shown across `width` pixels from `left`, as ``(first, stop)``."""
        return self.origin, self.origin + width / self.px_per_day

    def zoomed(
        self, factor: float, anchor_x: float, lowest: float = 1e-6, highest: float = 1e6
    ) -> TimeScale:
        """Zoom by `factor` (within limits) keeping the day under `anchor_x` where it is."""
        px_per_day = min(max(self.px_per_day * factor, lowest), highest)
        anchor = self.day(anchor_x)
        return TimeScale(anchor - (anchor_x - self.left) / px_per_day, px_per_day, self.left)

    def panned(self, dx: float) -> TimeScale:
        """Moved with the pointer: dragging right by `dx` pixels shows earlier days."""
        return TimeScale(self.origin - dx / self.px_per_day, self.px_per_day, self.left)

    def centred_on(self, day: float, width: float) -> TimeScale:
        return TimeScale(day - width / 2 / self.px_per_day, self.px_per_day, self.left)

    @classmethod
    def fit(cls, first: float, stop: float, left: float, width: float) -> TimeScale:
        days = max(stop - first, 1.0)
        return cls(first, max(width, 1.0) / days, left)


def padded(first: int, stop: int) -> tuple[float, float]:
    """A data span with a little room either side, so the first and last marks are not cut."""
    pad = max((stop - first) * 0.02, 3.0)
    return first - pad, stop + pad


# -- silent periods -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Silence:
    """Days ``[start, stop)`` with no entry from one agency."""

    start: int
    stop: int
    after_entry: bool  # an entry ends the day before (False: the silence opens the period)
    before_entry: bool  # an entry starts on `stop` (False: it runs to the period's end)

    @property
    def days(self) -> int:
        return self.stop - self.start


def silences(
    coverage: Sequence[tuple[int, int]], period_start: int, period_stop: int, threshold_days: int
) -> list[Silence]:
    """Stretches of more than `threshold_days` inside the period with nothing from a lane.

    `coverage` is the lane's merged ``[start, stop)`` intervals. The stretch before a lane's
    first entry and after its last count too: an agency absent for the first two years of a
    review is exactly what a reviewer wants to see.
    """
    found = []
    cursor, after = period_start, False
    for start, stop in coverage:
        if stop <= period_start:
            after = True
            continue
        if start >= period_stop:
            break
        if start - cursor > threshold_days:
            found.append(Silence(cursor, start, after, True))
        cursor, after = max(cursor, stop), True
    if period_stop - cursor > threshold_days:
        found.append(Silence(cursor, period_stop, after, False))
    return found


# -- activity density ---------------------------------------------------------------------

BIN_STEPS = (
    Step(Unit.DAY),
    Step(Unit.WEEK),
    Step(Unit.MONTH),
    Step(Unit.MONTH, 3),
    Step(Unit.YEAR),
)


@dataclass(frozen=True, slots=True)
class Bin:
    start: int
    stop: int
    count: int


def bin_step(px_per_day: float, min_px: float) -> Step:
    """The finest calendar bin at least `min_px` wide at this zoom."""
    for step in BIN_STEPS:
        if step.typical_days * px_per_day >= min_px:
            return step
    return BIN_STEPS[-1]


def density_bins(starts: Sequence[int], first: float, stop: float, step: Step) -> list[Bin]:
    """Entries per calendar bin (by first day) for the bins overlapping ``[first, stop)``."""
    bins = []
    for start in step.starts(first, stop):
        end = step.next(start)
        count = bisect_left(starts, end) - bisect_left(starts, start)
        bins.append(Bin(start, end, count))
    return bins


# -- lanes stacked vertically -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LaneMetrics:
    """Sizes that follow the font: `line` is its line spacing in pixels."""

    line: float

    @property
    def pad(self) -> float:
        return round(self.line * 0.3)

    @property
    def point_row(self) -> float:
        return round(self.line * 1.25)

    @property
    def span_row(self) -> float:
        return round(self.line * 0.75)

    @property
    def radius(self) -> float:
        return max(3.0, round(self.line * 0.28))

    @property
    def min_height(self) -> float:
        return round(self.line * 2.6)  # the label column shows two lines

    def height(self, span_rows: int) -> float:
        body = self.point_row + max(span_rows, 1) * self.span_row
        return max(self.min_height, 2 * self.pad + body)


@dataclass(frozen=True, slots=True)
class LaneBox:
    top: float
    height: float
    point_top: float
    point_height: float
    span_top: float
    span_row: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def point_middle(self) -> float:
        return self.point_top + self.point_height / 2

    def span_row_top(self, row: int) -> float:
        return self.span_top + row * self.span_row

    def span_row_at(self, y: float) -> int | None:
        if y < self.span_top:
            return None
        return int((y - self.span_top) // self.span_row)


def stack_lanes(
    lanes: Sequence[Lane],
    metrics: LaneMetrics,
    minimums: Sequence[float] | None = None,
    room: float = 0.0,
    grow_limit: float = 1.0,
) -> list[LaneBox]:
    """Lanes one under another, each tall enough for its rows of spans and its label
    (`minimums`); with `room` to spare they all grow, up to `grow_limit` times, so bars get
    more height rather than leaving the bottom of the view empty."""
    heights = [
        max(metrics.height(lane.span_rows), minimums[i] if minimums else 0.0)
        for i, lane in enumerate(lanes)
    ]
    total = sum(heights)
    grow = min(max(room / total, 1.0), grow_limit) if total > 0 else 1.0
    boxes, top = [], 0.0
    for lane, base in zip(lanes, heights, strict=True):
        height = base * grow
        point_height, span_row = metrics.point_row * grow, metrics.span_row * grow
        body = point_height + max(lane.span_rows, 1) * span_row
        point_top = top + (height - body) / 2
        boxes.append(
            LaneBox(top, height, point_top, point_height, point_top + point_height, span_row)
        )
        top += height
    return boxes


def lane_at(boxes: Sequence[LaneBox], y: float) -> int | None:
    i = bisect_right([b.top for b in boxes], y) - 1
    return i if 0 <= i < len(boxes) and y < boxes[i].bottom else None


# -- hit-testing --------------------------------------------------------------------------


def span_extent(scale: TimeScale, mark: Mark, min_px: float) -> tuple[float, float]:
    """Where a span is drawn: never narrower than `min_px`, so a week stays visible."""
    x0, x1 = scale.x(mark.start), scale.x(mark.stop)
    if x1 - x0 < min_px:
        middle = (x0 + x1) / 2
        x0, x1 = middle - min_px / 2, middle + min_px / 2
    return x0, x1


def nearest_point(lane: Lane, scale: TimeScale, x: float, reach: float) -> Mark | None:
    indices = lane.points_between(scale.day(x - reach), scale.day(x + reach))
    if not indices:
        return None
    best = min(indices, key=lambda i: abs(scale.x(lane.point_pos[i]) - x))
    return lane.points[best]


def hit_test(
    lane: Lane, box: LaneBox, scale: TimeScale, x: float, y: float, radius: float
) -> Mark | None:
    """The entry drawn at ``(x, y)`` in this lane, if any.

    In the row of day marks the nearest mark within reach wins (a day drawn on top of a month
    is the day); in a span row, the span in that row covering `x`. Failing that, whichever of
    the two is there, so a near miss still finds an entry.
    """
    reach = radius + 2
    point = nearest_point(lane, scale, x, reach)
    day = scale.day(x)
    covering = [
        m
        for m in lane.spans_between(scale.day(x - reach), scale.day(x + reach))
        if span_extent(scale, m, 2 * radius)[0] <= x <= span_extent(scale, m, 2 * radius)[1]
    ]
    row = box.span_row_at(y)
    if row is not None:
        in_row = [m for m in covering if m.row == row]
        if in_row:
            return min(in_row, key=lambda m: abs(m.centre - day))
    if point is not None:
        return point
    return min(covering, key=lambda m: m.stop - m.start) if covering else None


# -- level of detail ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A crowded pixel column: `count` entries drawn as one density tick."""

    x: float
    width: float
    count: int
    first: int  # index of its first entry (points: into lane.points)


@dataclass(slots=True)
class Plan:
    marks: list[Mark] = field(default_factory=list)
    crowded: list[Column] = field(default_factory=list)


def plan_points(
    lane: Lane,
    scale: TimeScale,
    left: float,
    right: float,
    bucket_px: float,
    crowd: int,
    detail_limit: int | None = None,
) -> Plan:
    """The day marks to draw between pixels `left` and `right`.

    Columns `bucket_px` wide (on a grid fixed to the time line, so panning does not make
    them flicker) holding more than `crowd` entries become one density tick; the rest are
    drawn as marks. When more than `detail_limit` entries are on screen the marks would only
    overlap, so every column becomes a tick. Only non-empty columns are visited.
    """
    plan = Plan()
    visible = lane.points_between(scale.day(left), scale.day(right))
    if len(visible) <= crowd:
        plan.marks = [lane.points[i] for i in visible]
        return plan
    if detail_limit is not None and len(visible) > detail_limit:
        crowd = 0
    days_per_bucket = bucket_px / scale.px_per_day
    i, end = visible.start, visible.stop
    while i < end:
        bucket = math.floor(lane.point_pos[i] / days_per_bucket)
        bucket_stop = (bucket + 1) * days_per_bucket
        j = bisect_left(lane.point_pos, bucket_stop, i, end)
        j = max(j, i + 1)
        if j - i > crowd:
            x0 = scale.x(bucket * days_per_bucket)
            plan.crowded.append(Column(x0, bucket_px, j - i, i))
        else:
            plan.marks.extend(lane.points[i:j])
        i = j
    return plan


def plan_spans(
    lane: Lane, scale: TimeScale, left: float, right: float, bucket_px: float, limit: int
) -> Plan:
    """The spans to draw: each one if there are at most `limit`, else coverage per column."""
    visible = lane.spans_between(scale.day(left), scale.day(right))
    if len(visible) <= limit:
        return Plan(marks=visible)
    days_per_bucket = bucket_px / scale.px_per_day
    lowest = math.floor(scale.day(left) / days_per_bucket)
    highest = math.floor(scale.day(right) / days_per_bucket)
    counts: dict[int, int] = {}
    for mark in visible:
        first = max(math.floor(mark.start / days_per_bucket), lowest)
        last = min(math.floor((mark.stop - 1e-9) / days_per_bucket), highest)
        for k in range(first, last + 1):
            counts[k] = counts.get(k, 0) + 1
    return Plan(
        crowded=[
            Column(scale.x(k * days_per_bucket), bucket_px, n, -1)
            for k, n in sorted(counts.items())
        ]
    )
