"""The review's own details, stored as the single row of the `review` table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from reviewer_app.review import (
    Methodology,
    ProtectiveMarking,
    Review,
    ReviewStatus,
    ReviewType,
    ScopePeriod,
)
from storage.bound import EngineBound
from storage.schema import review as review_table


def review_to_row(details: Review) -> dict[str, Any]:
    return {
        "id": 1,
        "title": details.title,
        "review_type": details.review_type.value,
        "board": details.board,
        "methodology": details.methodology.value,
        "scope_start": details.scope.start.isoformat() if details.scope else None,
        "scope_end": details.scope.end.isoformat() if details.scope else None,
        "status": details.status.value,
        "marking": details.marking.value,
        "terms_of_reference": details.terms_of_reference,
        "created": details.created.isoformat(),
        "lead_reviewer": details.lead_reviewer,
        "circulation": details.circulation,
    }


def row_to_review(row: Any) -> Review:
    scope = None
    if row.scope_start and row.scope_end:
        scope = ScopePeriod(
            dt.date.fromisoformat(row.scope_start), dt.date.fromisoformat(row.scope_end)
        )
    return Review(
        title=row.title,
        review_type=ReviewType(row.review_type),
        board=row.board,
        methodology=Methodology(row.methodology),
        scope=scope,
        status=ReviewStatus(row.status),
        marking=ProtectiveMarking(row.marking),
        terms_of_reference=row.terms_of_reference,
        created=dt.datetime.fromisoformat(row.created),
        lead_reviewer=row.lead_reviewer,
        circulation=row.circulation,
    )


class SqlReviewDetails(EngineBound):
    """Implements `reviewer_app.repositories.ReviewDetailsRepository`."""

    def load(self) -> Review:
        with self._engine.connect() as conn:
            row = conn.execute(select(review_table)).one()
        return row_to_review(row)

    def save(self, details: Review) -> None:
        row = review_to_row(details)
        with self._engine.begin() as conn:
            conn.execute(review_table.update().where(review_table.c.id == 1).values(**row))
