"""Zoom and pan limits, and the keyboard's place, without Qt."""

from __future__ import annotations

import pytest

from tests.ui.timeline.entries import NURSERY, POLICE, entry, ordinal
from ui.timeline import navigation
from ui.timeline.lanes import build_timeline
from ui.timeline.layout import TimeScale
from ui.timeline.navigation import Cursor
from ui.timeline.time_window import MAX_PX_PER_DAY, TimeWindow


def window() -> TimeWindow:
    made = TimeWindow(left=200, width=1000, domain=(ordinal("2013-01-01"), ordinal("2016-01-01")))
    made.fit()
    return made


def test_fit_shows_the_whole_domain_and_is_as_far_out_as_it_goes() -> None:
    w = window()
    assert w.visible() == (
        pytest.approx(ordinal("2013-01-01")),
        pytest.approx(ordinal("2016-01-01")),
    )
    assert w.fitted
    w.zoom(0.5)
    assert w.fitted and w.visible()[0] == pytest.approx(ordinal("2013-01-01"))


def test_zoom_in_stops_at_the_limit_and_panning_stops_at_the_ends() -> None:
    w = window()
    w.zoom(1e9)
    assert w.scale.px_per_day == MAX_PX_PER_DAY
    w.show_days(30, middle=ordinal("2014-06-15"))
    assert w.visible_dates()[0].isoformat() == "2014-05-31"
    w.pan(10_000_000)  # far to the left: stops at the start
    assert w.visible()[0] == pytest.approx(ordinal("2013-01-01"))
    w.pan(-10_000_000)
    assert w.visible()[1] == pytest.approx(ordinal("2016-01-01"))


def test_the_scroll_bar_and_the_window_agree() -> None:
    w = window()
    w.show_days(365, middle=ordinal("2014-07-01"))
    maximum, value = w.scroll_range()
    assert 0 < value < maximum
    w.scroll_to(0)
    assert w.visible()[0] == pytest.approx(ordinal("2013-01-01"))
    w.scroll_to(maximum)
    assert w.visible()[1] == pytest.approx(ordinal("2016-01-01"), abs=1)


def test_resizing_keeps_a_fitted_view_fitted_and_otherwise_the_first_day() -> None:
    w = window()
    w.resize(200, 600)
    assert w.fitted
    w.show_days(90, middle=ordinal("2014-07-01"))
    first = w.visible()[0]
    w.resize(250, 1400)
    assert w.visible()[0] == pytest.approx(first)
    assert w.scale.left == 250
    assert isinstance(w.scale, TimeScale)


def test_arrows_walk_a_lane_and_up_and_down_keep_to_the_date() -> None:
    police = [entry("01/01/2015"), entry("01/03/2015"), entry("01/06/2015")]
    nursery = [entry("20/02/2015", NURSERY), entry("01/09/2015", NURSERY)]
    timeline = build_timeline(police + nursery, [POLICE, NURSERY])
    middle = ordinal("2015-05-01")
    place = navigation.step(timeline, Cursor(0), 1, middle)
    assert place.entry == police[2].id  # nothing chosen: the nearest to the middle of the view
    place = navigation.step(timeline, place, -1, middle)
    assert place.entry == police[1].id
    place = navigation.change_lane(timeline, place, 1, middle)
    assert place == Cursor(1, nursery[0].id)  # 20 Feb is nearest 1 Mar
    assert navigation.change_lane(timeline, place, 1, middle).lane == 1  # no lane below
    assert navigation.to_end(timeline, place, last=True) == Cursor(1, nursery[1].id)
    assert navigation.step(timeline, Cursor(1, nursery[1].id), 1, middle).entry == nursery[1].id
