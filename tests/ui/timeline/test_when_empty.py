"""A new, empty review's timeline says what to do instead of standing blank (issue 12)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.services.open_review import ReviewServices
from ui.tasks import ImmediateTaskRunner
from ui.timeline import TimelinePage
from ui.timeline.describe import NO_ENTRIES


def _page(qtbot: QtBot, review: ReviewServices) -> TimelinePage:
    page = TimelinePage(review.chronology, ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.reload()
    return page


def _add(review: ReviewServices, date: str) -> None:
    agency = review.chronology.ensure_agency("Northshire Police")
    assert agency.id is not None
    review.chronology.add_entry(
        ChronologyEntry(agency.id, parse_uk_date(date), "Incident log", "Attended the flat.")
    )


def test_an_empty_review_says_how_to_fill_the_timeline(qtbot: QtBot, empty: ReviewServices) -> None:
    page = _page(qtbot, empty)
    assert page.view.shown_message() == NO_ENTRIES
    assert "Ctrl+I" in NO_ENTRIES and "Chronology page" in NO_ENTRIES
    assert page.view.accessibleDescription() == NO_ENTRIES  # a screen reader hears it too

    _add(empty, "not known")  # an entry with no date cannot be placed: the page says so
    page.reload()
    message = page.view.shown_message()
    assert "1 entry has no known date" in message and "Chronology page" in message

    _add(empty, "14/09/2013")
    page.reload()
    assert page.view.shown_message() == ""
    assert page.view.timeline is not None and page.view.timeline.dated_count == 1
