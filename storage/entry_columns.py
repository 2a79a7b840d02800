"""The whole chronology read at once, kept as columns (issue 16: opening a 50,000-entry review).

`StoredColumns` fetches every `chronology_entry` row in chunks and keeps it as columns, one
list per column: no tuple per row is kept, and a value that repeats from row to row (a date,
how it was meant, a source, a practitioner) is kept once however many rows share it. The
chronological order is worked out from the raw values (ISO dates and times sort as text), so
nothing is decoded to find it. An entry is made from its columns only when it is asked for
(`EntryRows`), and what an overview needs of every entry (`EntrySketch`) is read from the
columns without making any.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, CursorResult, Select, select

from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier
from reviewer_app.chronology.entry import ChronologyEntry, Provenance, flags_from_bits
from reviewer_app.chronology.rows import EntrySketch, day_span
from storage.schema import chronology_entry as entry_table

PRECISIONS = {p.value: p for p in Precision}
QUALIFIERS = {q.value: q for q in Qualifier}

#: Columns whose values repeat from row to row: each distinct value is kept once.
_SHARED = frozenset(
    {
        "date_start",
        "date_end",
        "date_precision",
        "date_qualifier",
        "date_original",
        "time",
        "source",
        "practitioner",
    }
)
_CHUNK = 2000  # rows fetched at a time: the memory of one chunk is reused by the next
#: The page cache while every row is read, in KiB: a read of the whole table looks at each
#: page once, so keeping them all would only hold a second copy of the file in memory.
READ_CACHE_SIZE = -2048

#: A stored date's (first day, day after the last) as ordinals, precision and qualifier.
_Days = tuple[int | None, int | None, Precision, Qualifier]


#: The text columns of an entry.
TEXT_COLUMNS = ("source", "practitioner", "event", "outcome", "agency_comment", "comment")
#: The columns read apart from the rest, a page of entries at a time, when entries are made:
#: listing, ordering and laying out the chronology needs none of them, and what it needs is
#: in one index (`migration_steps/chronology_overview_index.py`), read without the table.
LATER_COLUMNS = (*TEXT_COLUMNS, "date_original", "batch_id", "row_number")
#: Reads, by entry id, what is read later of each of these entries (ids not found are left out);
#: given None, of every entry, in one pass.
ReadLater = Callable[[Sequence[int] | None], dict[int, Any]]
#: Reads the stored `original_row` of each of these entry ids (or of every entry, given None).
ReadOriginals = ReadLater
ORIGINALS_PAGE = 256  # entries whose later columns are read together (in chronological order)
#: After this many pages have been read one by one (a sort on a text column makes every
#: entry), the rest of every entry's are read in one pass: one query, not hundreds.
PAGES_BEFORE_ALL = 16
#: An entry's texts when its row is no longer in the file. Never seen in the app, which reads
#: an entry's texts before it writes to it (`Later.settle`): only a file changed behind the
#: service's back could show it.
GONE_TEXTS = (
    *("Not in the review", "", "This entry is no longer in the review.", "", "", ""),
    *("", None, None),
)


def every_entry(names: tuple[str, ...]) -> Select[Any]:
    """What `StoredColumns` reads: these columns of every entry (the id and every column an
    entry is written to)."""
    return select(*(entry_table.c[name] for name in names))


@contextmanager
def few_pages(conn: Connection) -> Iterator[None]:
    """Read the whole table through a small page cache, then give the connection back its own
    (what a search keeps warm is unchanged)."""
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size = {READ_CACHE_SIZE}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {before}")


def stored_day(value: str | None) -> dt.date | None:
    """A day as the file stores it (ISO text), or None."""
    return dt.date.fromisoformat(value) if value else None


_DATE_COLUMNS = (
    "date_start",
    "date_end",
    "date_precision",
    "date_qualifier",
    "date_original",
    "time",
)


def stored_date(value: Mapping[str, Any]) -> FuzzyDate:
    """The date of a stored entry, from its columns by name."""
    time = value["time"]
    return FuzzyDate(
        start=stored_day(value["date_start"]),
        end=stored_day(value["date_end"]),
        precision=PRECISIONS[value["date_precision"]],
        qualifier=QUALIFIERS[value["date_qualifier"]],
        original=value["date_original"],
        time=dt.time.fromisoformat(time) if time else None,
    )


def entry_of(
    value: Mapping[str, Any],
    people: tuple[int, ...],
    date: FuzzyDate | None = None,
    original: str | None = None,
) -> ChronologyEntry:
    """A stored entry from its columns by name (so their order does not matter); `date`, when
    given, is its date already made (entries on one date share it); `original`, when given, is
    its original row (JSON) read apart from its other columns."""
    return ChronologyEntry(
        agency_id=value["agency_id"],
        date=date if date is not None else stored_date(value),
        source=value["source"],
        event=value["event"],
        outcome=value["outcome"],
        practitioner=value["practitioner"],
        agency_comment=value["agency_comment"],
        comment=value["comment"],
        flags=flags_from_bits(value["flags"]),
        sequence=value["sequence"],
        people=people,
        provenance=Provenance(
            value["batch_id"],
            value["row_number"],
            original if original is not None else value["original_row"],
        ),
        id=value["id"],
    )


class Later:
    """What is read of entries apart from their other columns (their texts, their original
    rows), read when first asked for: the entry's and those of the rest of its page
    (`ORIGINALS_PAGE` entries in a row in chronological order) together, so a reader going
    through the chronology either way, or a table scrolled, reads a page per query; after
    `PAGES_BEFORE_ALL` pages, every entry's in one pass. Then kept (the same objects the entry
    made from them holds, so not a second copy, and never read again). Read by id, so an entry
    never gets another's; `settle` reads those of entries about to be written to first, so
    what is kept stays what the other columns were read with."""

    __slots__ = ("_gone", "_ids", "_kept", "_lock", "_pages", "_read")

    def __init__(self, ids: list[int], read: ReadLater, gone: Any) -> None:
        self._ids = ids  # in chronological order
        self._read = read
        self._gone = gone  # the value of an entry no longer in the file
        self._kept: dict[int, Any] = {}
        self._pages = 0
        self._lock = threading.Lock()

    def value(self, index: int) -> Any:
        """The `index`-th entry's (in chronological order)."""
        entry_id = self._ids[index]
        found = self._kept.get(entry_id)
        if found is None:
            with self._lock:  # two threads asking for one page read it once
                found = self._kept.get(entry_id)
                if found is None:
                    if self._pages < PAGES_BEFORE_ALL:
                        first = index - index % ORIGINALS_PAGE
                        page = self._ids[first : first + ORIGINALS_PAGE]
                        read = self._read(page)
                        kept = self._kept
                        for other in page:  # what was kept before stays as it was read
                            if other not in kept:
                                kept[other] = read.get(other, self._gone)
                        self._pages += 1
                    else:
                        self._read_rest()
                    found = self._kept[entry_id]
        return found

    def settle(self, entry_ids: Collection[int] | None) -> None:
        """Read now the values not read yet of these entries (None: of every entry): they are
        about to be written to (changed, or deleted and their ids free to be given again)."""
        with self._lock:
            if entry_ids is None:
                if len(self._kept) < len(self._ids):
                    self._read_rest()
                return
            wanted = [i for i in entry_ids if i not in self._kept]
            if len(wanted) > ORIGINALS_PAGE * 4:  # many: one pass, not a query too long
                self._read_rest()
            elif wanted:
                read = self._read(wanted)
                for entry_id in wanted:
                    self._kept[entry_id] = read.get(entry_id, self._gone)

    def _read_rest(self) -> None:
        every = self._read(None)
        every.update(self._kept)  # what was read before stays as it was read
        for entry_id in self._ids:
            every.setdefault(entry_id, self._gone)
        self._kept = every


class StoredColumns:
    """Every row of `every_entry(...)`, as columns (`columns[name]`); `order[i]` is where the
    `i`-th entry in chronological order is in them. `people` gives each entry id's people.
    Read without an `original_row` column, `originals` reads entries' original rows; read
    without the `LATER_COLUMNS`, `texts` reads them (as a tuple in that order)."""

    __slots__ = ("_dates", "_days", "_ids", "_originals", "_people", "_texts", "columns", "order")

    def __init__(
        self,
        result: CursorResult[Any],
        people: dict[int, tuple[int, ...]],
        originals: ReadOriginals | None = None,
        texts: ReadLater | None = None,
    ) -> None:
        keys = result.keys()
        names = [str(name) for name in keys]
        read: tuple[list[Any], ...] = tuple([] for _ in names)
        shared: list[dict[Any, Any] | None] = [{} if name in _SHARED else None for name in names]
        # Fetched the way SQLAlchemy fetches (so damage met on the way is still reported as the
        # file's damage), as the driver's plain tuples rather than a `Row` for each.
        fetch = result.cursor_strategy.fetchmany
        while chunk := fetch(result, result.cursor, _CHUNK):
            for column, same, values in zip(read, shared, zip(*chunk, strict=True), strict=True):
                if same is None:
                    column.extend(values)
                else:  # each distinct value kept once (`map` runs the lookups in C)
                    column.extend(map(same.setdefault, values, values))
        self.columns: dict[str, list[Any]] = dict(zip(names, read, strict=True))
        self._people = people
        self._dates: dict[tuple[Any, ...], FuzzyDate] = {}
        self._days: dict[tuple[Any, ...], _Days] = {}
        self.order = self._chronological()
        self._ids: list[int] | None = None
        self._originals: Later | None = None
        self._texts: Later | None = None
        if "original_row" not in self.columns or "event" not in self.columns:
            ids = self.ids()
            if "original_row" not in self.columns:
                if originals is None:
                    raise ValueError("entries read without their original rows need `originals`")
                self._originals = Later(ids, originals, "[]")  # "[]": an entry deleted since
            if "event" not in self.columns:
                if texts is None or any(name in self.columns for name in LATER_COLUMNS):
                    raise ValueError("entries read without their texts need `texts`, and none")
                self._texts = Later(ids, texts, GONE_TEXTS)

    def settle(self, entry_ids: Collection[int] | None) -> None:
        """Read now what is read later (texts, original rows) of these entries (None: of every
        entry) not read yet: they are about to be written to, and an entry made later must still
        be the entry as it was when the rest was read."""
        for later in (self._texts, self._originals):
            if later is not None:
                later.settle(entry_ids)

    def _chronological(self) -> list[int]:
        columns = self.columns
        ids, starts, ends = columns["id"], columns["date_start"], columns["date_end"]
        times, sequences = columns["time"], columns["sequence"]
        unknown = ("", "", "", "")

        def key(j: int) -> tuple[object, ...]:
            start, end, time = starts[j], ends[j], times[j]
            if not start or not end:
                return (1, *unknown, sequences[j], ids[j])
            return (0, start, end, "1" if time else "0", time or "", sequences[j], ids[j])

        return sorted(range(len(ids)), key=key)

    def ids(self) -> list[int]:
        """Every entry's id, in chronological order (worked out once; not to be changed)."""
        if self._ids is None:
            ids = self.columns["id"]
            self._ids = [ids[j] for j in self.order]
        return self._ids

    def entry(self, index: int) -> ChronologyEntry:
        """The `index`-th entry in chronological order, made from its columns. Stored rows were
        checked when they were written, so each distinct date is built (and checked) once and
        shared by every entry on it."""
        j = self.order[index]
        value = dict(
            zip(self.columns, [column[j] for column in self.columns.values()], strict=True)
        )
        if self._texts is not None:
            value.update(zip(LATER_COLUMNS, self._texts.value(index), strict=True))
        raw_date = tuple(value[name] for name in _DATE_COLUMNS)
        date = self._dates.get(raw_date)
        if date is None:
            date = self._dates[raw_date] = stored_date(value)
        original = self._originals.value(index) if self._originals is not None else None
        return entry_of(value, self._people.get(value["id"], ()), date, original)

    def sketches(self) -> list[EntrySketch]:
        """Every entry's sketch, in chronological order, read from the columns without making
        entries; each distinct date's days are worked out once."""
        columns = self.columns
        ids, agencies, flags = columns["id"], columns["agency_id"], columns["flags"]
        starts, ends = columns["date_start"], columns["date_end"]
        precisions, qualifiers = columns["date_precision"], columns["date_qualifier"]
        known = self._days
        raw = list(zip(starts, ends, precisions, qualifiers, strict=True))
        for key in set(raw) - known.keys():
            start, end, precision, qualifier = key
            meant = PRECISIONS[precision]
            first, stop = day_span(stored_day(start), stored_day(end), meant)
            known[key] = (first, stop, meant, QUALIFIERS[qualifier])
        flag_sets = {bits: flags_from_bits(bits) for bits in set(flags)}  # a few, shared
        make = tuple.__new__  # an EntrySketch is a named tuple: made without its Python __new__
        return [
            make(EntrySketch, (ids[j], agencies[j], *known[raw[j]], flag_sets[flags[j]]))
            for j in self.order
        ]
