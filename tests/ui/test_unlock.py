"""Unlocking a review: remembered key, passphrase, recovery code, and files that will not open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewer_app.errors import ReviewFileError, WrongPassphraseError
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.keyring_store import NO_KEYRING_NOTICE, NoKeyring
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import MARKER, NEW_PASSPHRASE, PASSPHRASE
from tests.ui.runners import HeldRunner
from tests.ui.support import Shown, no_visible_dialog, review_path, visible_dialog
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.overview_page import OverviewPage
from ui.start_window import MainWindow
from ui.unlock_dialog import STILL_UNLOCKING, UnlockDialog


@pytest.fixture
def path(files: Sessions, case_review: Review, tmp_path: Path) -> Path:
    """A review made earlier; this computer does not remember its key."""
    made = review_path(tmp_path)
    files.add(made, case_review, PASSPHRASE)
    return made


def unlock_dialog(window: MainWindow) -> UnlockDialog:
    dialog = visible_dialog(window, UnlockDialog)
    assert isinstance(dialog, UnlockDialog)
    return dialog


def test_a_wrong_passphrase_is_explained_inline_and_the_dialog_stays_open(
    qtbot, window: MainWindow, files: Sessions, path: Path
) -> None:
    window.unlock(path)
    dialog = unlock_dialog(window)
    assert path.name in dialog.findChild(type(dialog.error), "where").text()
    assert not dialog.ok.isEnabled(), "nothing typed yet"

    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    with pytest.raises(WrongPassphraseError) as wrong:
        files.open(path, passphrase="not the passphrase")
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == str(wrong.value)
    assert window.review is None
    assert dialog.passphrase.selectedText() == "not the passphrase", "ready to type over"

    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)  # replaces the selection
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert window.review is not None and window.review.path == path
    assert window.workspace is not None and window.pages.currentWidget() is window.workspace
    assert isinstance(window.workspace.stack.currentWidget(), OverviewPage)
    assert window.overview is not None and window.overview.title.text() == MARKER


def test_a_remembered_key_opens_the_review_without_asking(
    qtbot, window: MainWindow, files: Sessions, case_review: Review, tmp_path: Path
) -> None:
    path = review_path(tmp_path)
    files.add(path, case_review, PASSPHRASE, remembered=True)
    window.unlock(path)
    assert no_visible_dialog(window, UnlockDialog)
    assert window.review is not None and window.review.path == path
    assert files.open_attempts == 0, "no passphrase was needed"


def test_opening_with_a_remembered_key_says_so_while_it_works(  # type: ignore[no-untyped-def]
    qtbot, files: Sessions, app_paths: AppPaths, case_review: Review, tmp_path: Path
) -> None:
    """No dialog shows while a remembered key opens the file, which can take some seconds (a
    large review, or one an earlier version made being brought up to date): the window says
    what it is doing; and a dialog that does show says, after a while, why it can be slow."""
    path = review_path(tmp_path)
    files.add(path, case_review, PASSPHRASE, remembered=True)
    runner = HeldRunner()
    window = MainWindow(files, paths=app_paths, runner=runner)
    qtbot.addWidget(window)
    window.show()
    window.unlock(path)
    assert window.statusBar().currentMessage() == f"Opening '{path.name}'…"
    runner.release()
    assert window.review is not None and window.review.path == path
    assert "Opening" not in window.statusBar().currentMessage()

    dialog = UnlockDialog(files, path, runner)
    qtbot.addWidget(dialog)
    dialog.STILL_AFTER_MS = 10
    dialog._set_busy(True)
    assert dialog.busy_label.text() == "Unlocking…"
    qtbot.waitUntil(lambda: STILL_UNLOCKING in dialog.busy_label.text(), timeout=2000)
    dialog._set_busy(False)
    assert dialog.busy_label.text() == "Unlocking…" and not dialog.busy_label.isVisibleTo(dialog)


def test_the_recovery_code_opens_it_and_a_new_passphrase_is_offered(
    qtbot, window: MainWindow, files: Sessions, case_review: Review, tmp_path: Path
) -> None:
    path = review_path(tmp_path)
    code = files.add(path, case_review, PASSPHRASE)
    window.unlock(path)
    dialog = unlock_dialog(window)
    qtbot.keyClick(dialog.use_code, Qt.Key.Key_Space)
    assert dialog.code.isVisible() and not dialog.passphrase.isVisible()

    qtbot.keyClicks(dialog.code, "ABCD-EFGH")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "56 letters and digits" in dialog.error.text()

    dialog.code.clear()
    qtbot.keyClicks(dialog.code, code.lower().replace("-", " "))  # as typed from paper
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.review is not None

    change = visible_dialog(window, ChangePassphraseDialog)
    assert isinstance(change, ChangePassphraseDialog)
    assert any(
        "opened this review with its recovery code" in label.text()
        for label in change.findChildren(type(change.error))
    )
    qtbot.keyClicks(change.passphrase.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(change.passphrase.confirm, NEW_PASSPHRASE)
    qtbot.keyClick(change.passphrase.confirm, Qt.Key.Key_Return)
    window.close_review()
    assert files.opens_with(path, passphrase=NEW_PASSPHRASE).title == MARKER
    with pytest.raises(WrongPassphraseError):
        files.opens_with(path, passphrase=PASSPHRASE)


def test_ticking_remember_keeps_the_key_on_this_computer(
    qtbot, window: MainWindow, files: Sessions, path: Path
) -> None:
    assert not files.remembers(path)
    window.unlock(path)
    dialog = unlock_dialog(window)
    dialog.remember.setChecked(True)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.ok.click()
    assert window.review is not None
    window.close_review()
    assert files.remembers(path)


def test_without_a_keyring_remember_is_not_offered(
    qtbot, app_paths, case_review: Review, tmp_path: Path
) -> None:
    from ui.tasks import ImmediateTaskRunner

    files = Sessions(app_paths, NoKeyring())
    path = review_path(tmp_path)
    files.add(path, case_review, PASSPHRASE)
    dialog = UnlockDialog(files, path, ImmediateTaskRunner())
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.isVisible()
    assert not dialog.remember.isEnabled()
    assert dialog.remember.toolTip() == NO_KEYRING_NOTICE


def test_a_file_that_is_not_there_is_reported_without_asking_for_a_passphrase(
    qtbot, window: MainWindow, message_boxes: list[Shown], tmp_path: Path
) -> None:
    missing = tmp_path / "moved-away.review"
    window.unlock(missing)
    assert no_visible_dialog(window, UnlockDialog)
    assert len(message_boxes) == 1
    assert message_boxes[0].kind == "warning"
    assert message_boxes[0].title == ReviewFileError.title
    assert str(missing) in message_boxes[0].text
    assert window.review is None


def test_cancelling_leaves_nothing_open(
    qtbot, window: MainWindow, files: Sessions, path: Path
) -> None:
    window.unlock(path)
    dialog = unlock_dialog(window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.review is None
    assert files.handed_out == []
    assert files.open_attempts == 0
