"""The review's lifecycle on the command line: its statutory clock, and comments read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord
from tests.helpers.reviews import new_services
from tests.reviewer_app.test_cli import run


def test_timetable_prints_one_tab_separated_line_per_milestone(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "clock.review"
    services = new_services(path, app_paths)
    # Aware on Fri 18/12/2026: Christmas Day (Fri) and Boxing Day's substitute (Mon 28) are
    # skipped, so the Panel is due on Tue 29/12 and the rapid review, past New Year's Day,
    # on Wed 13/01/2027.
    services.timetable.save_milestone(
        MilestoneRecord(MilestoneKind.BECAME_AWARE, done_on=dt.date(2026, 12, 18))
    )
    services.timetable.save_milestone(
        MilestoneRecord(MilestoneKind.NOTIFICATION, done_on=dt.date(2026, 12, 21))
    )
    services.close()
    printed = run("timetable", str(path), app_paths=app_paths)
    assert printed.returncode == 0, printed.stderr
    rows = [line.split("\t") for line in printed.stdout.splitlines()]
    assert [row[0] for row in rows] == [
        "became-aware", "notification", "rapid-review", "decision", "final-report", "publication"
    ]  # fmt: skip
    assert rows[0] == ["became-aware", "-", "2026-12-18", "done"]
    assert rows[1] == ["notification", "2026-12-29", "2026-12-21", "done"]
    assert rows[2][:3] == ["rapid-review", "2027-01-13", "-"]
    assert rows[4][:3] == ["final-report", "2027-07-13", "-"]
    assert all(len(row) == 4 for row in rows)

    missing = run("timetable", str(tmp_path / "none.review"), app_paths=app_paths)
    assert missing.returncode == 1 and missing.stderr.startswith("error:")
