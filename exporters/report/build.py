"""The review turned into a `Report`: a template's sections, filled from the inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from exporters.report import appendices, involvement, narrative, sections
from exporters.report.context import BuildContext, ReportOptions
from exporters.report.control import DocumentStatus, placeholder_line
from exporters.report.templates import ReportTemplate, TemplateSection, template_for
from exporters.report_model import (
    Block,
    BulletList,
    Contents,
    Heading,
    Note,
    NoteKind,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Table,
    TitlePage,
    text_pieces,
)
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import TextPiece
from reviewer_app.anonymisation.written import CLOSE, OPEN, Span, unmark
from reviewer_app.reporting.inputs import ReportInputs, register_for

STATUS = DocumentStatus.PANEL.mark
CIRCULATION = "Circulation: "
OVERRIDE_STATUS = DocumentStatus.INTERNAL.mark

Builder = Callable[[BuildContext, TemplateSection], list[Block]]
_BUILDERS: dict[str, Builder] = {
    "introduction": sections.introduction,
    "terms-of-reference": sections.terms_of_reference,
    "methodology": sections.methodology,
    "involvement": involvement.involvement,
    "executive-summary": narrative.executive_summary,
    "family-involvement": involvement.family_involvement,
    "practitioner-involvement": involvement.practitioner_involvement,
    "lived-experience": narrative.lived_experience,
    "equality": narrative.equality,
    "follow-up": narrative.follow_up,
    "improvements": narrative.improvements,
    "partnership-response": narrative.partnership_response,
    "references": narrative.references,
    "case-summary": sections.case_summary,
    "appraisal": sections.appraisal,
    "findings": sections.findings,
    "conclusions": sections.conclusions,
    "chronology": appendices.chronology,
    "quality-markers": appendices.quality_markers,
    "learning-notes": appendices.learning_notes,
}


def _letters(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n] if n < 26 else str(n + 1)


def number_paragraphs(blocks: list[Block], section: str) -> list[Block]:
    """The section's body paragraphs numbered in one run ("3.1", "3.2", …), as panel reports
    number them so that comments can cite a paragraph. A labelled line ("When: …") is a fact
    under a heading, not a paragraph of the argument, and is not numbered."""
    out: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Paragraph) and not block.label:
            count += 1
            block = replace(block, number=f"{section}.{count}")
        out.append(block)
    return out


def build_report(
    inputs: ReportInputs,
    template: ReportTemplate | None = None,
    register: PseudonymRegister | None = None,
    options: ReportOptions | None = None,
) -> Report:
    """The report model. Every text from the review has passed through the register."""
    details = inputs.snapshot.details
    template = template or template_for(details.methodology)
    full_register = register_for(inputs.snapshot, register or PseudonymRegister())
    ctx = BuildContext(inputs, template, full_register, options or ReportOptions())
    title = ctx.clean(details.title)
    marking = details.marking.value
    built: list[Section] = []
    number = appendix = 0
    glossary_at: int | None = None
    for part in template.sections:
        if part.kind == "title-page":
            status = ctx.options.status
            # (the lead reviewer's name is printed as given, not read as the family's words)
            reviewer = ctx.options.lead_reviewer.strip() or details.lead_reviewer.strip()
            circulation = status.circulation
            if status is not DocumentStatus.INTERNAL and details.circulation.strip():
                circulation = details.circulation.strip()
            lines = (
                details.review_type.label,
                ctx.clean(details.board),
                status.label,
                placeholder_line(),  # the version, filled in at export (`control.with_control`)
                f"Lead reviewer: {reviewer}" if reviewer else "Lead reviewer: (name to be added)",
                CIRCULATION + circulation,
            )
            page = TitlePage(marking, status.mark, title, tuple(line for line in lines if line))
            built.append(Section(part.key, "", (page, PageBreak())))
            continue
        if part.kind == "contents":
            built.append(Section(part.key, part.title, (Contents(part.title), PageBreak())))
            continue
        if part.appendix:
            heading = f"Appendix {_letters(appendix)}: {part.title}"
            appendix += 1
            numbered = ""
        else:
            number += 1
            heading = f"{number}. {part.title}"
            numbered = str(number)
        if part.kind == "glossary":
            glossary_at = len(built)
            built.append(Section(part.key, heading, (), appendix=part.appendix))
            continue
        blocks = _BUILDERS[part.kind](ctx, part)
        has_content = any(not (isinstance(b, Note) and b.kind is NoteKind.PROMPT) for b in blocks)
        lead: list[Block] = [PageBreak()] if part.appendix else []
        if numbered:
            blocks = number_paragraphs(blocks, numbered)
        built.append(
            Section(
                part.key,
                heading,
                (*lead, Heading(heading, 1, anchor=part.key, number=numbered), *blocks),
                has_content=has_content,
                appendix=part.appendix,
            )
        )
    if glossary_at is not None:
        # The glossary lists the terms the rest of the report uses, so it is built last.
        part = next(p for p in template.sections if p.kind == "glossary")
        heading = built[glossary_at].title
        blocks = appendices.glossary(ctx, part, _used_text(built))
        built[glossary_at] = Section(
            part.key,
            heading,
            (PageBreak(), Heading(heading, 1, anchor=part.key), *blocks),
            appendix=True,
        )
    status = ctx.options.status
    report = Report(
        title=title,
        marking=marking,
        status=status.mark,
        banner=f"{marking} — {status.header}" if status.watermark else marking,
        watermark=status.watermark,
        footer=status.footer,
        sections=tuple(built),
        template=template.id,
    )
    return without_marks(report)


class _Unmarker:
    """Takes the reviewer's marks out of every text, remembering which spans they covered."""

    def __init__(self) -> None:
        self.written: dict[str, tuple[Span, ...]] = {}
        self._plain: dict[str, str] = {}  # texts already unmarked (a table repeats many)

    def __call__(self, text: str) -> str:
        done = self._plain.get(text)
        if done is not None:
            return done  # its spans are in `written` already
        plain, spans = unmark(text)
        self._plain[text] = plain
        if spans:
            before = self.written.get(plain, ())
            self.written[plain] = tuple(sorted({*before, *spans}))
        return plain

    def row(self, row: tuple[str, ...]) -> tuple[str, ...]:
        # (the quick way: cells repeat; `Any` as `get` may give None, which is looked for)
        cells: tuple[Any, ...] = tuple(map(self._plain.get, row))
        if None not in cells:
            return cells
        pairs = zip(cells, row, strict=True)
        return tuple([self(text) if cell is None else cell for cell, text in pairs])

    def block(self, block: Block) -> Block:
        if isinstance(block, Heading | Paragraph | Note):
            return replace(block, text=self(block.text))
        if isinstance(block, BulletList):
            return replace(block, items=tuple(self(i) for i in block.items))
        if isinstance(block, Table):
            return replace(
                block,
                caption=self(block.caption),
                rows=tuple([self.row(row) for row in block.rows]),
            )
        if isinstance(block, TitlePage):
            return replace(
                block, title=self(block.title), lines=tuple(self(x) for x in block.lines)
            )
        return block


def without_marks(report: Report) -> Report:
    """The report as it is rendered, with `written` saying which words the reviewer wrote."""
    strip = _Unmarker()
    sections = tuple(
        replace(s, title=strip(s.title), blocks=tuple(strip.block(b) for b in s.blocks))
        for s in report.sections
    )
    return replace(
        report,
        title=strip(report.title),
        sections=sections,
        warnings=tuple(strip(w) for w in report.warnings),
        written=strip.written,
    )


#: Characters of the report's text the glossary reads at a time.
USED_TEXT_RUN = 1 << 20


def _used_text(built: list[Section]) -> Iterator[str]:
    """The report's text (its pieces a line each) in runs of whole lines of about a megabyte,
    so a long appendix is never held again as one string. The reviewer's marks read as
    spaces: the text is then plain ASCII again (most reports), which the glossary's searches
    read twice as fast."""
    run: list[str] = []
    size = 0
    for section in built:
        for piece in _section_text(section):
            run.append(piece.text)
            size += len(piece.text)
            if size >= USED_TEXT_RUN:
                yield "\n".join(run).replace(OPEN, " ").replace(CLOSE, " ")
                run, size = [], 0
    if run:
        yield "\n".join(run).replace(OPEN, " ").replace(CLOSE, " ")


def _section_text(section: Section) -> Iterator[TextPiece]:
    probe = Report("", "", "", "", (section,))
    return (piece for piece in text_pieces(probe) if piece.section != "Page header and footer")


def as_working_draft(report: Report) -> Report:
    """The report marked as an internal working draft everywhere: title page (its large word
    and its status line), header, watermark and every footer."""
    internal = DocumentStatus.INTERNAL
    labels = {s.label for s in DocumentStatus}

    def line(text: str) -> str:
        if text in labels:
            return internal.label
        if text.startswith(CIRCULATION):  # an internal draft goes to no one
            return CIRCULATION + internal.circulation
        return text

    def title_page(block: TitlePage) -> TitlePage:
        return replace(block, status=internal.mark, lines=tuple(line(x) for x in block.lines))

    return replace(
        report,
        status=internal.mark,
        banner=f"{report.marking} — {internal.header}",
        watermark=internal.watermark,
        footer=internal.footer,
        sections=tuple(
            replace(
                s,
                blocks=tuple(title_page(b) if isinstance(b, TitlePage) else b for b in s.blocks),
            )
            for s in report.sections
        ),
    )
