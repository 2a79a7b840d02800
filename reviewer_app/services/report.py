"""What the draft report is built from, and the review's log of export overrides.

The report takes the review's snapshot and, optionally, the parts other areas of the app hold
(conversations, key practice episodes, findings, the quality-marker self-assessment, learning
notes, the reviewer's own drafted section text). Each optional part is a small plain dataclass
here, so whichever service owns the data adapts its objects into these in a line or two, and
the report works (with clear prompts for the reviewer) while a part is still empty.

This module knows nothing of DOCX or PDF; `exporters.report` builds and renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from reviewer_app.anonymisation.register import KnownIdentity, PseudonymRegister
from reviewer_app.interchange import ReviewSnapshot

SUBJECT_CHILD = "the subject child"


@dataclass(frozen=True, slots=True)
class ConversationInput:
    """A conversation with a practitioner, an agency representative or a family member."""

    with_whom: str  # pseudonym or role, never a real name: "Health Visitor 1", "Mother"
    role: str = "practitioner"  # "practitioner" | "family" | "agency" | other text
    agency: str = ""
    held_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class EpisodeInput:
    """A key practice episode chosen for deeper analysis."""

    title: str
    period: str = ""  # as the reviewer writes it: "December 2013", "Mar – Jun 2015"
    what_happened: str = ""
    perspectives: str = ""  # each person's view at the time
    contributory_factors: str = ""
    appraisal: str = ""


@dataclass(frozen=True, slots=True)
class FindingInput:
    """A finding: the issue, how it showed here, why it is systemic, and what to ask or do."""

    title: str
    category: str = ""  # typology category: "Family–professional interaction", …
    statement: str = ""
    how_it_showed: str = ""
    systemic_evidence: str = ""
    why_it_matters: str = ""
    questions: tuple[str, ...] = ()  # questions for the board (Learning Together)
    recommendations: tuple[str, ...] = ()  # for methodologies that make recommendations


@dataclass(frozen=True, slots=True)
class MarkerAssessmentInput:
    """One line of the quality-marker self-assessment."""

    number: int
    title: str
    stage: str = ""
    status: str = ""  # the app's own convention: the markers have no scoring scheme
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class LearningNoteInput:
    title: str
    text: str = ""
    source: str = ""  # "Masterclass 3, hindsight bias"


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """Everything a report is built from. Only the snapshot is required."""

    snapshot: ReviewSnapshot
    conversations: tuple[ConversationInput, ...] = ()
    episodes: tuple[EpisodeInput, ...] = ()
    findings: tuple[FindingInput, ...] = ()
    quality_markers: tuple[MarkerAssessmentInput, ...] = ()
    learning_notes: tuple[LearningNoteInput, ...] = ()
    #: The reviewer's drafted text for narrative sections, by section key
    #: ("introduction", "case-summary", "appraisal", "conclusions", "governance", …).
    section_text: Mapping[str, str] = field(default_factory=dict)


def register_for(snapshot: ReviewSnapshot, register: PseudonymRegister) -> PseudonymRegister:
    """The register with the subject child's recorded date of birth added, when there is one."""
    dob = snapshot.subject_date_of_birth
    if dob is None or any(i.date_of_birth == dob for i in register.identities):
        return register
    child = KnownIdentity(pseudonym=SUBJECT_CHILD, date_of_birth=dob)
    return replace(register, identities=(*register.identities, child))


# -- the review's log ---------------------------------------------------------------------------

OVERRIDE_KIND = "anonymisation-override"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the review's log. Holds counts and kinds, never names or case text."""

    at: dt.datetime
    kind: str
    summary: str
    count: int = 0
    id: int | None = None


class ReviewLog(Protocol):
    """The review's own log (kept inside the encrypted review file)."""

    def record(self, entry: LogEntry) -> LogEntry: ...
    def entries(self, kind: str | None = None) -> list[LogEntry]: ...


def override_entry(file_format: str, hit_count: int, at: dt.datetime | None = None) -> LogEntry:
    when = at or dt.datetime.now(dt.UTC)
    noun = "finding" if hit_count == 1 else "findings"
    return LogEntry(
        at=when,
        kind=OVERRIDE_KIND,
        summary=(
            f"Internal working draft exported as {file_format.upper()} with the anonymisation "
            f"check overridden ({hit_count} {noun})."
        ),
        count=hit_count,
    )
