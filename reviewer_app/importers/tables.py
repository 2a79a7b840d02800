"""Candidate tables read from an agency's file, before any heading is recognised.

Every format is read into the same shape: a `RawTable` with a name (a sheet, "Table 2" of a
Word document, or the CSV file itself) and its rows, each with the row number the agency sees
(spreadsheet row, CSV line, Word table row). Cells keep their type where the file has one
(Excel date cells arrive as `datetime`), so the date reader sees the real value.

`TableSource` lets the preview look at the head of every table cheaply and then stream only
the one it chooses, row by row; the format readers live in `csv_tables`, `xlsx_tables` and
`docx_tables`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reviewer_app.importers.limits import Limits, check_cell_length

Cell = (
    str
    | int
    | float
    | bool
    | datetime.datetime
    | datetime.date
    | datetime.time
    | datetime.timedelta
    | None
)
Row = tuple[int, list[Cell]]
_PASSED: Row = (0, [])  # in place of a row `TableSource.stream` has handed on


@dataclass(slots=True)
class RawTable:
    name: str
    rows: list[Row]


class TableSource:
    """The tables a file holds. Readers that read lazily (xlsx) override the methods."""

    def __init__(
        self, file_format: str, tables: list[RawTable], notes: list[str] | None = None
    ) -> None:
        self.file_format = file_format  # "csv", "xlsx", "docx"
        self.tables = tables
        self.notes = notes if notes is not None else []

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(table.name for table in self.tables)

    def head(self, name: str, rows: int) -> RawTable:
        """The first `rows` rows of a table, enough to find its header."""
        table = self.full(name)
        return RawTable(table.name, table.rows[:rows])

    def full(self, name: str) -> RawTable:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def stream(self, name: str) -> Iterator[Row]:
        """Every row of a table, once, in order; the preview builds its draft entries from
        this. Readers that can read a table again from the file (CSV, xlsx) override it to do
        so; here the table already read is handed over and each row let go of once passed,
        so the table and the draft entries made from it are never both held whole."""
        table = self.full(name)
        rows, table.rows = table.rows, []
        for index in range(len(rows)):
            row = rows[index]
            rows[index] = _PASSED
            yield row

    def close(self) -> None:
        """Release the file, if a lazy reader still holds it."""


class TextCache:
    """One string object for each short text that recurs across rows (a practitioner, a
    source, "No further action"), so a long chronology holds it once, not once per row."""

    __slots__ = ("_seen",)
    LONGEST = 64

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def keep(self, text: str) -> str:
        if len(text) > self.LONGEST:
            return text
        return self._seen.setdefault(text, text)


def normalise_text(text: str) -> str:
    """Cell text as the agency wrote it: only line endings and surrounding whitespace change."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def cell_text(value: Cell) -> str:
    """The text a reviewer would see in the cell; UK day-first for dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.date | datetime.time):
        return _moment_text(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


@functools.lru_cache(maxsize=8192)
def _moment_text(value: datetime.date | datetime.time) -> str:
    """A date, date and time, or time as a UK reader writes it; remembered, since the rows of
    a long workbook share their days (190,000 rows: one `strftime` a day, not a row)."""
    if isinstance(value, datetime.datetime):
        day = value.strftime("%d/%m/%Y")
        if value.time() == datetime.time(0, 0):
            return day
        return f"{day} {_time_text(value.time())}"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return _time_text(value)


def _time_text(value: datetime.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def is_blank(cells: Sequence[Cell]) -> bool:
    return all(cell_text(cell) == "" for cell in cells)


def _empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def fit_row(cells: list[Cell], limits: Limits, where: str) -> tuple[list[Cell], bool]:
    """A row trimmed of trailing empty cells and cut to the column limit.

    Returns the row and whether anything was cut off (the caller says so in a note). Text
    cells longer than the limit refuse the file: no chronology entry is that long.
    """
    end = len(cells)
    while end and _empty(cells[end - 1]):
        end -= 1
    row = cells[:end] if end < len(cells) else cells
    try:
        longest = max(map(len, row), default=0)  # type: ignore[arg-type]  # in C, for text rows
    except TypeError:  # a number, date or empty cell: measure the text ones
        longest = max(map(len, [value for value in row if isinstance(value, str)]), default=0)
    if longest > limits.max_cell_chars:
        for value in row:
            if isinstance(value, str):
                check_cell_length(value, limits, where)
    if len(row) > limits.max_columns:
        return row[: limits.max_columns], True
    return row, False


def columns_cut_note(table: str, limits: Limits) -> str:
    return (
        f"{table} has text beyond column {limits.max_columns}; only the first "
        f"{limits.max_columns} columns were read."
    )
