"""The review's timetable worked out: due dates from the rules, what is done, what is late.

What the reviewer records per milestone (`MilestoneRecord`) is small: the date it happened, an
optional due date of their own that overrides the rule, whether it does not apply, and a note.
Everything else is computed, so changing the decision date moves every later date that depends
on it. `today` is always passed in, which keeps the warnings testable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import ReviewType
from reviewer_app.timetable.rules import DueRule, MilestoneKind, Unit, milestones_for, rule_for
from reviewer_app.timetable.working_days import WorkingCalendar, add_months

#: A milestone this many working days ahead (or fewer) is "due soon".
DUE_SOON_WORKING_DAYS = 10


@dataclass(frozen=True, slots=True)
class MilestoneRecord:
    kind: MilestoneKind
    done_on: dt.date | None = None
    due_override: dt.date | None = None
    not_applicable: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class DelayRecord:
    """A delay and why: the board must be told, so whether and when it was is recorded too."""

    recorded_on: dt.date
    reason: str
    milestone: MilestoneKind | None = None
    revised_date: dt.date | None = None
    board_told: bool = False
    board_told_on: dt.date | None = None
    id: int | None = None
    #: When the national Child Safeguarding Practice Review Panel was told (None: not told).
    panel_told_on: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise InvalidInputError(
                "A delay needs a reason: the board must be told why the review is late."
            )
        if self.board_told_on is not None and not self.board_told:
            raise InvalidInputError("A date the board was told needs 'board told' to be ticked.")


class State(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    UPCOMING = "upcoming"
    NO_DATE = "no date yet"
    NOT_APPLICABLE = "not applicable"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class ScheduledMilestone:
    kind: MilestoneKind
    due: dt.date | None
    why: str
    record: MilestoneRecord
    state: State
    working_days_left: int | None = None  # from today to the due date, when not done
    #: No rule gives it a date: it starts a clock, and its date is recorded, not worked out.
    starts_clock: bool = False

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def done_on(self) -> dt.date | None:
        return self.record.done_on

    @property
    def start_missing(self) -> bool:
        """A clock's start with no date yet: nothing counted from it can be worked out."""
        return (
            self.starts_clock
            and self.done_on is None
            and self.due is None
            and not self.record.not_applicable
        )

    @property
    def date_wanted(self) -> str:
        """ "The date …" of this milestone, in a sentence."""
        if self.kind is MilestoneKind.BECAME_AWARE:
            return "The date the safeguarding partners became aware of the serious incident"
        return f"The date of the {self.kind.phrase}"


def _apply(rule: DueRule, start: dt.date, calendar: WorkingCalendar) -> dt.date:
    if rule.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start, rule.amount)
    if rule.unit is Unit.WEEKS:
        return start + dt.timedelta(weeks=rule.amount)
    return add_months(start, rule.amount)


def compute_schedule(
    review_type: ReviewType,
    records: Iterable[MilestoneRecord],
    today: dt.date,
    calendar: WorkingCalendar | None = None,
) -> list[ScheduledMilestone]:
    calendar = calendar or WorkingCalendar()
    by_kind = {r.kind: r for r in records}
    dates: dict[MilestoneKind, dt.date | None] = {}
    found = []
    for kind in milestones_for(review_type):
        record = by_kind.get(kind, MilestoneRecord(kind))
        rule = rule_for(review_type, kind)
        due: dt.date | None = None
        why = ""
        if record.due_override is not None:
            due, why = record.due_override, "date you set"
        elif rule is not None:
            anchor = dates.get(rule.after)
            if anchor is not None:
                due, why = _apply(rule, anchor, calendar), rule.explanation
            else:
                why = f"waits for the {rule.after.phrase}"
        else:
            why = "the clock starts here: record its date"
        # later milestones count from when this one happened, else from when it is due
        dates[kind] = record.done_on or due
        left = None
        if record.not_applicable:
            state = State.NOT_APPLICABLE
        elif record.done_on is not None:
            state = State.DONE
        elif due is None:
            state = State.NO_DATE
        else:
            left = calendar.working_days_between(today, due)
            if due < today:
                state = State.OVERDUE
            elif left <= DUE_SOON_WORKING_DAYS:
                state = State.DUE_SOON
            else:
                state = State.UPCOMING
        found.append(ScheduledMilestone(kind, due, why, record, state, left, rule is None))
    return found


class Level(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    BOARD_NOT_TOLD = "board not told"
    NO_DELAY_REASON = "no reason recorded"


@dataclass(frozen=True, slots=True)
class TimetableWarning:
    level: Level
    message: str
    milestone: MilestoneKind | None = None


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def timetable_warnings(
    schedule: Sequence[ScheduledMilestone], delays: Sequence[DelayRecord], today: dt.date
) -> list[TimetableWarning]:
    """Overdue and due-soon milestones, overdue ones with no delay recorded, untold delays."""
    explained = {d.milestone for d in delays}
    found = []
    for item in schedule:
        if item.state is State.OVERDUE and item.due is not None:
            days = (today - item.due).days
            found.append(
                TimetableWarning(
                    Level.OVERDUE,
                    f"{item.label} was due on {uk(item.due)} ({days} "
                    f"{'day' if days == 1 else 'days'} ago).",
                    item.kind,
                )
            )
            if item.kind not in explained:
                found.append(
                    TimetableWarning(
                        Level.NO_DELAY_REASON,
                        f"{item.label} is late and the delay log gives no reason.",
                        item.kind,
                    )
                )
        elif item.state is State.DUE_SOON and item.due is not None:
            left = item.working_days_left or 0
            when = "today" if left == 0 else f"in {left} working {'day' if left == 1 else 'days'}"
            found.append(
                TimetableWarning(
                    Level.DUE_SOON, f"{item.label} is due {when} ({uk(item.due)}).", item.kind
                )
            )
    for delay in delays:
        if not delay.board_told:
            what = delay.milestone.phrase if delay.milestone else "the review"
            found.append(
                TimetableWarning(
                    Level.BOARD_NOT_TOLD,
                    f"The board has not been told of the delay to {what} "
                    f"recorded on {uk(delay.recorded_on)}.",
                    delay.milestone,
                )
            )
    return found


#: The milestones `reviewer-app timetable` prints, one line each, whatever the review type.
CLOCK_KEYS = (
    MilestoneKind.BECAME_AWARE,
    MilestoneKind.NOTIFICATION,
    MilestoneKind.RAPID_REVIEW,
    MilestoneKind.DECISION,
    MilestoneKind.FINAL_REPORT,
    MilestoneKind.PUBLICATION,
)

#: The status of a milestone this kind of review does not have (an SAR has no rapid review).
NOT_IN_THIS_REVIEW = "not-in-this-review"


def clock_lines(schedule: Sequence[ScheduledMilestone]) -> list[str]:
    """`key<TAB>due<TAB>done<TAB>status` per clock milestone, ISO dates or `-`, for scripts.

    The status is the state in one word (`done`, `overdue`, `due-soon`, `upcoming`,
    `no-date-yet`, `not-applicable`) or `not-in-this-review`."""
    by_kind = {item.kind: item for item in schedule}
    lines = []
    for kind in CLOCK_KEYS:
        item = by_kind.get(kind)
        if item is None:
            lines.append(f"{kind.value}\t-\t-\t{NOT_IN_THIS_REVIEW}")
            continue
        due = item.due.isoformat() if item.due and not item.record.not_applicable else "-"
        done = item.done_on.isoformat() if item.done_on else "-"
        lines.append(f"{kind.value}\t{due}\t{done}\t{item.state.value.replace(' ', '-')}")
    return lines
