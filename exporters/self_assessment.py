"""The Quality Markers self-assessment as a Word document of its own, for the partnership.

It is not part of the panel draft (the markers are the partnership's quality assurance, not
the report's content). It is the same report model and Word template as the draft report and
goes through the same anonymisation gate, with no override: the notes are the reviewer's own
words, read as strictly as the report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporters.gated_docx import gated_docx, write_new
from exporters.report.build import without_marks
from exporters.report.context import prose
from exporters.report_model import (
    Block,
    BulletList,
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
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.written import mark
from reviewer_app.reporting.inputs import SelfAssessmentInputs, register_for

TITLE_PAGE_WORD = "SELF-ASSESSMENT"
SUMMARY_COLUMNS = (
    Column("Marker", 0.38),
    Column("Stage", 0.2),
    Column("Status", 0.15),
    Column("Prompts settled", 0.15),
    Column("Evidence", 0.12),
)
PROMPT_COLUMNS = (Column("Prompt", 0.5), Column("Status", 0.15), Column("Notes", 0.35))


@dataclass(frozen=True, slots=True)
class SelfAssessmentResult:
    path: Path
    markers: int
    size: int


def self_assessment_report(
    inputs: SelfAssessmentInputs, register: PseudonymRegister | None = None
) -> Report:
    """The self-assessment as a report model; every text from the review pseudonymised."""
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    pseudonymiser = Pseudonymiser(full)

    def clean(text: str) -> str:
        return mark(pseudonymiser.apply(text.strip())) if text and text.strip() else ""

    details = inputs.snapshot.details
    marker_set = inputs.assessment.marker_set
    marking = details.marking.value
    title = clean(details.title)
    lines = (
        details.review_type.label,
        clean(details.board),
        f"Quality Markers self-assessment ({marker_set.short_title})",
        "For the safeguarding partnership’s quality assurance: not part of the review report",
    )
    title_page = TitlePage(marking, TITLE_PAGE_WORD, title, tuple(x for x in lines if x))
    summary_rows = tuple(
        (
            f"{row.number}. {row.title}",
            row.stage_title,
            row.status.label,
            f"{row.prompts_settled} of {row.prompts_total}",
            str(row.evidence),
        )
        for row in inputs.rows
    )
    summary: list[Block] = [
        Heading("1. Summary", 1, anchor="summary"),
        *([Note(marker_set.credit)] if marker_set.credit else []),
        Paragraph(
            "The statuses are the lead reviewer’s own self-assessment: the markers prompt "
            "judgement and discussion and have no scoring scheme."
        ),
        Table(SUMMARY_COLUMNS, summary_rows, caption="The markers at a glance"),
    ]
    detail: list[Block] = [PageBreak(), Heading("2. Marker by marker", 1, anchor="markers")]
    for row in inputs.rows:
        marker = marker_set.marker(row.number)
        recorded = inputs.assessment.of(row.number)
        detail.append(Heading(f"Quality Marker {row.number}: {marker.title}", 2))
        detail.append(Paragraph(row.status.label, "Status:"))
        detail.append(Paragraph(row.stage_title, "Stage:"))
        if recorded.notes.strip():
            detail.append(Heading("The reviewer’s notes", 3))
            detail.extend(prose(clean(recorded.notes)))
        prompts = tuple(
            (
                prompt.text,
                recorded.prompt(prompt.key).status.label,
                clean(recorded.prompt(prompt.key).notes),
            )
            for prompt in marker.prompts
        )
        if prompts:
            detail.append(Table(PROMPT_COLUMNS, prompts, caption="Prompts"))
        if recorded.evidence:
            detail.append(Heading("Evidence linked", 3))
            detail.append(BulletList(tuple(clean(e.label) for e in recorded.evidence)))
    report = Report(
        title=title,
        marking=marking,
        status=TITLE_PAGE_WORD,
        banner=f"{marking} — Quality Markers self-assessment",
        sections=(
            Section("title-page", "", (title_page, PageBreak())),
            Section("summary", "1. Summary", tuple(summary)),
            Section("markers", "2. Marker by marker", tuple(detail)),
        ),
        template="quality-markers",
        watermark="",
    )
    return without_marks(report)


def export_self_assessment(
    inputs: SelfAssessmentInputs,
    path: Path,
    *,
    register: PseudonymRegister | None = None,
    overwrite: bool = False,
) -> SelfAssessmentResult:
    """Write the self-assessment DOCX, or raise `ExportBlockedError` (nothing written)."""
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    data = gated_docx(self_assessment_report(inputs, full), full)
    write_new(path, data, overwrite=overwrite)
    return SelfAssessmentResult(path, len(inputs.rows), len(data))
