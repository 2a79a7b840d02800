"""What every section builder needs: the inputs, the template, and the pseudonymiser.

Every text from the review goes through `BuildContext.clean`, which applies the pseudonyms and
marks the text as the reviewer's (`reviewer_app.anonymisation.written`): the leak scan then
reads the reviewer's words for everything and the app's own headings, prompts and notes only
for what cannot be an everyday word. `build_report` takes the marks out before anything sees
the report, so builders may put marked text inside f-strings freely, but must not take it
apart (slice it, or split it into lines: `prose` below does that, keeping the marks).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from exporters.report.control import DocumentStatus
from exporters.report.templates import ReportTemplate, TemplateSection
from exporters.report_model import Block, BulletList, Note, NoteKind, Paragraph
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.written import is_marked, mark, strip_marks
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.reporting.inputs import ReportInputs

ChronologyMode = Literal["template", "significant", "full", "none"]
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–])\s+")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """Choices made at export time."""

    chronology: ChronologyMode = "template"
    #: Internal working draft, draft for the review panel, or final for publication: on the
    #: title page, in every header, the watermark and (internal) every footer.
    status: DocumentStatus = DocumentStatus.PANEL
    #: The lead reviewer's name for the title page, over the one kept in the review's details
    #: ("": the review's).
    lead_reviewer: str = ""


@dataclass(slots=True)
class BuildContext:
    inputs: ReportInputs
    template: ReportTemplate
    register: PseudonymRegister
    options: ReportOptions
    pseudonymiser: Pseudonymiser = field(init=False)
    dates_of_birth: frozenset[dt.date] = field(init=False)
    agency_names: dict[int | None, str] = field(init=False)
    _cleaned: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.pseudonymiser = Pseudonymiser(self.register)
        self.dates_of_birth = frozenset(
            i.date_of_birth for i in self.register.identities if i.date_of_birth is not None
        )
        self.agency_names = {a.id: self.clean(a.name) for a in self.inputs.snapshot.agencies}

    def clean(self, text: str) -> str:
        """Every text from the review passes through the pseudonym register here (and is
        marked as the reviewer's). A text met before comes out as it did (a chronology repeats
        its agencies, dates and outcomes)."""
        done = self._cleaned.get(text)
        if done is None:
            plain = text.strip() if text else ""
            done = self._cleaned[text] = mark(self.pseudonymiser.apply(plain)) if plain else ""
        return done

    def drafted(self, section: TemplateSection) -> str:
        return self.clean(self.inputs.section_text.get(section.key, ""))

    def entries(self) -> list[ChronologyEntry]:
        return sorted(self.inputs.snapshot.entries, key=lambda e: e.sort_key)


def prompt(text: str) -> Note:
    return Note(f"For the reviewer: {text[:1].upper()}{text[1:]}", NoteKind.PROMPT)


def prose(text: str) -> list[Block]:
    """Reviewer's text as paragraphs (blank lines) and lists (lines starting "1." or "-").

    A text with the reviewer's marks in it is split without them, and each paragraph and list
    item it gives is marked whole, so no part of it is taken for the app's own words.
    """
    if is_marked(text):
        return [_marked(block) for block in _prose(strip_marks(text))]
    return _prose(text)


def _marked(block: Block) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(mark(block.text), block.label)
    if isinstance(block, BulletList):
        return BulletList(tuple(mark(item) for item in block.items), block.ordered)
    return block


def _prose(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        items = [line for line in lines if _LIST_ITEM.match(line)]
        if items and len(items) == len(lines) - (0 if _LIST_ITEM.match(lines[0]) else 1):
            head = [] if _LIST_ITEM.match(lines[0]) else [lines[0]]
            if head:
                blocks.append(Paragraph(head[0].strip()))
            ordered = bool(re.match(r"^\s*\d", items[0]))
            blocks.append(BulletList(tuple(_LIST_ITEM.sub("", i).strip() for i in items), ordered))
        else:
            blocks.append(Paragraph(" ".join(line.strip() for line in lines)))
    return blocks
