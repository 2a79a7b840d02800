"""Turning the rows under a table's header into draft entries and per-row problems.

Nothing is guessed or merged silently. A row that looks like the rest of the row above it
(split across rows or pages) is reported, not joined; a date that cannot be read is reported
with the agency's text quoted; dates that go backwards are pointed out but do not block.
Blank rows and repeated header rows are passed over and counted.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewer_app.chronology.dates import (
    DateProblem,
    FuzzyDate,
    Precision,
    Qualifier,
    parse_time,
    parse_uk_date,
)
from reviewer_app.chronology.draft_rows import DraftRows
from reviewer_app.chronology.entry import Flag
from reviewer_app.chronology.importing import Field, ProblemKind, RowProblem
from reviewer_app.importers.headers import heading_key, is_repeated_header
from reviewer_app.importers.tables import Cell, Row, cell_text

# A row with none of these but some of the others reads as the rest of the row above.
_ANCHOR_FIELDS = (Field.DATE, Field.TIME, Field.SOURCE, Field.PRACTITIONER)
_CONTINUED_FIELDS = (Field.EVENT, Field.OUTCOME, Field.AGENCY_COMMENT)
# How the date reader words a date that is shaped like one but cannot exist.
_IMPOSSIBLE_MARKERS = (
    "is not a real date",
    "does not add up",
    "is not a usable date range",
    "has a time that does not exist",
    "cannot be used as a date",
)
_LOOKS_NUMERIC = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")
#: The date of a row that gave an event but no date: imported, with the date unknown.
UNKNOWN_DATE = FuzzyDate(None, None, Precision.UNKNOWN, Qualifier.ON, "")
_NO_FLAGS: frozenset[Flag] = frozenset()  # a new row's flags: none
_NO_TIME = frozenset({"", "-", "--", "n/k", "nk", "n/a", "na", "unknown", "not known", "?"})


@dataclass(slots=True)
class BuiltRows:
    rows: DraftRows = field(default_factory=DraftRows)  # compact: see `DraftRows`
    problems: list[RowProblem] = field(default_factory=list)
    skipped: int = 0


def made_source(file_name: str, source_default: str, row_number: int) -> str:
    """The source of a row the agency gave none for: the reviewer's source for the batch, or
    else the agency's file name and the row number, so every entry can be traced."""
    return source_default.strip() or f"{file_name}, row {row_number}"


def build_rows(
    body: Iterable[Row],
    headers: Sequence[str],
    mapping: dict[int, Field],
    *,
    file_name: str = "",
    source_default: str = "",
) -> BuiltRows:
    """Draft entries for the rows below the header (`body`), mapped by `mapping`.

    A row with no source gets one made by `made_source`; a row with an event but no date is
    kept with the date unknown; only a row with neither (or the rest of the row above, or a
    date that cannot be read) is left out. `body` is read once, in order (it may stream from
    the file), and no row is kept after it has been read, so a long table is never held whole
    beside its draft entries.
    """
    columns: dict[Field, list[int]] = {}
    for index, target in sorted(mapping.items()):
        columns.setdefault(target, []).append(index)
    header_keys = [heading_key(heading) for heading in headers]
    keys_seen: dict[str, str] = {}
    built = BuiltRows()
    previous_was_entry = False
    previous_dated: tuple[int, FuzzyDate] | None = None
    # Rows after the last one with any text are the unused rest of a sheet: not counted.
    # Blank rows are counted as passed over only once a row with text follows them.
    blank_run = 0
    previous_number = 0
    single = [(target, indexes[0]) for target, indexes in columns.items() if len(indexes) == 1]
    several = [(target, indexes) for target, indexes in columns.items() if len(indexes) > 1]
    padded: dict[int, tuple[str, ...]] = {}  # the headings, as long as a row of each width
    known_dates: dict[object, FuzzyDate | DateProblem] = {}
    source_column = Field.SOURCE in columns

    for number, cells in body:
        texts = [cell_text(cell) for cell in cells]
        above, previous_number = previous_number, number
        if not any(texts):
            blank_run += 1
            previous_was_entry = False
            continue
        built.skipped += blank_run
        blank_run = 0
        if is_repeated_header(texts, header_keys, keys_seen):
            built.skipped += 1
            previous_was_entry = False
            continue

        width = len(texts)
        values = {target: texts[i] if i < width else "" for target, i in single}
        for target, indexes in several:
            values[target] = "\n".join(texts[i] for i in indexes if i < width and texts[i])
        problems: list[RowProblem] = []
        date: FuzzyDate | None = None

        continuation = (
            previous_was_entry
            and not any(values.get(f) for f in _ANCHOR_FIELDS)
            and any(values.get(f) for f in _CONTINUED_FIELDS)
        )
        if continuation:
            problems.append(
                RowProblem(
                    number,
                    ProblemKind.SPLIT_ROW,
                    f"row {number}: no date or source; it looks like more text for row {above} "
                    "(one entry split over two rows). Join it to that row, or give it its own "
                    "date and source.",
                )
            )
        else:
            date = read_row_date(
                number,
                values,
                _cell(cells, columns, Field.DATE),
                _cell(cells, columns, Field.TIME),
                problems,
                known_dates,
            )
            problems.extend(content_problems(number, values, source_column=source_column))
            if not values.get(Field.DATE) and values.get(Field.EVENT):
                date = UNKNOWN_DATE
        if date is not None and date.start is not None:
            if previous_dated is not None and _goes_backwards(previous_dated[1], date):
                earlier_row, earlier = previous_dated
                problems.append(
                    RowProblem(
                        number,
                        ProblemKind.OUT_OF_ORDER,
                        f"row {number}: the date '{_shown(date.original)}' is earlier than "
                        f"'{_shown(earlier.original)}' in row {earlier_row}; the rows may be out "
                        "of order, or one of the dates mistyped.",
                    )
                )
            previous_dated = (number, date)

        source = values.get(Field.SOURCE) or made_source(file_name, source_default, number)
        width = max(len(headers), width)
        headings = padded.get(width)
        if headings is None:
            headings = padded[width] = tuple(headers) + ("",) * (width - len(headers))
        if len(texts) < width:
            texts.extend([""] * (width - len(texts)))
        built.rows.append_row(  # a `DraftEntry`'s parts (see `TEXT_FIELDS`), without making one
            number,
            date,
            headings,
            texts,
            (
                source,
                values.get(Field.EVENT, ""),
                values.get(Field.OUTCOME, ""),
                values.get(Field.PRACTITIONER, ""),
                values.get(Field.AGENCY_COMMENT, ""),
            ),
            (_NO_FLAGS, not values.get(Field.SOURCE)),
        )
        built.problems.extend(problems)
        previous_was_entry = True
    return built


def read_row_date(
    number: int,
    values: dict[Field, str],
    date_cell: Cell,
    time_cell: Cell,
    problems: list[RowProblem],
    known: dict[object, FuzzyDate | DateProblem] | None = None,
) -> FuzzyDate | None:
    """The row's date with its time, or None (no date given, or one that cannot be read, with
    a problem said)."""
    if not values.get(Field.DATE):
        return None
    date = _read_date(number, date_cell, values, problems, known)
    if date is None:
        return None
    return _with_time(number, date, time_cell, values.get(Field.TIME, ""), problems)


def content_problems(
    number: int, values: dict[Field, str], *, source_column: bool
) -> list[RowProblem]:
    """What the row lacks besides a readable date. Only a row with neither a date nor an
    event is left out; a missing source is said only when the file has a source column (a
    file without one is noted once, not on every row)."""
    has_date, has_event = bool(values.get(Field.DATE)), bool(values.get(Field.EVENT))
    if not has_date and not has_event:
        return [
            RowProblem(
                number,
                ProblemKind.NO_DATE_OR_EVENT,
                f"row {number}: no date and no description of what happened were given, so "
                "there is nothing to import.",
            )
        ]
    problems: list[RowProblem] = []
    if not has_date:
        problems.append(
            RowProblem(
                number,
                ProblemKind.MISSING_DATE,
                f"row {number}: no date was given; the entry is imported with the date unknown.",
            )
        )
    if source_column and not values.get(Field.SOURCE):
        problems.append(
            RowProblem(
                number,
                ProblemKind.MISSING_SOURCE,
                f"row {number}: no source was given (the record this entry comes from, such as "
                "'Case note' or 'Incident log 14/123'); the source for the whole file is used.",
            )
        )
    if not has_event:
        problems.append(
            RowProblem(
                number,
                ProblemKind.MISSING_EVENT,
                f"row {number}: no description of what happened was given, so the row is "
                "left out (every entry needs one). Type it in, or ask the agency for it.",
            )
        )
    return problems


def _shown(text: str) -> str:
    return " ".join(text.split())


def _cell(cells: list[Cell], columns: dict[Field, list[int]], target: Field) -> Cell:
    indexes = columns.get(target)
    if not indexes or indexes[0] >= len(cells):
        return None
    return cells[indexes[0]]


def _read_date(
    number: int,
    cell: Cell,
    values: dict[Field, str],
    problems: list[RowProblem],
    known: dict[object, FuzzyDate | DateProblem] | None = None,
) -> FuzzyDate | None:
    """The row's date, or None with a problem said. `known` keeps what each date text (or
    date cell) has read as, so the many rows of one day are read once and share one date."""
    text = values.get(Field.DATE, "")
    key: object = text if isinstance(cell, str) or cell is None else (type(cell), cell, text)
    found = known.get(key) if known is not None else None
    if found is None:
        try:
            found = _date_of(cell, text)
        except DateProblem as problem:
            # Kept without its traceback: that would hold every frame up to the preview (and
            # the file's bytes) in a cycle only a full garbage collection frees.
            found = problem.with_traceback(None)
        if known is not None:
            known[key] = found
    if isinstance(found, DateProblem):
        problems.append(_date_problem(number, text, found))
        return None
    return found


def _date_of(cell: Cell, text: str) -> FuzzyDate:
    if isinstance(cell, datetime.time | datetime.timedelta):
        raise DateProblem(f"'{text}' is a time of day, not a date.", text=text)
    if isinstance(cell, datetime.date | int | float) and not isinstance(cell, bool):
        return dataclasses.replace(parse_uk_date(cell), original=text)
    return parse_uk_date(text)


def _date_problem(number: int, text: str, problem: DateProblem) -> RowProblem:
    message = str(problem)
    impossible = any(marker in message for marker in _IMPOSSIBLE_MARKERS) or (
        "not a date I can read" not in message and _LOOKS_NUMERIC.search(text) is not None
    )
    if impossible:
        message = message.replace(" is not a real date", " does not exist", 1)
    kind = ProblemKind.IMPOSSIBLE_DATE if impossible else ProblemKind.UNREADABLE_DATE
    return RowProblem(number, kind, f"row {number}: date {message}")


def _time_value(cell: Cell, text: str) -> datetime.time | None:
    """A time from a time column: Excel time cells, day fractions, or text such as 14:30."""
    if isinstance(cell, datetime.datetime):
        value = cell.time()
    elif isinstance(cell, datetime.time):
        value = cell
    elif isinstance(cell, datetime.timedelta) and 0 <= cell.total_seconds() < 24 * 3600:
        value = (datetime.datetime.min + cell).time()
    elif isinstance(cell, float) and 0 <= cell < 1:
        minutes = min(round(cell * 24 * 60), 24 * 60 - 1)
        return datetime.time(minutes // 60, minutes % 60)
    else:
        if text.casefold() in _NO_TIME:
            return None
        return parse_time(text)
    return value.replace(second=0, microsecond=0)


def _with_time(
    number: int, date: FuzzyDate, cell: Cell, text: str, problems: list[RowProblem]
) -> FuzzyDate:
    if not text:
        return date
    try:
        time = _time_value(cell, text)
    except DateProblem as problem:
        problems.append(RowProblem(number, ProblemKind.BAD_TIME, f"row {number}: time {problem}"))
        return date
    if time is None:
        return date
    if date.precision is not Precision.DAY:
        problems.append(
            RowProblem(
                number,
                ProblemKind.BAD_TIME,
                f"row {number}: the time '{text}' was left out, because the date "
                f"'{_shown(date.original)}' is not a single day.",
            )
        )
        return date
    if date.time is not None and date.time != time:
        problems.append(
            RowProblem(
                number,
                ProblemKind.BAD_TIME,
                f"row {number}: the date gives the time {date.time:%H:%M} but the time column "
                f"says {time:%H:%M}; the time column was used.",
            )
        )
    return dataclasses.replace(date, time=time)


def _goes_backwards(previous: FuzzyDate, current: FuzzyDate) -> bool:
    assert previous.start is not None and current.start is not None
    assert current.end is not None
    if current.end < previous.start:
        return True
    same_day = previous.start == previous.end == current.start == current.end
    return (
        same_day
        and previous.time is not None
        and current.time is not None
        and current.time < previous.time
    )
