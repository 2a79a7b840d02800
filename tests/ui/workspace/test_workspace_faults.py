"""What the workspace does when things go wrong: a page that cannot be built shows the crash
notice, and the undo history starts again where undoing could no longer put the file back as it
was (an import replaced or removed a batch, or entries the analysis used were deleted)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import demo_services
from tests.ui.support import Shown
from ui.errors import CRASH_TITLE
from ui.operations import push, track
from ui.tasks import ImmediateTaskRunner
from ui.workspace.broken_page import BrokenPage
from ui.workspace.commands import edit_details_command
from ui.workspace.workspace import Workspace


@pytest.fixture
def services(tmp_path: Path, app_paths: AppPaths) -> ReviewServices:
    review = demo_services(tmp_path / "demo.review", app_paths)
    yield review  # type: ignore[misc]
    review.close()


def _workspace(qtbot, services: ReviewServices) -> Workspace:  # type: ignore[no-untyped-def]
    stack = track(QUndoStack())
    workspace = Workspace(services, stack, ImmediateTaskRunner())
    qtbot.addWidget(workspace)
    facts = services.details.load()
    after = replace(facts, details=replace(facts.details, board="A board before the change"))
    assert push(stack, edit_details_command(services.details, facts, after, lambda _f: None))
    assert stack.count() == 1 and stack.canUndo()
    return workspace


def _yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )


def test_removing_an_import_starts_the_undo_history_again(  # type: ignore[no-untyped-def]
    qtbot, services: ReviewServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(qtbot, services)
    before = len(services.chronology.entries())
    page = workspace.agencies_page
    page.reload()
    page.batch_table.selectRow(0)
    _yes(monkeypatch)
    page.remove_selected()
    assert len(services.chronology.entries()) < before  # the batch really went
    assert workspace.undo_stack.count() == 0 and not workspace.undo_stack.canUndo()


def test_deleting_evidence_starts_the_undo_history_again(  # type: ignore[no-untyped-def]
    qtbot, services: ReviewServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(qtbot, services)
    used = {i for f in services.analysis.findings() for i in f.entry_ids}
    used |= {i for e in services.analysis.episodes() for i in e.entry_ids}
    assert used, "the demo review links entries to its analysis"
    entry_id = min(used)
    workspace.show_section("chronology")
    workspace.chronology_page.select_entry(entry_id)
    assert [e.id for e in workspace.chronology_page.selected_entries()] == [entry_id]
    _yes(monkeypatch)
    workspace.chronology_page.delete_selected()
    assert entry_id not in {e.id for e in services.chronology.entries()}
    assert workspace.undo_stack.count() == 0 and not workspace.undo_stack.canUndo()


def test_an_ordinary_deletion_keeps_the_history(  # type: ignore[no-untyped-def]
    qtbot, services: ReviewServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _workspace(qtbot, services)
    used = {i for f in services.analysis.findings() for i in f.entry_ids}
    used |= {i for e in services.analysis.episodes() for i in e.entry_ids}
    entry = next(e for e in services.chronology.entries() if e.id not in used)
    free = entry.id
    assert free is not None
    workspace.show_section("chronology")
    workspace.chronology_page.select_entry(free)
    _yes(monkeypatch)
    workspace.chronology_page.delete_selected()
    assert workspace.undo_stack.count() == 2  # the edit and the deletion, both undoable

    def same(e: object) -> bool:
        return (e.event, e.date, e.source) == (entry.event, entry.date, entry.source)  # type: ignore[attr-defined]

    assert not any(same(e) for e in services.chronology.entries())
    workspace.undo_stack.undo()
    assert any(same(e) for e in services.chronology.entries())  # the entry is back


def test_a_page_that_cannot_be_built_shows_the_crash_notice(  # type: ignore[no-untyped-def]
    qtbot, services: ReviewServices, message_boxes: list[Shown]
) -> None:
    workspace = Workspace(services, track(QUndoStack()), ImmediateTaskRunner())
    qtbot.addWidget(workspace)

    def broken() -> QWidget:
        raise RuntimeError("a fault in building the page")

    workspace._factories["people"] = broken
    workspace.show_section("people")
    assert [m.kind for m in message_boxes] == ["critical"]
    assert message_boxes[0].title == CRASH_TITLE
    page = workspace.pages["people"]
    assert isinstance(page, BrokenPage) and workspace.stack.currentWidget() is page
    assert "not in this version" not in " ".join(
        label.text() for label in page.findChildren(QLabel)
    )
