"""Starting the window: what opens first, and the event loop's exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from tests.helpers.reviews import Sessions, is_locked
from tests.helpers.secrets_watch import MARKER, PASSPHRASE
from tests.ui.support import review_path, visible_dialog
from ui import application
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog


@pytest.fixture
def started(qtbot) -> list[MainWindow]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.close()


def test_open_path_shows_the_unlock_dialog_for_that_file(
    qtbot, app_paths: AppPaths, tmp_path: Path, started: list[MainWindow]
) -> None:
    files = Sessions(app_paths)
    path = review_path(tmp_path)
    files.add(path, Review(title=MARKER), PASSPHRASE)
    window = application.start(
        files, paths=app_paths, open_path=path, demo=False, runner=ImmediateTaskRunner()
    )
    started.append(window)
    qtbot.waitUntil(lambda: bool([d for d in window.findChildren(UnlockDialog) if d.isVisible()]))
    dialog = visible_dialog(window, UnlockDialog)
    assert isinstance(dialog, UnlockDialog) and dialog.path == path
    assert QCoreApplication.applicationName() == "SCR Reviewer"
    assert QCoreApplication.organizationName() == ""


def test_the_demo_opener_is_opened_on_start_and_not_added_to_recent(
    qtbot, app_paths: AppPaths, tmp_path: Path, started: list[MainWindow]
) -> None:
    files = Sessions(app_paths)
    path = review_path(tmp_path, "demo.review")
    files.add(path, Review(title="Demonstration review"), PASSPHRASE)
    window = application.start(
        files,
        paths=app_paths,
        open_path=None,
        demo=True,
        demo_opener=lambda: files.open(path, passphrase=PASSPHRASE),
        runner=ImmediateTaskRunner(),
    )
    started.append(window)
    qtbot.waitUntil(lambda: window.review is not None)
    assert window.overview is not None
    assert window.overview.title.text() == "Demonstration review"
    assert window.recent.paths() == []


def test_demo_without_an_opener_says_so(
    qtbot, app_paths: AppPaths, started: list[MainWindow]
) -> None:
    window = application.start(
        Sessions(app_paths),
        paths=app_paths,
        open_path=None,
        demo=True,
        runner=ImmediateTaskRunner(),
    )
    started.append(window)
    assert window.statusBar().currentMessage() == application.NO_DEMO
    assert window.review is None


def test_run_returns_the_event_loop_exit_code_and_closes_the_review(
    qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    files = Sessions(app_paths)
    path = review_path(tmp_path)
    files.add(path, Review(title=MARKER), PASSPHRASE, remembered=True)
    app = QApplication.instance()
    assert app is not None

    def check_then_quit() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        assert windows
        app.exit(3)

    QTimer.singleShot(200, check_then_quit)
    code = application.run(files, paths=app_paths, open_path=path, demo=False)
    assert code == 3
    assert files.handed_out and all(is_locked(review) for review in files.handed_out)
