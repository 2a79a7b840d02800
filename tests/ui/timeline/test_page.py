"""The timeline page on a real encrypted review filled with the 300-entry demo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.transfer import fill_review
from tests.helpers.reviews import new_review
from tests.ui.support import Shown
from ui.tasks import ImmediateTaskRunner
from ui.timeline import TimelinePage
from ui.timeline.view import TimelineView


@pytest.fixture
def service(tmp_path: Path, app_paths: AppPaths) -> Iterator[ChronologyService]:
    review = new_review(tmp_path / "demo.review", app_paths)
    try:
        fill_review(review, build_demo(300))
        yield ChronologyService(review.chronology)
    finally:
        review.close()


@pytest.fixture
def page(qtbot: QtBot, service: ChronologyService) -> TimelinePage:
    made = TimelinePage(service, ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    made.reload()
    return made


def find(service: ChronologyService, agency: str, day: dt.date) -> ChronologyEntry:
    """The demo story's entry (routine padding can fall on the same day; the story's has a
    provenance row numbered from the top of the agency's sheet)."""
    agency_id = next(a.id for a in service.agencies() if a.name == agency)
    found = [e for e in service.entries() if e.agency_id == agency_id and e.date.start == day]
    return min(found, key=lambda e: e.provenance.row_number or 0)


def span_days(view: TimelineView) -> int:
    first, last = view.visible_range()
    return (last - first).days


def test_one_lane_per_agency(page: TimelinePage, service: ChronologyService) -> None:
    assert page.view.lane_titles() == [a.name for a in service.agencies()]
    assert page.view.timeline is not None
    assert page.view.timeline.dated_count == 300


def test_clicking_an_exact_day_shows_that_entry(
    qtbot: QtBot,
    page: TimelinePage,
    service: ChronologyService,
) -> None:
    incident = find(service, "Northshire Police", dt.date(2013, 9, 14))
    assert incident.id is not None
    point = page.view.point_of(incident.id)
    assert point is not None
    with qtbot.waitSignal(page.entry_activated, timeout=1000) as signal:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [incident.id]
    assert page.view.selected == incident.id


def test_clicking_a_month_bar_shows_the_month_entry(
    qtbot: QtBot,
    page: TimelinePage,
    service: ChronologyService,
) -> None:
    march = find(service, "Northshire Children's Social Care", dt.date(2015, 3, 1))
    assert march.date.precision is Precision.MONTH and march.id is not None
    rect = page.view.entry_rect(march.id)
    assert rect is not None and rect.width() > 2 * rect.height()  # a bar, not a dot
    with qtbot.waitSignal(page.entry_activated, timeout=1000) as signal:
        qtbot.mouseClick(
            page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint()
        )
    assert signal.args == [march.id]


def test_the_keyboard_moves_through_entries_and_lanes(
    qtbot: QtBot,
    page: TimelinePage,
    service: ChronologyService,
) -> None:
    view = page.view
    view.setFocus()
    first_lane = view.timeline.lanes[0] if view.timeline else None
    assert first_lane is not None
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected == first_lane.order[0].entry_id
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected == first_lane.order[2].entry_id
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected == first_lane.order[1].entry_id
    with qtbot.waitSignal(page.entry_activated, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == [first_lane.order[1].entry_id]

    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_lane == 1
    second = view.timeline.lanes[1] if view.timeline else None
    assert second is not None and view.selected in second.position
    # The screen reader hears which entry it is.
    chosen = next(e for e in service.entries() if e.id == view.selected)
    assert format_uk_date(chosen.date) in view.accessibleDescription()
    assert second.title in view.accessibleDescription()


def test_zooming_changes_what_is_shown(qtbot: QtBot, page: TimelinePage) -> None:
    view = page.view
    whole = span_days(view)
    assert whole > 3 * 365
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    closer = span_days(view)
    assert closer < whole * 0.75
    qtbot.mouseClick(page.zoom_out_button, Qt.MouseButton.LeftButton)
    assert span_days(view) > closer
    qtbot.mouseClick(page.preset_buttons[2], Qt.MouseButton.LeftButton)  # weeks
    assert 50 <= span_days(view) <= 60
    assert "Showing" in page.shown.text()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.visible_range()[1] >= dt.date(2016, 2, 29)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.visible_range()[0] <= dt.date(2012, 11, 1)
    qtbot.mouseClick(page.fit_button, Qt.MouseButton.LeftButton)
    assert span_days(view) == whole


def test_ctrl_wheel_zooms_about_the_pointer(page: TimelinePage) -> None:
    view = page.view
    x = view.label_width + 300
    day_before = view.scale.day(x)
    width_before = span_days(view)
    wheel = QWheelEvent(
        QPointF(x, 200),
        QPointF(view.viewport().mapToGlobal(QPoint(int(x), 200))),
        QPoint(0, 0),
        QPoint(0, 360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert span_days(view) < width_before / 1.5
    assert view.scale.day(x) == pytest.approx(day_before, abs=0.5)
    # A plain wheel pans: the same width, later days.
    first = view.visible_range()[0]
    plain = QWheelEvent(
        QPointF(x, 200),
        QPointF(view.viewport().mapToGlobal(QPoint(int(x), 200))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), plain)
    assert view.visible_range()[0] > first


def test_dragging_pans(qtbot: QtBot, page: TimelinePage) -> None:
    view = page.view
    view.zoom(4)
    first = view.visible_range()[0]
    viewport = view.viewport()
    start = QPoint(int(view.label_width) + 400, 30)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(-60, 0))
    qtbot.mouseMove(viewport, start + QPoint(-200, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-200, 0))
    assert view.visible_range()[0] > first


def test_the_nursery_is_silent_before_it_started(page: TimelinePage) -> None:
    view = page.view
    titles = view.lane_titles()
    nursery = titles.index("Little Acorns Nursery")
    before = [s for s in view.silences[nursery] if not s.after_entry]
    assert len(before) == 1
    assert dt.date.fromordinal(before[0].stop) == dt.date(2014, 9, 1)
    # Hovering over the shading says so.
    lane_rect = view.rect_of_lane(nursery)
    x = view.scale.x(dt.date(2013, 6, 1).toordinal())
    text = view.tooltip_at(QPointF(x, lane_rect.center().y()))
    assert text.startswith("No Little Acorns Nursery entries for ")
    assert text.endswith("– Aug 2014)")
    # A longer threshold than the gap: no shading.
    page.threshold.setValue(3000)
    assert [s for s in view.silences[nursery] if not s.after_entry] == []


def test_tooltips_show_the_date_as_written_the_source_and_the_event(
    page: TimelinePage, service: ChronologyService
) -> None:
    incident = find(service, "Northshire Police", dt.date(2013, 9, 14))
    assert incident.id is not None
    point = page.view.point_of(incident.id)
    assert point is not None
    text = page.view.tooltip_at(QPointF(point))
    assert format_uk_date(incident.date) in text
    assert incident.source in text
    assert incident.event.splitlines()[0][:40] in text
    assert "Significant" in text


def test_show_entry_centres_on_it(page: TimelinePage, service: ChronologyService) -> None:
    page.view.show_days(8 * 7)
    target = find(service, "Northshire Homes", dt.date(2015, 9, 1))
    assert target.id is not None
    page.show_entry(target.id)
    first, last = page.view.visible_range()
    assert first < dt.date(2015, 9, 1) < last
    middle = first + (last - first) / 2
    assert abs((middle - dt.date(2015, 9, 1)).days) <= 1
    assert page.view.selected == target.id


def test_reload_keeps_the_view_and_counts_undated_entries(
    page: TimelinePage, service: ChronologyService
) -> None:
    page.view.show_days(60)
    shown = page.view.visible_range()
    police = next(a for a in service.agencies() if a.name == "Northshire Police")
    assert police.id is not None
    service.add_entry(
        ChronologyEntry(
            agency_id=police.id,
            date=FuzzyDate(None, None, Precision.UNKNOWN, Qualifier.ON, "not known"),
            source="Incident log",
            event="Call from a neighbour about shouting",
        )
    )
    page.reload()
    assert page.view.visible_range() == shown
    lane = page.view.timeline.lanes[page.view.lane_titles().index("Northshire Police")]  # type: ignore[union-attr]
    assert len(lane.undated) == 1
    lane_rect = page.view.rect_of_lane(page.view.lane_titles().index("Northshire Police"))
    label = page.view.tooltip_at(QPointF(20, lane_rect.center().y()))
    assert "1 with no known date" in label


def test_a_larger_font_makes_taller_lanes(page: TimelinePage) -> None:
    before = page.view.boxes[0].height
    font = QFont(page.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    page.setFont(font)
    assert page.view.boxes[0].height > before * 1.3


def test_loading_failure_is_shown_not_raised(qtbot: QtBot, message_boxes: list[Shown]) -> None:
    class Broken:
        def entry_rows(self) -> list[ChronologyEntry]:
            raise RuntimeError("disk on fire")

        def agencies(self) -> list[object]:
            return []

    made = TimelinePage(Broken(), ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(made)
    made.reload()
    assert made.view.message == "The timeline could not be loaded."
    assert [m.kind for m in message_boxes] == ["critical"]


def test_the_review_period_bounds_the_silences(page: TimelinePage) -> None:
    view = page.view
    nursery = view.lane_titles().index("Little Acorns Nursery")
    page.set_review_period(dt.date(2014, 1, 1), dt.date(2016, 2, 29))
    first = view.silences[nursery][0]
    assert dt.date.fromordinal(first.start) == dt.date(2014, 1, 1)
    assert dt.date.fromordinal(first.stop) == dt.date(2014, 9, 1)
    last = view.silences[nursery][-1]
    assert dt.date.fromordinal(last.stop - 1) == dt.date(2016, 2, 29)
