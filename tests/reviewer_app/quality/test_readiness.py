"""The readiness check and the Overview's next steps, on real encrypted reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.problems import Category, Problem
from reviewer_app.quality.assessment import MarkerAssessment, Status
from reviewer_app.services.readiness import check_readiness, next_steps
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from tests.helpers.reviews import new_review
from tests.reviewer_app.quality.reviews import Services, complete, demo, services


def check(s: Services, extra=()):  # type: ignore[no-untyped-def]
    return check_readiness(s.review.details, s.review.chronology, s.quality, s.timetable, extra)


def test_an_empty_review_lists_what_is_missing(tmp_path: Path, app_paths: AppPaths) -> None:
    s = services(new_review(tmp_path / "x.review", app_paths))
    report = check(s)
    assert not report.ready
    # Only what blocks the next milestone (the clock's start) blocks; the rest is for later.
    assert report.next_step == "Safeguarding partners became aware of the serious incident"
    assert report.lines() == [
        "Timetable: The date the safeguarding partners became aware of the serious incident is "
        "not recorded, so the due dates that count from it cannot be worked out. "
        "(fix it in: Timetable)"
    ]
    later = report.later_lines()
    assert "Review details: The terms of reference are empty. (fix it in: Overview)" in later
    assert "Agency returns: No agencies have been added. (fix it in: People and agencies)" in later
    markers = [p for p in report.later if p.category == Category.MARKERS]
    assert len(markers) == 14  # every marker before the panel; 15-18 come after it
    assert markers[0].message == "Marker 1. Referral is not addressed yet (not started)."

    # Once the clock has started and the rapid review and decision are done, the terms of
    # reference and the setting-up markers come due; the running markers still wait.
    for kind in (MilestoneKind.BECAME_AWARE, MilestoneKind.NOTIFICATION,
                 MilestoneKind.RAPID_REVIEW, MilestoneKind.DECISION):  # fmt: skip
        s.timetable.save_milestone(MilestoneRecord(kind, done_on=dt.date(2026, 5, 1)))
    report = check(s)
    assert report.next_step == "Terms of reference agreed"
    blocking = {p.message for p in report.problems}
    assert "The terms of reference are empty." in blocking
    assert "Marker 5. Clarity of purpose is not addressed yet (not started)." in blocking
    assert "Marker 6. Commissioning is not addressed yet (not started)." not in blocking
    assert "No agencies have been added." not in blocking


def test_the_demo_review_lists_what_a_reviewer_would_need_to_fix(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    s = demo(new_review(tmp_path / "x.review", app_paths))
    report = check(s)
    categories = set(report.by_category())
    later = {p.category for p in report.later}
    # the demo has its terms of reference, scope and every agency's return…
    assert Category.DETAILS not in categories | later
    assert Category.AGENCIES not in categories | later
    # …but its timetable has no start (becoming aware), which blocks now; no marker is
    # addressed, which is for later milestones
    assert categories == {Category.TIMETABLE} and later == {Category.MARKERS}
    assert all(len(line.splitlines()) == 1 for line in report.lines())


def test_a_completed_review_is_ready(tmp_path: Path, app_paths: AppPaths) -> None:
    s = complete(demo(new_review(tmp_path / "x.review", app_paths)))
    report = check(s)
    assert report.problems == ()
    assert report.ready and report.lines() == []


def test_problems_that_stop_a_completed_review_being_ready(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    s = complete(demo(new_review(tmp_path / "x.review", app_paths)))
    s.quality.save_marker(MarkerAssessment(12, Status.IN_PROGRESS))
    s.timetable.save_milestone(MilestoneRecord(MilestoneKind.CONVERSATIONS))  # not done after all
    s.timetable.add_delay(DelayRecord(dt.date(2026, 5, 1), "Coroner asked us to wait"))

    def findings() -> list[Problem]:
        return [Problem(Category.FINDINGS, "Finding 2 has no evidence linked.", "findings")]

    report = check(s, [findings])
    # The conversations are the next milestone: the timetable blocks it; the marker and the
    # finding are for the first draft, after it.
    assert report.next_step == "Conversations with practitioners and family"
    assert report.lines() == [
        "Timetable: Conversations with practitioners and family was due on 29/04/2026: mark it "
        "done, or record the delay and its reason. (fix it in: Timetable)",
        "Timetable: The board has not been told of the delay to the review (Coroner asked us "
        "to wait). (fix it in: Timetable)",
    ]
    assert report.later_lines() == [
        "Quality markers: Marker 12. Family involvement is not addressed yet (in progress). "
        "(fix it in: Quality markers)",
        "Findings: Finding 2 has no evidence linked. (fix it in: Findings)",
    ]
    s.timetable.save_milestone(
        MilestoneRecord(MilestoneKind.CONVERSATIONS, done_on=dt.date(2026, 4, 28))
    )
    assert len(check(s, [findings]).lines()) == 3  # the draft is next: all of it blocks


def test_next_steps_put_what_is_late_first(tmp_path: Path, app_paths: AppPaths) -> None:
    s = demo(new_review(tmp_path / "x.review", app_paths))
    guidance = next_steps(s.review.details, s.review.chronology, s.quality, s.timetable)
    assert guidance.stage == "Scoping and terms of reference"
    assert guidance.next_milestone == (
        "Next: Safeguarding partners became aware of the serious incident (no date yet)"
    )
    assert [step.where for step in guidance.steps] == ["timetable", "markers"]
    assert guidance.steps[1].text.startswith(
        "Setting up the review: work through markers 1. Referral, 2. Decision making, "
        "3. Advising board members and 2 more."
    )

    aware = MilestoneRecord(MilestoneKind.BECAME_AWARE, done_on=dt.date(2026, 4, 1))
    s.timetable.save_milestone(aware)
    guidance = next_steps(s.review.details, s.review.chronology, s.quality, s.timetable)
    assert guidance.steps[0].urgent
    assert guidance.steps[0].text.startswith("Notification to the national Panel was due on")
    assert guidance.next_milestone.startswith("Next: Notification to the national Panel, due ")
