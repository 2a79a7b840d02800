"""Pages over a real encrypted review (the demo's story, kept small), synchronous runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from reviewer_app.demo import build_demo
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review
from tests.reviewer_app.analysis.workbench import Workbench, make_workbench


@pytest.fixture
def demo_bench(tmp_path: Path, app_paths: AppPaths) -> Iterator[Workbench]:
    made = make_workbench(tmp_path / "demo.review", app_paths)
    fill_review(made.review, build_demo(60), made.people_repo, made.analysis_repo)
    yield made
    made.review.close()


@pytest.fixture
def empty_bench(tmp_path: Path, app_paths: AppPaths) -> Iterator[Workbench]:
    made = make_workbench(tmp_path / "empty.review", app_paths)
    demo = build_demo(30)  # the story's agencies and entries, but no people or analysis yet
    fill_review(
        made.review, ReviewSnapshot(demo.details, demo.agencies, demo.batches, demo.entries)
    )
    yield made
    made.review.close()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()
