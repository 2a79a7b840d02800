"""Due dates follow each review type's rules; warnings follow an injected "today"."""

from __future__ import annotations

import datetime as dt

from reviewer_app.review import ReviewType
from reviewer_app.timetable.rules import ORDER, milestones_for, starts_for
from reviewer_app.timetable.rules import MilestoneKind as K
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


def test_an_lcspr_counts_both_statutory_clocks_from_becoming_aware() -> None:
    # Aware on Mon 22/12/2025: five working days skip Christmas, Boxing Day and the weekend;
    # fifteen also skip New Year's Day. Both count from becoming aware, not one from the other.
    s = by_kind(
        ReviewType.LCSPR,
        [MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22))],
        D(2025, 12, 23),
    )
    assert list(s)[:4] == [K.BECAME_AWARE, K.NOTIFICATION, K.RAPID_REVIEW, K.DECISION]
    assert s[K.BECAME_AWARE].state is State.DONE
    assert s[K.NOTIFICATION].due == D(2025, 12, 31)
    assert s[K.NOTIFICATION].why == (
        "5 working days after the date the partners became aware of the serious incident "
        "(statutory: Working Together 2023, learning from serious child safeguarding incidents)"
    )
    assert s[K.NOTIFICATION].state is State.DUE_SOON
    assert s[K.RAPID_REVIEW].due == D(2026, 1, 15)
    assert "15 working days after the date the partners became aware" in s[K.RAPID_REVIEW].why
    assert s[K.DECISION].due == D(2026, 1, 15)  # the rapid review makes the decision
    assert s[K.DECISION].why.startswith("with the rapid review (statutory: Working Together 2023")
    assert s[K.FINAL_REPORT].due == D(2026, 7, 15)  # six months from the decision
    assert "six months from the decision to hold the review" in s[K.FINAL_REPORT].why
    assert s[K.PUBLICATION].state is State.UPCOMING


def test_a_late_notification_does_not_move_the_rapid_review() -> None:
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.NOTIFICATION, done_on=D(2026, 1, 5)),  # late
    ]
    s = by_kind(ReviewType.LCSPR, records, D(2026, 1, 6))
    assert s[K.RAPID_REVIEW].due == D(2026, 1, 15)


def test_the_final_report_counts_from_the_decision_as_made() -> None:
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2026, 3, 26)),
        MilestoneRecord(K.RAPID_REVIEW, done_on=D(2026, 4, 17)),
        MilestoneRecord(K.DECISION, done_on=D(2026, 8, 31)),  # decided later, after advice
    ]
    s = by_kind(ReviewType.LCSPR, records, D(2026, 9, 1))
    # Easter 2026: Good Friday (3/4) and Easter Monday (6/4) are not working days
    assert s[K.NOTIFICATION].due == D(2026, 4, 2)
    assert s[K.RAPID_REVIEW].due == D(2026, 4, 20)
    assert s[K.DECISION].due == D(2026, 4, 17)  # with the rapid review as it happened
    assert s[K.TERMS_OF_REFERENCE].due == D(2026, 9, 28)  # four weeks after the decision
    assert s[K.FINAL_REPORT].due == D(2027, 2, 28)  # six months on, across the year end


def test_the_clocks_across_christmas_and_new_year() -> None:
    s = by_kind(
        ReviewType.RAPID_REVIEW,
        [MilestoneRecord(K.BECAME_AWARE, done_on=D(2026, 12, 18))],
        D(2026, 12, 18),
    )
    # Fri 18/12/2026: Christmas Day (Fri 25) and Boxing Day's substitute (Mon 28) are skipped
    assert s[K.NOTIFICATION].due == D(2026, 12, 29)
    assert s[K.RAPID_REVIEW].due == D(2027, 1, 13)  # and New Year's Day


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
    assert "Working Together 2015" in s[K.FINAL_REPORT].why


def test_an_scr_notifies_from_becoming_aware_and_finishes_from_its_decision() -> None:
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.DECISION, done_on=D(2026, 1, 30)),
    ]
    s = by_kind(ReviewType.SCR, records, D(2026, 2, 2))
    assert list(s)[:3] == [K.BECAME_AWARE, K.NOTIFICATION, K.DECISION]
    assert s[K.NOTIFICATION].due == D(2025, 12, 31)
    assert s[K.DECISION].starts_clock and s[K.BECAME_AWARE].starts_clock
    assert s[K.FINAL_REPORT].due == D(2026, 7, 30)


def test_without_the_date_of_becoming_aware_nothing_can_be_worked_out() -> None:
    s = by_kind(ReviewType.LCSPR, [], D(2026, 1, 6))
    assert all(item.state is State.NO_DATE for item in s.values())
    assert s[K.NOTIFICATION].why == (
        "waits for the date the partners became aware of the serious incident"
    )
    assert [k for k, item in s.items() if item.start_missing] == [K.BECAME_AWARE]
    assert s[K.BECAME_AWARE].date_wanted == (
        "The date the safeguarding partners became aware of the serious incident"
    )


def test_every_review_type_has_a_timetable_from_the_start_of_its_clock() -> None:
    for review_type in ReviewType:
        kinds = milestones_for(review_type)
        assert kinds[0] is starts_for(review_type)[0] and len(kinds) >= 3
        assert kinds == tuple(sorted(kinds, key=ORDER.index))
    assert milestones_for(ReviewType.RAPID_REVIEW) == (
        K.BECAME_AWARE,
        K.NOTIFICATION,
        K.RAPID_REVIEW,
        K.DECISION,
    )
    assert starts_for(ReviewType.LCSPR) == (K.BECAME_AWARE,)
    assert starts_for(ReviewType.SCR) == (K.BECAME_AWARE, K.DECISION)
    for review_type in (ReviewType.SAR, ReviewType.DHR, ReviewType.CPR):
        assert starts_for(review_type) == (K.DECISION,)
        assert K.BECAME_AWARE not in milestones_for(review_type)


def test_warnings_for_overdue_due_soon_unexplained_and_untold_delays() -> None:
    records = [MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22))]
    schedule = compute_schedule(ReviewType.LCSPR, records, D(2026, 1, 12))
    warnings = timetable_warnings(schedule, [], D(2026, 1, 12))
    assert [(w.level, w.milestone) for w in warnings] == [
        (Level.OVERDUE, K.NOTIFICATION),
        (Level.NO_DELAY_REASON, K.NOTIFICATION),
        (Level.DUE_SOON, K.RAPID_REVIEW),
        (Level.DUE_SOON, K.DECISION),  # made with the rapid review
    ]
    assert warnings[0].message == (
        "Notification to the national Panel was due on 31/12/2025 (12 days ago)."
    )
    assert warnings[2].message == ("Rapid review is due in 3 working days (15/01/2026).")
    delay = DelayRecord(D(2026, 1, 2), "Police records not yet released", K.NOTIFICATION)
    warnings = timetable_warnings(schedule, [delay], D(2026, 1, 12))
    assert [w.level for w in warnings] == [
        Level.OVERDUE,
        Level.DUE_SOON,
        Level.DUE_SOON,
        Level.BOARD_NOT_TOLD,
    ]
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
        Level.DUE_SOON,
    ]


def test_not_applicable_milestones_raise_no_warnings() -> None:
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.NOTIFICATION, not_applicable=True),
    ]
    schedule = compute_schedule(ReviewType.LCSPR, records, D(2026, 1, 12))
    assert {s.kind: s.state for s in schedule}[K.NOTIFICATION] is State.NOT_APPLICABLE
    assert not [
        w for w in timetable_warnings(schedule, [], D(2026, 1, 12)) if w.milestone is K.NOTIFICATION
    ]
