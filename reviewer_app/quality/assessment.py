"""A review's self-assessment against a marker set: statuses, notes and evidence links.

The markers prompt judgement and have no scoring scheme; the four statuses here are this app's
own convention for keeping track, and the window says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from reviewer_app.errors import InvalidInputError
from reviewer_app.quality.markers import Marker, MarkerSet


class Status(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ADDRESSED = "addressed"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def settled(self) -> bool:
        """Nothing more to do: addressed, or judged not to apply to this review."""
        return self in (Status.ADDRESSED, Status.NOT_APPLICABLE)


_STATUS_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.IN_PROGRESS: "In progress",
    Status.ADDRESSED: "Addressed",
    Status.NOT_APPLICABLE: "Not applicable",
}


class EvidenceKind:
    """Kinds of thing in a review that evidence can point at.

    Plain strings rather than an enum, so that parts added later (people, conversations,
    findings, the report) link evidence without a schema change; `label_for` names the known ones.
    """

    TERMS_OF_REFERENCE = "terms-of-reference"
    AGENCY = "agency"
    IMPORT = "import"
    CHRONOLOGY_ENTRY = "chronology-entry"
    TIMETABLE = "timetable"
    DELAY = "delay"
    PERSON = "person"
    CONVERSATION = "conversation"
    EPISODE = "episode"
    FINDING = "finding"
    REPORT = "report"
    DOCUMENT = "document"  # something outside the file, described by the reviewer

    LABELS: ClassVar[dict[str, str]] = {
        TERMS_OF_REFERENCE: "Terms of reference",
        AGENCY: "Agency",
        IMPORT: "Agency return",
        CHRONOLOGY_ENTRY: "Chronology entry",
        TIMETABLE: "Timetable",
        DELAY: "Delay log",
        PERSON: "Person",
        CONVERSATION: "Conversation",
        EPISODE: "Key practice episode",
        FINDING: "Finding",
        REPORT: "Report",
        DOCUMENT: "Note of a document",
    }

    @classmethod
    def label_for(cls, kind: str) -> str:
        return cls.LABELS.get(kind, kind.replace("-", " ").capitalize())


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """A pointer from a marker (or one of its prompts) to something in the review.

    `ref` identifies the thing within its kind (an id as text, or a fixed name such as
    "terms-of-reference"); `label` is what to show, kept so the link still reads if the thing
    it points at is later removed.
    """

    marker: int
    kind: str
    ref: str
    label: str
    prompt: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.kind.strip() or not self.label.strip():
            raise InvalidInputError("A piece of evidence needs a kind and a description.")

    @property
    def target(self) -> tuple[str, str]:
        return (self.kind, self.ref)


@dataclass(frozen=True, slots=True)
class PromptAssessment:
    status: Status = Status.NOT_STARTED
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MarkerAssessment:
    """What the reviewer recorded for one marker, and for each of its prompts (by key)."""

    number: int
    status: Status = Status.NOT_STARTED
    notes: str = ""
    prompts: dict[str, PromptAssessment] = field(default_factory=dict)
    evidence: tuple[EvidenceLink, ...] = ()

    def prompt(self, key: str) -> PromptAssessment:
        return self.prompts.get(key, PromptAssessment())


def overall_status(marker: Marker, recorded: MarkerAssessment) -> Status:
    """The marker's status: as recorded, or (while still "not started") rolled up from prompts.

    A reviewer may work prompt by prompt; once every prompt is settled the marker counts as
    addressed (or not applicable if all of them are), and any progress shows as in progress.
    """
    if recorded.status is not Status.NOT_STARTED:
        return recorded.status
    statuses = [recorded.prompt(p.key).status for p in marker.prompts]
    if all(s is Status.NOT_APPLICABLE for s in statuses):
        return Status.NOT_APPLICABLE
    if all(s.settled for s in statuses):
        return Status.ADDRESSED
    if any(s is not Status.NOT_STARTED for s in statuses):
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """A whole review's assessment against one marker set, with every marker present."""

    marker_set: MarkerSet
    markers: dict[int, MarkerAssessment]

    @classmethod
    def build(
        cls,
        marker_set: MarkerSet,
        recorded: Iterable[MarkerAssessment],
        evidence: Iterable[EvidenceLink] = (),
    ) -> SelfAssessment:
        known = {m.number: m for m in recorded}
        links: dict[int, list[EvidenceLink]] = {}
        for link in evidence:
            links.setdefault(link.marker, []).append(link)
        markers = {}
        for marker in marker_set.markers:
            found = known.get(marker.number, MarkerAssessment(marker.number))
            markers[marker.number] = MarkerAssessment(
                marker.number,
                found.status,
                found.notes,
                dict(found.prompts),
                tuple(links.get(marker.number, ())),
            )
        return cls(marker_set, markers)

    def status(self, number: int) -> Status:
        return overall_status(self.marker_set.marker(number), self.markers[number])

    def of(self, number: int) -> MarkerAssessment:
        return self.markers[number]
