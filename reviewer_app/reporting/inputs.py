"""What the draft report is built from.

The report takes the review's snapshot (every domain object, as stored) and the parts that only
other services can work out: the quality-marker self-assessment as it stands, the learning
notes attached to the review, the reviewer's own drafted section text. The report works, with
clear prompts for the reviewer, while a part is still empty.

This module knows nothing of DOCX or PDF; `exporters.report` builds and renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from reviewer_app.analysis.published_evidence import PublishedEvidence
from reviewer_app.anonymisation.register import KnownIdentity, PseudonymRegister
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.quality.assessment import SelfAssessment
from reviewer_app.quality.dashboard import DashboardRow

SUBJECT_CHILD = "the subject child"


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
    quality_markers: tuple[MarkerAssessmentInput, ...] = ()
    learning_notes: tuple[LearningNoteInput, ...] = ()
    #: The reviewer's drafted text for narrative sections, by section key
    #: ("introduction", "case-summary", "appraisal", "conclusions", "governance", …).
    section_text: Mapping[str, str] = field(default_factory=dict)
    #: Published reviews linked to findings as evidence that they are systemic (public text,
    #: still checked by the anonymisation gate like everything else).
    published_evidence: tuple[PublishedEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class SelfAssessmentInputs:
    """What the Quality Markers self-assessment export is built from (for the partnership,
    apart from the report)."""

    snapshot: ReviewSnapshot  # the review's details, and the child's date of birth
    assessment: SelfAssessment
    rows: tuple[DashboardRow, ...]


def register_for(snapshot: ReviewSnapshot, register: PseudonymRegister) -> PseudonymRegister:
    """The register with the subject child's recorded date of birth added, when there is one."""
    dob = snapshot.subject_date_of_birth
    if dob is None or any(i.date_of_birth == dob for i in register.identities):
        return register
    child = KnownIdentity(pseudonym=SUBJECT_CHILD, date_of_birth=dob)
    return replace(register, identities=(*register.identities, child))
