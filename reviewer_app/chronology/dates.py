"""Reading the dates that agencies write in their chronologies.

Agencies send chronologies typed by many hands, so one column can hold ``03/02/2015``,
``3rd Feb 15``, ``w/c 12.01.15``, ``approx. summer 2014`` and ``not known``. This module turns
each of these into a `FuzzyDate`: a span of days (``start`` to ``end``, both inclusive) with a
note of how precise the agency was (`Precision`) and what they meant by it (`Qualifier`).

Rules that matter for a case review:

* Dates are always read **day first**, as written in England: ``04/05/2015`` is 4 May 2015.
  A date that only makes sense month first (``12/25/2015``) is reported, never swapped.
* A date that does not exist (``31/02/2015``, ``13/13/2015``) or cannot be read is reported
  as a `DateProblem` whose message quotes the text. The parser never guesses a nearby date,
  because a silently "corrected" date in a safeguarding chronology can mislead a review.
* ``unknown``, ``n/k`` and the like are honest answers, not problems: they give a
  `FuzzyDate` of precision `Precision.UNKNOWN` with no start or end.
* Only years from 1900 to 2100 are accepted, which catches typing slips such as ``2105``.

`format_uk_date` writes a `FuzzyDate` back the way a reviewer would (``3 Feb 2015``,
``c. Mar 2015``, ``12–18 Jan 2015``), and reading that text back gives the same span,
precision and qualifier, so the written form is safe to store and show.

The module uses the standard library only and compiles its patterns once, at import.
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = [
    "DateProblem",
    "FuzzyDate",
    "Precision",
    "Qualifier",
    "excel_serial_to_date",
    "format_uk_date",
    "parse_time",
    "parse_uk_date",
]

#: The earliest and latest years a chronology may mention; anything else is a typing slip.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100

#: Excel (1900 date system) day numbers for 1 January 1900 and 31 December 9999.
EXCEL_MIN_SERIAL: Final = 1
EXCEL_MAX_SERIAL: Final = 2_958_465


class Precision(StrEnum):
    """How precisely the agency gave the date."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


class Qualifier(StrEnum):
    """What the agency said about the date: exactly, roughly, before, after or between."""

    ON = "on"
    AROUND = "around"
    BEFORE = "before"
    AFTER = "after"
    BETWEEN = "between"


class DateProblem(ValueError):
    """A date that cannot be read or does not exist.

    ``str(problem)`` is a plain-English message for the reviewer that quotes the agency's
    text; ``problem.text`` is that text as given, so the importer can point at the cell.
    """

    text: str

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text

    def __reduce__(self) -> tuple[type[DateProblem], tuple[str, str]]:
        # Keep `text` when the error crosses a process boundary (pickling).
        return (type(self), (str(self), self.text))


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as an agency gave it: an inclusive span of days plus how it was meant.

    ``start`` and ``end`` are both ``None`` only for `Precision.UNKNOWN`. ``original`` keeps
    the agency's text verbatim so the review can always show what was actually written.
    ``time`` is a time of day (hours and minutes) when one was given with a single day.
    """

    start: datetime.date | None
    end: datetime.date | None
    precision: Precision
    qualifier: Qualifier
    original: str
    time: datetime.time | None = None

    def __post_init__(self) -> None:
        if self.precision == Precision.UNKNOWN:
            if self.start is not None or self.end is not None:
                raise ValueError("an unknown date cannot have a start or an end")
            return
        if self.start is None or self.end is None:
            raise ValueError("a known date needs both a start and an end")
        if self.end < self.start:
            raise ValueError("a date cannot end before it starts")

    def overlaps(self, other: FuzzyDate) -> bool:
        """Whether the two spans share at least one day.

        Qualifiers are ignored: this compares the spans as written. An unknown date never
        overlaps anything, because nothing can be said about when it was.
        """
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return False
        return self.start <= other.end and other.start <= self.end

    @property
    def sort_key(self) -> tuple[int, datetime.date, datetime.date, int, datetime.time]:
        """A key for chronological order: by start, then end, then time; unknowns last.

        Entries on the same day without a time come before timed ones. Python's sort is
        stable, so entries with equal keys keep the order the agency gave them.
        """
        if self.start is None or self.end is None:
            return (1, datetime.date.max, datetime.date.max, 0, datetime.time.min)
        if self.time is None:
            return (0, self.start, self.end, 0, datetime.time.min)
        return (0, self.start, self.end, 1, self.time)


# --------------------------------------------------------------------------------------------
# Words and patterns
# --------------------------------------------------------------------------------------------

_MONTH_NAMES: Final = tuple(calendar.month_name[m] for m in range(1, 13))
_MONTH_SHORT: Final = (
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
_WEEKDAY_NAMES: Final = tuple(calendar.day_name[d] for d in range(7))

# Every prefix of three or more letters of a month name ("sep", "sept", "febr", "june").
_MONTH_LOOKUP: Final[dict[str, int]] = {
    name.lower()[:length]: number
    for number, name in enumerate(_MONTH_NAMES, start=1)
    for length in range(3, len(name) + 1)
}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTH_LOOKUP, key=len, reverse=True)) + r")\.?(?![a-z])"

_WEEKDAY_LOOKUP: Final[dict[str, int]] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

# Meteorological seasons, as the Met Office uses them: the month each one starts in.
_SEASON_START: Final[dict[str, int]] = {
    "spring": 3,
    "summer": 6,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
}
_SEASON_NAME: Final[dict[int, str]] = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}

_UNKNOWN_WORDS: Final = frozenset(
    {
        "unknown",
        "not known",
        "n/k",
        "nk",
        "n.k",
        "unk",
        "date unknown",
        "unknown date",
        "date not known",
        "not recorded",
        "date not recorded",
        "undated",
        "no date",
        "?",
        "??",
        "???",
    }
)

_FLAGS: Final = re.ASCII

# A time written after a date, e.g. "14:30", "1430hrs", "2.30pm", "2 p.m", "noon".
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d{2}){1,2}|\d{3,4}|\d{1,2})\s*(?:[ap]\.?m\.?|hrs?|hours|h)?"
    r"|(?:12\s*)?noon|midday|midnight"
)
_WITH_TIME = rf"(?:(?:\s*@\s*|\s+at\s+|\s+)(?P<time>{_CLOCK}))?$"

_TIME_RE: Final = re.compile(
    r"^(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?)?|(?P<hm>\d{3,4}))"
    r"\s*(?P<suffix>[ap]\.?m\.?|hrs?|hours|h)?$",
    _FLAGS,
)
_ISO_RE: Final = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[t ](?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
    r"(?:z|[+-]\d{2}:?\d{2})?)?$",
    _FLAGS,
)
_NUMERIC_DAY_RE: Final = re.compile(
    r"^(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})"
    + _WITH_TIME,
    _FLAGS,
)
_WORD_DAY_RE: Final = re.compile(
    rf"^(?P<d>\d{{1,2}})[\s\-/.]*{_MONTH}[\s\-/.]*(?P<y>\d{{4}}|\d{{2}})" + _WITH_TIME,
    _FLAGS,
)
_WORD_MONTH_FIRST_RE: Final = re.compile(
    rf"^{_MONTH}[\s\-/.]*(?P<d>\d{{1,2}})[\s\-/.]+(?P<y>\d{{4}})" + _WITH_TIME,
    _FLAGS,
)
_NUMERIC_MONTH_RE: Final = re.compile(r"^(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})$", _FLAGS)
_ISO_MONTH_RE: Final = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$", _FLAGS)
_WORD_MONTH_RE: Final = re.compile(rf"^{_MONTH}[\s\-/.]*(?P<y>\d{{4}})$", _FLAGS)
_WORD_MONTH_SHORT_YEAR_RE: Final = re.compile(rf"^{_MONTH}[\s\-/.]*(?P<n>\d{{1,2}})$", _FLAGS)
_YEAR_RE: Final = re.compile(r"^\d{4}$", _FLAGS)
_SERIAL_RE: Final = re.compile(r"^\d{5}(?:\.\d+)?$", _FLAGS)
_WEEK_RE: Final = re.compile(
    r"^(?:(?P<start>w\s*/\s*[cbs]|w\.?[cb]\.?|week\s+(?:commencing|beginning|starting|start))"
    r"|(?P<ending>w\s*/\s*e|w\.e\.?|week\s+ending))(?:\s*:\s*|\s+|(?=\d))(?P<rest>.+)$",
    _FLAGS,
)
_PART_OF_RE: Final = re.compile(
    r"^(?P<part>early|beginning|start|middle|mid|late|end)(?:\s*-\s*|\s+)(?P<rest>.+)$",
    _FLAGS,
)
_SEASON_RE: Final = re.compile(
    r"^(?P<season>spring|summer|autumn|fall|winter)\s*(?P<y>\d{4})"
    r"(?:\s*(?P<sep>[/-])\s*(?P<y2>\d{4}|\d{2}))?$",
    _FLAGS,
)
_WEEKDAY_RE: Final = re.compile(
    "^(?P<wd>" + "|".join(sorted(_WEEKDAY_LOOKUP, key=len, reverse=True)) + r")(?:\.\s*|\s+)",
    _FLAGS,
)
# Shapes that look like a date but have no year: reported rather than guessed.
_DAY_MONTH_WORD_RE: Final = re.compile(rf"^(?P<d>\d{{1,2}})[\s\-/.]*{_MONTH}$", _FLAGS)
_MONTH_DAY_WORD_RE: Final = re.compile(rf"^{_MONTH}[\s\-/.]*(?P<d>\d{{1,2}})$", _FLAGS)
_DAY_MONTH_NUMERIC_RE: Final = re.compile(r"^(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})$", _FLAGS)
_MONTH_ONLY_RE: Final = re.compile(rf"^{_MONTH}$", _FLAGS)
_DAY_ONLY_RE: Final = re.compile(r"^(?P<d>\d{1,2})$", _FLAGS)

_AROUND_PREFIX_RE: Final = re.compile(
    r"^(?:\(\s*(?:\?+|approx\.?|approximately|circa|ca\.?|c\.?|est\.?|estimated)\s*\)"
    r"|\?+|~"
    r"|(?:approximately|approx|appx|circa|ca|c|about|around|roughly|estimated|est)"
    r"(?:\.|(?![a-z])))\s*",
    _FLAGS,
)
_AROUND_SUFFIX_RE: Final = re.compile(
    r"(?:\s*\?+|\s*\(\s*(?:\?+|approx\.?|approximately|circa|ca\.?|c\.?|est\.?|estimated)\s*\)"
    r"|\s+(?:approx|approximately|circa|estimated|est))$",
    _FLAGS,
)
_BEFORE_PREFIX_RE: Final = re.compile(
    r"^(?:before|prior\s+to|pre|by|until|till|up\s+to|no\s+later\s+than)"
    r"(?:\s*-\s*|\s+|(?=\d))",
    _FLAGS,
)
_AFTER_PREFIX_RE: Final = re.compile(
    r"^(?:after|since|post|later\s+than|no\s+earlier\s+than)(?:\s*-\s*|\s+|(?=\d))",
    _FLAGS,
)
_FROM_PREFIX_RE: Final = re.compile(r"^from\s+", _FLAGS)
# A day (or day and month) the agency did not know, written as "?", "??", "xx" or "dd" in its
# place: "?/05/2014" is May 2014, "xx/xx/2014" is 2014. The rest is read as usual.
_UNKNOWN_PART_RE: Final = re.compile(
    r"^(?:\?+|x{1,2}|_{1,2}|dd|mm|-{1,2}(?=\s*/))\s*[/.\-]\s*(?P<rest>[\d?x_dm-].*)$", _FLAGS
)
_MONTH_YEAR_RE: Final = re.compile(
    r"^(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?P<tail>\s*\?*)$", _FLAGS
)
_YEAR_TAIL_RE: Final = re.compile(r"^(?P<y>\d{4}|\d{2})(?P<tail>\s*\?*)$", _FLAGS)
_BETWEEN_RE: Final = re.compile(r"^between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", _FLAGS)
_RANGE_SEP_RE: Final = re.compile(r"\s*-\s*|\s+(?:to|until|till|through|thru)\s+", _FLAGS)

_ORDINAL_RE: Final = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", _FLAGS)
_FILLER_RE: Final = re.compile(r"\b(?:of|the)\b", _FLAGS)
_TRANSLATE: Final = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", ""),
        "\\": "/",
        ",": " ",
    }
)

# Kinds of problem; each becomes "'<text>' <kind>: <reason>."
_NOT_REAL = "is not a real date"
_BAD_TIME = "has a time that does not exist"
_UNREADABLE_TIME = "has a time I cannot read"
_OUT_OF_RANGE = "cannot be used as a date"
_AMBIGUOUS = "is ambiguous"
_INCOMPLETE = "is incomplete"
_UNREADABLE = "is not a date I can read"
_BACKWARDS = "is not a usable date range"
_MISMATCH = "does not add up"
_READ_HINT = "dates are read day first, for example 03/02/2015 or 3 Feb 2015"


class _Invalid(Exception):
    """Internal: a reason a piece of text is not a usable date, before we know the full text."""

    def __init__(self, kind: str, reason: str = "") -> None:
        super().__init__(kind, reason)
        self.kind = kind
        self.reason = reason

    def problem(self, text: str) -> DateProblem:
        shown = " ".join(text.split())
        if self.reason:
            return DateProblem(f"'{shown}' {self.kind}: {self.reason}.", text=text)
        return DateProblem(f"'{shown}' {self.kind}.", text=text)


@dataclass(frozen=True, slots=True)
class _Shape:
    """Internal: what one date expression said, before the qualifier is settled."""

    start: datetime.date
    end: datetime.date
    precision: Precision
    time: datetime.time | None = None
    qualifier: Qualifier = Qualifier.ON


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Invalid(
            _OUT_OF_RANGE,
            f"the year {year} is outside the years this app accepts ({MIN_YEAR} to {MAX_YEAR})",
        )


def _check_month(month: int, day: int | None = None) -> None:
    if 1 <= month <= 12:
        return
    reason = f"there is no month {month}"
    if day is not None and 1 <= day <= 12 and month <= 31:
        reason += " (dates are read day first, and this looks like a month-first date)"
    raise _Invalid(_NOT_REAL, reason)


def _make_date(year: int, month: int, day: int) -> datetime.date:
    """Build a date, explaining in plain words why it does not exist if it does not."""
    _check_month(month, day)
    _check_year(year)
    if day < 1:
        raise _Invalid(_NOT_REAL, f"there is no day {day}")
    days = _last_day(year, month)
    if day > days:
        raise _Invalid(_NOT_REAL, f"{_MONTH_NAMES[month - 1]} {year} has {days} days")
    return datetime.date(year, month, day)


def _year(text: str, pivot: int) -> int:
    """A year as written; two-digit years up to the pivot are this century, the rest last."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= pivot else 1900
    return year


def _month_of(word: str) -> int:
    return _MONTH_LOOKUP[word.rstrip(".")]


def _month_span(year: int, month: int) -> _Shape:
    _check_month(month)
    _check_year(year)
    return _Shape(
        datetime.date(year, month, 1),
        datetime.date(year, month, _last_day(year, month)),
        Precision.MONTH,
    )


def _normalise(text: str) -> str:
    """Lower-case, single-spaced text with dashes, ordinals and filler words evened out."""
    cleaned = " ".join(text.translate(_TRANSLATE).casefold().split()).rstrip(". ")
    cleaned = _ORDINAL_RE.sub("", cleaned)
    cleaned = _FILLER_RE.sub(" ", cleaned)
    return " ".join(cleaned.split())


def _round_to_minute(value: datetime.time) -> datetime.time:
    """Hours and minutes, rounded to the nearest minute (spreadsheets store 14:29:59.999)."""
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    minutes = min(round(seconds / 60), 24 * 60 - 1)
    return datetime.time(minutes // 60, minutes % 60)


# --------------------------------------------------------------------------------------------
# Times
# --------------------------------------------------------------------------------------------


def _read_time(text: str, kind: str, unreadable: str) -> datetime.time:
    """Read a normalised time of day.

    Raises `_Invalid` of kind ``kind`` for an impossible time and ``unreadable`` for text
    that is not written like a time, so each caller can word its own message.
    """
    if text in ("noon", "midday", "12 noon", "12noon"):
        return datetime.time(12, 0)
    if text == "midnight":
        return datetime.time(0, 0)
    match = _TIME_RE.match(text)
    if match is None:
        raise _Invalid(unreadable, "times are written like 14:30, 1430 or 2.30pm")
    if match["hm"] is not None:
        hour, minute, second = int(match["hm"][:-2]), int(match["hm"][-2:]), 0
    else:
        hour = int(match["h"])
        minute = int(match["m"]) if match["m"] is not None else 0
        second = int(match["s"]) if match["s"] is not None else 0
    suffix = (match["suffix"] or "").replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise _Invalid(kind, f"{hour} is not an hour on the 12-hour clock")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match["m"] is None and match["hm"] is None and not suffix:
        raise _Invalid(unreadable, "a number on its own is not a time; write 14:00 or 2pm")
    if hour > 23:
        raise _Invalid(kind, f"there is no hour {hour}")
    if minute > 59:
        raise _Invalid(kind, f"there is no minute {minute}")
    if second > 59:
        raise _Invalid(kind, f"there is no second {second}")
    return datetime.time(hour, minute)


def parse_time(text: str) -> datetime.time:
    """Read a time of day such as ``14:30``, ``1430``, ``14.30``, ``2.30pm`` or ``2:30 pm``.

    Seconds, if given, are dropped: chronologies record times to the minute. Raises
    `DateProblem` for anything else, including impossible times such as ``25:00``.
    """
    cleaned = " ".join(text.casefold().split()).rstrip(". ")
    if not cleaned:
        raise DateProblem("no time given", text=text)
    try:
        return _read_time(cleaned, "is not a real time", "is not a time I can read")
    except _Invalid as invalid:
        raise invalid.problem(text) from None


# --------------------------------------------------------------------------------------------
# Spreadsheet serial numbers
# --------------------------------------------------------------------------------------------


def excel_serial_to_date(serial: float) -> datetime.date:
    """The date an Excel day number stands for, in Excel's 1900 date system.

    Excel wrongly treats 1900 as a leap year (a bug kept from Lotus 1-2-3), so day 60 is a
    29 February 1900 that never existed and every day number from 61 on is one higher than
    a true count. Day 60 is therefore a `DateProblem`, as are numbers outside 1 to 2958465
    (31 December 9999). Any fraction (a time of day) is ignored.
    """
    shown = f"{serial:g}" if isinstance(serial, float) else str(serial)
    if not math.isfinite(serial) or not EXCEL_MIN_SERIAL <= serial < EXCEL_MAX_SERIAL + 1:
        raise DateProblem(
            f"'{shown}' is not a spreadsheet date: Excel day numbers run from "
            f"{EXCEL_MIN_SERIAL} to {EXCEL_MAX_SERIAL}.",
            text=str(serial),
        )
    day = math.floor(serial)
    if day == 60:
        raise DateProblem(
            f"'{shown}' is not a real date: it is Excel's 29 February 1900, "
            "a day that never existed.",
            text=str(serial),
        )
    if day < 60:
        return datetime.date(1899, 12, 31) + datetime.timedelta(days=day)
    return datetime.date(1899, 12, 30) + datetime.timedelta(days=day)


def _from_serial(serial: float, original: str) -> FuzzyDate:
    day = excel_serial_to_date(serial)
    try:
        _check_year(day.year)
    except _Invalid as invalid:
        raise invalid.problem(original) from None
    minutes = min(round((serial - math.floor(serial)) * 24 * 60), 24 * 60 - 1)
    time = datetime.time(minutes // 60, minutes % 60) if minutes else None
    return FuzzyDate(day, day, Precision.DAY, Qualifier.ON, original, time)


def _from_number(value: float, original: str) -> FuzzyDate:
    """A number from a spreadsheet cell: a year such as 2015, or an Excel day number.

    Numbers that are neither are reported: a small number like 12 in a date column is far
    more likely to be a slip than 12 January 1900.
    """
    if math.isfinite(value) and value.is_integer() and MIN_YEAR <= value <= MAX_YEAR:
        year = int(value)
        return FuzzyDate(
            datetime.date(year, 1, 1),
            datetime.date(year, 12, 31),
            Precision.YEAR,
            Qualifier.ON,
            original,
        )
    if math.isfinite(value) and 20000 <= value < 80001:
        return _from_serial(value, original)
    raise _Invalid(
        _UNREADABLE,
        "it is a number, but not a year or a spreadsheet date number (20000 to 80000)",
    ).problem(original)


# --------------------------------------------------------------------------------------------
# Reading one date expression
# --------------------------------------------------------------------------------------------


def _day_shape(year: int, month: int, day: int, time_text: str | None) -> _Shape:
    date = _make_date(year, month, day)
    time = _read_time(time_text, _BAD_TIME, _UNREADABLE_TIME) if time_text is not None else None
    return _Shape(date, date, Precision.DAY, time)


def _single(text: str, pivot: int) -> _Shape | None:
    """One date expression without a qualifier, or ``None`` if it has no shape we know.

    Raises `_Invalid` when the shape is recognised but the date is impossible, so that
    ``31/02/2015`` is reported as such rather than as unreadable.
    """
    weekday_match = _WEEKDAY_RE.match(text)
    if weekday_match is not None:
        shape = _single(text[weekday_match.end() :], pivot)
        if shape is None or shape.precision != Precision.DAY:
            return None
        _check_weekday(_WEEKDAY_LOOKUP[weekday_match["wd"]], shape.start)
        return shape

    if (match := _NUMERIC_DAY_RE.match(text)) is not None:
        year = _year(match["y"], pivot)
        return _day_shape(year, int(match["m"]), int(match["d"]), match["time"])
    if (match := _WORD_DAY_RE.match(text)) is not None:
        year = _year(match["y"], pivot)
        return _day_shape(year, _month_of(match["mon"]), int(match["d"]), match["time"])
    if (match := _ISO_RE.match(text)) is not None:
        date = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        time = None
        if match["hh"] is not None:
            hour, minute = int(match["hh"]), int(match["mm"])
            second = int(match["ss"]) if match["ss"] is not None else 0
            time = _read_time(f"{hour}:{minute:02d}:{second:02d}", _BAD_TIME, _UNREADABLE_TIME)
            # Exports write date-only spreadsheet cells as midnight; that is not a time.
            if time == datetime.time(0, 0):
                time = None
        return _Shape(date, date, Precision.DAY, time)
    if (match := _WORD_MONTH_FIRST_RE.match(text)) is not None:
        return _day_shape(int(match["y"]), _month_of(match["mon"]), int(match["d"]), match["time"])
    if (match := _WORD_MONTH_RE.match(text)) is not None:
        return _month_span(int(match["y"]), _month_of(match["mon"]))
    if (match := _NUMERIC_MONTH_RE.match(text)) is not None:
        return _month_span(int(match["y"]), int(match["m"]))
    if (match := _ISO_MONTH_RE.match(text)) is not None:
        return _iso_month(int(match["y"]), match["m"])
    if _YEAR_RE.match(text) is not None:
        year = int(text)
        _check_year(year)
        return _Shape(datetime.date(year, 1, 1), datetime.date(year, 12, 31), Precision.YEAR)
    if (match := _SEASON_RE.match(text)) is not None:
        return _season(match["season"], match["y"], match["y2"], match["sep"])
    if (match := _WEEK_RE.match(text)) is not None:
        return _week(match["rest"], ending=match["ending"] is not None, pivot=pivot)
    if (match := _PART_OF_RE.match(text)) is not None:
        return _part_of(match["part"], match["rest"], pivot)
    _reject_incomplete(text)
    return None


def _check_weekday(weekday: int, date: datetime.date) -> None:
    if date.weekday() != weekday:
        raise _Invalid(
            _MISMATCH,
            f"{_format_day(date)} was a {_WEEKDAY_NAMES[date.weekday()]}, "
            f"not a {_WEEKDAY_NAMES[weekday]}",
        )


def _iso_month(year: int, month_text: str) -> _Shape:
    month = int(month_text)
    short = year % 100
    if len(month_text) == 2 and month_text != "00" and int(month_text) == (short + 1) % 100:
        if month > 12:
            raise _Invalid(
                _AMBIGUOUS,
                f"write a span of years in full, for example '{year} – {year + 1}'",
            )
        raise _Invalid(
            _AMBIGUOUS,
            f"it could be {_MONTH_NAMES[month - 1]} {year} or the years {year} to "
            f"{year + 1}; write '{_MONTH_SHORT[month - 1]} {year}' or '{year} – {year + 1}'",
        )
    return _month_span(year, month)


def _season(
    name: str, year_text: str, second_text: str | None, separator: str | None
) -> _Shape | None:
    """A meteorological season; only winter may name two years (``Winter 2015/16``).

    With a dash, anything but a winter's two years is left to be read as a span
    (``Summer 2015 - 2016``).
    """
    year = int(year_text)
    _check_year(year)
    first_month = _SEASON_START[name]
    if second_text is not None:
        second = int(second_text)
        expected = year + 1 if len(second_text) == 4 else (year + 1) % 100
        if separator == "-" and (first_month != 12 or second != expected):
            return None
        if first_month != 12:
            raise _Invalid(_MISMATCH, "only winter runs from one year into the next")
        if second != expected:
            raise _Invalid(
                _MISMATCH,
                f"winter {year} runs into {year + 1}, so it is written {year}/"
                f"{(year + 1) % 100:02d}",
            )
    start = datetime.date(year, first_month, 1)
    if first_month == 12:
        end = datetime.date(year + 1, 2, _last_day(year + 1, 2))
    else:
        end = datetime.date(year, first_month + 2, _last_day(year, first_month + 2))
    return _Shape(start, end, Precision.SEASON)


def _week(rest: str, *, ending: bool, pivot: int) -> _Shape | None:
    inner = _single(rest, pivot)
    if inner is None or inner.precision != Precision.DAY or inner.time is not None:
        return None
    if ending:
        return _Shape(inner.start - datetime.timedelta(days=6), inner.start, Precision.WEEK)
    return _Shape(inner.start, inner.start + datetime.timedelta(days=6), Precision.WEEK)


def _part_of(part: str, rest: str, pivot: int) -> _Shape | None:
    """Early, mid or late in a month (days 1–10, 11–20, 21–end) or a year (thirds)."""
    inner = _single(rest, pivot)
    if inner is None:
        return None
    third = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1}.get(part, 2)
    year, month = inner.start.year, inner.start.month
    if inner.precision == Precision.MONTH:
        first_day = (1, 11, 21)[third]
        last_day = (10, 20, _last_day(year, month))[third]
        start, end = datetime.date(year, month, first_day), datetime.date(year, month, last_day)
    elif inner.precision == Precision.YEAR:
        first_month = 1 + 4 * third
        start = datetime.date(year, first_month, 1)
        end = datetime.date(year, first_month + 3, _last_day(year, first_month + 3))
    else:
        return None
    return _Shape(start, end, Precision.RANGE, qualifier=Qualifier.AROUND)


def _reject_incomplete(text: str) -> None:
    """Report shapes that are nearly dates, so the message says what is missing."""
    if (match := _WORD_MONTH_SHORT_YEAR_RE.match(text)) is not None and len(match["n"]) == 2:
        raise _Invalid(
            _AMBIGUOUS,
            "the number could be a day or a two-digit year; write the year in full",
        )
    if (
        _DAY_MONTH_WORD_RE.match(text) is not None
        or _MONTH_DAY_WORD_RE.match(text) is not None
        or _DAY_MONTH_NUMERIC_RE.match(text) is not None
        or _MONTH_ONLY_RE.match(text) is not None
    ):
        raise _Invalid(_INCOMPLETE, "it has no year")


# --------------------------------------------------------------------------------------------
# Ranges
# --------------------------------------------------------------------------------------------


def _range_start(text: str, end: _Shape, pivot: int) -> datetime.date | None:
    """The start of a range, which may borrow its month and year from the end.

    ``1-3 July 2015``, ``28 Jan - 3 Feb 2015``, ``June - August 2015`` and ``1-3/7/2015``
    all leave out parts of the first date that the second one supplies.
    """
    whole = text
    weekday: int | None = None
    if (weekday_match := _WEEKDAY_RE.match(text)) is not None:
        weekday = _WEEKDAY_LOOKUP[weekday_match["wd"]]
        text = text[weekday_match.end() :]
    year = end.start.year
    start: datetime.date | None = None
    if (match := _DAY_ONLY_RE.match(text)) is not None:
        if end.precision == Precision.DAY:
            start = _make_date(year, end.start.month, int(match["d"]))
    elif (match := _DAY_MONTH_WORD_RE.match(text) or _MONTH_DAY_WORD_RE.match(text)) is not None:
        start = _make_date(year, _month_of(match["mon"]), int(match["d"]))
    elif (match := _DAY_MONTH_NUMERIC_RE.match(text)) is not None:
        start = _make_date(year, int(match["m"]), int(match["d"]))
    elif (match := _MONTH_ONLY_RE.match(text)) is not None:
        if end.precision == Precision.MONTH:
            start = datetime.date(year, _month_of(match["mon"]), 1)
    else:
        # A complete date of its own; `_single` checks any weekday itself.
        shape = _single(whole, pivot)
        if shape is None:
            return None
        if shape.time is not None:
            raise _Invalid(_UNREADABLE, "a span of dates cannot carry a time of day")
        return shape.start
    if start is not None and weekday is not None:
        _check_weekday(weekday, start)
    return start


def _range(text: str, pivot: int) -> tuple[datetime.date, datetime.date] | None:
    """A span written as two dates (``A - B``, ``A to B``, ``between A and B``), or ``None``.

    Every place the text could be split is tried, spaced separators (``A - B``) before tight
    ones (``1-3/7/2015``), because a dash with spaces round it is plainly the break between
    two dates. If two splits of the same kind read as different spans, the text is
    ambiguous and is reported rather than guessed.
    """
    if (between := _BETWEEN_RE.match(text)) is not None:
        tiers = [[(between["a"], between["b"])]]
    else:
        spaced: list[tuple[str, str]] = []
        tight: list[tuple[str, str]] = []
        for sep in _RANGE_SEP_RE.finditer(text):
            found_sep = sep.group()
            tier = spaced if found_sep[0].isspace() and found_sep[-1].isspace() else tight
            tier.append((text[: sep.start()], text[sep.end() :]))
        tiers = [spaced, tight]
    first_problem: _Invalid | None = None
    for splits in tiers:
        found: set[tuple[datetime.date, datetime.date]] = set()
        for first, second in splits:
            try:
                span = _split_span(first.strip(), second.strip(), pivot)
            except _Invalid as invalid:
                first_problem = first_problem or invalid
                continue
            if span is not None:
                found.add(span)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise _Invalid(_AMBIGUOUS, "it can be read as more than one span of dates")
    if first_problem is not None:
        raise first_problem
    return None


def _split_span(first: str, second: str, pivot: int) -> tuple[datetime.date, datetime.date] | None:
    """The span from ``first`` to ``second``, or ``None`` if either is not a date."""
    if not first or not second:
        return None
    end = _single(second, pivot)
    if end is None:
        return None
    if end.time is not None:
        raise _Invalid(_UNREADABLE, "a span of dates cannot carry a time of day")
    start = _range_start(first, end, pivot)
    if start is None:
        return None
    if end.end < start:
        raise _Invalid(_BACKWARDS, "it ends before it starts")
    # A span must be writable back as dates this module accepts.
    _check_year(end.end.year)
    return start, end.end


# --------------------------------------------------------------------------------------------
# The public parser
# --------------------------------------------------------------------------------------------


def _pivot(today: datetime.date | None) -> int:
    return ((today or datetime.date.today()).year % 100) + 1


def _without_unknown_parts(text: str, pivot: int) -> str:
    """``?/05/2014`` as ``05/2014`` and ``xx/xx/14`` as ``2014``: a day (and month) the agency
    marked as not known leaves the month (or year) it did know. Other text is unchanged."""
    match = _UNKNOWN_PART_RE.match(text)
    if match is None:
        return text
    rest = match["rest"]
    if (month_year := _MONTH_YEAR_RE.match(rest)) is not None:
        year = _year(month_year["y"], pivot)
        return f"{month_year['m']}/{year}{month_year['tail']}"
    inner = _UNKNOWN_PART_RE.match(rest)
    if inner is not None and (year_only := _YEAR_TAIL_RE.match(inner["rest"])) is not None:
        return f"{_year(year_only['y'], pivot)}{year_only['tail']}"
    return text


def _from_text(original: str, pivot: int) -> FuzzyDate:
    text = _normalise(original)
    if not text:
        raise DateProblem("no date given", text=original)
    if text in _UNKNOWN_WORDS:
        return FuzzyDate(None, None, Precision.UNKNOWN, Qualifier.ON, original)
    text = _without_unknown_parts(text, pivot)

    qualifier: Qualifier | None = None
    said_from = False
    if (match := _AROUND_PREFIX_RE.match(text)) is not None:
        qualifier, text = Qualifier.AROUND, text[match.end() :]
    elif (match := _BEFORE_PREFIX_RE.match(text)) is not None:
        qualifier, text = Qualifier.BEFORE, text[match.end() :]
    elif (match := _AFTER_PREFIX_RE.match(text)) is not None:
        qualifier, text = Qualifier.AFTER, text[match.end() :]
    elif (match := _FROM_PREFIX_RE.match(text)) is not None:
        said_from, text = True, text[match.end() :]
    if (
        qualifier in (None, Qualifier.AROUND)
        and not said_from
        and (match := _AROUND_SUFFIX_RE.search(text)) is not None
    ):
        qualifier, text = Qualifier.AROUND, text[: match.start()]
    text = text.strip()
    if not text:
        raise _Invalid(_UNREADABLE, _READ_HINT).problem(original)

    if _SERIAL_RE.match(text) is not None and 20000 <= float(text) < 80001:
        serial = _from_serial(float(text), original)
        if qualifier is None and not said_from:
            return serial
        return FuzzyDate(
            serial.start,
            serial.end,
            serial.precision,
            qualifier or Qualifier.AFTER,
            original,
            serial.time,
        )

    shape = None if _BETWEEN_RE.match(text) else _single(text, pivot)
    if shape is not None:
        if qualifier is None:
            qualifier = Qualifier.AFTER if said_from else shape.qualifier
        return FuzzyDate(shape.start, shape.end, shape.precision, qualifier, original, shape.time)
    span = _range(text, pivot)
    if span is not None:
        return FuzzyDate(
            span[0], span[1], Precision.RANGE, qualifier or Qualifier.BETWEEN, original
        )
    raise _Invalid(_UNREADABLE, _READ_HINT)


def parse_uk_date(
    value: str | datetime.date | datetime.datetime | int | float | None,
    *,
    today: datetime.date | None = None,
) -> FuzzyDate:
    """Read a date from an agency chronology, always day first.

    Accepts text (``03/02/2015``, ``3rd Feb 15 2.30pm``, ``w/c 12.01.15``, ``mid-June 2015``,
    ``approx 03/2015``, ``1-3 July 2015``, ``unknown`` and many more), spreadsheet date cells
    (`datetime.date` and `datetime.datetime`) and spreadsheet numbers (Excel day numbers
    20000 to 80000, or a whole-number year 1900 to 2100).

    ``today`` fixes the century of two-digit years: years up to next year's two digits are
    this century (``15`` is 2015) and the rest the last (``85`` is 1985).

    Seasons are the Met Office's meteorological ones: spring is March to May, summer June to
    August, autumn (or fall) September to November. ``Winter 2015`` is the winter that
    *starts* in December 2015, running to the end of February 2016, the same as
    ``Winter 2015/16``: reviewers date a winter by its December, and reading it this way
    means every winter is one unbroken span.

    Raises `DateProblem` for anything blank, unreadable, impossible or ambiguous.
    """
    if value is None:
        raise DateProblem("no date given", text="")
    if isinstance(value, str):
        try:
            return _from_text(value, _pivot(today))
        except _Invalid as invalid:
            raise invalid.problem(value) from None
    original = str(value)
    if isinstance(value, datetime.datetime):
        day = value.date()
        time: datetime.time | None = _round_to_minute(value.time())
        if time == datetime.time(0, 0):
            time = None
    elif isinstance(value, datetime.date):
        day, time = value, None
    else:
        # Numbers from spreadsheet cells; float() also takes numpy and Decimal numbers.
        try:
            number = float(value) if not isinstance(value, bool) else math.nan
        except (TypeError, ValueError):
            number = math.nan
        return _from_number(number, original)
    try:
        _check_year(day.year)
    except _Invalid as invalid:
        raise invalid.problem(original) from None
    return FuzzyDate(day, day, Precision.DAY, Qualifier.ON, original, time)


# --------------------------------------------------------------------------------------------
# Writing dates back
# --------------------------------------------------------------------------------------------

_PREFIX: Final[dict[Qualifier, str]] = {
    Qualifier.AROUND: "c. ",
    Qualifier.BEFORE: "before ",
    Qualifier.AFTER: "after ",
}


def _format_day(date: datetime.date) -> str:
    return f"{date.day} {_MONTH_SHORT[date.month - 1]} {date.year}"


def _format_span(start: datetime.date, end: datetime.date) -> str:
    whole_months = start.day == 1 and end.day == _last_day(end.year, end.month)
    if whole_months and start.month == 1 and end.month == 12 and start.year != end.year:
        return f"{start.year} – {end.year}"
    first_month, last_month = _MONTH_SHORT[start.month - 1], _MONTH_SHORT[end.month - 1]
    if whole_months and (start.year, start.month) != (end.year, end.month):
        if start.year == end.year:
            return f"{first_month} – {last_month} {end.year}"
        return f"{first_month} {start.year} – {last_month} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {last_month} {end.year}"
    if start.year == end.year:
        return f"{start.day} {first_month} – {end.day} {last_month} {end.year}"
    return f"{_format_day(start)} – {_format_day(end)}"


def format_uk_date(d: FuzzyDate) -> str:
    """Write a date the way a reviewer would: ``3 Feb 2015``, ``c. Mar 2015``, ``w/c 12 Jan 2015``.

    Spans use an en dash (``12–18 Jan 2015``, ``28 Jan – 3 Feb 2015``, ``Jun – Aug 2015``,
    ``2014 – 2015``). ``c.`` marks a rough date, ``before`` and ``after`` their qualifiers;
    a plain span needs no word. The time of day is not included: it has its own column.
    Reading the result with `parse_uk_date` gives back the same span, precision and qualifier.
    """
    if d.precision == Precision.UNKNOWN or d.start is None or d.end is None:
        return "date unknown"
    start, end = d.start, d.end
    if d.precision == Precision.DAY and start == end:
        body = _format_day(start)
    elif d.precision == Precision.WEEK:
        body = f"w/c {_format_day(start)}"
    elif d.precision == Precision.MONTH:
        body = f"{_MONTH_SHORT[start.month - 1]} {start.year}"
    elif d.precision == Precision.YEAR:
        body = str(start.year)
    elif d.precision == Precision.SEASON and start.month in _SEASON_NAME and start.day == 1:
        body = f"{_SEASON_NAME[start.month]} {start.year}"
        if start.month == 12:
            body += f"/{(start.year + 1) % 100:02d}"
    else:
        body = _format_span(start, end)
    return _PREFIX.get(d.qualifier, "") + body
