"""The preview's compact rows give back exactly the draft entries put in."""

from __future__ import annotations

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.draft_rows import DraftRows, RowsWithout, dated_count
from reviewer_app.chronology.entry import Flag
from reviewer_app.chronology.importing import DraftEntry

HEADINGS = ("Date", "Source", "Event", "Outcome")


def _draft(number: int, date: str | None, source: str, event: str, **more: object) -> DraftEntry:
    cells = (date or "", source, event, str(more.get("outcome", "")))
    return DraftEntry(
        number,
        parse_uk_date(date) if date else None,
        source,
        event,
        original=tuple(zip(HEADINGS, cells, strict=True)),
        **more,  # type: ignore[arg-type]
    )


DRAFTS = (
    _draft(2, "03/02/2015", "Case note", "Visit; Child M seen \u201calone\u201d.", outcome="NFA"),
    _draft(3, None, "", "More text for the row above"),
    _draft(4, "04/02/2015", "Case note", "Case note"),  # a field repeating another's text
    _draft(5, "05/02/2015", "Log\x00 1", "A NUL in a CSV cell is kept\x00whole"),
    DraftEntry(6, parse_uk_date("06/02/2015"), "Made", "Not from a cell", "Outcome typed"),
    DraftEntry(7, None, "", "", flags=frozenset({Flag.SIGNIFICANT}), original=(("", "\ud800"),)),
    _draft(8, "2016", "Caf\u00e9 note", "Line one\nline two", practitioner="HV 1"),
)


def test_rows_read_back_equal_to_what_was_put_in() -> None:
    rows = DraftRows(DRAFTS)
    assert len(rows) == len(DRAFTS)
    assert tuple(rows) == DRAFTS
    assert rows == DRAFTS and rows != DRAFTS[:-1]
    assert [rows[i] for i in range(len(rows))] == list(DRAFTS)
    assert rows[-1] == DRAFTS[-1] and rows[1:3] == DRAFTS[1:3]
    assert list(rows.row_numbers()) == [draft.row_number for draft in DRAFTS]
    with pytest.raises(IndexError):
        rows[len(DRAFTS)]


def test_rows_without_the_blocked_ones_are_a_view_in_order() -> None:
    rows = DraftRows(DRAFTS)
    kept = RowsWithout(rows, frozenset({3, 7}))
    expected = tuple(draft for draft in DRAFTS if draft.row_number not in {3, 7})
    assert len(kept) == len(expected) and tuple(kept) == expected and kept == expected
    assert kept[0] == expected[0] and kept[-1] == expected[-1] and kept[1:3] == expected[1:3]
    assert RowsWithout(rows, frozenset(d.row_number for d in DRAFTS)) == ()
    # The same over a plain tuple of drafts (as a preview made in a test holds them).
    assert RowsWithout(DRAFTS, frozenset({3, 7})) == expected


def test_dated_rows_are_counted_without_making_the_rows_again() -> None:
    rows = DraftRows(DRAFTS)
    dated = sum(1 for draft in DRAFTS if draft.date is not None)
    assert dated_count(rows) == dated_count(DRAFTS) == dated
    assert dated_count(RowsWithout(rows, frozenset({2}))) == dated - 1
