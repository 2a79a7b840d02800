"""Chronology requests sent to agencies, in the review file.

Implements `reviewer_app.chronology.requests.RequestRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update

from reviewer_app.chronology.requests import ChronologyRequest
from reviewer_app.errors import InvalidInputError
from storage.bound import EngineBound
from storage.schema import chronology_request as table


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class SqlRequests(EngineBound):
    def requests(self) -> list[ChronologyRequest]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(table).order_by(table.c.requested_on, table.c.id)).all()
        return [
            ChronologyRequest(
                agency_id=row.agency_id,
                reference=row.reference,
                requested_on=dt.date.fromisoformat(row.requested_on),
                due_on=_date(row.due_on),
                received_on=_date(row.received_on),
                received_batch=row.received_batch,
                id=row.id,
            )
            for row in rows
        ]

    def add_request(self, request: ChronologyRequest) -> ChronologyRequest:
        values = {
            "agency_id": request.agency_id,
            "reference": request.reference,
            "requested_on": request.requested_on.isoformat(),
            "due_on": request.due_on.isoformat() if request.due_on else None,
            "received_on": request.received_on.isoformat() if request.received_on else None,
            "received_batch": request.received_batch,
        }
        if request.id is not None:
            values["id"] = request.id
        with self._engine.begin() as conn:
            key = conn.execute(insert(table).values(**values)).inserted_primary_key
        assert key is not None
        return ChronologyRequest(
            request.agency_id,
            request.reference,
            request.requested_on,
            request.due_on,
            request.received_on,
            request.received_batch,
            int(key[0]),
        )

    def mark_received(self, reference: str, batch_id: int, on: dt.date) -> None:
        with self._engine.begin() as conn:
            done = conn.execute(
                update(table)
                .where(table.c.reference == reference)
                .values(received_on=on.isoformat(), received_batch=batch_id)
            )
            if done.rowcount != 1:
                raise InvalidInputError(
                    f"There is no chronology request with the reference {reference} in this review."
                )
