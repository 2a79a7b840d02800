"""Use cases of the action plan: actions answering the findings, overdue ones, and the
partners' written response; and the plain data the action plan's exports are made from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reviewer_app.actions.model import (
    Action,
    ActionPlanRepository,
    ActionPlanView,
    PartnersResponse,
)
from reviewer_app.analysis.finding import Finding
from reviewer_app.services.changes import ChangeBus, Part, writes


class ActionPlanService:
    def __init__(
        self,
        repository: ActionPlanRepository,
        findings: Callable[[], list[Finding]],
        changes: ChangeBus | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._findings = findings
        self._today = today

    def today(self) -> dt.date:
        return self._today()

    def actions(self) -> list[Action]:
        return self._repository.actions()

    def overdue(self) -> list[Action]:
        today = self._today()
        return [a for a in self._repository.actions() if a.overdue(today)]

    @writes(Part.ACTIONS)
    def save_action(self, action: Action) -> Action:
        return self._repository.save_action(action)

    @writes(Part.ACTIONS)
    def remove_action(self, action: Action) -> Action:
        """Remove it; returns it as it was (for undo, which saves it again with its id)."""
        if action.id is not None:
            self._repository.remove_action(action.id)
        return action

    def response(self) -> PartnersResponse:
        return self._repository.response()

    @writes(Part.ACTIONS)
    def save_response(self, response: PartnersResponse) -> None:
        self._repository.save_response(response)

    def view(self) -> ActionPlanView:
        return ActionPlanView(
            self._today(),
            tuple(self._findings()),
            tuple(self._repository.actions()),
            self._repository.response(),
        )
