"""Milestones and the rules that give each one a due date, per review type.

Statutory figures (Working Together 2015 and 2018 onward, as summarised in DOMAIN.md):
  * a serious incident is notified within 5 working days of becoming aware of it (LCSPR; the
    same figure applied to notifiable incidents before 2018);
  * a rapid review is completed within 15 working days of the notification;
  * an LCSPR aims to finish within six months of the decision to hold it (taken at the rapid
    review); an SCR aimed to finish within six months of the decision to initiate it.
Everything else is a documented default (marked `statutory=False`), there to give the reviewer
a working plan they can override date by date.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.review import ReviewType


class MilestoneKind(StrEnum):
    DECISION = "decision"
    NOTIFICATION = "notification"
    RAPID_REVIEW = "rapid-review"
    TERMS_OF_REFERENCE = "terms-of-reference"
    AGENCY_RETURNS = "agency-returns"
    CONVERSATIONS = "conversations"
    FIRST_DRAFT = "first-draft"
    PANEL = "panel"
    FAMILY_FEEDBACK = "family-feedback"
    FINAL_REPORT = "final-report"
    BOARD = "board"
    PUBLICATION = "publication"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    MilestoneKind.DECISION: "Decision to review",
    MilestoneKind.NOTIFICATION: "Notification to the national Panel",
    MilestoneKind.RAPID_REVIEW: "Rapid review",
    MilestoneKind.TERMS_OF_REFERENCE: "Terms of reference agreed",
    MilestoneKind.AGENCY_RETURNS: "Agency returns",
    MilestoneKind.CONVERSATIONS: "Conversations with practitioners and family",
    MilestoneKind.FIRST_DRAFT: "First draft report",
    MilestoneKind.PANEL: "Panel meeting on the draft",
    MilestoneKind.FAMILY_FEEDBACK: "Family see and comment on the report",
    MilestoneKind.FINAL_REPORT: "Final report",
    MilestoneKind.BOARD: "Report to the board or partners",
    MilestoneKind.PUBLICATION: "Publication",
}

ORDER = tuple(MilestoneKind)


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    WEEKS = "weeks"
    MONTHS = "months"


@dataclass(frozen=True, slots=True)
class DueRule:
    """`kind` is due `amount` `unit` after the `after` milestone (its date done, else due)."""

    kind: MilestoneKind
    after: MilestoneKind
    amount: int
    unit: Unit
    statutory: bool = False
    basis: str = ""

    @property
    def explanation(self) -> str:
        amount = f"{self.amount} {self.unit.value}"
        if self.amount == 1:
            amount = f"1 {self.unit.value.removesuffix('s')}"
        text = f"{amount} after the {self.after.label.lower()}"
        if self.statutory:
            return f"{text} (statutory: {self.basis})"
        return f"{text} ({self.basis or 'default; change it if yours differs'})"


K = MilestoneKind
_WD, _WEEKS, _MONTHS = Unit.WORKING_DAYS, Unit.WEEKS, Unit.MONTHS
_WT = "Working Together 2018 onwards"
_WT2015_NOTIFY = "Working Together 2015, notifiable incidents"

# The back half of every review: drafting, panel, family, final report, board, publication.
_DRAFTING = (
    DueRule(K.PANEL, K.FIRST_DRAFT, 2, _WEEKS),
    DueRule(K.FAMILY_FEEDBACK, K.PANEL, 3, _WEEKS),
    DueRule(K.BOARD, K.FINAL_REPORT, 4, _WEEKS),
    DueRule(K.PUBLICATION, K.BOARD, 8, _WEEKS, basis="default; parallel processes may delay it"),
)

_LCSPR = (
    DueRule(K.NOTIFICATION, K.DECISION, 5, _WD, True, _WT),
    DueRule(K.RAPID_REVIEW, K.NOTIFICATION, 15, _WD, True, _WT),
    DueRule(K.TERMS_OF_REFERENCE, K.RAPID_REVIEW, 4, _WEEKS),
    DueRule(K.AGENCY_RETURNS, K.TERMS_OF_REFERENCE, 6, _WEEKS),
    DueRule(K.CONVERSATIONS, K.AGENCY_RETURNS, 4, _WEEKS),
    DueRule(K.FIRST_DRAFT, K.RAPID_REVIEW, 4, _MONTHS),
    DueRule(
        K.FINAL_REPORT, K.RAPID_REVIEW, 6, _MONTHS, True,
        "Working Together, six-month completion target",
    ),
    *_DRAFTING,
)  # fmt: skip

_SCR = (
    DueRule(K.NOTIFICATION, K.DECISION, 5, _WD, True, _WT2015_NOTIFY),
    DueRule(K.TERMS_OF_REFERENCE, K.DECISION, 1, _MONTHS),
    DueRule(K.AGENCY_RETURNS, K.TERMS_OF_REFERENCE, 6, _WEEKS),
    DueRule(K.CONVERSATIONS, K.AGENCY_RETURNS, 4, _WEEKS),
    DueRule(K.FIRST_DRAFT, K.DECISION, 4, _MONTHS),
    DueRule(
        K.FINAL_REPORT, K.DECISION, 6, _MONTHS, True,
        "Working Together 2015",
    ),
    *_DRAFTING,
)  # fmt: skip

_RAPID_ONLY = (
    DueRule(K.NOTIFICATION, K.DECISION, 5, _WD, True, _WT),
    DueRule(K.RAPID_REVIEW, K.NOTIFICATION, 15, _WD, True, _WT),
)  # fmt: skip

# Reviews without a statutory clock here (SAR, DHR, Welsh CPR): a six-month plan from the
# decision, every date a default the reviewer can change.
_SIX_MONTH_PLAN = (
    DueRule(K.TERMS_OF_REFERENCE, K.DECISION, 1, _MONTHS),
    DueRule(K.AGENCY_RETURNS, K.TERMS_OF_REFERENCE, 6, _WEEKS),
    DueRule(K.CONVERSATIONS, K.AGENCY_RETURNS, 4, _WEEKS),
    DueRule(K.FIRST_DRAFT, K.DECISION, 4, _MONTHS),
    DueRule(K.FINAL_REPORT, K.DECISION, 6, _MONTHS, basis="default target of six months"),
    *_DRAFTING,
)

RULES: dict[ReviewType, tuple[DueRule, ...]] = {
    ReviewType.LCSPR: _LCSPR,
    ReviewType.SCR: _SCR,
    ReviewType.RAPID_REVIEW: _RAPID_ONLY,
    ReviewType.SAR: _SIX_MONTH_PLAN,
    ReviewType.DHR: _SIX_MONTH_PLAN,
    ReviewType.CPR: _SIX_MONTH_PLAN,
}


def milestones_for(review_type: ReviewType) -> tuple[MilestoneKind, ...]:
    """The milestones that belong to this kind of review, in order (the decision always)."""
    ruled = {rule.kind for rule in RULES[review_type]}
    return tuple(k for k in ORDER if k is K.DECISION or k in ruled)


def rule_for(review_type: ReviewType, kind: MilestoneKind) -> DueRule | None:
    for rule in RULES[review_type]:
        if rule.kind is kind:
            return rule
    return None
