"""The window warns about reviews in synced and network folders, at creation and at opening,
and offers a folder on this computer instead.

The synced folder here is a real folder named like OneDrive's ("OneDrive - Northshire
Council"), which is found by its name on every platform; a network drive is injected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reviewer_app.locations import Kind, Location
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import no_visible_dialog, visible_dialog
from ui.location_warning import LocationDialog
from ui.new_review_dialog import NewReviewDialog
from ui.start_window import MainWindow
from ui.unlock_dialog import UnlockDialog

ONEDRIVE = "OneDrive - Northshire Council"


def _choose(monkeypatch: pytest.MonkeyPatch, *answers: Path) -> list[str]:
    """The save dialog answers each path in turn; returns the folders it was started in."""
    started: list[str] = []
    queue = list(answers)

    def answer(parent: object, caption: str, folder: str, *rest: object) -> tuple[str, str]:
        started.append(folder)
        return (str(queue.pop(0)), "Reviews")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return started


def test_a_new_review_in_a_synced_folder_is_warned_about(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = tmp_path / ONEDRIVE / "Documents"
    synced.mkdir(parents=True)
    local = tmp_path / "SCR Reviews"
    local.mkdir()
    _choose(monkeypatch, synced / "Review 2026-01", local / "Review 2026-01")
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    assert not dialog.location_notice.isVisible()

    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert dialog.location_notice.isVisible()
    text = dialog.location_notice.label.text()
    assert "OneDrive copies to the internet" in text and "Review 2026-01.review" in text
    dialog.grab().save(str(tmp_path / "new-review-warning.png"))

    qtbot.mouseClick(dialog.location_notice.button, Qt.MouseButton.LeftButton)
    assert dialog.location.text() == str(local / "Review 2026-01.review")
    assert not dialog.location_notice.isVisible()
    dialog.reject()


def test_a_network_drive_is_warned_about_and_can_be_kept(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(monkeypatch, tmp_path / "on-the-share")
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    dialog.locate = lambda _path: Location(Kind.NETWORK, "a network drive")  # injected
    qtbot.keyClicks(dialog.title, "Kept on the share")
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert "on a network drive" in dialog.location_notice.label.text()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # the reviewer keeps it there
    assert [r.path for r in files.handed_out] == [tmp_path / "on-the-share.review"]


def test_new_reviews_start_in_documents_when_it_is_on_this_computer(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _choose(monkeypatch, tmp_path / "x")
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    from ui.new_review_dialog import documents_folder

    assert started == [documents_folder()]  # this test computer's Documents is not synced
    dialog.reject()


@pytest.fixture
def synced_review(files: Sessions, case_review, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / ONEDRIVE / "Documents" / "review-2026-01.review"
    files.add(path, case_review, PASSPHRASE)
    return path


def _location_dialog(window: MainWindow) -> LocationDialog:
    dialog = visible_dialog(window, LocationDialog)
    assert isinstance(dialog, LocationDialog)
    return dialog


def test_opening_a_synced_review_asks_first_and_can_open_it_there(
    qtbot, window: MainWindow, synced_review: Path, tmp_path: Path
) -> None:
    window.unlock(synced_review)
    dialog = _location_dialog(window)
    assert no_visible_dialog(window, UnlockDialog)
    assert "OneDrive copies to the internet" in dialog.message.text()
    dialog.grab().save(str(tmp_path / "open-warning.png"))
    qtbot.mouseClick(dialog.here_button, Qt.MouseButton.LeftButton)
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog)
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(unlock.ok, Qt.MouseButton.LeftButton)
    assert window.review is not None and window.review.path == synced_review


def test_opening_a_synced_review_can_copy_it_to_this_computer(
    qtbot,
    window: MainWindow,
    synced_review: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "here" / "review-2026-01.review"
    target.parent.mkdir()
    monkeypatch.setattr(UnlockDialog, "_ask_for_copy_path", lambda self, source: target)
    original = synced_review.read_bytes()
    window.unlock(synced_review)
    qtbot.mouseClick(_location_dialog(window).copy_button, Qt.MouseButton.LeftButton)
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog) and unlock.path == target
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(unlock.ok, Qt.MouseButton.LeftButton)
    assert window.review is not None and window.review.path == target
    assert synced_review.read_bytes() == original  # the original is left as it was
    assert window.recent.paths()[0] == target


def test_cancelling_the_question_opens_nothing(
    qtbot, window: MainWindow, synced_review: Path
) -> None:
    window.unlock(synced_review)
    _location_dialog(window).reject()
    assert no_visible_dialog(window, UnlockDialog)
    assert window.review is None
    window.unlock(synced_review)  # and the window is free to try again
    assert _location_dialog(window).isVisible()
