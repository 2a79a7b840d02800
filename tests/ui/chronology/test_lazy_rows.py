"""The table filled from the service's stored rows makes an entry only for a row it needs
(issue 16: a 50,000-entry review's table is painted for the cost of reading its rows)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.rows import EntryRows
from reviewer_app.paths import AppPaths
from ui.chronology.filter_proxy import EntryFilterProxy
from ui.chronology.table_model import ChronologyTableModel, Column


def _rows(count: int) -> EntryRows:
    stored = [(n, f"{1 + n % 28:02d}/03/2015") for n in range(count)]

    def decode(index: int) -> ChronologyEntry:
        n, date = stored[index]
        return ChronologyEntry(1, parse_uk_date(date), "Case note", f"Event {n}", id=100 + n)

    return EntryRows([100 + n for n, _ in stored], decode)


def test_rows_become_entries_only_when_drawn_or_asked_for(qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(500)
    model = ChronologyTableModel()
    proxy = EntryFilterProxy(model)
    model.set_chronology(rows, {1: "Police"}, None)
    assert model.rowCount() == proxy.rowCount() == 500
    assert rows.decoded == 0  # filled and indexed by id without making any entry
    assert model.row_of(342) == 242 and rows.decoded == 0
    assert model.data(model.index(7, Column.EVENT)) == "Event 7"
    assert rows.decoded == 1
    assert model.entry(342) is rows[242]  # the same entry, made once
    proxy.set_ids({100, 101, 399})
    assert proxy.rowCount() == 3 and rows.decoded == 2  # filtered by id alone
    proxy.set_ids(None)
    model.sort(Column.EVENT, Qt.SortOrder.DescendingOrder)  # sorting needs every entry
    assert rows.decoded == 500
    assert model.data(model.index(0, Column.EVENT)) == "Event 99"


def test_a_table_of_stored_rows_shows_what_a_table_of_whole_entries_shows(
    qtbot: object, tmp_path: Path, app_paths: AppPaths
) -> None:
    """The rows read without the agency's original rows (read a page at a time as entries are
    made) give the same rows, order, cell text in every role and original rows as entries each
    read whole from the file."""
    from reviewer_app.chronology.entry import Agency, Provenance
    from reviewer_app.chronology.repository import ImportBatch
    from storage.entry_columns import ORIGINALS_PAGE
    from tests.helpers.reviews import new_review

    review = new_review(tmp_path / "c.review", app_paths)
    try:
        repo = review.chronology
        police = repo.add_agency(Agency("Police")).id
        assert police is not None
        count = ORIGINALS_PAGE + 40
        dates = ["2014", "14/09/2013 10:30", "Sep 2013", "unknown", "w/c 16/03/2015"]
        entries = (
            ChronologyEntry(
                police,
                parse_uk_date(dates[n % 5] if n % 7 else f"{1 + n % 28:02d}/04/2014"),
                f"Note {n % 3}",
                f"Event {n}\nsecond line",
                outcome=f"Outcome {n}" if n % 2 else "",
                comment=f"Comment {n}" if n % 4 == 0 else "",
                sequence=n % 3,
                provenance=Provenance(None, n + 2, (("Row", str(n)), ("Details", f"V{n}"))),
            )
            for n in range(count)
        )
        batch = ImportBatch(police, "p.csv", "csv", row_count=count)
        repo.add_batch(batch, entries, total=count)
        lazy, whole = ChronologyTableModel(), ChronologyTableModel()
        rows = repo.entry_rows()
        lazy.set_chronology(rows, {police: "Police"}, parse_uk_date("01/02/2012").start)
        eager = [repo.entry(i) for i in rows.ids]
        whole.set_chronology(eager, {police: "Police"}, parse_uk_date("01/02/2012").start)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole]
        roles += [Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]
        for column in Column:
            lazy.sort(column, Qt.SortOrder.DescendingOrder)
            whole.sort(column, Qt.SortOrder.DescendingOrder)
            assert lazy.entry_ids() == whole.entry_ids()
            for row in range(count):
                for role in roles:
                    assert lazy.data(lazy.index(row, column), role) == whole.data(
                        whole.index(row, column), role
                    )
        assert [e.provenance.original for e in lazy.entries()] == [
            e.provenance.original for e in whole.entries()
        ]
        assert list(lazy.entries()) == list(whole.entries())
    finally:
        review.close()


_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def _shown_ids(model: object) -> list[int]:
    from PySide6.QtCore import QAbstractItemModel

    from ui.chronology.table_model import Role

    assert isinstance(model, QAbstractItemModel)
    return [model.data(model.index(row, 0), Role.ENTRY_ID) for row in range(model.rowCount())]


def _as_if_read_whole(page: object, review: object) -> None:
    """The page's table (filled from stored rows whose texts are read when an entry is made)
    shows, row for row and in every role, what a table of the same entries each read whole from
    the file now shows, and its filter shows the same rows of it."""
    from storage.library import StoredReview
    from ui.chronology.page import ChronologyPage

    assert isinstance(page, ChronologyPage) and isinstance(review, StoredReview)
    model = page.model
    ids = _shown_ids(model)
    whole = ChronologyTableModel()
    whole.set_chronology(
        [review.chronology.entry(i) for i in ids], model.agency_names(), model.date_of_birth
    )
    for row in range(len(ids)):
        assert model.entry_at(row) == whole.entry_at(row)
        for column in Column:
            for role in _ROLES:
                assert model.data(model.index(row, column), role) == whole.data(
                    whole.index(row, column), role
                ), (row, column, role)
    shown = set(_shown_ids(page.proxy))
    assert _shown_ids(page.proxy) == [i for i in ids if i in shown]


def test_the_page_over_lazily_read_rows_shows_what_whole_entries_show_through_every_change(  # type: ignore[no-untyped-def]
    page, review, undo_stack
) -> None:
    """After a sort, a search, an edit, a delete and their undo and redo, every cell of the
    table (its texts read a page at a time, when each row is first drawn) is what it would be
    had each entry been read whole from the file."""
    from reviewer_app.chronology.repository import EntryFilter

    rows = page.service.entry_rows()
    assert isinstance(rows, EntryRows) and rows.decoded < len(rows)  # filled without the texts
    row = 40
    assert page.proxy.setData(page.proxy.index(row, Column.COMMENT), "Asked the school too.")
    assert page.model.entry_at(page.proxy.source_row(row)).comment == "Asked the school too."
    gone = [page.model.entry_at(page.proxy.source_row(n)) for n in (3, 41, 299)]
    page.edits.delete(gone)
    assert all(page.model.row_of(e.id) is None for e in gone if e.id is not None)
    _as_if_read_whole(page, review)  # the rows not drawn yet made only now, after the writes
    undo_stack.undo()  # the deleted entries come back under their own ids
    _as_if_read_whole(page, review)
    page.proxy.sort(Column.EVENT, Qt.SortOrder.DescendingOrder)
    _as_if_read_whole(page, review)
    page._apply_ids(page.service.search_ids(EntryFilter(text="visit")))
    assert 0 < page.proxy.rowCount() < page.model.rowCount()
    _as_if_read_whole(page, review)
    page._apply_ids(None)
    undo_stack.undo()  # the comment as it was
    _as_if_read_whole(page, review)
    undo_stack.redo()
    page.proxy.sort(Column.OUTCOME, Qt.SortOrder.AscendingOrder)
    _as_if_read_whole(page, review)


def _eager_position(model: ChronologyTableModel, entry: ChronologyEntry) -> int:
    """Where the table put a new entry before rows were made lazily: every row's key listed."""
    import bisect

    key = model._sort_key_function(model.sort_column)
    keys = [key(e) for e in model.entries()]
    if model.sort_order == Qt.SortOrder.DescendingOrder:
        keys.reverse()
        return len(keys) - bisect.bisect_left(keys, key(entry))
    return bisect.bisect_right(keys, key(entry))


def test_a_new_entry_is_ordered_and_placed_without_making_every_entry(  # type: ignore[no-untyped-def]
    page, review
) -> None:
    """ "New entry…" on a big chronology: its order within its day comes from the file's index,
    its row is found by bisecting (a few rows made into entries, not every one), and both are
    what working them out from every entry gave."""
    from ui.chronology.entry_dialog import NewEntry

    rows = page.service.entry_rows()
    assert isinstance(rows, EntryRows)
    for column, order in ((Column.DATE, Qt.SortOrder.AscendingOrder), (Column.EVENT, None)):
        if order is None:  # sorted by a text column, descending (every entry made to sort)
            page.proxy.sort(column, Qt.SortOrder.DescendingOrder)
        same_day = page.model.entry_at(150)
        span = (same_day.date.start, same_day.date.end)
        whole = review.chronology.entries()
        sequence = max(e.sequence for e in whole if (e.date.start, e.date.end) == span) + 1
        made = rows.decoded
        new_id = page.add_entry(
            NewEntry(
                same_day.agency_id,
                "",
                same_day.date,
                "Telephone log",
                "",
                "Call",
                "",
                "",
                frozenset(),
            )
        )
        assert new_id is not None
        added = review.chronology.entry(new_id)
        assert added.sequence == sequence
        if order is not None:
            assert rows.decoded - made < 40  # not 300
        row = page.model.row_of(new_id)
        assert row is not None
        page.model.remove_entry(new_id)
        assert _eager_position(page.model, added) == row
        page.model.insert_entry(added)
        assert page.model.row_of(new_id) == row
    _as_if_read_whole(page, review)
