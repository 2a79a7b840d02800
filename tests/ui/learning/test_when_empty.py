"""The Learning notes page of a new, empty review reads itself when first shown and its empty
list says what to do (issue 12)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from reviewer_app.learning.note import LearningNote
from reviewer_app.services.open_review import ReviewServices
from ui.learning.learning_page import NO_NOTES, LearningNotesPage
from ui.tasks import ImmediateTaskRunner


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
