from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import (
    ChronologyEntry,
    Flag,
    age_at,
    flags_from_bits,
    flags_to_bits,
)
from reviewer_app.errors import InvalidInputError

DOB = dt.date(2013, 4, 17)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("12/11/2012", "before birth"),
        ("17/04/2013", "0 days"),
        ("28/04/2013", "11 days"),
        ("30/05/2013", "6 weeks"),
        ("02/12/2013", "7 months"),
        ("17/04/2014", "1 year"),
        ("21/06/2014", "1 year 2 months"),
        ("11/02/2016", "2 years 9 months"),
        ("Mar 2015", "1 year 10 months"),
        ("unknown", ""),
        ("17/04/2019", "6 years"),
    ],
)
def test_age_at_entry(text: str, age: str) -> None:
    assert age_at(DOB, parse_uk_date(text)) == age


def test_flags_round_trip_through_bits() -> None:
    for n in range(1 << len(Flag)):
        assert flags_to_bits(flags_from_bits(n)) == n


def test_source_and_event_are_mandatory() -> None:
    date = parse_uk_date("03/02/2015")
    with pytest.raises(InvalidInputError, match="source"):
        ChronologyEntry(agency_id=1, date=date, source=" ", event="Visit")
    with pytest.raises(InvalidInputError, match="event"):
        ChronologyEntry(agency_id=1, date=date, source="Case note", event="")


def test_ordering_is_chronological_and_stable_for_overlaps() -> None:
    def entry(text: str, seq: int, ident: int) -> ChronologyEntry:
        return ChronologyEntry(1, parse_uk_date(text), "s", "e", sequence=seq, id=ident)

    entries = [
        entry("2015", 0, 1),
        entry("03/02/2015 14:00", 0, 2),
        entry("03/02/2015", 1, 3),
        entry("03/02/2015", 0, 4),
        entry("Feb 2015", 0, 5),
        entry("unknown", 0, 6),
        entry("w/c 02/02/2015", 0, 7),
    ]
    ordered = [e.id for e in sorted(entries, key=lambda e: e.sort_key)]
    assert ordered == [1, 5, 7, 4, 3, 2, 6]
    assert ordered == [e.id for e in sorted(reversed(entries), key=lambda e: e.sort_key)]
