"""The chronology table model and its filter proxy, over a real review and a huge synthetic one."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry, Flag
from reviewer_app.demo import build_demo
from reviewer_app.services.chronology import ChronologyService
from tests.ui.chronology.conftest import strategy_pair
from ui.chronology.filter_proxy import EntryFilterProxy
from ui.chronology.table_model import ChronologyTableModel, Column, Role

WARNING = QAbstractItemModelTester.FailureReportingMode.Warning


def filled_model(service: ChronologyService) -> ChronologyTableModel:
    model = ChronologyTableModel()
    names = {a.id: a.name for a in service.agencies() if a.id is not None}
    model.set_chronology(service.entries(), names, service.repository.subject_date_of_birth())
    return model


def model_test_failures(qtlog) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.message for r in qtlog.records if "FAIL" in r.message]


def test_the_model_and_proxy_pass_qts_model_tester_through_changes(qtlog, service) -> None:  # type: ignore[no-untyped-def]
    model = filled_model(service)
    proxy = EntryFilterProxy(model)
    testers = [QAbstractItemModelTester(m, WARNING) for m in (model, proxy)]
    ids = model.entry_ids()

    proxy.set_ids(ids[::4])
    proxy.sort(Column.EVENT, Qt.SortOrder.DescendingOrder)
    proxy.sort(Column.DATE)
    first = model.entry_at(0)
    model.replace_entry(first.with_changes(comment="Reviewer's note"))
    removed = model.remove_entry(ids[8])
    assert removed is not None
    gone = model.remove_entry(ids[9])
    assert gone is not None
    model.insert_entry(dataclasses.replace(first, id=10_000, comment="new"))
    proxy.set_ids(None)
    model.set_chronology(model.entries(), model.agency_names(), model.date_of_birth)

    assert testers and not model_test_failures(qtlog)
    assert proxy.rowCount() == model.rowCount() == 299


def test_dates_are_written_as_a_reviewer_would(service) -> None:  # type: ignore[no-untyped-def]
    model = filled_model(service)
    shown = {model.index(r, Column.DATE).data() for r in range(model.rowCount())}
    assert {"c. 1–10 Jul 2014", "23 Jun 2014", "c. Feb 2013", "Mar 2015"} <= shown
    assert "Jun – Aug 2015" in shown
    assert any(text.startswith("w/c ") for text in shown)

    row = next(
        r for r in range(model.rowCount()) if model.index(r, Column.DATE).data() == "c. Feb 2013"
    )
    tip = model.index(row, Column.DATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "approx Feb 2013" in tip  # the agency's own text
    accessible = model.index(row, Column.DATE).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "c. Feb 2013 (the agency wrote approx Feb 2013)"


def test_cells_tooltips_and_roles(service) -> None:  # type: ignore[no-untyped-def]
    model = filled_model(service)
    csc, _police = strategy_pair(service)
    assert csc.id is not None
    row = model.row_of(csc.id)
    assert row is not None
    cell = model.index(row, Column.EVENT)
    assert cell.data(Role.OBJECT) == csc
    assert cell.data(Role.ENTRY_ID) == csc.id
    assert cell.data(Qt.ItemDataRole.EditRole) == csc.event
    assert model.index(row, Column.TIME).data() == "14:00"
    assert model.index(row, Column.AGENCY).data() == "Northshire Children's Social Care"
    assert model.index(row, Column.FLAGS).data() == "Significant"
    assert model.index(row, Column.AGE).data() == "1 year 2 months"
    assert model.headerData(Column.COMMENT, Qt.Orientation.Horizontal) == "Reviewer comment"
    assert model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, Column.AGENCY)) & Qt.ItemFlag.ItemIsEditable


def test_case_text_in_tooltips_is_escaped_and_paragraphs_stay_on_one_line() -> None:
    entry = ChronologyEntry(
        agency_id=1,
        date=parse_uk_date("03/02/2015"),
        source="Case note",
        event="Mother said <b>no</b> & left.\nSecond paragraph.",
        id=1,
    )
    model = ChronologyTableModel()
    model.set_chronology([entry], {1: "Police"}, None)
    cell = model.index(0, Column.EVENT)
    assert cell.data() == "Mother said <b>no</b> & left. ¶ Second paragraph."
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;no&lt;/b&gt; &amp; left.<br>Second paragraph." in tip
    assert "<b>no</b>" not in tip
    assert model.index(0, Column.AGE).data() == ""


def test_sorting_by_date_is_chronological_and_stable(service) -> None:  # type: ignore[no-untyped-def]
    model = filled_model(service)
    proxy = EntryFilterProxy(model)
    chronological = [e.id for e in service.entries()]

    proxy.sort(Column.AGENCY)
    by_agency = [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())]
    names = [proxy.index(r, Column.AGENCY).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    # Within an agency, entries keep chronological order.
    police = [i for i in by_agency if model.entry(i).agency_id == service.agencies()[0].id]  # type: ignore[union-attr]
    assert police == [i for i in chronological if i in set(police)]

    proxy.sort(Column.DATE)
    assert [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())] == (
        chronological
    )
    proxy.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    descending = [proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(proxy.rowCount())]
    assert descending == chronological[::-1]

    # The sort role alone gives the same order (for any proxy that sorts by it).
    keys = [model.index(r, Column.DATE).data(Role.SORT) for r in range(model.rowCount())]
    ordered = sorted(range(model.rowCount()), key=lambda r: keys[r])
    assert [model.entry_at(r).id for r in ordered] == chronological


def test_edits_without_a_handler_change_only_the_model(service) -> None:  # type: ignore[no-untyped-def]
    model = filled_model(service)
    seen: list[object] = []
    model.edit_refused.connect(seen.append)
    index = model.index(0, Column.SOURCE)
    assert not model.setData(index, "   ")
    assert model.setData(model.index(0, Column.DATE), "31/02/2015") is False
    assert model.setData(model.index(0, Column.TIME), "25:00") is False
    assert len(seen) == 3
    assert "not a real date" in str(seen[1]) and "Nothing was changed" in str(seen[1])
    assert model.setData(index, "Case file note")
    assert model.entry_at(0).source == "Case file note"


def test_a_flag_label_and_the_flags_column() -> None:
    entry = ChronologyEntry(
        agency_id=1,
        date=parse_uk_date("2015"),
        source="s",
        event="e",
        flags=frozenset({Flag.CHILDS_WORDS, Flag.SIGNIFICANT}),
        id=3,
    )
    model = ChronologyTableModel()
    model.set_chronology([entry], {}, None)
    assert model.index(0, Column.FLAGS).data() == "Significant, Child's words recorded"
    assert model.index(0, Column.AGENCY).data() == "Unknown agency"
    assert not model.index(0, 0).parent().isValid()
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


@pytest.mark.slow
def test_fifty_thousand_entries_show_without_per_row_work() -> None:
    snapshot = build_demo(50_000)
    entries = sorted(snapshot.entries, key=lambda e: e.sort_key)
    names = {a.id: a.name for a in snapshot.agencies if a.id is not None}
    started = time.perf_counter()
    model = ChronologyTableModel()
    model.set_chronology(entries, names, snapshot.subject_date_of_birth)
    proxy = EntryFilterProxy(model)
    built = time.perf_counter()
    visible = [
        proxy.index(row, column).data()
        for row in range(25_000, 25_040)
        for column in range(len(Column))
    ]
    drawn = time.perf_counter()
    proxy.set_ids(model.entry_ids()[::7])
    filtered = time.perf_counter()
    print(
        f"\n50k entries: model+proxy {built - started:.3f}s, 40 visible rows "
        f"{drawn - built:.4f}s, filter to 1/7 {filtered - drawn:.3f}s"
    )
    assert model.rowCount() == 50_000
    assert len(visible) == 40 * len(Column) and all(isinstance(v, str) for v in visible)
    assert proxy.rowCount() == len(range(0, 50_000, 7))
