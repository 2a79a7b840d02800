"""The chronology page of a new, empty review says what to do, and so does a filter that hides
every entry; the detail pane shows no empty fields while nothing is selected (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.services.open_review import ReviewServices
from ui.chronology.detail_panel import NOTHING_SELECTED
from ui.chronology.entry_dialog import NewEntry
from ui.chronology.page import NO_ENTRIES, NONE_MATCH, ChronologyPage
from ui.tasks import ImmediateTaskRunner


@pytest.fixture
def page(qtbot: QtBot, empty: ReviewServices) -> Iterator[ChronologyPage]:
    made = ChronologyPage(empty.chronology, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    qtbot.waitExposed(made)
    made.reload()
    yield made
    made.clear()


def _new_entry(event: str) -> NewEntry:
    return NewEntry(
        agency_id=None,
        agency_name="Northshire Police",
        date=parse_uk_date("14/09/2013"),
        source="Incident log",
        practitioner="",
        event=event,
        outcome="",
        comment="",
        flags=frozenset(),
    )


def test_an_empty_review_says_how_to_add_entries(page: ChronologyPage) -> None:
    assert page.empty_message.isVisible()
    assert page.empty_message.text() == NO_ENTRIES
    assert "Ctrl+I" in NO_ENTRIES and "New entry" in NO_ENTRIES
    assert page.table.accessibleDescription() == NO_ENTRIES
    assert page.filter_bar.count.text() == "No entries yet"
    assert not page.detail.isVisible()  # nothing to select: no empty fields below the table

    entry_id = page.add_entry(_new_entry("Attended the flat after a 999 call."))
    assert entry_id is not None
    assert not page.empty_message.isVisible()
    assert page.table.accessibleDescription() == ""
    assert page.filter_bar.count.text() == "1 of 1 entry"
    assert page.detail.isVisible() and page.detail.splitter.isVisible()
    assert page.detail.values["event"].text() == "Attended the flat after a 999 call."


def test_a_filter_that_hides_everything_says_how_to_clear_it(
    qtbot: QtBot, page: ChronologyPage
) -> None:
    page.add_entry(_new_entry("Attended the flat after a 999 call."))
    page.filter_bar.search.setText("nothing like this")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0)
    assert page.empty_message.isVisible() and page.empty_message.text() == NONE_MATCH
    assert "Clear filters" in NONE_MATCH
    assert not page.detail.isVisible()

    page.filter_bar.clear_button.click()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert not page.empty_message.isVisible()
    assert page.detail.isVisible()


def test_with_nothing_selected_the_detail_pane_hides_its_empty_fields(
    page: ChronologyPage,
) -> None:
    page.add_entry(_new_entry("Attended the flat after a 999 call."))
    page.table.selectionModel().setCurrentIndex(
        page.proxy.index(-1, 0), QItemSelectionModel.SelectionFlag.Clear
    )
    detail = page.detail
    assert detail.entry is None
    assert detail.isVisible() and detail.nothing.isVisible()
    assert NOTHING_SELECTED in detail.nothing.text()
    assert not detail.splitter.isVisible()  # no blank labels, no blank same-event panes
