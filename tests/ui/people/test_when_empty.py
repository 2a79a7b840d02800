"""The People tabs of a new, empty review: each empty list says what to do, and a form is shown
only once there is something to show in it (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewer_app.services.open_review import ReviewServices
from ui.analysis.master_detail import MasterDetailPage
from ui.people.page import PeoplePage
from ui.tasks import ImmediateTaskRunner


@pytest.fixture
def page(qtbot: QtBot, empty: ReviewServices) -> Iterator[PeoplePage]:
    made = PeoplePage(empty.people, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.resize(1100, 760)
    made.show()
    qtbot.waitExposed(made)
    made.reload()
    yield made
    made.clear()


def _says(tab: MasterDetailPage, *words: str) -> None:
    """The list says what to do; no form stands beside it."""
    assert tab.empty_message.isVisibleTo(tab)
    assert all(word in tab.empty_message.text() for word in words)
    assert tab.list.accessibleDescription() == tab.empty_message.text()
    assert not tab.form_pane.isVisibleTo(tab)


def test_people_says_what_to_do_then_shows_the_form_for_a_new_person(
    qtbot: QtBot, page: PeoplePage, empty: ReviewServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = page.people
    _says(people, "No one recorded yet", "New person")

    people.new_button.click()
    assert people.form_pane.isVisibleTo(people)
    assert "as soon as something is typed" in people.empty_message.text()
    assert empty.people.people() == []  # a blank form adds nothing

    qtbot.keyClicks(people.pseudonym, "Mother")  # the first edit adds the person
    assert people.flush()
    assert [p.pseudonym for p in empty.people.people()] == ["Mother"]
    assert not people.empty_message.isVisibleTo(people)
    assert people.form_pane.isVisibleTo(people)
    assert people.list.count() == 1 and people.list.currentRow() == 0

    monkeypatch.setattr(  # the last one deleted: the list says what to do again
        QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Yes)
    )
    people.delete_button.click()
    assert empty.people.people() == []
    _says(people, "No one recorded yet")


def test_agencies_tab_says_how_agencies_arrive(page: PeoplePage, empty: ReviewServices) -> None:
    agencies = page.agencies
    _says(agencies, "No agencies yet", "Ctrl+I")
    empty.chronology.ensure_agency("Northshire Police")
    agencies.reload()
    assert not agencies.empty_message.isVisibleTo(agencies)
    assert agencies.form_pane.isVisibleTo(agencies)
    assert agencies.list.item(0).text().startswith("Northshire Police")


def test_identifiers_tab_says_what_to_add(
    qtbot: QtBot, page: PeoplePage, empty: ReviewServices
) -> None:
    identifiers = page.identifiers
    _says(identifiers, "No identifying details recorded yet", "New identifier")
    identifiers.new()
    qtbot.keyClicks(identifiers.text, "St Anne's Primary School")
    assert identifiers.flush()
    assert [i.text for i in empty.people.identifiers()] == ["St Anne's Primary School"]
    assert not identifiers.empty_message.isVisibleTo(identifiers)
    assert identifiers.form_pane.isVisibleTo(identifiers)
