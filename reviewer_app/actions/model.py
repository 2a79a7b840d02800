"""The action plan: what the partners will do about each finding, and how they will know it
worked (Quality Markers 15 improvement action, 16 the written response, 18 implementation and
evaluation).

Each action answers an improvement drawn from a finding: who owns it (an agency), when it is
due, where it has got to, and the evidence that it made a difference for children (marker 18
asks for outcomes, not only completion). The partners' written response to the report is
recorded beside the plan. Keys (`ActionStatus.value`) never change meaning once stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reviewer_app.analysis.finding import Finding
from reviewer_app.errors import InvalidInputError


class ActionStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {
            ActionStatus.NOT_STARTED: "Not started",
            ActionStatus.IN_PROGRESS: "In progress",
            ActionStatus.DONE: "Done",
            ActionStatus.DROPPED: "Dropped",
        }[self]

    @property
    def open(self) -> bool:
        return self in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class Action:
    improvement: str  # what is to improve, from the finding
    action: str  # what will be done
    owner_agency: str
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    evidence_of_impact: str = ""
    finding_id: int | None = None
    completed_on: dt.date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.action.strip():
            raise InvalidInputError("An action needs to say what will be done.")
        if not self.owner_agency.strip():
            raise InvalidInputError("An action needs an owner: the agency that will do it.")
        if self.completed_on is not None and self.status is not ActionStatus.DONE:
            raise InvalidInputError("Only a finished action has a date it was completed.")

    def overdue(self, today: dt.date) -> bool:
        return self.status.open and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class PartnersResponse:
    """The safeguarding partners' written response to the report (marker 16)."""

    text: str = ""
    received_on: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip() and self.received_on is None


@dataclass(frozen=True, slots=True)
class ActionPlanView:
    """The plan as the page and the exports show it: actions with their findings."""

    today: dt.date
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]
    response: PartnersResponse

    def finding(self, finding_id: int | None) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    @property
    def overdue(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.overdue(self.today))


class ActionPlanRepository(Protocol):
    """What the action plan service needs from storage (`storage.action_plan_repository`)."""

    def actions(self) -> list[Action]: ...
    def save_action(self, action: Action) -> Action:
        """Insert (no id, or an id not there: undo of a removal) or update; the stored one."""

    def remove_action(self, action_id: int) -> None: ...
    def response(self) -> PartnersResponse: ...
    def save_response(self, response: PartnersResponse) -> None: ...
