"""The rapid review: what the safeguarding partners send the national Panel.

Under Working Together 2023 the partners complete a rapid review within 15 working days of
becoming aware of a serious incident, and send it to the Child Safeguarding Practice Review
Panel. The record follows the Panel's headings: the facts of the case, the immediate
safeguarding action taken, what the agencies have learned so far, whether the criteria for a
local child safeguarding practice review (LCSPR) are met, the decision with its reasons, and
whether the case may be of national importance; and the date it went to the Panel.

One record per review, stored by keys (`Answer.value`, `Decision.value`) that never change
meaning. Its dates in the timetable (the rapid review done, the decision) stay milestones: this
is what was said, not when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reviewer_app.errors import InvalidInputError


class Answer(StrEnum):
    NOT_DECIDED = "not-decided"
    YES = "yes"
    NO = "no"

    @property
    def label(self) -> str:
        return {Answer.NOT_DECIDED: "Not decided yet", Answer.YES: "Yes", Answer.NO: "No"}[self]


class Decision(StrEnum):
    NOT_DECIDED = "not-decided"
    LCSPR = "lcspr"
    NO_LCSPR = "no-lcspr"
    OTHER_REVIEW = "other-review"

    @property
    def label(self) -> str:
        return _DECISIONS[self]


_DECISIONS = {
    Decision.NOT_DECIDED: "Not decided yet",
    Decision.LCSPR: "Hold a local child safeguarding practice review",
    Decision.NO_LCSPR: "No LCSPR: the learning is taken forward from the rapid review",
    Decision.OTHER_REVIEW: "Another kind of learning review instead",
}


@dataclass(frozen=True, slots=True)
class RapidReview:
    facts: str = ""
    immediate_action: str = ""
    agency_learning: str = ""
    criteria_met: Answer = Answer.NOT_DECIDED
    decision: Decision = Decision.NOT_DECIDED
    decision_reasons: str = ""
    national_importance: Answer = Answer.NOT_DECIDED
    national_reasons: str = ""
    sent_to_panel: dt.date | None = None

    @property
    def empty(self) -> bool:
        return self == RapidReview()

    def missing(self) -> list[str]:
        """What the Panel asks for that is not written yet, in the order of its headings."""
        gaps = []
        for text, heading in (
            (self.facts, "the facts of the case"),
            (self.immediate_action, "the immediate safeguarding action taken"),
            (self.agency_learning, "the agencies' learning so far"),
        ):
            if not text.strip():
                gaps.append(heading)
        if self.criteria_met is Answer.NOT_DECIDED:
            gaps.append("whether the criteria for an LCSPR are met")
        if self.decision is Decision.NOT_DECIDED:
            gaps.append("the decision")
        elif not self.decision_reasons.strip():
            gaps.append("the reasons for the decision")
        if self.national_importance is Answer.NOT_DECIDED:
            gaps.append("whether the case may be of national importance")
        return gaps


def terms_from(record: RapidReview) -> str:
    """A start on the LCSPR's terms of reference from the rapid review that decided on it:
    why the review is held, what is known, and what the agencies' learning so far asks of it,
    for the reviewer to shape into key lines of enquiry."""
    parts = []
    if record.decision_reasons.strip():
        parts.append(f"Why this review is held:\n{record.decision_reasons.strip()}")
    if record.facts.strip():
        parts.append(f"What is known (from the rapid review):\n{record.facts.strip()}")
    if record.agency_learning.strip():
        parts.append(
            "Learning so far, for the key lines of enquiry to take further:\n"
            f"{record.agency_learning.strip()}"
        )
    if parts:
        parts.append(
            "Key lines of enquiry:\n1. \n\nPeriod under review, agencies, methodology, "
            "governance, family and practitioner involvement: to be agreed."
        )
    return "\n\n".join(parts)


def terms_to_seed(record: RapidReview, current_terms: str) -> str:
    """The terms of reference to start from `record`; refused (`InvalidInputError`) when terms
    are written already, or the rapid review has not decided on an LCSPR or says nothing."""
    if record.decision is not Decision.LCSPR:
        raise InvalidInputError(
            "The rapid review has not decided to hold an LCSPR, so there are no terms of "
            "reference to start from it."
        )
    if current_terms.strip():
        raise InvalidInputError(
            "The terms of reference are written already; nothing was changed. Edit them on "
            "the Overview."
        )
    terms = terms_from(record)
    if not terms:
        raise InvalidInputError(
            "The rapid review has no facts, learning or reasons yet to start the terms of "
            "reference from."
        )
    return terms


class RapidReviewRepository(Protocol):
    """What the rapid review service needs from storage (`storage.rapid_review_repository`)."""

    def load(self) -> RapidReview:
        """The record; an empty one when none has been saved."""

    def save(self, record: RapidReview) -> None:
        """Store the record, replacing the one before."""
