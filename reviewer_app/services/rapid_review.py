"""Use cases of the rapid review record: read it, and save it (each save one change)."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import Review
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.timetable.rapid_review import (
    RapidReview,
    RapidReviewRepository,
    terms_to_seed,
)


class DetailsStore(Protocol):
    def load(self) -> Review: ...
    def save(self, details: Review) -> None: ...


class RapidReviewService:
    """The rapid review sent to the national Panel; part of the timetable (`Part.TIMETABLE`),
    whose page shows it."""

    def __init__(
        self,
        repository: RapidReviewRepository,
        changes: ChangeBus | None = None,
        *,
        details: DetailsStore | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._details = details

    def record(self) -> RapidReview:
        return self._repository.load()

    @writes(Part.TIMETABLE)
    def save(self, record: RapidReview) -> RapidReview:
        """Store the record; returns what is stored (for the form to show)."""
        self._repository.save(record)
        return record

    @writes(Part.DETAILS)
    def seed_terms_of_reference(self) -> str:
        """Start the review's terms of reference from the rapid review that decided to hold
        it; returns them. Refused (nothing changed) when terms are written already, or the
        rapid review has not decided on an LCSPR or says nothing to start from."""
        if self._details is None:
            raise InvalidInputError("The review's details cannot be changed here.")
        details = self._details.load()
        terms = terms_to_seed(self._repository.load(), details.terms_of_reference)
        self._details.save(replace(details, terms_of_reference=terms))
        return terms
