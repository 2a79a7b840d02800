"""Every entry of a chronology as stored rows, each decoded into a `ChronologyEntry` when first
asked for (issue 16: opening a 50,000-entry review).

The table shows a few dozen rows at a time: holding what is stored as it was read (the review
file's storage keeps it as columns) and making an entry only when a row is drawn, edited or
looked at lets the table be filled and painted for the cost of reading the rows. Every entry
made is kept, so whoever asks next (a search result, the detail panel, a tooltip) gets the same
object.

What an overview of the whole chronology needs of each entry (the timeline: its agency, its
days, how the date was meant, its flags) is read straight from what is stored as an
`EntrySketch`, so laying out 50,000 entries never makes 50,000 entries.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, overload

from reviewer_app.chronology.dates import Precision, Qualifier
from reviewer_app.chronology.entry import ChronologyEntry, Flag


class EntrySketch(NamedTuple):
    """What an overview of the chronology needs of one entry, without its text."""

    entry_id: int
    agency_id: int
    first: int | None  # ordinal of the first day; None when the date is not known
    stop: int | None  # ordinal of the day after the last; None when the date is not known
    precision: Precision
    qualifier: Qualifier
    flags: frozenset[Flag]


def day_span(start: Any, end: Any, precision: Precision) -> tuple[int, int] | tuple[None, None]:
    """(first day, day after the last) as ordinals of a date's `start` and `end` (dates), or
    (None, None) when the date is not known."""
    if precision is Precision.UNKNOWN or start is None or end is None:
        return None, None
    return start.toordinal(), end.toordinal() + 1


def sketch_of(entry: ChronologyEntry) -> EntrySketch:
    """The sketch of a saved entry (`entry.id` is set)."""
    if entry.id is None:
        raise ValueError("only saved entries are sketched")
    date = entry.date
    first, stop = day_span(date.start, date.end, date.precision)
    return EntrySketch(
        entry.id, entry.agency_id, first, stop, date.precision, date.qualifier, entry.flags
    )


def in_order(entries: Sequence[ChronologyEntry]) -> list[ChronologyEntry]:
    """The saved entries among `entries` in the chronology's order (`ChronologyEntry.sort_key`),
    the order `EntryRows` holds them in."""
    return sorted((e for e in entries if e.id is not None), key=lambda e: e.sort_key)


class EntryRows(Sequence[ChronologyEntry]):
    """The entries in chronological order; `ids[i]` is the id of entry `i`, known without
    making it. `decode(i)` makes entry `i` from what is stored (once: every entry made is
    kept); `sketch()`, when given, reads every entry's `EntrySketch` in order without making
    entries (see `sketches`); `settle(ids)`, when given, reads now whatever `decode` would
    otherwise read from the file later for those entries (see `settle`). Read-only: a caller
    that wants to change the list copies it (`list(rows)`)."""

    __slots__ = ("__weakref__", "_by_id", "_decode", "_lock", "_made", "_settle", "_sketch", "ids")

    def __init__(
        self,
        ids: Sequence[int],
        decode: Callable[[int], ChronologyEntry],
        sketch: Callable[[], list[EntrySketch]] | None = None,
        settle: Callable[[Collection[int] | None], None] | None = None,
    ) -> None:
        self.ids: tuple[int, ...] = tuple(ids)
        self._decode = decode
        self._sketch = sketch
        self._settle = settle
        self._made: list[ChronologyEntry | None] = [None] * len(self.ids)
        self._by_id: dict[int, int] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ChronologyEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[ChronologyEntry]: ...
    def __getitem__(self, index: int | slice) -> ChronologyEntry | list[ChronologyEntry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is not None:
            return made
        made = self._decode(index if index >= 0 else index + len(self.ids))
        with self._lock:  # two threads may both make it: the first one kept is everyone's
            kept = self._made[index]
            if kept is None:
                kept = self._made[index] = made
        return kept

    def __iter__(self) -> Iterator[ChronologyEntry]:
        for i in range(len(self.ids)):
            yield self[i]

    @property
    def decoded(self) -> int:
        """How many entries have been made so far."""
        return sum(1 for made in self._made if made is not None)

    def sketches(self) -> list[EntrySketch]:
        """Every entry's sketch, in order, read from what is stored without making entries."""
        if self._sketch is None:
            return [sketch_of(entry) for entry in self]
        return self._sketch()

    def settle(self, entry_ids: Collection[int] | None = None) -> None:
        """Read now what these entries (None: every entry), if not made yet, would read from the
        file when made (their texts): called before they are written to, so every entry made
        from these rows later is still the entry as it was when the rows were read, whatever the
        write changed."""
        if self._settle is not None:
            self._settle(entry_ids)

    def index_of(self, entry_id: int) -> int | None:
        """Where the entry with this id is (None if it is not here)."""
        if self._by_id is None:
            self._by_id = {entry_id: i for i, entry_id in enumerate(self.ids)}
        return self._by_id.get(entry_id)

    def by_id(self) -> EntriesById:
        """The entries by id, each made when first looked up."""
        return EntriesById(self)


class EntriesById(Mapping[int, ChronologyEntry]):
    """`EntryRows` looked up by entry id; an entry is made only when it is looked up."""

    __slots__ = ("_rows",)

    def __init__(self, rows: EntryRows) -> None:
        self._rows = rows

    def __getitem__(self, entry_id: int) -> ChronologyEntry:
        index = self._rows.index_of(entry_id)
        if index is None:
            raise KeyError(entry_id)
        return self._rows[index]

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, int) and self._rows.index_of(entry_id) is not None

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows.ids)

    def __len__(self) -> int:
        return len(self._rows)


class _CollectorPause:
    """How many stretches of `many_objects` are running, and whether the collector was on."""

    lock = threading.Lock()
    running = 0
    was_on = False


@contextmanager
def many_objects() -> Iterator[None]:
    """Hold off the cyclic garbage collector while 50,000 rows, sketches or marks are made.

    Each collection it would run meanwhile walks every object made so far, none of which is
    garbage yet: that walking cost about a third of the time taken to read and lay out a big
    review. Objects are still freed as soon as nothing refers to them; the collector is on
    again (if it was) once the last such stretch, on any thread, ends."""
    pause = _CollectorPause
    with pause.lock:
        if pause.running == 0:
            pause.was_on = gc.isenabled()
            gc.disable()
        pause.running += 1
    try:
        yield
    finally:
        with pause.lock:
            pause.running -= 1
            if pause.running == 0 and pause.was_on:
                gc.enable()
