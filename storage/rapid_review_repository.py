"""The rapid review record, in the review file (one row).

Implements `reviewer_app.timetable.rapid_review.RapidReviewRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as upsert

from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from storage.bound import EngineBound
from storage.schema import rapid_review as table

_ANSWERS = {a.value: a for a in Answer}
_DECISIONS = {d.value: d for d in Decision}


class SqlRapidReview(EngineBound):
    def load(self) -> RapidReview:
        with self._engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == 1)).first()
        if row is None:
            return RapidReview()
        return RapidReview(
            facts=row.facts,
            immediate_action=row.immediate_action,
            agency_learning=row.agency_learning,
            criteria_met=_ANSWERS.get(row.criteria_met, Answer.NOT_DECIDED),
            decision=_DECISIONS.get(row.decision, Decision.NOT_DECIDED),
            decision_reasons=row.decision_reasons,
            national_importance=_ANSWERS.get(row.national_importance, Answer.NOT_DECIDED),
            national_reasons=row.national_reasons,
            sent_to_panel=dt.date.fromisoformat(row.sent_to_panel) if row.sent_to_panel else None,
        )

    def save(self, record: RapidReview) -> None:
        values: dict[str, Any] = {
            "facts": record.facts,
            "immediate_action": record.immediate_action,
            "agency_learning": record.agency_learning,
            "criteria_met": record.criteria_met.value,
            "decision": record.decision.value,
            "decision_reasons": record.decision_reasons,
            "national_importance": record.national_importance.value,
            "national_reasons": record.national_reasons,
            "sent_to_panel": record.sent_to_panel.isoformat() if record.sent_to_panel else None,
        }
        statement = upsert(table).values(id=1, **values)
        with self._engine.begin() as conn:
            conn.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
