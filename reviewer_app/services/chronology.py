"""Chronology use cases: agencies, entries, imports as batches, search, same-event review."""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from reviewer_app.chronology import same_event
from reviewer_app.chronology.dates import FuzzyDate
from reviewer_app.chronology.draft_rows import dated_count, every_part
from reviewer_app.chronology.entry import (
    Agency,
    AgencyType,
    ChronologyEntry,
    age_at,
    check_entry_texts,
)
from reviewer_app.chronology.importing import DraftEntry, ImportedRow, ImportPreview
from reviewer_app.chronology.repository import (
    ChronologyRepository,
    EntryFilter,
    ImportBatch,
    Progress,
    SameEventDecision,
    SameEventStatus,
)
from reviewer_app.chronology.rows import EntryRows
from reviewer_app.errors import InvalidInputError
from reviewer_app.removed_rows import RemovedRows
from reviewer_app.services.changes import ChangeBus, Part, writes


@dataclass(frozen=True, slots=True)
class ImportResult:
    batch: ImportBatch
    imported: int
    left_out: int


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One event as every agency recorded it, side by side, with what differs named."""

    entries: tuple[ChronologyEntry, ...]
    differing: tuple[str, ...]


def imported_rows(rows: Sequence[DraftEntry]) -> Iterator[ImportedRow]:
    """The dated rows of `rows` as their batch stores them, each with its same-day sequence
    number in file order (so untimed entries on one day keep their order); a row without a
    date is left out. Read once, a row at a time, never making a `DraftEntry` or a
    `ChronologyEntry` for a row kept compactly (200,000 rows are made as they are written)."""
    seen: dict[tuple[object, object], int] = {}
    for number, date, texts, others, headings, cells in every_part(rows):
        if date is None:
            continue
        key = (date.start, date.end)
        seen[key] = sequence = seen.get(key, -1) + 1
        source, event, outcome, practitioner, agency_comment = texts
        check_entry_texts(source, event)  # as `ChronologyEntry` does
        yield ImportedRow(
            date,
            sequence,
            source,
            event,
            outcome,
            practitioner,
            agency_comment,
            others[0],  # the flags: `OTHER_FIELDS`
            number,
            headings,
            cells,
        )


class ChronologyService:
    """Shared by every page of a workspace. The whole chronology is read once and kept until
    a change made through this service, so the table, the timeline and the agencies page do not
    each read 50,000 entries; pages may call it from worker threads."""

    def __init__(self, repository: ChronologyRepository, changes: ChangeBus | None = None) -> None:
        self.repository = repository
        self._entries: Sequence[ChronologyEntry] | None = None
        # Held while the entries are read and while they are written (re-entered by a write
        # that reads), so rows are never read half before and half after a write.
        self._lock = threading.RLock()
        #: The rows handed out that someone still holds (a page may keep showing rows read
        #: before a write until it reads again): each is settled before every write.
        self._handed: weakref.WeakSet[EntryRows] = weakref.WeakSet()
        self.changes = changes or ChangeBus()
        # Any write to the review may reach the entries (deleting a person or a finding takes
        # its links away), so the cached copy goes whichever service made the change.
        self.changes.subscribe(self._heard)

    def _heard(self, part: Part) -> None:
        if part in (Part.CHRONOLOGY, Part.PEOPLE, Part.ANALYSIS, Part.DETAILS):
            self._changed()

    def _changed(self) -> None:
        with self._lock:
            self._entries = None

    @contextmanager
    def _writing(self, entry_ids: Collection[int] | None = ()) -> Iterator[None]:
        """Around a write to these entries (None: to any): every rows read before it that anyone
        still holds (shown, perhaps, until the pages read them again) first reads what it would
        otherwise read when those entries are made (`EntryRows.settle`), so it stays the
        chronology as it was (an entry added, or put back under its old id, is in no rows read
        before it went); then the service lets its own go."""
        with self._lock:
            for rows in list(self._handed):  # every one still held by anyone
                rows.settle(entry_ids)
            try:
                yield
            finally:
                self._entries = None

    # -- agencies -------------------------------------------------------------------------
    def agencies(self) -> list[Agency]:
        return self.repository.agencies()

    @writes(Part.CHRONOLOGY)
    def ensure_agency(self, name: str, agency_type: AgencyType = AgencyType.OTHER) -> Agency:
        found = self.repository.agency_named(name)
        return found if found is not None else self.repository.add_agency(Agency(name, agency_type))

    # -- entries --------------------------------------------------------------------------
    def entries(self) -> list[ChronologyEntry]:
        """Every entry in chronological order (a fresh list: callers may keep or sort it)."""
        return list(self.entry_rows())

    def entry_rows(self) -> Sequence[ChronologyEntry]:
        """Every entry in chronological order, shared and read-only: the repository's rows,
        each made into an entry when first asked for (so the table is filled without making
        50,000 of them); copy it to change it."""
        with self._lock:
            if self._entries is None:
                self._entries = rows = self.repository.entry_rows()
                if isinstance(rows, EntryRows):
                    self._handed.add(rows)
            return self._entries

    def entries_per_agency(self) -> dict[int, int]:
        """How many entries each agency has (agencies with none are left out), without making
        the entries."""
        return self.repository.entries_per_agency()

    def next_sequence(self, date: FuzzyDate) -> int:
        """The order within its day for a new entry on `date`: after the entries already on
        exactly that date (so an entry added by hand lands last on its day)."""
        last = self.repository.last_sequence_on(date.start, date.end)
        return 0 if last is None else last + 1

    @writes(Part.CHRONOLOGY)
    def add_entry(self, entry: ChronologyEntry) -> ChronologyEntry:
        with self._writing():
            return self.repository.add(entry)

    @writes(Part.CHRONOLOGY)
    def update_entry(self, entry: ChronologyEntry) -> None:
        with self._writing(() if entry.id is None else (entry.id,)):
            self.repository.update(entry)

    @writes(Part.CHRONOLOGY)
    def delete_entry(self, entry_id: int) -> None:
        with self._writing((entry_id,)):
            self.repository.delete(entry_id)

    @writes(Part.CHRONOLOGY)
    def remove_entries(self, entry_ids: Sequence[int]) -> RemovedRows:
        """Delete entries (all or none); what is returned lets `restore_entries` put them back
        under the same ids with every link to them (undo)."""
        with self._writing(entry_ids):
            return self.repository.remove(entry_ids)

    @writes(Part.CHRONOLOGY)
    def restore_entries(self, removed: RemovedRows) -> None:
        with self._writing():
            self.repository.restore(removed)

    def search(self, query: EntryFilter) -> list[int]:
        return self.repository.search(query)

    def search_ids(self, query: EntryFilter) -> frozenset[int]:
        """The matching entries' ids, in no order: what a filter needs, found faster."""
        return self.repository.search_ids(query)

    def subject_date_of_birth(self) -> dt.date | None:
        return self.repository.subject_date_of_birth()

    def child_age(self, date: FuzzyDate, date_of_birth: dt.date | None = None) -> str:
        dob = (
            date_of_birth if date_of_birth is not None else self.repository.subject_date_of_birth()
        )
        return age_at(dob, date) if dob else ""

    # -- imports --------------------------------------------------------------------------
    @writes(Part.CHRONOLOGY)
    def commit_import(
        self,
        preview: ImportPreview,
        agency: Agency,
        *,
        replaces: int | None = None,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Store the preview's importable rows as one batch, in one transaction.

        Rows with a blocking problem (no readable date, no source, no event) are left out and
        counted; the reviewer has the validation report to send back to the agency. An agency
        not yet saved (no id) is added in the same transaction as its batch, so an import that
        fails, is cancelled or is killed part-way leaves no agency behind.
        """
        rows = preview.importable
        if not rows:
            raise InvalidInputError(
                f"None of the rows in '{preview.file_name}' can be imported: every row has a "
                "problem. Save the validation report and send it to the agency."
            )
        agency_id = agency.id if agency.id is not None else 0  # 0: the new agency's, when added
        imported = dated_count(rows)
        # A generator, not a list: the repository writes the rows a chunk at a time, so a
        # 200,000-row import never holds a second copy of every row.
        entries = imported_rows(rows)
        left_out = len(preview.rows) - imported
        batch = ImportBatch(
            agency_id=agency_id,
            file_name=preview.file_name,
            file_format=preview.file_format,
            row_count=len(preview.rows),
            left_out=left_out,
            sheet=preview.sheet,
            mapping={str(k): v.value for k, v in preview.mapping.items()},
        )
        with self._writing(None if replaces is not None else ()):  # a batch replaced goes
            stored = self.repository.add_batch(
                batch,
                entries,
                replaces=replaces,
                progress=progress,
                new_agency=agency if agency.id is None else None,
                total=imported,
            )
        return ImportResult(stored, imported, left_out)

    @writes(Part.CHRONOLOGY)
    def import_for_agency(
        self,
        preview: ImportPreview,
        agency_name: str,
        agency_type: AgencyType = AgencyType.OTHER,
        *,
        replaces: int | None = None,
        progress: Progress | None = None,
    ) -> tuple[Agency, ImportResult]:
        """Import for the named agency, adding it if new, in the import's own transaction: an
        import that fails, is cancelled or is killed part-way leaves no new agency behind."""
        existing = self.repository.agency_named(agency_name)
        agency = existing or Agency(agency_name.strip(), agency_type)
        result = self.commit_import(preview, agency, replaces=replaces, progress=progress)
        if existing is None:
            agency = Agency(agency.name, agency.agency_type, result.batch.agency_id)
        return agency, result

    def batches(self) -> list[ImportBatch]:
        return self.repository.batches()

    @writes(Part.CHRONOLOGY)
    def remove_batch(self, batch_id: int) -> int:
        with self._writing(None):  # every entry of the batch goes
            return self.repository.remove_batch(batch_id)

    # -- same events ----------------------------------------------------------------------
    def suggest_same_events(
        self,
        threshold: float = same_event.DEFAULT_THRESHOLD,
        entries: Sequence[ChronologyEntry] | None = None,
    ) -> list[same_event.Suggestion]:
        """Likely pairs, best first; among `entries` if the caller has just read them all."""
        types = {a.id: a.agency_type for a in self.agencies() if a.id is not None}
        return same_event.suggest(
            self.entries() if entries is None else entries,
            self.repository.same_event_decisions(),
            threshold,
            types,
        )

    @writes(Part.CHRONOLOGY)
    def confirm_same_event(self, entry_a: int, entry_b: int, score: float = 0.0) -> None:
        self._decide(entry_a, entry_b, SameEventStatus.CONFIRMED, score)

    @writes(Part.CHRONOLOGY)
    def dismiss_same_event(self, entry_a: int, entry_b: int, score: float = 0.0) -> None:
        self._decide(entry_a, entry_b, SameEventStatus.DISMISSED, score)

    @writes(Part.CHRONOLOGY)
    def link_as_same_event(self, entry_ids: Iterable[int]) -> int:
        """Link two or more entries by hand as one event, whatever the suggester thought; the
        links are confirmed pairs (so each agency keeps its own record). Returns how many
        links were made. Entries from one agency join through another agency's entry."""
        entries = [self.repository.entry(i) for i in dict.fromkeys(entry_ids)]
        if len(entries) < 2 or len({e.agency_id for e in entries}) < 2:
            raise InvalidInputError(
                "Choose entries from at least two agencies to link as the same event: a link "
                "joins different agencies' records of one event. Nothing was linked."
            )
        anchor = entries[0]
        other = next(e for e in entries if e.agency_id != anchor.agency_id)
        made = 0
        for entry in entries[1:]:
            partner = anchor if entry.agency_id != anchor.agency_id else other
            assert partner.id is not None and entry.id is not None
            self.repository.decide_same_event(
                SameEventDecision(partner.id, entry.id, SameEventStatus.CONFIRMED, 100.0)
            )
            made += 1
        return made

    def _decide(self, a: int, b: int, status: SameEventStatus, score: float) -> None:
        first, second = self.repository.entry(a), self.repository.entry(b)
        if first.agency_id == second.agency_id:
            raise InvalidInputError(
                "Both entries come from the same agency. Same-event links join different "
                "agencies' records of one event."
            )
        self.repository.decide_same_event(SameEventDecision(a, b, status, score))

    def merged_events(self) -> list[MergedEvent]:
        groups = same_event.confirmed_groups(self.repository.same_event_decisions())
        merged = []
        for group in groups:
            members = sorted((self.repository.entry(i) for i in group), key=lambda e: e.sort_key)
            merged.append(MergedEvent(tuple(members), same_event.differing_fields(members)))
        merged.sort(key=lambda m: m.entries[0].sort_key)
        return merged

    def linked_entries(self, entry_id: int) -> list[ChronologyEntry]:
        """The other agencies' versions of this entry's event (confirmed links only)."""
        for group in same_event.confirmed_groups(self.repository.same_event_decisions()):
            if entry_id in group:
                others = [self.repository.entry(i) for i in group if i != entry_id]
                return sorted(others, key=lambda e: e.sort_key)
        return []
