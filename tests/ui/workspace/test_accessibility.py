"""Every control in the workspace has an accessible name and can be reached with Tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review
from reviewer_app.wiring import ReviewSessionFiles, open_services
from tests.helpers.reviews import new_review, review_files
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.workspace.sections import SECTIONS


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not w.objectName().startswith("qt_")
    ]


def _named(widget: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    labels = widget.window().findChildren(QLabel)
    return any(label.buddy() is widget and label.text().strip() for label in labels)


@pytest.fixture
def window(qtbot: QtBot, app_paths: AppPaths, tmp_path: Path) -> Iterator[MainWindow]:
    review = new_review(tmp_path / "a11y.review", app_paths)
    fill_review(review, build_demo(120))
    files = ReviewSessionFiles(review_files(app_paths))
    shown = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner())
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.show_review(open_services(review), add_to_recent=False)
    yield shown
    shown.close()


@pytest.mark.parametrize("section", [s.key for s in SECTIONS])
def test_every_control_is_named_and_reachable_by_tab(window: MainWindow, section: str) -> None:
    workspace = window.workspace
    assert workspace is not None
    workspace.show_section(section)
    page = workspace.pages[section]
    controls = [*_focusable(page), workspace.navigation]
    if section in {"overview", "chronology", "timeline", "agencies"}:
        assert len(controls) >= 4, "the check must see the page's controls"
    unnamed = [f"{type(w).__name__}:{w.objectName()}" for w in controls if not _named(w)]
    assert unnamed == [], f"controls without an accessible name on {section}"

    chain: set[int] = set()
    widget = window.nextInFocusChain()
    for _ in range(5000):
        chain.add(id(widget))
        widget = widget.nextInFocusChain()
        if widget is window:
            break
    unreachable = [
        f"{type(w).__name__}:{w.accessibleName()}" for w in controls if id(w) not in chain
    ]
    assert unreachable == [], f"controls Tab cannot reach on {section}"
