"""The action plan for the safeguarding partners, as Word (DOCX) and Excel (XLSX).

One report model gives both: the title page, the partners' written response, and a table of
actions grouped by the finding each answers (owner agency, due date, status, evidence of
impact), overdue ones said so. Every text is pseudonymised and the model goes through the
anonymisation gate, with no override (the plan leaves the reviewer's hands); the Word file is
read back and scanned again as the report's is. Files are written through
`reviewer_app.new_files` (never half-written, never over a file unless asked).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from exporters.gated_docx import check_model, gated_docx, write_new
from exporters.report.build import without_marks
from exporters.report.context import prose
from exporters.report_model import (
    Block,
    Column,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Table,
    TitlePage,
)
from reviewer_app.actions.model import ActionPlanView
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.written import mark
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.reporting.inputs import register_for
from reviewer_app.wording import plural

PlanFormat = Literal["docx", "xlsx"]
TITLE_WORD = "ACTION PLAN"
COLUMNS = (
    Column("Improvement", 0.19),
    Column("Action", 0.21),
    Column("Owner", 0.13),
    Column("Due", 0.15),
    Column("Status", 0.13),
    Column("Evidence of impact", 0.19),
)
NO_FINDING = "Actions not tied to one finding"


@dataclass(frozen=True, slots=True)
class ActionPlanWritten:
    path: Path
    actions: int
    overdue: int
    size: int


def _uk(day: object) -> str:
    return day.strftime("%d/%m/%Y") if hasattr(day, "strftime") else ""


def action_plan_report(
    plan: ActionPlanView, snapshot: ReviewSnapshot, register: PseudonymRegister
) -> Report:
    pseudonymiser = Pseudonymiser(register)

    def clean(text: str) -> str:
        return mark(pseudonymiser.apply(text.strip())) if text and text.strip() else ""

    details = snapshot.details
    marking = details.marking.value
    title = clean(details.title)
    lines = (
        details.review_type.label,
        clean(details.board),
        "Action plan in response to the review’s findings",
        f"As it stood on {_uk(plan.today)}",
    )
    title_page = TitlePage(marking, TITLE_WORD, title, tuple(x for x in lines if x))
    response: list[Block] = [Heading("1. The safeguarding partners’ written response", 1)]
    if plan.response.text.strip():
        if plan.response.received_on:
            response.append(Paragraph(_uk(plan.response.received_on), "Received:"))
        response.extend(prose(clean(plan.response.text)))
    else:
        response.append(Note("The partners’ written response has not been recorded yet."))
    actions: list[Block] = [Heading("2. Actions", 1)]
    overdue = len(plan.overdue)
    actions.append(
        Paragraph(
            f"{plural(len(plan.actions), 'action')}; {overdue} overdue on {_uk(plan.today)}. "
            "Evidence of impact means what changed for children, not only that the action was done."
        )
    )
    groups: dict[int | None, list[tuple[str, ...]]] = {}
    for action in plan.actions:
        status = action.status.label
        if action.overdue(plan.today):
            status += " (overdue)"
        elif action.completed_on:
            status += f" on {_uk(action.completed_on)}"
        groups.setdefault(action.finding_id, []).append(
            (
                clean(action.improvement),
                clean(action.action),
                clean(action.owner_agency),
                _uk(action.due),
                status,
                clean(action.evidence_of_impact),
            )
        )
    for number, finding in enumerate(plan.findings, start=1):  # numbered as in the report
        rows = groups.pop(finding.id, [])
        if not rows:
            continue
        actions.append(Heading(f"Finding {number}: {clean(finding.statement)}", 2))
        actions.append(Table(COLUMNS, tuple(rows), caption=f"Actions on finding {number}"))
    leftover = [row for rows in groups.values() for row in rows]
    if leftover:
        actions.append(Heading(NO_FINDING, 2))
        actions.append(Table(COLUMNS, tuple(leftover), caption=NO_FINDING))
    report = Report(
        title=title,
        marking=marking,
        status=TITLE_WORD,
        banner=f"{marking} — action plan",
        sections=(
            Section("title-page", "", (title_page, PageBreak())),
            Section("response", "1. The partners’ written response", tuple(response)),
            Section("actions", "2. Actions", tuple(actions)),
        ),
        template="action-plan",
        watermark="",
    )
    return without_marks(report)


def _xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Finding", *(c.title for c in COLUMNS)])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    finding = ""
    for block in report.blocks():
        if isinstance(block, Heading) and block.level == 2:
            finding = block.text
        elif isinstance(block, Table) and block.columns == COLUMNS:
            for row in block.rows:
                sheet.append([finding, *row])
    for column, width in zip("ABCDEFG", (40, 30, 34, 20, 12, 16, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    response = book.create_sheet("Partners' response")
    for block in report.sections[1].blocks:
        if isinstance(block, Paragraph):
            response.append([f"{block.label} {block.text}".strip()])
        elif isinstance(block, Note):
            response.append([block.text])
    response.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_action_plan(
    plan: ActionPlanView,
    snapshot: ReviewSnapshot,
    path: Path,
    file_format: PlanFormat,
    *,
    register: PseudonymRegister | None = None,
    overwrite: bool = False,
) -> ActionPlanWritten:
    """Write the plan, or raise `ExportBlockedError` (nothing written)."""
    full = register_for(snapshot, register or PseudonymRegister())
    report = action_plan_report(plan, snapshot, full)
    if file_format == "docx":
        data = gated_docx(report, full)
    else:
        check_model(report, full)
        data = _xlsx_bytes(report)
    write_new(path, data, overwrite=overwrite)
    return ActionPlanWritten(path, len(plan.actions), len(plan.overdue), len(data))
