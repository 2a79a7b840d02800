"""An import is stored from its compact rows without making a `ChronologyEntry` per row: what
is stored must be exactly what storing the entries made from the same drafts stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.draft_rows import DraftRows, RowsWithout, every_part
from reviewer_app.chronology.entry import Agency, ChronologyEntry, Flag, Provenance
from reviewer_app.chronology.importing import DraftEntry
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import imported_rows
from storage.chronology_repository import ENTRY_COLUMNS
from storage.library import StoredReview
from tests.helpers.reviews import new_review

_HEADINGS = ("Date", 'Details "of" contact', "Action 100%s", "Café ünïcode", "")


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> StoredReview:
    opened = new_review(tmp_path / "rows.review", app_paths)
    yield opened
    opened.close()


def _drafts() -> list[DraftEntry]:
    cells = [
        ("01/02/2015", 'Seen "at home"\nby GP', "100% done", "naïve — £20", ""),
        ("01/02/2015", "Second visit on the day", "", "", "extra column"),
        ("03/02/2015 14:30", "Call\x00with a NUL kept as given", "%s and %d", "", ""),
        ("", "", "", "", ""),  # no date: not stored
        ("May 2015", "Strategy meeting", "Section 47", "\u0130stanbul \U0001f600", ""),
    ]
    drafts = []
    for number, row in enumerate(cells, start=2):
        date = parse_uk_date(row[0]) if row[0] else None
        drafts.append(
            DraftEntry(
                row_number=number,
                date=date,
                source=f"Case note {number}" if number != 3 else "file.csv, row 3",
                event=row[1] or "Nothing recorded",
                outcome=row[2],
                practitioner="GP 1" if number % 2 else "",
                agency_comment=row[3],
                flags=frozenset({Flag.SIGNIFICANT}) if number == 4 else frozenset(),
                original=tuple(zip(_HEADINGS, row, strict=True)),
                source_made=number == 3,
            )
        )
    return drafts


def _stored(review: StoredReview, batch_id: int) -> list[tuple[object, ...]]:
    columns = ", ".join(c for c in ENTRY_COLUMNS if c != "batch_id")
    with review.chronology._engine.connect() as conn:  # the rows exactly as stored
        found = conn.exec_driver_sql(
            f"SELECT {columns} FROM chronology_entry WHERE batch_id = ? ORDER BY id", (batch_id,)
        ).all()
    return [tuple(row) for row in found]


def _as_entries(drafts: list[DraftEntry], agency_id: int) -> list[ChronologyEntry]:
    """The slow way: an entry per dated draft, numbered within its day, as before."""
    seen: dict[object, int] = {}
    entries = []
    for draft in drafts:
        if draft.date is None:
            continue
        key = (draft.date.start, draft.date.end)
        seen[key] = sequence = seen.get(key, -1) + 1
        entries.append(
            ChronologyEntry(
                agency_id=agency_id,
                date=draft.date,
                source=draft.source,
                event=draft.event,
                outcome=draft.outcome,
                practitioner=draft.practitioner,
                agency_comment=draft.agency_comment,
                flags=draft.flags,
                sequence=sequence,
                provenance=Provenance(None, draft.row_number, draft.original),
            )
        )
    return entries


@pytest.mark.parametrize("kept", ["tuple", "compact", "without"])
def test_imported_rows_are_stored_as_the_entries_made_from_them_would_be(
    review: StoredReview, kept: str
) -> None:
    repo = review.chronology
    agency = repo.add_agency(Agency("Northshire Police")).id
    assert agency is not None
    drafts = _drafts()
    rows: object = tuple(drafts)
    if kept != "tuple":
        rows = DraftRows(drafts)
        assert list(rows) == drafts  # type: ignore[call-overload]
        if kept == "without":
            rows = RowsWithout(rows, frozenset({999}))  # type: ignore[arg-type]
    batch = ImportBatch(agency, "file.csv", "csv", len(drafts), 0)
    slow = repo.add_batch(batch, _as_entries(drafts, agency))
    fast = repo.add_batch(batch, imported_rows(rows))  # type: ignore[arg-type]
    assert slow.id is not None and fast.id is not None
    assert _stored(review, fast.id) == _stored(review, slow.id)
    stored = _stored(review, fast.id)
    assert len(stored) == 4
    original = json.loads(str(stored[0][-1]))
    assert original == [list(pair) for pair in drafts[0].original]
    # Read back, the entries are the ones the drafts describe.
    made = [e for e in repo.entries() if e.provenance.batch_id == fast.id]
    assert [e.event for e in made] == [d.event for d in drafts if d.date is not None]
    assert [e.sequence for e in made] == [0, 1, 0, 0]


def test_a_replaced_batch_carries_the_reviewers_work_over_on_the_fast_path(
    review: StoredReview,
) -> None:
    repo = review.chronology
    agency = repo.add_agency(Agency("Northshire Police")).id
    assert agency is not None
    drafts = _drafts()
    batch = ImportBatch(agency, "file.csv", "csv", len(drafts), 0)
    first = repo.add_batch(batch, imported_rows(DraftRows(drafts)))
    assert first.id is not None
    (entry, *_) = [e for e in repo.entries() if e.provenance.batch_id == first.id]
    repo.update(entry.with_changes(comment="Reviewer's note", flags=frozenset({Flag.CHILD_SEEN})))
    second = repo.add_batch(batch, imported_rows(DraftRows(drafts)), replaces=first.id)
    (again, *_) = [e for e in repo.entries() if e.provenance.batch_id == second.id]
    assert again.comment == "Reviewer's note" and Flag.CHILD_SEEN in again.flags


def test_a_draft_that_cannot_be_an_entry_is_refused_as_the_entry_would_be() -> None:
    (draft, *_) = _drafts()
    blank = DraftEntry(row_number=2, date=draft.date, source="  ", event="Visit")
    with pytest.raises(InvalidInputError, match="needs a source"):
        list(imported_rows(DraftRows([blank])))
    blank = DraftEntry(row_number=2, date=draft.date, source="Note", event=" ")
    with pytest.raises(InvalidInputError, match="description of the event"):
        list(imported_rows((blank,)))


def test_every_part_reads_compact_rows_as_the_drafts_they_hold() -> None:
    drafts = _drafts()
    compact = DraftRows(drafts)
    assert list(every_part(compact)) == list(every_part(tuple(drafts)))
    without = RowsWithout(compact, frozenset({3}))
    assert [part[0] for part in every_part(without)] == [2, 4, 5, 6]
