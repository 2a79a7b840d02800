"""Calendar steps for the timeline's axis ticks and density bins (no Qt).

Days are proleptic Gregorian ordinals (`datetime.date.toordinal`), so a day ``D`` occupies the
interval ``[D, D + 1)`` on the time line and arithmetic on positions is plain float maths.
Weeks start on Monday, as "w/c" dates in agencies' chronologies do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Final

MONTHS_SHORT: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


class Unit(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


#: Average length in days, for choosing a step that suits the zoom (never for arithmetic).
TYPICAL_DAYS: Final = {Unit.DAY: 1.0, Unit.WEEK: 7.0, Unit.MONTH: 30.44, Unit.YEAR: 365.25}


@dataclass(frozen=True, slots=True)
class Step:
    """A calendar step: ``count`` units, aligned (three months start in Jan, Apr, Jul, Oct)."""

    unit: Unit
    count: int = 1

    @property
    def typical_days(self) -> float:
        return TYPICAL_DAYS[self.unit] * self.count

    def floor(self, day: int) -> int:
        """The start of the step that contains `day`."""
        date = dt.date.fromordinal(day)
        if self.unit is Unit.DAY:
            return day - (day % self.count if self.count > 1 else 0)
        if self.unit is Unit.WEEK:
            return day - date.weekday()
        if self.unit is Unit.MONTH:
            month = (date.month - 1) // self.count * self.count + 1
            return dt.date(date.year, month, 1).toordinal()
        year = date.year // self.count * self.count
        return dt.date(max(year, 1), 1, 1).toordinal()

    def next(self, day: int) -> int:
        """The start of the step after the one starting at `day` (which must be aligned)."""
        if self.unit is Unit.DAY:
            return day + self.count
        if self.unit is Unit.WEEK:
            return day + 7 * self.count
        date = dt.date.fromordinal(day)
        if self.unit is Unit.MONTH:
            months = date.year * 12 + date.month - 1 + self.count
            return dt.date(months // 12, months % 12 + 1, 1).toordinal()
        return dt.date(date.year + self.count, 1, 1).toordinal()

    def starts(self, first: float, stop: float) -> list[int]:
        """Every step start from the one containing `first` up to (not including) `stop`."""
        lowest, highest = dt.date(1, 1, 1).toordinal(), dt.date(9998, 1, 1).toordinal()
        day = self.floor(min(max(int(first), lowest), highest))
        found = []
        while day < stop and day < highest:
            found.append(day)
            day = self.next(day)
        return found


def month_label(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{MONTHS_SHORT[date.month - 1]} {date.year}"


def day_label(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{date.day} {MONTHS_SHORT[date.month - 1]} {date.year}"
