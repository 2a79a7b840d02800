"""Tests for reading and writing the dates in agency chronologies (UK, day first)."""

from __future__ import annotations

import contextlib
import datetime
import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.chronology.dates import (
    DateProblem,
    FuzzyDate,
    Precision,
    Qualifier,
    excel_serial_to_date,
    format_uk_date,
    parse_time,
    parse_uk_date,
)

D = datetime.date
T = datetime.time
P = Precision
Q = Qualifier
TODAY = D(2025, 6, 1)  # two-digit years 00..26 are 20yy, 27..99 are 19yy

# (text, start, end, precision, qualifier, time)
TABLE: list[tuple[str, D | None, D | None, Precision, Qualifier, T | None]] = [
    # Single days, numeric, always day first
    ("03/02/2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3/2/15", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3.2.2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3-2-2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("04/05/2015", D(2015, 5, 4), D(2015, 5, 4), P.DAY, Q.ON, None),
    ("12/03/85", D(1985, 3, 12), D(1985, 3, 12), P.DAY, Q.ON, None),
    ("1/1/26", D(2026, 1, 1), D(2026, 1, 1), P.DAY, Q.ON, None),
    ("1/1/27", D(1927, 1, 1), D(1927, 1, 1), P.DAY, Q.ON, None),
    ("29/02/2016", D(2016, 2, 29), D(2016, 2, 29), P.DAY, Q.ON, None),
    # Days with times
    ("03/02/2015 14:30", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(14, 30)),
    ("3/2/15 2.30pm", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(14, 30)),
    ("3/2/15 1430hrs", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(14, 30)),
    ("3 Feb 2015 at 9am", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(9, 0)),
    ("3 Feb 2015 12 noon", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(12, 0)),
    ("2015-02-03T14:30:00", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(14, 30)),
    ("2015-02-03 00:00:00", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    # Days in words
    ("3rd February 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3 Feb 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3 FEB 15", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("03-Feb-2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3 Sept 2015", D(2015, 9, 3), D(2015, 9, 3), P.DAY, Q.ON, None),
    ("Tuesday 3rd February 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("Tues, 3rd of February 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("February 3, 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("2015-02-03", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    # Tolerated mess
    ("  3  Feb   2015. ", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("3\u00a0Feb\u00a02015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("03/02/2015.", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("42038", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, None),
    ("42038.75", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.ON, T(18, 0)),
    # Months and years
    ("Feb 2015", D(2015, 2, 1), D(2015, 2, 28), P.MONTH, Q.ON, None),
    ("February 2015", D(2015, 2, 1), D(2015, 2, 28), P.MONTH, Q.ON, None),
    ("03/2015", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.ON, None),
    ("3/2015", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.ON, None),
    ("2015-03", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.ON, None),
    ("feb 2016", D(2016, 2, 1), D(2016, 2, 29), P.MONTH, Q.ON, None),
    ("2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.ON, None),
    # Weeks
    ("w/c 12/01/2015", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None),
    ("W/C 12.01.15", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None),
    ("week commencing 12 January 2015", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None),
    ("w/b 12/01/2015", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None),
    ("w/e 18/01/2015", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.ON, None),
    # Qualifiers
    ("approx 03/02/2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.AROUND, None),
    ("approx. 3 Feb 2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.AROUND, None),
    ("approximately 2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.AROUND, None),
    ("c. 2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.AROUND, None),
    ("c 2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.AROUND, None),
    ("circa March 2015", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.AROUND, None),
    ("ca. 2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.AROUND, None),
    ("about 3/2/15", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.AROUND, None),
    ("around June 2015", D(2015, 6, 1), D(2015, 6, 30), P.MONTH, Q.AROUND, None),
    ("? 22/05/2016", D(2016, 5, 22), D(2016, 5, 22), P.DAY, Q.AROUND, None),
    ("?22/05/2016", D(2016, 5, 22), D(2016, 5, 22), P.DAY, Q.AROUND, None),
    ("22/05/2016?", D(2016, 5, 22), D(2016, 5, 22), P.DAY, Q.AROUND, None),
    ("(?) 22/05/2016", D(2016, 5, 22), D(2016, 5, 22), P.DAY, Q.AROUND, None),
    ("approx 03/2015", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.AROUND, None),
    ("approx w/c 12/01/2015", D(2015, 1, 12), D(2015, 1, 18), P.WEEK, Q.AROUND, None),
    ("before 2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.BEFORE, None),
    ("by March 2015", D(2015, 3, 1), D(2015, 3, 31), P.MONTH, Q.BEFORE, None),
    ("pre-2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.BEFORE, None),
    ("after 03/02/2015", D(2015, 2, 3), D(2015, 2, 3), P.DAY, Q.AFTER, None),
    ("since June 2015", D(2015, 6, 1), D(2015, 6, 30), P.MONTH, Q.AFTER, None),
    ("post-2015", D(2015, 1, 1), D(2015, 12, 31), P.YEAR, Q.AFTER, None),
    ("after Summer 2015", D(2015, 6, 1), D(2015, 8, 31), P.SEASON, Q.AFTER, None),
    # Parts of a month or year
    ("early June 2015", D(2015, 6, 1), D(2015, 6, 10), P.RANGE, Q.AROUND, None),
    ("mid June 2015", D(2015, 6, 11), D(2015, 6, 20), P.RANGE, Q.AROUND, None),
    ("mid-June 2015", D(2015, 6, 11), D(2015, 6, 20), P.RANGE, Q.AROUND, None),
    ("late June 2015", D(2015, 6, 21), D(2015, 6, 30), P.RANGE, Q.AROUND, None),
    ("end of June 2015", D(2015, 6, 21), D(2015, 6, 30), P.RANGE, Q.AROUND, None),
    ("late Feb 2016", D(2016, 2, 21), D(2016, 2, 29), P.RANGE, Q.AROUND, None),
    ("before mid June 2015", D(2015, 6, 11), D(2015, 6, 20), P.RANGE, Q.BEFORE, None),
    ("early 2015", D(2015, 1, 1), D(2015, 4, 30), P.RANGE, Q.AROUND, None),
    # Seasons (meteorological)
    ("Spring 2015", D(2015, 3, 1), D(2015, 5, 31), P.SEASON, Q.ON, None),
    ("Summer 2015", D(2015, 6, 1), D(2015, 8, 31), P.SEASON, Q.ON, None),
    ("Autumn 2015", D(2015, 9, 1), D(2015, 11, 30), P.SEASON, Q.ON, None),
    ("Fall 2015", D(2015, 9, 1), D(2015, 11, 30), P.SEASON, Q.ON, None),
    ("Winter 2015", D(2015, 12, 1), D(2016, 2, 29), P.SEASON, Q.ON, None),
    ("Winter 2015/16", D(2015, 12, 1), D(2016, 2, 29), P.SEASON, Q.ON, None),
    ("winter 2014-2015", D(2014, 12, 1), D(2015, 2, 28), P.SEASON, Q.ON, None),
    ("approx summer 2014", D(2014, 6, 1), D(2014, 8, 31), P.SEASON, Q.AROUND, None),
    # A day (or day and month) the agency did not know, and the forms agencies use for doubt
    ("?/05/2014", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.ON, None),
    ("??/05/2014", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.ON, None),
    ("xx/05/2014", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.ON, None),
    ("-/05/2014", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.ON, None),
    ("?/5/14", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.ON, None),
    ("?/05/2014?", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.AROUND, None),
    ("XX/XX/2014", D(2014, 1, 1), D(2014, 12, 31), P.YEAR, Q.ON, None),
    ("?/?/2014", D(2014, 1, 1), D(2014, 12, 31), P.YEAR, Q.ON, None),
    ("05/2014?", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.AROUND, None),
    ("c. May 2014", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.AROUND, None),
    ("May 2014 (approx)", D(2014, 5, 1), D(2014, 5, 31), P.MONTH, Q.AROUND, None),
    ("late 2014", D(2014, 9, 1), D(2014, 12, 31), P.RANGE, Q.AROUND, None),
    ("between 3 and 9 March 2015", D(2015, 3, 3), D(2015, 3, 9), P.RANGE, Q.BETWEEN, None),
    # Ranges
    ("01/07/2015 - 03/07/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("01/07/2015 \u2013 03/07/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("01/07/2015-03/07/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("1/7/15 to 3/7/15", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("between 1/7/2015 and 3/7/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("between 1 and 3 July 2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("from 1/7/2015 to 3/7/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("1-3 July 2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("1st\u20133rd July 2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("1\u20133/7/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.BETWEEN, None),
    ("28 Jan \u2013 3 Feb 2015", D(2015, 1, 28), D(2015, 2, 3), P.RANGE, Q.BETWEEN, None),
    ("28/12/2014 - 3/1/2015", D(2014, 12, 28), D(2015, 1, 3), P.RANGE, Q.BETWEEN, None),
    ("June - August 2015", D(2015, 6, 1), D(2015, 8, 31), P.RANGE, Q.BETWEEN, None),
    ("Jun 2015 to Aug 2015", D(2015, 6, 1), D(2015, 8, 31), P.RANGE, Q.BETWEEN, None),
    ("Nov 2014 - Feb 2015", D(2014, 11, 1), D(2015, 2, 28), P.RANGE, Q.BETWEEN, None),
    ("2014-2015", D(2014, 1, 1), D(2015, 12, 31), P.RANGE, Q.BETWEEN, None),
    ("2014 to 2015", D(2014, 1, 1), D(2015, 12, 31), P.RANGE, Q.BETWEEN, None),
    ("2015-02-03 - 2015-02-05", D(2015, 2, 3), D(2015, 2, 5), P.RANGE, Q.BETWEEN, None),
    ("2015-04 - 2015", D(2015, 4, 1), D(2015, 12, 31), P.RANGE, Q.BETWEEN, None),
    ("Summer 2015 - 2016", D(2015, 6, 1), D(2016, 12, 31), P.RANGE, Q.BETWEEN, None),
    ("Spring 2015 to Autumn 2015", D(2015, 3, 1), D(2015, 11, 30), P.RANGE, Q.BETWEEN, None),
    ("Mon 12 Jan - Fri 16 Jan 2015", D(2015, 1, 12), D(2015, 1, 16), P.RANGE, Q.BETWEEN, None),
    ("c. 1\u201310 Jun 2015", D(2015, 6, 1), D(2015, 6, 10), P.RANGE, Q.AROUND, None),
    ("approx 1/7/2015 - 3/7/2015", D(2015, 7, 1), D(2015, 7, 3), P.RANGE, Q.AROUND, None),
    # Honest unknowns
    ("unknown", None, None, P.UNKNOWN, Q.ON, None),
    ("Not known", None, None, P.UNKNOWN, Q.ON, None),
    ("N/K", None, None, P.UNKNOWN, Q.ON, None),
    ("Date unknown.", None, None, P.UNKNOWN, Q.ON, None),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "qualifier", "at"), TABLE)
def test_parses_table(
    text: str,
    start: D | None,
    end: D | None,
    precision: Precision,
    qualifier: Qualifier,
    at: T | None,
) -> None:
    parsed = parse_uk_date(text, today=TODAY)
    assert (parsed.start, parsed.end, parsed.precision, parsed.qualifier, parsed.time) == (
        start,
        end,
        precision,
        qualifier,
        at,
    )
    assert parsed.original == text


def test_table_is_big_enough() -> None:
    assert len(TABLE) >= 60


# (text, words the message must contain)
PROBLEMS: list[tuple[str, str]] = [
    ("31/02/2015", "February 2015 has 28 days"),
    ("30/02/2016", "February 2016 has 29 days"),
    ("31/04/2015", "April 2015 has 30 days"),
    ("13/13/2015", "there is no month 13"),
    ("00/01/2015", "there is no day 0"),
    ("32/1/2015", "January 2015 has 31 days"),
    ("12/25/2015", "there is no month 25"),
    ("31 February 2015", "February 2015 has 28 days"),
    ("see notes", "not a date I can read"),
    ("tbc", "not a date I can read"),
    ("03/02/1850", "1850"),
    ("1899", "1899"),
    ("2101", "2101"),
    ("3/2/201", "not a date I can read"),
    ("3 Feb", "no year"),
    ("03/02", "no year"),
    ("Feb 15", "ambiguous"),
    ("2014-15", "ambiguous"),
    ("2011-12", "ambiguous"),
    ("3/7/2015 - 1/7/2015", "ends before it starts"),
    ("2015-04-2015", "more than one span"),
    ("31/02/2015 - 3/3/2015", "February 2015 has 28 days"),
    ("Monday 3 February 2015", "Tuesday"),
    ("03/02/2015 25:00", "no hour 25"),
    ("3/2/15 13pm", "12-hour clock"),
    ("Winter 2015/17", "2015/16"),
    ("Summer 2015/16", "only winter"),
    ("approx", "not a date I can read"),
    ("12345", "not a date I can read"),
    ("03022015", "not a date I can read"),
    ("?/13/2014", "there is no month 13"),
    ("?/05/1850", "1850"),
]


@pytest.mark.parametrize(("text", "words"), PROBLEMS)
def test_problems_are_reported_and_quote_the_text(text: str, words: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_uk_date(text, today=TODAY)
    message = str(caught.value)
    assert f"'{text}'" in message
    assert words in message
    assert caught.value.text == text


def test_the_example_message_reads_as_specified() -> None:
    with pytest.raises(DateProblem) as caught:
        parse_uk_date("31/02/2015")
    assert str(caught.value) == "'31/02/2015' is not a real date: February 2015 has 28 days."


@pytest.mark.parametrize("blank", ["", "   ", "\u00a0", None, " . "])
def test_blank_is_no_date_given(blank: str | None) -> None:
    with pytest.raises(DateProblem, match=r"^no date given$"):
        parse_uk_date(blank)


def test_date_problem_is_a_value_error_and_survives_pickling() -> None:
    with pytest.raises(ValueError) as caught:
        parse_uk_date("13/13/2015")
    problem = caught.value
    assert isinstance(problem, DateProblem)
    copy = pickle.loads(pickle.dumps(problem))
    assert isinstance(copy, DateProblem)
    assert str(copy) == str(problem)
    assert copy.text == "13/13/2015"


def test_two_digit_years_follow_today() -> None:
    assert parse_uk_date("1/1/26", today=D(2025, 1, 1)).start == D(2026, 1, 1)
    assert parse_uk_date("1/1/27", today=D(2025, 1, 1)).start == D(1927, 1, 1)
    assert parse_uk_date("1/1/31", today=D(2030, 1, 1)).start == D(2031, 1, 1)
    assert parse_uk_date("1/1/99", today=D(2099, 1, 1)).start == D(2099, 1, 1)
    assert parse_uk_date("1/1/00", today=D(2025, 1, 1)).start == D(2000, 1, 1)


# ---- Spreadsheet cells ----------------------------------------------------------------------


def test_date_cell() -> None:
    parsed = parse_uk_date(D(2015, 2, 3))
    assert (parsed.start, parsed.end, parsed.precision, parsed.qualifier, parsed.time) == (
        D(2015, 2, 3),
        D(2015, 2, 3),
        P.DAY,
        Q.ON,
        None,
    )
    assert parsed.original == "2015-02-03"


def test_datetime_cells_keep_a_time_only_when_there_is_one() -> None:
    midnight = parse_uk_date(datetime.datetime(2015, 2, 3))
    assert (midnight.start, midnight.precision, midnight.time) == (D(2015, 2, 3), P.DAY, None)
    timed = parse_uk_date(datetime.datetime(2015, 2, 3, 14, 30, 12))
    assert (timed.start, timed.time) == (D(2015, 2, 3), T(14, 30))
    assert timed.original == "2015-02-03 14:30:12"
    # Spreadsheets store 14:30 as 14:29:59.999...; that is still 14:30.
    fuzzy = parse_uk_date(datetime.datetime(2015, 2, 3, 14, 29, 59, 999_000))
    assert fuzzy.time == T(14, 30)


def test_number_cells() -> None:
    serial = parse_uk_date(42038)
    assert (serial.start, serial.precision, serial.time, serial.original) == (
        D(2015, 2, 3),
        P.DAY,
        None,
        "42038",
    )
    with_time = parse_uk_date(42038.604166666664)
    assert (with_time.start, with_time.time) == (D(2015, 2, 3), T(14, 30))
    year = parse_uk_date(2015)
    assert (year.start, year.end, year.precision) == (D(2015, 1, 1), D(2015, 12, 31), P.YEAR)


@pytest.mark.parametrize("value", [12, -5, 0, 1.5, math.nan, math.inf, 99999, True])
def test_numbers_that_are_not_dates_are_problems(value: float) -> None:
    with pytest.raises(DateProblem):
        parse_uk_date(value)


def test_cells_outside_the_accepted_years_are_problems() -> None:
    with pytest.raises(DateProblem, match="1850"):
        parse_uk_date(D(1850, 1, 1))
    with pytest.raises(DateProblem, match="2150"):
        parse_uk_date(datetime.datetime(2150, 1, 1, 10, 0))


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        (42038, D(2015, 2, 3)),
        (42038.99, D(2015, 2, 3)),
        (2958465, D(9999, 12, 31)),
    ],
)
def test_excel_serial_anchors(serial: float, expected: D) -> None:
    assert excel_serial_to_date(serial) == expected


@pytest.mark.parametrize("serial", [0, 0.5, -1, 60, 2958466, math.nan, math.inf])
def test_excel_serial_problems(serial: float) -> None:
    with pytest.raises(DateProblem):
        excel_serial_to_date(serial)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(9999, 12, 31)))
def test_excel_serial_round_trip(day: D) -> None:
    if day < D(1900, 3, 1):
        serial = (day - D(1899, 12, 31)).days
    else:
        # Past Excel's phantom 29 Feb 1900, day numbers run one ahead; 42038 is 3 Feb 2015.
        serial = (day - D(2015, 2, 3)).days + 42038
    assert serial != 60
    assert excel_serial_to_date(serial) == day
    assert excel_serial_to_date(serial + 0.75) == day


# ---- Times ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", T(14, 30)),
        ("1430", T(14, 30)),
        ("14.30", T(14, 30)),
        ("2.30pm", T(14, 30)),
        ("2:30 pm", T(14, 30)),
        ("2:30 P.M.", T(14, 30)),
        ("12.15am", T(0, 15)),
        ("12pm", T(12, 0)),
        ("9am", T(9, 0)),
        ("0930", T(9, 30)),
        ("930", T(9, 30)),
        ("14:30:45", T(14, 30)),
        ("1430hrs", T(14, 30)),
        ("00:00", T(0, 0)),
        ("noon", T(12, 0)),
        ("midnight", T(0, 0)),
    ],
)
def test_parse_time(text: str, expected: T) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text", ["", "25:00", "24:00", "14:60", "13pm", "0am", "14", "half two", "2.3pm", "99999"]
)
def test_parse_time_problems(text: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_time(text)
    if text:
        assert f"'{text}'" in str(caught.value)


# ---- Writing dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/02/2015 14:30", "3 Feb 2015"),
        ("03/2015", "Mar 2015"),
        ("2015", "2015"),
        ("w/c 12/01/2015", "w/c 12 Jan 2015"),
        ("Spring 2015", "Spring 2015"),
        ("Winter 2015", "Winter 2015/16"),
        ("Winter 1999", "Winter 1999/00"),
        ("12/01/2015 - 18/01/2015", "12\u201318 Jan 2015"),
        ("28/01/2015 - 03/02/2015", "28 Jan \u2013 3 Feb 2015"),
        ("28/12/2014 - 03/01/2015", "28 Dec 2014 \u2013 3 Jan 2015"),
        ("June - August 2015", "Jun \u2013 Aug 2015"),
        ("Nov 2014 - Feb 2015", "Nov 2014 \u2013 Feb 2015"),
        ("2014-2015", "2014 \u2013 2015"),
        ("early June 2015", "c. 1\u201310 Jun 2015"),
        ("approx 3/2/2015", "c. 3 Feb 2015"),
        ("before 2015", "before 2015"),
        ("since March 2015", "after Mar 2015"),
        ("not known", "date unknown"),
    ],
)
def test_format_uk_date(text: str, expected: str) -> None:
    assert format_uk_date(parse_uk_date(text, today=TODAY)) == expected


# ---- The FuzzyDate itself -------------------------------------------------------------------


def _fd(start: D, end: D, at: T | None = None) -> FuzzyDate:
    return FuzzyDate(start, end, P.RANGE, Q.BETWEEN, "", at)


def test_overlaps() -> None:
    june = parse_uk_date("June 2015")
    assert june.overlaps(parse_uk_date("30/06/2015"))
    assert june.overlaps(parse_uk_date("2015"))
    assert parse_uk_date("2015").overlaps(june)
    assert not june.overlaps(parse_uk_date("01/07/2015"))
    assert parse_uk_date("w/c 29/06/2015").overlaps(parse_uk_date("3 July 2015"))
    unknown = parse_uk_date("unknown")
    assert not unknown.overlaps(june)
    assert not june.overlaps(unknown)
    assert not unknown.overlaps(unknown)


def test_sort_key_orders_by_start_end_time_and_puts_unknowns_last() -> None:
    unknown = parse_uk_date("unknown")
    year = parse_uk_date("2015")
    month = parse_uk_date("Feb 2015")
    day = parse_uk_date("1/2/2015")
    day_late = parse_uk_date("1/2/2015 18:00")
    day_early = parse_uk_date("1/2/2015 09:00")
    earlier = parse_uk_date("31/12/2014")
    items = [unknown, year, month, day_late, day, day_early, earlier]
    ordered = sorted(items, key=lambda d: d.sort_key)
    assert ordered == [earlier, year, day, day_early, day_late, month, unknown]


def test_fuzzy_date_refuses_impossible_shapes() -> None:
    with pytest.raises(ValueError):
        FuzzyDate(None, None, P.DAY, Q.ON, "")
    with pytest.raises(ValueError):
        FuzzyDate(D(2015, 1, 1), None, P.UNKNOWN, Q.ON, "")
    with pytest.raises(ValueError):
        _fd(D(2015, 1, 2), D(2015, 1, 1))


# ---- Properties -----------------------------------------------------------------------------

MONTH_WORDS = [
    "jan",
    "Feb",
    "March",
    "Sept",
    "september",
    "dec.",
    "JUNE",
    "jul",
]
DATEISH_TOKENS = [
    *list("0123456789/.-: "),
    *MONTH_WORDS,
    "\u2013",
    "st",
    "th",
    "approx ",
    "c.",
    "?",
    "w/c ",
    "between ",
    " and ",
    " to ",
    "early ",
    "mid-",
    "winter ",
    "before ",
    "pm",
    "2015",
    "1999",
    "Tuesday ",
    "(?)",
    "of ",
]


def _check_reads_or_reports(text: str) -> None:
    try:
        parsed = parse_uk_date(text, today=TODAY)
    except DateProblem as problem:
        assert str(problem)
        return
    # Whatever the parser produces must survive being written and read back.
    again = parse_uk_date(format_uk_date(parsed), today=TODAY)
    assert (again.start, again.end, again.precision, again.qualifier) == (
        parsed.start,
        parsed.end,
        parsed.precision,
        parsed.qualifier,
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_read_or_reported(text: str) -> None:
    _check_reads_or_reports(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DATEISH_TOKENS), max_size=12).map("".join))
def test_dateish_text_is_read_or_reported(text: str) -> None:
    _check_reads_or_reports(text)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12),
        st.floats(allow_nan=True, allow_infinity=True),
        st.datetimes(),
        st.dates(),
    )
)
def test_any_cell_value_is_read_or_reported(value: float | D) -> None:
    with contextlib.suppress(DateProblem):
        parse_uk_date(value)


DATES = st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31))
DAY_PATTERNS = ["%d/%m/%Y", "%d.%m.%y", "%d %b %Y", "%A %d %B %Y", "%Y-%m-%d", "%B %d %Y"]
MONTH_PATTERNS = ["%b %Y", "%B %Y", "%m/%Y", "%Y-%m"]


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """Text an agency might write: any single shape, or two of them as a span."""
    day = draw(DATES)

    def one() -> str:
        kind = draw(st.sampled_from(["day", "month", "year", "week", "season", "part"]))
        when = draw(DATES) if draw(st.booleans()) else day
        if kind == "day":
            return when.strftime(draw(st.sampled_from(DAY_PATTERNS)))
        if kind == "month":
            return when.strftime(draw(st.sampled_from(MONTH_PATTERNS)))
        if kind == "year":
            return str(when.year)
        if kind == "week":
            return "w/c " + when.strftime("%d/%m/%Y")
        if kind == "season":
            return draw(st.sampled_from(["Spring ", "Summer ", "Autumn ", "Winter "])) + str(
                when.year
            )
        return draw(st.sampled_from(["early ", "mid-", "late "])) + when.strftime("%B %Y")

    body = one()
    if draw(st.booleans()):
        joiner = draw(st.sampled_from([" - ", " to ", " \u2013 "]))
        body = body + joiner + one()
    prefix = draw(st.sampled_from(["", "approx ", "c. ", "before ", "after ", "?", "since "]))
    return prefix + body


@settings(max_examples=200, deadline=None)
@given(written_dates())
def test_written_dates_are_read_or_reported_and_round_trip(text: str) -> None:
    _check_reads_or_reports(text)


PLAIN_QUALIFIERS = [Q.ON, Q.AROUND, Q.BEFORE, Q.AFTER]
RANGE_QUALIFIERS = [Q.BETWEEN, Q.AROUND, Q.BEFORE, Q.AFTER]


def _month_end(year: int, month: int) -> D:
    following = D(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    """FuzzyDates of every precision and every qualifier the parser gives that precision."""
    precision = draw(st.sampled_from(list(Precision)))
    if precision == P.UNKNOWN:
        return FuzzyDate(None, None, P.UNKNOWN, Q.ON, "")
    day = draw(DATES)
    qualifiers = RANGE_QUALIFIERS if precision == P.RANGE else PLAIN_QUALIFIERS
    qualifier = draw(st.sampled_from(qualifiers))
    if precision == P.DAY:
        start, end = day, day
    elif precision == P.WEEK:
        start, end = day, day + datetime.timedelta(days=6)
    elif precision == P.MONTH:
        start, end = day.replace(day=1), _month_end(day.year, day.month)
    elif precision == P.YEAR:
        start, end = D(day.year, 1, 1), D(day.year, 12, 31)
    elif precision == P.SEASON:
        first = draw(st.sampled_from([3, 6, 9, 12]))
        start = D(day.year, first, 1)
        last_year, last_month = (day.year + 1, 2) if first == 12 else (day.year, first + 2)
        end = _month_end(last_year, last_month)
    else:
        shape = draw(st.sampled_from(["days", "months", "years"]))
        if shape == "days":
            start = day
            end = min(day + datetime.timedelta(days=draw(st.integers(0, 800))), D(2099, 12, 31))
        elif shape == "months":
            later = draw(st.dates(min_value=day, max_value=D(2099, 12, 31)))
            start, end = day.replace(day=1), _month_end(later.year, later.month)
        else:
            last = draw(st.integers(day.year, 2099))
            start, end = D(day.year, 1, 1), D(last, 12, 31)
    at = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    return FuzzyDate(start, end, precision, qualifier, "", at if precision == P.DAY else None)


@settings(max_examples=200, deadline=None)
@given(fuzzy_dates())
def test_format_then_parse_round_trip(original: FuzzyDate) -> None:
    written = format_uk_date(original)
    again = parse_uk_date(written, today=TODAY)
    assert (again.start, again.end, again.precision, again.qualifier) == (
        original.start,
        original.end,
        original.precision,
        original.qualifier,
    ), written


@settings(max_examples=200)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_day_first_always(day: D) -> None:
    for pattern in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %B %Y", "%A %d %b %Y"):
        parsed = parse_uk_date(day.strftime(pattern), today=TODAY)
        assert (parsed.start, parsed.end, parsed.precision, parsed.qualifier) == (
            day,
            day,
            P.DAY,
            Q.ON,
        )


@settings(max_examples=200)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_impossible_days_are_never_moved(day: D) -> None:
    # The day after the last of the month must be reported, never rolled into the next month.
    next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    last = (next_month - datetime.timedelta(days=1)).day
    text = f"{last + 1:02d}/{day.month:02d}/{day.year}"
    with pytest.raises(DateProblem) as problem:
        parse_uk_date(text, today=TODAY)
    assert text in str(problem.value)
