"""Key practice episodes: what happened, each person's view, why, and an appraisal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer_app.errors import InvalidInputError


class FactorKind(StrEnum):
    TASK = "task"
    TOOL = "tool"
    TEAM = "team"
    ORGANISATIONAL = "organisational"
    FAMILY_CONTEXT = "family-context"

    @property
    def label(self) -> str:
        return _FACTOR_LABELS[self]


_FACTOR_LABELS = {
    FactorKind.TASK: "Task",
    FactorKind.TOOL: "Tools",
    FactorKind.TEAM: "Team",
    FactorKind.ORGANISATIONAL: "Organisational",
    FactorKind.FAMILY_CONTEXT: "Family context",
}


class Appraisal(StrEnum):
    NOT_YET = "not-yet"
    GOOD = "good"
    PROBLEMATIC = "problematic"
    MIXED = "mixed"

    @property
    def label(self) -> str:
        return _APPRAISAL_LABELS[self]


_APPRAISAL_LABELS = {
    Appraisal.NOT_YET: "Not yet appraised",
    Appraisal.GOOD: "Good practice",
    Appraisal.PROBLEMATIC: "Problematic practice",
    Appraisal.MIXED: "Mixed",
}

#: Safeguards against hindsight and outcome bias a reviewer can say they used (Quality Marker 13).
HINDSIGHT_SAFEGUARDS = (
    "Read the records as they stood at the time (the 'known by then' lens)",
    "Asked practitioners what they knew and were trying to do then",
    "Established what usual practice was at the time",
    "Appraised before considering the outcome for the child",
    "Panel challenge of the appraisal",
    "Compared with similar cases with different outcomes",
)


@dataclass(frozen=True, slots=True)
class Perspective:
    who: str  # a pseudonym or role as written in the report
    view: str
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class Factor:
    kind: FactorKind
    text: str


@dataclass(frozen=True, slots=True)
class Episode:
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    narrative: str = ""
    perspectives: tuple[Perspective, ...] = ()
    factors: tuple[Factor, ...] = ()
    appraisal: Appraisal = Appraisal.NOT_YET
    reasoning: str = ""
    safeguards: tuple[str, ...] = ()
    entry_ids: tuple[int, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError(
                "A key practice episode needs a title, such as 'Bruise to a non-mobile baby'."
            )
        if self.start and self.end and self.end < self.start:
            raise InvalidInputError("The episode ends before it starts. Please check the dates.")

    def with_changes(self, **changes: object) -> Episode:
        return replace(self, **changes)  # type: ignore[arg-type]
