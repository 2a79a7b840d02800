"""Working days in England: Monday to Friday, less English bank holidays.

Bank holidays come from the maintained `holidays` package (its data ships with it, so nothing
is fetched at run time), including substitute days when a holiday falls at a weekend. The
package loads the calendars of every country it knows (about 0.15 s), so they are loaded when a
day is first looked up, not when a review is opened.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from collections.abc import Iterable, Mapping


class WorkingCalendar:
    def __init__(self, extra_closures: Iterable[dt.date] = ()) -> None:
        self._holidays: Mapping[dt.date, str] | None = None
        self._lock = threading.Lock()
        self._extra = frozenset(extra_closures)

    @property
    def _bank(self) -> Mapping[dt.date, str]:
        """England's bank holidays, loaded the first time a day is looked up (on any thread)."""
        found = self._holidays
        if found is None:
            with self._lock:
                if self._holidays is None:
                    import holidays

                    self._holidays = holidays.country_holidays("GB", subdiv="ENG")
                found = self._holidays
        return found

    def is_bank_holiday(self, day: dt.date) -> bool:
        return day in self._bank

    def bank_holiday_name(self, day: dt.date) -> str:
        return str(self._bank.get(day) or "")

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._bank and day not in self._extra

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The day `count` working days after `start` (before it, if negative).

        "Within 5 working days of becoming aware" counts from the next working day, so an incident
        known of on a Friday has its fifth working day on the following Friday.
        """
        step = 1 if count >= 0 else -1
        day = start
        remaining = abs(count)
        while remaining:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the next one."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
