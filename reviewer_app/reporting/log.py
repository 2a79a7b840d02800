"""The review's own log, kept inside the encrypted review file: counts and kinds, never names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

OVERRIDE_KIND = "anonymisation-override"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the review's log. Holds counts and kinds, never names or case text."""

    at: dt.datetime
    kind: str
    summary: str
    count: int = 0
    id: int | None = None


class ReviewLog(Protocol):
    """The review's own log (kept inside the encrypted review file)."""

    def record(self, entry: LogEntry) -> LogEntry: ...
    def entries(self, kind: str | None = None) -> list[LogEntry]: ...


def override_entry(file_format: str, hit_count: int, at: dt.datetime | None = None) -> LogEntry:
    when = at or dt.datetime.now(dt.UTC)
    noun = "finding" if hit_count == 1 else "findings"
    return LogEntry(
        at=when,
        kind=OVERRIDE_KIND,
        summary=(
            f"Internal working draft exported as {file_format.upper()} with the anonymisation "
            f"check overridden ({hit_count} {noun})."
        ),
        count=hit_count,
    )
