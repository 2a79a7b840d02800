"""The review's own details and key facts, as the Overview page edits them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reviewer_app.repositories import OpenReview
from reviewer_app.review import Review


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What the Overview shows and edits: the details plus the subject child's date of birth."""

    details: Review
    child_date_of_birth: dt.date | None


class ReviewDetailsService:
    def __init__(self, review: OpenReview) -> None:
        self._review = review

    def load(self) -> ReviewFacts:
        return ReviewFacts(
            self._review.details.load(), self._review.chronology.subject_date_of_birth()
        )

    def save(self, facts: ReviewFacts) -> None:
        """Store both parts; each is committed as it is made (there is no Save button)."""
        self._review.details.save(facts.details)
        if facts.child_date_of_birth != self._review.chronology.subject_date_of_birth():
            self._review.chronology.set_subject_date_of_birth(facts.child_date_of_birth)
