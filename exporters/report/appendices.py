"""The appendices: chronology, quality-marker self-assessment, glossary, learning notes."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from exporters.report.context import BuildContext, prompt, prose
from exporters.report.templates import TemplateSection
from exporters.report_model import Block, Column, Heading, Note, Paragraph, Table
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.chronology.entry import ChronologyEntry, Flag

CHRONOLOGY_COLUMNS = (
    Column("Date", 0.13),
    Column("Agency", 0.17),
    Column("What happened", 0.45),
    Column("Reviewer’s comment", 0.25),
)
_FOUR_DAYS = dt.timedelta(days=4)
_ONE_DAY = dt.timedelta(days=1)


def chronology_mode(ctx: BuildContext) -> str:
    mode = ctx.options.chronology
    return ctx.template.chronology if mode == "template" else mode


def entry_date(entry: ChronologyEntry, dates_of_birth: frozenset[dt.date]) -> str:
    """The entry's date as reviewers write it; a day that is a recorded date of birth is
    written as its month only, because an exact date of birth can identify a child."""
    date = entry.date
    if date.precision is Precision.DAY and date.start in dates_of_birth and date.start:
        first = date.start.replace(day=1)
        month_end = (first.replace(day=28) + _FOUR_DAYS).replace(day=1) - _ONE_DAY
        date = FuzzyDate(first, month_end, Precision.MONTH, Qualifier.ON, "")
        return format_uk_date(date)
    text = format_uk_date(date)
    if date.time is not None:
        text += f" {date.time.strftime('%H:%M')}"
    return text


def chronology_rows(
    ctx: BuildContext, entries: list[ChronologyEntry]
) -> tuple[tuple[str, ...], ...]:
    clean = ctx.clean
    agencies = ctx.agency_names
    dobs = ctx.dates_of_birth
    rows = []
    for entry in entries:
        what = clean(entry.event)
        if entry.outcome:
            what += f"\nOutcome: {clean(entry.outcome)}"
        rows.append(
            (entry_date(entry, dobs), agencies.get(entry.agency_id, ""), what, clean(entry.comment))
        )
    return tuple(rows)


def chronology(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    mode = chronology_mode(ctx)
    entries = ctx.entries()
    if mode == "significant":
        chosen = [e for e in entries if Flag.SIGNIFICANT in e.flags]
        intro = (
            f"The {len(chosen):,} entries the reviewer marked as significant, of "
            f"{len(entries):,} in the merged multi-agency chronology, in date order."
        )
    else:
        chosen = entries
        intro = f"The full merged multi-agency chronology: {len(entries):,} entries in date order."
    if not entries:
        return [prompt("the chronology is empty. Import the agencies' chronologies first.")]
    blocks: list[Block] = [Paragraph(intro)]
    if not chosen:
        blocks.append(
            prompt(
                "no entries are marked significant yet. Mark them in the Chronology part of "
                "the review, or export the full chronology."
            )
        )
        return blocks
    if ctx.dates_of_birth:
        blocks.append(
            Note("Entries on a recorded date of birth show the month only, to avoid identifying.")
        )
    rows = chronology_rows(ctx, chosen)
    blocks.append(Table(CHRONOLOGY_COLUMNS, rows, dense=True, repeat=(0, 1)))
    return blocks


def quality_markers(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    markers = ctx.inputs.quality_markers
    credit = Note(
        "The Quality Markers are those of the NSPCC and SCIE (2016), paraphrased here. They "
        "prompt judgement and discussion and have no scoring scheme: the statuses are the "
        "reviewer’s own self-assessment."
    )
    if not markers:
        return [
            credit,
            prompt(
                "the quality-marker self-assessment is empty. Record it in the Quality "
                "markers part of the review."
            ),
        ]
    rows = tuple(
        (
            str(m.number),
            ctx.clean(m.title),
            ctx.clean(m.stage),
            ctx.clean(m.status),
            ctx.clean(m.evidence),
        )
        for m in sorted(markers, key=lambda m: m.number)
    )
    return [
        credit,
        Table(
            (
                Column("No.", 0.06),
                Column("Marker", 0.2),
                Column("Stage", 0.14),
                Column("Status", 0.15),
                Column("Evidence and notes", 0.45),
            ),
            rows,
            row_name=(0,),
        ),
    ]


@cache
def _glossary() -> tuple[tuple[str, str, bool], ...]:
    data = json.loads(resources.files("resources").joinpath("glossary.json").read_text("utf-8"))
    return tuple((t["term"], t["meaning"], bool(t.get("always"))) for t in data["terms"])


_WORD = re.compile(r"\w")


def uses(text: str, term: str) -> bool:
    r"""Whether `text` has `term` as a whole word (`(?<!\w)term(?!\w)`), in any case unless the
    term is in capitals. Searched for led by the term itself, which the regex engine finds far
    faster than a pattern led by a lookbehind (a 50,000-entry appendix is 25 MB of text), each
    place then checked for a word character before it."""
    pattern = re.compile(rf"{re.escape(term)}(?![\w])", 0 if term.isupper() else re.IGNORECASE)
    found = pattern.search(text)
    while found is not None:
        start = found.start()
        if not start or not _WORD.match(text, start - 1):
            return True
        found = pattern.search(text, start + 1)
    return False


def glossary(ctx: BuildContext, section: TemplateSection, used_text: Iterable[str]) -> list[Block]:
    """The terms the report uses. `used_text`: the report's text in runs of whole lines (a
    term is never read across a line break, so a run at a time finds what the whole would)."""
    terms = _glossary()
    wanted = {term for term, _meaning, always in terms if not always}
    for text in used_text:
        if not wanted:
            break
        wanted -= {term for term in wanted if uses(text, term)}
    rows = [(term, meaning) for term, meaning, always in terms if always or term not in wanted]
    return [
        Table(
            (Column("Term", 0.25), Column("Meaning", 0.75)),
            tuple(sorted(rows, key=lambda r: r[0].lower())),
        )
    ]


def learning_notes(ctx: BuildContext, section: TemplateSection) -> list[Block]:
    notes = ctx.inputs.learning_notes
    if not notes:
        return [
            prompt(
                "no learning notes are attached to this review. Attach notes from your "
                "library in the Learning notes part of the review, or leave this appendix out."
            )
        ]
    blocks: list[Block] = []
    for note in notes:
        blocks.append(Heading(ctx.clean(note.title), 2))
        if note.source:
            blocks.append(Paragraph(ctx.clean(note.source), label="Source:"))
        blocks += prose(ctx.clean(note.text))
    return blocks
