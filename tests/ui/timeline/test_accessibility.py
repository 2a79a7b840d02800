"""Keyboard and screen-reader use: names on every control, Tab reaches them all, both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from reviewer_app.demo import build_demo
from tests.ui.timeline.fake_service import SnapshotService
from ui.tasks import ImmediateTaskRunner
from ui.timeline import TimelinePage
from ui.timeline.colours import MIN_CONTRAST, TimelineColours, contrast_ratio
from ui.timeline.view import TimelineView


@pytest.fixture
def page(qtbot: QtBot) -> TimelinePage:
    made = TimelinePage(SnapshotService(build_demo(300)), ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    made.reload()
    return made


def controls(page: TimelinePage) -> list[QWidget]:
    kinds = (QAbstractButton, QAbstractSpinBox, TimelineView)
    return [w for w in page.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]


def test_every_control_has_an_accessible_name(page: TimelinePage) -> None:
    found = controls(page)
    assert len(found) == 8  # fit, three presets, zoom out and in, the threshold, the view
    for widget in found:
        assert widget.accessibleName().strip(), f"{widget!r} has no accessible name"
    # The view describes how to use it until something is selected.
    assert "arrow" in page.view.accessibleDescription()


def test_tab_reaches_every_control_and_the_view(qtbot: QtBot, page: TimelinePage) -> None:
    page.activateWindow()
    page.fit_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: page.fit_button.hasFocus())
    reached: list[QWidget] = []
    for _ in range(20):
        focused = QApplication.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    wanted = set(controls(page))
    # A spin box takes focus through its line edit.
    got = {
        w.parentWidget() if isinstance(w.parentWidget(), QAbstractSpinBox) else w for w in reached
    }
    assert wanted <= got


def test_the_view_keeps_tab_for_leaving(qtbot: QtBot, page: TimelinePage) -> None:
    page.activateWindow()
    page.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: page.view.hasFocus())
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert not page.view.hasFocus()


def _dark() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Highlight, "#3d8ee6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("palette", [QPalette(QColor("#f0f0f0")), _dark()], ids=["light", "dark"])
def test_agency_colours_stand_out_in_light_and_dark_themes(palette: QPalette) -> None:
    colours = TimelineColours.from_palette(palette, 12)
    base = palette.color(QPalette.ColorRole.Base)
    assert len(set(c.name() for c in colours.lanes)) == 12  # every lane its own colour
    for colour in colours.lanes:
        assert contrast_ratio(colour, base) >= MIN_CONTRAST
    assert contrast_ratio(colours.faint_text, base) >= 4.5


def test_a_palette_change_repaints_in_the_new_colours(page: TimelinePage) -> None:
    page.setPalette(_dark())
    image = page.view.viewport().grab().toImage()
    corner = image.pixelColor(image.width() - 5, image.height() - 5)
    assert corner.lightness() < 60
