"""The table filled from the service's stored rows makes an entry only for a row it needs
(issue 16: a 50,000-entry review's table is painted for the cost of reading its rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.rows import EntryRows
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
