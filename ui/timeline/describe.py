"""What the timeline says in words: tooltips and screen-reader descriptions (no Qt).

Case text goes into rich-text tooltips, so everything taken from an entry is escaped: an
agency's note may well contain "<" and must never be read as markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from reviewer_app.chronology.dates import format_uk_date
from reviewer_app.chronology.entry import Flag, age_at
from ui.timeline.lanes import Lane, Timeline
from ui.timeline.layout import Bin, Silence
from ui.timeline.units import MONTHS_SHORT, Step, Unit, day_label, month_label

FIRST_LINE_LIMIT = 160


def first_line(text: str, limit: int = FIRST_LINE_LIMIT) -> str:
    line = next((x.strip() for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _flags(flags: frozenset[Flag]) -> str:
    return ", ".join(flag.label for flag in Flag if flag in flags)


def written_date(timeline: Timeline, entry_id: int) -> str:
    """The date the way a reviewer writes it, and the agency's own text if that differs."""
    date = timeline.entries[entry_id].date
    shown = format_uk_date(date)
    original = date.original.strip()
    if original and original != shown:
        return f"{shown} (agency wrote “{original}”)"
    return shown


def entry_tooltip(timeline: Timeline, entry_id: int, lane_title: str) -> str:
    entry = timeline.entries[entry_id]
    lines = [
        f"<b>{escape(written_date(timeline, entry_id))}</b>",
        f"{escape(lane_title)} · {escape(entry.source)}",
        escape(first_line(entry.event)),
    ]
    if entry.flags:
        lines.append(f"<i>{escape(_flags(entry.flags))}</i>")
    if age := child_age(timeline, entry_id):
        lines.append(escape(age))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def child_age(timeline: Timeline, entry_id: int) -> str:
    if timeline.birth is None:
        return ""
    age = age_at(timeline.birth, timeline.entries[entry_id].date)
    return f"Child's age: {age}" if age else ""


def birth_text(birth: dt.date) -> str:
    return f"Child's date of birth: {day_label(birth.toordinal())}"


def entry_summary(timeline: Timeline, entry_id: int, lane_index: int) -> str:
    """A plain sentence a screen reader announces when the entry is selected."""
    entry = timeline.entries[entry_id]
    lane = timeline.lanes[lane_index]
    parts = [f"{lane.title}, {written_date(timeline, entry_id)}: {entry.source}."]
    parts.append(first_line(entry.event))
    if entry.flags:
        parts.append(_flags(entry.flags) + ".")
    if entry_id in lane.position:
        parts.append(f"Entry {lane.position[entry_id] + 1} of {lane.dated_count} in this lane.")
    return " ".join(parts)


def lane_summary(lane: Lane) -> str:
    text = f"{lane.title}: {lane.dated_count} dated entr{'y' if lane.dated_count == 1 else 'ies'}"
    if lane.undated:
        text += f", {len(lane.undated)} with no known date"
    return text


def undated_text(count: int) -> str:
    return f"{count} undated"


def view_summary(timeline: Timeline) -> str:
    total = len(timeline.entries)
    agencies = len(timeline.lanes)
    return (
        f"Timeline of {total} chronology entr{'y' if total == 1 else 'ies'} "
        f"in {agencies} lane{'' if agencies == 1 else 's'}"
    )


#: What the timeline says while the review has no chronology entries at all.
NO_ENTRIES = (
    "No chronology entries yet. Import an agency chronology (File menu, Import agency "
    "chronology…, or Ctrl+I) or add an entry on the Chronology page: each agency's entries "
    "then appear here on a line of their own."
)


def empty_text(timeline: Timeline) -> str:
    """What to say when nothing can be drawn, and what to do about it."""
    if not timeline.entries:
        return NO_ENTRIES
    undated = sum(len(lane.undated) for lane in timeline.lanes)
    if not undated:
        return "No dated chronology entries to show yet."
    if undated == 1:
        return (
            "No dated chronology entries to show yet: 1 entry has no known date. Give it a "
            "date on the Chronology page to place it here."
        )
    return (
        f"No dated chronology entries to show yet: {undated} entries have no known date. "
        "Give them dates on the Chronology page to place them here."
    )


def crowded_text(count: int, first: float, stop: float) -> str:
    a, b = dt.date.fromordinal(int(first)), dt.date.fromordinal(max(int(stop) - 1, int(first)))
    when = day_label(a.toordinal())
    if b != a:
        when += f" – {day_label(b.toordinal())}"
    return f"{count} entries, {when}. Zoom in to tell them apart."


BIN_NAMES = {
    Step(Unit.DAY): "day",
    Step(Unit.WEEK): "week",
    Step(Unit.MONTH): "month",
    Step(Unit.MONTH, 3): "quarter",
    Step(Unit.YEAR): "year",
}


def bin_heading(step: Step) -> str:
    return f"Entries per {BIN_NAMES.get(step, 'period')}"


def bin_text(b: Bin, step: Step) -> str:
    if step.unit is Unit.DAY:
        when = day_label(b.start)
    elif step.unit is Unit.WEEK:
        when = f"Week commencing {day_label(b.start)}"
    elif step == Step(Unit.MONTH):
        when = month_label(b.start)
    elif step.unit is Unit.MONTH:
        when = f"{month_label(b.start)} – {month_label(b.stop - 1)}"
    else:
        when = str(dt.date.fromordinal(b.start).year)
    noun = "entry" if b.count == 1 else "entries"
    return f"{when}: {b.count} {noun} from all agencies"


# -- silent periods -----------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def whole_months(start: dt.date, stop: dt.date) -> int:
    """Calendar months from `start` to `stop` (exclusive), to the nearest month."""
    months = (stop.year - start.year) * 12 + stop.month - start.month
    while months > 0 and _add_months(start, months) > stop:
        months -= 1
    left_over = (stop - _add_months(start, months)).days
    return months + (1 if left_over >= 15 else 0)


def duration_text(start: dt.date, stop: dt.date) -> str:
    """ "12 days", "3 weeks", "5 months", "1 year 10 months": as a reviewer would say it."""
    days = (stop - start).days
    months = whole_months(start, stop)
    if months < 2:
        if days < 14:
            return f"{days} day{'s' if days != 1 else ''}"
        return f"{round(days / 7)} weeks"
    if months < 24:
        return f"{months} months"
    years, months = divmod(months, 12)
    text = f"{years} years"
    return text if months == 0 else f"{text} {months} month{'s' if months != 1 else ''}"


def month_range_text(first: dt.date, last: dt.date) -> str:
    """The months from `first` to `last` (inclusive): "Jun 2014", "Jun–Oct 2014",
    "Nov 2012 – Aug 2014"."""
    a, b = MONTHS_SHORT[first.month - 1], MONTHS_SHORT[last.month - 1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{a} {first.year}"
    if first.year == last.year:
        return f"{a}–{b} {first.year}"
    return f"{a} {first.year} – {b} {last.year}"


def silence_text(title: str, silence: Silence) -> str:
    """ "No Northshire Police entries for 5 months (Jun–Oct 2014)"."""
    start = dt.date.fromordinal(silence.start)
    stop = dt.date.fromordinal(silence.stop)
    last = stop - dt.timedelta(days=1)
    return f"No {title} entries for {duration_text(start, stop)} ({month_range_text(start, last)})"
