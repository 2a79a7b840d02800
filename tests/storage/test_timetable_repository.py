"""Milestones and the delay log round-trip through a real encrypted review file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from storage.timetable_repository import SqlTimetable
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE


def test_milestones_and_delays_are_stored(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "x.review"
    review = new_review(path, app_paths)
    timetable = SqlTimetable(lambda: review.file.engine)
    decision = MilestoneRecord(MilestoneKind.DECISION, done_on=dt.date(2026, 1, 12))
    timetable.save_milestone(MilestoneRecord(MilestoneKind.DECISION, note="first guess"))
    timetable.save_milestone(decision)  # replaces the earlier record for the same milestone
    draft = MilestoneRecord(
        MilestoneKind.FIRST_DRAFT, due_override=dt.date(2026, 6, 1), note="agreed with chair"
    )
    timetable.save_milestone(draft)
    delay = timetable.add_delay(
        DelayRecord(dt.date(2026, 3, 1), "Police disclosure awaited", MilestoneKind.AGENCY_RETURNS)
    )
    assert delay.id is not None
    told = DelayRecord(
        delay.recorded_on,
        delay.reason,
        delay.milestone,
        dt.date(2026, 4, 15),
        True,
        dt.date(2026, 3, 3),
        delay.id,
    )
    timetable.update_delay(told)
    review.close()

    reopened = review_files(app_paths).open(path, passphrase=PASSPHRASE)
    timetable = SqlTimetable(lambda: reopened.file.engine)
    assert sorted(timetable.milestones(), key=lambda r: r.kind) == sorted(
        [decision, draft], key=lambda r: r.kind
    )
    assert timetable.delays() == [told]
    timetable.remove_delay(told.id or 0)
    assert timetable.delays() == []
    assert timetable.add_delay(told) == told  # an undone removal gets its id back
    reopened.close()
