"""The chronology table's columns and roles, and what typing into a cell means.

Kept apart from the model so the rules for an edited cell (a date read day first, a time only on
a single day, a source never blank) can be read, and tested, on their own.
"""

from __future__ import annotations

import dataclasses
from enum import IntEnum
from typing import Final

from PySide6.QtCore import Qt

from reviewer_app.chronology.dates import DateProblem, Precision, parse_time, parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.errors import InvalidInputError


class Column(IntEnum):
    DATE = 0
    TIME = 1
    AGENCY = 2
    SOURCE = 3
    EVENT = 4
    OUTCOME = 5
    COMMENT = 6
    FLAGS = 7
    AGE = 8


TITLES: Final[dict[Column, str]] = {
    Column.DATE: "Date",
    Column.TIME: "Time",
    Column.AGENCY: "Agency",
    Column.SOURCE: "Source",
    Column.EVENT: "Event",
    Column.OUTCOME: "Outcome",
    Column.COMMENT: "Reviewer comment",
    Column.FLAGS: "Flags",
    Column.AGE: "Child's age",
}

HEADER_TIPS: Final[dict[Column, str]] = {
    Column.DATE: "The date as a reviewer writes it. Point at a date to see the agency's own text.",
    Column.TIME: "Time of day, where the agency gave one",
    Column.AGENCY: "The agency whose record this is",
    Column.SOURCE: "The record the entry comes from, such as a case note or incident log",
    Column.EVENT: "What happened, in the agency's words",
    Column.OUTCOME: "The action taken or outcome, in the agency's words",
    Column.COMMENT: "Your own comment, kept apart from the agency's words",
    Column.FLAGS: "Significant, disputed, child seen and other markers",
    Column.AGE: "The child's age on the date of the entry",
}

EDITABLE: Final = frozenset(
    {Column.DATE, Column.TIME, Column.SOURCE, Column.EVENT, Column.OUTCOME, Column.COMMENT}
)

#: The words an undo command uses for an edit of each column ("Undo change date").
EDIT_NAMES: Final[dict[Column, str]] = {
    Column.DATE: "change date",
    Column.TIME: "change time",
    Column.SOURCE: "edit source",
    Column.EVENT: "edit event",
    Column.OUTCOME: "edit outcome",
    Column.COMMENT: "edit reviewer comment",
}

TEXT_FIELDS: Final[dict[Column, str]] = {
    Column.SOURCE: "source",
    Column.EVENT: "event",
    Column.OUTCOME: "outcome",
    Column.COMMENT: "comment",
}


class Role(IntEnum):
    SORT = Qt.ItemDataRole.UserRole + 1  # a string that sorts the column (Date: chronological)
    OBJECT = Qt.ItemDataRole.UserRole + 2  # the ChronologyEntry
    ENTRY_ID = Qt.ItemDataRole.UserRole + 3  # the entry's id


def date_sort_key(entry: ChronologyEntry) -> str:
    """`ChronologyEntry.sort_key` as one string, so C++ can compare it too (unknown dates last)."""
    d = entry.date
    if d.start is None or d.end is None:
        head = "1|9999-12-31|9999-12-31|0|00:00:00"
    elif d.time is None:
        head = f"0|{d.start.isoformat()}|{d.end.isoformat()}|0|00:00:00"
    else:
        head = f"0|{d.start.isoformat()}|{d.end.isoformat()}|1|{d.time.strftime('%H:%M:%S')}"
    return f"{head}|{entry.sequence + 1_000_000_000:012d}|{entry.id or 0:012d}"


def is_single_day(entry: ChronologyEntry) -> bool:
    d = entry.date
    return d.start is not None and d.start == d.end


def edited(old: ChronologyEntry, column: Column, text: str) -> ChronologyEntry:
    """The entry after typing `text` into `column`; raises if the text cannot be accepted.

    A `DateProblem` is turned into an `InvalidInputError` whose message says nothing changed.
    """
    if column is Column.DATE:
        try:
            return _with_date(old, text)
        except DateProblem as problem:
            raise InvalidInputError(_date_refusal(problem)) from None
    if column is Column.TIME:
        return _with_time(old, text)
    if column in TEXT_FIELDS:
        return old.with_changes(**{TEXT_FIELDS[column]: text.strip()})
    raise InvalidInputError(f"The {TITLES[column].lower()} column cannot be edited here.")


def _date_refusal(problem: DateProblem) -> str:
    return (
        f"{problem} Nothing was changed. Type the date as the reviewer would write it, "
        "for example 03/02/2015, Feb 2015, approx 03/2015 or w/c 12/01/2015."
    )


def _with_date(old: ChronologyEntry, text: str) -> ChronologyEntry:
    parsed = parse_uk_date(text.strip())
    single_day = parsed.precision is Precision.DAY and parsed.start == parsed.end
    time = parsed.time if parsed.time is not None else (old.date.time if single_day else None)
    imported = old.provenance.batch_id is not None or old.provenance.row_number is not None
    # The agency's own date text stays beside an imported entry whatever the reviewer makes
    # of it; for the reviewer's own entries, the text is what they last typed.
    original = old.date.original if imported and old.date.original else text.strip()
    return old.with_changes(date=dataclasses.replace(parsed, original=original, time=time))


def _with_time(old: ChronologyEntry, text: str) -> ChronologyEntry:
    if not text.strip():
        return old.with_changes(date=dataclasses.replace(old.date, time=None))
    try:
        time = parse_time(text)
    except DateProblem as problem:
        raise InvalidInputError(
            f"{problem} Nothing was changed. Type a time such as 14:30, or leave it blank."
        ) from None
    if not is_single_day(old):
        raise InvalidInputError(
            "A time can only go with a date that is a single day. Nothing was changed: "
            "change the date to one day first, then add the time."
        )
    return old.with_changes(date=dataclasses.replace(old.date, time=time))
