"""The action plan: actions answering findings, overdue ones, the partners' response, and the
plan as Word and Excel for the partners."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from exporters.action_plan import export_action_plan
from exporters.api import ExportBlockedError
from reviewer_app.actions.model import Action, ActionStatus, PartnersResponse
from reviewer_app.errors import FileAlreadyThereError, InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.services.action_plan import ActionPlanService
from reviewer_app.services.changes import Part
from tests.helpers.reviews import demo_services

D = dt.date


def test_an_action_needs_what_and_who_and_is_overdue_only_while_open() -> None:
    with pytest.raises(InvalidInputError, match="what will be done"):
        Action("Better referrals", " ", "Police")
    with pytest.raises(InvalidInputError, match="owner"):
        Action("Better referrals", "Train staff", "")
    with pytest.raises(InvalidInputError, match="finished action"):
        Action("x", "Train staff", "Police", completed_on=D(2026, 1, 1))
    late = Action("x", "Train staff", "Police", D(2026, 3, 1), ActionStatus.IN_PROGRESS)
    assert late.overdue(D(2026, 3, 2)) and not late.overdue(D(2026, 3, 1))
    done = Action("x", "y", "Police", D(2026, 3, 1), ActionStatus.DONE, completed_on=D(2026, 3, 5))
    assert not done.overdue(D(2027, 1, 1))


def test_the_plan_answers_findings_and_exports_for_the_partners(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "r.review", app_paths, entries=30)
    try:
        # The same repository, on a date of the test's choosing.
        plan = ActionPlanService(
            services.action_plan._repository,
            services.analysis.findings,
            services.changes,
            today=lambda: D(2026, 9, 1),
        )
        demo = plan.actions()
        assert len(demo) == 4
        assert [a.owner_agency for a in plan.overdue()] == ["Northshire Children's Social Care"]
        heard: list[Part] = []
        services.changes.subscribe(heard.append)
        finding = services.analysis.findings()[2]
        added = plan.save_action(
            Action(
                "Victims' withdrawal is not read as the end of the risk.",
                "Briefing for Laura Ashworth's health visitor team on withdrawn support.",
                "Northshire Police",
                D(2026, 8, 1),
                finding_id=finding.id,
            )
        )
        assert heard == [Part.ACTIONS] and added.id is not None
        assert len(plan.overdue()) == 2
        plan.save_response(PartnersResponse("Accepted in full.", D(2026, 7, 20)))
        view = plan.view()
        assert view.finding(finding.id) == finding and len(view.overdue) == 2

        word = tmp_path / "plan.docx"
        written = export_action_plan(
            view, services.snapshot(), word, "docx", register=services.pseudonym_register()
        )
        assert (written.actions, written.overdue) == (5, 2)
        document = Document(str(word))
        text = "\n".join(p.text for p in document.paragraphs)
        cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "Accepted in full." in text and "Finding 1: Bruising" in text
        assert "In progress (overdue)" in cells
        assert "Done on 25/09/2026" in cells
        assert "Briefing for Mother’s health visitor team" in cells or (
            "Briefing for Mother's health visitor team" in cells
        )
        assert "Ashworth" not in cells + text  # the real name is pseudonymised

        excel = tmp_path / "plan.xlsx"
        export_action_plan(
            view, services.snapshot(), excel, "xlsx", register=services.pseudonym_register()
        )
        sheet = load_workbook(excel)["Action plan"]
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        assert len(rows) == 5
        assert rows[0][0].startswith("Finding 1: Bruising") and rows[0][3] == (
            "Northshire Community Health (Health Visiting)"
        )
        assert not any("Ashworth" in str(v) for row in rows for v in row)
        register = services.pseudonym_register()
        with pytest.raises(FileAlreadyThereError, match="already exists"):
            export_action_plan(view, services.snapshot(), excel, "xlsx", register=register)
        # Without the register, the real name is caught by the gate and nothing is written.
        with pytest.raises(ExportBlockedError, match="Finding 3"):
            export_action_plan(view, services.snapshot(), tmp_path / "no.xlsx", "xlsx")
        assert not (tmp_path / "no.xlsx").exists()
    finally:
        services.close()
