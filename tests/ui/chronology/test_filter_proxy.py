"""The filter proxy shows exactly the chosen entries, in the model's order, through sorts, edits,
additions and removals, and keeps the selection of the rows that stay; it never asks the model
about every row (issue 16: a search at 200,000 entries)."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.demo import build_demo
from ui.chronology.filter_proxy import EntryFilterProxy
from ui.chronology.table_model import ChronologyTableModel, Column, Role

WARNING = QAbstractItemModelTester.FailureReportingMode.Warning


def demo_entries(count: int) -> tuple[list[ChronologyEntry], dict[int, str]]:
    snapshot = build_demo(count)
    names = {a.id: a.name for a in snapshot.agencies if a.id is not None}
    return sorted(snapshot.entries, key=lambda e: e.sort_key), names


def shown(proxy: EntryFilterProxy) -> list[int]:
    return [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())]


def expected(model: ChronologyTableModel, wanted: set[int] | None) -> list[int]:
    """What a filter that asked every row would show: the model's rows whose id is wanted."""
    ids = [model.index(r, 0).data(Role.ENTRY_ID) for r in range(model.rowCount())]
    return ids if wanted is None else [i for i in ids if i in wanted]


def test_the_proxy_shows_what_a_row_by_row_filter_would_through_every_change(qtlog) -> None:  # type: ignore[no-untyped-def]
    entries, names = demo_entries(400)
    model = ChronologyTableModel()
    model.set_chronology(entries, names, None)
    proxy = EntryFilterProxy(model)
    testers = [QAbstractItemModelTester(proxy, WARNING)]
    chance = random.Random(16)
    ids = [e.id for e in entries if e.id is not None]
    wanted: set[int] | None = None
    next_id = max(ids) + 1
    for step in range(120):
        action = chance.choice(("filter", "filter", "sort", "insert", "remove", "edit", "all"))
        if action == "filter":
            pick = set(chance.sample(ids, chance.randint(0, len(ids) // 3)))
            pick.add(987_654_321)  # an id the table does not have is left out, not an error
            proxy.set_ids(pick)
            wanted = pick
        elif action == "all":
            proxy.set_ids(None)
            wanted = None
        elif action == "sort":
            column = chance.choice(list(Column))
            order = chance.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
            proxy.sort(column, order)
        elif action == "insert":
            base = model.entry_at(chance.randrange(model.rowCount()))
            model.insert_entry(dataclasses.replace(base, id=next_id, event=f"Added {step}"))
            if wanted is not None:
                wanted.add(next_id)  # an entry added under a filter stays in view
            ids.append(next_id)
            next_id += 1
        elif action == "remove" and ids:
            gone = chance.choice(ids)
            ids.remove(gone)
            model.remove_entry(gone)
        elif action == "edit":
            entry = model.entry_at(chance.randrange(model.rowCount()))
            model.replace_entry(entry.with_changes(comment=f"Note {step}"))
        assert shown(proxy) == expected(model, wanted), (step, action)
        assert proxy.filtering == (wanted is not None)
        for row in range(0, proxy.rowCount(), 7):
            source = proxy.mapToSource(proxy.index(row, 3))
            assert proxy.mapFromSource(source) == proxy.index(row, 3)
            assert proxy.source_row(row) == source.row()
    assert testers and not [r.message for r in qtlog.records if "FAIL" in r.message]


def test_the_rows_that_stay_keep_their_selection_and_the_rest_lose_it() -> None:
    entries, names = demo_entries(200)
    model = ChronologyTableModel()
    model.set_chronology(entries, names, None)
    proxy = EntryFilterProxy(model)
    selection = QItemSelectionModel(proxy)
    keep, lose = entries[150].id, entries[40].id
    assert keep is not None and lose is not None
    selection.setCurrentIndex(
        proxy.index(150, 2),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    held = QPersistentModelIndex(proxy.index(40, 0))

    proxy.set_ids({keep, entries[10].id or 0, entries[199].id or 0})
    assert proxy.rowCount() == 3
    assert selection.currentIndex().row() == 1 and selection.currentIndex().column() == 2
    assert selection.currentIndex().data(Role.ENTRY_ID) == keep
    assert [i.row() for i in selection.selectedRows()] == [1]
    assert not held.isValid()  # its entry is filtered out

    proxy.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    assert selection.currentIndex().data(Role.ENTRY_ID) == keep
    assert selection.currentIndex().row() == 1
    proxy.set_ids(None)
    assert selection.currentIndex().data(Role.ENTRY_ID) == keep
    assert proxy.proxy_row_of(lose) == model.row_of(lose)


class CountingModel(ChronologyTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked += 1
        return super().data(index, role)


def test_filtering_asks_the_model_nothing_per_row() -> None:
    entries, names = demo_entries(5_000)
    model = CountingModel()
    model.set_chronology(entries, names, None)
    proxy = EntryFilterProxy(model)
    ids = [e.id for e in entries if e.id is not None]
    proxy.set_ids(ids[::3])
    proxy.set_ids(ids[1::2])
    proxy.set_ids(None)
    assert model.asked == 0
    assert proxy.rowCount() == 5_000
    assert proxy.index(0, 0, proxy.index(0, 0)) == QModelIndex()  # a table: no children
    assert proxy.rowCount(proxy.index(0, 0)) == 0
