"""The drafts tab of the Timetable page: versions sent out, a returned copy read back into the
response log, comments answered; each change one undo step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QUndoStack

from reviewer_app.drafts.model import Circulation, Purpose
from reviewer_app.paths import AppPaths
from reviewer_app.wiring import report_service
from tests.helpers.reviews import demo_services
from tests.reviewer_app.drafts.returned_copies import mark_up
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import TimetablePage


def test_a_returned_copy_is_read_answered_and_undone(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "x.review", app_paths, entries=30)
    report = report_service(services)
    draft = tmp_path / "draft.docx"
    report.export(report.suggested_template().id, "docx", draft)
    returned = tmp_path / "back.docx"
    mark_up(draft, returned, comment_on="Period under review", insert_in="Methodology:",
            delete_in="Key lines")  # fmt: skip
    stack = QUndoStack()
    page = TimetablePage(services.timetable, stack, ImmediateTaskRunner(), drafts=services.drafts)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.show_drafts()
    tab = page.drafts
    assert tab is not None
    assert tab.versions.rowCount() == 2  # the demo's version 1, and version 2 just exported
    demo_log = tab.log.rowCount()
    assert demo_log == len(services.drafts.comments()) > 0
    services.drafts.record_circulation(
        Circulation(2, dt.date(2026, 12, 1), "Health", Purpose.FACTUAL_ACCURACY)
    )
    tab.reload()
    assert tab.versions.item(1, 3).text() == "Health (factual accuracy (agencies), 01/12/2026)"
    assert tab.versions.item(0, 1).text() == "28/05/2026"  # the demo's, in the file's log

    tab.read_returned_copy(returned, "Health", None)
    assert tab.log.rowCount() == demo_log + 4 and stack.count() == 1
    assert tab.waiting.text().startswith("4 comments and changes from Health on version 2")
    tab.log.selectRow(demo_log + 1)
    assert "This date is wrong" in tab.passage.text()
    assert tab.save_button.isEnabled()
    tab.response.setPlainText("Corrected to the 14th.")
    tab.changed.setChecked(True)
    tab.save_button.click()
    assert stack.count() == 2
    answered = services.drafts.comments()[demo_log + 1]
    assert answered.response == "Corrected to the 14th." and answered.draft_changed
    assert tab.log.item(demo_log + 1, 5).text() == "Corrected to the 14th."
    assert tab.waiting.text().endswith("the next draft's readiness check lists them.")

    stack.undo()
    assert services.drafts.comments()[demo_log + 1].response == ""
    stack.undo()
    assert len(services.drafts.comments()) == demo_log == tab.log.rowCount()
    stack.redo()
    assert len(services.drafts.comments()) == demo_log + 4
    services.close()
