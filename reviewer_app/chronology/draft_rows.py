"""The rows of an import preview, kept compactly: a 200,000-row file must be previewed and
imported within the app's memory goal (300 MB), with its table on screen.

A `DraftEntry` as a dataclass costs about a kilobyte (its texts, each cell again as a
heading/text pair, the objects around them). `DraftRows` keeps every row's cells as UTF-8 in
one growing buffer, the fields that repeat a cell (the event is the Event column's text) as
that cell's position, and what rows share (the headings, each date) once; a `DraftEntry` equal
to the one stored is made again whenever a row is read. The rows are so a few large blocks of
memory, not millions of small objects that would keep the memory around them (freed by the
file's rows once read) from being used again. `RowsWithout` is the importable rows: a view
that leaves out the blocked ones, without copying any.
"""

from __future__ import annotations

import dataclasses
from abc import abstractmethod
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from reviewer_app.chronology.dates import FuzzyDate
from reviewer_app.chronology.importing import DraftEntry

_SEPARATOR = "\x00"  # never in a Word or Excel cell; a CSV row with one is kept as it is
# Fields written as text (kept in the buffer); the rest are kept as they are.
TEXT_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(DraftEntry)
    if field.type in ("str", str) and field.name != "original"
)
OTHER_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(DraftEntry)
    if field.name not in TEXT_FIELDS and field.name not in ("original", "row_number", "date")
)
if (TEXT_FIELDS, OTHER_FIELDS) != (
    ("source", "event", "outcome", "practitioner", "agency_comment"),
    ("flags", "source_made"),
):  # pragma: no cover - a change to DraftEntry: the importers give the parts in these orders
    raise RuntimeError("DraftEntry's fields are not in the order the importers give them")
_NO_TEXT = -1
#: A draft row's parts: its row number, date, the texts of `TEXT_FIELDS` and the values of
#: `OTHER_FIELDS` (in those orders), and its `original` as headings and cells, one per heading.
DraftParts = tuple[
    int, FuzzyDate | None, tuple[str, ...], tuple[Any, ...], tuple[str, ...], tuple[str, ...]
]


class _Drafts(Sequence[DraftEntry]):
    """Reading rows by index, slice or in order, and comparing them with any sequence of
    drafts (a preview made in a test holds a tuple)."""

    __slots__ = ()

    @abstractmethod
    def _at(self, index: int) -> DraftEntry:
        """The row at `index`, which is within range and not negative."""

    @overload
    def __getitem__(self, index: int) -> DraftEntry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[DraftEntry, ...]: ...
    def __getitem__(self, index: int | slice) -> DraftEntry | tuple[DraftEntry, ...]:
        if isinstance(index, slice):
            return tuple(self._at(i) for i in range(len(self))[index])
        if not -len(self) <= index < len(self):
            raise IndexError("draft row index out of range")
        return self._at(index % len(self))

    def __iter__(self) -> Iterator[DraftEntry]:
        for index in range(len(self)):
            yield self._at(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple of the same rows: unhashable


class DraftRows(_Drafts):
    """A list of draft entries kept compactly (see the module's note); appended to, not
    changed."""

    __slots__ = (
        "_date_list",
        "_date_of",
        "_dates",
        "_ends",
        "_numbers",
        "_shape_list",
        "_shape_of",
        "_shapes",
        "_text",
        "_whole",
    )

    def __init__(self, drafts: Iterable[DraftEntry] = ()) -> None:
        self._text = bytearray()  # every row's pieces, UTF-8, joined by the separator
        self._ends = array("q")  # where each row's text ends in `_text`
        self._numbers = array("q")  # each row's row number
        self._shapes = array("q")  # each row's index into `_shape_list`
        self._dates = array("q")  # each row's index into `_date_list`
        self._date_of: dict[FuzzyDate | None, int] = {}
        self._date_list: list[FuzzyDate | None] = []
        # (headings, field positions, piece count, the other fields) -> its index
        self._shape_of: dict[tuple[Any, ...], int] = {}
        self._shape_list: list[tuple[Any, ...]] = []  # and back
        self._whole: dict[int, tuple[str, ...]] = {}  # rows whose text holds the separator
        for draft in drafts:
            self.append(draft)

    def append(self, draft: DraftEntry) -> None:
        number, date, texts, others, headings, cells = _parts_of(draft)
        self.append_row(number, date, headings, list(cells), texts, others)

    def append_row(
        self,
        row_number: int,
        date: FuzzyDate | None,
        headings: tuple[str, ...],
        cells: list[str],
        texts: tuple[str, ...],
        others: tuple[Any, ...],
    ) -> None:
        """Append the row a `DraftEntry` would hold, from its parts, without making one: the
        row's `cells` under `headings` (its `original`, as two lists of one length; `cells` is
        taken over), `texts` the fields named in `TEXT_FIELDS` and `others` those in
        `OTHER_FIELDS`, in those orders. How the importers add 200,000 rows quickly."""
        pieces = cells
        where: dict[str, int] | None = None
        refs: list[int] = []
        for text in texts:
            if not text:
                refs.append(_NO_TEXT)
                continue
            if where is None:
                where = {piece: i for i, piece in enumerate(pieces)}
            found = where.get(text)
            if found is None:
                found = where[text] = len(pieces)
                pieces.append(text)
            refs.append(found)
        joined = _SEPARATOR.join(pieces)
        if joined.count(_SEPARATOR) != max(len(pieces) - 1, 0):
            self._whole[len(self._ends)] = tuple(pieces)
            joined = ""
        self._text += joined.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._text))
        self._numbers.append(row_number)
        shape = (headings, tuple(refs), len(pieces), others)
        index = self._shape_of.get(shape)
        if index is None:
            index = self._shape_of[shape] = len(self._shape_list)
            self._shape_list.append(shape)
        self._shapes.append(index)
        index = self._date_of.get(date)
        if index is None:
            index = self._date_of[date] = len(self._date_list)
            self._date_list.append(date)
        self._dates.append(index)

    def extend(self, drafts: Iterable[DraftEntry]) -> None:
        for draft in drafts:
            self.append(draft)

    def _at(self, index: int) -> DraftEntry:
        number, date, texts, others, headings, cells = self.parts(index)
        values: dict[str, Any] = dict(zip(OTHER_FIELDS, others, strict=True))
        values.update(zip(TEXT_FIELDS, texts, strict=True))
        values["row_number"] = number
        values["date"] = date
        values["original"] = tuple(zip(headings, cells, strict=True))
        return DraftEntry(**values)

    def parts(self, index: int) -> DraftParts:
        """The row at `index` (within range, not negative) as its parts, not as a
        `DraftEntry`: what `append_row` was given, with `cells` as long as `headings`."""
        headings, refs, count, others = self._shape_list[self._shapes[index]]
        whole = self._whole.get(index) if self._whole else None
        if whole is not None:
            pieces: Sequence[str] = whole
        elif count:
            start = self._ends[index - 1] if index else 0
            text = self._text[start : self._ends[index]].decode("utf-8", "surrogatepass")
            pieces = text.split(_SEPARATOR)
        else:
            pieces = ()
        return (
            self._numbers[index],
            self._date_list[self._dates[index]],
            tuple([pieces[ref] if ref != _NO_TEXT else "" for ref in refs]),
            others,
            headings,
            tuple(pieces[: len(headings)]),
        )

    def __len__(self) -> int:
        return len(self._ends)

    def __repr__(self) -> str:
        return f"DraftRows({len(self)} rows)"

    def row_numbers(self) -> Iterable[int]:
        """Every row's row number, without making the rows again."""
        return self._numbers

    def dated_count(self, indexes: Iterable[int]) -> int:
        """How many of the rows at `indexes` have a date, without making the rows again."""
        dated = [date is not None for date in self._date_list]
        dates = self._dates
        return sum(1 for i in indexes if dated[dates[i]])


class RowsWithout(_Drafts):
    """The rows of `rows` whose row numbers are not in `left_out`, in order, not copied."""

    __slots__ = ("_kept", "_rows")

    def __init__(self, rows: Sequence[DraftEntry], left_out: frozenset[int]) -> None:
        self._rows = rows
        numbers = (
            rows.row_numbers() if isinstance(rows, DraftRows) else (row.row_number for row in rows)
        )
        self._kept = array("q", (i for i, number in enumerate(numbers) if number not in left_out))

    def __len__(self) -> int:
        return len(self._kept)

    def _at(self, index: int) -> DraftEntry:
        return self._rows[self._kept[index]]

    def every_part(self) -> Iterator[DraftParts]:
        rows = self._rows
        if isinstance(rows, DraftRows):
            return map(rows.parts, self._kept)
        return map(_parts_of, map(rows.__getitem__, self._kept))

    def dated_count(self) -> int:
        rows = self._rows
        if isinstance(rows, DraftRows):
            return rows.dated_count(self._kept)
        return sum(1 for i in self._kept if rows[i].date is not None)


def every_part(rows: Sequence[DraftEntry]) -> Iterator[DraftParts]:
    """Each of `rows` as its parts (see `DraftRows.parts`), in order, read without making a
    `DraftEntry` where they are kept compactly: how an import is committed."""
    if isinstance(rows, DraftRows):
        return map(rows.parts, range(len(rows)))
    if isinstance(rows, RowsWithout):
        return rows.every_part()
    return map(_parts_of, rows)


def _parts_of(draft: DraftEntry) -> DraftParts:
    original = draft.original
    return (
        draft.row_number,
        draft.date,
        tuple([getattr(draft, name) for name in TEXT_FIELDS]),
        tuple([getattr(draft, name) for name in OTHER_FIELDS]),
        tuple([heading for heading, _ in original]),
        tuple([text for _, text in original]),
    )


def dated_count(rows: Sequence[DraftEntry]) -> int:
    """How many of `rows` have a date, read without making the rows again where they are kept
    compactly."""
    if isinstance(rows, DraftRows):
        return rows.dated_count(range(len(rows)))
    if isinstance(rows, RowsWithout):
        return rows.dated_count()
    return sum(1 for row in rows if row.date is not None)
