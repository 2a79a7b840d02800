"""The timeline's geometry without Qt: mapping, silences, density, hit-testing, aggregation."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.chronology.dates import Precision, Qualifier
from tests.ui.timeline.entries import NURSERY, POLICE, entry, ordinal
from ui.timeline.describe import duration_text, month_range_text, silence_text
from ui.timeline.lanes import (
    LaneSpec,
    Mark,
    build_timeline,
    make_lane,
    nearest_in_order,
    sketched,
)
from ui.timeline.layout import (
    LaneMetrics,
    Silence,
    TimeScale,
    bin_step,
    density_bins,
    hit_test,
    lane_at,
    plan_points,
    plan_spans,
    silences,
    stack_lanes,
)
from ui.timeline.units import Step, Unit

# -- mapping ------------------------------------------------------------------------------


@given(
    origin=st.floats(700_000, 760_000),
    px_per_day=st.floats(0.01, 400),
    x=st.floats(-5000, 5000),
    factor=st.floats(0.05, 20),
    anchor=st.floats(0, 2000),
)
def test_date_and_x_round_trip_under_zoom(
    origin: float, px_per_day: float, x: float, factor: float, anchor: float
) -> None:
    scale = TimeScale(origin, px_per_day, left=180)
    assert scale.x(scale.day(x)) == pytest.approx(x, abs=1e-5)
    zoomed = scale.zoomed(factor, anchor)
    assert zoomed.px_per_day == pytest.approx(px_per_day * factor)
    # The day under the pointer stays under the pointer.
    assert zoomed.day(anchor) == pytest.approx(scale.day(anchor), abs=1e-6)
    assert zoomed.x(zoomed.day(x)) == pytest.approx(x, abs=1e-5)


def test_zoom_respects_its_limits_and_pan_moves_the_other_way() -> None:
    scale = TimeScale(ordinal("2015-01-01"), 2.0)
    assert scale.zoomed(1000, 100, highest=50).px_per_day == 50
    assert scale.zoomed(0.0001, 100, lowest=0.5).px_per_day == 0.5
    # Dragging right by 20 px at 2 px a day shows ten days earlier.
    assert scale.panned(20).origin == scale.origin - 10


def test_fit_puts_the_first_and_last_day_at_the_edges() -> None:
    scale = TimeScale.fit(ordinal("2014-01-01"), ordinal("2016-01-01"), left=200, width=1000)
    assert scale.x(ordinal("2014-01-01")) == pytest.approx(200)
    assert scale.x(ordinal("2016-01-01")) == pytest.approx(1200)
    first, stop = scale.visible(1000)
    assert first == pytest.approx(ordinal("2014-01-01"))
    assert stop == pytest.approx(ordinal("2016-01-01"))


# -- lanes --------------------------------------------------------------------------------


def test_entries_fall_into_points_spans_and_undated() -> None:
    day, month, approx, unknown = (
        entry("15/03/2015"),
        entry("03/2015"),
        entry("approx 20/03/2015"),
        entry("not known"),
    )
    timeline = build_timeline([day, month, approx, unknown], [POLICE, NURSERY])
    police, nursery = timeline.lanes
    assert [lane.title for lane in timeline.lanes] == ["Northshire Police", "Little Acorns Nursery"]
    assert [m.entry_id for m in police.points] == [day.id, approx.id]
    assert [m.entry_id for m in police.spans] == [month.id]
    assert police.undated == [unknown.id]
    assert nursery.dated_count == 0
    month_mark = police.spans[0]
    assert (month_mark.start, month_mark.stop) == (ordinal("2015-03-01"), ordinal("2015-04-01"))
    assert not month_mark.is_point and month_mark.precision is Precision.MONTH
    assert police.points[1].approximate and police.points[1].qualifier is Qualifier.AROUND
    # The chronology's own order, for the arrow keys: the month starts first.
    assert [m.entry_id for m in police.order] == [month.id, day.id, approx.id]


def test_same_day_entries_are_spread_across_their_day() -> None:
    first, second = entry("15/03/2015"), entry("15/03/2015")
    lane = make_lane(LaneSpec("k", "Police", 1, sketched([first, second])))
    day = ordinal("2015-03-15")
    assert [m.centre for m in lane.points] == [day + 0.25, day + 0.75]


def test_overlapping_spans_are_stacked_in_rows() -> None:
    spans = [entry("2015"), entry("03/2015"), entry("w/c 16/03/2015"), entry("06/2015")]
    lane = make_lane(LaneSpec("k", "Police", 1, sketched(spans)))
    rows = [next(m.row for m in lane.spans if m.entry_id == e.id) for e in spans]
    assert rows == [0, 1, 2, 1]  # March has ended by June: its row is free again
    assert lane.span_rows == 3


@given(
    st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 400)), min_size=0, max_size=60),
    st.integers(-100, 2200),
    st.integers(1, 600),
)
def test_visible_spans_match_a_plain_scan(
    raw: list[tuple[int, int]], first: int, width: int
) -> None:
    """Bisecting with the running maximum of ends finds exactly the overlapping spans,
    however long an early span runs."""
    base = ordinal("2012-01-01")
    marks = [
        Mark(i, base + s, base + s + n, base + s + n / 2, Precision.RANGE, Qualifier.ON, False)
        for i, (s, n) in enumerate(raw)
    ]
    lane = make_lane(LaneSpec("k", "x", 1, sketched([])))
    lane.spans = sorted(marks, key=lambda m: m.start)
    lane.span_starts = [m.start for m in lane.spans]
    reach = 0
    for m in lane.spans:
        reach = max(reach, m.stop)
        lane.span_reach.append(reach)
    lo, hi = base + first, base + first + width
    expected = {m.entry_id for m in marks if m.start < hi and m.stop > lo}
    assert {m.entry_id for m in lane.spans_between(lo, hi)} == expected


def test_nearest_entry_in_another_lane() -> None:
    entries = [entry("01/01/2015"), entry("01/03/2015"), entry("01/06/2015")]
    lane = make_lane(LaneSpec("k", "Police", 1, sketched(entries)))
    assert nearest_in_order(lane, ordinal("2015-02-20")) == 1
    assert nearest_in_order(lane, ordinal("2014-01-01")) == 0
    assert nearest_in_order(lane, ordinal("2019-01-01")) == 2


# -- silent periods -----------------------------------------------------------------------


def test_a_gap_between_entries_is_a_silence_in_whole_months() -> None:
    coverage = [
        (ordinal("2014-01-10"), ordinal("2014-06-01")),
        (ordinal("2014-11-01"), ordinal("2014-11-02")),
    ]
    found = silences(coverage, ordinal("2014-01-10"), ordinal("2014-11-02"), 90)
    assert found == [Silence(ordinal("2014-06-01"), ordinal("2014-11-01"), True, True)]
    assert silence_text("Northshire Police", found[0]) == (
        "No Northshire Police entries for 5 months (Jun–Oct 2014)"
    )


def test_the_threshold_is_exclusive() -> None:
    coverage = [
        (ordinal("2014-01-01"), ordinal("2014-01-02")),
        (ordinal("2014-04-02"), ordinal("2014-04-03")),
    ]
    gap = ordinal("2014-04-02") - ordinal("2014-01-02")  # 90 days
    assert gap == 90
    period = (ordinal("2014-01-01"), ordinal("2014-04-03"))
    assert silences(coverage, *period, 90) == []
    assert len(silences(coverage, *period, 89)) == 1


def test_silences_before_the_first_and_after_the_last_entry() -> None:
    coverage = [(ordinal("2014-09-01"), ordinal("2014-09-02"))]
    found = silences(coverage, ordinal("2012-11-01"), ordinal("2016-03-01"), 90)
    assert [(s.after_entry, s.before_entry) for s in found] == [(False, True), (True, False)]
    assert silence_text("Little Acorns Nursery", found[0]) == (
        "No Little Acorns Nursery entries for 22 months (Nov 2012 – Aug 2014)"
    )
    assert silence_text("Little Acorns Nursery", found[1]) == (
        "No Little Acorns Nursery entries for 18 months (Sep 2014 – Feb 2016)"
    )


def test_a_lane_with_nothing_is_silent_throughout_and_overlaps_are_merged() -> None:
    assert silences([], 100, 400, 90) == [Silence(100, 400, False, False)]
    # A year-long span covers the months between two day entries: no silence inside it.
    lane = make_lane(
        LaneSpec(
            "k", "Police", 1, sketched([entry("02/01/2015"), entry("2015"), entry("30/12/2015")])
        )
    )
    assert lane.coverage == [(ordinal("2015-01-01"), ordinal("2016-01-01"))]
    assert silences(lane.coverage, ordinal("2015-01-01"), ordinal("2016-01-01"), 90) == []


@pytest.mark.parametrize(
    ("start", "stop", "text"),
    [
        ("2014-06-01", "2014-06-11", "10 days"),
        ("2014-06-01", "2014-06-29", "4 weeks"),
        ("2014-06-01", "2014-08-01", "2 months"),
        ("2014-06-01", "2014-11-01", "5 months"),
        ("2014-06-03", "2014-11-20", "6 months"),  # 5 months 17 days, to the nearest month
        ("2012-11-01", "2015-02-01", "2 years 3 months"),
        ("2012-11-01", "2014-11-01", "2 years"),
        ("2012-11-01", "2013-12-01", "13 months"),
    ],
)
def test_durations_read_as_a_reviewer_would_say_them(start: str, stop: str, text: str) -> None:
    assert duration_text(dt.date.fromisoformat(start), dt.date.fromisoformat(stop)) == text


def test_month_ranges() -> None:
    d = dt.date.fromisoformat
    assert month_range_text(d("2014-06-03"), d("2014-06-20")) == "Jun 2014"
    assert month_range_text(d("2014-06-03"), d("2014-10-20")) == "Jun–Oct 2014"
    assert month_range_text(d("2013-12-03"), d("2014-01-20")) == "Dec 2013 – Jan 2014"


# -- activity density ---------------------------------------------------------------------


def test_density_bins_count_entries_per_calendar_month_and_week() -> None:
    starts = sorted(
        ordinal(d) for d in ("2015-03-01", "2015-03-31", "2015-04-01", "2015-04-15", "2015-04-16")
    )
    months = density_bins(starts, ordinal("2015-03-10"), ordinal("2015-05-01"), Step(Unit.MONTH))
    assert [(dt.date.fromordinal(b.start).isoformat(), b.count) for b in months] == [
        ("2015-03-01", 2),
        ("2015-04-01", 3),
    ]
    weeks = density_bins(starts, ordinal("2015-04-13"), ordinal("2015-04-20"), Step(Unit.WEEK))
    assert [(dt.date.fromordinal(b.start).isoformat(), b.count) for b in weeks] == [
        ("2015-04-13", 2)  # a Monday: weeks start on Monday, as "w/c" dates do
    ]


def test_bin_size_follows_the_zoom() -> None:
    assert bin_step(50, 4) == Step(Unit.DAY)
    assert bin_step(1, 4) == Step(Unit.WEEK)
    assert bin_step(0.2, 4) == Step(Unit.MONTH)
    assert bin_step(0.05, 4) == Step(Unit.MONTH, 3)
    assert bin_step(0.001, 4) == Step(Unit.YEAR)


# -- hit-testing and level of detail ------------------------------------------------------


def test_hit_testing_tells_an_exact_day_from_a_month_bar() -> None:
    day, month = entry("15/03/2015"), entry("03/2015")
    lane = make_lane(LaneSpec("k", "Police", 1, sketched([day, month])))
    box = stack_lanes([lane], LaneMetrics(16))[0]
    day_id, month_id = day.id, month.id
    scale = TimeScale(ordinal("2015-02-20"), 20.0, left=0)
    radius = 4.0
    day_x = scale.x(ordinal("2015-03-15") + 0.5)
    point_y, span_y = box.point_middle, box.span_row_top(0) + box.span_row / 2

    def hit(x: float, y: float) -> int | None:
        found = hit_test(lane, box, scale, x, y, radius)
        return found.entry_id if found else None

    assert hit(day_x, point_y) == day_id
    assert hit(day_x + 3, point_y) == day_id
    # On the same day but in the bar's row: the month.
    assert hit(day_x, span_y) == month_id
    # Early in March there is no day mark, only the month.
    early = scale.x(ordinal("2015-03-04"))
    assert hit(early, span_y) == month_id
    assert hit(early, point_y) == month_id
    # In February there is nothing.
    assert hit(scale.x(ordinal("2015-02-22")), point_y) is None


def test_lanes_stack_and_are_found_by_height() -> None:
    lanes = [make_lane(LaneSpec(str(i), "x", i, sketched([]))) for i in range(3)]
    boxes = stack_lanes(lanes, LaneMetrics(16))
    assert boxes[1].top == boxes[0].bottom
    assert lane_at(boxes, boxes[1].top + 1) == 1
    assert lane_at(boxes, boxes[2].bottom + 1) is None


def test_many_entries_in_one_pixel_column_become_one_density_tick() -> None:
    crowd = [entry("15/03/2015") for _ in range(1000)] + [entry("01/06/2015")]
    lane = make_lane(LaneSpec("k", "Police", 1, sketched(crowd)))
    zoomed_out = TimeScale(ordinal("2015-01-01"), 1.0)
    plan = plan_points(lane, zoomed_out, 0, 365, bucket_px=3, crowd=3)
    assert [c.count for c in plan.crowded] == [1000]
    assert [m.entry_id for m in plan.marks] == [crowd[-1].id]  # the lone entry keeps its mark
    # Zoomed right in, twenty entries on one day have room for a mark each.
    few = make_lane(LaneSpec("k", "Police", 1, sketched([entry("15/03/2015") for _ in range(20)])))
    close = TimeScale(ordinal("2015-03-15"), 400.0)
    plan = plan_points(few, close, 0, 400, bucket_px=3, crowd=3)
    assert (len(plan.marks), plan.crowded) == (20, [])


def test_beyond_the_detail_limit_every_column_is_a_tick() -> None:
    many = [entry(f"{d:02d}/03/2015") for d in range(1, 32)]
    lane = make_lane(LaneSpec("k", "Police", 1, sketched(many)))
    scale = TimeScale(ordinal("2015-03-01"), 10.0)
    assert len(plan_points(lane, scale, 0, 310, 3, 3, detail_limit=100).marks) == 31
    plan = plan_points(lane, scale, 0, 310, 3, 3, detail_limit=10)
    assert plan.marks == [] and sum(c.count for c in plan.crowded) == 31


def test_spans_are_drawn_as_coverage_past_their_limit() -> None:
    weeks = [
        entry(f"w/c {d:%d/%m/%Y}")
        for d in (dt.date(2015, 1, 5) + dt.timedelta(weeks=w) for w in range(30))
    ]
    lane = make_lane(LaneSpec("k", "Police", 1, sketched(weeks)))
    scale = TimeScale(ordinal("2015-01-01"), 1.0)
    assert len(plan_spans(lane, scale, 0, 400, 3, limit=100).marks) == 30
    coverage = plan_spans(lane, scale, 0, 400, 3, limit=10)
    assert coverage.marks == [] and coverage.crowded
    # Consecutive weeks do not overlap: a column holds one week, or the end of one and the
    # start of the next; together the columns run from the first Monday to the last Sunday.
    assert max(c.count for c in coverage.crowded) <= 2
    first, last = coverage.crowded[0], coverage.crowded[-1]
    assert first.x <= scale.x(ordinal("2015-01-05")) < first.x + first.width
    assert last.x < scale.x(ordinal("2015-08-02")) <= last.x + last.width


def test_the_geometry_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import ui.timeline.layout, ui.timeline.lanes, ui.timeline.axis\n"
        "import ui.timeline.describe, ui.timeline.units\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
