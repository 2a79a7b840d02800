"""The narrative sections of the report, from the review's details and the optional inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.templates import TemplateSection
from exporters.report_model import Block, BulletList, Column, Heading, Paragraph, Table
from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.published_evidence import distinct_reports
from reviewer_app.analysis.reference import typology
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.chronology.entry import Flag

QUESTIONS = "Questions for the safeguarding partners"


def introduction(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    d = ctx.inputs.snapshot.details
    commissioner = ctx.clean(d.board) or "the safeguarding partners"
    facts = f"This {d.review_type.label} was commissioned by {commissioner}."
    if d.scope is not None:
        facts += f" It considers the period from {uk_day(d.scope.start)} to {uk_day(d.scope.end)}."
    facts += (
        " Its purpose is to learn how local services can work together better to protect "
        "children, not to apportion blame."
    )
    blocks: list[Block] = [Paragraph(facts)]
    text = ctx.drafted(section)
    blocks += prose(text) if text else [prompt(section.prompt)]
    return blocks


def uk_day(day: dt.date) -> str:
    """A day in running text: "3 February 2015"."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def terms_of_reference(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    snapshot = ctx.inputs.snapshot
    blocks: list[Block] = []
    terms = ctx.clean(snapshot.details.terms_of_reference)
    blocks += prose(terms) if terms else [prompt(section.prompt)]
    counts = Counter(e.agency_id for e in snapshot.entries)
    if snapshot.agencies:
        blocks.append(Heading("Agencies involved", 2))
        rows = tuple(
            (ctx.agency_names[a.id], a.agency_type.label, str(counts.get(a.id or 0, 0)))
            for a in sorted(snapshot.agencies, key=lambda a: a.name.lower())
        )
        blocks.append(
            Table(
                (
                    Column("Agency", 0.5),
                    Column("Kind of agency", 0.3),
                    Column("Chronology entries", 0.2),
                ),
                rows,
            )
        )
    return blocks


def methodology(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    method = section.method or ctx.template.name
    blocks: list[Block] = [Paragraph(f"{method[:1].upper()}{method[1:]}.", label="Method:")]
    blocks += [Paragraph(g) for g in section.guidance]
    text = ctx.drafted(section) or ctx.clean(ctx.inputs.section_text.get("governance", ""))
    blocks.append(Heading("Governance", 2))
    blocks += prose(text) if text else [prompt(section.prompt)]
    return blocks


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t"))


def _period(episode: Episode) -> str:
    if episode.start is None:
        return ""
    end = episode.end or episode.start
    if end == episode.start:
        return format_uk_date(FuzzyDate(episode.start, end, Precision.DAY, Qualifier.ON, ""))
    return format_uk_date(FuzzyDate(episode.start, end, Precision.RANGE, Qualifier.BETWEEN, ""))


def case_summary(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    snapshot = ctx.inputs.snapshot
    significant = sum(1 for e in snapshot.entries if Flag.SIGNIFICANT in e.flags)
    text = ctx.drafted(section)
    blocks: list[Block] = prose(text) if text else [prompt(section.prompt)]
    if snapshot.entries:
        blocks.append(
            Paragraph(
                f"The merged chronology holds {len(snapshot.entries):,} entries from "
                f"{len(snapshot.agencies)} agencies, {significant:,} of them marked as "
                "significant by the reviewer (see the chronology appendix)."
            )
        )
    return blocks


def appraisal(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    blocks: list[Block] = prose(text) if text else [prompt(section.prompt)]
    episodes = ctx.inputs.snapshot.analysis.episodes
    if not episodes:
        blocks.append(
            prompt(
                "No key practice episodes have been recorded yet. Choose the episodes for "
                "deeper analysis in the Key practice episodes part of the review."
            )
        )
        return blocks
    for n, episode in enumerate(episodes, start=1):
        title = f"Key practice episode {n}: {ctx.clean(episode.title)}"
        blocks.append(Heading(title, 2, anchor=f"kpe-{n}"))
        period = _period(episode)
        if period:
            blocks.append(Paragraph(period, label="When:"))
        appraisal = episode.appraisal.label
        if episode.reasoning:
            appraisal = f"{appraisal}. {episode.reasoning}".strip()
        parts = (
            ("What happened", episode.narrative),
            (
                "How it looked to those involved at the time",
                "\n".join(f"{p.who}: {p.view}" for p in episode.perspectives),
            ),
            (
                "Contributory factors",
                "\n".join(f"{f.kind.label}: {f.text}" for f in episode.factors),
            ),
            ("Appraisal", appraisal),
        )
        for label, raw in parts:
            value = ctx.clean(raw)
            blocks.append(Heading(label, 3))
            blocks += prose(value) if value else [prompt(f"{label.lower()} for this episode.")]
    return blocks


def others_found(ctx: BuildContext, finding_id: int | None) -> list[Block]:
    """ "Other reviews that found this: …": the published reviews linked to the finding."""
    linked = distinct_reports(
        e for e in ctx.inputs.published_evidence if e.finding_id == finding_id
    )
    if not linked:
        return []
    cited = "; ".join(ctx.clean(e.citation) for e in linked)
    return [Paragraph(f"{cited}.", label="Other reviews that found this:")]


def findings(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    items = ctx.inputs.snapshot.analysis.findings
    if not items:
        return [prompt(section.prompt)]
    blocks: list[Block] = [Paragraph(g) for g in section.guidance]
    labels = {c.key: c.label for c in typology()}

    def category(key: str) -> str:
        return labels.get(key, ctx.clean(key))

    categories = Counter(category(f.category) or "Not yet categorised" for f in items)
    blocks.append(
        Table(
            (Column("Typology category", 0.75), Column("Findings", 0.25)),
            tuple((name, str(count)) for name, count in sorted(categories.items())),
            caption="Findings by category",
        )
    )
    questions = ctx.template.follow_up == "questions"
    for n, finding in enumerate(items, start=1):
        title = ctx.clean(finding.statement)
        blocks.append(Heading(f"Finding {n}: {title}", 2, anchor=f"finding-{n}"))
        if finding.category:
            blocks.append(Paragraph(category(finding.category), label="Category:"))
        for label, value in (
            ("The finding", finding.statement),
            ("How it showed in this case", finding.how_it_showed),
            ("Evidence that it is systemic", finding.systemic_evidence),
            ("Why it matters", finding.why_it_matters),
        ):
            text = ctx.clean(value)
            if text:
                blocks.append(Heading(label, 3))
                blocks += prose(text)
        blocks += others_found(ctx, finding.id)
        board_questions = lines_of(finding.board_questions)
        recommendations = lines_of(finding.recommendations)
        follow = board_questions if questions or not recommendations else ()
        if follow:
            blocks.append(Heading(QUESTIONS, 3))
            blocks.append(BulletList(tuple(ctx.clean(q) for q in follow)))
        if recommendations and not (questions and board_questions):
            blocks.append(Heading("Recommendations", 3))
            blocks.append(BulletList(tuple(ctx.clean(r) for r in recommendations), True))
        if not follow and not recommendations:
            wanted = QUESTIONS.lower() if questions else "recommendations"
            blocks.append(prompt(f"the {wanted} that follow from this finding."))
    return blocks


def conclusions(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    return prose(text) if text else [prompt(section.prompt)]
