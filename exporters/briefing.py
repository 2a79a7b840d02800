"""A short briefing on one practice issue, in the style of the Learning into Practice Project's
briefings: what the issue is, how it shows up, why it happens, and questions for local
self-assessment, drawn from every collated review that found it.

Built as the report model and drawn by the same DOCX and PDF renderers as the draft report
(real headings, tables with header rows, Arial, page numbers), then scanned by the
anonymisation gate's generic patterns before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from exporters.report.export import Format, render, rendered_pieces
from exporters.report_model import (
    Block,
    BulletList,
    Column,
    Heading,
    Note,
    Paragraph,
    Report,
    Section,
    Table,
    TitlePage,
    text_pieces,
)
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit, LeakScanner
from reviewer_app.errors import UserFacingError
from reviewer_app.learning.collation import Tally, ThemeBriefing
from reviewer_app.new_files import write_new_atomic

MARKING = "OFFICIAL"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _tally_table(title: str, rows: tuple[Tally, ...], caption: str) -> Table:
    return Table(
        (Column(title, 0.75), Column("Findings", 0.25)),
        tuple((t.label, str(t.count)) for t in rows),
        caption=caption,
    )


def briefing_report(briefing: ThemeBriefing) -> Report:
    b = briefing
    reviews = _plural(b.review_count, "review")
    findings = _plural(b.finding_count, "finding")
    issue = (
        f"{b.review_count} of the collated reviews found this practice issue ({findings} in all)."
        if b.review_count != 1
        else f"One collated review found this practice issue ({findings})."
    )
    if b.published_reviews:
        issue += (
            f" {_plural(b.published_reviews, 'published case review')} in the reviewer's library "
            f"{'carries' if b.published_reviews == 1 else 'carry'} the same theme."
        )
    where_most = b.stages[0].label.lower() if b.stages else ""
    shows: list[Block] = [
        Paragraph(
            f"The findings arose at these stages of the child's journey through services"
            f"{f', most often at {where_most}' if where_most else ''}, and in the records of "
            "these kinds of agency."
        ),
        _tally_table("Stage of the child's journey", b.stages, "Where on the child's journey"),
        _tally_table("Agency type", b.agency_types, "Whose records evidence the findings"),
        _tally_table("Type of review", b.review_types, "The reviews (one line per kind)"),
        _tally_table("Child's age band", b.age_bands, "Children's ages at the end of the period"),
    ]
    why: list[Block] = [
        Paragraph(
            "Reviewers placed the findings in these categories of the Learning Together "
            "typology, which describe the patterns in the system that make the issue likely "
            "to recur, not individual failings."
        ),
    ]
    for tally in b.categories:
        why.append(Heading(tally.label, 3))
        why.append(Paragraph(f"{_plural(tally.count, 'finding')}.", label="In the reviews:"))
        if tally.description:
            why.append(Paragraph(tally.description))
    questions: list[Block] = (
        [
            Paragraph(
                "Questions the reviews put to their safeguarding partnerships, for local "
                "self-assessment:"
            ),
            BulletList(b.questions),
        ]
        if b.questions
        else [Note("The collated reviews recorded no questions for the board on this issue.")]
    )
    sections = (
        Section(
            "title",
            "",
            (
                TitlePage(
                    MARKING,
                    "BRIEFING",
                    b.theme,
                    (
                        "Learning from case reviews: a briefing on a practice issue",
                        f"Drawn from {reviews}",
                    ),
                ),
            ),
        ),
        Section("issue", "1. The issue", (Heading("1. The issue", 1, "issue"), Paragraph(issue))),
        Section(
            "shows",
            "2. How it shows up",
            (Heading("2. How it shows up", 1, "shows"), *shows),
        ),
        Section("why", "3. Why it happens", (Heading("3. Why it happens", 1, "why"), *why)),
        Section(
            "questions",
            "4. Questions for local self-assessment",
            (Heading("4. Questions for local self-assessment", 1, "questions"), *questions),
        ),
    )
    return Report(
        title=f"Briefing: {b.theme}",
        marking=MARKING,
        status="BRIEFING",
        banner=f"{MARKING} — briefing on a practice issue",
        sections=sections,
        template="lipp-briefing",
    )


class BriefingBlockedError(UserFacingError):
    """The anonymisation check found something identifying in a briefing; nothing was written.
    The message says where, and which dataset files it came from, never the text found."""

    title = "The briefing was not written"

    def __init__(self, hits: list[Hit], files: list[str]) -> None:
        self.hits = hits
        lines = [h.describe(with_text=False) for h in hits[:10]]
        if len(hits) > 10:
            lines.append(f"… and {len(hits) - 10} more")
        came = "It came from " + ", ".join(f"'{f}'" for f in files[:10]) + ". " if files else ""
        super().__init__(
            f"The anonymisation check found {len(hits)} thing{'s' if len(hits) != 1 else ''} "
            f"in the briefing that could identify someone, so nothing was written. {came}"
            "Remove that dataset in Learning across reviews (its findings leave the counts) and "
            "export the briefing again:\n  " + "\n  ".join(lines)
        )


def _scanner() -> LeakScanner:
    return LeakScanner(PseudonymRegister(), unregistered=True)


def _files_behind(briefing: ThemeBriefing, scanner: LeakScanner) -> list[str]:
    """The dataset files whose theme or questions the scanner finds something in."""
    files: dict[str, None] = {}
    for question, sources in zip(briefing.questions, briefing.question_sources, strict=False):
        if scanner.scan_text(question):
            files.update(dict.fromkeys(sources))
    return list(files)


def export_briefing(
    briefing: ThemeBriefing, file_format: Format, path: Path, *, overwrite: bool = False
) -> Path:
    """Write the briefing as DOCX or PDF. The datasets passed the gate when they were imported;
    this checks again, before and after rendering (generic shapes, names not in any register),
    and writes nothing if anything is found."""
    if file_format not in ("docx", "pdf"):
        raise UserFacingError(f"Briefings can be written as DOCX or PDF, not '{file_format}'.")
    report = briefing_report(briefing)
    scanner = _scanner()
    hits = scanner.scan_pieces(list(text_pieces(report)))
    if hits:
        raise BriefingBlockedError(hits, _files_behind(briefing, scanner))
    data = render(report, file_format)
    # The written file read back (its text, headers, footers and properties) by the same
    # scanner: what rendering added or moved is checked too.
    rendered = scanner.scan_pieces(rendered_pieces(data, file_format, report))
    if rendered:
        raise BriefingBlockedError(rendered, _files_behind(briefing, scanner))
    write_new_atomic(path, data, replace=overwrite)
    return path
