"""The narrative sections of the report, from the review's details and the optional inputs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.templates import TemplateSection
from exporters.report_model import Block, BulletList, Column, Heading, Paragraph, Table
from reviewer_app.analysis.conversation import Conversation, ConversationKind
from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.reference import typology
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.chronology.entry import Flag
from reviewer_app.people.model import InvolvementEvent, InvolvementStatus, Person, PersonKind


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


_KIND_GROUPS = (
    ((ConversationKind.FAMILY_MEETING,), "Family members"),
    ((ConversationKind.PRACTITIONER,), "Practitioners and managers"),
    ((ConversationKind.AGENCY_INTERVIEW,), "Agency representatives"),
    ((ConversationKind.LEARNING_EVENT,), "Learning events"),
)


def _with_whom(ctx: BuildContext, conversation: Conversation) -> str:
    """The participants by pseudonym (never a real name), or the conversation's title."""
    pseudonyms = {p.id: p.pseudonym for p in ctx.inputs.snapshot.analysis.people}
    who = [pseudonyms[p] for p in conversation.participants if pseudonyms.get(p)]
    return ", ".join(who) or conversation.title


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t"))


def _period(episode: Episode) -> str:
    if episode.start is None:
        return ""
    end = episode.end or episode.start
    if end == episode.start:
        return format_uk_date(FuzzyDate(episode.start, end, Precision.DAY, Qualifier.ON, ""))
    return format_uk_date(FuzzyDate(episode.start, end, Precision.RANGE, Qualifier.BETWEEN, ""))


_FAMILY_KINDS = (PersonKind.CHILD, PersonKind.FAMILY)
_NOT_TAKING_PART = (InvolvementStatus.DECLINED, InvolvementStatus.NOT_INVOLVED)
QUOTES_PROMPT = (
    "what people told the review is not printed from the conversation records, which are your "
    "private notes. Passages cannot yet be marked for use in the report: where someone has "
    "agreed to be quoted, add the passage here by hand, in their words, without identifying "
    "detail."
)


def _steps(events: list[InvolvementEvent]) -> str:
    """ "Invited (10 Mar 2026); consent given (20 Mar 2026)": the log's steps, in date order."""
    ordered = sorted(events, key=lambda e: (e.date is None, e.date or dt.date.min, e.id or 0))
    steps = [
        (e.step.label if n == 0 else e.step.label.lower())
        + (f" ({short_day(e.date)})" if e.date else "")
        for n, e in enumerate(ordered)
    ]
    return "; ".join(steps) or "Nothing recorded yet"


def _involvement_status(ctx: BuildContext, person: Person) -> str:
    status = person.involvement.label
    reason = ctx.clean(person.not_involved_reason)
    if reason and person.involvement in (
        InvolvementStatus.DECLINED,
        InvolvementStatus.NOT_INVOLVED,
    ):
        status = f"{status}. {reason}"
    return status


def _people_table(
    ctx: BuildContext, people: list[Person], log: dict[int | None, list[InvolvementEvent]]
) -> Table:
    rows = tuple(
        (
            ctx.clean(p.pseudonym),
            ctx.clean(p.relationship or p.job_title) or p.kind.label,
            _involvement_status(ctx, p),
            _steps(log.get(p.id, [])),
        )
        for p in people
    )
    return Table(
        (
            Column("Person", 0.2),
            Column("Relationship or role", 0.2),
            Column("Involvement", 0.3),
            Column("Steps taken", 0.3),
        ),
        rows,
    )


def _family_involvement(ctx: BuildContext) -> list[Block]:
    """The involvement log for the child and family, by pseudonym; the reviewer's notes on each
    step stay private, what the family's comments changed is reported."""
    analysis = ctx.inputs.snapshot.analysis
    log: dict[int | None, list[InvolvementEvent]] = {}
    for event in analysis.involvement:
        log.setdefault(event.person_id, []).append(event)
    family = [p for p in analysis.people if p.kind in _FAMILY_KINDS]
    family.sort(key=lambda p: (p.kind is not PersonKind.CHILD, p.id or 0))
    practitioners = [p for p in analysis.people if p.kind is PersonKind.PRACTITIONER]
    blocks: list[Block] = [Heading("Family involvement", 2)]
    if family:
        blocks.append(_people_table(ctx, family, log))
        language = [
            f"{ctx.clean(p.pseudonym)}: {ctx.clean(p.language)}"
            + (", with an interpreter" if p.interpreter else "")
            for p in family
            if p.interpreter or (p.language and p.language.strip().lower() != "english")
        ]
        if language:
            blocks.append(Heading("Language and interpreting", 3))
            blocks.append(BulletList(tuple(language)))
        changed = [
            f"{ctx.clean(p.pseudonym)}: {ctx.clean(e.how_used)}"
            for p in family
            for e in log.get(p.id, [])
            if e.how_used.strip()
        ]
        if changed:
            blocks.append(Heading("What the family’s comments changed", 3))
            blocks.append(BulletList(tuple(changed)))
    else:
        blocks.append(
            prompt(
                "no family members are recorded yet. Add them, and each step of their "
                "involvement, in the People part of the review."
            )
        )
    if practitioners:
        blocks.append(Heading("Practitioner involvement", 2))
        blocks.append(_people_table(ctx, practitioners, log))
    return blocks


def involvement(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    blocks: list[Block] = []
    text = ctx.drafted(section)
    blocks += prose(text) if text else [prompt(section.prompt)]
    blocks += _family_involvement(ctx)
    conversations = ctx.inputs.snapshot.analysis.conversations
    for kinds, title in _KIND_GROUPS:
        chosen = [c for c in conversations if c.kind in kinds]
        if not chosen:
            continue
        blocks.append(Heading(f"Conversations: {title.lower()}", 2))
        rows = tuple(
            (ctx.clean(_with_whom(ctx, c)), short_day(c.date) if c.date else "") for c in chosen
        )
        blocks.append(Table((Column("With", 0.75), Column("Date", 0.25)), rows))
    # The conversations' notes and transcripts are the reviewer's private record: never
    # printed. Nothing marks a passage for use in the report yet, so no one is quoted.
    if conversations:
        blocks.append(Heading("What people told the review", 2))
        blocks.append(prompt(QUOTES_PROMPT))
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
        board_questions = _lines(finding.board_questions)
        recommendations = _lines(finding.recommendations)
        follow = board_questions if questions or not recommendations else ()
        if follow:
            blocks.append(Heading("Questions for the board", 3))
            blocks.append(BulletList(tuple(ctx.clean(q) for q in follow)))
        if recommendations and not (questions and board_questions):
            blocks.append(Heading("Recommendations", 3))
            blocks.append(BulletList(tuple(ctx.clean(r) for r in recommendations), True))
        if not follow and not recommendations:
            wanted = "questions for the board" if questions else "recommendations"
            blocks.append(prompt(f"the {wanted} that follow from this finding."))
    return blocks


def conclusions(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    return prose(text) if text else [prompt(section.prompt)]
