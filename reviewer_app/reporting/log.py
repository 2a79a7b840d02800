"""The review's own log, kept inside the encrypted review file: counts and kinds, never names."""

from __future__ import annotations

import datetime as dt
import re
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


EXPORT_KIND = "report-export"
_EXPORTED = re.compile(r"\(status ([a-z]+), content ([0-9a-f]{16})\)")


def export_entry(
    file_format: str,
    version: int,
    status: str,
    status_label: str,
    fingerprint: str,
    at: dt.datetime | None = None,
) -> LogEntry:
    """A report exported: its version number (the entry's count), its status and a digest of
    its content, so the same content exported again keeps its version. Never the text."""
    return LogEntry(
        at=at or dt.datetime.now(dt.UTC),
        kind=EXPORT_KIND,
        summary=(
            f"Report version {version} exported as {file_format.upper()}: "
            f"{status_label.lower()} (status {status}, content {fingerprint})."
        ),
        count=version,
    )


def exported_version(entry: LogEntry) -> tuple[str, str] | None:
    """The status and content digest an export entry recorded."""
    found = _EXPORTED.search(entry.summary)
    return (found.group(1), found.group(2)) if found else None
