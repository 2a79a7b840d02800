"""A real, encrypted demo review for each chronology test, and the page built over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.transfer import fill_review
from storage.library import StoredReview
from tests.helpers.reviews import new_review
from ui.chronology.page import ChronologyPage
from ui.tasks import ImmediateTaskRunner

STRATEGY_DAY = dt.date(2014, 6, 23)


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Iterator[StoredReview]:
    stored = new_review(tmp_path / "demo.review", app_paths)
    try:
        fill_review(stored, build_demo(300))
        yield stored
    finally:
        stored.close()


@pytest.fixture
def service(review: StoredReview) -> ChronologyService:
    return ChronologyService(review.chronology)


def stored_entries(review: StoredReview) -> dict[int, ChronologyEntry]:
    """The entries as the file holds them now, read through a fresh service."""
    return {e.id: e for e in ChronologyService(review.chronology).entries() if e.id is not None}


def strategy_pair(service: ChronologyService) -> tuple[ChronologyEntry, ChronologyEntry]:
    """The demo's confirmed pair: social care's minutes and the police record of 23/06/2014."""
    csc = next(
        e
        for e in service.entries()
        if e.date.start == STRATEGY_DAY and e.source == "Strategy discussion minutes"
    )
    assert csc.id is not None
    linked = service.linked_entries(csc.id)
    assert len(linked) == 1
    return csc, linked[0]


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def page(qtbot, service: ChronologyService, undo_stack: QUndoStack) -> Iterator[ChronologyPage]:  # type: ignore[no-untyped-def]
    made = ChronologyPage(service, undo_stack, ImmediateTaskRunner())
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.reload()
    yield made
    undo_stack.clear()
    made.clear()
