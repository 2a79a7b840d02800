"""The reviewer's decisions on anonymisation findings, in the review file
(implements `reviewer_app.anonymisation.decisions.DecisionStore`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select

from reviewer_app.anonymisation.decisions import Decision, DecisionKind
from storage.bound import EngineBound
from storage.schema import anonymisation_decision as table


class SqlDecisionStore(EngineBound):
    def decisions(self) -> tuple[Decision, ...]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(table).order_by(table.c.id)).all()
        return tuple(
            Decision(
                DecisionKind(r.kind),
                r.form,
                r.pseudonym,
                r.context,
                dt.datetime.fromisoformat(r.made),
                r.id,
            )
            for r in rows
        )

    def record(self, decision: Decision) -> Decision:
        made = decision.made or dt.datetime.now(dt.UTC)
        with self._engine.begin() as conn:
            same = conn.execute(
                select(table.c.id).where(
                    table.c.kind == decision.kind.value,
                    table.c.form == decision.form,
                    table.c.context == decision.context,
                )
            ).first()
            if same is not None:
                conn.execute(delete(table).where(table.c.id == same.id))
            result = conn.execute(
                insert(table).values(
                    kind=decision.kind.value,
                    form=decision.form,
                    pseudonym=decision.pseudonym,
                    context=decision.context,
                    made=made.isoformat(),
                )
            )
            key = result.inserted_primary_key
        return Decision(
            decision.kind,
            decision.form,
            decision.pseudonym,
            decision.context,
            made,
            int(key[0]) if key else None,
        )

    def remove(self, decision_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(table).where(table.c.id == decision_id))
