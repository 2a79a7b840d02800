"""The review itself: what kind it is, who commissioned it, the period it looks at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reviewer_app.errors import InvalidInputError


class ReviewType(StrEnum):
    """The kinds of review the craft covers; the words that differ between them follow."""

    LCSPR = "lcspr"
    SCR = "scr"
    RAPID_REVIEW = "rapid-review"
    SAR = "sar"
    CPR = "cpr"
    DHR = "dhr"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    ReviewType.LCSPR: "Local Child Safeguarding Practice Review",
    ReviewType.SCR: "Serious Case Review",
    ReviewType.RAPID_REVIEW: "Rapid Review",
    ReviewType.SAR: "Safeguarding Adults Review",
    ReviewType.CPR: "Child Practice Review (Wales)",
    ReviewType.DHR: "Domestic Homicide Review",
}


class Methodology(StrEnum):
    LEARNING_TOGETHER = "learning-together"
    SILP = "silp"
    WELSH_LEARNING_EVENT = "welsh-learning-event"
    AGENCY_REPORTS = "agency-reports"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    Methodology.LEARNING_TOGETHER: "Learning Together (SCIE systems model)",
    Methodology.SILP: "SILP (Significant Incident Learning Process)",
    Methodology.WELSH_LEARNING_EVENT: "Welsh learning-event model",
    Methodology.AGENCY_REPORTS: "Agency reports (IMR-based)",
    Methodology.OTHER: "Other",
}


class ReviewStatus(StrEnum):
    SCOPING = "scoping"
    GATHERING = "gathering"
    ANALYSIS = "analysis"
    DRAFTING = "drafting"
    PANEL = "panel"
    FINAL = "final"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ReviewStatus.SCOPING: "Scoping and terms of reference",
    ReviewStatus.GATHERING: "Gathering information",
    ReviewStatus.ANALYSIS: "Analysis",
    ReviewStatus.DRAFTING: "Drafting",
    ReviewStatus.PANEL: "With the panel",
    ReviewStatus.FINAL: "Final report",
    ReviewStatus.PUBLISHED: "Published",
}


class ProtectiveMarking(StrEnum):
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
    OFFICIAL = "OFFICIAL"


@dataclass(frozen=True, slots=True)
class ScopePeriod:
    """The period under review, both ends inclusive."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError(
                "The scope period ends before it starts. Please check the two dates."
            )

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Review:
    """A review's details. Plain data: storage, services and the window all share it."""

    title: str
    review_type: ReviewType = ReviewType.LCSPR
    board: str = ""
    methodology: Methodology = Methodology.LEARNING_TOGETHER
    scope: ScopePeriod | None = None
    status: ReviewStatus = ReviewStatus.SCOPING
    marking: ProtectiveMarking = ProtectiveMarking.OFFICIAL_SENSITIVE
    terms_of_reference: str = ""
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: The lead reviewer's name and who the report goes to, as the report's title page and
    #: document control give them ("" until given).
    lead_reviewer: str = ""
    circulation: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError(
                "A review needs a title, such as 'Child Q' or 'Review 2026/03'."
            )

    def with_changes(self, **changes: object) -> Review:
        return replace(self, **changes)  # type: ignore[arg-type]


#: The coarse regions a learning dataset may name (England's nine regions, and Wales).
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
)
