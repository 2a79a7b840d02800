"""The narrative sections of the report, from the review's details and the optional inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.templates import TemplateSection
from exporters.report_model import Block, BulletList, Column, Heading, Paragraph, Table
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.chronology.entry import Flag


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


def short_day(day: dt.date) -> str:
    """A single day as the chronology writes it: "3 Feb 2015"."""
    return format_uk_date(FuzzyDate(day, day, Precision.DAY, Qualifier.ON, ""))


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
    d = ctx.inputs.snapshot.details
    blocks: list[Block] = [Paragraph(d.methodology.label, label="Methodology:")]
    blocks += [Paragraph(g) for g in section.guidance]
    text = ctx.drafted(section) or ctx.clean(ctx.inputs.section_text.get("governance", ""))
    blocks.append(Heading("Governance", 2))
    blocks += prose(text) if text else [prompt(section.prompt)]
    return blocks


_ROLE_TITLES = (
    ("family", "Family members"),
    ("practitioner", "Practitioners and managers"),
    ("agency", "Agency representatives"),
)


def involvement(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    blocks: list[Block] = []
    text = ctx.drafted(section)
    conversations = ctx.inputs.conversations
    if text:
        blocks += prose(text)
    elif not conversations:
        return [prompt(section.prompt)]
    known = {role for role, _ in _ROLE_TITLES}
    groups = [*_ROLE_TITLES, ("", "Others")]
    for role, title in groups:
        chosen = [c for c in conversations if (c.role == role if role else c.role not in known)]
        if not chosen:
            continue
        blocks.append(Heading(f"Conversations: {title.lower()}", 2))
        rows = tuple(
            (
                ctx.clean(c.with_whom),
                ctx.clean(c.agency),
                short_day(c.held_on) if c.held_on else "",
            )
            for c in chosen
        )
        blocks.append(
            Table((Column("With", 0.4), Column("Agency", 0.4), Column("Date", 0.2)), rows)
        )
        for c in chosen:
            if c.notes.strip():
                blocks.append(Heading(f"What {ctx.clean(c.with_whom)} told the review", 3))
                blocks += prose(ctx.clean(c.notes))
    if not text:
        blocks.append(prompt(section.prompt))
    return blocks


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
    episodes = ctx.inputs.episodes
    if not episodes:
        blocks.append(
            prompt(
                "No key practice episodes have been recorded yet. Choose the episodes for "
                "deeper analysis in the Key practice episodes part of the review."
            )
        )
        return blocks
    parts = (
        ("What happened", "what_happened"),
        ("How it looked to those involved at the time", "perspectives"),
        ("Contributory factors", "contributory_factors"),
        ("Appraisal", "appraisal"),
    )
    for n, episode in enumerate(episodes, start=1):
        title = f"Key practice episode {n}: {ctx.clean(episode.title)}"
        blocks.append(Heading(title, 2, anchor=f"kpe-{n}"))
        if episode.period:
            blocks.append(Paragraph(ctx.clean(episode.period), label="When:"))
        for label, attr in parts:
            value = ctx.clean(str(getattr(episode, attr)))
            blocks.append(Heading(label, 3))
            blocks += prose(value) if value else [prompt(f"{label.lower()} for this episode.")]
    return blocks


def findings(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    items = ctx.inputs.findings
    if not items:
        return [prompt(section.prompt)]
    blocks: list[Block] = [Paragraph(g) for g in section.guidance]
    categories = Counter(ctx.clean(f.category) or "Not yet categorised" for f in items)
    blocks.append(
        Table(
            (Column("Typology category", 0.75), Column("Findings", 0.25)),
            tuple((name, str(count)) for name, count in sorted(categories.items())),
            caption="Findings by category",
        )
    )
    questions = ctx.template.follow_up == "questions"
    for n, finding in enumerate(items, start=1):
        blocks.append(Heading(f"Finding {n}: {ctx.clean(finding.title)}", 2, anchor=f"finding-{n}"))
        if finding.category:
            blocks.append(Paragraph(ctx.clean(finding.category), label="Category:"))
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
        follow = finding.questions if questions or not finding.recommendations else ()
        if follow:
            blocks.append(Heading("Questions for the board", 3))
            blocks.append(BulletList(tuple(ctx.clean(q) for q in follow)))
        if finding.recommendations and not (questions and finding.questions):
            blocks.append(Heading("Recommendations", 3))
            blocks.append(BulletList(tuple(ctx.clean(r) for r in finding.recommendations), True))
        if not follow and not finding.recommendations:
            wanted = "questions for the board" if questions else "recommendations"
            blocks.append(prompt(f"the {wanted} that follow from this finding."))
    return blocks


def conclusions(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    return prose(text) if text else [prompt(section.prompt)]
