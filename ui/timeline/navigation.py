"""Moving the keyboard's place on the timeline: along a lane and between lanes (no Qt).

The place is a `Cursor`: a lane and, usually, an entry in it. Left and Right follow the
chronology's own order within the lane; Up and Down keep to about the same date, picking the
entry in the next lane nearest in time, so a reviewer can look across agencies at one moment.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.timeline.lanes import Mark, Timeline, nearest_in_order


@dataclass(frozen=True, slots=True)
class Cursor:
    lane: int = 0
    entry: int | None = None


def locate(timeline: Timeline, entry_id: int, prefer_lane: int = 0) -> tuple[int, Mark] | None:
    """The lane and mark of an entry (in `prefer_lane` if it is there too)."""
    lanes = timeline.lanes
    if not (0 <= prefer_lane < len(lanes) and entry_id in lanes[prefer_lane].position):
        found = timeline.lane_of(entry_id)
        if found is None:
            return None
        prefer_lane = found
    lane = lanes[prefer_lane]
    return prefer_lane, lane.order[lane.position[entry_id]]


def middle_of(timeline: Timeline, cursor: Cursor) -> float | None:
    if cursor.entry is None:
        return None
    found = locate(timeline, cursor.entry, cursor.lane)
    return found[1].centre if found else None


def step(timeline: Timeline, cursor: Cursor, delta: int, around: float) -> Cursor:
    """The next (`delta` 1) or previous (-1) entry in the lane; with nothing chosen yet, the
    entry nearest the day `around` (the middle of the view)."""
    if not timeline.lanes:
        return cursor
    lane = timeline.lanes[cursor.lane]
    if cursor.entry is None or cursor.entry not in lane.position:
        index = nearest_in_order(lane, around)
    else:
        index = min(max(lane.position[cursor.entry] + delta, 0), len(lane.order) - 1)
    return Cursor(cursor.lane, lane.order[index].entry_id if index is not None else None)


def change_lane(timeline: Timeline, cursor: Cursor, delta: int, around: float) -> Cursor:
    """The lane above (-1) or below (1), at the entry nearest the current one's date (or
    `around`); a lane with no dated entries is visited with nothing chosen."""
    if not timeline.lanes:
        return cursor
    day = middle_of(timeline, cursor)
    lane_index = min(max(cursor.lane + delta, 0), len(timeline.lanes) - 1)
    lane = timeline.lanes[lane_index]
    index = nearest_in_order(lane, around if day is None else day)
    return Cursor(lane_index, lane.order[index].entry_id if index is not None else None)


def to_end(timeline: Timeline, cursor: Cursor, last: bool) -> Cursor:
    if not timeline.lanes or not timeline.lanes[cursor.lane].order:
        return cursor
    order = timeline.lanes[cursor.lane].order
    return Cursor(cursor.lane, order[-1 if last else 0].entry_id)
