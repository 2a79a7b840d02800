"""Publish… in the sign-off box: the final gate first; then the accessible PDF through the
Report page's export, and the publication recorded as one undoable step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QUndoStack

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.timetable.rules import MilestoneKind
from tests.helpers.publication import answer_readiness, sign_everything
from tests.helpers.reviews import demo_services
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import TimetablePage
from ui.timetable.publish_action import PublishAction
from ui.timetable.sign_off_box import SignOffBox


def _sign_off_box(  # type: ignore[no-untyped-def]
    qtbot, services: ReviewServices, stack: QUndoStack
) -> tuple[TimetablePage, SignOffBox, PublishAction]:
    page = TimetablePage(
        services.timetable, stack, ImmediateTaskRunner(), drafts=services.drafts,
        action_plan=services,
    )  # fmt: skip
    qtbot.addWidget(page)
    page.show()
    box = page.sign_off
    assert box is not None and box.publish is not None
    return page, box, box.publish


def test_publish_runs_the_gate_then_writes_and_records_undoably(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "demo.review", app_paths, entries=30)
    answer_readiness(services)
    stack = QUndoStack()
    page, box, action = _sign_off_box(qtbot, services, stack)
    out = tmp_path / "Report for publication.pdf"
    asked: list[str] = []
    action.ask_details = lambda: asked.append("details") or (dt.date(2026, 9, 30), "Website")
    action.choose_path = lambda: asked.append("path") or out

    action.button.click()  # the gate finds the missing sign-offs: nothing asked, nothing written
    assert "to put right before publication" in box.gate.text()
    assert "The review panel has not signed the report off." in box.gate.text()
    assert asked == [] and not out.exists() and stack.count() == 0

    sign_everything(services)
    action.button.click()
    assert asked == ["details", "path"]
    assert page.drafts is not None  # the export's version is shown there at once
    final = [
        page.drafts.versions.item(row, 2).text() for row in range(page.drafts.versions.rowCount())
    ]
    assert "Final" in final
    assert "Published on 30/09/2026: 'Report for publication.pdf'" in box.gate.text()
    assert "does not delete the file" in box.gate.text()
    root = PdfReader(out).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    published = services.sign_off.publication()
    assert published is not None and published.where == "Website" and published.version
    assert services.timetable.record(MilestoneKind.PUBLICATION).done_on == dt.date(2026, 9, 30)
    assert stack.count() == 1 and not action.bar.isVisible() and action.button.isEnabled()

    stack.undo()  # the record goes, the milestone is as it was, the file stays
    assert services.sign_off.publication() is None
    assert services.timetable.record(MilestoneKind.PUBLICATION).done_on is None
    assert out.exists()
    stack.redo()
    assert services.sign_off.publication() == published

    # Cancelled at the dialog: nothing written, nothing recorded.
    stack.undo()
    asked.clear()
    action.ask_details = lambda: None
    out.unlink()
    action.button.click()
    assert "Not published" in box.gate.text() and not out.exists()
    assert services.sign_off.publication() is None
    services.close()


def test_a_failed_export_records_nothing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths, monkeypatch
) -> None:
    services = demo_services(tmp_path / "demo.review", app_paths, entries=30)
    answer_readiness(services)
    sign_everything(services)
    stack = QUndoStack()
    _page, box, action = _sign_off_box(qtbot, services, stack)
    shown: list[Exception] = []
    monkeypatch.setattr("ui.timetable.publish_action.show_error", lambda _w, e: shown.append(e))
    action.ask_details = lambda: (dt.date(2026, 9, 30), "")
    action.choose_path = lambda: tmp_path / "no such folder" / "x.pdf"
    action.button.click()
    assert shown and box.gate.text() == "Not published."
    assert services.sign_off.publication() is None and stack.count() == 0
    assert services.timetable.record(MilestoneKind.PUBLICATION).done_on is None
    services.close()


def test_a_gate_that_closes_after_the_export_leaves_the_file_unrecorded(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths, monkeypatch
) -> None:
    from reviewer_app.problems import Category, Problem

    services = demo_services(tmp_path / "demo.review", app_paths, entries=30)
    stack = QUndoStack()
    _page, box, action = _sign_off_box(qtbot, services, stack)
    answers = [[], [Problem(Category.SIGN_OFF, "The panel withdrew its sign-off.", "timetable")]]
    monkeypatch.setattr(services.sign_off, "final_gate", lambda: answers.pop(0))
    shown: list[Exception] = []
    monkeypatch.setattr("ui.operations.show_error", lambda _w, e: shown.append(e))
    out = tmp_path / "written.pdf"
    action.ask_details = lambda: (dt.date(2026, 9, 30), "")
    action.choose_path = lambda: out
    action.button.click()
    assert out.exists() and services.sign_off.publication() is None and stack.count() == 0
    assert "was written, version" in box.gate.text() and "was not recorded" in box.gate.text()
    assert shown and "The publication was not recorded." in str(shown[0])
    assert "Nothing was written" not in str(shown[0])
    services.close()
