"""Conversations, key practice episodes and findings of a new, empty review: the empty list
says what to do, the form appears once New is pressed, and the first thing typed into it adds
the item (issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from reviewer_app.services.analysis import AnalysisService
from reviewer_app.services.open_review import ReviewServices
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.episodes_page import EpisodesPage
from ui.analysis.findings_page import FindingsPage
from ui.analysis.master_detail import MasterDetailPage
from ui.tasks import ImmediateTaskRunner


@dataclass(frozen=True)
class Part:
    name: str
    page: type[MasterDetailPage]
    says: str
    field: str  # typed into first
    stored: Callable[[AnalysisService], list[str]]


PARTS = [
    Part(
        "conversations",
        ConversationsPage,
        "No conversations recorded yet: press New conversation",
        "title_field",
        lambda s: [c.title for c in s.conversations()],
    ),
    Part(
        "episodes",
        EpisodesPage,
        "No key practice episodes yet: press New episode",
        "title_field",
        lambda s: [e.title for e in s.episodes()],
    ),
    Part(
        "findings",
        FindingsPage,
        "No findings yet: press New finding",
        "statement",
        lambda s: [f.statement for f in s.findings()],
    ),
]


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.name)
def test_an_empty_list_says_what_to_do_and_new_shows_the_form(
    qtbot: QtBot, empty: ReviewServices, part: Part
) -> None:
    page = part.page(empty.analysis, QUndoStack(), ImmediateTaskRunner())  # type: ignore[call-arg]
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()  # the page reads itself when first shown
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.empty_message.isVisible())
    assert page.empty_message.text().startswith(part.says)
    assert page.list.accessibleDescription() == page.empty_message.text()
    assert not page.form_pane.isVisible()  # no editable form while nothing is chosen

    page.new_button.click()
    assert page.form_pane.isVisible()
    assert "as soon as something is typed" in page.empty_message.text()
    assert part.stored(empty.analysis) == []

    field = getattr(page, part.field)
    field.setFocus()
    qtbot.keyClicks(field, "Strategy discussions by telephone")
    assert page.flush()  # the first edit of the blank form adds the item
    assert part.stored(empty.analysis) == ["Strategy discussions by telephone"]
    assert not page.empty_message.isVisible()
    assert page.form_pane.isVisible()
    assert page.list.count() == 1 and page.list.currentRow() == 0
    page.clear()
