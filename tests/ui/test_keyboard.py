"""Keyboard use: every mnemonic on a screen is unique and every labelled field has a buddy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar, QWidget

from reviewer_app.review import Review
from tests.helpers.reviews import Sessions, recovery_code_for_tests
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import review_path, visible_dialog
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.new_review_dialog import NewReviewDialog
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(root: QWidget) -> list[str]:
    """The Alt+letter keys visible on `root` (menus count by their titles)."""
    letters: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.window() is not root:
            continue
        if isinstance(widget, QLabel):
            found = MNEMONIC.search(widget.text())
            if found:
                assert widget.buddy() is not None, f"label {widget.text()!r} has no buddy"
                letters.append(found.group(1).lower())
        elif isinstance(widget, QAbstractButton):
            found = MNEMONIC.search(widget.text())
            if found:
                letters.append(found.group(1).lower())
        elif isinstance(widget, QMenuBar):
            letters += [
                m.group(1).lower() for a in widget.actions() if (m := MNEMONIC.search(a.text()))
            ]
    return letters


def assert_unique(letters: list[str]) -> None:
    assert letters, "no mnemonics at all"
    duplicates = {x for x in letters if letters.count(x) > 1}
    assert not duplicates, f"Alt+{duplicates} used twice"


@pytest.fixture
def opened(window: MainWindow, files: Sessions, tmp_path: Path) -> MainWindow:
    path = review_path(tmp_path)
    files.add(path, Review(title="Review 2026/05"), PASSPHRASE, remembered=True)
    window.unlock(path)
    return window


def test_start_page(window: MainWindow) -> None:
    assert_unique(mnemonics(window))


def test_overview_page(opened: MainWindow) -> None:
    assert_unique(mnemonics(opened))


@pytest.mark.parametrize("use_code", [False, True])
def test_unlock_dialog(qtbot, files: Sessions, tmp_path: Path, use_code: bool) -> None:
    path = review_path(tmp_path)
    files.add(path, Review(title="Review 2026/05"), PASSPHRASE)
    dialog = UnlockDialog(files, path, ImmediateTaskRunner())
    qtbot.addWidget(dialog)
    dialog.start()
    dialog.use_code.setChecked(use_code)
    assert_unique(mnemonics(dialog))


def test_other_dialogs(qtbot, opened: MainWindow, files: Sessions) -> None:
    new = NewReviewDialog(files, ImmediateTaskRunner())
    change = ChangePassphraseDialog(opened.review, ImmediateTaskRunner())  # type: ignore[arg-type]
    code = RecoveryCodeDialog(recovery_code_for_tests(), file_name="a.review")
    for dialog in (new, change, code):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_unique(mnemonics(dialog))
    code.kept.setChecked(True)


def test_enter_on_a_recent_review_opens_it(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path
) -> None:
    path = review_path(tmp_path)
    files.add(path, Review(title="Review 2026/05"), PASSPHRASE)
    window.recent.add(path)
    window.show_start()
    window.start_page.recent_list.setFocus()
    qtbot.keyClick(window.start_page.recent_list, Qt.Key.Key_Return)
    dialog = visible_dialog(window, UnlockDialog)
    assert isinstance(dialog, UnlockDialog) and dialog.path == path
