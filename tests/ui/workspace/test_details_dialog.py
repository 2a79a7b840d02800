"""The review details dialog keeps the lead reviewer and circulation the report prints."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reviewer_app.review import Review
from reviewer_app.services.review_details import ReviewFacts
from ui.workspace.details_dialog import DetailsDialog


def test_the_lead_reviewer_and_circulation_are_edited_with_the_details(qtbot: QtBot) -> None:
    before = Review(title="Child Q", lead_reviewer="First Reviewer")
    dialog = DetailsDialog(ReviewFacts(before, None))
    qtbot.addWidget(dialog)
    assert dialog.lead_edit.text() == "First Reviewer"
    assert dialog.circulation_edit.text() == ""
    dialog.lead_edit.setText("  Second Reviewer ")
    dialog.circulation_edit.setText("Members of the review panel")
    dialog._try_accept()
    assert dialog.result_facts is not None
    details = dialog.result_facts.details
    assert details.lead_reviewer == "Second Reviewer"
    assert details.circulation == "Members of the review panel"
    assert details.title == "Child Q"
