"""Due dates follow each review type's rules; warnings follow an injected "today"."""

from __future__ import annotations

import datetime as dt

from reviewer_app.review import ReviewType
from reviewer_app.timetable.rules import MilestoneKind as K
from reviewer_app.timetable.rules import milestones_for
from reviewer_app.timetable.schedule import (
    DelayRecord,
    Level,
    MilestoneRecord,
    State,
    compute_schedule,
    timetable_warnings,
)

D = dt.date


def by_kind(review_type: ReviewType, records: list[MilestoneRecord], today: dt.date) -> dict:  # type: ignore[type-arg]
    return {s.kind: s for s in compute_schedule(review_type, records, today)}


def test_an_lcspr_gets_statutory_dates_counted_in_working_days() -> None:
    s = by_kind(
        ReviewType.LCSPR, [MilestoneRecord(K.DECISION, done_on=D(2025, 12, 22))], D(2025, 12, 23)
    )
    assert s[K.DECISION].state is State.DONE
    assert s[K.NOTIFICATION].due == D(2025, 12, 31)
    assert "5 working days" in s[K.NOTIFICATION].why
    assert s[K.NOTIFICATION].state is State.DUE_SOON
    assert s[K.RAPID_REVIEW].due == D(2026, 1, 22)
    assert s[K.FINAL_REPORT].due == D(2026, 7, 22)  # six months from the rapid review
    assert "six-month completion target" in s[K.FINAL_REPORT].why
    assert s[K.PUBLICATION].state is State.UPCOMING


def test_later_dates_count_from_when_a_milestone_actually_happened() -> None:
    records = [
        MilestoneRecord(K.DECISION, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.NOTIFICATION, done_on=D(2026, 1, 5)),
    ]
    s = by_kind(ReviewType.LCSPR, records, D(2026, 1, 6))
    assert s[K.RAPID_REVIEW].due == D(2026, 1, 26)  # 15 working days after 5 January


def test_a_date_the_reviewer_sets_overrides_the_rule_and_moves_what_follows() -> None:
    records = [
        MilestoneRecord(K.DECISION, done_on=D(2026, 1, 5)),
        MilestoneRecord(K.FIRST_DRAFT, due_override=D(2026, 6, 1)),
    ]
    s = by_kind(ReviewType.SCR, records, D(2026, 1, 6))
    assert s[K.FIRST_DRAFT].due == D(2026, 6, 1)
    assert s[K.FIRST_DRAFT].why == "date you set"
    assert s[K.PANEL].due == D(2026, 6, 15)  # two weeks after the draft
    assert K.RAPID_REVIEW not in s  # an SCR has no rapid review
    assert s[K.FINAL_REPORT].due == D(2026, 7, 5)


def test_without_a_decision_date_nothing_can_be_worked_out() -> None:
    s = by_kind(ReviewType.LCSPR, [], D(2026, 1, 6))
    assert all(item.state is State.NO_DATE for item in s.values())
    assert s[K.NOTIFICATION].why == "waits for the decision to review"


def test_every_review_type_has_a_timetable_starting_with_the_decision() -> None:
    for review_type in ReviewType:
        kinds = milestones_for(review_type)
        assert kinds[0] is K.DECISION and len(kinds) >= 3
    assert milestones_for(ReviewType.RAPID_REVIEW) == (K.DECISION, K.NOTIFICATION, K.RAPID_REVIEW)


def test_warnings_for_overdue_due_soon_unexplained_and_untold_delays() -> None:
    records = [MilestoneRecord(K.DECISION, done_on=D(2025, 12, 22))]
    schedule = compute_schedule(ReviewType.LCSPR, records, D(2026, 1, 12))
    warnings = timetable_warnings(schedule, [], D(2026, 1, 12))
    assert [(w.level, w.milestone) for w in warnings] == [
        (Level.OVERDUE, K.NOTIFICATION),
        (Level.NO_DELAY_REASON, K.NOTIFICATION),
        (Level.DUE_SOON, K.RAPID_REVIEW),
    ]
    assert warnings[0].message == (
        "Notification to the national Panel was due on 31/12/2025 (12 days ago)."
    )
    assert warnings[2].message == ("Rapid review is due in 8 working days (22/01/2026).")
    delay = DelayRecord(D(2026, 1, 2), "Police records not yet released", K.NOTIFICATION)
    warnings = timetable_warnings(schedule, [delay], D(2026, 1, 12))
    assert [w.level for w in warnings] == [Level.OVERDUE, Level.DUE_SOON, Level.BOARD_NOT_TOLD]
    told = DelayRecord(
        D(2026, 1, 2),
        "Police records",
        K.NOTIFICATION,
        board_told=True,
        board_told_on=D(2026, 1, 5),
    )
    assert [w.level for w in timetable_warnings(schedule, [told], D(2026, 1, 12))] == [
        Level.OVERDUE,
        Level.DUE_SOON,
    ]


def test_not_applicable_milestones_raise_no_warnings() -> None:
    records = [
        MilestoneRecord(K.DECISION, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.NOTIFICATION, not_applicable=True),
    ]
    schedule = compute_schedule(ReviewType.LCSPR, records, D(2026, 1, 12))
    assert {s.kind: s.state for s in schedule}[K.NOTIFICATION] is State.NOT_APPLICABLE
    assert not [
        w for w in timetable_warnings(schedule, [], D(2026, 1, 12)) if w.milestone is K.NOTIFICATION
    ]
