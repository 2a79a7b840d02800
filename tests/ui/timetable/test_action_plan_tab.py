"""The action plan tab: actions added, changed and removed as undo steps, overdue ones marked,
the partners' response saved, and the plan exported; the overview lists overdue actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtGui import QUndoStack

from reviewer_app.actions.model import Action, ActionStatus
from reviewer_app.paths import AppPaths
from tests.helpers.reviews import demo_services
from ui.overview_page import OverviewPage
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import TimetablePage


def test_actions_are_added_changed_removed_and_exported(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "x.review", app_paths, entries=30)
    stack = QUndoStack()
    page = TimetablePage(services.timetable, stack, ImmediateTaskRunner(), action_plan=services)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.show_action_plan()
    tab = page.action_plan
    assert tab is not None and tab.view is not None
    demo = tab.table.rowCount()
    assert demo == len(services.action_plan.actions()) == 4
    finding = services.analysis.findings()[2]
    tab.add(
        Action(
            "Fewer cases closed on withdrawal",
            "Joint training",
            "Northshire Police",
            dt.date(2020, 1, 31),
            finding_id=finding.id,
        )
    )
    assert tab.table.rowCount() == demo + 1 and stack.count() == 1
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 1).text() == (
        "Joint training"))  # fmt: skip
    assert tab.table.item(row, 0).text() == "Finding 3"
    assert tab.table.item(row, 4).text() == "Not started (overdue)"
    added = next(a for a in services.action_plan.actions() if a.action == "Joint training")
    done = Action(added.improvement, added.action, added.owner_agency, added.due,
                  ActionStatus.DONE, "Referrals held", added.finding_id, dt.date(2020, 2, 1),
                  added.id)  # fmt: skip
    tab.change(added, done)
    assert tab.table.item(row, 4).text() == "Done"
    tab.table.selectRow(row)
    tab.remove_selected()
    assert tab.table.rowCount() == demo and stack.count() == 3
    stack.undo()  # the removed action comes back with its id
    assert any(a.id == added.id for a in services.action_plan.actions())

    tab.response.setPlainText("Accepted; reviewed quarterly.")
    tab.received_on.setText("20/07/2026")
    tab.save_response()
    assert services.action_plan.response().text == "Accepted; reviewed quarterly."
    stack.undo()
    assert services.action_plan.response().received_on == dt.date(2026, 7, 20)  # the demo's

    out = tmp_path / "plan.xlsx"
    tab.write(out, "xlsx")
    rows = list(load_workbook(out)["Action plan"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == demo + 1
    services.close()


def test_the_overview_lists_overdue_actions(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reviewer_app.review import Review

    page = OverviewPage(Review(title="Test review"), tmp_path / "x.review")
    qtbot.addWidget(page)
    page.show()
    assert not page.overdue_actions.isVisible()
    page.set_overdue_actions(["Northshire Police: Joint training (due 31/01/2020)"])
    assert page.overdue_actions.isVisible() and page.overdue_button.isVisible()
    assert "Joint training (due 31/01/2020)" in page.overdue_actions.text()
    with qtbot.waitSignal(page.go_to) as went:
        page.overdue_button.click()
    assert went.args == ["timetable"]
    page.set_overdue_actions([])
    assert not page.overdue_actions.isVisible()
