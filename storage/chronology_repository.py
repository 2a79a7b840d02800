"""The chronology in the review file: agencies, entries, import batches, same-event decisions.

Implements `reviewer_app.chronology.repository.ChronologyRepository`. Whole-chronology reads
use one Core query and build plain dataclasses, because that is what 50,000 entries need to
load in well under a second. Full-text search runs in SQLite's FTS5 index, which lives inside
the encrypted file like everything else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager, nullcontext
from itertools import islice
from json.encoder import encode_basestring_ascii as _json_text
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import sqlite

from reviewer_app.chronology.entry import (
    Agency,
    AgencyType,
    ChronologyEntry,
    flags_to_bits,
)
from reviewer_app.chronology.importing import ImportedRow
from reviewer_app.chronology.repository import (
    EntryFilter,
    ImportBatch,
    Progress,
    SameEventDecision,
    SameEventStatus,
)
from reviewer_app.chronology.rows import EntryRows, many_objects
from reviewer_app.errors import InvalidInputError
from reviewer_app.removed_rows import RemovedRows
from storage.bound import EngineBound
from storage.entry_columns import (
    LATER_COLUMNS,
    StoredColumns,
    entry_of,
    every_entry,
    few_pages,
    stored_day,
)
from storage.row_removal import remove_rows, restore_rows
from storage.schema import agency as agency_table
from storage.schema import chronology_entry as entry_table
from storage.schema import entry_person, import_batch, person, same_event

_CHUNK = 1000
_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(user_text: str) -> str:
    """A safe FTS5 query: every word must appear (as a prefix), whatever the user typed."""
    words = _TOKEN.findall(user_text)
    return " AND ".join(f'"{word}"*' for word in words)


# The columns an entry is written to, in the order of `entry_values`.
ENTRY_COLUMNS = (
    "agency_id",
    "batch_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_qualifier",
    "date_original",
    "time",
    "sequence",
    "source",
    "practitioner",
    "event",
    "outcome",
    "agency_comment",
    "comment",
    "flags",
    "row_number",
    "original_row",
)
# One prepared statement with positional parameters, for imports (compiled once, from the table).
_INSERT_COMPILED = insert(entry_table).compile(
    dialect=sqlite.dialect(), column_keys=list(ENTRY_COLUMNS)
)
if _INSERT_COMPILED.positiontup != list(ENTRY_COLUMNS):  # pragma: no cover - a schema slip
    raise RuntimeError("chronology_entry's insert parameters are not in ENTRY_COLUMNS order")
_INSERT_ENTRY = str(_INSERT_COMPILED)
_COMMENT, _FLAGS = ENTRY_COLUMNS.index("comment"), ENTRY_COLUMNS.index("flags")
# The trigger that indexes each new entry for search (made by step 2, made again by step 15:
# `migration_steps/search_index.py`, which keeps the same columns), and the one
# statement that indexes a whole batch instead: see `_written_in_bulk`.
_FTS_INSERT_TRIGGER = "chronology_fts_insert"
_IMPORT_CACHE_SIZE = -4096  # KiB: the page cache while an import writes (see `_written_in_bulk`)
# FTS5 gathers new terms in memory and writes them out as a segment each time this much is
# held (its default, 1 MiB, is the size put back); a bulk fill with room for 32 MiB writes far
# fewer segments to merge: a 190,000-row import indexed in 2.2 s instead of 3.8 s, its peak
# memory unchanged (254 MB; 64 MiB gained nothing and peaked at 296 MB).
_FTS_HASH_SIZE = "INSERT INTO chronology_fts (chronology_fts, rank) VALUES ('hashsize', ?)"
_IMPORT_FTS_HASH_BYTES = 32 << 20
_FTS_DEFAULT_HASH_BYTES = 1 << 20
_FTS_FILL_BATCH = (
    "INSERT INTO chronology_fts (rowid, source, practitioner, event, outcome, agency_comment, "
    "comment) SELECT id, source, practitioner, event, outcome, agency_comment, comment "
    "FROM chronology_entry WHERE batch_id = ?"
)


_FTS_IDS = "SELECT group_concat(rowid) FROM chronology_fts WHERE chronology_fts MATCH ?"


def _id_set(joined: str | None) -> frozenset[int]:
    """The ids of a `group_concat(id)`: none when it found nothing (SQL's NULL)."""
    return frozenset(map(int, joined.split(","))) if joined else frozenset()


def entry_values(entry: ChronologyEntry) -> tuple[Any, ...]:
    """The entry's stored values, in `ENTRY_COLUMNS` order: a plain tuple, so a 200,000-row
    import is one prepared statement run over tuples, not a statement built per row."""
    d = entry.date
    start, end, time = d.start, d.end, d.time
    provenance = entry.provenance
    return (
        entry.agency_id,
        provenance.batch_id,
        start.isoformat() if start else None,
        end.isoformat() if end else None,
        d.precision.value,
        d.qualifier.value,
        d.original,
        time.strftime("%H:%M") if time else None,
        entry.sequence,
        entry.source,
        entry.practitioner,
        entry.event,
        entry.outcome,
        entry.agency_comment,
        entry.comment,
        flags_to_bits(entry.flags),
        provenance.row_number,
        json.dumps(provenance.original),  # tuples encode as the same JSON arrays as lists
    )


def entry_to_row(entry: ChronologyEntry) -> dict[str, Any]:
    return dict(zip(ENTRY_COLUMNS, entry_values(entry), strict=True))


def row_to_entry(row: Any, people: tuple[int, ...] = ()) -> ChronologyEntry:
    """A stored `chronology_entry` row as an entry, read by column name (so the order of the
    table's columns does not matter)."""
    return entry_of(row._mapping, people)


#: The columns read for the whole chronology, by name: the id, then those an entry is written to
#: but its texts, provenance and original row (read only when it is made: `StoredColumns`),
#: which are the columns of `ix_entry_overview`, so the listing reads that index alone.
_ENTRY_COLUMNS = (
    "id",
    *(name for name in ENTRY_COLUMNS if name != "original_row" and name not in LATER_COLUMNS),
)

ENTRY_NOT_BACK = (
    "A deleted chronology entry could not be brought back: the review has changed since (its "
    "agency or import may have been removed), so nothing was changed."
)


class SqlChronology(EngineBound):
    # -- agencies -------------------------------------------------------------------------
    def agencies(self) -> list[Agency]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(agency_table).order_by(agency_table.c.name)).all()
        return [Agency(r.name, AgencyType(r.agency_type), r.id) for r in rows]

    def agency_named(self, name: str) -> Agency | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(agency_table).where(func.lower(agency_table.c.name) == name.strip().lower())
            ).first()
        return Agency(row.name, AgencyType(row.agency_type), row.id) if row else None

    def add_agency(self, agency: Agency) -> Agency:
        if self.agency_named(agency.name) is not None:
            raise InvalidInputError(f"There is already an agency called '{agency.name}'.")
        with self._engine.begin() as conn:
            new_id = conn.execute(
                insert(agency_table).values(
                    name=agency.name.strip(), agency_type=agency.agency_type.value
                )
            ).inserted_primary_key
        assert new_id is not None
        return Agency(agency.name.strip(), agency.agency_type, int(new_id[0]))

    def remove_unused_agency(self, agency_id: int) -> None:
        """Remove an agency nothing refers to (an import made for it failed or was cancelled)."""
        with self._engine.begin() as conn:
            used = (
                conn.execute(
                    select(func.count())
                    .select_from(entry_table)
                    .where(entry_table.c.agency_id == agency_id)
                ).scalar_one()
                + conn.execute(
                    select(func.count())
                    .select_from(import_batch)
                    .where(import_batch.c.agency_id == agency_id)
                ).scalar_one()
            )
            if not used:
                conn.execute(delete(agency_table).where(agency_table.c.id == agency_id))

    # -- entries --------------------------------------------------------------------------
    def _people_by_entry(self, conn: Any) -> dict[int, tuple[int, ...]]:
        links: dict[int, list[int]] = {}
        for link in conn.execute(select(entry_person)).mappings():
            links.setdefault(link["entry_id"], []).append(link["person_id"])
        return {k: tuple(v) for k, v in links.items()}

    def entries(self) -> list[ChronologyEntry]:
        """Every entry in chronological order (stable for overlapping dates)."""
        return list(self.entry_rows())

    def entry_rows(self) -> EntryRows:
        """Every entry in chronological order, read as columns (`storage/entry_columns.py`),
        each made into an entry when first asked for."""
        with self._engine.connect() as conn, few_pages(conn), many_objects():
            people = self._people_by_entry(conn)
            stored = StoredColumns(
                conn.execute(every_entry(_ENTRY_COLUMNS)),
                people,
                self._original_rows,
                self._entry_texts,
            )
            return EntryRows(stored.ids(), stored.entry, stored.sketches, stored.settle)

    def _later(self, names: Sequence[str], entry_ids: Sequence[int] | None) -> list[Any]:
        """(id, *these columns) of these entries, or of every entry (given None), as the
        driver's plain tuples (fetched the way SQLAlchemy fetches, so damage is reported)."""
        c = entry_table.c
        statement = select(c.id, *(c[name] for name in names))
        with self._engine.connect() as conn:
            if entry_ids is not None:
                statement = statement.where(c.id.in_(list(entry_ids)))
            with few_pages(conn) if entry_ids is None else nullcontext():
                result = conn.execute(statement)
                rows: list[Any] = result.cursor_strategy.fetchall(result, result.cursor)
                return rows

    def _original_rows(self, entry_ids: Sequence[int] | None) -> dict[int, str]:
        """The stored original rows (JSON) of these entries (None: of every entry), by id."""
        return {int(row[0]): str(row[1]) for row in self._later(("original_row",), entry_ids)}

    def _entry_texts(self, entry_ids: Sequence[int] | None) -> dict[int, tuple[Any, ...]]:
        """The stored `LATER_COLUMNS` (texts and provenance) of these entries (None: of every
        entry), by id."""
        return {int(row[0]): tuple(row[1:]) for row in self._later(LATER_COLUMNS, entry_ids)}

    def entry(self, entry_id: int) -> ChronologyEntry:
        with self._engine.connect() as conn:
            row = conn.execute(select(entry_table).where(entry_table.c.id == entry_id)).one()
            people: tuple[int, ...] = tuple(
                conn.execute(
                    select(entry_person.c.person_id).where(entry_person.c.entry_id == entry_id)
                ).scalars()
            )
        return row_to_entry(row, people)

    def entries_per_agency(self) -> dict[int, int]:
        """How many entries each agency has (agencies with none are left out), counted from
        the agency index without reading the entries."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(entry_table.c.agency_id, func.count()).group_by(entry_table.c.agency_id)
            ).all()
        return {int(row[0]): int(row[1]) for row in rows}

    def last_sequence_on(self, start: dt.date | None, end: dt.date | None) -> int | None:
        """The highest order within its day of the entries dated exactly `start` to `end`
        (None for an unknown date), or None when there are none: one look in the dates' index,
        not every entry made."""
        c = entry_table.c

        def on(column: ColumnElement[Any], day: dt.date | None) -> ColumnElement[bool]:
            return column.is_(None) if day is None else column == day.isoformat()

        with self._engine.connect() as conn:
            found = conn.execute(
                select(func.max(c.sequence)).where(on(c.date_start, start), on(c.date_end, end))
            ).scalar()
        return None if found is None else int(found)

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(entry_table)).scalar_one())

    def _insert(self, conn: Any, entry: ChronologyEntry) -> int:
        new_id = conn.execute(
            insert(entry_table).values(**entry_to_row(entry))
        ).inserted_primary_key
        entry_id = int(new_id[0])
        if entry.people:
            conn.execute(
                insert(entry_person), [{"entry_id": entry_id, "person_id": p} for p in entry.people]
            )
        return entry_id

    def add(self, entry: ChronologyEntry) -> ChronologyEntry:
        with self._engine.begin() as conn:
            entry_id = self._insert(conn, entry)
        return entry.with_changes(id=entry_id)

    def add_many(self, entries: Sequence[ChronologyEntry]) -> list[int]:
        """Add entries in one transaction (all or none); returns their new ids in order."""
        with self._engine.begin() as conn:
            return [self._insert(conn, entry) for entry in entries]

    def update(self, entry: ChronologyEntry) -> None:
        if entry.id is None:
            raise ValueError("cannot update an entry that was never saved")
        with self._engine.begin() as conn:
            changed = conn.execute(
                update(entry_table)
                .where(entry_table.c.id == entry.id)
                .values(**entry_to_row(entry))
            ).rowcount
            if not changed:
                raise InvalidInputError(
                    "This chronology entry is no longer in the review (its import may have "
                    "been removed or replaced), so the change was not made."
                )
            conn.execute(delete(entry_person).where(entry_person.c.entry_id == entry.id))
            if entry.people:
                conn.execute(
                    insert(entry_person),
                    [{"entry_id": entry.id, "person_id": p} for p in entry.people],
                )

    def delete(self, entry_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(entry_table).where(entry_table.c.id == entry_id))

    def remove(self, entry_ids: Sequence[int]) -> RemovedRows:
        """Delete entries (all or none), keeping in memory what `restore` needs."""
        with self._engine.begin() as conn:
            return remove_rows(conn, "chronology_entry", entry_ids)

    def restore(self, removed: RemovedRows) -> None:
        """Put removed entries back under the same ids, with their links (all or none)."""
        with self._engine.begin() as conn:
            restore_rows(conn, removed, ENTRY_NOT_BACK)

    def search(self, query: EntryFilter) -> list[int]:
        """Ids of matching entries, in chronological order."""
        statement = self._matching(query)
        if statement is None:
            return []
        c = entry_table.c
        statement = statement.order_by(
            c.date_start.is_(None),
            c.date_start,
            c.date_end,
            c.time.is_not(None),
            c.time,
            c.sequence,
            c.id,
        )
        with self._engine.connect() as conn:
            ids: list[Any] = list(conn.execute(statement).scalars())
        return [int(i) for i in ids]

    def search_ids(self, query: EntryFilter) -> frozenset[int]:
        """Ids of matching entries, unordered. Words alone are answered from the full-text
        index without touching the entries (a common word at 200,000 entries stays quick).
        The ids come back as one joined string, not a row each: 86,000 rows through the
        driver cost more than the search itself."""
        only_words = query.text.strip() and query == EntryFilter(text=query.text)
        if only_words:
            match = fts_query(query.text)
            if not match:
                return frozenset()
            with self._engine.connect() as conn:
                joined = conn.exec_driver_sql(_FTS_IDS, (match,)).scalar()
            return _id_set(joined)
        statement = self._matching(query)
        if statement is None:
            return frozenset()
        with self._engine.connect() as conn:
            joined = conn.execute(
                statement.with_only_columns(func.group_concat(entry_table.c.id))
            ).scalar()
        return _id_set(joined)

    def _matching(self, query: EntryFilter) -> Select[Any] | None:
        """The ids matching `query`, unordered; None when its words can match nothing."""
        c = entry_table.c
        statement = select(c.id)
        conditions: list[ColumnElement[bool]] = []
        if query.text.strip():
            match = fts_query(query.text)
            if not match:
                return None
            statement = statement.join(
                text("chronology_fts"), text("chronology_fts.rowid = chronology_entry.id")
            )
            conditions.append(
                text("chronology_fts MATCH :match").bindparams(match=match).self_group()  # type: ignore[arg-type]
            )
        if query.agency_ids:
            conditions.append(c.agency_id.in_(sorted(query.agency_ids)))
        if query.date_from is not None:
            conditions.append(c.date_end >= query.date_from.isoformat())
        if query.date_to is not None:
            conditions.append(c.date_start <= query.date_to.isoformat())
        if query.flags:
            mask = flags_to_bits(query.flags)
            conditions.append(c.flags.op("&")(mask) == mask)
        if conditions:
            statement = statement.where(and_(*conditions))
        return statement

    # -- batches --------------------------------------------------------------------------
    def batches(self) -> list[ImportBatch]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(import_batch).order_by(import_batch.c.id)).all()
        return [
            ImportBatch(
                agency_id=r.agency_id,
                file_name=r.file_name,
                file_format=r.file_format,
                row_count=r.row_count,
                left_out=r.left_out,
                sheet=r.sheet,
                mapping=json.loads(r.mapping),
                imported_at=dt.datetime.fromisoformat(r.imported_at),
                id=r.id,
            )
            for r in rows
        ]

    def add_batch(
        self,
        batch: ImportBatch,
        entries: Iterable[ChronologyEntry] | Iterable[ImportedRow],
        replaces: int | None = None,
        progress: Progress | None = None,
        new_agency: Agency | None = None,
        total: int | None = None,
    ) -> ImportBatch:
        """Store a batch and all its entries in one transaction: all rows or none.

        When `replaces` names an earlier batch, that batch goes in the same transaction, and the
        reviewer's comments and flags carry over to new rows whose date text, source and event
        are unchanged, so re-importing a corrected file does not lose the reviewer's work. With
        `new_agency`, the agency is added in the same transaction too (and the batch and its
        entries are its), so a failed, cancelled or killed import leaves no agency behind.
        `entries` is read once, a chunk at a time (it may be a generator); `total`, how many it
        gives, is what `progress` reports against when `entries` has no length.
        """
        with self._engine.begin() as conn:
            if new_agency is not None:
                added = conn.execute(
                    insert(agency_table).values(
                        name=new_agency.name.strip(), agency_type=new_agency.agency_type.value
                    )
                ).inserted_primary_key
                assert added is not None
                batch = ImportBatch(**{**_batch_fields(batch), "agency_id": int(added[0])})
            carried: dict[tuple[str, str, str], tuple[str, int]] = {}
            if replaces is not None:
                old = conn.execute(
                    select(
                        entry_table.c.date_original,
                        entry_table.c.source,
                        entry_table.c.event,
                        entry_table.c.comment,
                        entry_table.c.flags,
                    ).where(entry_table.c.batch_id == replaces)
                ).all()
                carried = {(o.date_original, o.source, o.event): (o.comment, o.flags) for o in old}
                conn.execute(delete(import_batch).where(import_batch.c.id == replaces))
            inserted = conn.execute(
                insert(import_batch).values(
                    agency_id=batch.agency_id,
                    file_name=batch.file_name,
                    file_format=batch.file_format,
                    sheet=batch.sheet,
                    imported_at=batch.imported_at.isoformat(),
                    row_count=batch.row_count,
                    left_out=batch.left_out,
                    mapping=json.dumps(batch.mapping),
                )
            ).inserted_primary_key
            assert inserted is not None
            batch_id = int(inserted[0])
            agency_id = batch.agency_id if new_agency is not None else None
            templates: dict[tuple[str, ...], str] = {}
            if total is None:
                total = len(entries) if isinstance(entries, Sized) else 0
            done = 0
            pending: Iterator[ChronologyEntry | ImportedRow] = iter(entries)
            with _written_in_bulk(conn, batch_id):
                # Built and written a chunk at a time, so memory stays flat however big the file.
                while chunk := [
                    _imported_row(entry, batch, batch_id, carried, templates)
                    if isinstance(entry, ImportedRow)
                    else _batch_row(entry, batch_id, agency_id, carried)
                    for entry in islice(pending, _CHUNK)
                ]:
                    conn.exec_driver_sql(_INSERT_ENTRY, chunk)
                    done += len(chunk)
                    if progress is not None:  # may raise to cancel: the whole batch rolls back
                        progress(done, max(total, done))
        return ImportBatch(**{**_batch_fields(batch), "id": batch_id})

    def remove_batch(self, batch_id: int) -> int:
        """Remove a batch and every entry it brought in; returns how many entries went."""
        with self._engine.begin() as conn:
            removed = conn.execute(
                select(func.count()).where(entry_table.c.batch_id == batch_id)
            ).scalar_one()
            conn.execute(delete(import_batch).where(import_batch.c.id == batch_id))
        return int(removed)

    # -- same-event decisions -------------------------------------------------------------
    def same_event_decisions(self) -> list[SameEventDecision]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(same_event)).all()
        return [
            SameEventDecision(r.entry_a, r.entry_b, SameEventStatus(r.status), r.score)
            for r in rows
        ]

    def decide_same_event(self, decision: SameEventDecision) -> None:
        a, b = sorted((decision.entry_a, decision.entry_b))
        with self._engine.begin() as conn:
            conn.execute(
                delete(same_event).where(same_event.c.entry_a == a, same_event.c.entry_b == b)
            )
            conn.execute(
                insert(same_event).values(
                    entry_a=a, entry_b=b, status=decision.status.value, score=decision.score
                )
            )

    # -- the subject child ----------------------------------------------------------------
    def subject_date_of_birth(self) -> dt.date | None:
        with self._engine.connect() as conn:
            value = conn.execute(
                select(person.c.date_of_birth).where(person.c.is_subject == 1)
            ).scalar()
        return stored_day(value)

    def set_subject_date_of_birth(self, date_of_birth: dt.date | None) -> None:
        iso = date_of_birth.isoformat() if date_of_birth else None
        with self._engine.begin() as conn:
            found = conn.execute(
                update(person).where(person.c.is_subject == 1).values(date_of_birth=iso)
            ).rowcount
            if not found:
                conn.execute(
                    insert(person).values(
                        role="child", pseudonym="Child", is_subject=1, date_of_birth=iso
                    )
                )


def _batch_row(
    entry: ChronologyEntry,
    batch_id: int,
    agency_id: int | None,
    carried: dict[tuple[str, str, str], tuple[str, int]],
) -> tuple[Any, ...]:
    """An imported entry's values in the new batch (and, with `agency_id`, a new agency's),
    with the reviewer's comment and flags carried over from the batch it replaces."""
    values = list(entry_values(entry))
    values[1] = batch_id
    if agency_id is not None:
        values[0] = agency_id
    if carried and not values[_COMMENT]:
        kept = carried.get((entry.date.original, entry.source, entry.event))
        if kept:
            values[_COMMENT], values[_FLAGS] = kept[0], values[_FLAGS] | kept[1]
    return tuple(values)


def _imported_row(
    row: ImportedRow,
    batch: ImportBatch,
    batch_id: int,
    carried: dict[tuple[str, str, str], tuple[str, int]],
    templates: dict[tuple[str, ...], str],
) -> tuple[Any, ...]:
    """`_batch_row` for a row given as an `ImportedRow`: the same values as for the entry made
    from it, made without one."""
    date = row.date
    start, end, time = date.start, date.end, date.time
    comment, flags = "", flags_to_bits(row.flags) if row.flags else 0
    if carried:
        kept = carried.get((date.original, row.source, row.event))
        if kept:
            comment, flags = kept[0], flags | kept[1]
    template = templates.get(row.headings)
    if template is None:
        template = templates[row.headings] = _original_template(row.headings)
    return (
        batch.agency_id,
        batch_id,
        start.isoformat() if start else None,
        end.isoformat() if end else None,
        date.precision.value,
        date.qualifier.value,
        date.original,
        time.strftime("%H:%M") if time else None,
        row.sequence,
        row.source,
        row.practitioner,
        row.event,
        row.outcome,
        row.agency_comment,
        comment,
        flags,
        row.row_number,
        template % tuple(map(_json_text, row.cells)),
    )


def _original_template(headings: tuple[str, ...]) -> str:
    """A %-template that makes, from a row's cells as JSON strings, the JSON that
    `json.dumps` gives for its provenance's (heading, cell) pairs."""
    pairs = (f"[{json.dumps(heading).replace('%', '%%')}, %s]" for heading in headings)
    return "[" + ", ".join(pairs) + "]"


@contextmanager
def _written_in_bulk(conn: Any, batch_id: int) -> Iterator[None]:
    """Write a batch's entries as a bulk import: indexed for search in one statement once they
    are all written, instead of by the per-row trigger (which cost a 200,000-row import about
    6 s), and through a small page cache, since an import only appends (the connection's usual
    32 MiB would add that much to the import's memory, for no speed).

    The trigger is dropped and made again, from its own stored text, inside the import's
    transaction, so a failed, cancelled or killed import rolls back to the trigger as it was;
    every other write (an edit, an entry added by hand) is indexed by the trigger as before.
    """
    cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    found = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (_FTS_INSERT_TRIGGER,),
    ).first()
    conn.exec_driver_sql(f"PRAGMA cache_size = {_IMPORT_CACHE_SIZE}")
    try:
        if found is None:  # pragma: no cover - every review has it since migration 2
            yield
            return
        conn.exec_driver_sql(f"DROP TRIGGER {_FTS_INSERT_TRIGGER}")
        yield
        conn.exec_driver_sql(_FTS_HASH_SIZE, (_IMPORT_FTS_HASH_BYTES,))
        conn.exec_driver_sql(_FTS_FILL_BATCH, (batch_id,))
        conn.exec_driver_sql(_FTS_HASH_SIZE, (_FTS_DEFAULT_HASH_BYTES,))
        conn.exec_driver_sql(found[0])
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size)}")


def _batch_fields(batch: ImportBatch) -> dict[str, Any]:
    return {name: getattr(batch, name) for name in ImportBatch.__dataclass_fields__}
