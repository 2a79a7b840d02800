"""Agencies and imports of a new, empty review say how agencies arrive (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import demo_services
from ui.tasks import ImmediateTaskRunner
from ui.workspace.agencies_page import NO_AGENCIES, NO_IMPORTS, AgenciesPage


@pytest.fixture
def demo(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    made = demo_services(tmp_path / "demo.review", app_paths, entries=40)
    yield made
    made.close()


def _page(qtbot: QtBot, review: ReviewServices) -> AgenciesPage:
    page = AgenciesPage(review.chronology, ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.reload()
    return page


def test_an_empty_review_says_how_agencies_and_imports_arrive(
    qtbot: QtBot, empty: ReviewServices
) -> None:
    page = _page(qtbot, empty)
    assert page.no_agencies.isVisible() and page.no_agencies.text() == NO_AGENCIES
    assert "Import an agency chronology" in NO_AGENCIES
    assert page.no_imports.isVisible() and page.no_imports.text() == NO_IMPORTS
    assert page.agency_table.accessibleDescription() == NO_AGENCIES

    empty.chronology.ensure_agency("Northshire Police")  # added by hand: no import yet
    page.reload()
    assert not page.no_agencies.isVisible()
    assert page.agency_table.rowCount() == 1
    assert page.no_imports.isVisible()


def test_the_demo_has_nothing_to_explain(qtbot: QtBot, demo: ReviewServices) -> None:
    page = _page(qtbot, demo)
    assert page.agency_table.rowCount() == 8 and page.batch_table.rowCount() == 8
    assert not page.no_agencies.isVisible() and not page.no_imports.isVisible()
    page.clear()
    assert not page.no_agencies.isVisible()  # blanked for locking: nothing to say either
