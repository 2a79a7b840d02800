"""The main window: start page, overview, lock, close, recent reviews and the keyring notice."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QWidget,
)

from reviewer_app.errors import WrongPassphraseError
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review, ScopePeriod
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.review_details import ReviewDetailsService
from storage.keyring_store import NoKeyring
from tests.helpers.platforms import assert_owner_only
from tests.helpers.reviews import Sessions, is_locked
from tests.helpers.secrets_watch import MARKER, NEW_PASSPHRASE, PASSPHRASE, register
from tests.ui.support import BOARD, Shown, every_string, review_path, visible_dialog
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.errors import CRASH_MESSAGE, CRASH_TITLE
from ui.locked_page import LockedPage
from ui.new_review_dialog import NewReviewDialog
from ui.overview_page import OverviewPage
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog


@pytest.fixture
def path(files: Sessions, case_review: Review, tmp_path: Path) -> Path:
    """A review made earlier, whose key this computer remembers."""
    made = review_path(tmp_path)
    files.add(made, case_review, PASSPHRASE, remembered=True)
    return made


def open_review(window: MainWindow, path: Path) -> ReviewServices:
    window.unlock(path)
    review = window.review
    assert isinstance(review, ReviewServices)
    return review


def test_the_start_page_says_what_the_app_is_and_offers_new_and_open(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.start_page
    strings = every_string(window)
    assert "SCR Reviewer" in strings
    assert any("encrypted workspace" in s for s in strings)
    assert window.start_page.new_button.text() == "&New review…"
    assert window.start_page.open_button.text() == "&Open review…"
    assert window.start_page.no_recent.isVisible()
    assert not window.lock_action.isEnabled()


def test_the_overview_shows_the_review_details(
    window: MainWindow,
    files: Sessions,
    case_review: Review,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = review_path(tmp_path)
    details = case_review.with_changes(
        scope=ScopePeriod(dt.date(2019, 3, 1), dt.date(2024, 1, 31)),
        created=dt.datetime(2026, 2, 3, 12, 0, tzinfo=dt.UTC),
    )
    files.add(path, details, PASSPHRASE, remembered=True)
    loads: list[Path] = []
    load = ReviewDetailsService.load

    def counted(service: ReviewDetailsService):  # type: ignore[no-untyped-def]
        loads.append(path)
        return load(service)

    monkeypatch.setattr(ReviewDetailsService, "load", counted)
    open_review(window, path)
    page = window.overview
    assert isinstance(page, OverviewPage) and window.pages.currentWidget() is window.workspace
    assert window.workspace is not None and window.workspace.stack.currentWidget() is page
    assert len(loads) == 1, "the details are read once when the review opens"
    assert page.title.text() == MARKER
    assert page.review_type.text() == "Serious Case Review"
    assert page.values["board"].text() == BOARD
    assert page.values["methodology"].text() == "SILP (Significant Incident Learning Process)"
    assert page.values["status"].text() == "Analysis"
    assert page.values["scope"].text() == "01/03/2019 to 31/01/2024"
    assert page.values["created"].text() == "03/02/2026"
    assert page.marking.text() == "OFFICIAL-SENSITIVE"
    assert window.lock_action.isEnabled()


def test_lock_clears_every_case_string_and_closes_the_review(
    qtbot, window: MainWindow, path: Path
) -> None:
    review = open_review(window, path)
    assert any(MARKER in s for s in every_string(window))
    assert window.lock_action.shortcut() == QKeySequence("Ctrl+L")

    qtbot.mouseClick(window.overview.lock_button, Qt.MouseButton.LeftButton)

    assert is_locked(review)
    assert window.review is None and window.overview is None
    assert isinstance(window.pages.currentWidget(), LockedPage)
    strings = every_string(window)
    for case_text in (MARKER, BOARD, "Serious Case Review", "SILP"):
        assert not [s for s in strings if case_text in s], f"{case_text!r} still shown"
    assert not window.findChildren(OverviewPage)
    assert any(path.name in s for s in strings), "the file's name says what is locked"


def test_ctrl_l_locks_and_unlock_opens_the_same_file_again(
    qtbot, window: MainWindow, files: Sessions, path: Path
) -> None:
    first = open_review(window, path)
    window.activateWindow()
    qtbot.keyClick(window.overview, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert is_locked(first)
    files.keyring_backend.store.clear()  # now the passphrase is needed

    qtbot.mouseClick(window.locked_page.unlock_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(window, UnlockDialog)
    assert isinstance(dialog, UnlockDialog) and dialog.path == path
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert window.review is not None and window.review is not first
    assert window.overview is not None and window.overview.title.text() == MARKER


def test_close_review_returns_to_the_start_page(qtbot, window: MainWindow, path: Path) -> None:
    review = open_review(window, path)
    qtbot.mouseClick(window.overview.close_button, Qt.MouseButton.LeftButton)
    assert is_locked(review)
    assert window.pages.currentWidget() is window.start_page
    assert not [s for s in every_string(window) if MARKER in s]
    assert window.start_page.recent_list.item(0).toolTip() == str(path)


def test_the_recent_list_keeps_only_paths_in_the_settings_file(
    qtbot,
    window: MainWindow,
    files: Sessions,
    path: Path,
    app_paths: AppPaths,
    tmp_path: Path,
) -> None:
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    created_path = tmp_path / "second.review"
    dialog.choose_path = lambda: created_path
    qtbot.keyClicks(dialog.title, MARKER + " second")
    qtbot.keyClicks(dialog.board, BOARD)
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    dialog.ok.click()
    window.close_review()
    open_review(window, path)
    window.close_review()

    raw = app_paths.settings_file.read_text(encoding="utf-8")
    assert json.loads(raw) == {"recent_reviews": [str(path), str(created_path)]}
    for case_text in (MARKER, BOARD, PASSPHRASE):
        assert case_text not in raw
    assert_owner_only(app_paths.settings_file)

    recent = window.start_page.recent_list
    assert [recent.item(i).toolTip() for i in range(recent.count())] == [
        str(path),
        str(created_path),
    ]


def test_clicking_a_recent_review_opens_it(
    qtbot, window: MainWindow, files: Sessions, path: Path
) -> None:
    window.recent.add(path)
    window.show_start()
    recent = window.start_page.recent_list
    rect = recent.visualItemRect(recent.item(0))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.review is not None and window.review.path == path
    assert len(files.handed_out) == 1, "opened once, not once per signal"


def test_delete_removes_a_recent_review_from_the_list_only(
    qtbot, window: MainWindow, path: Path, app_paths: AppPaths
) -> None:
    window.recent.add(path)
    window.show_start()
    recent = window.start_page.recent_list
    recent.setFocus()
    qtbot.keyClick(recent, Qt.Key.Key_Delete)
    assert recent.count() == 0
    assert window.recent.paths() == []
    assert path.exists()


def test_open_review_asks_for_a_file_and_unlocks_it(
    qtbot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def get_open(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(path), "Reviews (*.review)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    qtbot.mouseClick(window.start_page.open_button, Qt.MouseButton.LeftButton)
    assert asked and "*.review" in asked[0]
    assert window.review is not None and window.review.path == path


def test_keyring_notice_shows_only_when_there_is_no_keyring(qtbot, app_paths: AppPaths) -> None:
    without = MainWindow(
        Sessions(app_paths, NoKeyring()), paths=app_paths, runner=ImmediateTaskRunner()
    )
    qtbot.addWidget(without)
    without.show()
    qtbot.waitUntil(without.keyring_line.isVisible)  # asked once the window is up
    assert without.keyring_line.text().startswith("This computer has no secure keyring")

    with_keyring = MainWindow(Sessions(app_paths), paths=app_paths, runner=ImmediateTaskRunner())
    qtbot.addWidget(with_keyring)
    with_keyring.show()
    qtbot.wait(50)  # the question is asked once the window is up
    assert not with_keyring.keyring_line.isVisible()


def test_change_passphrase_then_shows_the_new_recovery_code(
    qtbot, window: MainWindow, files: Sessions, case_review: Review, tmp_path: Path
) -> None:
    path = review_path(tmp_path)
    old_code = files.add(path, case_review, PASSPHRASE, remembered=True)
    open_review(window, path)
    qtbot.mouseClick(window.overview.change_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(window, ChangePassphraseDialog)
    assert isinstance(dialog, ChangePassphraseDialog)
    qtbot.keyClicks(dialog.passphrase.passphrase, "aaaaaaaaaaaa")
    qtbot.keyClicks(dialog.passphrase.confirm, "aaaaaaaaaaaa")
    assert "Too repetitive" in dialog.passphrase.strength.text()
    assert not dialog.ok.isEnabled()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    shown = visible_dialog(window, RecoveryCodeDialog)
    assert isinstance(shown, RecoveryCodeDialog)
    new_code = register(shown.code)
    assert new_code != old_code
    assert any("no longer works" in s for s in every_string(shown))

    window.close_review()
    assert files.opens_with(path, passphrase=NEW_PASSPHRASE).title == MARKER
    assert files.opens_with(path, code=new_code).title == MARKER
    with pytest.raises(WrongPassphraseError):
        files.opens_with(path, passphrase=PASSPHRASE)


def test_closing_the_window_closes_the_review(qtbot, window: MainWindow, path: Path) -> None:
    review = open_review(window, path)
    window.close()
    assert is_locked(review)


def test_a_review_that_cannot_be_read_is_closed_and_reported_as_a_crash_without_its_text(
    qtbot,
    window: MainWindow,
    files: Sessions,
    path: Path,
    message_boxes: list[Shown],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[ReviewServices] = []
    original = files.open_remembered

    def broken(p: Path) -> ReviewServices | None:
        review = original(p)
        assert review is not None

        def load() -> Review:
            raise RuntimeError(f"row could not be read: {MARKER}")

        monkeypatch.setattr(review.details, "load", load)
        opened.append(review)
        return review

    monkeypatch.setattr(files, "open_remembered", broken)
    with caplog.at_level(logging.ERROR):
        window.unlock(path)
    assert opened and is_locked(opened[0])
    assert window.review is None
    assert window.pages.currentWidget() is window.start_page
    assert message_boxes == [Shown("critical", CRASH_TITLE, CRASH_MESSAGE)]
    assert "RuntimeError" in caplog.text and "message withheld" in caplog.text
    assert MARKER not in caplog.text


def test_every_input_has_an_accessible_name(qtbot, window: MainWindow, path: Path) -> None:
    window.new_review()
    new = visible_dialog(window, NewReviewDialog)
    checked = 0
    for root in (window, new):
        for widget in root.findChildren(QWidget):
            if not widget.isVisibleTo(root):
                continue
            if isinstance(widget, QLineEdit | QComboBox | QListWidget):
                assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()}"
                checked += 1
            elif isinstance(widget, QAbstractButton):
                assert widget.accessibleName() or widget.text().replace("&", "")
    assert checked >= 8
