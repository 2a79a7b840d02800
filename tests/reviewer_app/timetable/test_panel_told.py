"""A delay records whether and when the national Panel was told, kept in the file and in JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord
from tests.helpers.reviews import new_services


def test_the_panel_told_of_a_delay(tmp_path: Path, app_paths: AppPaths) -> None:
    services = new_services(tmp_path / "x.review", app_paths)
    try:
        delay = DelayRecord(
            dt.date(2026, 1, 20),
            "Police asked for time before the rapid review meeting",
            MilestoneKind.RAPID_REVIEW,
            board_told=True,
            board_told_on=dt.date(2026, 1, 21),
            panel_told_on=dt.date(2026, 1, 22),
        )
        stored = services.timetable.add_delay(delay)
        assert services.timetable.delays() == [stored]
        assert stored.panel_told_on == dt.date(2026, 1, 22)
        document = to_document(services.snapshot())
    finally:
        services.close()
    [written] = document["timetable"]["delays"]
    assert written["panel_told_on"] == "2026-01-22" and written["milestone"] == "rapid-review"
    assert from_document(document).lifecycle.delays[0].panel_told_on == dt.date(2026, 1, 22)
