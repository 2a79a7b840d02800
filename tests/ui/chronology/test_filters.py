"""The filter bar: full-text search in the encrypted file, agencies, dates, flags, the count."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from reviewer_app.chronology.entry import Flag
from reviewer_app.chronology.repository import EntryFilter
from ui.chronology.filter_bar import DEBOUNCE_MS
from ui.chronology.page import ChronologyPage
from ui.chronology.table_model import Role


def shown_ids(page: ChronologyPage) -> list[int]:
    return [page.proxy.index(r, 0).data(Role.ENTRY_ID) for r in range(page.proxy.rowCount())]


def test_the_count_starts_with_every_entry(page) -> None:  # type: ignore[no-untyped-def]
    assert page.filter_bar.count.text() == "300 of 300 entries"
    assert page.proxy.rowCount() == 300


def test_search_waits_for_typing_to_settle_then_shows_fts_matches(qtbot, page, service) -> None:  # type: ignore[no-untyped-def]
    expected = service.search(EntryFilter(text="strategy discussion"))
    assert 0 < len(expected) < 300

    qtbot.keyClicks(page.filter_bar.search, "strategy discussion")
    assert page.proxy.rowCount() == 300  # nothing yet: the search waits for a pause
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(expected), timeout=DEBOUNCE_MS * 8)

    assert shown_ids(page) == expected  # chronological, as the file's search gives them
    assert page.filter_bar.count.text() == f"{len(expected)} of 300 entries"

    qtbot.keyClicks(page.filter_bar.search, " zzzznotaword")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0, timeout=DEBOUNCE_MS * 8)
    assert page.filter_bar.count.text() == "0 of 300 entries"

    page.filter_bar.clear_button.click()
    assert page.filter_bar.search.text() == ""
    assert page.filter_bar.count.text() == "300 of 300 entries"


def test_search_words_match_as_prefixes_and_ignore_punctuation(qtbot, page, service) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.search.setText('strat "disc')
    page.filter_bar.flush()
    expected = service.search(EntryFilter(text="strategy discussion"))
    assert shown_ids(page) == expected


def test_agency_choice_filters_at_once(page, service) -> None:  # type: ignore[no-untyped-def]
    police = next(a for a in service.agencies() if a.name == "Northshire Police")
    housing = next(a for a in service.agencies() if a.name == "Northshire Homes")
    page.filter_bar.agency_actions[police.id].setChecked(True)

    entries = {e.id: e for e in service.entries()}
    police_ids = [i for i, e in entries.items() if e.agency_id == police.id]
    assert sorted(shown_ids(page)) == sorted(police_ids)
    assert page.filter_bar.agency_button.text() == "Northshire Police"
    assert page.filter_bar.count.text() == f"{len(police_ids)} of 300 entries"

    page.filter_bar.agency_actions[housing.id].setChecked(True)
    both = {police.id, housing.id}
    assert {entries[i].agency_id for i in shown_ids(page)} == both
    assert page.filter_bar.agency_button.text() == "2 agencies"


def test_flags_and_dates_combine(qtbot, page, service) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.flag_boxes[Flag.SIGNIFICANT].setChecked(True)
    entries = {e.id: e for e in service.entries()}
    significant = [i for i, e in entries.items() if Flag.SIGNIFICANT in e.flags]
    assert sorted(shown_ids(page)) == sorted(significant)

    page.filter_bar.date_from.setText("01/06/2014")
    page.filter_bar.date_to.setText("30/06/2014")
    page.filter_bar.flush()
    june = [
        i
        for i in significant
        if entries[i].date.end >= dt.date(2014, 6, 1)  # type: ignore[operator]
        and entries[i].date.start <= dt.date(2014, 6, 30)  # type: ignore[operator]
    ]
    assert sorted(shown_ids(page)) == sorted(june) and len(june) == 3


def test_an_unreadable_filter_date_is_explained_and_not_applied(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.date_from.setText("31/02/2014")
    page.filter_bar.flush()
    assert page.filter_bar.problem.isVisibleTo(page)
    assert "not a real date" in page.filter_bar.problem.text()
    assert page.proxy.rowCount() == 300

    page.filter_bar.date_from.setText("2015")
    page.filter_bar.date_to.setText("2014")
    page.filter_bar.flush()
    assert "before" in page.filter_bar.problem.text()
    page.filter_bar.date_to.clear()
    page.filter_bar.flush()
    assert not page.filter_bar.problem.isVisibleTo(page)
    assert 0 < page.proxy.rowCount() < 300


def test_an_entry_added_while_filtered_stays_in_view(page, service) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.flag_boxes[Flag.DISPUTED].setChecked(True)
    shown = page.proxy.rowCount()
    dialog = page.new_entry()
    dialog.agency.setCurrentText("Northshire Police")
    dialog.date.setText("01/01/2015")
    dialog.source.setText("Note")
    dialog.event_text.setPlainText("Unflagged entry")
    dialog.buttons.accepted.emit()
    assert page.proxy.rowCount() == shown + 1
    assert page.current_entry().event == "Unflagged entry"


def test_selecting_a_hidden_entry_clears_the_filters(page, service) -> None:  # type: ignore[no-untyped-def]
    page.filter_bar.flag_boxes[Flag.DISPUTED].setChecked(True)
    hidden = next(e for e in service.entries() if Flag.DISPUTED not in e.flags)
    assert page.proxy.proxy_row_of(hidden.id) is None
    assert page.select_entry(hidden.id)
    assert page.current_entry_id() == hidden.id
    assert not page.filter_bar.flag_boxes[Flag.DISPUTED].isChecked()
    assert page.filter_bar.count.text() == "300 of 300 entries"
    assert not page.select_entry(999_999)


def test_ctrl_f_goes_to_the_search_box(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    page.table.setFocus()
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.search.hasFocus()
