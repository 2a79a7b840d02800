"""The sections a panel expects around the analysis: the executive summary, the child's lived
experience, equality, diversity and culture, the questions or recommendations gathered in one
place, improvements already made, the safeguarding partners' response, and the references.

Each holds the reviewer's drafted text where there is some, and otherwise a visible drafting
note saying what is still to write (which the readiness check lists).
"""

from __future__ import annotations

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.involvement import family
from exporters.report.sections import QUESTIONS, lines_of
from exporters.report.templates import TemplateSection
from exporters.report_model import (
    Block,
    BulletList,
    Column,
    Heading,
    Note,
    NoteKind,
    Paragraph,
    Table,
)
from reviewer_app.analysis.published_evidence import PublishedEvidence, distinct_reports


def _drafted(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    return prose(text) if text else [prompt(section.prompt)]


def executive_summary(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    blocks = _drafted(ctx, section)
    findings = ctx.inputs.snapshot.analysis.findings
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        blocks.append(Heading("Summary of the findings", 2))
        blocks.append(Paragraph(f"The review makes {len(findings)} {noun}:"))
        blocks.append(BulletList(tuple(ctx.clean(f.statement) for f in findings), ordered=True))
    return blocks


def lived_experience(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    return _drafted(ctx, section)


def improvements(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    return _drafted(ctx, section)


def equality(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """The reviewer's text, and what the review records of the family's language, interpreting
    and access needs."""
    blocks = _drafted(ctx, section)
    rows = []
    for person in family(ctx):
        language = ctx.clean(person.language)
        needs = ctx.clean(person.access_needs)
        english = person.language.strip().lower() in ("", "english")
        if not (person.interpreter or needs or not english):
            continue
        rows.append(
            (
                ctx.clean(person.pseudonym),
                language or "Not recorded",
                "Yes" if person.interpreter else "No",
                needs or "None recorded",
            )
        )
    if rows:
        blocks.append(Heading("Language, interpreting and access needs", 2))
        blocks.append(
            Table(
                (
                    Column("Person", 0.22),
                    Column("First language", 0.2),
                    Column("Interpreter used", 0.18),
                    Column("Access needs", 0.4),
                ),
                tuple(rows),
                caption="Language, interpreting and access needs recorded by the review",
            )
        )
    return blocks


def follow_up(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """Every finding's questions for the safeguarding partners (Learning Together) or its
    recommendations (other methods), numbered in one run, each with the finding it follows."""
    questions = ctx.template.follow_up == "questions"
    rows = []
    for n, finding in enumerate(ctx.inputs.snapshot.analysis.findings, start=1):
        raw = finding.board_questions if questions else finding.recommendations
        rows += [(ctx.clean(line), f"Finding {n}") for line in lines_of(raw)]
    if not rows:  # the reviewer's own words stay; the questions belong to the findings
        return [*_drafted_if_any(ctx, section), prompt(section.prompt)]
    name = "Question" if questions else "Recommendation"
    lead = (
        QUESTIONS + " raised by the findings"
        if questions
        else "The recommendations that follow from the findings"
    )
    table = Table(
        (Column("No.", 0.08), Column(name, 0.72), Column("From", 0.2)),
        tuple((str(n), text, source) for n, (text, source) in enumerate(rows, start=1)),
        caption=f"{lead}, numbered in one run",
    )
    return [*_drafted_if_any(ctx, section), table]


def _drafted_if_any(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    return prose(text) if text else []


def partnership_response(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """A place kept for the safeguarding partners' own response (Quality Marker 15)."""
    text = ctx.drafted(section)
    if text:
        return prose(text)
    # A prompt: the draft shows it to the panel and the partners; the report for publication
    # leaves it out and names the section as not yet written.
    return [Note(f"For the safeguarding partners: {section.prompt}", NoteKind.PROMPT)]


def published_reference(evidence: PublishedEvidence) -> str:
    """ "Title (2021). Partnership. As published." """
    year = f" ({evidence.year})" if evidence.year else ""
    partnership = f" {evidence.partnership.strip()}." if evidence.partnership.strip() else ""
    return f"{evidence.title.strip()}{year}.{partnership} As published."


def references(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """The method's references, then the sources of the learning notes the report includes,
    then the published reviews linked to findings (title, year, partnership, as published)."""
    sources = []
    for note in ctx.inputs.learning_notes:
        source = ctx.clean(note.source)
        if source and source not in sources:
            sources.append(source)
    published = [
        ctx.clean(published_reference(e)) for e in distinct_reports(ctx.inputs.published_evidence)
    ]
    items = (*section.items, *sources, *published)
    if not items:
        return [prompt("add the guidance and research the report draws on.")]
    return [BulletList(items)]
