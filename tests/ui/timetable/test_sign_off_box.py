"""Sign-off under the drafts: recorded as an undo step; the final gate says what is in the way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QUndoStack

from reviewer_app.drafts.sign_off import Signatory, SignOff
from reviewer_app.paths import AppPaths
from tests.helpers.reviews import new_services
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import TimetablePage


def test_sign_offs_are_recorded_and_the_gate_lists_who_is_missing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    services = new_services(tmp_path / "x.review", app_paths)
    stack = QUndoStack()
    page = TimetablePage(
        services.timetable,
        stack,
        ImmediateTaskRunner(),
        drafts=services.drafts,
        action_plan=services,
    )
    qtbot.addWidget(page)
    page.show()
    box = page.sign_off
    assert box is not None and box.table.rowCount() == 0
    box.add(SignOff(Signatory.PANEL, dt.date(2026, 9, 1), "Panel chair"))
    assert box.table.rowCount() == 1 and stack.count() == 1
    assert box.table.item(0, 0).text() == "The review panel"
    box.run_gate()
    text = box.gate.text()
    assert "to put right before publication" in text
    assert "Safeguarding partner: the police has not signed the report off." in text
    assert "The review panel has not signed" not in text
    stack.undo()
    assert services.sign_off.sign_offs() == [] and box.table.rowCount() == 0
    services.close()
