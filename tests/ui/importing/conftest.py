"""A real, encrypted review file and its chronology service for every import wizard test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import ChronologyService
from storage.library import StoredReview
from tests.helpers.reviews import new_review
from ui.importing import ImportWizard
from ui.tasks import ImmediateTaskRunner, TaskRunner


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Iterator[StoredReview]:
    opened = new_review(tmp_path / "review-2026-04.review", app_paths)
    yield opened
    opened.close()


@pytest.fixture
def service(review: StoredReview) -> ChronologyService:
    return ChronologyService(review.chronology)


@pytest.fixture
def agency_files(tmp_path: Path) -> Path:
    folder = tmp_path / "from agencies"
    folder.mkdir()
    return folder


MakeWizard = Callable[..., ImportWizard]


@pytest.fixture
def make_wizard(qtbot: QtBot, service: ChronologyService) -> MakeWizard:
    def make(runner: TaskRunner | None = None) -> ImportWizard:
        wizard = ImportWizard(service, runner or ImmediateTaskRunner())
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make
