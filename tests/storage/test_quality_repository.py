"""The self-assessment round-trips through a real encrypted review file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from reviewer_app.paths import AppPaths
from reviewer_app.quality.assessment import (
    EvidenceKind,
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    Status,
)
from storage.quality_repository import SqlQuality
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE

SET = "nspcc-scie-2016"


def test_statuses_notes_and_evidence_are_stored(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "x.review"
    review = new_review(path, app_paths)
    quality = SqlQuality(lambda: review.file.engine)
    assert quality.marker_set_key() is None
    quality.choose_marker_set(SET)
    quality.choose_marker_set(SET)  # choosing again replaces, never duplicates
    quality.save_marker(SET, MarkerAssessment(6, Status.IN_PROGRESS, "ToR with the chair"))
    quality.save_marker(SET, MarkerAssessment(6, Status.ADDRESSED, "ToR agreed 02/03"))
    quality.save_prompt(SET, 12, "b", PromptAssessment(Status.ADDRESSED, "Father declined"))
    link = quality.add_evidence(
        SET, EvidenceLink(6, EvidenceKind.TERMS_OF_REFERENCE, "terms-of-reference", "ToR")
    )
    assert link.id is not None
    review.close()

    reopened = review_files(app_paths).open(path, passphrase=PASSPHRASE)
    quality = SqlQuality(lambda: reopened.file.engine)
    assert quality.marker_set_key() == SET
    found = {a.number: a for a in quality.assessments(SET)}
    assert found[6].status is Status.ADDRESSED and found[6].notes == "ToR agreed 02/03"
    assert found[12].status is Status.NOT_STARTED  # only a prompt was recorded
    assert found[12].prompt("b") == PromptAssessment(Status.ADDRESSED, "Father declined")
    assert quality.evidence(SET) == [link]
    assert quality.assessments("another-set") == []

    quality.remove_evidence(link.id or 0)
    assert quality.evidence(SET) == []
    assert quality.add_evidence(SET, link) == link  # an undone removal gets its id back
    reopened.close()


def test_the_file_refuses_a_status_the_app_does_not_know(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = new_review(tmp_path / "x.review", app_paths)
    with pytest.raises(IntegrityError), review.file.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO quality_marker (marker_set, marker, status) "
                "VALUES ('nspcc-scie-2016', 1, 'excellent')"
            )
        )
    review.close()
