"""The time axis: calendar steps, UK labels, and the label pinned at the left edge."""

from __future__ import annotations

import datetime as dt

from tests.ui.timeline.entries import ordinal
from ui.timeline.axis import build_axis
from ui.timeline.layout import TimeScale
from ui.timeline.units import Step, Unit


def measure(text: str) -> float:
    return 7.0 * len(text)  # about a 9-point font


def test_steps_align_to_the_calendar() -> None:
    wednesday = ordinal("2015-03-18")
    assert dt.date.fromordinal(Step(Unit.WEEK).floor(wednesday)).isoformat() == "2015-03-16"
    assert dt.date.fromordinal(Step(Unit.MONTH, 3).floor(wednesday)).isoformat() == "2015-01-01"
    assert dt.date.fromordinal(Step(Unit.YEAR, 5).floor(wednesday)).isoformat() == "2015-01-01"
    december = ordinal("2015-12-01")
    assert dt.date.fromordinal(Step(Unit.MONTH).next(december)).isoformat() == "2016-01-01"
    starts = Step(Unit.MONTH).starts(ordinal("2015-01-15"), ordinal("2015-04-01"))
    assert [dt.date.fromordinal(d).month for d in starts] == [1, 2, 3]


def test_months_get_uk_labels_when_there_is_room() -> None:
    scale = TimeScale(ordinal("2015-01-01"), 4.0)  # about 120 px a month
    axis = build_axis(scale, 0, 1000, measure)
    assert axis.step == Step(Unit.MONTH)
    assert [t.label for t in axis.labelled[:3]] == ["Jan 2015", "Feb 2015", "Mar 2015"]
    assert axis.minor  # weeks, unlabelled
    assert axis.context == []  # the labels already name the year


def test_zoomed_out_the_axis_labels_years() -> None:
    scale = TimeScale(ordinal("2012-01-01"), 0.3)  # about 110 px a year
    axis = build_axis(scale, 0, 1000, measure)
    assert axis.step.unit is Unit.YEAR
    assert [t.label for t in axis.labelled[:3]] == ["2012", "2013", "2014"]


def test_weeks_and_days_have_their_month_above_pinned_at_the_left() -> None:
    scale = TimeScale(ordinal("2014-06-18"), 20.0)  # 140 px a week
    axis = build_axis(scale, 100, 1300, measure)
    assert axis.step == Step(Unit.WEEK)
    assert axis.labelled[0].label == "23 Jun"  # the first Monday on screen
    assert axis.context[0].label == "Jun 2014"
    assert axis.context[0].x == 100  # June began off screen: its name stays at the edge
    july = next(t for t in axis.context if t.label == "Jul 2014")
    assert july.x == scale.x(ordinal("2014-07-01"))


def test_no_label_is_cut_by_the_left_edge() -> None:
    scale = TimeScale(ordinal("2014-06-18"), 4.0)
    axis = build_axis(scale, 200, 1200, measure)
    assert all(t.x >= 200 for t in axis.labelled)
