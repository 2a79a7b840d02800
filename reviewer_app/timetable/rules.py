"""Milestones and the rules that give each one a due date, per review type.

Statutory figures (Working Together 2023, as summarised in DOMAIN.md; 2015 for an SCR):
  * both clocks of an LCSPR run from the safeguarding partners becoming aware of the serious
    incident: the national Panel is notified within 5 working days, and the rapid review is
    completed within 15 working days (of becoming aware, not of the notification);
  * the decision whether to hold an LCSPR comes out of the rapid review, and the final report
    is due six months from that decision;
  * an SCR's notifiable incident went to Ofsted and the national Panel within 5 working days of
    the LSCB becoming aware of it, and the SCR aimed to finish within six months of the
    decision to initiate it.
Everything else is a documented default (marked `statutory=False`), there to give the reviewer
a working plan they can override date by date.

Milestones are stored by their key (`MilestoneKind.value`): a key, once used, never changes
meaning, and a new milestone gets a new key, so files written before it still read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.review import ReviewType


class MilestoneKind(StrEnum):
    # In the order they come: a review's clock starts at the first of its milestones.
    BECAME_AWARE = "became-aware"
    NOTIFICATION = "notification"
    RAPID_REVIEW = "rapid-review"
    DECISION = "decision"
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

    @property
    def phrase(self) -> str:
        """The milestone inside a sentence: "after the …", "waits for the …"."""
        if self is MilestoneKind.BECAME_AWARE:
            return "date the partners became aware of the serious incident"
        return self.label.lower()


_LABELS = {
    MilestoneKind.BECAME_AWARE: "Safeguarding partners became aware of the serious incident",
    MilestoneKind.NOTIFICATION: "Notification to the national Panel",
    MilestoneKind.RAPID_REVIEW: "Rapid review",
    MilestoneKind.DECISION: "Decision to review",
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
        text = f"{amount} after the {self.after.phrase}"
        if self.amount == 0:
            text = f"with the {self.after.phrase}"
        if self.statutory:
            return f"{text} (statutory: {self.basis})"
        return f"{text} ({self.basis or 'default; change it if yours differs'})"


K = MilestoneKind
_WD, _WEEKS, _MONTHS = Unit.WORKING_DAYS, Unit.WEEKS, Unit.MONTHS
_WT = "Working Together 2023, learning from serious child safeguarding incidents"
_WT2015 = "Working Together 2015, serious case reviews"

# The back half of every review: drafting, panel, family, final report, board, publication.
_DRAFTING = (
    DueRule(K.PANEL, K.FIRST_DRAFT, 2, _WEEKS),
    DueRule(K.FAMILY_FEEDBACK, K.PANEL, 3, _WEEKS),
    DueRule(K.BOARD, K.FINAL_REPORT, 4, _WEEKS),
    DueRule(K.PUBLICATION, K.BOARD, 8, _WEEKS, basis="default; parallel processes may delay it"),
)

# Became aware -> Panel notified (+5 working days) and rapid review (+15 working days), both
# counted from becoming aware -> the decision, which the rapid review makes.
_RAPID_REVIEW_CLOCK = (
    DueRule(K.NOTIFICATION, K.BECAME_AWARE, 5, _WD, True, _WT),
    DueRule(K.RAPID_REVIEW, K.BECAME_AWARE, 15, _WD, True, _WT),
    DueRule(
        K.DECISION, K.RAPID_REVIEW, 0, _WD, True,
        f"{_WT}: the rapid review decides whether to hold an LCSPR",
    ),
)  # fmt: skip

_LCSPR = (
    *_RAPID_REVIEW_CLOCK,
    DueRule(K.TERMS_OF_REFERENCE, K.DECISION, 4, _WEEKS),
    DueRule(K.AGENCY_RETURNS, K.TERMS_OF_REFERENCE, 6, _WEEKS),
    DueRule(K.CONVERSATIONS, K.AGENCY_RETURNS, 4, _WEEKS),
    DueRule(K.FIRST_DRAFT, K.DECISION, 4, _MONTHS),
    DueRule(
        K.FINAL_REPORT, K.DECISION, 6, _MONTHS, True,
        f"{_WT}: six months from the decision to hold the review",
    ),
    *_DRAFTING,
)  # fmt: skip

# An SCR had no rapid review: the LSCB notified the incident, then decided (no set time).
_SCR = (
    DueRule(K.NOTIFICATION, K.BECAME_AWARE, 5, _WD, True, f"{_WT2015}: notifiable incidents"),
    DueRule(K.TERMS_OF_REFERENCE, K.DECISION, 1, _MONTHS),
    DueRule(K.AGENCY_RETURNS, K.TERMS_OF_REFERENCE, 6, _WEEKS),
    DueRule(K.CONVERSATIONS, K.AGENCY_RETURNS, 4, _WEEKS),
    DueRule(K.FIRST_DRAFT, K.DECISION, 4, _MONTHS),
    DueRule(
        K.FINAL_REPORT, K.DECISION, 6, _MONTHS, True,
        f"{_WT2015}: six months from the decision to initiate it",
    ),
    *_DRAFTING,
)  # fmt: skip

_RAPID_ONLY = _RAPID_REVIEW_CLOCK

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
    """The milestones that belong to this kind of review, in order: those with a rule, and
    those the rules count from (the starts of its clocks, whose dates are recorded)."""
    return tuple(k for k in ORDER if k in _ruled(review_type) or k in starts_for(review_type))


def _ruled(review_type: ReviewType) -> set[MilestoneKind]:
    return {rule.kind for rule in RULES[review_type]}


def starts_for(review_type: ReviewType) -> tuple[MilestoneKind, ...]:
    """The milestones every other date of this kind of review counts from, in order: they have
    no rule, so until their dates are recorded nothing after them can be worked out."""
    ruled = _ruled(review_type)
    after = {rule.after for rule in RULES[review_type]}
    return tuple(k for k in ORDER if k in after and k not in ruled)


def rule_for(review_type: ReviewType, kind: MilestoneKind) -> DueRule | None:
    for rule in RULES[review_type]:
        if rule.kind is kind:
            return rule
    return None
