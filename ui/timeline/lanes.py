"""The timeline's data: entries sorted into lanes, as arrays ready for bisecting (no Qt).

Built once per load (off the GUI thread), so painting and hit-testing only ever bisect sorted
lists. Each lane keeps its entries three ways: *points* (one-day entries) sorted by position,
*spans* (a week, month, season, year or range) sorted by start with a running maximum of their
ends, and *order* (the chronology's own order) for keyboard navigation.

Lanes come from a `LaneGrouping`. Today there is one, `group_by_agency`; grouping by person is
the next seam (the sketches would carry person links), and a grouping may put one entry in
several lanes: nothing here assumes an entry lives in only one.

Everything is laid out from `EntrySketch`es (an entry's id, agency, days and flags), which a
big review's stored rows give without making 50,000 entries (issue 16).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple, cast

from reviewer_app.chronology.dates import Precision, Qualifier
from reviewer_app.chronology.entry import Agency, ChronologyEntry, Flag
from reviewer_app.chronology.rows import (
    EntryRows,
    EntrySketch,
    in_order,
    many_objects,
    sketch_of,
)

#: Overlapping spans in one lane are stacked in at most this many rows; more share the last.
MAX_SPAN_ROWS = 3
APPROXIMATE = frozenset({Qualifier.AROUND, Qualifier.BEFORE, Qualifier.AFTER})


class Mark(NamedTuple):
    """One dated entry as the timeline draws it: the days ``[start, stop)`` and a position.

    A named tuple: 50,000 of them are made each time a big review's timeline is laid out."""

    entry_id: int
    start: int  # ordinal of the first day
    stop: int  # ordinal of the day after the last
    centre: float  # points: spread within their day so same-day entries separate when zoomed
    precision: Precision
    qualifier: Qualifier
    significant: bool
    row: int = 0  # spans: which stacked row of the lane

    @property
    def is_point(self) -> bool:
        return self.stop - self.start == 1

    @property
    def approximate(self) -> bool:
        return self.qualifier in APPROXIMATE


@dataclass(slots=True)
class Lane:
    key: str
    title: str
    agency_id: int | None
    points: list[Mark] = field(default_factory=list)
    point_pos: list[float] = field(default_factory=list)
    spans: list[Mark] = field(default_factory=list)
    span_starts: list[int] = field(default_factory=list)
    span_reach: list[int] = field(default_factory=list)  # running maximum of span stops
    span_rows: int = 0
    flagged: list[Mark] = field(default_factory=list)  # significant entries, by start
    flagged_starts: list[int] = field(default_factory=list)
    order: list[Mark] = field(default_factory=list)  # the chronology's order
    order_starts: list[int] = field(default_factory=list)
    position: dict[int, int] = field(default_factory=dict)  # entry id -> index in `order`
    coverage: list[tuple[int, int]] = field(default_factory=list)  # merged [start, stop)
    undated: list[int] = field(default_factory=list)

    @property
    def dated_count(self) -> int:
        return len(self.order)

    def points_between(self, first: float, stop: float) -> range:
        """Indices into `points` of those centred in ``[first, stop)``."""
        return range(bisect_left(self.point_pos, first), bisect_left(self.point_pos, stop))

    def spans_between(self, first: float, stop: float) -> list[Mark]:
        """Spans overlapping ``[first, stop)``: the running maximum skips those ended before."""
        low = bisect_left(self.span_reach, first + 1e-9)  # first span whose reach passes first
        high = bisect_left(self.span_starts, stop)
        return [m for m in self.spans[low:high] if m.stop > first]

    def flagged_between(self, first: float, stop: float) -> list[Mark]:
        high = bisect_left(self.flagged_starts, stop)
        return [m for m in self.flagged[:high] if m.stop > first]


@dataclass(frozen=True, slots=True)
class LaneSpec:
    key: str
    title: str
    agency_id: int | None
    entries: Sequence[EntrySketch]  # in the chronology's order (see `sketched`)


#: Decides the lanes: (sketches in the chronology's order, agencies) -> one spec per lane, top
#: to bottom.
LaneGrouping = Callable[[Sequence[EntrySketch], Sequence[Agency]], list[LaneSpec]]


def sketched(entries: Sequence[ChronologyEntry]) -> list[EntrySketch]:
    """The saved entries' sketches in the chronology's order (what a `LaneSpec` holds)."""
    return [sketch_of(entry) for entry in in_order(entries)]


def group_by_agency(entries: Sequence[EntrySketch], agencies: Sequence[Agency]) -> list[LaneSpec]:
    """One lane per agency, in the service's order; entries of an unknown agency get a lane."""
    # Grouped by a stable sort on the agency (in C), so each agency's keep their order.
    by_agency = {
        agency_id: list(group)
        for agency_id, group in groupby(sorted(entries, key=_agency), key=_agency)
    }
    specs = [
        LaneSpec(f"agency:{a.id}", a.name, a.id, by_agency.pop(a.id, []))
        for a in agencies
        if a.id is not None
    ]
    for agency_id, rest in sorted(by_agency.items()):
        specs.append(LaneSpec(f"agency:{agency_id}", "Unknown agency", agency_id, rest))
    return specs


@dataclass(slots=True)
class Timeline:
    lanes: list[Lane]
    entries: Mapping[int, ChronologyEntry]  # made when looked up, from the service's rows
    starts: list[int]  # every dated entry's first day, sorted: the density strip counts these
    first: int | None  # the first dated day, or None when nothing is dated
    stop: int | None  # the day after the last dated day
    birth: dt.date | None = None  # the subject child's date of birth, if recorded

    @property
    def dated_count(self) -> int:
        return len(self.starts)

    def lane_of(self, entry_id: int) -> int | None:
        for index, lane in enumerate(self.lanes):
            if entry_id in lane.position:
                return index
        return None


def _stack_rows(spans: Sequence[tuple[int, int]]) -> tuple[list[int], int]:
    """Greedy interval packing of (start, stop) spans, in the order given: each span takes
    the first row free at its start. Returns each span's row and the number of rows."""
    row_stops: list[int] = []
    rows = []
    for start, stop in spans:
        row = next((r for r, row_stop in enumerate(row_stops) if row_stop <= start), None)
        if row is None and len(row_stops) < MAX_SPAN_ROWS:
            row = len(row_stops)
            row_stops.append(stop)
        elif row is None:
            row = min(range(len(row_stops)), key=row_stops.__getitem__)
        row_stops[row] = max(row_stops[row], stop)
        rows.append(row)
    return rows, len(row_stops)


def _coverage(marks: list[Mark]) -> list[tuple[int, int]]:
    """The days covered by any entry, merged into sorted, separate intervals."""
    merged: list[tuple[int, int]] = []
    for mark in sorted(marks, key=_start):
        if merged and mark.start <= merged[-1][1]:
            if mark.stop > merged[-1][1]:
                merged[-1] = (merged[-1][0], mark.stop)
        else:
            merged.append((mark.start, mark.stop))
    return merged


#: An `EntrySketch` whose days are known.
_DatedSketch = tuple[int, int, int, int, Precision, Qualifier, frozenset[Flag]]


def make_lane(spec: LaneSpec) -> Lane:
    """One lane, from its entries' sketches in the chronology's order. Each entry's `Mark` is
    made once, with its stacked row already known. (Written for 50,000 entries: the sketches
    are read by position and kept as they are, not copied into other tuples first.)"""
    lane = Lane(spec.key, spec.title, spec.agency_id)
    significant = Flag.SIGNIFICANT
    # A sketch is (id, agency, first day, day after the last, precision, qualifier, flags).
    dated = cast(
        list[_DatedSketch], [s for s in spec.entries if s[2] is not None and s[3] is not None]
    )
    lane.undated = [s[0] for s in spec.entries if s[2] is None or s[3] is None]
    same_day: dict[int, int] = {}
    span_at: list[int] = []  # indices into `dated` of the entries longer than a day
    for i, s in enumerate(dated):
        if s[3] - s[2] == 1:
            same_day[s[2]] = same_day.get(s[2], 0) + 1
        else:
            span_at.append(i)
    span_at.sort(key=lambda i: (dated[i][2], -dated[i][3]))
    rows, lane.span_rows = _stack_rows([(dated[i][2], dated[i][3]) for i in span_at])
    row_of = dict(zip(span_at, rows, strict=True))
    seen: dict[int, int] = {}
    order = lane.order
    append = order.append
    make = tuple.__new__  # a Mark is a named tuple: made without its Python-level __new__
    for i, (entry_id, _, start, stop, precision, qualifier, flags) in enumerate(dated):
        if stop - start == 1:
            k = seen.get(start, 0)
            seen[start] = k + 1
            centre = start + (k + 0.5) / same_day[start]
            row = 0
        else:
            centre = (start + stop) / 2
            row = row_of[i]
        append(
            make(
                Mark,
                (entry_id, start, stop, centre, precision, qualifier, significant in flags, row),
            )
        )
    lane.points = sorted((m for m in order if m.stop - m.start == 1), key=_centre)
    lane.point_pos = [m.centre for m in lane.points]
    lane.spans = [order[i] for i in span_at]
    lane.span_starts = [m.start for m in lane.spans]
    reach = 0
    for mark in lane.spans:
        reach = max(reach, mark.stop)
        lane.span_reach.append(reach)
    lane.flagged = sorted((m for m in order if m.significant), key=_start)
    lane.flagged_starts = [m.start for m in lane.flagged]
    lane.order_starts = [s[2] for s in dated]
    lane.position = dict(zip([s[0] for s in dated], range(len(dated)), strict=True))
    lane.coverage = _coverage(order)
    return lane


_centre = attrgetter("centre")
_start = attrgetter("start")
_agency = itemgetter(1)  # an `EntrySketch`'s agency, first day and day after the last
_first_day = itemgetter(2)
_stop_day = itemgetter(3)


def build_timeline(
    entries: Sequence[ChronologyEntry],
    agencies: Sequence[Agency],
    grouping: LaneGrouping = group_by_agency,
) -> Timeline:
    """Everything the timeline draws, from the service's entries and agencies.

    Given the service's `EntryRows`, the lanes are laid out from the stored rows' sketches
    (already in the chronology's order) and an entry is made only when the timeline looks one
    up (a tooltip, the selection); given a plain list, its entries are put in that order
    first. Both give the same timeline."""
    with many_objects():
        if isinstance(entries, EntryRows):
            sketches = entries.sketches()
            by_id: Mapping[int, ChronologyEntry] = entries.by_id()
        else:
            ordered = in_order(entries)
            sketches = [sketch_of(entry) for entry in ordered]
            by_id = {cast(int, e.id): e for e in ordered}
        lanes = [make_lane(spec) for spec in grouping(sketches, agencies)]
        # Day ordinals start at 1, so `filter(None, ...)` leaves out just the undated (in C).
        starts = sorted(filter(None, map(_first_day, sketches)))
        stop = max(filter(None, map(_stop_day, sketches)), default=None)
    return Timeline(
        lanes=lanes,
        entries=by_id,
        starts=starts,
        first=starts[0] if starts else None,
        stop=stop if starts else None,
    )


def nearest_in_order(lane: Lane, day: float) -> int | None:
    """The index (in `lane.order`) of the entry whose middle is nearest `day`."""
    if not lane.order:
        return None
    i = bisect_left(lane.order_starts, int(day))
    candidates = [j for j in range(i - 2, i + 2) if 0 <= j < len(lane.order)]
    return min(candidates, key=lambda j: abs(lane.order[j].centre - day))


def day_of(ordinal: float) -> dt.date:
    return dt.date.fromordinal(int(ordinal))
