"""The review's log in the review file (implements `reviewer_app.services.report.ReviewLog`).

It records that something happened (an anonymisation override: when, which format, how many
findings) and never what was found, so the log itself cannot leak a name.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from reviewer_app.reporting.log import LogEntry
from storage.bound import EngineBound
from storage.schema import review_log


class SqlReviewLog(EngineBound):
    def record(self, entry: LogEntry) -> LogEntry:
        with self._engine.begin() as conn:
            result = conn.execute(
                insert(review_log).values(
                    at=entry.at.isoformat(),
                    kind=entry.kind,
                    summary=entry.summary,
                    count=entry.count,
                )
            )
            new_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return LogEntry(entry.at, entry.kind, entry.summary, entry.count, new_id)

    def entries(self, kind: str | None = None) -> list[LogEntry]:
        query = select(review_log).order_by(review_log.c.at, review_log.c.id)
        if kind is not None:
            query = query.where(review_log.c.kind == kind)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        found = []
        for row in rows:
            r = row._mapping  # `count` is also a method of a row
            found.append(
                LogEntry(
                    dt.datetime.fromisoformat(r["at"]), r["kind"], r["summary"], r["count"], r["id"]
                )
            )
        return found
