"""The rapid review record: what the Panel still needs, and the service that saves it."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.services.changes import Part
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from tests.helpers.reviews import new_services


def test_an_empty_record_misses_every_heading_in_the_panels_order() -> None:
    assert RapidReview().empty
    assert RapidReview().missing() == [
        "the facts of the case",
        "the immediate safeguarding action taken",
        "the agencies' learning so far",
        "whether the criteria for an LCSPR are met",
        "the decision",
        "whether the case may be of national importance",
    ]
    decided = RapidReview(decision=Decision.NO_LCSPR)
    assert "the reasons for the decision" in decided.missing()
    assert "the decision" not in decided.missing()


def test_the_service_saves_and_announces_the_change(tmp_path: Path, app_paths: AppPaths) -> None:
    services = new_services(tmp_path / "x.review", app_paths)
    heard: list[Part] = []
    services.changes.subscribe(heard.append)
    record = RapidReview(facts="What happened", criteria_met=Answer.YES)
    assert services.rapid_review.save(record) == record
    assert heard == [Part.TIMETABLE]
    assert services.rapid_review.record() == record
    services.close()
