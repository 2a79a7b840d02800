"""The statutory clock as `reviewer-app timetable` prints it, on worked examples."""

from __future__ import annotations

import datetime as dt

from reviewer_app.review import ReviewType
from reviewer_app.timetable.rules import MilestoneKind as K
from reviewer_app.timetable.schedule import MilestoneRecord, clock_lines, compute_schedule

D = dt.date


def lines(review_type: ReviewType, records: list[MilestoneRecord], today: dt.date) -> list[str]:
    return clock_lines(compute_schedule(review_type, records, today))


def test_aware_before_christmas_2025_crosses_christmas_and_the_year_end() -> None:
    # Aware Mon 22/12/2025. Fifth working day: 23, 24, (25, 26 bank holidays, weekend) 29, 30,
    # 31. Fifteenth: New Year's Day is skipped too, so Thu 15/01/2026. The decision comes
    # with the rapid review as it happened (Wed 14/01/2026) and the final report six months on.
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2025, 12, 22)),
        MilestoneRecord(K.NOTIFICATION, done_on=D(2025, 12, 24)),
        MilestoneRecord(K.RAPID_REVIEW, done_on=D(2026, 1, 14)),
    ]
    assert lines(ReviewType.LCSPR, records, D(2026, 1, 14)) == [
        "became-aware\t-\t2025-12-22\tdone",
        "notification\t2025-12-31\t2025-12-24\tdone",
        "rapid-review\t2026-01-15\t2026-01-14\tdone",
        "decision\t2026-01-14\t-\tdue-soon",
        "final-report\t2026-07-14\t-\tupcoming",
        "publication\t2026-10-06\t-\tupcoming",  # board 11/08, publication 8 weeks later
    ]


def test_aware_before_easter_2026_skips_good_friday_and_easter_monday() -> None:
    # Aware Thu 26/03/2026: 27, 30, 31, 1/4, 2/4 is the fifth working day; Good Friday (3/4)
    # and Easter Monday (6/4) are not working days, so the fifteenth is Mon 20/04/2026.
    records = [MilestoneRecord(K.BECAME_AWARE, done_on=D(2026, 3, 26))]
    assert lines(ReviewType.LCSPR, records, D(2026, 4, 7))[:4] == [
        "became-aware\t-\t2026-03-26\tdone",
        "notification\t2026-04-02\t-\toverdue",
        "rapid-review\t2026-04-20\t-\tdue-soon",
        "decision\t2026-04-20\t-\tdue-soon",
    ]


def test_a_decision_in_late_august_puts_the_final_report_across_the_year_end() -> None:
    records = [
        MilestoneRecord(K.BECAME_AWARE, done_on=D(2026, 7, 31)),
        MilestoneRecord(K.DECISION, done_on=D(2026, 8, 31)),
        MilestoneRecord(K.PUBLICATION, not_applicable=True),
    ]
    found = lines(ReviewType.LCSPR, records, D(2026, 9, 1))
    # Fri 31/07/2026 + 5 working days: Fri 07/08; + 15: the summer bank holiday (31/08) is
    # after it, so Fri 21/08. 31 August + 6 months is the last day of February.
    assert found[1] == "notification\t2026-08-07\t-\toverdue"
    assert found[2] == "rapid-review\t2026-08-21\t-\toverdue"
    assert found[4] == "final-report\t2027-02-28\t-\tupcoming"
    assert found[5] == "publication\t-\t-\tnot-applicable"


def test_a_review_without_a_rapid_review_still_prints_every_key() -> None:
    found = lines(ReviewType.SAR, [], D(2026, 1, 6))
    assert [line.split("\t")[0] for line in found] == [
        "became-aware", "notification", "rapid-review", "decision", "final-report", "publication"
    ]  # fmt: skip
    assert found[0] == "became-aware\t-\t-\tnot-in-this-review"
    assert found[3] == "decision\t-\t-\tno-date-yet"
    assert all(line.count("\t") == 3 for line in found)
