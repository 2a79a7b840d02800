"""Creating a review through the new-review dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reviewer_app.errors import ReviewExistsError
from reviewer_app.review import Methodology, Review, ReviewType
from storage.keyring_store import NO_KEYRING_NOTICE, NoKeyring
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import MARKER, PASSPHRASE
from tests.ui.support import BOARD, no_visible_dialog, visible_dialog
from ui.new_review_dialog import NewReviewDialog
from ui.overview_page import OverviewPage
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner


def choose_combo(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def test_creating_a_review_through_the_dialog(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path, monkeypatch
) -> None:
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    assert not dialog.ok.isEnabled()

    qtbot.keyClicks(dialog.title, MARKER)
    choose_combo(dialog.review_type, ReviewType.SCR)
    qtbot.keyClicks(dialog.board, BOARD)
    qtbot.keyClicks(dialog.lead_reviewer, "Sam Example")
    choose_combo(dialog.methodology, Methodology.SILP)
    dialog.terms.setPlainText("Key lines of enquiry: how agencies shared information.")

    qtbot.keyClicks(dialog.passphrase.passphrase, "short")
    qtbot.keyClicks(dialog.passphrase.confirm, "short")
    assert "Too short" in dialog.passphrase.strength.text()
    assert not dialog.ok.isEnabled()

    dialog.passphrase.passphrase.clear()
    dialog.passphrase.confirm.clear()
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE + "x")
    assert dialog.passphrase.strength.text() == "Strength: Strong."
    assert "do not match" in dialog.passphrase.match.text()
    assert not dialog.ok.isEnabled()

    qtbot.keyClick(dialog.passphrase.confirm, Qt.Key.Key_Backspace)
    assert dialog.passphrase.match.text() == "The passphrases match."
    assert not dialog.ok.isEnabled(), "no file location chosen yet"

    # The save dialog's answer lacks the suffix; the dialog adds it.
    chosen = tmp_path / "review-2026-01"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(chosen), "Reviews"))
    )
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    expected_path = tmp_path / "review-2026-01.review"
    assert dialog.location.text() == str(expected_path)
    assert dialog.ok.isEnabled()

    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    assert [review.path for review in files.handed_out] == [expected_path]
    assert window.review is files.handed_out[0]
    details = window.review.details.load().details
    assert (details.title, details.board) == (MARKER, BOARD)
    assert details.lead_reviewer == "Sam Example"  # for the report's title page
    assert details.review_type is ReviewType.SCR
    assert details.methodology is Methodology.SILP
    assert details.terms_of_reference == "Key lines of enquiry: how agencies shared information."
    assert files.remembers(expected_path)
    assert files.opens_with(expected_path, passphrase=PASSPHRASE).title == MARKER
    assert not dialog.isVisible()
    assert dialog.passphrase.text() == "", "the passphrase is not kept in the form"

    # The recovery code is shown once, over the new review's overview.
    assert window.workspace is not None and window.pages.currentWidget() is window.workspace
    assert isinstance(window.workspace.stack.currentWidget(), OverviewPage)
    code_dialog = visible_dialog(window, RecoveryCodeDialog)
    assert isinstance(code_dialog, RecoveryCodeDialog)
    code = code_dialog.code
    assert code_dialog.code_label.text().replace("\n", "-") == code
    assert files.opens_with(expected_path, code=code).title == MARKER, "the code shown opens it"
    assert (
        code_dialog.code_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    )


def test_enter_in_the_last_field_creates_the_review(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path
) -> None:
    window.new_action.trigger()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    dialog.choose_path = lambda: tmp_path / "keyboard.review"
    qtbot.keyClicks(dialog.title, "Review 2026/03")
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    qtbot.keyClick(dialog.passphrase.confirm, Qt.Key.Key_Return)
    assert [review.path for review in files.handed_out] == [tmp_path / "keyboard.review"]
    assert files.keyring_backend.store == {}, "remember is off unless ticked"


def test_remember_is_unavailable_without_a_keyring(qtbot, app_paths, tmp_path: Path) -> None:
    asked: list[bool] = []

    class Watched(Sessions):
        def create(self, path, details, passphrase, *, remember=False):  # type: ignore[no-untyped-def]
            asked.append(remember)
            return super().create(path, details, passphrase, remember=remember)

    files = Watched(app_paths, NoKeyring())
    dialog = NewReviewDialog(files, ImmediateTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isEnabled()
    assert dialog.remember.toolTip() == NO_KEYRING_NOTICE
    assert dialog.keyring_notice.isVisible()
    assert dialog.keyring_notice.text() == NO_KEYRING_NOTICE

    dialog.remember.setChecked(True)  # even if something ticks it, it is not asked for
    dialog.choose_path = lambda: tmp_path / "no-keyring.review"
    qtbot.keyClicks(dialog.title, "Review 2026/04")
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    dialog.ok.click()
    assert asked == [False]
    files.close_all()


def test_an_existing_file_is_refused_before_anything_is_written(
    qtbot, files: Sessions, tmp_path: Path
) -> None:
    existing = tmp_path / "already-here.review"
    existing.write_bytes(b"someone else's file")
    dialog = NewReviewDialog(files, ImmediateTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_path = lambda: existing
    dialog.choose.click()
    assert dialog.error.isVisible()
    assert "already a file called 'already-here.review'" in dialog.error.text()
    assert dialog.location.text() == ""
    assert existing.read_bytes() == b"someone else's file"


def test_a_refusal_from_create_is_shown_inline_and_the_dialog_stays_open(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path, monkeypatch
) -> None:
    taken = tmp_path / "taken.review"
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    dialog.choose_path = lambda: taken
    qtbot.keyClicks(dialog.title, MARKER)
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    # Another review appears there after the location was chosen (made by another window).
    files.add(taken, Review(title="Another review"), PASSPHRASE)
    before = taken.read_bytes()
    dialog.ok.click()

    with pytest.raises(ReviewExistsError) as refused:
        files.create(taken, Review(title="x"), PASSPHRASE)
    assert dialog.isVisible()
    assert dialog.error.text() == str(refused.value)
    assert files.handed_out == []
    assert taken.read_bytes() == before
    assert dialog.ok.isEnabled(), "the reviewer can choose another location and retry"
    assert no_visible_dialog(window, RecoveryCodeDialog)


def test_cancel_creates_nothing(qtbot, window: MainWindow, files: Sessions, tmp_path: Path) -> None:
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert files.handed_out == []
    assert window.review is None
    assert not list(tmp_path.rglob("*.review"))
