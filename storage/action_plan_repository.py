"""The action plan and the partners' written response, in the review file.

Implements `reviewer_app.actions.model.ActionPlanRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as upsert

from reviewer_app.actions.model import Action, ActionStatus, PartnersResponse
from storage.bound import EngineBound, upsert_by_id
from storage.schema import partners_response as response_table
from storage.schema import plan_action as action_table

_STATUSES = {s.value: s for s in ActionStatus}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class SqlActionPlan(EngineBound):
    def actions(self) -> list[Action]:
        t = action_table
        with self._engine.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.finding_id, t.c.due, t.c.id)).all()
        return [
            Action(
                improvement=r.improvement,
                action=r.action,
                owner_agency=r.owner_agency,
                due=_day(r.due),
                status=_STATUSES.get(r.status, ActionStatus.NOT_STARTED),
                evidence_of_impact=r.evidence_of_impact,
                finding_id=r.finding_id,
                completed_on=_day(r.completed_on),
                id=r.id,
            )
            for r in rows
        ]

    def save_action(self, action: Action) -> Action:
        row: dict[str, Any] = {
            "finding_id": action.finding_id,
            "improvement": action.improvement,
            "action": action.action,
            "owner_agency": action.owner_agency,
            "due": _iso(action.due),
            "status": action.status.value,
            "evidence_of_impact": action.evidence_of_impact,
            "completed_on": _iso(action.completed_on),
        }
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, action_table, action.id, row)
        return Action(
            action.improvement,
            action.action,
            action.owner_agency,
            action.due,
            action.status,
            action.evidence_of_impact,
            action.finding_id,
            action.completed_on,
            new_id,
        )

    def remove_action(self, action_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(action_table).where(action_table.c.id == action_id))

    def response(self) -> PartnersResponse:
        with self._engine.connect() as conn:
            row = conn.execute(select(response_table)).first()
        if row is None:
            return PartnersResponse()
        return PartnersResponse(row.text, _day(row.received_on))

    def save_response(self, response: PartnersResponse) -> None:
        values = {"text": response.text, "received_on": _iso(response.received_on)}
        statement = upsert(response_table).values(id=1, **values)
        with self._engine.begin() as conn:
            conn.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
