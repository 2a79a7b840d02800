"""Fixtures for the window's tests: real review files on the test's own paths (with an
in-memory keyring), a synchronous runner, and no real modal dialogs (message boxes are
recorded, file dialogs must be stubbed by the test)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reviewer_app.paths import AppPaths
from reviewer_app.review import Methodology, Review, ReviewStatus, ReviewType
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import Sessions, new_services
from tests.helpers.secrets_watch import MARKER
from tests.ui.support import BOARD, Shown
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner


@pytest.fixture(autouse=True)
def collected_between_tests() -> Iterator[None]:
    """Python's cyclic collector runs only between tests, after pytest-qt has closed the
    test's widgets: in long runs it once fired in the middle of a Qt call and freed wrappers
    of widgets an earlier test had left for deletion, which crashed the whole run
    (tests/ui/importing/test_corrections.py, under a combo box's change). A test that needs a
    collection asks for one (`gc.collect()` works while automatic collection is off)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[Shown]:
    """Every QMessageBox static call is recorded (and answered) instead of blocking."""
    shown: list[Shown] = []

    def recorder(kind: str, answer: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def show(parent: QWidget | None, title: str, text: str, *args: object) -> object:
            shown.append(Shown(kind, title, text))
            return answer

        return show

    ok = QMessageBox.StandardButton.Ok
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind, ok)))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(recorder("question", QMessageBox.StandardButton.No))
    )
    return shown


@pytest.fixture(autouse=True)
def no_real_file_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a test opened a real file dialog; stub it")

    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))


@pytest.fixture
def files(app_paths: AppPaths) -> Iterator[Sessions]:
    """The real review files, with a keyring that is available; every review the window was
    handed is closed after the test."""
    made = Sessions(app_paths)
    yield made
    made.close_all()


@pytest.fixture
def case_review() -> Review:
    return Review(
        title=MARKER,
        review_type=ReviewType.SCR,
        board=BOARD,
        methodology=Methodology.SILP,
        status=ReviewStatus.ANALYSIS,
    )


@pytest.fixture
def window(qtbot, files: Sessions, app_paths: AppPaths) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    made = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()  # closes its review while the files are still there to close it


@pytest.fixture
def empty(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    """A new, empty review on a real encrypted file, as its services."""
    made = new_services(tmp_path / "empty.review", app_paths)
    yield made
    made.close()
