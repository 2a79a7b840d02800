"""One walk through the window with the real review files, the `fail` keyring backend and
worker threads.

The other window tests run the same files on the test's thread with an in-memory keyring; this
one checks that a keyring backend that is not secure is treated as none (the passphrase still
works, remembering is not offered) and that work done on a worker thread (Argon2id, opening)
comes back safely. The UI package itself never imports `storage`; the tests do.
"""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import Qt

from reviewer_app.paths import AppPaths
from reviewer_app.wiring import ReviewSessionFiles
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import MARKER, PASSPHRASE, register
from tests.ui.support import BOARD, every_string, visible_dialog
from ui.locked_page import LockedPage
from ui.new_review_dialog import NewReviewDialog
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ThreadTaskRunner
from ui.unlock_dialog import UnlockDialog

SLOW = 20_000  # ms: Argon2id takes a moment on a busy test machine


def test_create_lock_and_unlock_a_real_review_file(
    qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    files = ReviewSessionFiles(review_files(app_paths, fail.Keyring()))
    window = MainWindow(files, paths=app_paths, runner=ThreadTaskRunner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.keyring_line.isVisible, timeout=SLOW)  # the fail backend: no keyring

    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    path = tmp_path / "real.review"
    dialog.choose_path = lambda: path
    qtbot.keyClicks(dialog.title, MARKER)
    qtbot.keyClicks(dialog.board, BOARD)
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    dialog.ok.click()
    assert dialog.is_busy() and not dialog.ok.isEnabled()
    qtbot.waitUntil(lambda: window.review is not None, timeout=SLOW)

    code_dialog = visible_dialog(window, RecoveryCodeDialog)
    assert isinstance(code_dialog, RecoveryCodeDialog)
    register(code_dialog.code)
    assert len("".join(ch for ch in code_dialog.code if ch.isalnum())) == 56
    code_dialog.kept.setChecked(True)
    code_dialog.close_button.click()

    assert window.overview is not None and window.overview.title.text() == MARKER
    assert MARKER.encode() not in path.read_bytes()

    window.lock_action.trigger()
    assert isinstance(window.pages.currentWidget(), LockedPage)
    assert not [s for s in every_string(window) if MARKER in s]

    window.locked_page.unlock_button.click()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(UnlockDialog)), timeout=SLOW
    )
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog)
    assert not unlock.remember.isEnabled()
    qtbot.keyClicks(unlock.passphrase, "a wrong passphrase")
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlock.error.isVisible(), timeout=SLOW)
    assert unlock.isVisible()
    assert "does not open 'real.review'" in unlock.error.text()

    unlock.passphrase.setText(PASSPHRASE)
    unlock.ok.click()
    qtbot.waitUntil(lambda: window.review is not None, timeout=SLOW)
    assert window.overview is not None and window.overview.title.text() == MARKER
    assert window.overview.values["board"].text() == BOARD

    window.close()
    assert window.review is None
