"""The Learning notes page of a new, empty review reads itself when first shown and its empty
list says what to do (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from reviewer_app.learning.note import LearningNote
from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import new_services
from ui.learning.learning_page import NO_NOTES, LearningNotesPage
from ui.tasks import ImmediateTaskRunner


@pytest.fixture
def empty(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    made = new_services(tmp_path / "empty.review", app_paths)
    yield made
    made.close()


def test_an_empty_review_says_how_to_attach_a_note(qtbot: QtBot, empty: ReviewServices) -> None:
    page = LearningNotesPage(
        empty.learning_notes, lambda: None, list, QUndoStack(), ImmediateTaskRunner()
    )
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()  # as the workspace makes it: nobody calls reload, the page reads itself
    qtbot.waitExposed(page)
    assert page.empty_message.isVisible() and page.empty_message.text() == NO_NOTES
    assert "Attach from library" in NO_NOTES
    assert page.list.accessibleDescription() == NO_NOTES
    assert page.view.toPlainText().strip()  # the note pane is not blank either
    assert not page.detach_button.isEnabled()

    empty.learning_notes.attach(LearningNote("Hindsight bias", "Judge by what was known then."))
    page.reload()
    assert not page.empty_message.isVisible()
    assert page.list.count() == 1
    assert "Judge by what was known then." in page.view.toPlainText()
    assert page.detach_button.isEnabled()
