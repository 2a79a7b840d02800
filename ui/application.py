"""Starting the window: the QApplication, the main window, and what to show first."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialog

from reviewer_app.paths import AppPaths
from ui.errors import install_crash_dialog
from ui.start_window import MainWindow
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services load when a review is first opened, not at start
    from reviewer_app.learning.repository import LearningLibraryAccess
    from reviewer_app.services.open_review import ReviewServices, ReviewSessions

log = logging.getLogger(__name__)

APP_NAME = "SCR Reviewer"
NO_DEMO = "The demonstration review is not available in this version."


def application() -> QApplication:
    """The one QApplication, made if needed. No organisation name: settings come from `paths`."""
    existing = QCoreApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("reviewer-app")
    return app


class FileOpenHandler(QObject):
    """macOS hands a double-clicked `.review` file (the bundle's document type) to the running
    app as a QFileOpenEvent, not as an argument: open it in the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = Path(event.file())
            if path.name:
                QTimer.singleShot(0, self.window, lambda: self.window.unlock(path))
                return True
        return False


def start(
    files: ReviewSessions,
    *,
    paths: AppPaths,
    open_path: Path | None,
    demo: bool,
    demo_opener: Callable[[], ReviewServices] | None = None,
    runner: TaskRunner | None = None,
    library: LearningLibraryAccess | None = None,
) -> MainWindow:
    """Show the main window and queue what to open first; the caller runs the event loop."""
    application()
    window = MainWindow(files, paths=paths, runner=runner)
    window.demo_opener = demo_opener
    window.library = library
    window.show_start()
    window.show()
    if sys.platform == "darwin":  # only there: a filter on the application sees every event
        QCoreApplication.instance().installEventFilter(FileOpenHandler(window))  # type: ignore[union-attr]
    if open_path is not None:
        QTimer.singleShot(0, window, lambda: window.unlock(open_path))
    elif demo and demo_opener is not None:
        QTimer.singleShot(0, window, lambda: window.open_with(demo_opener))
    elif demo:
        log.info("demonstration review asked for, but none was provided")
        window.statusBar().showMessage(NO_DEMO)
    else:
        QTimer.singleShot(0, window, window.welcome_if_first_run)
    if os.environ.get(EXIT_WHEN_SHOWN_ENV) == "1":
        _record_modules(os.environ.get(SHOWN_MODULES_ENV))
        _exit_when_shown(window, wait_for_review=open_path is not None or demo)
    return window


#: For start-up measurements (benchmarks/startup.py): quit as soon as the first screen — the
#: start screen, or with --demo the review's chronology and timeline — has been painted.
EXIT_WHEN_SHOWN_ENV = "REVIEWER_APP_EXIT_WHEN_SHOWN"
#: With it, a file to write the names of the Python modules loaded to build and show the start
#: screen (tests/ui/test_start_modules.py checks storage and the exporters are not among them).
SHOWN_MODULES_ENV = "REVIEWER_APP_SHOWN_MODULES"


def _record_modules(target: str | None) -> None:
    if target:
        Path(target).write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")


def _report(line: str) -> None:
    if sys.stderr is not None:  # benchmarks/startup.py reads these lines
        print(line, file=sys.stderr, flush=True)


def _exit_when_shown(window: MainWindow, *, wait_for_review: bool) -> None:
    def asking() -> str | None:
        """The dialog waiting for the reviewer (a passphrase, an error), if any: a measurement
        never waits on one."""
        for widget in QApplication.topLevelWidgets():
            if widget is not window and isinstance(widget, QDialog) and widget.isVisible():
                return type(widget).__name__
        return None

    def check() -> None:
        workspace = window.workspace
        if wait_for_review and (workspace is None or not workspace.first_screen_ready()):
            dialog = asking()
            if dialog is not None:
                _report(f"reviewer-app-not-shown {dialog}")
                QApplication.exit(3)
                return
            QTimer.singleShot(20, window, check)
            return
        if workspace is not None:
            workspace.show_section("chronology")
        window.repaint()
        QApplication.processEvents()
        _report(f"reviewer-app-shown-at {time.time()}")
        QApplication.quit()

    QTimer.singleShot(0, window, check)


def run(
    files: ReviewSessions,
    *,
    paths: AppPaths,
    open_path: Path | None,
    demo: bool,
    demo_opener: Callable[[], ReviewServices] | None = None,
    library: LearningLibraryAccess | None = None,
) -> int:
    """Run the window until it is closed; returns the exit code."""
    app = application()
    previous_hook = install_crash_dialog()
    window = start(
        files,
        paths=paths,
        open_path=open_path,
        demo=demo,
        demo_opener=demo_opener,
        library=library,
    )
    app.aboutToQuit.connect(window.shut_down)  # closes an open review, even on a session logout
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        window.shut_down()
        window.hide()
        sys.excepthook = previous_hook
