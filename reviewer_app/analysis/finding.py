"""Findings: generic patterns in how the system works, each traced to its evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import Methodology


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class Finding:
    statement: str
    category: str = ""  # a key of resources/typology.json
    how_it_showed: str = ""
    systemic_evidence: str = ""
    why_it_matters: str = ""
    board_questions: str = ""  # Learning Together: questions for the board
    recommendations: str = ""  # other methods: recommendations
    priority: Priority = Priority.MEDIUM
    theme: str = ""  # the practice-issue theme
    journey_stage: str = ""  # a key of resources/journey_stages.json
    episode_ids: tuple[int, ...] = ()
    entry_ids: tuple[int, ...] = ()
    passage_ids: tuple[int, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.statement.strip():
            raise InvalidInputError("A finding needs a statement of the issue.")

    def with_changes(self, **changes: object) -> Finding:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def has_evidence(self) -> bool:
        return bool(self.episode_ids or self.entry_ids or self.passage_ids)


def asks_board_questions(methodology: Methodology) -> bool:
    """Learning Together ends findings with questions for the board; other methods recommend."""
    return methodology is Methodology.LEARNING_TOGETHER
