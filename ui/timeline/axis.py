"""The time axis: which ticks to draw at this zoom and what to call them (no Qt).

Two rows. The lower row labels the finest calendar step whose labels fit ("2015", "Mar 2015"
or "Mar", "12 Jan", "12") and marks the next finer step with short unlabelled ticks. The upper
row names the larger period those labels belong to ("2015" above months, "Mar 2015" above
weeks and days) and keeps the current one pinned at the left edge while panning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ui.timeline.layout import TimeScale
from ui.timeline.units import MONTHS_SHORT, Step, Unit, month_label

Measure = Callable[[str], float]

#: Gap in pixels kept between neighbouring labels.
LABEL_GAP = 14.0
#: Unlabelled ticks closer than this are left out.
MINOR_MIN_PX = 6.0


@dataclass(frozen=True, slots=True)
class Tick:
    day: int
    x: float
    label: str = ""


@dataclass(slots=True)
class Axis:
    step: Step
    labelled: list[Tick] = field(default_factory=list)
    minor: list[float] = field(default_factory=list)
    context: list[Tick] = field(default_factory=list)  # x already pinned for drawing


def _label(step: Step, day: int, long_months: bool) -> str:
    date = dt.date.fromordinal(day)
    if step.unit is Unit.DAY:
        return str(date.day)
    if step.unit is Unit.WEEK:
        return f"{date.day} {MONTHS_SHORT[date.month - 1]}"
    if step.unit is Unit.MONTH:
        return month_label(day) if long_months else MONTHS_SHORT[date.month - 1]
    return str(date.year)


# (step, long month labels, widest label it can have)
_CHOICES: tuple[tuple[Step, bool, str], ...] = (
    (Step(Unit.DAY), False, "28"),
    (Step(Unit.WEEK), False, "28 Sep"),
    (Step(Unit.MONTH), True, "Sep 2015"),
    (Step(Unit.MONTH), False, "Sep"),
    (Step(Unit.MONTH, 3), False, "Sep"),
    (Step(Unit.YEAR), False, "2015"),
    (Step(Unit.YEAR, 2), False, "2015"),
    (Step(Unit.YEAR, 5), False, "2015"),
    (Step(Unit.YEAR, 10), False, "2015"),
    (Step(Unit.YEAR, 50), False, "2015"),
)

_FINER = {Unit.DAY: None, Unit.WEEK: Unit.DAY, Unit.MONTH: Unit.WEEK, Unit.YEAR: Unit.MONTH}


def _choose(px_per_day: float, measure: Measure) -> tuple[Step, bool]:
    for step, long_months, widest in _CHOICES:
        if step.typical_days * px_per_day >= measure(widest) + LABEL_GAP:
            return step, long_months
    return _CHOICES[-1][0], False


def _minor_step(step: Step, px_per_day: float) -> Step | None:
    if step.count > 1:
        finer: Unit | None = step.unit
    else:
        finer = _FINER[step.unit]
    if finer is None:
        return None
    minor = Step(finer)
    return minor if minor.typical_days * px_per_day >= MINOR_MIN_PX else None


def _context_step(step: Step, long_months: bool) -> Step | None:
    if step.unit in (Unit.DAY, Unit.WEEK):
        return Step(Unit.MONTH)
    if step.unit is Unit.MONTH and not long_months:
        return Step(Unit.YEAR)
    return None


def build_axis(scale: TimeScale, left: float, right: float, measure: Measure) -> Axis:
    """The ticks between pixels `left` and `right` at this zoom; `measure` gives text widths."""
    step, long_months = _choose(scale.px_per_day, measure)
    first, stop = scale.day(left), scale.day(right)
    axis = Axis(step)
    for day in step.starts(first, stop):
        x = scale.x(day)
        if x >= left:  # a label cut by the left edge reads as a different word ("ct")
            axis.labelled.append(Tick(day, x, _label(step, day, long_months)))
    minor = _minor_step(step, scale.px_per_day)
    if minor is not None:
        axis.minor = [scale.x(day) for day in minor.starts(first, stop)]
    context = _context_step(step, long_months)
    if context is not None:
        axis.context = _pinned(scale, context, first, stop, left, measure)
    return axis


def _pinned(
    scale: TimeScale, step: Step, first: float, stop: float, left: float, measure: Measure
) -> list[Tick]:
    """Context labels; the one whose period began off screen is pinned at the left edge
    until the next label pushes it out."""
    ticks = []
    starts = step.starts(first, stop)
    for i, day in enumerate(starts):
        text = month_label(day) if step.unit is Unit.MONTH else str(dt.date.fromordinal(day).year)
        x = max(scale.x(day), left)
        if i + 1 < len(starts):
            x = min(x, scale.x(starts[i + 1]) - measure(text) - LABEL_GAP)
        ticks.append(Tick(day, x, text))
    return ticks
