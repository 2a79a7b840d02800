"""Shared pieces for the report tests: the demo inputs and a review with planted names."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pypdf import PdfReader

from reviewer_app.analysis.conversation import Conversation, ConversationKind
from reviewer_app.analysis.finding import Finding
from reviewer_app.analysis.reference import typology
from reviewer_app.anonymisation import KnownIdentity, PseudonymRegister
from reviewer_app.demo import build_demo
from reviewer_app.people.model import InvolvementEvent, InvolvementStep
from reviewer_app.reporting.inputs import ReportInputs
from reviewer_app.reporting.log import LogEntry

# Synthetic names for the leak tests: they must never reach a written file once fixed.
MOTHER = KnownIdentity("Mother", "Philippa Quartermaine", date_of_birth=dt.date(1994, 3, 7))
CHILD = KnownIdentity("Child M", "Tobias Quartermaine")
REGISTER = PseudonymRegister((MOTHER, CHILD))
REAL_WORDS = ("Philippa", "Quartermaine", "Tobias")


def demo_inputs(entries: int = 300) -> ReportInputs:
    return ReportInputs(build_demo(entries))


def outline_pages(reader: PdfReader, items: list[object]) -> list[int]:
    """The page of every bookmark of a PDF, in order (nested ones in their place)."""
    pages = []
    for item in items:
        if isinstance(item, list):
            pages += outline_pages(reader, item)
        else:
            pages.append(reader.get_destination_page_number(item) + 1)  # type: ignore[arg-type]
    return pages


def finding(statement: str) -> Finding:
    return Finding(
        statement=statement,
        category=typology()[0].key,
        how_it_showed="The hospital discharged the baby with a letter to the GP.",
        board_questions="How does the partnership know its bruising protocol is used?",
    )


def conversation(notes: str) -> Conversation:
    return Conversation(
        ConversationKind.PRACTITIONER,
        "Health Visitor 1",
        date=dt.date(2026, 4, 2),
        notes=notes,
    )


def feedback(inputs: ReportInputs, how_used: str) -> InvolvementEvent:
    """A step of Mother's involvement: what her comments on the draft changed."""
    mother = next(p for p in inputs.snapshot.analysis.people if p.pseudonym == "Mother")
    return InvolvementEvent(mother.id or 0, InvolvementStep.FEEDBACK_RECEIVED, how_used=how_used)


def with_analysis(
    inputs: ReportInputs,
    *,
    findings: tuple[Finding, ...] = (),
    conversations: tuple[Conversation, ...] = (),
    involvement: tuple[InvolvementEvent, ...] | None = None,
) -> ReportInputs:
    """The inputs with these findings and conversations (and involvement log) in the review's
    snapshot."""
    snapshot = inputs.snapshot
    analysis = replace(snapshot.analysis, findings=findings, conversations=conversations)
    if involvement is not None:
        analysis = replace(analysis, involvement=involvement)
    return replace(inputs, snapshot=replace(snapshot, analysis=analysis))


class MemoryLog:
    def __init__(self) -> None:
        self.recorded: list[LogEntry] = []

    def record(self, entry: LogEntry) -> LogEntry:
        self.recorded.append(entry)
        return entry

    def entries(self, kind: str | None = None) -> list[LogEntry]:
        return [e for e in self.recorded if kind is None or e.kind == kind]
