"""Shared pieces for the report tests: the demo inputs and a review with planted names."""

from __future__ import annotations

import datetime as dt

from reviewer_app.anonymisation import KnownIdentity, PseudonymRegister
from reviewer_app.demo import build_demo
from reviewer_app.services.report import (
    ConversationInput,
    FindingInput,
    LogEntry,
    ReportInputs,
)

# Synthetic names for the leak tests: they must never reach a written file once fixed.
MOTHER = KnownIdentity("Mother", "Philippa Quartermaine", date_of_birth=dt.date(1994, 3, 7))
CHILD = KnownIdentity("Child M", "Tobias Quartermaine")
REGISTER = PseudonymRegister((MOTHER, CHILD))
REAL_WORDS = ("Philippa", "Quartermaine", "Tobias")


def demo_inputs(entries: int = 300) -> ReportInputs:
    return ReportInputs(build_demo(entries))


def finding(statement: str) -> FindingInput:
    return FindingInput(
        title="Bruising in a non-mobile baby was not seen as a safeguarding matter",
        category="Multi-agency working in response to incidents and crises",
        statement=statement,
        how_it_showed="The hospital discharged the baby with a letter to the GP.",
        questions=("How does the partnership know its bruising protocol is used?",),
    )


def conversation(notes: str) -> ConversationInput:
    return ConversationInput(
        "Health Visitor 1",
        "practitioner",
        "Northshire Community Health",
        dt.date(2026, 4, 2),
        notes,
    )


class MemoryLog:
    def __init__(self) -> None:
        self.recorded: list[LogEntry] = []

    def record(self, entry: LogEntry) -> LogEntry:
        self.recorded.append(entry)
        return entry

    def entries(self, kind: str | None = None) -> list[LogEntry]:
        return [e for e in self.recorded if kind is None or e.kind == kind]
