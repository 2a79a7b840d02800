"""A stand-in for ChronologyService that serves a demo snapshot from memory (for big sizes)."""

from __future__ import annotations

import datetime as dt

from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.interchange import ReviewSnapshot


class SnapshotService:
    """Answers what the timeline asks of ChronologyService, from a snapshot."""

    def __init__(self, snapshot: ReviewSnapshot) -> None:
        self.snapshot = snapshot
        self.repository = self

    def entries(self) -> list[ChronologyEntry]:
        return list(self.snapshot.entries)

    def entry_rows(self) -> list[ChronologyEntry]:
        return list(self.snapshot.entries)

    def agencies(self) -> list[Agency]:
        return list(self.snapshot.agencies)

    def subject_date_of_birth(self) -> dt.date | None:
        return self.snapshot.subject_date_of_birth
