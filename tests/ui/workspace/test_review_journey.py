"""The whole journey through the real window, services and an encrypted review file:
create, import through the wizard, edit a cell, undo, redo, auto-lock (injected clock),
unlock, and the edit is still there — in the window and in the file."""

from __future__ import annotations

from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reviewer_app.chronology.entry import AgencyType
from reviewer_app.paths import AppPaths
from reviewer_app.wiring import ReviewSessionFiles
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import MARKER, PASSPHRASE, register
from tests.ui.importing.agency_files import multi_sheet_xlsx
from tests.ui.importing.steps import FINISH, choose_file, name_agency, press, to_import_page
from tests.ui.support import every_string, visible_dialog
from ui.chronology.columns import Column
from ui.importing import ImportWizard
from ui.locked_page import LockedPage
from ui.new_review_dialog import NewReviewDialog
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog
from ui.workspace.workspace import Workspace

EDITED = "Seen at school with the school nurse; Child M said “it hurts”."


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def _stored_event(workspace: Workspace, entry_id: int) -> str:
    return workspace.chronology.repository.entry(entry_id).event


def test_create_import_edit_undo_autolock_unlock(
    qtbot: QtBot, app_paths: AppPaths, tmp_path: Path
) -> None:
    clock = FakeClock()
    files = ReviewSessionFiles(review_files(app_paths, fail.Keyring()))
    window = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner(), clock=clock)
    qtbot.addWidget(window)
    window.show()

    # Create a review through the dialog.
    path = tmp_path / "journey.review"
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    dialog.choose_path = lambda: path
    qtbot.keyClicks(dialog.title, MARKER)
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.review is not None)
    code = visible_dialog(window, RecoveryCodeDialog)
    assert isinstance(code, RecoveryCodeDialog)
    register(code.code)
    code.kept.setChecked(True)
    code.close_button.click()
    assert window.windowTitle() == MARKER

    # Import an agency chronology through the wizard.
    workspace = window.workspace
    assert workspace is not None
    window.import_action.trigger()
    wizard = visible_dialog(window, ImportWizard)
    assert isinstance(wizard, ImportWizard)
    choose_file(wizard, multi_sheet_xlsx(tmp_path))
    name_agency(wizard, "Northtown Police", AgencyType.POLICE)
    to_import_page(wizard)
    wizard.import_page.start.click()
    press(wizard, FINISH)
    page = workspace.chronology_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert workspace.chronology.repository.count() == 3

    # Edit a cell in the table; it is in the file at once.
    workspace.show_section("chronology")
    source = page.proxy.index(0, int(Column.EVENT))
    entry_id = page.model.entry_at(page.proxy.mapToSource(source).row()).id
    assert isinstance(entry_id, int)
    original = _stored_event(workspace, entry_id)
    assert page.proxy.setData(source, EDITED, Qt.ItemDataRole.EditRole)
    assert _stored_event(workspace, entry_id) == EDITED
    window.undo_action.trigger()
    assert _stored_event(workspace, entry_id) == original
    window.redo_action.trigger()
    assert _stored_event(workspace, entry_id) == EDITED
    page.select_entry(entry_id)
    QGuiApplication.clipboard().setText(EDITED)  # the reviewer copied case text

    # Ten idle minutes later the review locks itself; nothing of the case is left visible.
    clock.now += 10 * 60 + 1
    window.idle_lock.check()
    assert isinstance(window.pages.currentWidget(), LockedPage)
    assert window.review is None and window.workspace is None
    assert not [s for s in every_string(window) if MARKER in s or EDITED in s]
    assert QGuiApplication.clipboard().text() != EDITED
    assert window.undo_stack.count() == 0

    # Unlock: back where the reviewer was, with the edit still there.
    window.locked_page.unlock_button.click()
    unlock = visible_dialog(window, UnlockDialog)
    assert isinstance(unlock, UnlockDialog)
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None)
    again = window.workspace
    assert again is not None
    assert again.current_section() == "chronology"
    qtbot.waitUntil(lambda: again.chronology_page.current_entry_id() == entry_id)
    assert _stored_event(again, entry_id) == EDITED
    assert MARKER.encode() not in path.read_bytes() and EDITED.encode() not in path.read_bytes()
