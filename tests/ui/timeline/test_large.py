"""50,000 entries: the view paints, zooms, pans and hit-tests (timings printed, not asserted).

Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from reviewer_app.demo import build_demo
from tests.ui.timeline.fake_service import SnapshotService
from ui.tasks import ImmediateTaskRunner
from ui.timeline import TimelinePage
from ui.timeline.layout import plan_points

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def snapshot_50k() -> SnapshotService:
    return SnapshotService(build_demo(50_000))


def test_fifty_thousand_entries_paint(qtbot: QtBot, snapshot_50k: SnapshotService) -> None:
    page = TimelinePage(snapshot_50k, ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    started = time.perf_counter()
    page.reload()
    loaded = time.perf_counter() - started
    view = page.view
    assert view.timeline is not None and view.timeline.dated_count == 50_000

    timings: dict[str, float] = {}

    def paint(label: str) -> None:
        view.last_paint_seconds = 0.0
        view.viewport().grab()  # renders now, through paintEvent
        assert view.last_paint_seconds > 0
        timings[label] = view.last_paint_seconds

    paint("first paint, fit all")
    paint("fit all")
    image = view.viewport().grab().toImage()
    background = view.palette().base().color()
    middle_lane = view.rect_of_lane(0).center()
    coloured = sum(
        image.pixelColor(x, middle_lane.y() - 10) != background
        for x in range(int(view.label_width) + 5, image.width() - 5, 7)
    )
    assert coloured > 50  # the busiest lane is drawn across the view, as density ticks

    view.zoom(8)
    paint("zoomed ×8")
    view.show_days(120)
    view.centre_on(dt.date(2014, 6, 20).toordinal())
    paint("four months")
    view.show_days(10)
    paint("ten days")
    for step in range(5):
        view.pan(-200)
        paint(f"pan {step + 1}")

    # Hit-testing in a crowded stretch still finds an entry of that lane.
    view.fit_all()
    lane = view.rect_of_lane(0)
    x = view.label_width + (view.viewport().width() - view.label_width) / 2
    started = time.perf_counter()
    hit = view.mark_at(QPointF(x, view.boxes[0].point_middle + lane.top() - view.boxes[0].top))
    hit_seconds = time.perf_counter() - started
    assert hit is not None and hit[0] == 0

    print(f"\nload and lay out 50,000 entries: {loaded * 1000:.0f} ms")
    for label, seconds in timings.items():
        print(f"paint, {label}: {seconds * 1000:.1f} ms")
    print(f"hit-test: {hit_seconds * 1000:.2f} ms")


def test_large_view_has_density_ticks_not_thousands_of_marks(
    qtbot: QtBot,
    snapshot_50k: SnapshotService,
) -> None:
    page = TimelinePage(snapshot_50k, ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.reload()
    view = page.view
    assert view.timeline is not None
    lane = view.timeline.lanes[0]
    width = view.viewport().width()
    plan = plan_points(lane, view.scale, view.label_width, width, 3, 3, int(width / 8))
    drawn = len(plan.marks) + len(plan.crowded)
    assert lane.dated_count > 5_000
    assert drawn <= (width - view.label_width) / 3 + 1  # at most one thing per column
    assert sum(c.count for c in plan.crowded) + len(plan.marks) == len(
        lane.points_between(view.scale.day(view.label_width), view.scale.day(width))
    )
