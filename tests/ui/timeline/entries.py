"""Chronology entries written by hand for the timeline's unit tests."""

from __future__ import annotations

import datetime as dt
from itertools import count

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry, Flag

POLICE = Agency("Northshire Police", AgencyType.POLICE, 1)
NURSERY = Agency("Little Acorns Nursery", AgencyType.EARLY_YEARS, 2)
_ids = count(1)


def entry(
    when: str, agency: Agency = POLICE, *, significant: bool = False, event: str = "Home visit"
) -> ChronologyEntry:
    assert agency.id is not None
    return ChronologyEntry(
        agency_id=agency.id,
        date=parse_uk_date(when, today=dt.date(2026, 1, 1)),
        source="Case note",
        event=event,
        flags=frozenset({Flag.SIGNIFICANT}) if significant else frozenset(),
        id=next(_ids),
    )


def ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()
