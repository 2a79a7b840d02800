"""Typing that cannot be saved survives the idle lock (in memory only) and is put back after
unlock; closing or quitting with such typing asks first (issue 12's remaining hole)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer_app.analysis.conversation import Conversation, ConversationKind
from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import Sessions, new_services
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import Shown, visible_dialog
from tests.ui.workspace.test_typing_kept import Clock
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.episodes_page import EpisodesPage
from ui.chronology.table_model import Column
from ui.kept_typing import PUT_BACK_NOTE
from ui.locked_page import LockedPage
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog

BAD_DATE = "31/02/2019"
NOTES = "Health visitor 1 said the baby was seen at home; no concerns were recorded."
TITLE = "Conversation with Health Visitor 1"
EPISODE = "Discharge from hospital without a plan"


def _window(qtbot, files: Sessions, app_paths: AppPaths, path: Path) -> tuple[MainWindow, Clock]:  # type: ignore[no-untyped-def]
    services = new_services(path, app_paths)
    services.analysis.save_conversation(
        Conversation(ConversationKind.PRACTITIONER, TITLE, dt.date(2019, 1, 3))
    )
    return _showing(qtbot, files, app_paths, services)


def _showing(
    qtbot, files: Sessions, app_paths: AppPaths, services: ReviewServices
) -> tuple[MainWindow, Clock]:  # type: ignore[no-untyped-def]
    clock = Clock()
    window = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner(), clock=clock)
    qtbot.addWidget(window)
    window.show()
    assert window.show_review(services, add_to_recent=False)
    return window, clock


def _unlock(qtbot, window: MainWindow, files: Sessions, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Unlock as after a real lock: the passphrase typed (the keyring has forgotten it)."""
    files.keyring_backend.store.clear()
    window.unlock(path)
    dialog = visible_dialog(window, UnlockDialog)
    assert isinstance(dialog, UnlockDialog)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def _type_unsaveable(qtbot, window: MainWindow) -> ConversationsPage:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    window.workspace.show_section("conversations")
    page = window.workspace.pages["conversations"]
    assert isinstance(page, ConversationsPage)
    assert page.current is not None
    page.date.clear()
    qtbot.keyClicks(page.date, BAD_DATE)
    qtbot.keyClicks(page.notes, NOTES)
    page.flush()
    assert "is not a date" in page.problem.text()
    return page


def test_unsaveable_typing_is_kept_across_the_idle_lock_and_put_back(  # type: ignore[no-untyped-def]
    qtbot, files: Sessions, app_paths: AppPaths, tmp_path: Path, message_boxes: list[Shown]
) -> None:
    path = tmp_path / "kept.review"
    window, clock = _window(qtbot, files, app_paths, path)
    _type_unsaveable(qtbot, window)

    clock.now += window.idle_lock.minutes * 60 + 1
    window.idle_lock.check()
    assert isinstance(window.pages.currentWidget(), LockedPage)
    assert window.review is None  # the key is dropped
    shown = [w for w in window.findChildren(QWidget) if w.isVisible()]
    texts = [getattr(w, "text", lambda: "")() for w in shown]
    assert not [t for t in texts if isinstance(t, str) and BAD_DATE in t]

    _unlock(qtbot, window, files, path)
    assert window.review is not None and window.workspace is not None
    assert window.workspace.current_section() == "conversations"
    page = window.workspace.pages["conversations"]
    assert isinstance(page, ConversationsPage)
    assert page.current is not None and page.current.title == TITLE
    assert page.date.text() == BAD_DATE  # put back in the same item's field
    assert page.notes.toPlainText() == NOTES
    assert PUT_BACK_NOTE in page.problem.text()
    assert "is not a date" in page.problem.text()
    (stored,) = window.review.analysis.conversations()
    assert stored.notes == NOTES  # what could be saved was saved
    assert stored.date == dt.date(2019, 1, 3)  # the impossible date was not
    assert "put back" in window.statusBar().currentMessage()
    assert message_boxes == []


@pytest.mark.parametrize("route", ["close", "quit"])
@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_closing_with_unsaveable_typing_asks(  # type: ignore[no-untyped-def]
    qtbot,
    files: Sessions,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    route: str,
    answer: str,
) -> None:
    window, _clock = _window(qtbot, files, app_paths, tmp_path / "ask.review")
    page = _type_unsaveable(qtbot, window)
    asked: list[str] = []

    def question(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    if route == "close":
        window.close_review()
    else:
        window.close()
    assert len(asked) == 1 and "Conversations" in asked[0]
    if answer == "No":
        assert window.review is not None
        assert page.date.text() == BAD_DATE
        page.date.clear()  # put right, so the window may go
        window.close_review()
    assert window.review is None


def test_a_refused_date_in_a_chronology_cell_is_kept_across_the_lock(  # type: ignore[no-untyped-def]
    qtbot, files: Sessions, app_paths: AppPaths, tmp_path: Path, message_boxes: list[Shown]
) -> None:
    path = tmp_path / "cell.review"
    services = new_services(path, app_paths)
    agency = services.chronology.ensure_agency("Northshire Health Visiting")
    assert agency.id is not None
    entry = services.chronology.add_entry(
        ChronologyEntry(agency.id, parse_uk_date("03/01/2019"), "Visit record", "Home visit.")
    )
    window, clock = _showing(qtbot, files, app_paths, services)
    assert window.workspace is not None
    window.workspace.show_section("chronology")
    page = window.workspace.chronology_page
    qtbot.waitUntil(lambda: page.model.row_of(entry.id) is not None)
    index = page.proxy.index(page.proxy.proxy_row_of(entry.id), Column.DATE)
    page.table.edit_with_text(index, BAD_DATE)
    assert page.table.editing_text() == BAD_DATE

    clock.now += window.idle_lock.minutes * 60 + 1
    window.idle_lock.check()
    assert isinstance(window.pages.currentWidget(), LockedPage)
    _unlock(qtbot, window, files, path)

    assert window.workspace is not None
    page = window.workspace.chronology_page
    qtbot.waitUntil(lambda: page.table.editing_text() is not None)
    assert page.table.editing_text() == BAD_DATE  # the same cell, open again
    assert page.current_entry_id() == entry.id
    assert page.table.currentIndex().column() == Column.DATE
    qtbot.wait(50)  # the event loop runs: the cell stays open with the text
    assert page.table.editing_text() == BAD_DATE
    editor = page.table.focusWidget()
    assert editor is not None and PUT_BACK_NOTE in editor.toolTip()
    assert "not a real date" in editor.toolTip()
    assert "put back" in window.statusBar().currentMessage()
    assert message_boxes == []
    assert window.review is not None
    (stored,) = window.review.chronology.entries()
    assert stored.date.original == "03/01/2019"


@pytest.mark.parametrize("field", ["start", "end"])
def test_a_new_episode_with_an_impossible_date_survives_the_timer_lock(  # type: ignore[no-untyped-def]
    qtbot,
    files: Sessions,
    app_paths: AppPaths,
    tmp_path: Path,
    message_boxes: list[Shown],
    field: str,
) -> None:
    """Once crashed the window: a new key practice episode's form refusing a date, then the
    idle lock firing from its timer inside the event loop, where the page is really deleted."""
    path = tmp_path / "episode.review"
    window, clock = _window(qtbot, files, app_paths, path)
    assert window.workspace is not None
    window.workspace.show_section("episodes")
    page = window.workspace.pages["episodes"]
    assert isinstance(page, EpisodesPage)
    page.new()
    qtbot.keyClicks(page.title_field, EPISODE)
    date_field = getattr(page, field)
    date_field.clear()
    qtbot.keyClicks(date_field, BAD_DATE)
    page.flush()
    assert "is not a date" in page.problem.text()

    clock.now += window.idle_lock.minutes * 60 + 1
    window.idle_lock.timer.start(1)
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), LockedPage), timeout=5000)
    qtbot.wait(50)  # the deferred deletions run
    assert window.review is None

    _unlock(qtbot, window, files, path)
    assert window.workspace is not None
    page = window.workspace.pages["episodes"]
    assert isinstance(page, EpisodesPage)
    assert getattr(page, field).text() == BAD_DATE
    assert page.title_field.text() == EPISODE
    assert "is not a date" in page.problem.text()
    assert message_boxes == []
