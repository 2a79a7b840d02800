"""A real encrypted review with the people and analysis repositories over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer_app.paths import AppPaths
from reviewer_app.services.analysis import AnalysisService
from reviewer_app.services.people import PeopleService
from storage.analysis_repository import SqlAnalysis
from storage.library import StoredReview
from storage.people_repository import SqlPeople
from tests.helpers.reviews import new_review


@dataclass
class Workbench:
    review: StoredReview
    people_repo: SqlPeople
    analysis_repo: SqlAnalysis
    people: PeopleService
    analysis: AnalysisService


def make_workbench(path: Path, app_paths: AppPaths) -> Workbench:
    review = new_review(path, app_paths)
    people_repo = SqlPeople(lambda: review.file.engine)
    analysis_repo = SqlAnalysis(lambda: review.file.engine)
    return Workbench(
        review,
        people_repo,
        analysis_repo,
        PeopleService(people_repo, review.chronology),
        AnalysisService(analysis_repo, review.chronology, people_repo, review.details),
    )


@pytest.fixture
def bench(tmp_path: Path, app_paths: AppPaths) -> Iterator[Workbench]:
    made = make_workbench(tmp_path / "x.review", app_paths)
    yield made
    made.review.close()
