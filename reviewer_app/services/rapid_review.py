"""Use cases of the rapid review record: read it, and save it (each save one change)."""

from __future__ import annotations

from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.timetable.rapid_review import RapidReview, RapidReviewRepository


class RapidReviewService:
    """The rapid review sent to the national Panel; part of the timetable (`Part.TIMETABLE`),
    whose page shows it."""

    def __init__(self, repository: RapidReviewRepository, changes: ChangeBus | None = None) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository

    def record(self) -> RapidReview:
        return self._repository.load()

    @writes(Part.TIMETABLE)
    def save(self, record: RapidReview) -> RapidReview:
        """Store the record; returns what is stored (for the form to show)."""
        self._repository.save(record)
        return record
