"""Family and practitioner involvement: who took part, the involvement log, and what people
told the review, only from passages the reviewer marked for use in the report.

A conversation's notes, record and transcript are the reviewer's private notes and are never
printed. A passage marked "use in report" is quoted; one from a conversation with a family
member is quoted only when every family member in it has consent recorded in the involvement
log.
"""

from __future__ import annotations

import datetime as dt

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.templates import TemplateSection
from exporters.report_model import Block, Column, Heading, Paragraph, Table
from reviewer_app.analysis.conversation import Conversation, ConversationKind, Passage
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.people.model import (
    InvolvementEvent,
    InvolvementStatus,
    InvolvementStep,
    Person,
    PersonKind,
)

FAMILY_KINDS = (PersonKind.CHILD, PersonKind.FAMILY)
_PRACTITIONER_GROUPS = (
    (ConversationKind.PRACTITIONER, "Conversations with practitioners and managers"),
    (ConversationKind.AGENCY_INTERVIEW, "Conversations with agency representatives"),
    (ConversationKind.LEARNING_EVENT, "Learning events"),
)


def short_day(day: dt.date) -> str:
    """A single day as the chronology writes it: "3 Feb 2015"."""
    return format_uk_date(FuzzyDate(day, day, Precision.DAY, Qualifier.ON, ""))


def _log(ctx: BuildContext) -> dict[int | None, list[InvolvementEvent]]:
    log: dict[int | None, list[InvolvementEvent]] = {}
    for event in ctx.inputs.snapshot.analysis.involvement:
        log.setdefault(event.person_id, []).append(event)
    return log


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


def family(ctx: BuildContext) -> list[Person]:
    """The child and family members, the child first."""
    people = [p for p in ctx.inputs.snapshot.analysis.people if p.kind in FAMILY_KINDS]
    return sorted(people, key=lambda p: (p.kind is not PersonKind.CHILD, p.id or 0))


def _is_family(ctx: BuildContext, conversation: Conversation) -> bool:
    ids = {p.id for p in family(ctx)}
    return conversation.kind is ConversationKind.FAMILY_MEETING or any(
        p in ids for p in conversation.participants
    )


def _consented(ctx: BuildContext, conversation: Conversation) -> bool:
    """Every family member in the conversation has consent recorded (none recorded: no)."""
    ids = {p.id for p in family(ctx)}
    members = [p for p in conversation.participants if p in ids]
    given = {
        e.person_id
        for e in ctx.inputs.snapshot.analysis.involvement
        if e.step is InvolvementStep.CONSENT
    }
    return bool(members) and all(m in given for m in members)


def _marked(ctx: BuildContext, family_side: bool) -> list[tuple[Conversation, Passage]]:
    analysis = ctx.inputs.snapshot.analysis
    by_id = {c.id: c for c in analysis.conversations}
    found = []
    for passage in analysis.passages:
        conversation = by_id.get(passage.conversation_id)
        if conversation is None or not passage.use_in_report:
            continue
        if _is_family(ctx, conversation) == family_side:
            found.append((conversation, passage))
    order = {c.id: n for n, c in enumerate(analysis.conversations)}
    return sorted(found, key=lambda cp: (order[cp[0].id], cp[1].id or 0))


def _quote(ctx: BuildContext, conversation: Conversation, passage: Passage) -> Paragraph:
    """What was said, attributed by pseudonym; said at a learning event or by several people,
    to the occasion, not to everyone who was there."""
    pseudonyms = {p.id: p.pseudonym for p in ctx.inputs.snapshot.analysis.people}
    who = [pseudonyms[p] for p in conversation.participants if pseudonyms.get(p)]
    said = f"“{ctx.clean(passage.text)}”"
    if conversation.kind is ConversationKind.LEARNING_EVENT:
        return Paragraph(f"Said at a learning event: {said}")
    if len(who) == 1:
        return Paragraph(f"{ctx.clean(who[0])} told the review: {said}")
    return Paragraph(f"Said in a {conversation.kind.label.lower()}: {said}")


def _quotes(ctx: BuildContext, family_side: bool) -> list[Block]:
    marked = _marked(ctx, family_side)
    title = "What the family told the review" if family_side else "What practitioners said"
    if family_side:
        allowed = [(c, p) for c, p in marked if _consented(ctx, c)]
        withheld = len(marked) - len(allowed)
    else:
        allowed, withheld = marked, 0
    blocks: list[Block] = []
    if allowed or withheld:
        blocks.append(Heading(title, 2))
    blocks += [_quote(ctx, c, p) for c, p in allowed]
    if withheld:
        noun = "passage" if withheld == 1 else "passages"
        verb = "is" if withheld == 1 else "are"
        blocks.append(
            prompt(
                f"{withheld} {noun} marked for use in the report {verb} left out because consent "
                "is not recorded for every family member in the conversation. Record consent "
                "in the People part of the review, or unmark the passage."
            )
        )
    return blocks


def family_involvement(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """The involvement log for the child and family, by pseudonym; the reviewer's notes on each
    step stay private, what the family's comments changed is reported."""
    text = ctx.drafted(section)
    blocks: list[Block] = prose(text) if text else [prompt(section.prompt)]
    people = family(ctx)
    log = _log(ctx)
    if not people:
        blocks.append(
            prompt(
                "no family members are recorded yet. Add them, and each step of their "
                "involvement, in the People part of the review."
            )
        )
        return blocks
    blocks.append(Heading("How the family took part", 2))
    blocks.append(_people_table(ctx, people, log))
    changed = [
        Paragraph(f"{ctx.clean(p.pseudonym)}: {ctx.clean(e.how_used)}")
        for p in people
        for e in log.get(p.id, [])
        if e.how_used.strip()
    ]
    if changed:
        blocks.append(Heading("What the family’s comments changed", 2))
        blocks += changed
    blocks += _quotes(ctx, family_side=True)
    return blocks


def practitioner_involvement(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    text = ctx.drafted(section)
    blocks: list[Block] = prose(text) if text else [prompt(section.prompt)]
    analysis = ctx.inputs.snapshot.analysis
    practitioners = [p for p in analysis.people if p.kind is PersonKind.PRACTITIONER]
    if practitioners:
        blocks.append(Heading("Practitioners and managers who took part", 2))
        blocks.append(_people_table(ctx, practitioners, _log(ctx)))
    pseudonyms = {p.id: p.pseudonym for p in analysis.people}
    for kind, title in _PRACTITIONER_GROUPS:
        chosen = [c for c in analysis.conversations if c.kind is kind and not _is_family(ctx, c)]
        if not chosen:
            continue
        blocks.append(Heading(title, 2))
        rows = tuple(
            (
                ctx.clean(", ".join(pseudonyms[p] for p in c.participants if pseudonyms.get(p)))
                or ctx.clean(c.title),
                short_day(c.date) if c.date else "",
            )
            for c in chosen
        )
        blocks.append(Table((Column("With", 0.75), Column("Date", 0.25)), rows))
    blocks += _quotes(ctx, family_side=False)
    return blocks


def involvement(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    """Family and practitioner involvement in one section (templates made before they were
    two)."""
    blocks = family_involvement(ctx, section)
    rest = practitioner_involvement(ctx, TemplateSection(section.key, section.kind))
    return [*blocks, Heading("Practitioner involvement", 2), *rest[1:]]
