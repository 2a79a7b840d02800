"""The period under review in the New review dialog, and the demo button on the start page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from reviewer_app.review import Review
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import visible_dialog
from ui.new_review_dialog import NewReviewDialog
from ui.start_window import MainWindow


def test_the_period_under_review_is_asked_for_and_checked(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path
) -> None:
    window.new_review()
    dialog = visible_dialog(window, NewReviewDialog)
    assert isinstance(dialog, NewReviewDialog)
    dialog.choose_path = lambda: tmp_path / "scoped.review"
    qtbot.keyClicks(dialog.title, "Child P")
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.confirm, PASSPHRASE)
    dialog.choose.click()
    assert dialog.ok.isEnabled()  # the period can be added later

    qtbot.keyClicks(dialog.scope_start, "31/02/2014")
    qtbot.keyClicks(dialog.scope_end, "30/06/2016")
    assert not dialog.ok.isEnabled()
    assert "'31/02/2014' is not a date" in dialog.scope_problem.text()
    dialog.scope_start.clear()
    qtbot.keyClicks(dialog.scope_start, "01/01/2014")
    assert dialog.ok.isEnabled() and not dialog.scope_problem.isVisible()
    dialog.ok.click()
    [created] = files.handed_out
    assert created.path.name == "scoped.review"
    details = created.details.load().details
    assert details.scope is not None
    assert (details.scope.start, details.scope.end) == (dt.date(2014, 1, 1), dt.date(2016, 6, 30))


def test_the_demo_button_opens_the_demonstration_review(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path
) -> None:
    assert not window.start_page.demo_button.isVisibleTo(window)  # no demo wired in: hidden
    demo = tmp_path / "demo.review"
    files.add(demo, Review(title="Child M (demonstration)"), PASSPHRASE)
    window.demo_opener = lambda: files.open(demo, passphrase=PASSPHRASE)
    window.show_start()
    assert window.start_page.demo_button.isVisibleTo(window)
    qtbot.mouseClick(window.start_page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.review is not None)
    assert window.windowTitle() == "Child M (demonstration)"
    assert window.recent.paths() == []  # the demo is not added to the recent list
