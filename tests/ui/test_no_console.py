"""A windowed program has no console: on Windows and macOS the bundle's `scr-reviewer` (and
pip's `reviewer-app-gui`, run by `pythonw`) start with `sys.stderr` and `sys.stdout` set to None.
Every error path must still reach the crash notice. Tried here by setting them to None."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from reviewer_app import app, cli
from reviewer_app.paths import AppPaths
from tests.helpers.secrets_watch import MARKER, NEW_PASSPHRASE
from tests.ui.support import Shown
from ui.errors import CRASH_MESSAGE, CRASH_TITLE, install_crash_dialog


def test_the_excepthook_works_without_stderr(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    app.install_excepthook()
    monkeypatch.setattr(sys, "stderr", None)
    with caplog.at_level(logging.ERROR):
        sys.excepthook(RuntimeError, RuntimeError(MARKER), None)  # does not raise
    assert "RuntimeError (message withheld)" in caplog.text


def test_the_crash_notice_is_shown_without_stderr(
    qtbot, message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    app.install_excepthook()
    previous = install_crash_dialog()
    monkeypatch.setattr(sys, "stderr", None)
    try:
        sys.excepthook(RuntimeError, RuntimeError(MARKER), None)
    finally:
        sys.excepthook = previous
    assert message_boxes == [Shown("critical", CRASH_TITLE, CRASH_MESSAGE)]


def test_tell_survives_a_closed_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed:
        def write(self, text: str) -> int:
            raise ValueError("I/O operation on closed file")

    monkeypatch.setattr(sys, "stderr", Closed())
    app.tell("anything")  # does not raise


def test_the_windowed_program_opens_a_review_file_or_runs_a_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Path | None] = []
    commands: list[list[str]] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setattr(app, "run_window", lambda paths, path=None: opened.append(path) or 0)
    monkeypatch.setattr(cli, "main", lambda argv: commands.append(list(argv)) or 0)
    assert app.main([]) == 0
    assert app.main([r"C:\Reviews\Child Q.review", "-psn_0_12345"]) == 0
    assert app.main(["verify", "a.review"]) == 0
    assert opened == [None, Path(r"C:\Reviews\Child Q.review")]
    assert commands == [["verify", "a.review"]]


def test_a_recovery_code_is_never_lost_to_a_missing_console(
    tmp_path: Path, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as a command through the windowed program, `new` cannot show the code: it says so
    (where it can), and the review keeps its code to show at the next open."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setenv("REVIEWER_APP_NEW_PASSPHRASE", NEW_PASSPHRASE)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    path = tmp_path / "a.review"
    assert cli.main(["new", str(path), "--title", "Kept"]) == cli.EXIT_PROBLEM
    monkeypatch.undo()
    from storage.review_file import ReviewFile

    with ReviewFile.open(path, passphrase=NEW_PASSPHRASE) as review:
        assert review.unshown_recovery_code() is not None


def test_a_review_double_clicked_on_macos_is_opened(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """macOS sends the file as a QFileOpenEvent to the application (injected here)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from ui.application import FileOpenHandler

    opened: list[Path] = []
    window.unlock = opened.append
    app = QCoreApplication.instance()
    handler = FileOpenHandler(window)
    app.installEventFilter(handler)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent(str(tmp_path / "Child Q.review")))
        qtbot.waitUntil(lambda: opened == [tmp_path / "Child Q.review"])
    finally:
        app.removeEventFilter(handler)
