"""Working days in England skip weekends and bank holidays, across year ends and Easter."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.timetable.working_days import WorkingCalendar, add_months

D = dt.date
CAL = WorkingCalendar()


def test_a_decision_just_before_christmas_skips_christmas_boxing_day_and_new_year() -> None:
    # Wed 24/12/2025: Thu 25 and Fri 26 are bank holidays, then the weekend, then Mon 29 (1),
    # Tue 30 (2), Wed 31 (3), Thu 1 Jan is New Year's Day, Fri 2 (4), Mon 5 (5)
    assert CAL.add_working_days(D(2025, 12, 24), 5) == D(2026, 1, 5)


def test_notification_and_rapid_review_from_becoming_aware_on_22_december_2025() -> None:
    assert CAL.add_working_days(D(2025, 12, 22), 5) == D(2025, 12, 31)  # 23, 24, 29, 30, 31
    # 15 from the same day: 23, 24, 29, 30, 31, Fri 2 Jan (1 Jan is a holiday) … Thu 15 Jan
    assert CAL.add_working_days(D(2025, 12, 22), 15) == D(2026, 1, 15)


def test_easter_2026_good_friday_and_easter_monday() -> None:
    assert CAL.is_bank_holiday(D(2026, 4, 3)) and CAL.is_bank_holiday(D(2026, 4, 6))
    # Thu 2 April + 1 working day jumps over Good Friday, the weekend and Easter Monday
    assert CAL.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert CAL.working_days_between(D(2026, 4, 2), D(2026, 4, 7)) == 1


def test_the_late_may_bank_holiday() -> None:
    assert CAL.bank_holiday_name(D(2026, 5, 25))  # Spring bank holiday, Monday 25 May 2026
    assert CAL.add_working_days(D(2026, 5, 22), 1) == D(2026, 5, 26)
    assert CAL.add_working_days(D(2026, 5, 18), 5) == D(2026, 5, 26)


def test_a_substitute_day_when_boxing_day_falls_on_a_saturday() -> None:
    assert not CAL.is_working_day(D(2026, 12, 28))  # Boxing Day (substitute day)
    assert CAL.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 12, 22), D(2026, 1, 22)),
        (D(2026, 3, 30), D(2026, 4, 20)),
        (D(2024, 2, 28), D(2024, 3, 4)),
    ],
)
def test_counting_back_and_forth_agree(start: dt.date, end: dt.date) -> None:
    days = CAL.working_days_between(start, end)
    assert CAL.add_working_days(start, days) == CAL.next_working_day(end) or days == 0
    assert CAL.working_days_between(end, start) == -days
    assert CAL.add_working_days(CAL.add_working_days(start, days), -days) == CAL.next_working_day(
        start
    ) or not CAL.is_working_day(start)


def test_adding_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(D(2026, 1, 22), 6) == D(2026, 7, 22)
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2025, 11, 15), 2) == D(2026, 1, 15)
