"""The rapid review as a Word document for the national Child Safeguarding Practice Review
Panel, under the Panel's headings.

The same report model and Word renderer as the draft report; every text is pseudonymised and
goes through the anonymisation gate, with no override, and the written file is read back and
scanned again. Written through `reviewer_app.new_files` (never half-written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exporters.gated_docx import gated_docx, write_new
from exporters.report.build import without_marks
from exporters.report.context import prose
from exporters.report_model import (
    Block,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Report,
    Section,
    TitlePage,
)
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.written import mark
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.reporting.inputs import register_for
from reviewer_app.timetable.rapid_review import Answer, RapidReview

TITLE_WORD = "RAPID REVIEW"
NOT_WRITTEN = "Not written yet."


@dataclass(frozen=True, slots=True)
class RapidReviewWritten:
    path: Path
    missing: tuple[str, ...]  # the Panel's headings not answered yet
    size: int


def rapid_review_report(
    record: RapidReview, snapshot: ReviewSnapshot, register: PseudonymRegister
) -> Report:
    pseudonymiser = Pseudonymiser(register)

    def clean(text: str) -> str:
        return mark(pseudonymiser.apply(text.strip())) if text and text.strip() else ""

    def written(text: str) -> list[Block]:
        return prose(clean(text)) if text.strip() else [Note(NOT_WRITTEN)]

    details = snapshot.details
    marking = details.marking.value
    title = clean(details.title)
    sent = record.sent_to_panel.strftime("%d/%m/%Y") if record.sent_to_panel else "not yet"
    lines = (
        clean(details.board),
        "Rapid review for the Child Safeguarding Practice Review Panel",
        f"Sent to the Panel: {sent}",
    )
    title_page = TitlePage(marking, TITLE_WORD, title, tuple(x for x in lines if x))

    def answer(value: Answer) -> str:
        return value.label

    body: list[Block] = [
        Heading("1. The facts of the case", 1),
        *written(record.facts),
        Heading("2. Immediate safeguarding action taken", 1),
        *written(record.immediate_action),
        Heading("3. What the agencies have learned so far", 1),
        *written(record.agency_learning),
        Heading(
            "4. Whether the criteria for a local child safeguarding practice review are met", 1
        ),
        Paragraph(answer(record.criteria_met)),
        Heading("5. The decision and the reasons for it", 1),
        Paragraph(record.decision.label, "Decision:"),
        *written(record.decision_reasons),
        Heading("6. Whether the case may be of national importance", 1),
        Paragraph(answer(record.national_importance)),
        *(written(record.national_reasons) if record.national_reasons.strip() else []),
    ]
    missing = record.missing()
    if missing:
        body.append(Note("Still to write before this goes to the Panel: " + "; ".join(missing)))
    report = Report(
        title=title,
        marking=marking,
        status=TITLE_WORD,
        banner=f"{marking} — rapid review",
        sections=(
            Section("title-page", "", (title_page, PageBreak())),
            Section("rapid-review", "Rapid review", tuple(body)),
        ),
        template="rapid-review",
        watermark="",
    )
    return without_marks(report)


def export_rapid_review(
    record: RapidReview,
    snapshot: ReviewSnapshot,
    path: Path,
    *,
    register: PseudonymRegister | None = None,
    overwrite: bool = False,
) -> RapidReviewWritten:
    """Write the rapid review as DOCX, or raise `ExportBlockedError` (nothing written)."""
    full = register_for(snapshot, register or PseudonymRegister())
    data = gated_docx(rapid_review_report(record, snapshot, full), full)
    write_new(path, data, overwrite=overwrite)
    return RapidReviewWritten(path, tuple(record.missing()), len(data))
