"""What the chronology services need from storage (`storage.chronology_repository`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from reviewer_app.chronology.entry import Agency, ChronologyEntry, Flag
from reviewer_app.chronology.importing import ImportedRow
from reviewer_app.removed_rows import RemovedRows

#: Called as rows are stored (done, total); raising `OperationCancelled` rolls everything back.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One agency submission: a layer of the chronology that can be removed or replaced whole."""

    agency_id: int
    file_name: str
    file_format: str
    row_count: int
    left_out: int = 0
    sheet: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    imported_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    id: int | None = None


class SameEventStatus(StrEnum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class SameEventDecision:
    entry_a: int
    entry_b: int
    status: SameEventStatus
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Filters for the chronology table and search; empty means no restriction."""

    text: str = ""
    agency_ids: frozenset[int] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    flags: frozenset[Flag] = frozenset()


class ChronologyRepository(Protocol):
    # agencies
    def agencies(self) -> list[Agency]: ...
    def add_agency(self, agency: Agency) -> Agency: ...
    def agency_named(self, name: str) -> Agency | None: ...
    def remove_unused_agency(self, agency_id: int) -> None: ...
    # entries
    def entries(self) -> list[ChronologyEntry]: ...
    def entry_rows(self) -> Sequence[ChronologyEntry]: ...
    def entry(self, entry_id: int) -> ChronologyEntry: ...
    def count(self) -> int: ...
    def entries_per_agency(self) -> dict[int, int]: ...
    def last_sequence_on(self, start: dt.date | None, end: dt.date | None) -> int | None: ...
    def add(self, entry: ChronologyEntry) -> ChronologyEntry: ...
    def add_many(self, entries: Sequence[ChronologyEntry]) -> list[int]: ...
    def update(self, entry: ChronologyEntry) -> None: ...
    def delete(self, entry_id: int) -> None: ...
    def remove(self, entry_ids: Sequence[int]) -> RemovedRows: ...
    def restore(self, removed: RemovedRows) -> None: ...
    def search(self, query: EntryFilter) -> list[int]: ...
    def search_ids(self, query: EntryFilter) -> frozenset[int]: ...
    # batches
    def batches(self) -> list[ImportBatch]: ...
    def add_batch(
        self,
        batch: ImportBatch,
        entries: Iterable[ChronologyEntry] | Iterable[ImportedRow],
        replaces: int | None = None,
        progress: Progress | None = None,
        new_agency: Agency | None = None,
        total: int | None = None,
    ) -> ImportBatch:
        """All or nothing. With `new_agency`, that agency is added in the same transaction and
        the batch and its entries are its (their `agency_id` is ignored). `entries` is read
        once and may be a generator (of entries, or of rows from an import stored as the entries
        made from them would be); `total` is its length for `progress` when it has none."""
        ...

    def remove_batch(self, batch_id: int) -> int: ...
    # same-event decisions
    def same_event_decisions(self) -> list[SameEventDecision]: ...
    def decide_same_event(self, decision: SameEventDecision) -> None: ...
    # the subject child
    def subject_date_of_birth(self) -> dt.date | None: ...
    def set_subject_date_of_birth(self, date_of_birth: dt.date | None) -> None: ...
