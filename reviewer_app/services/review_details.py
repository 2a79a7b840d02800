"""The review's own details and key facts, as the Overview page edits them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.review import Review
from reviewer_app.services.changes import ChangeBus, Part, writes


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What the Overview shows and edits: the details plus the subject child's date of birth."""

    details: Review
    child_date_of_birth: dt.date | None


class DetailsStore(Protocol):
    def load(self) -> Review: ...
    def save(self, details: Review) -> None: ...


class DateOfBirthStore(Protocol):
    def subject_date_of_birth(self) -> dt.date | None: ...
    def set_subject_date_of_birth(self, date_of_birth: dt.date | None) -> None: ...


class ReviewDetailsService:
    def __init__(
        self,
        details: DetailsStore,
        chronology: DateOfBirthStore,
        changes: ChangeBus | None = None,
    ) -> None:
        self._details = details
        self._chronology = chronology
        self.changes = changes or ChangeBus()

    def load(self) -> ReviewFacts:
        return ReviewFacts(self._details.load(), self._chronology.subject_date_of_birth())

    @writes(Part.DETAILS)
    def save(self, facts: ReviewFacts) -> None:
        """Store both parts; each is committed as it is made (there is no Save button)."""
        self._details.save(facts.details)
        if facts.child_date_of_birth != self._chronology.subject_date_of_birth():
            self._chronology.set_subject_date_of_birth(facts.child_date_of_birth)
