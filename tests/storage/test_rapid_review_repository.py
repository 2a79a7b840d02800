"""The rapid review record round-trips through a real encrypted review file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from storage.rapid_review_repository import SqlRapidReview
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE


def test_the_rapid_review_is_stored_and_replaced(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "x.review"
    review = new_review(path, app_paths)
    repository = SqlRapidReview(lambda: review.file.engine)
    assert repository.load() == RapidReview()  # a new review has none yet
    repository.save(RapidReview(facts="First notes"))
    record = RapidReview(
        facts="Child admitted with a head injury.\n\nSecond paragraph.",
        immediate_action="Strategy discussion; section 47 enquiries.",
        agency_learning="A bruise that was not referred.",
        criteria_met=Answer.YES,
        decision=Decision.LCSPR,
        decision_reasons="Several agencies; learning beyond the rapid review.",
        national_importance=Answer.NO,
        national_reasons="Known themes.",
        sent_to_panel=dt.date(2026, 1, 30),
    )
    repository.save(record)  # replaces the one before: there is one rapid review
    review.close()

    reopened = review_files(app_paths).open(path, passphrase=PASSPHRASE)
    assert reopened.rapid_review.load() == record
    with reopened.file.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM rapid_review").scalar() == 1
    reopened.rapid_review.save(RapidReview())
    assert reopened.rapid_review.load() == RapidReview()
    reopened.close()
