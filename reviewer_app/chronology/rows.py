"""Every entry of a chronology as stored rows, each decoded into a `ChronologyEntry` when first
asked for (issue 16: opening a 50,000-entry review).

The table shows a few dozen rows at a time: holding the rows as the database gave them (tuples)
and making an entry only when a row is drawn, edited or looked at lets the table be filled and
painted for the cost of reading the rows. Every entry made is kept, so whoever asks next (the
timeline, a search result, the detail panel) gets the same object, and its stored row is let go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from reviewer_app.chronology.entry import ChronologyEntry


class EntryRows(Sequence[ChronologyEntry]):
    """The entries in chronological order; `ids[i]` is the id of entry `i`, known without
    decoding it. Read-only: a caller that wants to change the list copies it (`list(rows)`)."""

    __slots__ = ("_decode", "_made", "_rows", "ids")

    def __init__(
        self,
        rows: list[Any],
        ids: Sequence[int],
        decode: Callable[[object], ChronologyEntry],
    ) -> None:
        if len(rows) != len(ids):
            raise ValueError("one id per row")
        self._rows = list(rows)  # its own list: rows are let go as they are made into entries
        self.ids: tuple[int, ...] = tuple(ids)
        self._decode = decode
        self._made: list[ChronologyEntry | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ChronologyEntry: ...
    @overload
    def __getitem__(self, index: slice) -> list[ChronologyEntry]: ...
    def __getitem__(self, index: int | slice) -> ChronologyEntry | list[ChronologyEntry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is None:
            row = self._rows[index]
            if row is None:  # another thread has just made it
                made = self._made[index]
                assert made is not None
                return made
            made = self._made[index] = self._decode(row)
            self._rows[index] = None  # the entry holds it all now: the stored row can go
        return made

    def __iter__(self) -> Iterator[ChronologyEntry]:
        for i in range(len(self._rows)):
            yield self[i]

    @property
    def decoded(self) -> int:
        """How many rows have been made into entries so far."""
        return sum(1 for made in self._made if made is not None)
