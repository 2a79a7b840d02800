"""Damage met while a review is open in the window: it stops using the review, says so plainly,
and restores the newest good backup as a new file. Never the crash notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reviewer_app.errors import DamagedReviewError
from reviewer_app.paths import AppPaths
from tests.helpers.damage import filled_review, flip_page, table_page
from tests.helpers.reviews import Sessions, is_locked
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.ui.support import Shown, visible_dialog
from ui.damaged_file_dialog import DamagedFileDialog
from ui.errors import show_error
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.unlock_dialog import UnlockDialog


def test_damage_met_in_the_window_closes_the_review_and_restores_the_newest_good_backup(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    files: Sessions,
    app_paths: AppPaths,
    tmp_path: Path,
    message_boxes: list[Shown],
) -> None:
    path = tmp_path / "damaged.review"
    filled_review(path, app_paths)
    flip_page(path, table_page(path))
    review = files.open(path, passphrase=PASSPHRASE)  # opens: the damage is further in
    window.show_review(review)  # the chronology is listed from its index: not met yet
    assert window.workspace is not None
    window.workspace.show_section("chronology")  # the rows' texts are read: met
    qtbot.waitUntil(lambda: window.review is None)
    assert is_locked(review)
    assert window.pages.currentWidget() is window.start_page
    assert not Path(f"{path}-wal").exists()
    dialog = visible_dialog(window, DamagedFileDialog)
    assert isinstance(dialog, DamagedFileDialog)
    assert "stopped using this review" in dialog.message.text()
    assert dialog.offer is not None and dialog.restore_button.isVisible()
    assert message_boxes == []  # no crash notice, no other message

    chosen: list[Path] = []

    def choose(suggested: Path) -> Path:
        chosen.append(suggested)
        return suggested

    dialog.choose_target = choose
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    [target] = chosen
    assert target.parent == tmp_path and target.name.startswith("damaged (restored from ")
    assert target.exists() and dialog.restored == target
    assert dialog.open_button.isVisible()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog) and unlock.path == target
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(unlock.ok, Qt.MouseButton.LeftButton)
    assert window.review is not None and window.review.path == target
    assert window.review.chronology.entries()[0].source.startswith("Log")


def test_a_damaged_file_found_while_unlocking_is_shown_with_its_backup(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    app_paths: AppPaths,
    tmp_path: Path,
    message_boxes: list[Shown],
) -> None:
    path = tmp_path / "damaged.review"
    filled_review(path, app_paths)
    flip_page(path, 0)  # the start of the file: the passphrase cannot tell, the backups can
    window.unlock(path)
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog)
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(unlock.ok, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(window, DamagedFileDialog)
    assert isinstance(dialog, DamagedFileDialog)
    assert "damaged at its start" in dialog.message.text()
    assert dialog.restore_button.isVisible()
    assert message_boxes == [] and window.review is None


def test_damage_without_a_backup_offers_nothing_to_restore(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    show_error(window, DamagedReviewError("'x.review' is damaged.", path=Path("x.review")))
    dialog = visible_dialog(window, DamagedFileDialog)
    assert isinstance(dialog, DamagedFileDialog)
    assert not dialog.restore_button.isVisible() and dialog.close_button.isVisible()
    show_error(window, DamagedReviewError("the same again", path=Path("x.review")))
    assert window.damage_dialog is dialog  # one notice, however many parts met the damage


def test_a_recovery_code_never_shown_is_shown_at_the_next_unlock(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    files: Sessions,
    tmp_path: Path,
) -> None:
    from reviewer_app.review import Review

    path = tmp_path / "interrupted.review"
    created = files.files.create(path, Review(title="Made, then the window was killed"), PASSPHRASE)
    code = register(created.recovery_code)
    created.review.close()  # its code was never shown
    window.unlock(path)
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog)
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.mouseClick(unlock.ok, Qt.MouseButton.LeftButton)
    shown = visible_dialog(window, RecoveryCodeDialog)
    assert isinstance(shown, RecoveryCodeDialog) and shown.code == code
    shown.kept.setChecked(True)
    shown.accept()
    assert window.review is not None and window.review.unshown_recovery_code() is None
