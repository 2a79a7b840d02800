"""The review's timetable and delay log, in the review file.

Implements `reviewer_app.timetable.repository.TimetableRepository` with SQLAlchemy Core. Only
what the reviewer records is stored; due dates are worked out from the rules when read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from storage.bound import EngineBound
from storage.schema import delay as delay_table
from storage.schema import milestone as milestone_table

_KINDS = {k.value: k for k in MilestoneKind}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _delay_values(delay: DelayRecord) -> dict[str, Any]:
    return {
        "milestone": delay.milestone.value if delay.milestone else None,
        "recorded_on": delay.recorded_on.isoformat(),
        "reason": delay.reason,
        "revised_date": _iso(delay.revised_date),
        "board_told": int(delay.board_told),
        "board_told_on": _iso(delay.board_told_on),
        "panel_told_on": _iso(delay.panel_told_on),
    }


class SqlTimetable(EngineBound):
    def milestones(self) -> list[MilestoneRecord]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(milestone_table)).all()
        return [
            MilestoneRecord(
                _KINDS[r.kind],
                _day(r.done_on),
                _day(r.due_override),
                bool(r.not_applicable),
                r.note,
            )
            for r in rows
            if r.kind in _KINDS
        ]

    def save_milestone(self, record: MilestoneRecord) -> None:
        values = {
            "done_on": _iso(record.done_on),
            "due_override": _iso(record.due_override),
            "not_applicable": int(record.not_applicable),
            "note": record.note,
        }
        statement = upsert(milestone_table).values(kind=record.kind.value, **values)
        with self._engine.begin() as conn:
            conn.execute(statement.on_conflict_do_update(index_elements=["kind"], set_=values))

    def delays(self) -> list[DelayRecord]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(delay_table).order_by(delay_table.c.recorded_on, delay_table.c.id)
            ).all()
        return [
            DelayRecord(
                recorded_on=dt.date.fromisoformat(r.recorded_on),
                reason=r.reason,
                milestone=_KINDS.get(r.milestone) if r.milestone else None,
                revised_date=_day(r.revised_date),
                board_told=bool(r.board_told),
                board_told_on=_day(r.board_told_on),
                id=r.id,
                panel_told_on=_day(r.panel_told_on),
            )
            for r in rows
        ]

    def add_delay(self, delay: DelayRecord) -> DelayRecord:
        """Store a new delay; one with an id (a removal being undone) gets its old id back."""
        values = _delay_values(delay)
        if delay.id is not None:
            values["id"] = delay.id
        with self._engine.begin() as conn:
            new_id = conn.execute(insert(delay_table).values(**values)).inserted_primary_key
        assert new_id is not None
        return DelayRecord(
            delay.recorded_on,
            delay.reason,
            delay.milestone,
            delay.revised_date,
            delay.board_told,
            delay.board_told_on,
            int(new_id[0]),
            delay.panel_told_on,
        )

    def update_delay(self, delay: DelayRecord) -> None:
        if delay.id is None:
            raise ValueError("cannot update a delay that was never saved")
        with self._engine.begin() as conn:
            conn.execute(
                update(delay_table)
                .where(delay_table.c.id == delay.id)
                .values(**_delay_values(delay))
            )

    def remove_delay(self, delay_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(delay_table).where(delay_table.c.id == delay_id))
